// General-purpose registers: x/w, with register 31 read as the zero register or as sp.
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, requireTok } from './operand';

export interface ParsedGpr {
  readonly num: number; // 0..31
  readonly width: 32 | 64;
  readonly is31: 'zr' | 'sp' | null;
}

const ALIASES: Record<string, string> = { lr: 'x30', fp: 'x29', ip0: 'x16', ip1: 'x17' };

const BY_NAME = new Map<string, ParsedGpr | null>();

/** Parses a general register name (case-insensitive; lr, fp, ip0, ip1 accepted as gas does). */
export function parseGpr(tok: string): ParsedGpr | null {
  let r = BY_NAME.get(tok);
  if (r === undefined) {
    r = parseGprSlow(tok);
    if (BY_NAME.size < 4096) BY_NAME.set(tok, r);
  }
  return r;
}

function parseGprSlow(tok: string): ParsedGpr | null {
  const t = ALIASES[tok.toLowerCase()] ?? tok.toLowerCase();
  if (t === 'sp') return { num: 31, width: 64, is31: 'sp' };
  if (t === 'wsp') return { num: 31, width: 32, is31: 'sp' };
  if (t === 'xzr') return { num: 31, width: 64, is31: 'zr' };
  if (t === 'wzr') return { num: 31, width: 32, is31: 'zr' };
  const m = /^([xw])(\d\d?)$/.exec(t);
  if (!m) return null;
  const n = Number(m[2]);
  if (n > 30 || (m[2].length === 2 && m[2][0] === '0')) return null;
  return { num: n, width: m[1] === 'x' ? 64 : 32, is31: null };
}

export function gprName(num: number, width: 32 | 64, r31: 'zr' | 'sp'): string {
  if (num === 31) return width === 64 ? (r31 === 'sp' ? 'sp' : 'xzr') : r31 === 'sp' ? 'wsp' : 'wzr';
  return (width === 64 ? 'x' : 'w') + num;
}

const X_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 64, 'zr'));
const XSP_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 64, 'sp'));
const W_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 32, 'zr'));
const WSP_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 32, 'sp'));

function gprSpec(name: string, width: 32 | 64, r31: 'zr' | 'sp', optional = false): OperandSpec {
  const names = width === 64 ? (r31 === 'sp' ? XSP_NAMES : X_NAMES) : r31 === 'sp' ? WSP_NAMES : W_NAMES;
  const what = `a ${width}-bit general register${r31 === 'sp' ? ' or ' + (width === 64 ? 'sp' : 'wsp') : ''}`;
  return (p) => {
    const a = fieldAccess(p, name);
    const lo = a.f.lo;
    const op: BoundOperand = {
      role: 'gpr',
      fields: [name],
      optional,
      decode: (w) => names[(w >>> lo) & 31],
      encode: (tok) => {
        const t = requireTok(tok, what);
        const r = parseGpr(t);
        if (!r || r.width !== width) return new EncodeError(`expected ${what}, got '${t}'`);
        if (r.is31 && r.is31 !== r31) return new EncodeError(`expected ${what}, got '${t}'`);
        return { bits: a.set(r.num), mask: a.mask };
      },
    };
    return op;
  };
}

/** 64-bit register, 31 = xzr. */
export const X = (f: string) => gprSpec(f, 64, 'zr');
/** 64-bit register, 31 = sp. */
export const Xsp = (f: string) => gprSpec(f, 64, 'sp');
/** 32-bit register, 31 = wzr. */
export const W = (f: string) => gprSpec(f, 32, 'zr');
/** 32-bit register, 31 = wsp. */
export const Wsp = (f: string) => gprSpec(f, 32, 'sp');
/** Register of the width chosen by the row (sf = 1 → x). */
export const R = (f: string, sf: 0 | 1) => (sf ? X(f) : W(f));
export const Rsp = (f: string, sf: 0 | 1) => (sf ? Xsp(f) : Wsp(f));
/** An optional trailing 64-bit register that is omitted when it is 31 (e.g. `ret` = `ret x30` differs; `blr`…). */
export function XOptional(name: string, dflt: number): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    return {
      role: 'gpr',
      fields: [name],
      optional: true,
      decode: (w) => (a.get(w) === dflt ? '' : X_NAMES[a.get(w)]),
      encode: (tok) => {
        if (tok === undefined) return { bits: a.set(dflt), mask: a.mask };
        const r = parseGpr(tok);
        if (!r || r.width !== 64 || r.is31 === 'sp') return new EncodeError(`expected a 64-bit general register, got '${tok}'`);
        return { bits: a.set(r.num), mask: a.mask };
      },
    };
  };
}
