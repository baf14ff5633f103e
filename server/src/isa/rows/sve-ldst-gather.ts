// SVE gathers, scatters and prefetches: vector-plus-immediate and scalar-plus-vector loads and stores, SVE2 non-temporal gathers/scatters, and every prf* form.
import { RowSpec } from '../table';

export const SVE_LDST_GATHER: RowSpec[] = [];
