// SME's ZA storage as GNU prints it: whole tiles (za3.s), horizontal/vertical tile slices
// (za1v.h[w13, 7], optionally in braces for loads/stores), the ZA array vector (za[w12, 0]) and
// zero's tile lists ({za0.h, za3.d}, {za}). Decode texts come from small precomputed tables.
import { sharedTable } from './name-tables';
import { BoundOperand, EncodeError, EncodeEnv, OperandSpec, fieldAccess, requireTok, tryParseImmediate } from './operand';
import { Shape, shapeBit } from './token-shape';

export type ZaSize = 'b' | 'h' | 's' | 'd' | 'q';

/** Tile-number bits of a 4-bit tile:offset field, per element size (the rest is the offset). */
const TILE_BITS: Readonly<Record<ZaSize, number>> = { b: 0, h: 1, s: 2, d: 3, q: 4 };

const OTHER = shapeBit(Shape.Other);
const LIST = shapeBit(Shape.List);

/** A slice index `[wN, off]` part: the select register (w12-w15) and offset text. */
const SLICE_INDEX = /^\[\s*w(\d\d?)\s*,\s*([^\s\]](?:[^\]]*[^\s\]])?)\s*\]$/i;

/** The select register (12..15 → 0..3) and the offset, or an error. */
function parseIndex(t: string, env: EncodeEnv, maxOff: number): { rs: number; off: number } | EncodeError {
  const m = SLICE_INDEX.exec(t);
  if (!m) return new EncodeError(`expected '[w12-w15, offset]', got '${t}'`);
  const r = Number(m[1]);
  if (r < 12 || r > 15) return new EncodeError(`the slice select register must be w12-w15, got 'w${m[1]}'`);
  const v = tryParseImmediate(m[2], env);
  if (v instanceof EncodeError) return v;
  const off = Number(v);
  if (off < 0 || off > maxOff) return new EncodeError(`slice offset out of range 0..${maxOff}`);
  return { rs: r - 12, off };
}

/** `za<n>.<size>`: a whole tile, numbered by field `reg` (its width gives the tile count). */
export function ZaTile(reg: string, size: ZaSize): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const count = r.max + 1;
    const table = sharedTable(`zatile:${size}:${count}`, () => Array.from({ length: count }, (_, k) => `za${k}.${size}`));
    const lo = r.f.lo;
    const rm = r.max;
    const what = `a ZA tile za0.${size}-za${count - 1}.${size}`;
    const op: BoundOperand = {
      role: 'za',
      fields: [reg],
      optional: false,
      shapes: OTHER,
      decode: (w) => table[(w >>> lo) & rm],
      encode: (tok) => {
        const t = requireTok(tok, what);
        const m = /^za(\d\d?)\.([bhsdq])$/i.exec(t);
        if (!m || m[2].toLowerCase() !== size || Number(m[1]) > rm) return new EncodeError(`expected ${what}, got '${t}'`);
        return { bits: r.set(Number(m[1])), mask: r.mask };
      },
    };
    return op;
  };
}

export interface ZaSliceOptions {
  /** Loads and stores write the slice as a one-element list: `{za0h.b[w12, 0]}`. */
  braces?: boolean;
}

/**
 * `za<t><h|v>.<size>[w<12+Rs>, <off>]`: a tile slice. `za` is the 4-bit tile:offset field (the
 * size decides the split), `hv` the vertical bit, `rs` the 2-bit select register.
 */
