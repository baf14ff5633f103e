// Encoding patterns: a row's 32 bits written MSB first as whitespace-separated tokens:
//   "0101"          fixed bits
//   "x" / "xx"      bits the decoder ignores (encoded as 0)
//   "Rd:5"          a named field of 5 bits ("sf" alone = 1 bit)
//   "size=10"       a named field whose value is fixed (shown by name in the bit diagram)
// The same parsed pattern drives decode (mask/value), encode (value + field positions) and hovers.

export interface Field {
  readonly name: string;
  readonly lo: number;
  readonly width: number;
  /** Fixed bits of this field, when the pattern gives them (`size=10`). */
  readonly fixed?: number;
}

export interface Pattern {
  readonly text: string;
  readonly mask: number;
  readonly value: number;
  readonly fields: ReadonlyMap<string, Field>;
  /** Every token in bit order (MSB first), for the hover's bit diagram. */
  readonly layout: readonly Field[];
}

// field names, one string each (thousands of patterns repeat a few dozen names)
const NAMES = new Map<string, string>();
const intern = (s: string): string => NAMES.get(s) ?? (NAMES.set(s, s), s);

// patterns by text: alias rows and sized variants repeat them, and a shared pattern shares its
// fields and everything bound to them (field accessors, composites)
const PATTERNS = new Map<string, Pattern>();

export function parsePattern(text: string): Pattern {
  let p = PATTERNS.get(text);
  if (p === undefined) PATTERNS.set(text, (p = parse(text)));
  return p;
}

function parse(text: string): Pattern {
  let pos = 32;
  let mask = 0;
  let value = 0;
  const fields = new Map<string, Field>();
  const layout: Field[] = [];
  for (const tok of text.trim().split(/\s+/)) {
    let m: RegExpMatchArray | null;
    if ((m = /^([01]+)$/.exec(tok))) {
      const bits = m[1];
      pos -= bits.length;
      mask |= ((2 ** bits.length - 1) << pos) >>> 0;
      value |= (parseInt(bits, 2) << pos) >>> 0;
      layout.push({ name: bits, lo: pos, width: bits.length, fixed: parseInt(bits, 2) });
    } else if ((m = /^(x+)$/.exec(tok))) {
      pos -= m[1].length;
      layout.push({ name: '', lo: pos, width: m[1].length });
    } else if ((m = /^([A-Za-z_][A-Za-z0-9_]*)(?::(\d+))?(?:=([01]+))?$/.exec(tok))) {
      const name = intern(m[1]);
      const fixedBits = m[3];
      const width = fixedBits ? fixedBits.length : m[2] ? Number(m[2]) : 1;
      if (m[2] && fixedBits && Number(m[2]) !== fixedBits.length) throw new Error(`pattern ${text}: ${tok} width mismatch`);
      pos -= width;
      const f: Field = fixedBits ? { name, lo: pos, width, fixed: parseInt(fixedBits, 2) } : { name, lo: pos, width };
      if (fields.has(name)) throw new Error(`pattern ${text}: field ${name} twice`);
      fields.set(name, f);
      layout.push(f);
      if (fixedBits) {
        mask |= ((2 ** width - 1) * 2 ** pos) >>> 0;
        value |= (parseInt(fixedBits, 2) * 2 ** pos) >>> 0;
      }
    } else {
      throw new Error(`pattern ${text}: bad token ${tok}`);
    }
    if (pos < 0) throw new Error(`pattern ${text}: more than 32 bits`);
  }
  if (pos !== 0) throw new Error(`pattern ${text}: ${32 - pos} bits, expected 32`);
  return { text, mask: mask >>> 0, value: value >>> 0, fields, layout };
}

// one getter and one setter per bit position and width, shared by every field there
const GETTERS: ((w: number) => number)[] = [];
const SETTERS: ((v: number) => number)[] = [];

/** Reads an unsigned field. */
export function fieldGetter(f: Field): (w: number) => number {
  const { lo, width } = f;
  const key = lo * 64 + width;
  let g = GETTERS[key];
  if (g === undefined) {
    const m = 2 ** width - 1;
    GETTERS[key] = g = width === 32 ? (w) => w >>> 0 : (w) => (w >>> lo) & m;
  }
  return g;
}

/** Places an unsigned value into a field; the caller checks the range. */
export function fieldSetter(f: Field): (v: number) => number {
  const { lo, width } = f;
  const key = lo * 64 + width;
  let s = SETTERS[key];
  if (s === undefined) {
    const m = 2 ** width - 1;
    const unit = 2 ** lo;
    SETTERS[key] = s = (v) => ((v & m) * unit) >>> 0;
  }
  return s;
}
