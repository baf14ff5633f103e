// AdvSIMD vector data processing: three same / extra / different, two-register misc, across
// lanes, permute, ext, tbl/tbx and vector x indexed element.
import { RowSpec } from '../table';
import { SIMD_VEC_ELEM } from './simd-vec-elem';
import { SIMD_VEC_MISC } from './simd-vec-misc';
import { SIMD_VEC_SAME } from './simd-vec-same';

// Element rows first: when no form fits, the encoder reports the first of the rows that got
// furthest, and an element operand's error (index or register range) is the more useful one.
export const SIMD_VEC: RowSpec[] = [...SIMD_VEC_ELEM, ...SIMD_VEC_SAME, ...SIMD_VEC_MISC];
