// SVE floating-point instructions of the 0x64/0x65 space: arithmetic (predicated, unpredicated, indexed), complex, compares, conversions, rounding, reductions, fused multiply-add and the FP immediates.
import { RowSpec } from '../table';

export const SVE_FP: RowSpec[] = [];
