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
import { SME } from './sme';
import { SVE_CMP } from './sve-cmp';
import { SVE_FP } from './sve-fp';
import { SVE_INT } from './sve-int';
import { SVE_LDST_CONTIG } from './sve-ldst-contig';
import { SVE_LDST_GATHER } from './sve-ldst-gather';
import { SVE_PERM } from './sve-perm';
import { SVE_PRED } from './sve-pred';
import { SVE2_INT } from './sve2-int';
import { SVE2_WIDE } from './sve2-wide';

export const ROWS: readonly Row[] = [
  ...BRANCH_SYS, ...DP_IMM, ...DP_REG, ...LDST, ...FP, ...SIMD_VEC, ...SIMD_MISC, ...SIMD_LDST,
  ...SVE_INT, ...SVE_PERM, ...SVE_PRED, ...SVE_CMP, ...SVE2_INT, ...SVE2_WIDE, ...SVE_FP, ...SVE_LDST_CONTIG,
  ...SVE_LDST_GATHER, ...SME,
].map(bindRow);
