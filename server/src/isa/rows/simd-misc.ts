// AdvSIMD copy, modified immediate, shift by immediate, the scalar classes and the crypto
// extensions (AES, SHA1/2/512, SHA3, SM3, SM4).
import { RowSpec } from '../table';
import { SIMD_MISC_CRYPTO } from './simd-misc-crypto';
import { SIMD_MISC_SCALAR } from './simd-misc-scalar';
import { SIMD_MISC_VEC } from './simd-misc-vec';

export const SIMD_MISC: RowSpec[] = [...SIMD_MISC_VEC, ...SIMD_MISC_SCALAR, ...SIMD_MISC_CRYPTO];
