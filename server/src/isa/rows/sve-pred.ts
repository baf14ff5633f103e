// SVE predicate instructions of the 0x25 space: predicate logic, ptrue/pfalse/ptest, first/next, break and partition, counts of active elements, while*, and the unpredicated wide-immediate arithmetic and dup/fdup.
import { RowSpec } from '../table';

export const SVE_PRED: RowSpec[] = [];
