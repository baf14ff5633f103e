// Data processing (register): logical and add/sub shifted/extended register, add/sub with carry,
// rmif/setf, conditional compare and select, 1-, 2- and 3-source; plus, from the immediate space,
// min/max immediate (CSSC) and add/sub immediate with tags (MTE).
import { Cond } from '../operands/cond';
import { R, W, X, XOptional, Xsp } from '../operands/gpr';
import { Imm } from '../operands/imm';
import { BoundOperand, OperandSpec, Tie, fieldAccess } from '../operands/operand';
import { ExtReg, Extend, Shift } from '../operands/shift';
import { RowSpec, group, row } from '../table';

const SF = [0, 1] as const;
type F = (n: string) => number;

/** A hidden operand that the decoder ignores and the encoder fills with a constant (smulh's Ra = 31). */
function Fill(name: string, value: number): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    const op: BoundOperand = {
      role: 'other', fields: [], optional: true, hidden: true,
      decode: () => '',
      encode: () => ({ bits: a.set(value), mask: a.mask }),
    };
    return op;
  };
}

/** Conditions eq..le (not al/nv): the cset/cinc family applies. */
const invertible = (f: F) => f('cond') < 14;

// --- logical (shifted register) -----------------------------------------------------------------

const logShift = group({ cls: 'log_shift' }, SF.flatMap((sf) => {
  const w = (sf ? 64 : 32) as 32 | 64;
  const p = (opc: string, n: string, rn = 'Rn:5', rd = 'Rd:5', sh = 'shift:2 ' + n + ' Rm:5 imm6:6') =>
    `${sf} ${opc} 01010 ${sh} ${rn} ${rd}`;
  const rd = R('Rd', sf);
  const rn = R('Rn', sf);
  const rm = R('Rm', sf);
  const sh = Shift(w, true);
  return [
    row('and', p('00', '0'), [rd, rn, rm, sh]),
    row('bic', p('00', '1'), [rd, rn, rm, sh]),
    row('mov', p('01', '0', 'Rn=11111', 'Rd:5', 'shift=00 0 Rm:5 imm6=000000'), [rd, rm], { aliasOf: 'orr' }),
    row('orr', p('01', '0'), [rd, rn, rm, sh]),
    row('mvn', p('01', '1', 'Rn=11111'), [rd, rm, sh], { aliasOf: 'orn' }),
    row('orn', p('01', '1'), [rd, rn, rm, sh]),
    row('eor', p('10', '0'), [rd, rn, rm, sh]),
    row('eon', p('10', '1'), [rd, rn, rm, sh]),
    row('tst', p('11', '0', 'Rn:5', 'Rd=11111'), [rn, rm, sh], { aliasOf: 'ands' }),
    row('ands', p('11', '0'), [rd, rn, rm, sh]),
    row('bics', p('11', '1'), [rd, rn, rm, sh]),
  ];
}));

// --- add/sub (shifted register) -----------------------------------------------------------------

const addsubShift = group({ cls: 'addsub_shift' }, SF.flatMap((sf) => {
  const w = (sf ? 64 : 32) as 32 | 64;
  const p = (op: string, s: string, rn = 'Rn:5', rd = 'Rd:5') => `${sf} ${op} ${s} 01011 shift:2 0 Rm:5 imm6:6 ${rn} ${rd}`;
  const rd = R('Rd', sf);
  const rn = R('Rn', sf);
  const rm = R('Rm', sf);
  const sh = Shift(w, false);
  return [
    row('add', p('0', '0'), [rd, rn, rm, sh]),
    row('cmn', p('0', '1', 'Rn:5', 'Rd=11111'), [rn, rm, sh], { aliasOf: 'adds' }),
    row('adds', p('0', '1'), [rd, rn, rm, sh]),
    row('neg', p('1', '0', 'Rn=11111'), [rd, rm, sh], { aliasOf: 'sub' }),
    row('sub', p('1', '0'), [rd, rn, rm, sh]),
    row('cmp', p('1', '1', 'Rn:5', 'Rd=11111'), [rn, rm, sh], { aliasOf: 'subs' }),
    row('negs', p('1', '1', 'Rn=11111'), [rd, rm, sh], { aliasOf: 'subs' }),
    row('subs', p('1', '1'), [rd, rn, rm, sh]),
  ];
}));

// --- add/sub (extended register) ----------------------------------------------------------------

const addsubExt = group({ cls: 'addsub_ext' }, SF.flatMap((sf) => {
  const w = (sf ? 64 : 32) as 32 | 64;
  const p = (op: string, s: string, rd = 'Rd:5') => `${sf} ${op} ${s} 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 ${rd}`;
  const rdSp = sf ? Xsp('Rd') : Wsp32('Rd');
  const rnSp = sf ? Xsp('Rn') : Wsp32('Rn');
  const rm = sf ? ExtReg() : W('Rm');
  return [
    row('add', p('0', '0'), [rdSp, rnSp, rm, Extend(w, ['Rd', 'Rn'])]),
    row('cmn', p('0', '1', 'Rd=11111'), [rnSp, rm, Extend(w, ['Rn'])], { aliasOf: 'adds' }),
    row('adds', p('0', '1'), [R('Rd', sf), rnSp, rm, Extend(w, ['Rn'])]),
    row('sub', p('1', '0'), [rdSp, rnSp, rm, Extend(w, ['Rd', 'Rn'])]),
    row('cmp', p('1', '1', 'Rd=11111'), [rnSp, rm, Extend(w, ['Rn'])], { aliasOf: 'subs' }),
    row('subs', p('1', '1'), [R('Rd', sf), rnSp, rm, Extend(w, ['Rn'])]),
  ];
}));

function Wsp32(name: string): OperandSpec {
  // 32-bit register where 31 is wsp
  return R(name, 0) === undefined ? W(name) : wspSpec(name);
}
import { Wsp as wspSpec } from '../operands/gpr';

export const DP_REG: RowSpec[] = [...logShift, ...addsubShift, ...addsubExt];
