// (being written) AdvSIMD structure loads/stores and MOPS.
import { RowSpec } from '../table';

export const SIMD_LDST: RowSpec[] = [];
