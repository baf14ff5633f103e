// Scalar FP/SIMD registers (b/h/s/d/q views of v0–v31).
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, requireTok } from './operand';
import { composite } from './fields';

export type ScalarSize = 'b' | 'h' | 's' | 'd' | 'q';

export function parseScalarReg(tok: string): { size: ScalarSize; num: number } | null {
  const m = /^([bhsdq])(\d\d?)$/i.exec(tok.trim());
  if (!m) return null;
  const n = Number(m[2]);
  if (n > 31 || (m[2].length === 2 && m[2][0] === '0')) return null;
  return { size: m[1].toLowerCase() as ScalarSize, num: n };
}

/** A scalar register of a fixed size. */
export function Fp(size: ScalarSize, name: string): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    const op: BoundOperand = {
      role: 'fpreg',
      fields: [name],
      optional: false,
      decode: (w) => size + a.get(w),
      encode: (tok) => {
        const r = parseScalarReg(requireTok(tok, `a ${size} register`));
        if (!r || r.size !== size) return new EncodeError(`expected a ${size} register (${size}0..${size}31), got '${tok}'`);
        return { bits: a.set(r.num), mask: a.mask };
      },
    };
    return op;
  };
}

/**
 * A scalar register whose size comes from other fields: `sizes` maps the value of `sizeFields`
 * (concatenated MSB first) to a size; values not listed make the row not apply.
 */
export function FpSized(name: string, sizeFields: string | readonly string[], sizes: Readonly<Record<number, ScalarSize>>): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    const s = composite(p, sizeFields);
    const bySize = new Map<ScalarSize, number>();
    for (const [k, v] of Object.entries(sizes)) if (!bySize.has(v)) bySize.set(v, Number(k));
    return {
      role: 'fpreg',
      fields: [name],
      optional: false,
      decode: (w) => {
        const sz = sizes[s.get(w)];
        return sz ? sz + a.get(w) : null;
      },
      encode: (tok) => {
        const r = parseScalarReg(requireTok(tok, 'a scalar FP/SIMD register'));
        const v = r ? bySize.get(r.size) : undefined;
        if (!r || v === undefined) return new EncodeError(`expected one of ${[...bySize.keys()].map((x) => x + 'n').join(', ')}, got '${tok}'`);
        return { bits: a.set(r.num) | s.set(v), mask: a.mask | s.mask };
      },
    };
  };
}
