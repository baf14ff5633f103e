// Floating-point immediates: the 8-bit modified immediate of fmov (printed as objdump does,
// `#2.000000000000000000e+00`), the `#0.0` of fcmp/fcmpe, and the `#fbits` of the fixed-point
// conversions.
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';

/** The value of an 8-bit FP immediate a:b:cd:efgh = ±(16 + efgh)/16 · 2^(b ? cd − 3 : cd + 1). */
export function fpImm8Value(imm8: number): number {
  const sign = imm8 & 0x80 ? -1 : 1;
  const b = (imm8 >> 6) & 1;
  const cd = (imm8 >> 4) & 3;
  const e = b ? cd - 3 : cd + 1;
  return (sign * (16 + (imm8 & 15)) * 2 ** e) / 16;
}

/** C's `%.18e` of an exactly representable short value (two-digit exponent at least). */
function formatE18(v: number): string {
  const s = v.toExponential(18);
  const i = s.indexOf('e');
  const exp = s.slice(i + 2);
  return s.slice(0, i + 2) + (exp.length < 2 ? '0' + exp : exp);
}

/** objdump's text of every imm8, precomputed once. */
const FP_IMM8_TEXT: readonly string[] = Array.from({ length: 256 }, (_, i) => '#' + formatE18(fpImm8Value(i)));
const FP_IMM8_BY_VALUE = new Map<number, number>(Array.from({ length: 256 }, (_, i) => [fpImm8Value(i), i]));

export type FpImmSize = 'h' | 's' | 'd';

/** A single/double bit pattern as a value (GNU as accepts `#0x3ff0000000000000` for fmov d0). */
function rawToValue(raw: bigint, size: 's' | 'd'): number | null {
  const dv = new DataView(new ArrayBuffer(8));
  if (raw >> (size === 'd' ? 64n : 32n) !== 0n) return null;
  if (size === 'd') {
    dv.setBigUint64(0, raw);
    return dv.getFloat64(0);
  }
  dv.setUint32(0, Number(raw));
  return dv.getFloat32(0);
}

/** Parses a floating-point literal (`#2.0`, `#-1.5e0`, `#2`, `#0x…` as raw bits); null if not one. */
export function parseFpLiteral(tok: string, size: FpImmSize): number | null {
  let t = tok.trim();
  if (t.startsWith('#')) t = t.slice(1).trim();
  if (t === '') return null;
  // GNU as takes a bit pattern for single and double, not for half precision
  if (/^0x[0-9a-f]+$/i.test(t)) return size === 'h' ? null : rawToValue(BigInt(t), size);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

/** fmov's 8-bit floating-point immediate. */
export function FpImm8(size: FpImmSize, name = 'imm8', alt?: string): OperandSpec {
  const what = alt ? `${alt} or a floating-point immediate` : 'a floating-point immediate';
  return (p) => {
    const a = fieldAccess(p, name);
    const op: BoundOperand = {
      role: 'fpimm',
      fields: [name],
      optional: false,
      decode: (w) => FP_IMM8_TEXT[a.get(w)],
      encode: (tok) => {
        const t = requireTok(tok, what);
        const v = parseFpLiteral(t, size);
        if (v === null) throw new EncodeError(`expected ${what}, got '${t}'`);
        const imm8 = FP_IMM8_BY_VALUE.get(v);
        if (v === 0) throw new EncodeError(`#0.0 has no 8-bit immediate encoding (fmov from wzr/xzr makes zero)`);
        if (imm8 === undefined) {
          throw new EncodeError(`floating-point immediate ${t} is not encodable: must be ±n/16·2^e with n 16..31, e -3..4`);
        }
        return { bits: a.set(imm8), mask: a.mask };
      },
    };
    return op;
  };
}

/** The `#0.0` of fcmp/fcmpe (no field); `alt` names the register form, for error messages. */
export function FpZero(alt?: string): OperandSpec {
  const what = alt ? `${alt} or #0.0` : '#0.0';
  return () => ({
    role: 'fpimm',
    fields: [],
    optional: false,
    decode: () => '#0.0',
    encode: (tok) => {
      const t = requireTok(tok, what);
      const v = parseFpLiteral(t, 'd');
      if (v === null) throw new EncodeError(`expected ${what}, got '${t}'`);
      if (v !== 0 || /^#?\s*-/.test(t)) throw new EncodeError(`only #0.0 can be compared with, got '${t}'`);
      return { bits: 0, mask: 0 };
    },
  });
}

/** `#fbits` of the fixed-point conversions: fbits = 64 − scale, 1..32 (32-bit GPR) or 1..64. */
export function FBits(width: 32 | 64, name = 'scale'): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    const minScale = 64 - width;
    const op: BoundOperand = {
      role: 'imm',
      fields: [name],
      optional: false,
      decode: (w) => {
        const s = a.get(w);
        return s < minScale ? null : '#' + (64 - s);
      },
      encode: (tok, env) => {
        const v = Number(parseImmediate(requireTok(tok, 'a number of fraction bits'), env));
        if (!(v >= 1 && v <= width)) throw new EncodeError(`fraction bits out of range 1..${width}`);
        return { bits: a.set(64 - v), mask: a.mask };
      },
    };
    return op;
  };
}

/** `vN.d[1]`: the upper 64 bits of a vector register (fmov x0, v1.d[1]). */
export function VD1(name: string): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    const op: BoundOperand = {
      role: 'velem',
      fields: [name],
      optional: false,
      decode: (w) => 'v' + a.get(w) + '.d[1]',
      encode: (tok) => {
        const t = requireTok(tok, 'vN.d[1]');
        const m = /^v(\d\d?)\.d\[\s*([^\s\]](?:[^\]]*[^\s\]])?)\s*\]$/i.exec(t);
        const n = m ? Number(m[1]) : NaN;
        if (!m || !(n <= 31) || (m[1].length === 2 && m[1][0] === '0')) throw new EncodeError(`expected vN.d[1], got '${t}'`);
        if (m[2] !== '1') throw new EncodeError(`element index must be 1 (the upper half), got '${t}'`);
        return { bits: a.set(n), mask: a.mask };
      },
    };
    return op;
  };
}
