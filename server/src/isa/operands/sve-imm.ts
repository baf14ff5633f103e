// SVE integer immediates: the 8-bit arithmetic / copy immediate with its optional `lsl #8`
// (add/sub/sqadd… #imm, dup/cpy #imm), and the logical immediate of and/orr/eor/dupm whose
// element size is read from imm13 (N and the leading ones of imms), not from a size field.
import { decodeBitmask, encodeBitmask } from './imm';
import { sharedTable } from './name-tables';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, hex, lslAmount, requireTok, tryParseImmediate } from './operand';
import { Shape, shapeBit } from './token-shape';

// --- 8-bit arithmetic immediate with `lsl #8` ------------------------------------------------------

export interface SveArithImmOptions {
  /** imm8 is signed (dup/cpy: -128..127) rather than unsigned (add/sub…: 0..255). */
  signed: boolean;
  /**
   * Encode only: the value is written before an explicit `lsl #8` (rows of SveArithShift(true)),
   * checked against the element size less 8 bits as GNU as does (`#-90, lsl #8`).
   */
  shifted?: boolean;
  imm?: string;
  sh?: string;
  /** The element-size field (b = 0 … d = 3): the value must fit it, and .b takes no shift. */
  size?: string;
}

/**
 * objdump's text by size:sh:imm8: the shifted value in decimal (`#0, lsl #8` leaves the shift to
 * SveArithShift); null where reserved. A shifted byte element passes objdump's range check only as
 * the signed -256 (imm8 = 0xff), which it prints.
 */
const aimmTexts = (signed: boolean): readonly (string | null)[] =>
  sharedTable(`sve-aimm:${signed}`, () =>
    Array.from({ length: 2048 }, (_, k) => {
      const v8 = k & 255;
      const v = signed && v8 >= 128 ? v8 - 256 : v8;
      const sh = (k >> 8) & 1;
      if (sh && k < 512 && !(signed && v8 === 255)) return null;
      return '#' + (sh ? v * 256 : v);
    }));

/**
 * `#imm` of the SVE wide-immediate forms, printed as objdump does (sh = 1 shows the shifted value,
 * `#6144`). Encodes as GNU as: the value may be written zero- or sign-extended within the element
 * size; a nonzero multiple of 256 takes sh (even for bytes: `#-256`).
 */
export function SveArithImm(o: SveArithImmOptions): OperandSpec {
  return (p) => {
    const imm = fieldAccess(p, o.imm ?? 'imm8');
    const sh = fieldAccess(p, o.sh ?? 'sh');
    const size = fieldAccess(p, o.size ?? 'size');
    const texts = aimmTexts(o.signed);
    const ilo = imm.f.lo;
    const shlo = sh.f.lo;
    const szlo = size.f.lo;
    const min = o.signed ? -128n : 0n;
    const both = (imm.mask | sh.mask) >>> 0;
    const op: BoundOperand = {
      role: 'imm',
      fields: [imm.f.name, sh.f.name],
      optional: false,
      decode: (w) => texts[(((w >>> szlo) & 3) << 9) | (((w >>> shlo) & 1) << 8) | ((w >>> ilo) & 255)],
      encode: (tok, env, acc) => {
        const parsed = tryParseImmediate(requireTok(tok, 'an immediate'), env);
        if (parsed instanceof EncodeError) return parsed;
        const esize = 8 << size.get(acc);
        if (o.shifted && esize === 8) return new EncodeError('no shift amount allowed for 8-bit elements');
        // the range check: bytes take no shift; a multiple of 256 is shifted for wider elements
        let v = parsed;
        let shift = o.shifted ? 8n : 0n;
        if (!o.shifted && esize > 8 && (v & 255n) === 0n) {
          shift = 8n;
          v >>= 8n;
        }
        const mask = (1n << (BigInt(esize) - shift)) - 1n;
        if ((v & mask) !== v && (v | ~mask) !== v) return new EncodeError('immediate too big for the element size');
        if (((v - min) & mask) > 255n) return new EncodeError(`invalid arithmetic immediate (${o.signed ? '-128..127' : '0..255'}, optionally shifted by 8)`);
        // the encoding: sh for an explicit shift or any nonzero multiple of 256
        if (o.shifted) return { bits: (imm.set(Number(parsed & 255n)) | sh.set(1)) >>> 0, mask: both };
        if (parsed !== 0n && (parsed & 255n) === 0n) return { bits: (imm.set(Number((parsed >> 8n) & 255n)) | sh.set(1)) >>> 0, mask: both };
        return { bits: imm.set(Number(parsed & 255n)), mask: both };
      },
    };
    return op;
  };
}

