// Shifted-register and extended-register operand modifiers.
import { parseGpr } from './gpr';
import { EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';

const SHIFTS = ['lsl', 'lsr', 'asr', 'ror'];
const EXTENDS = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];

/** `, lsl #n` etc. of shifted-register forms; omitted when lsl #0. `ror` only for logical ops. */
export function Shift(width: 32 | 64, allowRor: boolean, shiftName = 'shift', amountName = 'imm6'): OperandSpec {
  return (p) => {
    const sh = fieldAccess(p, shiftName);
    const amt = fieldAccess(p, amountName);
    return {
      role: 'shift',
      fields: [shiftName, amountName],
      optional: true,
      decode: (w) => {
        const t = sh.get(w);
        const a = amt.get(w);
        if (t === 3 && !allowRor) return null;
        if (a >= width) return null;
        if (t === 0 && a === 0) return '';
        return `${SHIFTS[t]} #${a}`;
      },
      encode: (tok, env) => {
        if (tok === undefined) return { bits: 0, mask: sh.mask | amt.mask };
        const m = /^(lsl|lsr|asr|ror)(?:\s+|(?=#))(.+)$/i.exec(tok.trim());
        if (!m) return new EncodeError(`expected a shift (lsl|lsr|asr${allowRor ? '|ror' : ''} #n), got '${tok}'`);
        const t = SHIFTS.indexOf(m[1].toLowerCase());
        if (t === 3 && !allowRor) return new EncodeError("'ror' is not allowed here");
        const a = Number(parseImmediate(m[2], env));
        if (a < 0 || a >= width) return new EncodeError(`shift amount out of range 0..${width - 1}`);
        return { bits: sh.set(t) | amt.set(a), mask: sh.mask | amt.mask };
      },
    };
  };
}

/** Rm of a 64-bit extended-register form: x for uxtx/sxtx, else w. */
export function ExtReg(rmName = 'Rm', optionName = 'option'): OperandSpec {
  return (p) => {
    const rm = fieldAccess(p, rmName);
    const opt = fieldAccess(p, optionName);
    return {
      role: 'gpr',
      fields: [rmName],
      optional: false,
      decode: (w) => {
        const n = rm.get(w);
        const x = (opt.get(w) & 3) === 3;
        return n === 31 ? (x ? 'xzr' : 'wzr') : (x ? 'x' : 'w') + n;
      },
      encode: (tok) => {
        const r = parseGpr(requireTok(tok, 'a general register'));
        if (!r || r.is31 === 'sp') return new EncodeError(`expected a general register, got '${tok}'`);
        // an x register forces option<1:0> = 11 (uxtx/sxtx); Extend sets the rest
        const optBits = r.width === 64 ? opt.set(3) : 0;
        return { bits: rm.set(r.num) | optBits, mask: rm.mask | optBits };
      },
    };
  };
}

/**
 * `, uxtw #2` etc. of extended-register add/sub. With sp as Rd/Rn and the register-width extend,
 * objdump prints `lsl #n` (omitted when 0).
 */
export function Extend(width: 32 | 64, spFields: readonly string[], optionName = 'option', amountName = 'imm3'): OperandSpec {
  return (p) => {
    const opt = fieldAccess(p, optionName);
    const amt = fieldAccess(p, amountName);
    const sps = spFields.map((n) => fieldAccess(p, n));
    const lslOption = width === 64 ? 3 : 2;
    const usesSp = (w: number) => sps.some((s) => s.get(w) === 31);
    return {
      role: 'extend',
      fields: [optionName, amountName],
      optional: true,
      decode: (w) => {
        const o = opt.get(w);
        const a = amt.get(w);
        if (a > 4) return null;
        if (o === lslOption && usesSp(w)) return a === 0 ? '' : `lsl #${a}`;
        return a === 0 ? EXTENDS[o] : `${EXTENDS[o]} #${a}`;
      },
      encode: (tok, env) => {
        if (tok === undefined) return { bits: opt.set(lslOption), mask: amt.mask | opt.set(3) };
        const m = /^([a-z]+)(?:(?:\s+|(?=#))(.+))?$/i.exec(tok.trim());
        const name = m?.[1].toLowerCase() ?? '';
        const a = m?.[2] !== undefined ? Number(parseImmediate(m[2], env)) : 0;
        if (a < 0 || a > 4) return new EncodeError('extend amount out of range 0..4');
        if (name === 'lsl') {
          if (m?.[2] === undefined) return new EncodeError("'lsl' needs an amount");
          return { bits: opt.set(lslOption) | amt.set(a), mask: opt.mask | amt.mask };
        }
        const o = EXTENDS.indexOf(name);
        if (o < 0) return new EncodeError(`expected an extend (uxtb…sxtx or lsl), got '${tok}'`);
        return { bits: opt.set(o) | amt.set(a), mask: opt.mask | amt.mask };
      },
    };
  };
}
