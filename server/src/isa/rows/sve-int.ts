// SVE integer instructions of the 0x04/0x05 space: predicated and unpredicated arithmetic,
// reductions, shifts, element counts, index/address generation, immediates and permutes.
import { MulImm, PredPattern } from '../operands/sve-pattern';
import { Pg, Z } from '../operands/sve-reg';
import { TszShift, ZTsz } from '../operands/sve-tsz';
import { X } from '../operands/gpr';
import { RowSpec, group, row } from '../table';

const binPred = group({ cls: 'sve_int_bin_pred', feature: 'sve' }, [
  row('add', '00000100 size:2 0 00 000 000 Pg:3 Zm:5 Zdn:5', [Z('Zdn'), Pg('Pg', 'm'), Z('Zdn'), Z('Zm')]),
]);

const shiftImm = group({ cls: 'sve_int_bin_pred_shift_imm', feature: 'sve' }, [
  row('asr', '00000100 tszh:2 00 0000 100 Pg:3 tszl:2 imm3:3 Zdn:5', [ZTsz('Zdn', ['tszh', 'tszl']), Pg('Pg', 'm'), ZTsz('Zdn', ['tszh', 'tszl']), TszShift(['tszh', 'tszl'], 'imm3', 'right')]),
]);

const count = group({ cls: 'sve_int_count', feature: 'sve' }, [
  row('cntb', '00000100 00 1 0 imm4:4 1110 0 0 pattern:5 Rd:5', [X('Rd'), PredPattern('pattern', { omitAllWith: 'imm4' }), MulImm('imm4')]),
]);

export const SVE_INT: RowSpec[] = [...binPred, ...shiftImm, ...count];
