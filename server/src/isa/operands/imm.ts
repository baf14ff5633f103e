// Immediates: plain field values (scaled, offset, signed), add/sub shifted immediates, logical
// bitmask immediates, move-wide immediates.
import { composite, signExtend } from './fields';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, hex, lslAmount, parseImmediate, requireTok, tryParseImmediate } from './operand';

export interface ImmOptions {
  /** Print as 0x… (objdump does for logical/arith immediates) rather than decimal. */
  hex?: boolean;
  signed?: boolean;
  /** Value = field * scale (+ add). */
  scale?: number;
  add?: number;
  /** Omitted from the text when the value equals this (and the operand may be absent). */
  omitWhen?: number;
  /** Print without '#'. */
  bare?: boolean;
  /** Allowed range of the value (default: what the field holds). */
  min?: number;
  max?: number;
}

/** `#value` read from one or more fields. */
export function Imm(names: string | readonly string[], o: ImmOptions = {}): OperandSpec {
  return (p) => {
    const c = composite(p, names);
    const scale = o.scale ?? 1;
    const add = o.add ?? 0;
    const lo = o.min ?? (o.signed ? -(2 ** (c.width - 1)) : 0) * scale + add;
    const hi = o.max ?? (o.signed ? 2 ** (c.width - 1) - 1 : 2 ** c.width - 1) * scale + add;
    const prefix = o.bare ? '' : '#';
    const op: BoundOperand = {
      role: 'imm',
      fields: c.names,
      optional: o.omitWhen !== undefined,
      decode: (w) => {
        const raw = c.get(w);
        const v = (o.signed ? signExtend(raw, c.width) : raw) * scale + add;
        if (o.omitWhen !== undefined && v === o.omitWhen) return '';
        return prefix + (o.hex ? hex(v) : String(v));
      },
      encode: (tok, env) => {
        if (tok === undefined) {
          if (o.omitWhen === undefined) return new EncodeError('missing immediate');
          return { bits: c.set((o.omitWhen - add) / scale), mask: c.mask };
        }
        const parsed = tryParseImmediate(requireTok(tok, 'an immediate'), env);
        if (parsed instanceof EncodeError) return parsed;
        const v = Number(parsed);
        if (v < lo || v > hi) return new EncodeError(`immediate out of range ${lo}..${hi}`);
        if ((v - add) % scale !== 0) return new EncodeError(`immediate must be a multiple of ${scale}`);
        const raw = (v - add) / scale;
        return { bits: c.set(raw < 0 ? raw + 2 ** c.width : raw), mask: c.mask };
      },
    };
    return op;
  };
}

// `#0x…` of add/sub immediates by value, made on first use (Number#toString(16) is slow)
const ADD_IMM_TEXT: string[] = new Array(4096);

/** add/sub immediate: `#imm12` (the optional `lsl #12` is AddImmShift). Encodes 0x1000-multiples with sh=1. */
export function AddImm(immName = 'imm12', shName = 'sh'): OperandSpec {
  return (p) => {
    const imm = fieldAccess(p, immName);
    const sh = fieldAccess(p, shName);
    return {
      role: 'imm',
      fields: [immName],
      optional: false,
      decode: (w) => {
        const v = imm.get(w);
        return (ADD_IMM_TEXT[v] ??= '#' + hex(v));
      },
      encode: (tok, env) => {
        const parsed = tryParseImmediate(requireTok(tok, 'an immediate'), env);
        if (parsed instanceof EncodeError) return parsed;
        const v = Number(parsed);
        if (v >= 0 && v <= 4095) return { bits: imm.set(v), mask: imm.mask };
        if (v > 0 && v % 4096 === 0 && v / 4096 <= 4095) return { bits: imm.set(v / 4096) | sh.set(1), mask: imm.mask | sh.mask };
        return new EncodeError('immediate out of range 0..4095 (or a multiple of 4096 up to 0xfff000)');
      },
    };
  };
}

/** `lsl #12` of add/sub immediate; absent = sh 0. */
export function AddImmShift(shName = 'sh'): OperandSpec {
  return (p) => {
    const sh = fieldAccess(p, shName);
    return {
      role: 'shift',
      fields: [shName],
      optional: true,
      decode: (w) => (sh.get(w) ? 'lsl #12' : ''),
      encode: (tok, env, acc) => {
        if (tok === undefined) return { bits: 0, mask: 0 };
        const amount = lslAmount(tok);
        const n = amount !== undefined ? Number(parseImmediate(amount, env)) : NaN;
        // an immediate that already took the shift (#0x1000 → #1, lsl #12) takes no other, as in gas
        if ((n === 0 || n === 12) && sh.get(acc)) return new EncodeError('immediate out of range');
        if (n === 0) return { bits: 0, mask: sh.mask };
        if (n !== 12) return new EncodeError("shift must be 'lsl #0' or 'lsl #12'");
        return { bits: sh.set(1), mask: sh.mask };
      },
    };
  };
}

