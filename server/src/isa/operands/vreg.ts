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

/** `vN.<T>` with T given by an arrangement. */
export function V(name: string, arr: Arrangement): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, name);
    const a = bindArrangement(p, arr);
    const c = composite(p, arr.fields);
    const byValue: (string | undefined)[] = new Array(2 ** c.width).fill(undefined);
    for (const [k, v] of Object.entries(arr.table)) byValue[v] = k;
    const names = vectorNameTable(byValue);
    const get = c.get;
    const rget = r.get;
    const op: BoundOperand = {
      role: 'vreg',
      fields: [name, ...a.fields],
      optional: false,
      decode: (w) => names[get(w) * 32 + rget(w)],
      encode: (tok) => {
        const v = parseVectorReg(requireTok(tok, 'a vector register'));
        const bits = v ? a.encode(v.arr) : null;
        if (!v || bits === null) return new EncodeError(`expected a vector register v0..v31 with arrangement ${a.names.join('/')}, got '${tok}'`);
        return { bits: r.set(v.num) | bits, mask: r.mask | a.mask };
      },
    };
    return op;
  };
}
