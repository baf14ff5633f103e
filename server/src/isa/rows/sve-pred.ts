// SVE predicates and compares of the 0x24/0x25 space: predicate logic, ptrue/pfalse/ptest, break and partition, counts of active elements, while*, integer compares, and the unpredicated wide-immediate arithmetic.
import { RowSpec } from '../table';

export const SVE_PRED: RowSpec[] = [];
