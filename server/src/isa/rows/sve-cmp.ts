// SVE integer compares into predicates: vectors, wide elements and immediates.
import { RowSpec } from '../table';

export const SVE_CMP: RowSpec[] = [];
