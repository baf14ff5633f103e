// Decoder: the table's rows indexed by the word's top 11 bits; the first row that matches wins.
import { DecodeEnv, OperandRole, decodeEnvAt } from './operands/operand';
import { Row } from './table';
import { ROWS } from './rows';

const KEY_SHIFT = 21;
const KEY_BITS = 11;

function precedes(a: Row, b: Row): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const pa = popcount(a.mask);
  const pb = popcount(b.mask);
  if (pa !== pb) return pb - pa;
  return a.id - b.id;
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * A bucket of rows; a large one is split again on the low bits most of its rows fix. The rows'
 * mask/value pairs sit packed in MASKS/VALUES from `at` on, so the scan reads no row object
 * until one matches.
 */
interface Bucket {
  readonly rows: readonly Row[];
  readonly at: number;
  readonly bits?: readonly number[];
  readonly sub?: readonly Bucket[];
}

const SPLIT_AT = 12;
const SUB_BITS = 5;

/** Builds buckets over shared packed arrays; equal row lists share one bucket. */
class IndexBuilder {
  private readonly masks: number[] = [];
  private readonly values: number[] = [];
  private readonly byKey = new Map<string, Bucket>();

  leaf(rows: Row[]): Bucket {
    const key = rows.map((r) => r.id).join(',');
    let b = this.byKey.get(key);
    if (!b) {
      b = { rows, at: this.masks.length };
      for (const r of rows) {
        this.masks.push(r.mask | 0);
        this.values.push(r.value | 0);
      }
      this.byKey.set(key, b);
    }
    return b;
  }

  bucket(rows: Row[]): Bucket {
    if (rows.length <= SPLIT_AT) return this.leaf(rows);
    // choose the bits below the key that the most rows fix, preferring bits that split 0/1 evenly
    const score: [number, number][] = [];
    for (let b = 0; b < KEY_SHIFT; b++) {
      let fixed = 0;
      let ones = 0;
      for (const r of rows) {
        if ((r.mask >>> b) & 1) {
          fixed++;
          ones += (r.value >>> b) & 1;
        }
      }
      score.push([b, fixed * 2 - Math.abs(fixed - 2 * ones)]);
    }
    const bits = score.sort((x, y) => y[1] - x[1]).slice(0, SUB_BITS).map(([b]) => b);
    const sub: Bucket[] = [];
    for (let k = 0; k < 1 << bits.length; k++) {
      // keep r when it agrees with k on every chosen bit it fixes
      const list = rows.filter((r) => bits.every((b, i) => !((r.mask >>> b) & 1) || ((r.value >>> b) & 1) === ((k >>> i) & 1)));
      sub.push(this.leaf(list));
    }
    return { rows, at: -1, bits, sub };
  }

  packed(): { masks: Int32Array; values: Int32Array } {
    return { masks: Int32Array.from(this.masks), values: Int32Array.from(this.values) };
  }
}

interface Index {
  readonly buckets: readonly Bucket[];
  readonly masks: Int32Array;
  readonly values: Int32Array;
}

function buildIndex(rows: readonly Row[], aliases: boolean): Index {
  const sorted = rows.filter((r) => !r.encodeOnly && (aliases || !r.aliasOf)).sort(precedes);
  const lists: Row[][] = Array.from({ length: 1 << KEY_BITS }, () => []);
  const keyMask = (1 << KEY_BITS) - 1;
  for (const r of sorted) {
    const m = (r.mask >>> KEY_SHIFT) & keyMask;
    const v = (r.value >>> KEY_SHIFT) & keyMask;
    // enumerate the keys that agree with the row on its fixed key bits
    const free = ~m & keyMask;
    let sub = free;
    for (;;) {
      lists[v | sub].push(r);
      if (sub === 0) break;
      sub = (sub - 1) & free;
    }
  }
  const b = new IndexBuilder();
  const buckets = lists.map((l) => b.bucket(l));
  return { buckets, ...b.packed() };
}

let aliasIndex: Index | undefined;
let baseIndex: Index | undefined;

const indexOf = (aliases: boolean): Index => (aliases ? (aliasIndex ??= buildIndex(ROWS, true)) : (baseIndex ??= buildIndex(ROWS, false)));

/** The leaf bucket of a word. */
function leafOf(x: Index, w: number): Bucket {
  const b = x.buckets[w >>> KEY_SHIFT];
  if (!b.sub) return b;
  const bits = b.bits!;
  let k = 0;
  for (let i = 0; i < bits.length; i++) k |= ((w >>> bits[i]) & 1) << i;
  return b.sub[k];
}

const matchOperands = (r: Row, w: number, env: DecodeEnv): string[] | null => {
  const out: string[] = [];
  for (const op of r.operands) {
    const t = op.decode(w, env);
    if (t === null) return null;
    if (t !== '') out.push(t);
  }
  return out;
};

