// SME (as binutils 2.40 knows it): outer products, ZA tile and slice moves, ZA loads and stores, zero, addha/addva, and the streaming-mode controls.
import { RowSpec } from '../table';

export const SME: RowSpec[] = [];