/**
 * The `lsl #8` after SveArithImm: printed only for `#0, lsl #8`. Optional (`lsl #0` accepted) in
 * the rows that decode; `explicit`: required, for the encode-only rows of SveArithImm's `shifted`.
 */
export function SveArithShift(explicit = false, shName = 'sh', immName = 'imm8'): OperandSpec {
  return (p) => {
    const sh = fieldAccess(p, shName);
    const imm = fieldAccess(p, immName);
    const op: BoundOperand = {
      role: 'shift',
      fields: [shName],
      optional: !explicit,
      decode: (w) => (sh.get(w) && imm.get(w) === 0 ? 'lsl #8' : ''),
      encode: (tok, env) => {
        if (tok === undefined) return explicit ? new EncodeError("expected 'lsl #8'") : { bits: 0, mask: 0 };
        const amount = lslAmount(tok);
        const n = amount !== undefined ? tryParseImmediate(amount, env) : new EncodeError("expected 'lsl #0' or 'lsl #8'");
        if (n instanceof EncodeError) return n;
        if (n === (explicit ? 8n : 0n)) return explicit ? { bits: sh.set(1), mask: sh.mask } : { bits: 0, mask: 0 };
        // `lsl #8` goes to the explicit rows (the value is checked differently there)
        return new EncodeError(n === 8n ? "the immediate before 'lsl #8' must fit in 8 bits" : "shift must be 'lsl #0' or 'lsl #8'");
      },
    };
    return op;
  };
}

// --- logical immediate ------------------------------------------------------------------------------

export type SveElemSize = 'b' | 'h' | 's' | 'd';
const SIZES: readonly SveElemSize[] = ['b', 'h', 's', 'd'];

/** Element size (0 = b … 3 = d) that objdump reads from imm13: N, then the leading ones of imms. */
function limmSize(n: number, imms: number): number {
  if (n) return 3;
  if ((imms & 0x30) === 0x30) return 0;
  if (imms & 0x20) return 1;
  return 2;
}

/** imm13's fields in a row: N, immr, imms. */
function limmFields(p: Parameters<OperandSpec>[0]) {
  return { N: fieldAccess(p, 'N'), immr: fieldAccess(p, 'immr'), imms: fieldAccess(p, 'imms') };
}

/** `zN.<T>` of the logical-immediate forms (decode): T from imm13. Encoding uses ZFix rows per size. */
export function ZLimm(reg: string): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const { N, imms } = limmFields(p);
    const table = sharedTable('z-limm', () => {
      const out: string[] = [];
      for (let k = 0; k < 128; k++) for (let n = 0; n < 32; n++) out.push(`z${n}.${SIZES[limmSize(k >> 6, k & 63)]}`);
      return out;
    });
    const op: BoundOperand = {
      role: 'zreg',
      fields: [reg, 'N', 'imms'],
      optional: false,
      shapes: shapeBit(Shape.Other, Shape.Zreg),
      decode: (w) => table[(((N.get(w) << 6) | imms.get(w)) << 5) | r.get(w)],
      // the rows that decode with it are decode-only: their per-size twins (ZFix) encode
      encode: () => new EncodeError('the element size of a logical immediate comes from the register'),
    };
    return op;
  };
}

const ESIZE_MASK = [0xffn, 0xffffn, 0xffffffffn, 0xffffffffffffffffn];

// texts by N:immr:imms, made on first use
const LIMM_TEXTS: (string | null)[] = new Array(8192);

