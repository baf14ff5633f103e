// SVE2 integer instructions of the 0x45 space: widening and narrowing arithmetic, shifts by immediate, saturating extracts, complex integer arithmetic, crypto, bit permutes, histograms and matches.
import { RowSpec } from '../table';

export const SVE2_WIDE: RowSpec[] = [];
