// SVE permutes, bitwise and wide immediates and copies of the 0x05 space: dup (indexed, scalar, immediate), insr, tbl/tbx, rev*, unpack, zip/uzp/trn, ext, splice, compact, sel, clast/last, cpy, and/orr/eor/dupm with a bitmask immediate.
import { RowSpec } from '../table';

export const SVE_PERM: RowSpec[] = [];