function find(w: number, env: DecodeEnv, aliases: boolean): { row: Row; ops: string[] } | null {
  for (const r of leafOf(indexOf(aliases), w).rows) {
    if (((w & r.mask) >>> 0) !== r.value) continue;
    if (r.decodeWhen && !r.decodeWhen(w)) continue;
    const ops = matchOperands(r, w, env);
    if (ops) return { row: r, ops };
  }
  return null;
}

/** GNU objdump's text for a word (single spaces), or null for an undefined encoding. */
export function decodeText(word: number, pc: bigint = 0n): string | null {
  return textOf(word | 0, decodeEnvAt(pc));
}

/**
 * Decodes consecutive words from `base` (+4 each) and hands each text to `emit`. The address is
 * computed only for the words whose operands need it (PC-relative ones), which keeps bulk decoding
 * (CLI, listings) free of a 64-bit addition per word.
 */
export function decodeWords(words: ArrayLike<number>, base: bigint, emit: (index: number, text: string | null) => void): void {
  const env = decodeEnvAt(base) as { pcHi: number; pcLo: number };
  for (let i = 0; i < words.length; i++) {
    emit(i, textOf(words[i] | 0, env));
    env.pcLo += 4;
    if (env.pcLo >= 4294967296) {
      env.pcLo -= 4294967296;
      env.pcHi = (env.pcHi + 1) >>> 0;
    }
  }
}

/**
 * The hot path: the text is built as the operands decode, with no arrays. `w` is the word as a
 * signed 32-bit value: V8 passes those unboxed, while a word above 2^31 would be boxed per call.
 */
function textOf(w: number, env: DecodeEnv): string | null {
  const x = aliasIndex ?? indexOf(true);
  const b = leafOf(x, w);
  const { masks, values } = x;
  const rows = b.rows;
  next: for (let i = 0, j = b.at; i < rows.length; i++, j++) {
    if ((w & masks[j]) !== values[j]) continue;
    const r = rows[i];
    if (r.decodeWhen && !r.decodeWhen(w)) continue;
    let text = r.mnemonic;
    let sep = ' ';
    const ops = r.decoders;
    for (let k = 0; k < ops.length; k++) {
      const t = ops[k](w, env);
      if (t === null) continue next;
      if (t !== '') {
        text += sep + t;
        sep = ', ';
      }
    }
    return text;
  }
  return null;
}

export interface DecodedOperand {
  readonly text: string;
  readonly role: OperandRole;
  readonly fields: readonly { name: string; value: number }[];
}

export interface DecodedField {
  readonly name: string;
  readonly hi: number;
  readonly lo: number;
  readonly value: number;
  /** True for bits fixed by the encoding (opcode bits); false for operand fields. */
  readonly fixed: boolean;
}

export interface Decoded {
  readonly word: number;
  readonly address: bigint;
  readonly text: string;
  readonly mnemonic: string;
  readonly operands: readonly DecodedOperand[];
  /** The encoding's bit fields, MSB first, for a diagram. */
  readonly fields: readonly DecodedField[];
  readonly cls: string;
  readonly feature: string;
  /** When the text is a preferred alias: the same word as the base form (objdump -M no-aliases). */
  readonly aliasOf?: { readonly mnemonic: string; readonly text: string };
  readonly row: Row;
}

function describe(w: number, pc: bigint, row: Row, ops: string[]): Decoded {
  const env = decodeEnvAt(pc);
  const operands: DecodedOperand[] = [];
  for (const op of row.operands) {
    const text = op.decode(w, env) ?? '';
    if (text === '') continue;
    const fields = op.fields.map((name) => {
      const f = row.pattern.fields.get(name)!;
      return { name, value: (w >>> f.lo) & (2 ** f.width - 1) };
    });
    operands.push({ text, role: op.role, fields });
  }
  const fields = row.pattern.layout.map((f) => ({
    name: f.name || 'x',
    hi: f.lo + f.width - 1,
    lo: f.lo,
    value: f.width === 32 ? w : (w >>> f.lo) & (2 ** f.width - 1),
    fixed: f.fixed !== undefined,
  }));
  const text = ops.length ? row.mnemonic + ' ' + ops.join(', ') : row.mnemonic;
  let aliasOf: Decoded['aliasOf'];
  if (row.aliasOf) {
    const base = find(w, env, false);
    if (base) aliasOf = { mnemonic: base.row.mnemonic, text: base.ops.length ? base.row.mnemonic + ' ' + base.ops.join(', ') : base.row.mnemonic };
  }
  return { word: w, address: pc, text, mnemonic: row.mnemonic, operands, fields, cls: row.cls, feature: row.feature, aliasOf, row };
}

/** Full decode with operands, fields and the alias relation; null for an undefined encoding. */
export function decode(word: number, pc: bigint = 0n, opts: { aliases?: boolean } = {}): Decoded | null {
  const w = word >>> 0;
  const hit = find(w, decodeEnvAt(pc), opts.aliases ?? true);
  return hit ? describe(w, pc, hit.row, hit.ops) : null;
}

/** Rows in decode order for one word's bucket (tests and coverage tools). */
export function rowsForWord(word: number): readonly Row[] {
  return leafOf(indexOf(true), word >>> 0).rows;
}
