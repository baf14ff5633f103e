// AdvSIMD vector elements: `v1.s[2]` (one lane of a vector register), as in indexed-element
// arithmetic (fmla v0.4s, v1.4s, v2.s[3]), dup/ins/umov/smov (index from imm5/imm4) and the
// dot-product groups (`v2.4b[1]`, `v2.2h[3]`); SVE's `z7.h[7]` with the 'z' prefix.
import { sharedTable } from './name-tables';
import { composite } from './fields';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';
import { Pattern } from '../pattern';

/** Element size letter, or a group of elements (`4b`, `2h` of the dot products). */
export type ElemSize = 'b' | 'h' | 's' | 'd' | 'q' | '4b' | '2h';

export interface ParsedElem {
  readonly num: number;
  readonly size: string;
  /** The index text between the brackets (an expression). */
  readonly index: string;
}

/** `v12.s[3]` → {num 12, size 's', index '3'}; null when the token is not an element. */
export function parseVectorElem(tok: string, prefix = 'v'): ParsedElem | null {
  const t = tok.trim();
  if (t.length < 6 || t[0].toLowerCase() !== prefix) return null;
  const dot = t.indexOf('.');
  const open = t.indexOf('[');
  if (dot < 2 || open < dot + 2 || t[t.length - 1] !== ']') return null;
  const digits = t.slice(1, dot);
  if (!/^\d\d?$/.test(digits) || (digits.length === 2 && digits[0] === '0')) return null;
  const num = Number(digits);
  if (num > 31) return null;
  const size = t.slice(dot + 1, open).trim().toLowerCase();
  const index = t.slice(open + 1, -1).trim();
  if (index === '') return null;
  return { num, size, index };
}

/**
 * A fast reader of fields concatenated MSB first (composite()'s get, specialised for up to three
 * fields so the decode path is a few shifts and masks).
 */
export function packedGetter(p: Pattern, names: string | readonly string[]): (w: number) => number {
  const list = typeof names === 'string' ? [names] : names;
  const fs = list.map((n) => {
    const f = p.fields.get(n);
    if (!f) throw new Error(`pattern '${p.text}' has no field ${n}`);
    return f;
  });
  const lo = fs.map((f) => f.lo);
  const m = fs.map((f) => 2 ** f.width - 1);
  if (fs.length === 1) {
    const [l0] = lo, [m0] = m;
    return (w) => (w >>> l0) & m0;
  }
  if (fs.length === 2) {
    const [l0, l1] = lo, [m0, m1] = m, w1 = fs[1].width;
    return (w) => (((w >>> l0) & m0) << w1) | ((w >>> l1) & m1);
  }
  if (fs.length === 3) {
    const [l0, l1, l2] = lo, [m0, m1, m2] = m, w1 = fs[1].width, w2 = fs[2].width;
    return (w) => (((((w >>> l0) & m0) << w1) | ((w >>> l1) & m1)) << w2) | ((w >>> l2) & m2);
  }
  return composite(p, list).get;
}

function parseIndex(text: string, max: number, env: Parameters<BoundOperand['encode']>[1]): number {
  const v = Number(parseImmediate(text, env));
  if (!Number.isInteger(v) || v < 0 || v > max) throw new EncodeError(`element index out of range 0..${max}`);
  return v;
}

/**
 * `vN.<size>[index]` with a fixed element size. `reg` is the register field (or fields, MSB first,
 * e.g. ['M', 'Rm']); `index` the index field(s) MSB first (e.g. ['H', 'L', 'M']) or a constant.
 * The register number may be narrower than 5 bits (4-bit Rm of the h forms: v0..v15).
 */
export function VElem(reg: string | readonly string[], size: ElemSize, index: string | readonly string[] | number, prefix: 'v' | 'z' = 'v'): OperandSpec {
  return (p: Pattern) => {
    const r = composite(p, reg);
    const ix = typeof index === 'number' ? null : composite(p, index);
    const rget = packedGetter(p, reg);
    const iget = typeof index === 'number' ? rget : packedGetter(p, index);
    const nIdx = ix ? 2 ** ix.width : 1;
    const nReg = 2 ** r.width;
    const names = sharedTable(`${prefix}elem:${nReg}:${nIdx}:${size}:${ix ? '' : index}`, () => {
      const out: string[] = new Array(nReg * nIdx);
      for (let n = 0; n < nReg; n++) {
        for (let i = 0; i < nIdx; i++) out[n * nIdx + i] = `${prefix}${n}.${size}[${ix ? i : (index as number)}]`;
      }
      return out;
    });
    const what = `a vector element ${prefix}0..${prefix}${nReg - 1}.${size}[0..${ix ? nIdx - 1 : (index as number)}]`;
    const op: BoundOperand = {
      role: prefix === 'z' ? 'zreg' : 'velem',
      fields: ix ? [...r.names, ...ix.names.filter((n) => !r.names.includes(n))] : [...r.names],
      optional: false,
      decode: ix ? (w) => names[rget(w) * nIdx + iget(w)] : (w) => names[rget(w)],
      encode: (tok, env) => {
        const e = parseVectorElem(requireTok(tok, what), prefix);
        if (!e || e.size !== size) throw new EncodeError(`expected ${what}, got '${tok}'`);
        if (e.num >= nReg) throw new EncodeError(`register out of range: only ${prefix}0..${prefix}${nReg - 1} can be used here, got '${tok}'`);
        const i = parseIndex(e.index, ix ? nIdx - 1 : (index as number), env);
        if (!ix) {
          if (i !== index) throw new EncodeError(`element index must be ${index}`);
          return { bits: r.set(e.num), mask: r.mask };
        }
        // reg and index may share a field only if they agree (never in A64; kept strict)
        return { bits: (r.set(e.num) | ix.set(i)) >>> 0, mask: (r.mask | ix.mask) >>> 0 };
      },
    };
    return op;
  };
}

