// Instruction words cached by their text: an instruction whose word depends on neither symbols
// nor its place is encoded once (the editor re-assembles after each edit), within a byte budget.
// A PC-relative one is cached with its target as '.' and the offset put in afterwards.
import { encode, isEncodeFailure, EncodeResult, EncodeFailure } from '../isa/encode';
import { ByteBudgetCache, ENTRY_BYTES, stringBytes } from './byte-budget-cache';


/** Bytes an encoding costs in a cache besides its key (the row it names is shared with the ISA table). */
const ENCODING_BYTES = 110;

/** Words of instruction texts that need no symbol or place, and of PC-relative ones with '.' as their target. */
const encodeCache = new ByteBudgetCache<EncodeResult | EncodeFailure>(6 << 20, (k) => ENTRY_BYTES + stringBytes(k) + ENCODING_BYTES);
const zeroCache = new ByteBudgetCache<EncodeResult>(1 << 20, (k) => ENTRY_BYTES + stringBytes(k) + ENCODING_BYTES);

/** The word cached for an instruction text, if any. */
export const cachedEncoding = (text: string): EncodeResult | EncodeFailure | undefined => encodeCache.get(text);
/** The zero-offset word cached for an instruction text whose target is '.', if any. */
export const cachedZero = (text: string): EncodeResult | undefined => zeroCache.get(text);
/** Caches a zero-offset word (its encoding used no symbol value). */
export const rememberZero = (text: string, r: EncodeResult): void => zeroCache.set(text, r);

/** Approximate bytes the encoding caches hold. */
export const encodeCacheBytes = (): number => encodeCache.bytes + zeroCache.bytes;

/** Encodes with a memo for texts whose word depends on neither symbols nor the pc. */
export function encodeCached(text: string, pc: bigint, resolve: (name: string) => bigint | undefined): EncodeResult | EncodeFailure {
  const hit = encodeCache.get(text);
  if (hit) return hit;
  let usedPc = false;
  let asked = false;
  let valued = false;
  const env = {
    get pc() {
      usedPc = true;
      return pc;
    },
    resolve: (name: string) => {
      asked = true;
      const v = resolve(name);
      if (v !== undefined) valued = true;
      return v;
    },
  };
  const r = encode(text, env);
  // a success that needed no symbol value stands for the text (names asked by rows that failed,
  // e.g. a condition read as an immediate, do not matter); a failure only when nothing was asked
  if (!usedPc && !valued && (!asked || !isEncodeFailure(r))) encodeCache.set(text, r);
  return r;
}


/** An instruction whose PC-relative target is '.' (a zero offset): the same word at any pc, cached when no symbol value went in. */
export function zeroEncoded(text: string, pc: bigint, resolve: (name: string) => bigint | undefined): EncodeResult | EncodeFailure {
  const hit = zeroCache.get(text);
  if (hit) return hit;
  let valued = false;
  const r = encode(text, {
    pc,
    resolve: (n) => {
      const v = resolve(n);
      if (v !== undefined) valued = true;
      return v;
    },
  });
  if (!valued && !isEncodeFailure(r)) zeroCache.set(text, r);
  return r;
}

/** Puts a PC-relative offset into the field a relocation of `type` covers; undefined when it does not fit. */
export function patchBranch(word: number, type: string, off: number): number | undefined {
  const fits = (bits: number, scale: number) => off % scale === 0 && off >= -(2 ** (bits - 1)) * scale && off < 2 ** (bits - 1) * scale;
  switch (type) {
    case 'R_AARCH64_JUMP26':
    case 'R_AARCH64_CALL26':
      return fits(26, 4) ? (word | ((off / 4) & 0x3ffffff)) >>> 0 : undefined;
    case 'R_AARCH64_CONDBR19':
    case 'R_AARCH64_LD_PREL_LO19':
      return fits(19, 4) ? (word | (((off / 4) & 0x7ffff) << 5)) >>> 0 : undefined;
    case 'R_AARCH64_TSTBR14':
      return fits(14, 4) ? (word | (((off / 4) & 0x3fff) << 5)) >>> 0 : undefined;
    case 'R_AARCH64_ADR_PREL_LO21':
      return fits(21, 1) ? (word | ((off & 3) << 29) | (((off >> 2) & 0x7ffff) << 5)) >>> 0 : undefined;
  }
  return undefined;
}