export function ZaSlice(hv: string, rs: string, za: string, size: ZaSize, o: ZaSliceOptions = {}): OperandSpec {
  return (p) => {
    const v = fieldAccess(p, hv);
    const s = fieldAccess(p, rs);
    const z = fieldAccess(p, za);
    if (z.max !== 15 || s.max !== 3 || v.max !== 1) throw new Error(`ZaSlice: expects 1-bit ${hv}, 2-bit ${rs}, 4-bit ${za}`);
    const tileBits = TILE_BITS[size];
    const offBits = 4 - tileBits;
    const braces = o.braces ?? false;
    // index = V << 6 | Rs << 4 | tile:offset
    const table = sharedTable(`zaslice:${size}:${braces}`, () => {
      const out: string[] = [];
      for (let k = 0; k < 128; k++) {
        const f = k & 15;
        const text = `za${f >>> offBits}${k & 64 ? 'v' : 'h'}.${size}[w${12 + ((k >>> 4) & 3)}, ${f & ((1 << offBits) - 1)}]`;
        out.push(braces ? `{${text}}` : text);
      }
      return out;
    });
    const vlo = v.f.lo;
    const slo = s.f.lo;
    const zlo = z.f.lo;
    const maxTile = (1 << tileBits) - 1;
    const maxOff = (1 << offBits) - 1;
    const what = `a ZA tile slice ${braces ? '{' : ''}za0h.${size}[w12, 0]${braces ? '}' : ''} (za0-za${maxTile}, offset 0-${maxOff})`;
    const op: BoundOperand = {
      role: 'za',
      fields: [hv, rs, za],
      optional: false,
      shapes: braces ? LIST : OTHER,
      decode: (w) => table[(((w >>> vlo) & 1) << 6) | (((w >>> slo) & 3) << 4) | ((w >>> zlo) & 15)],
      encode: (tok, env) => {
        let t = requireTok(tok, what);
        if (braces) {
          if (t[0] !== '{' || t[t.length - 1] !== '}') return new EncodeError(`expected ${what}, got '${t}'`);
          t = t.slice(1, -1).trim();
        }
        const m = /^za(\d\d?)([hv])\.([bhsdq])\s*(\[.*)$/i.exec(t);
        if (!m) return new EncodeError(`expected ${what}, got '${t}'`);
        if (m[3].toLowerCase() !== size) return new EncodeError(`expected .${size} elements, got '${t}'`);
        const tile = Number(m[1]);
        if (tile > maxTile) return new EncodeError(`tile out of range za0-za${maxTile} for .${size}, got '${t}'`);
        const ix = parseIndex(m[4], env, maxOff);
        if (ix instanceof EncodeError) return ix;
        return {
          bits: (v.set(m[2].toLowerCase() === 'v' ? 1 : 0) | s.set(ix.rs) | z.set((tile << offBits) | ix.off)) >>> 0,
          mask: (v.mask | s.mask | z.mask) >>> 0,
        };
      },
    };
    return op;
  };
}

/** `za[w<12+Rv>, <off>]`: the ZA array vector of ldr/str. */
export function ZaArray(rv: string, off: string): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, rv);
    const o = fieldAccess(p, off);
    const n = o.max + 1;
    const table = sharedTable(`zaarray:${n}`, () => {
      const out: string[] = [];
      for (let k = 0; k < 4 * n; k++) out.push(`za[w${12 + Math.floor(k / n)}, ${k % n}]`);
      return out;
    });
    const rlo = r.f.lo;
    const olo = o.f.lo;
    const om = o.max;
    const what = `the ZA array za[w12-w15, 0-${om}]`;
    const op: BoundOperand = {
      role: 'za',
      fields: [rv, off],
      optional: false,
      shapes: OTHER,
      decode: (w) => table[((w >>> rlo) & 3) * n + ((w >>> olo) & om)],
      encode: (tok, env) => {
        const t = requireTok(tok, what);
        const m = /^za\s*(\[.*)$/i.exec(t);
        if (!m) return new EncodeError(`expected ${what}, got '${t}'`);
        const ix = parseIndex(m[1], env, om);
        if (ix instanceof EncodeError) return ix;
        return { bits: (r.set(ix.rs) | o.set(ix.off)) >>> 0, mask: (r.mask | o.mask) >>> 0 };
      },
    };
    return op;
  };
}

// zero's list: objdump names the largest tiles first (za, then .h, .s, .d), each taking its
// bits of the 8-bit mask of 64-bit tiles, in this order
const ZA_GROUPS: readonly (readonly [string, number])[] = [
  ['za', 0xff], ['za0.h', 0x55], ['za1.h', 0xaa],
  ['za0.s', 0x11], ['za1.s', 0x22], ['za2.s', 0x44], ['za3.s', 0x88],
  ...Array.from({ length: 8 }, (_, k) => [`za${k}.d`, 1 << k] as const),
];

/** The 64-bit tiles each name covers (gas also takes za0.b for all of ZA). */
const ZA_MASK_BY_NAME = new Map<string, number>([...ZA_GROUPS, ['za0.b', 0xff]]);

function zaListText(mask: number): string {
  const names: string[] = [];
  let rest = mask;
  for (const [name, bits] of ZA_GROUPS) {
    if (rest === 0) break;
    if ((rest & bits) === bits) {
      names.push(name);
      rest &= ~bits;
    }
  }
  return `{${names.join(', ')}}`;
}

/** `{za0.d, za2.s, …}`: zero's 8-bit mask of 64-bit tiles (`{}` when none, `{za}` when all). */
export function ZaTileList(imm8: string): OperandSpec {
  return (p) => {
    const f = fieldAccess(p, imm8);
    if (f.max !== 255) throw new Error(`ZaTileList: ${imm8} must be 8 bits`);
    const table = sharedTable('zalist', () => Array.from({ length: 256 }, (_, k) => zaListText(k)));
    const lo = f.f.lo;
    const what = `a list of ZA tiles {za0.d, za1.s, …} or {za}`;
    const op: BoundOperand = {
      role: 'za',
      fields: [imm8],
      optional: false,
      shapes: LIST,
      decode: (w) => table[(w >>> lo) & 255],
      encode: (tok) => {
        const t = requireTok(tok, what);
        if (t[0] !== '{' || t[t.length - 1] !== '}') return new EncodeError(`expected ${what}, got '${t}'`);
        const inner = t.slice(1, -1).trim();
        let mask = 0;
        if (inner !== '') {
          for (const part of inner.split(',')) {
            const bits = ZA_MASK_BY_NAME.get(part.trim().toLowerCase());
            if (bits === undefined) return new EncodeError(`expected a ZA tile (za, za0.b, za0-1.h, za0-3.s, za0-7.d), got '${part.trim()}'`);
            mask |= bits;
          }
        }
        return { bits: f.set(mask), mask: f.mask };
      },
    };
    return op;
  };
}
