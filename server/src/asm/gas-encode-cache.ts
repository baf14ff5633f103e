// Instruction words cached by their text: an instruction whose word depends on neither symbols
// nor its place is encoded once (the editor re-assembles after each edit), within a byte budget;
// one that uses symbol values is kept with them and holds while they do.
// A PC-relative one is cached with its target as '.' and the offset put in afterwards.
import { encode, isEncodeFailure, EncodeResult, EncodeFailure } from '../isa/encode';
import { ByteBudgetCache, ENTRY_BYTES, stringBytes } from './byte-budget-cache';


/** Bytes an encoding costs in a cache besides its key (the row it names is shared with the ISA table). */
const ENCODING_BYTES = 110;

/**
 * An encoding by its text. `names` (with `values`, undefined for a name without one) are the
 * symbols the encoder asked for, when their values went in: the entry holds while each name
 * still resolves to the same value — `stp x0, x1, [sp, #S_X0]` is encoded once per value of S_X0.
 */
interface CachedEncoding {
  readonly r: EncodeResult | EncodeFailure;
  readonly names?: readonly string[];
  readonly values?: readonly (bigint | undefined)[];
}

/** Words of instruction texts that need no place, and of PC-relative ones with '.' as their target. */
const encodeCache = new ByteBudgetCache<CachedEncoding>(6 << 20, (k, v) => ENTRY_BYTES + stringBytes(k) + ENCODING_BYTES + (v.names ? 48 + 40 * v.names.length : 0));
const zeroCache = new ByteBudgetCache<EncodeResult>(1 << 20, (k) => ENTRY_BYTES + stringBytes(k) + ENCODING_BYTES);


/** Empties the encoding caches (benchmarks of text never seen before). */
export function forgetEncodings(): void {
  encodeCache.clear();
  zeroCache.clear();
}

/** The encoder's environment for encodeCached: records whether the pc was read and which symbols were asked. */
class Recorder {
  busy = false;
  usedPc = false;
  valued = false;
  readonly names: string[] = [];
  readonly values: (bigint | undefined)[] = [];
  private pcValue = 0n;
  private inner: (name: string) => bigint | undefined = () => undefined;

  start(pc: bigint, resolve: (name: string) => bigint | undefined): void {
    this.busy = true;
    this.usedPc = this.valued = false;
    this.names.length = this.values.length = 0;
    this.pcValue = pc;
    this.inner = resolve;
  }

  get pc(): bigint {
    this.usedPc = true;
    return this.pcValue;
  }

  resolve(name: string): bigint | undefined {
    const v = this.inner(name);
    if (v !== undefined) this.valued = true;
    if (!this.names.includes(name)) {
      this.names.push(name);
      this.values.push(v);
    }
    return v;
  }
}
const recorder = new Recorder();

/** Whether the last encodeCached result depends on its text alone (no symbol value, no pc). */
export const lastEncoding = { pure: false };

/**
 * Encodes with a memo for texts whose word does not depend on the pc: by the text alone when no
 * symbol value went in, else by the text and the values of the symbols asked (checked through
 * `resolve` again, in the order first asked, so its side effects are as an encoding's).
 * `callerKeeps`: the caller met this text for the first time and keeps a pure result itself (a
 * line's parsed statement does): no lookup first, and no entry for a pure result.
 */
export function encodeCached(text: string, pc: bigint, resolve: (name: string) => bigint | undefined, callerKeeps = false): EncodeResult | EncodeFailure {
  lastEncoding.pure = false;
  const hit = callerKeeps ? undefined : encodeCache.get(text);
  if (hit) {
    const names = hit.names;
    if (!names) {
      lastEncoding.pure = true;
      return hit.r;
    }
    let same = true;
    for (let k = 0; k < names.length && same; k++) same = resolve(names[k]) === hit.values![k];
    if (same) return hit.r;
  }
  // one recorder for every call (a fresh one only if an encoding ever ran inside another)
  const env = recorder.busy ? new Recorder() : recorder;
  env.start(pc, resolve);
  let r: EncodeResult | EncodeFailure;
  try {
    r = encode(text, env);
  } finally {
    env.busy = false;
  }
  if (env.usedPc) return r;
  const { valued } = env;
  // a success that needed no symbol value stands for the text (names asked by rows that failed,
  // e.g. a condition read as an immediate, do not matter)
  const pure = !valued && (env.names.length === 0 || !isEncodeFailure(r));
  lastEncoding.pure = pure;
  if (pure && callerKeeps) return r;
  const entry = pure ? { r } : { r, names: env.names.slice(), values: env.values.slice() };
  // (a caller that skipped the lookup may still have this text cached from another line)
  if (hit === undefined && !callerKeeps) encodeCache.setNew(text, entry);
  else encodeCache.set(text, entry);
  return r;
}

/** An instruction whose PC-relative target is '.' (a zero offset): the same word at any pc, cached when no symbol value went in. */
export function zeroEncoded(text: string, pc: bigint, resolve: (name: string) => bigint | undefined): EncodeResult | EncodeFailure {
  const hit = zeroCache.get(text);
  if (hit) return hit;
  let valued = false;
  const r = encode(text, {
    pc,
    resolve(n: string) {
      const v = resolve(n);
      if (v !== undefined) valued = true;
      return v;
    },
  });
  if (!valued && !isEncodeFailure(r)) zeroCache.setNew(text, r);
  return r;
}

/** Whether a byte offset is a multiple of `scale` that fits a signed field of `bits` bits counting `scale`s. */
function fits(off: number, bits: number, scale: number): boolean {
  return off % scale === 0 && off >= -(2 ** (bits - 1)) * scale && off < 2 ** (bits - 1) * scale;
}

/** Puts a PC-relative offset into the field a relocation of `type` covers; undefined when it does not fit. */
export function patchBranch(word: number, type: string, off: number): number | undefined {
  switch (type) {
    case 'R_AARCH64_JUMP26':
    case 'R_AARCH64_CALL26':
      return fits(off, 26, 4) ? (word | ((off / 4) & 0x3ffffff)) >>> 0 : undefined;
    case 'R_AARCH64_CONDBR19':
    case 'R_AARCH64_LD_PREL_LO19':
      return fits(off, 19, 4) ? (word | (((off / 4) & 0x7ffff) << 5)) >>> 0 : undefined;
    case 'R_AARCH64_TSTBR14':
      return fits(off, 14, 4) ? (word | (((off / 4) & 0x3fff) << 5)) >>> 0 : undefined;
    case 'R_AARCH64_ADR_PREL_LO21':
      return fits(off, 21, 1) ? (word | ((off & 3) << 29) | (((off >> 2) & 0x7ffff) << 5)) >>> 0 : undefined;
  }
  return undefined;
}
