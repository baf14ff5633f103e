// SVE2 integer instructions of the 0x44/0x45 space: widening, narrowing, pairwise, saturating and complex arithmetic, indexed multiplies and dot products, crypto, bit permutes, histograms and matches.
import { RowSpec } from '../table';

export const SVE2_INT: RowSpec[] = [];
