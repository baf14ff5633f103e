// General-purpose registers: x/w, with register 31 read as the zero register or as sp.
import { Bits, BoundOperand, EncodeError, OperandSpec, fieldAccess, requireTok } from './operand';
import { GPR_SHAPES } from './token-shape';

export interface ParsedGpr {
  readonly num: number; // 0..31
  readonly width: 32 | 64;
  readonly is31: 'zr' | 'sp' | null;
}

const reg = (num: number, width: 32 | 64, is31: ParsedGpr['is31'] = null): ParsedGpr => ({ num, width, is31 });
const X_REGS = Array.from({ length: 31 }, (_, n) => reg(n, 64));
const W_REGS = Array.from({ length: 31 }, (_, n) => reg(n, 32));
const NAMED = new Map<string, ParsedGpr>([
  ['sp', reg(31, 64, 'sp')], ['wsp', reg(31, 32, 'sp')], ['xzr', reg(31, 64, 'zr')], ['wzr', reg(31, 32, 'zr')],
  ['lr', X_REGS[30]], ['fp', X_REGS[29]], ['ip0', X_REGS[16]], ['ip1', X_REGS[17]],
]);

/** Parses a general register name (case-insensitive; lr, fp, ip0, ip1 accepted as gas does). */
export function parseGpr(tok: string): ParsedGpr | null {
  // x0..x30 / w0..w30 read from the character codes (the encoder's hot path)
  const n = tok.length;
  if (n < 2 || n > 3) return null;
  const c = tok.charCodeAt(0) | 32;
  const d0 = tok.charCodeAt(1) - 48;
  if ((c === 120 || c === 119) && d0 >= 0 && d0 <= 9) {
    let num = d0;
    if (n === 3) {
      const d1 = tok.charCodeAt(2) - 48;
      if (d0 === 0 || d1 < 0 || d1 > 9) return null;
      num = d0 * 10 + d1;
      if (num > 30) return null;
    }
    return c === 120 ? X_REGS[num] : W_REGS[num];
  }
  return NAMED.get(tok.toLowerCase()) ?? null;
}

export function gprName(num: number, width: 32 | 64, r31: 'zr' | 'sp'): string {
  if (num === 31) return width === 64 ? (r31 === 'sp' ? 'sp' : 'xzr') : r31 === 'sp' ? 'wsp' : 'wzr';
  return (width === 64 ? 'x' : 'w') + num;
}

const X_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 64, 'zr'));
const XSP_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 64, 'sp'));
const W_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 32, 'zr'));
const WSP_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 32, 'sp'));

// {bits, mask} of register n in a 5-bit field at lo: the same for every row, so made once
const REG_BITS: Bits[][] = [];
export function regBits(lo: number, n: number): Bits {
  const list = (REG_BITS[lo] ??= []);
  return (list[n] ??= { bits: (n * 2 ** lo) >>> 0, mask: (31 * 2 ** lo) >>> 0 });
}

function gprSpec(name: string, width: 32 | 64, r31: 'zr' | 'sp', optional = false): OperandSpec {
  const names = width === 64 ? (r31 === 'sp' ? XSP_NAMES : X_NAMES) : r31 === 'sp' ? WSP_NAMES : W_NAMES;
  const what = `a ${width}-bit general register${r31 === 'sp' ? ' or ' + (width === 64 ? 'sp' : 'wsp') : ''}`;
  const shapes = width === 64 ? (r31 === 'sp' ? GPR_SHAPES.xsp : GPR_SHAPES.x) : r31 === 'sp' ? GPR_SHAPES.wsp : GPR_SHAPES.w;
  return (p) => {
    const a = fieldAccess(p, name);
    const lo = a.f.lo;
    if (a.f.width !== 5) throw new Error(`register field ${name} is not 5 bits`);
    const op: BoundOperand = {
      role: 'gpr',
      fields: [name],
      optional,
      shapes,
      decode: (w) => names[(w >>> lo) & 31],
      encode: (tok) => {
        const t = requireTok(tok, what);
        const r = parseGpr(t);
        if (!r || r.width !== width) return new EncodeError(`expected ${what}, got '${t}'`);
        if (r.is31 && r.is31 !== r31) return new EncodeError(`expected ${what}, got '${t}'`);
        return regBits(lo, r.num);
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
      shapes: GPR_SHAPES.x,
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