// --- logical (bitmask) immediates -------------------------------------------------------------

// decodeBitmask's results by N:immr:imms (13 bits), per width: decoding meets the same few often
const BITMASKS: Record<32 | 64, (bigint | null)[]> = { 32: [], 64: [] };

/** Decodes N:immr:imms to the element-replicated mask, or null when reserved. */
export function decodeBitmask(n: number, immr: number, imms: number, width: 32 | 64): bigint | null {
  const key = (n << 12) | (immr << 6) | imms;
  const known = BITMASKS[width][key];
  if (known !== undefined) return known;
  return (BITMASKS[width][key] = computeBitmask(n, immr, imms, width));
}

function computeBitmask(n: number, immr: number, imms: number, width: 32 | 64): bigint | null {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined === 0) return null;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return null;
  const size = 1 << len;
  const levels = size - 1;
  const s = imms & levels;
  const r = immr & levels;
  if (s === levels) return null;
  if (width === 32 && n === 1) return null;
  const ones = (1n << BigInt(s + 1)) - 1n;
  const esize = BigInt(size);
  const emask = (1n << esize) - 1n;
  const rot = BigInt(r);
  let elem = ((ones >> rot) | (ones << (esize - rot))) & emask;
  if (rot === 0n) elem = ones;
  let out = 0n;
  for (let i = 0; i < width; i += size) out |= elem << BigInt(i);
  return out;
}

/** Finds N:immr:imms for a value, or null when it is not a bitmask immediate. */
export function encodeBitmask(value: bigint, width: 32 | 64): { n: number; immr: number; imms: number } | null {
  const full = (1n << BigInt(width)) - 1n;
  const v = value & full;
  if (v === 0n || v === full) return null;
  // smallest element size whose replication gives v
  let size: number = width;
  while (size > 2) {
    const half = size / 2;
    const m = (1n << BigInt(half)) - 1n;
    if ((v & m) !== ((v >> BigInt(half)) & m)) break;
    size = half;
  }
  const emask = (1n << BigInt(size)) - 1n;
  const elem = v & emask;
  // find r with elem = ror(0..01..1, r)
  for (let r = 0; r < size; r++) {
    // rotate elem left by r gives the unrotated run of ones
    const rot = ((elem << BigInt(r)) | (elem >> BigInt(size - r))) & emask;
    if ((rot & (rot + 1n)) === 0n) {
      const ones = rot.toString(2).length;
      const s = ones - 1;
      const immsHigh = (~(size * 2 - 1) & 0x3f) & 0x3f;
      const imms = size === 64 ? s : immsHigh | s;
      return { n: size === 64 ? 1 : 0, immr: r, imms };
    }
  }
  return null;
}

// BitmaskImm's texts by N:immr:imms, shared by the rows of one width and sense
const BITMASK_TEXTS = new Map<string, (string | null)[]>();
function bitmaskTexts(width: 32 | 64, invert: boolean): (string | null)[] {
  const k = `${width}${invert}`;
  let t = BITMASK_TEXTS.get(k);
  if (!t) BITMASK_TEXTS.set(k, (t = []));
  return t;
}

/** Logical immediate `#0x…` from N:immr:imms (N absent for 32-bit rows). */
export function BitmaskImm(width: 32 | 64, nName = 'N', immrName = 'immr', immsName = 'imms', invert = false): OperandSpec {
  return (p) => {
    const N = p.fields.has(nName) ? fieldAccess(p, nName) : undefined;
    const immr = fieldAccess(p, immrName);
    const imms = fieldAccess(p, immsName);
    const full = (1n << BigInt(width)) - 1n;
    const texts = bitmaskTexts(width, invert);
    return {
      role: 'imm',
      fields: N ? [nName, immrName, immsName] : [immrName, immsName],
      optional: false,
      decode: (w) => {
        const n = N ? N.get(w) : 0;
        const key = (n << 12) | (immr.get(w) << 6) | imms.get(w);
        let t = texts[key];
        if (t === undefined) {
          const v = decodeBitmask(n, immr.get(w), imms.get(w), width);
          texts[key] = t = v === null ? null : '#0x' + (invert ? ~v & full : v).toString(16);
        }
        return t;
      },
      encode: (tok, env) => {
        const parsed = tryParseImmediate(requireTok(tok, 'an immediate'), env);
        if (parsed instanceof EncodeError) return parsed;
        let v = parsed;
        if (width === 32 && (v >> 32n !== 0n && v >> 32n !== -1n)) return new EncodeError(`immediate out of range for a 32-bit bitmask`);
        if (invert) v = ~v;
        const e = encodeBitmask(v, width);
        if (!e) return new EncodeError(`immediate ${hex(BigInt.asUintN(width, v))} is not a valid bitmask immediate`);
        const mask = (N ? N.mask : 0) | immr.mask | imms.mask;
        if (!N && e.n) return new EncodeError('bitmask immediate needs 64 bits');
        return { bits: ((N ? N.set(e.n) : 0) | immr.set(e.immr) | imms.set(e.imms)) >>> 0, mask };
      },
    };
  };
}

