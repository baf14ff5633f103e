// AdvSIMD vector registers with arrangements (v0.16b …), chosen by encoding fields.
import { composite } from './fields';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, requireTok } from './operand';
import { Pattern } from '../pattern';
import { sharedTable } from './name-tables';

/** Maps the value of some fields (concatenated MSB first) to an arrangement, and back. */
export interface Arrangement {
  readonly fields: readonly string[];
  readonly table: Readonly<Record<string, number>>;
}

export function arrangement(fields: string | readonly string[], table: Readonly<Record<string, number>>): Arrangement {
  return { fields: typeof fields === 'string' ? [fields] : fields, table };
}

/** The common size:Q arrangement (8b 16b 4h 8h 2s 4s 2d); pass a subset to restrict. */
export const SIZE_Q = arrangement(['size', 'Q'], { '8b': 0, '16b': 1, '4h': 2, '8h': 3, '2s': 4, '4s': 5, '2d': 7 });

export function bindArrangement(p: Pattern, a: Arrangement) {
  const c = composite(p, a.fields);
  const byValue = new Map<number, string>();
  for (const [k, v] of Object.entries(a.table)) byValue.set(v, k);
  return {
    fields: a.fields,
    mask: c.mask,
    decode: (w: number) => byValue.get(c.get(w)) ?? null,
    encode: (arr: string): number | null => {
      const v = a.table[arr.toLowerCase()];
      return v === undefined ? null : c.set(v);
    },
    names: Object.keys(a.table),
  };
}

/**
 * `v<n>.<T>` for every (arrangement value, register) pair, index = value * 32 + n; shared by all
 * operands with the same arrangement list.
 */
export function vectorNameTable(byValue: readonly (string | null | undefined)[]): readonly (string | null)[] {
  return sharedTable('v:' + byValue.map((t) => t ?? '').join(','), () => {
    const out: (string | null)[] = [];
    for (const t of byValue) for (let n = 0; n < 32; n++) out.push(t ? `v${n}.${t}` : null);
    return out;
  });
}

export function parseVectorReg(tok: string): { num: number; arr: string } | null {
  const m = /^v(\d\d?)\.(\d*[bhsdq])$/i.exec(tok.trim());
  if (!m || Number(m[1]) > 31) return null;
  return { num: Number(m[1]), arr: m[2].toLowerCase() };
}

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

/** `vN.<T>` with T given by an arrangement. */
export function V(reg: string, arr: Arrangement): OperandSpec {
  const names: (string | null)[] = [];
  for (const [t, v] of Object.entries(arr.table)) names[v] = t;
  return VT(reg, arr.fields, Array.from(names, (t) => t ?? null));
}

/** `vN.<arr>` with a fixed arrangement. */
export const VFix = (reg: string, arr: string): OperandSpec => VT(reg, [], [arr]);
