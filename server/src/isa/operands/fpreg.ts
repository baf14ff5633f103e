// Scalar FP/SIMD registers (b/h/s/d/q views of v0–v31): one operand kind, whose size letter is
// fixed or read from encoding fields, decoded through a shared name table.
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, requireTok } from './operand';
import { composite } from './fields';
import { sharedTable } from './name-tables';

export type ScalarSize = 'b' | 'h' | 's' | 'd' | 'q';

export function parseScalarReg(tok: string): { size: ScalarSize; num: number } | null {
  const m = /^([bhsdq])(\d\d?)$/i.exec(tok.trim());
  if (!m) return null;
  const n = Number(m[2]);
  if (n > 31 || (m[2].length === 2 && m[2][0] === '0')) return null;
  return { size: m[1].toLowerCase() as ScalarSize, num: n };
}

/** `a d`, `an h`, `an s` (register size letters read aloud). */
export function article(letters: string): string {
  return ('hs'.includes(letters[0]) ? 'an ' : 'a ') + letters;
}

/**
 * Scalar register whose size letter is names[value of `fields`] (concatenated MSB first); null
 * entries make the row not apply. With no fields, names[0] is the fixed size. `follows`: an earlier
 * operand already set the fields (for a clearer error on disagreement).
 */
export function FpT(reg: string, fields: string | readonly string[], names: readonly (ScalarSize | null)[], follows = false): OperandSpec {
  const list = typeof fields === 'string' ? [fields] : fields;
  return (p) => {
    const r = fieldAccess(p, reg);
    const c = list.length ? composite(p, list) : null;
    const n = c ? 2 ** c.width : 1;
    const table = sharedTable(`fp:${n}:${names.join(',')}`, () => {
      const out: (string | null)[] = [];
      for (let v = 0; v < n; v++) for (let i = 0; i < 32; i++) out.push(names[v] ? `${names[v]}${i}` : null);
      return out;
    });
    const byName = new Map<string, number>();
    names.forEach((t, v) => {
      if (t && !byName.has(t)) byName.set(t, v);
    });
    const what = `${article([...byName.keys()].join('/'))} register`;
    const rlo = r.f.lo;
    const decode: (w: number) => string | null = c ? (w) => table[(c.get(w) << 5) | ((w >>> rlo) & 31)] : (w) => table[(w >>> rlo) & 31];
    const op: BoundOperand = {
      role: 'fpreg',
      fields: c ? [reg, ...c.names] : [reg],
      optional: false,
      decode,
      encode: (tok, _env, acc) => {
        const t = requireTok(tok, what);
        const s = parseScalarReg(t);
        const k = s ? byName.get(s.size) : undefined;
        if (!s || k === undefined) return new EncodeError(`expected ${what}, got '${t}'`);
        if (follows && c && c.get(acc) !== k && names[c.get(acc)]) {
          return new EncodeError(`expected ${article(names[c.get(acc)]!)} register to match the other operands, got '${t}'`);
        }
        return { bits: (r.set(s.num) | (c ? c.set(k) : 0)) >>> 0, mask: (r.mask | (c ? c.mask : 0)) >>> 0 };
      },
    };
    return op;
  };
}

/** A scalar register of a fixed size. */
export const Fp = (size: ScalarSize, reg: string): OperandSpec => FpT(reg, [], [size]);

/** A scalar register whose size is `sizes[value of sizeFields]`; values not listed do not apply. */
export function FpSized(reg: string, sizeFields: string | readonly string[], sizes: Readonly<Record<number, ScalarSize>>): OperandSpec {
  const max = Math.max(...Object.keys(sizes).map(Number));
  return FpT(reg, sizeFields, Array.from({ length: max + 1 }, (_, v) => sizes[v] ?? null));
}
