// The Rm and extend operands of add/sub (extended register), encoded the way GNU as takes them.
// Decoding is the shared ExtReg/Extend (shift.ts). For encoding, GNU as:
//   - takes Rm of either width in the 64-bit form (the option field alone says w or x), only w in
//     the 32-bit form;
//   - takes `lsl #n`, or no extend at all, only when Rd or Rn is sp; lsl then means uxtw for a w
//     Rm and uxtx for an x Rm;
//   - otherwise requires one of uxtb…sxtx, with an amount 0..4.
// The extend's encoding depends on Rm's width, which the accumulated bits do not record, so the
// two operands of one pair share that width (tryRow encodes Rm just before the extend).
import { parseGpr } from './gpr';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';
import { ExtReg, Extend } from './shift';

const EXTENDS = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];

/**
 * [Rm, extend] of an extended-register row of the given width; `spFields` are the fields where
 * register 31 is sp (Rd and Rn for add/sub, Rn for adds/subs/cmp/cmn).
 */
export function ExtendedRm(
  width: 32 | 64,
  spFields: readonly string[],
  rmName = 'Rm',
  optionName = 'option',
  amountName = 'imm3',
): [OperandSpec, OperandSpec] {
  const state = { rmWidth: width as 32 | 64 };
  const what = width === 64 ? 'a general register' : 'a 32-bit general register';

  const rmSpec: OperandSpec = (p) => {
    const rm = fieldAccess(p, rmName);
    const dec = width === 64 ? ExtReg(rmName, optionName)(p) : null;
    const op: BoundOperand = {
      role: 'gpr',
      fields: [rmName],
      optional: false,
      decode: dec ? dec.decode : (w) => { const n = rm.get(w); return n === 31 ? 'wzr' : 'w' + n; },
      encode: (tok) => {
        const t = requireTok(tok, what);
        const r = parseGpr(t);
        if (!r || r.is31 === 'sp' || (width === 32 && r.width !== 32)) return new EncodeError(`expected ${what}, got '${t}'`);
        state.rmWidth = r.width;
        return { bits: rm.set(r.num), mask: rm.mask };
      },
    };
    return op;
  };

  const extSpec: OperandSpec = (p) => {
    const dec = Extend(width, spFields, optionName, amountName)(p);
    const opt = fieldAccess(p, optionName);
    const amt = fieldAccess(p, amountName);
    const sps = spFields.map((n) => fieldAccess(p, n));
    const spNames = spFields.join(' or ');
    const op: BoundOperand = {
      role: 'extend',
      fields: [optionName, amountName],
      optional: true,
      decode: dec.decode,
      encode: (tok, env, acc) => {
        const usesSp = sps.some((s) => s.get(acc) === 31);
        const lslOption = state.rmWidth === 64 ? 3 : 2;
        if (tok === undefined) {
          if (!usesSp) return new EncodeError(`missing extend operator (uxtb…sxtx): it may be omitted only when ${spNames} is sp`);
          return { bits: opt.set(lslOption), mask: opt.mask | amt.mask };
        }
        const t = tok.trim();
        let k = 0;
        while (k < t.length && /[A-Za-z]/.test(t[k])) k++;
        const name = t.slice(0, k).toLowerCase();
        const rest = k < t.length ? t.slice(k).trim() : undefined;
        const a = rest !== undefined ? Number(parseImmediate(rest, env)) : 0;
        if (name === 'lsl') {
          if (!usesSp) return new EncodeError(`'lsl' is allowed only when ${spNames} is sp; use an extend (uxtb…sxtx)`);
          if (rest === undefined) return new EncodeError("'lsl' needs an amount");
        } else if (EXTENDS.indexOf(name) < 0) {
          return new EncodeError(`expected an extend (uxtb…sxtx${usesSp ? ' or lsl' : ''}), got '${t}'`);
        }
        if (!(a >= 0 && a <= 4)) return new EncodeError('extend amount out of range 0..4');
        const o = name === 'lsl' ? lslOption : EXTENDS.indexOf(name);
        return { bits: opt.set(o) | amt.set(a), mask: opt.mask | amt.mask };
      },
    };
    return op;
  };

  return [rmSpec, extSpec];
}
