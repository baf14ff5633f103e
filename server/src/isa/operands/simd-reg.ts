// AdvSIMD vector registers for the copy / modified-immediate / shift / scalar / crypto rows:
// `vN.<T>` with T from a small field table (decoded through a precomputed name table), or with a
// fixed T (sha256h's `v2.4s`, addp's `v1.2d`).
import { composite } from './fields';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, requireTok } from './operand';
import { sharedTable } from './name-tables';
import { parseVectorReg, vectorNameTable } from './vreg';

/**
 * `vN.<T>`: T = names[value of `fields` (concatenated MSB first)]; null entries make the row not
 * apply. With no fields, names[0] is the fixed arrangement. `follows`: an earlier operand already
 * set the fields (for a clearer error when this one disagrees).
 */
export function VT(reg: string, fields: string | readonly string[], names: readonly (string | null)[], follows = false): OperandSpec {
  const list = typeof fields === 'string' ? [fields] : fields;
  return (p) => {
    const r = fieldAccess(p, reg);
    const c = list.length ? composite(p, list) : null;
    const n = c ? 2 ** c.width : 1;
    const table = vectorNameTable(Array.from({ length: n }, (_, v) => names[v] ?? null));
    const byName = new Map<string, number>();
    names.forEach((t, v) => {
      if (t && !byName.has(t)) byName.set(t, v);
    });
    const shown = [...byName.keys()].join('/');
    const what = `a vector register vN.${shown}`;
    const rlo = r.f.lo;
    let decode: (w: number) => string | null;
    if (!c) decode = (w) => table[(w >>> rlo) & 31];
    else if (c.names.length === 1) {
      const f = p.fields.get(c.names[0])!;
      const lo = f.lo;
      const m = 2 ** f.width - 1;
      decode = (w) => table[(((w >>> lo) & m) << 5) | ((w >>> rlo) & 31)];
    } else decode = (w) => table[(c.get(w) << 5) | ((w >>> rlo) & 31)];
    const op: BoundOperand = {
      role: 'vreg',
      fields: c ? [reg, ...c.names] : [reg],
      optional: false,
      decode,
      encode: (tok, _env, acc) => {
        const t = requireTok(tok, what);
        const v = parseVectorReg(t);
        if (!v) return new EncodeError(`expected ${what}, got '${t}'`);
        const k = byName.get(v.arr);
        if (k === undefined) return new EncodeError(`expected arrangement ${shown} for '${t}'`);
        if (follows && c && c.get(acc) !== k && names[c.get(acc)]) {
          return new EncodeError(`expected vN.${names[c.get(acc)]} to match the other registers, got '${t}'`);
        }
        return { bits: (r.set(v.num) | (c ? c.set(k) : 0)) >>> 0, mask: (r.mask | (c ? c.mask : 0)) >>> 0 };
      },
    };
    return op;
  };
}

/** `vN.<arr>` with a fixed arrangement. */
export const VFix = (reg: string, arr: string): OperandSpec => VT(reg, [], [arr]);

/** Scalar register `<size>N` with a fixed size, decoded through a name table. */
export function FpF(size: 'b' | 'h' | 's' | 'd' | 'q', reg: string): OperandSpec {
  return FpT(reg, [], [size]);
}

/**
 * Scalar register whose size letter is names[value of `fields`]; null entries do not apply.
 * `follows`: an earlier operand already set the fields (for a clearer error on disagreement).
 */
export function FpT(reg: string, fields: string | readonly string[], names: readonly (string | null)[], follows = false): OperandSpec {
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
        const m = /^([bhsdq])(\d\d?)$/i.exec(t);
        const num = m ? Number(m[2]) : NaN;
        if (!m || num > 31 || (m[2].length === 2 && m[2][0] === '0')) return new EncodeError(`expected ${what}, got '${t}'`);
        const k = byName.get(m[1].toLowerCase());
        if (k === undefined) return new EncodeError(`expected ${what}, got '${t}'`);
        if (follows && c && c.get(acc) !== k && names[c.get(acc)]) {
          return new EncodeError(`expected ${article(names[c.get(acc)]!)} register to match the other operands, got '${t}'`);
        }
        return { bits: (r.set(num) | (c ? c.set(k) : 0)) >>> 0, mask: (r.mask | (c ? c.mask : 0)) >>> 0 };
      },
    };
    return op;
  };
}

/** `a d`, `an h`, `an s` (register size letters read aloud). */
export function article(letters: string): string {
  return ('hs'.includes(letters[0]) ? 'an ' : 'a ') + letters;
}