/**
 * `#0x…` of and/orr/eor/dupm: printed at the element size imm13 implies. Encoding: `size` is the
 * element size the register operands named (the row's); the value must fit it (zero- or
 * sign-extended), is replicated to 64 bits and takes the smallest element that repeats it, as GNU
 * as does. `invert`: the bic/orn/eon spellings (the complement is encoded).
 */
export function SveLimm(size?: SveElemSize, invert = false): OperandSpec {
  return (p) => {
    const { N, immr, imms } = limmFields(p);
    const esize = size ? SIZES.indexOf(size) : 3;
    const emask = ESIZE_MASK[esize];
    const bitsWide = 8 << esize;
    const mask = (N.mask | immr.mask | imms.mask) >>> 0;
    const op: BoundOperand = {
      role: 'imm',
      fields: ['N', 'immr', 'imms'],
      optional: false,
      decode: (w) => {
        const key = (N.get(w) << 12) | (immr.get(w) << 6) | imms.get(w);
        let t = LIMM_TEXTS[key];
        if (t === undefined) {
          const v = decodeBitmask(N.get(w), immr.get(w), imms.get(w), 64);
          LIMM_TEXTS[key] = t = v === null ? null : '#0x' + (v & ESIZE_MASK[limmSize(N.get(w), imms.get(w))]).toString(16);
        }
        return t;
      },
      encode: (tok, env) => {
        const parsed = tryParseImmediate(requireTok(tok, 'an immediate'), env);
        if (parsed instanceof EncodeError) return parsed;
        let v = BigInt.asUintN(64, invert ? ~parsed : parsed);
        if (esize < 3) {
          const upper = ESIZE_MASK[3] & ~emask;
          if ((v & upper) !== 0n && (v & upper) !== upper) return new EncodeError(`immediate out of range for ${size} elements`);
          v &= emask;
          for (let i = bitsWide; i < 64; i *= 2) v |= v << BigInt(i);
        }
        const e = encodeBitmask(v, 64);
        if (!e) return new EncodeError(`immediate ${hex(v & emask)} is not a valid bitmask immediate`);
        return { bits: (N.set(e.n) | immr.set(e.immr) | imms.set(e.imms)) >>> 0, mask };
      },
    };
    return op;
  };
}

/**
 * GNU's test for dupm's `mov` spelling (objdump prints it, GNU as takes it): the element value
 * `v` (element size `esize`, 0 = b … 3 = d) is not a repeated byte, and dup (immediate) cannot make
 * it at the smallest size that repeats it (a signed byte, optionally shifted left by 8).
 */
function dupmMovPreferred(v: bigint, esize: number): boolean {
  const u = BigInt.asUintN(64, v);
  let s = BigInt.asIntN(64, u);
  const part = (bits: number, shift: number) => BigInt.asUintN(bits, u >> BigInt(shift));
  if (esize <= 2 || part(32, 0) === part(32, 32)) {
    s = BigInt.asIntN(32, u);
    if (esize <= 1 || part(16, 0) === part(16, 16)) {
      s = BigInt.asIntN(16, u);
      if (esize === 0 || part(8, 0) === part(8, 8)) return false;
    }
  }
  if ((s & 255n) === 0n) s /= 256n;
  return s < -128n || s >= 128n;
}

// limmMovPreferred at imm13's own size, by N:immr:imms (0 unknown, 1 no, 2 yes): decoding asks per word
const MOV_PREFERRED = new Uint8Array(8192);

/** dupmMovPreferred of an imm13 at element size `esize` (default: the size imm13 implies). */
export function limmMovPreferred(n: number, immr: number, imms: number, esize?: number): boolean {
  const key = (n << 12) | (immr << 6) | imms;
  if (esize === undefined && MOV_PREFERRED[key]) return MOV_PREFERRED[key] === 2;
  const k = esize ?? limmSize(n, imms);
  const v = decodeBitmask(n, immr, imms, 64);
  const yes = v !== null && dupmMovPreferred(v & ESIZE_MASK[k], k);
  if (esize === undefined) MOV_PREFERRED[key] = yes ? 2 : 1;
  return yes;
}
