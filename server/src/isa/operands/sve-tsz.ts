// SVE shifts by immediate: the element size is the highest set bit of tsz (tszh:tszl, or a
// 3-bit tsz for the narrowing/widening SVE2 forms) and the shift is read from tsz:imm3 together:
// right = 2·esize − tsz:imm3, left = tsz:imm3 − esize.
import { composite } from './fields';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';
import { parseSveReg } from './sve-reg';
import { sharedTable } from './name-tables';
import { Shape, shapeBit } from './token-shape';

const SIZES = 'bhsd';
const highBit = (v: number): number => 31 - Math.clz32(v);

/**
 * `zN.<T>` where T follows tsz's highest set bit: 'same' (the shifted elements) or 'wide' (twice
 * that size: the source of a narrowing shift, the destination of a widening one).
 */
export function ZTsz(reg: string, tsz: string | readonly string[], role: 'same' | 'wide' = 'same'): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const t = composite(p, tsz);
    const up = role === 'wide' ? 1 : 0;
    const nT = 2 ** t.width;
    const table = sharedTable(`ztsz:${nT}:${up}:${r.max}`, () => {
      const out: (string | null)[] = [];
      for (let v = 0; v < nT; v++) {
        const k = v === 0 ? -1 : highBit(v) + up;
        for (let n = 0; n <= r.max; n++) out.push(k < 0 || k > 3 ? null : `z${n}.${SIZES[k]}`);
      }
      return out;
    });
    const allowed = [...SIZES].filter((_, k) => k - up >= 0 && k - up < t.width);
    const what = `an SVE vector register zN.${allowed.join('/')}`;
    const rlo = r.f.lo;
    const rm = r.max;
    const op: BoundOperand = {
      role: 'zreg',
      fields: [reg, ...t.names],
      optional: false,
      shapes: shapeBit(Shape.Other, Shape.Zreg),
      decode: (w) => table[t.get(w) * (rm + 1) + ((w >>> rlo) & rm)],
      encode: (tok) => {
        const s = requireTok(tok, what);
        const v = parseSveReg(s, 'z');
        const k = v ? SIZES.indexOf(v.suffix) - up : -1;
        if (!v || v.suffix === '' || k < 0 || k >= t.width || v.num > rm) return new EncodeError(`expected ${what}, got '${s}'`);
        // the size's marker bit set, the bits above it clear; the bits below belong to the shift
        return { bits: (r.set(v.num) | t.set(1 << k)) >>> 0, mask: (r.mask | t.set((nT - 1) & ~((1 << k) - 1))) >>> 0 };
      },
    };
    return op;
  };
}

/** `#shift` from tsz:imm3 (the registers before it fixed the element size). */
export function TszShift(tsz: string | readonly string[], imm3: string, dir: 'right' | 'left'): OperandSpec {
  return (p) => {
    const t = composite(p, tsz);
    const all = composite(p, [...t.names, imm3]);
    const low = all.width - t.width;
    const op: BoundOperand = {
      role: 'imm',
      fields: all.names,
      optional: false,
      decode: (w) => {
        const v = all.get(w);
        const tv = v >>> low;
        if (tv === 0) return null;
        const esize = 8 << highBit(tv);
        return '#' + (dir === 'right' ? 2 * esize - v : v - esize);
      },
      encode: (tok, env, acc) => {
        const tv = t.get(acc);
        if (tv === 0) return new EncodeError('the element size must come before the shift');
        const esize = 8 << highBit(tv);
        const n = Number(parseImmediate(requireTok(tok, 'a shift amount'), env));
        const [lo, hi] = dir === 'right' ? [1, esize] : [0, esize - 1];
        if (!Number.isInteger(n) || n < lo || n > hi) return new EncodeError(`shift amount out of range ${lo} to ${hi}`);
        return { bits: all.set(dir === 'right' ? 2 * esize - n : esize + n), mask: all.mask };
      },
    };
    return op;
  };
}