// --- move wide ---------------------------------------------------------------------------------

/** `#imm16` and `lsl #hw*16` of movz/movn/movk, as two operands: MovImm16 + MovShift. */
export const MovImm16 = (name = 'imm16') => Imm(name, { hex: true });

export function MovShift(hwName = 'hw'): OperandSpec {
  return (p) => {
    const hw = fieldAccess(p, hwName);
    return {
      role: 'shift',
      fields: [hwName],
      optional: true,
      decode: (w) => (hw.get(w) ? 'lsl #' + hw.get(w) * 16 : ''),
      encode: (tok, env) => {
        if (tok === undefined) return { bits: 0, mask: hw.mask };
        const amount = lslAmount(tok);
        if (amount === undefined) return new EncodeError("expected 'lsl #0|16|32|48'");
        const n = Number(parseImmediate(amount, env));
        if (n % 16 !== 0 || n < 0 || n > hw.max * 16) return new EncodeError(`shift amount must be a multiple of 16 up to ${hw.max * 16}`);
        return { bits: hw.set(n / 16), mask: hw.mask };
      },
    };
  };
}

/** The `mov` alias of movz (invert=false) / movn (invert=true): the whole value. GNU as tries movz, movn, then orr's bitmask immediate; the first row's error speaks for all three. */
export function MovWideValue(width: 32 | 64, invert: boolean, immName = 'imm16', hwName = 'hw'): OperandSpec {
  return (p) => {
    const imm = fieldAccess(p, immName);
    const hw = fieldAccess(p, hwName);
    const full = (1n << BigInt(width)) - 1n;
    return {
      role: 'imm',
      fields: [immName, hwName],
      optional: false,
      decode: (w) => {
        // the value as two 32-bit halves (no BigInt on the decode path)
        const shift = hw.get(w) * 16;
        const v = imm.get(w);
        let hi = shift >= 32 ? v * 2 ** (shift - 32) : 0;
        let lo = shift >= 32 ? 0 : (v * 2 ** shift) >>> 0;
        if (invert) {
          hi = width === 64 ? ~hi >>> 0 : 0;
          lo = ~lo >>> 0;
        }
        return hi ? '#0x' + hi.toString(16) + lo.toString(16).padStart(8, '0') : '#0x' + lo.toString(16);
      },
      encode: (tok, env) => {
        const parsed = tryParseImmediate(requireTok(tok, 'an immediate'), env);
        if (parsed instanceof EncodeError) return parsed;
        let v = BigInt.asUintN(64, parsed);
        if (width === 32) {
          if (v >> 32n !== 0n && v >> 32n !== 0xffffffffn) return new EncodeError('immediate out of range for a 32-bit register');
          v &= full;
        }
        if (invert) v = ~v & full;
        for (let s = 0; s < width / 16; s++) {
          if ((v & ~(0xffffn << BigInt(16 * s)) & full) === 0n) {
            return { bits: imm.set(Number(v >> BigInt(16 * s))) | hw.set(s), mask: imm.mask | hw.mask };
          }
        }
        return new EncodeError(`immediate ${hex(v)} cannot be moved by a single instruction (neither move-wide nor bitmask)`);
      },
    };
  };
}

/**
 * `#v` where v = values[field value]; null entries are reserved (the row does not apply).
 * `tied`: earlier operands already set the field (shll's shift = element size), so encoding
 * checks the value against it and names the one allowed.
 */
export function ImmChoice(f: string | readonly string[], values: readonly (number | null)[], tied = false): OperandSpec {
  return (p) => {
    const c = composite(p, f);
    const texts = values.map((v) => (v === null ? null : '#' + v));
    const allowed = values.filter((v): v is number => v !== null);
    const op: BoundOperand = {
      role: 'imm',
      fields: c.names,
      optional: false,
      decode: (w) => texts[c.get(w)] ?? null,
      encode: (tok, env, acc) => {
        const v = Number(parseImmediate(requireTok(tok, 'an immediate'), env));
        if (tied) {
          const want = values[c.get(acc)];
          if (want !== v) throw new EncodeError(`immediate must be #${want} for this arrangement, got '${tok}'`);
        }
        const i = values.indexOf(v);
        if (i < 0) throw new EncodeError(`immediate must be one of ${allowed.map((x) => '#' + x).join(', ')}, got '${tok}'`);
        return { bits: c.set(i), mask: c.mask };
      },
    };
    return op;
  };
}
