// SVE registers in GNU's spelling: scalable vectors (z3.s, z3), predicates (p2.b, p2) and
// governing predicates (p1/m, p1/z, p1). The element size comes from row fields through a name
// table, as the AdvSIMD arrangements do (vreg.ts).
import { composite } from './fields';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, requireTok } from './operand';
import { Arrangement, arrangement } from './vreg';
import { sharedTable } from './name-tables';
import { Shape, shapeBit } from './token-shape';

/** The usual size field: b h s d. */
export const SZ_BHSD = arrangement('size', { b: 0, h: 1, s: 2, d: 3 });
// subsets of it the rows use (by their element sizes)
export const SZ_BHS = arrangement('size', { b: 0, h: 1, s: 2 });
export const SZ_HSD = arrangement('size', { h: 1, s: 2, d: 3 });
export const SZ_HS = arrangement('size', { h: 1, s: 2 });
export const SZ_SD = arrangement('size', { s: 2, d: 3 });
export const SZ_D = arrangement('size', { d: 3 });
/** The elements half the size of the size field's (the narrow side of a widening form). */
export const SZ_HALF = arrangement('size', { b: 1, h: 2, s: 3 });

/** `z<n>` / `p<n>` with an optional `.<T>`: number and suffix ('' when bare), or null. */
export function parseSveReg(tok: string, prefix: 'z' | 'p'): { num: number; suffix: string } | null {
  const t = tok.trim().toLowerCase();
  if (t.charCodeAt(0) !== prefix.charCodeAt(0)) return null;
  // (z0-z31 as gas writes them: no z32, no leading zero)
  const m = /^[zp](3[01]|[12]\d|\d)(?:\.([bhsdq]))?$/.exec(t);
  if (!m) return null;
  return { num: Number(m[1]), suffix: m[2] ?? '' };
}

/**
 * `<prefix><n>.<T>`: T = names[value of `fields` (concatenated MSB first)]; '' prints the bare
 * register; null entries make the row not apply. With no fields, names[0] is fixed.
 */
function sveReg(prefix: 'z' | 'p', reg: string, fields: readonly string[], names: readonly (string | null)[]): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const c = fields.length ? composite(p, fields) : null;
    const n = c ? 2 ** c.width : 1;
    const count = r.max + 1;
    const list = Array.from({ length: n }, (_, v) => names[v] ?? null);
    const table = sharedTable(`${prefix}${count}:` + list.map((t) => (t === null ? '!' : t)).join(','), () => {
      const out: (string | null)[] = [];
      for (const t of list) for (let k = 0; k < count; k++) out.push(t === null ? null : t === '' ? `${prefix}${k}` : `${prefix}${k}.${t}`);
      return out;
    });
    const byName = new Map<string, number>();
    list.forEach((t, v) => {
      if (t !== null && !byName.has(t)) byName.set(t, v);
    });
    const shown = [...byName.keys()].map((t) => (t === '' ? `${prefix}N` : `${prefix}N.${t}`)).join('/');
    const what = `${prefix === 'z' ? 'an SVE vector register' : 'a predicate register'} ${shown}${count < 32 ? ` (${prefix}0-${prefix}${count - 1})` : ''}`;
    const rlo = r.f.lo;
    const rm = r.max;
    const shift = Math.log2(count);
    const decode = c ? (w: number) => table[(c.get(w) << shift) | ((w >>> rlo) & rm)] : (w: number) => table[(w >>> rlo) & rm];
    const op: BoundOperand = {
      role: prefix === 'z' ? 'zreg' : 'preg',
      fields: c ? [reg, ...c.names] : [reg],
      optional: false,
      shapes: shapeBit(Shape.Other, prefix === 'z' ? Shape.Zreg : Shape.Preg),
      decode,
      encode: (tok) => {
        const t = requireTok(tok, what);
        const v = parseSveReg(t, prefix);
        if (!v) return new EncodeError(`expected ${what}, got '${t}'`);
        if (v.num > rm) return new EncodeError(`expected ${what}, got '${t}'`);
        const k = byName.get(v.suffix);
        if (k === undefined) return new EncodeError(`expected ${shown} for '${t}'`);
        return { bits: (r.set(v.num) | (c ? c.set(k) : 0)) >>> 0, mask: (r.mask | (c ? c.mask : 0)) >>> 0 };
      },
    };
    return op;
  };
}

