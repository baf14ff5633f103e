// The instruction table: every group's rows, bound to their patterns once at load.
// Decode precedence: priority, then more fixed bits, then this order; encode: this order.
import { Row, bindRow } from '../table';
import { BRANCH_SYS } from './branch-sys';
import { DP_IMM } from './dp-imm';
import { DP_REG } from './dp-reg';
import { FP } from './fp';
import { LDST } from './ldst';
import { SIMD_LDST } from './simd-ldst';
import { SIMD_MISC } from './simd-misc';
import { SIMD_VEC } from './simd-vec';

export const ROWS: readonly Row[] = [...BRANCH_SYS, ...DP_IMM, ...DP_REG, ...LDST, ...FP, ...SIMD_VEC, ...SIMD_MISC, ...SIMD_LDST].map(bindRow);
