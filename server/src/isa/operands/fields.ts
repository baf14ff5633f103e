// Values spread over one or more row fields, concatenated MSB first (e.g. immhi:immlo, b5:b40).
import { Field, Pattern } from '../pattern';
import { field } from './operand';

export interface Composite {
  readonly names: readonly string[];
  readonly width: number;
  get(w: number): number;
  /** Bits of the (unsigned, width-bit) value placed into the fields. */
  set(v: number): number;
  readonly mask: number;
}

// composites by their fields' names and places: the same few hundred recur across rows
const COMPOSITES = new Map<string, Composite>();

export function composite(p: Pattern, names: string | readonly string[]): Composite {
  const list = typeof names === 'string' ? [names] : names;
  const fs = list.map((n) => field(p, n));
  const key = fs.map((f) => `${f.name}:${f.lo}:${f.width}`).join(',');
  let c = COMPOSITES.get(key);
  if (c === undefined) COMPOSITES.set(key, (c = build(list, fs)));
  return c;
}

function build(list: readonly string[], fs: readonly Field[]): Composite {
  const width = fs.reduce((s, f) => s + f.width, 0);
  let mask = 0;
  for (const f of fs) mask = (mask | ((2 ** f.width - 1) * 2 ** f.lo)) >>> 0;
  if (fs.length === 1) {
    const { lo, width: fw } = fs[0];
    const m = 2 ** fw - 1;
    const unit = 2 ** lo;
    return {
      names: list, width, mask,
      get: (w) => (fw === 32 ? w >>> 0 : (w >>> lo) & m),
      set: (v) => ((v & m) * unit) >>> 0,
    };
  }
  if (fs.length === 2) {
    // the common case (immhi:immlo, b5:b40, Q:size …) without the loop
    const [a, b] = fs;
    const am = 2 ** a.width - 1;
    const bm = 2 ** b.width - 1;
    const bw = 2 ** b.width;
    return {
      names: list, width, mask,
      get: (w) => ((w >>> a.lo) & am) * bw + ((w >>> b.lo) & bm),
      set: (v) => ((((Math.floor(v / bw) & am) * 2 ** a.lo) | ((v & bm) * 2 ** b.lo)) >>> 0),
    };
  }
  return {
    names: list, width, mask,
    get: (w) => {
      let v = 0;
      for (const f of fs) v = v * 2 ** f.width + ((w >>> f.lo) & (2 ** f.width - 1));
      return v;
    },
    set: (v) => {
      let bits = 0;
      let rest = v;
      for (let i = fs.length - 1; i >= 0; i--) {
        const f = fs[i];
        bits = (bits | ((rest % 2 ** f.width) * 2 ** f.lo)) >>> 0;
        rest = Math.floor(rest / 2 ** f.width);
      }
      return bits >>> 0;
    },
  };
}

/** Sign-extends a width-bit value. */
export const signExtend = (v: number, width: number): number => (v >= 2 ** (width - 1) ? v - 2 ** width : v);
