// Loads and stores (bits 27,25 = 1,0), except the AdvSIMD structure loads/stores and MOPS.
import { RowSpec } from '../table';
import { LDST_ATOMIC } from './ldst-atomic';
import { LDST_EXCL } from './ldst-excl';
import { LDST_MISC } from './ldst-misc';
import { LDST_PAIR } from './ldst-pair';
import { LDST_SINGLE } from './ldst-single';

export const LDST: RowSpec[] = [...LDST_PAIR, ...LDST_SINGLE, ...LDST_EXCL, ...LDST_ATOMIC, ...LDST_MISC];