const namesOf = (arr: Arrangement): (string | null)[] => {
  const names: (string | null)[] = [];
  for (const [t, v] of Object.entries(arr.table)) names[v] = t;
  return Array.from(names, (t) => t ?? null);
};

/** `zN.<T>`, T from an arrangement (SZ_BHSD, or a subset / another field). */
export const Z = (reg: string, arr: Arrangement = SZ_BHSD): OperandSpec => sveReg('z', reg, arr.fields, namesOf(arr));
/** `zN.<T>` from explicit names per field value (null = row does not apply). */
export const ZT = (reg: string, fields: string | readonly string[], names: readonly (string | null)[]): OperandSpec =>
  sveReg('z', reg, typeof fields === 'string' ? [fields] : fields, names);
/** `zN.<t>` with a fixed element size; `ZFix(reg, '')` is the bare `zN`. */
export const ZFix = (reg: string, t: string): OperandSpec => sveReg('z', reg, [], [t]);

/** `pN.<T>` from an arrangement. */
export const P = (reg: string, arr: Arrangement = SZ_BHSD): OperandSpec => sveReg('p', reg, arr.fields, namesOf(arr));
export const PT = (reg: string, fields: string | readonly string[], names: readonly (string | null)[]): OperandSpec =>
  sveReg('p', reg, typeof fields === 'string' ? [fields] : fields, names);
/** `pN.<t>` fixed; `PFix(reg, '')` is the bare `pN`. */
export const PFix = (reg: string, t: string): OperandSpec => sveReg('p', reg, [], [t]);

/**
 * A governing predicate: `pN/m` or `pN/z` (fixed by `mode`), or chosen by a 1-bit field
 * (`{ field: 'M' }`: 0 → /z, 1 → /m). The register field may be 3 bits (p0-p7) or 4.
 */
export function Pg(reg: string, mode: 'm' | 'z' | { field: string }): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const mz = typeof mode === 'object' ? fieldAccess(p, mode.field) : null;
    const count = r.max + 1;
    const key = `pg${count}:${mz ? 'zm' : mode}`;
    const table = sharedTable(key, () => {
      const out: string[] = [];
      for (const q of mz ? ['z', 'm'] : [mode as string]) for (let k = 0; k < count; k++) out.push(`p${k}/${q}`);
      return out;
    });
    const rlo = r.f.lo;
    const rm = r.max;
    const what = `a governing predicate pN/${mz ? 'm or pN/z' : mode}${count < 16 ? ` (p0-p${count - 1})` : ''}`;
    const op: BoundOperand = {
      role: 'preg',
      fields: mz ? [reg, mz.f.name] : [reg],
      optional: false,
      shapes: shapeBit(Shape.Other, Shape.Preg),
      decode: mz
        ? (w) => table[(mz.get(w) * count) | ((w >>> rlo) & rm)]
        : (w) => table[(w >>> rlo) & rm],
      encode: (tok) => {
        const t = requireTok(tok, what);
        const m = /^p(1[0-5]|\d)\s*\/\s*([mz])$/i.exec(t);
        if (!m || Number(m[1]) > rm) return new EncodeError(`expected ${what}, got '${t}'`);
        const q = m[2].toLowerCase();
        if (mz) return { bits: (r.set(Number(m[1])) | mz.set(q === 'm' ? 1 : 0)) >>> 0, mask: (r.mask | mz.mask) >>> 0 };
        if (q !== mode) return new EncodeError(`expected ${what}, got '${t}'`);
        return { bits: r.set(Number(m[1])), mask: r.mask };
      },
    };
    return op;
  };
}
