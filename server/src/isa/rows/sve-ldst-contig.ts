// SVE loads and stores with a scalar base: contiguous (ld1*/st1*, first-fault, non-fault, non-temporal), structures (ld2-4/st2-4), load-and-replicate, and ldr/str of vector and predicate registers.
import { RowSpec } from '../table';

export const SVE_LDST_CONTIG: RowSpec[] = [];