const IMM5_SIZES: readonly ElemSize[] = ['b', 'h', 's', 'd', 'q'];

/** Element size (0 = b … 3 = d, 4 = q) of an imm5 value: the position of its lowest set bit. */
export function imm5Size(imm5: number): number {
  if (imm5 & 1) return 0;
  if (imm5 & 2) return 1;
  if (imm5 & 4) return 2;
  if (imm5 & 8) return 3;
  return 4;
}

export interface Imm5Options {
  /** Element sizes the row allows (default b, h, s, d). */
  sizes?: readonly ElemSize[];
  /** Take the index from this field (ins element's imm4: index = imm4 >> size) instead of imm5. */
  indexFrom?: string;
}

/**
 * `vN.<T>[index]` of dup/ins/umov/smov/mov: the element size is the lowest set bit of imm5 and the
 * index the bits above it (or, with `indexFrom`, imm4 >> size; then the size comes from the imm5
 * the earlier operand encoded, and imm4's bits below the index are ignored on decode and 0 on encode).
 */
export function VElemImm5(reg: string, imm5Name = 'imm5', o: Imm5Options = {}): OperandSpec {
  const allowed = new Set<ElemSize>(o.sizes ?? ['b', 'h', 's', 'd']);
  return (p: Pattern) => {
    const r = fieldAccess(p, reg);
    const i5 = fieldAccess(p, imm5Name);
    const i4 = o.indexFrom ? fieldAccess(p, o.indexFrom) : undefined;
    // names[imm5 or imm4-variant][reg]: precomputed, null where the size is not allowed
    const table = sharedTable(`velem-imm5:${i4 ? 'imm4' : 'imm5'}:${[...allowed].join(',')}`, () => {
      const out: (string[] | null)[] = [];
      if (!i4) {
        for (let v = 0; v < 32; v++) {
          const s = imm5Size(v);
          const sz = IMM5_SIZES[s];
          out.push(allowed.has(sz) ? Array.from({ length: 32 }, (_, n) => `v${n}.${sz}[${v >> (s + 1)}]`) : null);
        }
      } else {
        for (let v = 0; v < 32 * 16; v++) {
          const s = imm5Size(v >> 4);
          const sz = IMM5_SIZES[s];
          out.push(allowed.has(sz) && s < 4 ? Array.from({ length: 32 }, (_, n) => `v${n}.${sz}[${(v & 15) >> s}]`) : null);
        }
      }
      return out;
    });
    const sizeList = [...allowed].join('/');
    const what = `a vector element vN.${sizeList}[…]`;
    const op: BoundOperand = {
      role: 'velem',
      fields: i4 ? [reg, i4.f.name] : [reg, imm5Name],
      optional: false,
      decode: i4
        ? (w) => {
            const t = table[(i5.get(w) << 4) | i4.get(w)];
            return t ? t[r.get(w)] : null;
          }
        : (w) => {
            const t = table[i5.get(w)];
            return t ? t[r.get(w)] : null;
          },
      encode: (tok, env, acc) => {
        const e = parseVectorElem(requireTok(tok, what));
        const s = e ? IMM5_SIZES.indexOf(e.size as ElemSize) : -1;
        if (!e || s < 0 || s > 3 || !allowed.has(e.size as ElemSize)) throw new EncodeError(`expected ${what}, got '${tok}'`);
        if (i4) {
          const s5 = imm5Size(i5.get(acc));
          if (s5 !== s) throw new EncodeError(`element size of '${tok}' must match the destination's (${IMM5_SIZES[s5]})`);
          const i = parseIndex(e.index, (16 >> s) - 1, env);
          return { bits: r.set(e.num) | i4.set(i << s), mask: r.mask | i4.mask };
        }
        const i = parseIndex(e.index, (16 >> s) - 1, env);
        return { bits: r.set(e.num) | i5.set(((i << 1) | 1) << s), mask: r.mask | i5.mask };
      },
    };
    return op;
  };
}
