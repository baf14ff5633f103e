// SVE elements chosen by a tsz field, whose lowest set bit is the element size and whose bits above
// it (with imm2 or i1 in front) are the index: dup (indexed) `z1.b[3]` and its `mov z0.b, b1`
// scalar spelling, and SME psel's `p2.b[w12, 3]`.
import { composite } from './fields';
import { sharedTable } from './name-tables';
import { BoundOperand, EncodeEnv, EncodeError, OperandSpec, fieldAccess, requireTok, tryParseImmediate } from './operand';
import { parseVectorElem } from './velem';
import { parseSveReg } from './sve-reg';
import { Shape, shapeBit } from './token-shape';

const TSZ_SIZES = 'bhsdq';
const lowBit = (v: number): number => 31 - Math.clz32(v & -v);

function parseIndex(text: string, max: number, env: EncodeEnv): number | EncodeError {
  const v = tryParseImmediate(text, env);
  if (v instanceof EncodeError) return v;
  if (v < 0n || v > BigInt(max)) return new EncodeError(`element index out of range 0..${max}`);
  return Number(v);
}

/** `zN.<T>` of dup (indexed): T from tsz's lowest set bit (b h s d q); tsz = 0 is reserved. */
export function ZDupT(reg: string, tsz = 'tsz'): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const t = fieldAccess(p, tsz);
    const nT = t.max + 1;
    const table = sharedTable(`zdup:${nT}`, () => {
      const out: (string | null)[] = [];
      for (let v = 0; v < nT; v++) for (let n = 0; n < 32; n++) out.push(v === 0 ? null : `z${n}.${TSZ_SIZES[lowBit(v)]}`);
      return out;
    });
    const sizes = TSZ_SIZES.slice(0, t.f.width);
    const what = `an SVE vector register zN.${[...sizes].join('/')}`;
    const op: BoundOperand = {
      role: 'zreg',
      fields: [reg, tsz],
      optional: false,
      shapes: shapeBit(Shape.Other, Shape.Zreg),
      decode: (w) => table[(t.get(w) << 5) | r.get(w)],
      encode: (tok) => {
        const s = requireTok(tok, what);
        const v = parseSveReg(s, 'z');
        const k = v && v.suffix ? sizes.indexOf(v.suffix) : -1;
        if (!v || k < 0) return new EncodeError(`expected ${what}, got '${s}'`);
        // the size marker and the clear bits below it; the bits above belong to the index
        return { bits: (r.set(v.num) | t.set(1 << k)) >>> 0, mask: (r.mask | t.set((2 << k) - 1)) >>> 0 };
      },
    };
    return op;
  };
}

/**
 * The source of dup (indexed): `zN.<T>[i]` (form 'elem'), or the `bN/hN/sN/dN/qN` that objdump
 * prints for index 0 (form 'scalar'; the row does not apply to other indexes). `fields`: imm2 and
 * tsz, MSB first.
 */
export function DupSource(reg: string, form: 'elem' | 'scalar', fields: readonly string[] = ['imm2', 'tsz']): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const all = composite(p, fields);
    const tszWidth = p.fields.get(fields[fields.length - 1])!.width;
    const nAll = 2 ** all.width;
    const table = sharedTable(`zdup-src:${form}:${all.width}:${tszWidth}`, () => {
      const out: (string | null)[] = [];
      for (let v = 0; v < nAll; v++) {
        const tv = v & ((1 << tszWidth) - 1);
        const s = tv ? lowBit(tv) : -1;
        const i = v >> (s + 1);
        for (let n = 0; n < 32; n++) {
          if (s < 0) out.push(null);
          else if (form === 'elem') out.push(`z${n}.${TSZ_SIZES[s]}[${i}]`);
          else out.push(i === 0 ? `${TSZ_SIZES[s]}${n}` : null);
        }
      }
      return out;
    });
    const what = form === 'elem' ? 'an SVE vector element zN.T[i]' : 'a b/h/s/d/q register';
    const op: BoundOperand = {
      role: form === 'elem' ? 'zreg' : 'fpreg',
      fields: [reg, ...fields],
      optional: false,
      decode: (w) => table[(all.get(w) << 5) | r.get(w)],
      encode: (tok, env) => {
        const t = requireTok(tok, what);
        let num: number;
        let s: number;
        let i = 0;
        if (form === 'elem') {
          const e = parseVectorElem(t, 'z');
          s = e ? TSZ_SIZES.indexOf(e.size) : -1;
          if (!e || s < 0 || s >= tszWidth) return new EncodeError(`expected ${what}, got '${t}'`);
          num = e.num;
          const ix = parseIndex(e.index, (nAll >> (s + 1)) - 1, env);
          if (ix instanceof EncodeError) return ix;
          i = ix;
        } else {
          const m = /^([bhsdq])(\d\d?)$/i.exec(t);
          s = m ? TSZ_SIZES.indexOf(m[1].toLowerCase()) : -1;
          num = m ? Number(m[2]) : 99;
          if (!m || num > 31 || s >= tszWidth) return new EncodeError(`expected ${what}, got '${t}'`);
        }
        return { bits: (r.set(num) | all.set(((i << 1) | 1) << s)) >>> 0, mask: (r.mask | all.mask) >>> 0 };
      },
    };
    return op;
  };
}

/**
 * psel's `pM.<T>[wV, i]`: T from tsz = tszh:tszl (lowest set bit), i from i1:tsz above it, V = 12
 * + Rv. `fields`: [i1, tszh, tszl].
 */
export function PselElem(reg = 'Pm', fields: readonly string[] = ['i1', 'tszh', 'tszl'], rv = 'Rv'): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const all = composite(p, fields);
    const v = fieldAccess(p, rv);
    const nAll = 2 ** all.width;
    const table = sharedTable(`psel-elem:${all.width}`, () => {
      const out: (string | null)[] = [];
      for (let k = 0; k < nAll; k++) {
        const tv = k & ((nAll >> 1) - 1);
        const s = tv ? lowBit(tv) : -1;
        for (let rr = 0; rr < 4; rr++) {
          for (let n = 0; n < 16; n++) out.push(s < 0 ? null : `p${n}.${TSZ_SIZES[s]}[w${12 + rr}, ${k >> (s + 1)}]`);
        }
      }
      return out;
    });
    const what = 'a predicate element pN.T[wV, i] (V 12-15)';
    const op: BoundOperand = {
      role: 'preg',
      fields: [reg, ...fields, rv],
      optional: false,
      decode: (w) => table[(((all.get(w) << 2) | v.get(w)) << 4) | r.get(w)],
      encode: (tok, env) => {
        const t = requireTok(tok, what);
        const m = /^p(\d\d?)\.([bhsd])\s*\[\s*w(\d\d?)\s*,\s*([^\s\]](?:[^\]]*[^\s\]])?)\s*\]$/i.exec(t);
        const n = m ? Number(m[1]) : 99;
        const wv = m ? Number(m[3]) - 12 : -1;
        if (!m || n > 15 || wv < 0 || wv > 3) return new EncodeError(`expected ${what}, got '${t}'`);
        const s = TSZ_SIZES.indexOf(m[2].toLowerCase());
        const i = parseIndex(m[4], (nAll >> (s + 1)) - 1, env);
        if (i instanceof EncodeError) return i;
        return {
          bits: (r.set(n) | v.set(wv) | all.set(((i << 1) | 1) << s)) >>> 0,
          mask: (r.mask | v.mask | all.mask) >>> 0,
        };
      },
    };
    return op;
  };
}
