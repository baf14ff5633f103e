// SVE2 integer instructions of the 0x44 space: integer multiply-add (indexed and vectors), dot products, saturating doubling multiplies, pairwise and halving arithmetic, shifts and complex integer arithmetic.
import { RowSpec } from '../table';

export const SVE2_INT: RowSpec[] = [];
