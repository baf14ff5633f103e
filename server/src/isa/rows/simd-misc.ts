// (being written) rows of this class group.
import { RowSpec } from '../table';

export const SIMD_MISC: RowSpec[] = [];
