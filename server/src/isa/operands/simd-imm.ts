// AdvSIMD immediates: the modified immediate a:b:c:d:e:f:g:h of movi/mvni/orr/bic/fmov (as a byte,
// as a 64-bit byte mask, as an 8-bit float) with its `lsl`/`msl` amount, and the shift-by-immediate
// forms, where immh:immb give both the element size (highest set bit of immh) and the shift.
import { sharedTable } from './name-tables';
import { composite } from './fields';
import { fpImm8Value, parseFpLiteral } from './fpimm';
import { BoundOperand, EncodeEnv, EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';
import { parseVectorReg } from './vreg';
import { article } from './fpreg';

/** A composite's getter, as one shift-and-mask when its fields are adjacent (immh:immb). */
function fastGet(p: Parameters<OperandSpec>[0], names: readonly string[]): (w: number) => number {
  const fs = names.map((n) => p.fields.get(n)!);
  let adjacent = fs.every((f) => f !== undefined);
  for (let i = 1; adjacent && i < fs.length; i++) adjacent = fs[i - 1].lo === fs[i].lo + fs[i].width;
  if (adjacent) {
    const lo = fs[fs.length - 1].lo;
    const m = 2 ** fs.reduce((s, f) => s + f.width, 0) - 1;
    return (w) => (w >>> lo) & m;
  }
  if (fs.length === 2) {
    const [a, b] = fs;
    const alo = a.lo, am = 2 ** a.width - 1, blo = b.lo, bm = 2 ** b.width - 1, bw = b.width;
    return (w) => (((w >>> alo) & am) << bw) | ((w >>> blo) & bm);
  }
  return composite(p, names).get;
}

// --- modified immediate ---------------------------------------------------------------------

const BYTE_TEXT: readonly string[] = Array.from({ length: 256 }, (_, i) => '#0x' + i.toString(16));

/** `#0x..` of an 8-bit immediate (movi/mvni/orr/bic). */
export function ModImm8(fields: readonly string[] = ['abc', 'defgh']): OperandSpec {
  return (p) => {
    const c = composite(p, fields);
    const get = fastGet(p, fields);
    const op: BoundOperand = {
      role: 'imm',
      fields: c.names,
      optional: false,
      decode: (w) => BYTE_TEXT[get(w)],
      encode: (tok, env) => {
        // GNU as takes -128..255 (a negative value stands for its low byte)
        const v = parseImmediate(requireTok(tok, 'an 8-bit immediate'), env);
        if (v < -128n || v > 255n) return new EncodeError(`immediate out of range -128..255, got '${tok}'`);
        return { bits: c.set(Number(v) & 255), mask: c.mask };
      },
    };
    return op;
  };
}

function byteMask(imm8: number): bigint {
  let v = 0n;
  for (let i = 0; i < 8; i++) if ((imm8 >> i) & 1) v |= 0xffn << BigInt(8 * i);
  return v;
}

const MASK64_TEXT: readonly string[] = Array.from({ length: 256 }, (_, i) => '#0x' + byteMask(i).toString(16));

/** `#0xff00ff…` of the 64-bit movi: every bit of imm8 stands for a byte of 0x00 or 0xff. */
export function ModImm64(fields: readonly string[] = ['abc', 'defgh']): OperandSpec {
  return (p) => {
    const c = composite(p, fields);
    const get = fastGet(p, fields);
    const op: BoundOperand = {
      role: 'imm',
      fields: c.names,
      optional: false,
      decode: (w) => MASK64_TEXT[get(w)],
      encode: (tok, env) => {
        const v = BigInt.asUintN(64, parseImmediate(requireTok(tok, 'a 64-bit byte-mask immediate'), env));
        let imm8 = 0;
        for (let i = 0; i < 8; i++) {
          const b = (v >> BigInt(8 * i)) & 0xffn;
          if (b === 0xffn) imm8 |= 1 << i;
          else if (b !== 0n) return new EncodeError(`immediate must have every byte 0x00 or 0xff, got '${tok}'`);
        }
        return { bits: c.set(imm8), mask: c.mask };
      },
    };
    return op;
  };
}

/** C's `%.18e` of an exactly representable short value. */
function formatE18(v: number): string {
  const s = v.toExponential(18);
  const i = s.indexOf('e');
  const exp = s.slice(i + 2);
  return s.slice(0, i + 2) + (exp.length < 2 ? '0' + exp : exp);
}

const FP8_TEXT: readonly string[] = Array.from({ length: 256 }, (_, i) => '#' + formatE18(fpImm8Value(i)));
const FP8_BY_VALUE = new Map<number, number>(Array.from({ length: 256 }, (_, i) => [fpImm8Value(i), i]));

/** The 8-bit floating-point immediate of the vector fmov. */
export function ModFpImm(size: 'h' | 's' | 'd', fields: readonly string[] = ['abc', 'defgh']): OperandSpec {
  return (p) => {
    const c = composite(p, fields);
    const get = fastGet(p, fields);
    const op: BoundOperand = {
      role: 'fpimm',
      fields: c.names,
      optional: false,
      decode: (w) => FP8_TEXT[get(w)],
      encode: (tok) => {
        const t = requireTok(tok, 'a floating-point immediate');
        const v = parseFpLiteral(t, size);
        if (v === null) return new EncodeError(`expected a floating-point immediate, got '${t}'`);
        const imm8 = FP8_BY_VALUE.get(v);
        if (imm8 === undefined) return new EncodeError(`floating-point immediate ${t} is not encodable: must be ±n/16·2^e with n 16..31, e -3..4`);
        return { bits: c.set(imm8), mask: c.mask };
      },
    };
    return op;
  };
}

/** Parses `lsl #n` / `msl #n` (the keyword given); returns n or an error. */
function parseShiftTok(tok: string, kw: string, env: EncodeEnv): number | EncodeError {
  const t = tok.trim();
  if (t.slice(0, kw.length).toLowerCase() !== kw || !/\s|#/.test(t[kw.length] ?? '')) return new EncodeError(`expected '${kw} #n', got '${tok}'`);
  return Number(parseImmediate(t.slice(kw.length).trim(), env));
}

/** `lsl #(field·8)` of movi/mvni/orr/bic; omitted (and optional) when 0. */
export function ModLsl(name: string): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    const texts = Array.from({ length: a.max + 1 }, (_, i) => (i ? 'lsl #' + i * 8 : ''));
    const allowed = texts.map((_, i) => '#' + i * 8).join(', ');
    const op: BoundOperand = {
      role: 'shift',
      fields: [name],
      optional: true,
      decode: (w) => texts[a.get(w)],
      encode: (tok, env) => {
        if (tok === undefined) return { bits: 0, mask: a.mask };
        if (/^\s*msl\b/i.test(tok)) return new EncodeError(`'msl' takes #8 or #16 and only the 2s/4s arrangements of movi/mvni, got '${tok}'`);
        const n = parseShiftTok(tok, 'lsl', env);
        if (n instanceof EncodeError) return n;
        if (n % 8 !== 0 || n < 0 || n / 8 > a.max) return new EncodeError(`shift must be lsl ${allowed}, got '${tok}'`);
        return { bits: a.set(n / 8), mask: a.mask };
      },
    };
    return op;
  };
}

/** An optional `lsl #0` with no field (the 8-bit movi accepts it; never printed). */
export function LslZero(): OperandSpec {
  return () => {
    const op: BoundOperand = {
      role: 'shift',
      fields: [],
      optional: true,
      decode: () => '',
      encode: (tok, env) => {
        if (tok === undefined) return { bits: 0, mask: 0 };
        const n = parseShiftTok(tok, 'lsl', env);
        if (n instanceof EncodeError) return n;
        if (n !== 0) return new EncodeError(`shift must be lsl #0 for 8-bit elements, got '${tok}'`);
        return { bits: 0, mask: 0 };
      },
    };
    return op;
  };
}

/** `msl #8` / `msl #16` (field 0 / 1) of movi/mvni's shifting-ones form. */
export function ModMsl(name: string): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    const op: BoundOperand = {
      role: 'shift',
      fields: [name],
      optional: false,
      decode: (w) => (a.get(w) ? 'msl #16' : 'msl #8'),
      encode: (tok, env) => {
        const n = parseShiftTok(requireTok(tok, "'msl #8' or 'msl #16'"), 'msl', env);
        if (n instanceof EncodeError) return n;
        if (n !== 8 && n !== 16) return new EncodeError(`shift must be msl #8 or msl #16, got '${tok}'`);
        return { bits: a.set(n === 16 ? 1 : 0), mask: a.mask };
      },
    };
    return op;
  };
}

// --- shift by immediate -----------------------------------------------------------------------

/** Element size index (0 = 8 bits … 3 = 64) of immh: its highest set bit; -1 when immh = 0. */
const IMMH_SIZE: readonly number[] = [-1, 0, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3];

/**
 * Which register of a shift-by-immediate row: 'same' (element size = immh's), 'wide' (twice it:
 * the source of a narrowing shift, the destination of a lengthening one), 'narrow' = 'same' for
 * the narrow side (kept apart for readability).
 */
export type ImmhRole = 'same' | 'wide';

const ARR_BY_SIZE_Q: readonly (readonly [string, string])[] = [['8b', '16b'], ['4h', '8h'], ['2s', '4s'], ['1d', '2d']];
const WIDE_ARR: readonly string[] = ['8h', '4s', '2d'];
const SCALAR = 'bhsd';

export interface ImmhOptions {
  /** The Q field of a 'same' register (default 'Q'). */
  q?: string;
  /** An earlier operand already set immh (for a clearer error when this one disagrees). */
  follows?: boolean;
}

/** The text a register of `role` would need for the size in acc's immh (for error messages). */
function expectedText(role: ImmhRole, s: number, q: number, vector: boolean): string {
  if (!vector) return role === 'same' ? SCALAR[s] : SCALAR[s + 1] ?? '?';
  return 'v' + 'N.' + (role === 'same' ? ARR_BY_SIZE_Q[s][q] : WIDE_ARR[s] ?? '?');
}

/**
 * `vN.<T>` of a shift-by-immediate row. `sizes` lists the element size indexes (of immh) the row
 * allows. 'same' uses Q; 'wide' does not (the other operand carries Q).
 */
export function VImmh(reg: string, role: ImmhRole, sizes: readonly number[], o: ImmhOptions = {}): OperandSpec {
  const qField = o.q ?? 'Q';
  return (p) => {
    const r = fieldAccess(p, reg);
    const immh = fieldAccess(p, 'immh');
    const q = role === 'same' ? fieldAccess(p, qField) : undefined;
    const ok = new Set(sizes);
    // table[(immh << 1 | Q) << 5 | reg]
    const table = sharedTable(`vimmh:${role}:${sizes.join(',')}`, () => {
      const out: (string | null)[] = [];
      for (let h = 0; h < 16; h++) {
        for (let qq = 0; qq < 2; qq++) {
          const s = IMMH_SIZE[h];
          let t: string | null = null;
          if (s >= 0 && ok.has(s)) {
            if (role === 'same') t = s === 3 && qq === 0 ? null : ARR_BY_SIZE_Q[s][qq];
            else t = s < 3 ? WIDE_ARR[s] : null;
          }
          for (let i = 0; i < 32; i++) out.push(t === null ? null : `v${i}.${t}`);
        }
      }
      return out;
    });
    const byName = new Map<string, { s: number; q: number }>();
    for (const s of sizes) {
      if (role === 'same') {
        if (s < 3) byName.set(ARR_BY_SIZE_Q[s][0], { s, q: 0 });
        byName.set(ARR_BY_SIZE_Q[s][1], { s, q: 1 });
      } else if (s < 3) byName.set(WIDE_ARR[s], { s, q: -1 });
    }
    const shown = [...byName.keys()].join('/');
    const rlo = r.f.lo;
    const hlo = immh.f.lo;
    const qlo = q ? q.f.lo : 0;
    const op: BoundOperand = {
      role: 'vreg',
      fields: q ? [reg, 'immh', qField] : [reg, 'immh'],
      optional: false,
      decode: q
        ? (w) => table[(((((w >>> hlo) & 15) << 1) | ((w >>> qlo) & 1)) << 5) | ((w >>> rlo) & 31)]
        : (w) => table[((((w >>> hlo) & 15) << 1) << 5) | ((w >>> rlo) & 31)],
      encode: (tok, _env, acc) => {
        const t = requireTok(tok, `a vector register vN.${shown}`);
        const v = parseVectorReg(t);
        const e = v ? byName.get(v.arr) : undefined;
        if (!v || !e) return new EncodeError(`expected a vector register vN.${shown}, got '${t}'`);
        if (o.follows) {
          const s0 = IMMH_SIZE[immh.get(acc)];
          const q0 = q ? q.get(acc) : 0;
          if (s0 >= 0 && (s0 !== e.s || (q && q0 !== e.q))) {
            return new EncodeError(`expected ${expectedText(role, s0, q0, true)} to match the other register, got '${t}'`);
          }
        }
        if (q && q.f.fixed !== undefined && e.q !== q.f.fixed) {
          const want = sizes.filter((s) => s < 3 || q.f.fixed === 1).map((s) => ARR_BY_SIZE_Q[s][q.f.fixed!]).join('/');
          const other = q.f.fixed ? "lower-half form (without '2')" : "upper-half '2' form";
          return new EncodeError(`expected vN.${want} here, got '${t}' (that arrangement belongs to the ${other})`);
        }
        // immh: the size's marker bit set, the bits above it clear; the bits below belong to the shift
        const hmask = (15 << e.s) & 15;
        let bits = r.set(v.num) | immh.set(1 << e.s);
        let mask = r.mask | immh.set(hmask);
        if (q) {
          bits |= q.set(e.q);
          mask |= q.mask;
        }
        return { bits: bits >>> 0, mask: mask >>> 0 };
      },
    };
    return op;
  };
}

/** Scalar register `<b|h|s|d>N` of a shift-by-immediate row ('same': immh's size; 'wide': twice it). */
export function FpImmh(reg: string, role: ImmhRole, sizes: readonly number[], o: ImmhOptions = {}): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const immh = fieldAccess(p, 'immh');
    const ok = new Set(sizes);
    const table = sharedTable(`fpimmh:${role}:${sizes.join(',')}`, () => {
      const out: (string | null)[] = [];
      for (let h = 0; h < 16; h++) {
        const s = IMMH_SIZE[h];
        const letter = s >= 0 && ok.has(s) ? (role === 'same' ? SCALAR[s] : s < 3 ? SCALAR[s + 1] : null) : null;
        for (let i = 0; i < 32; i++) out.push(letter === null ? null : letter + i);
      }
      return out;
    });
    const bySize = new Map<string, number>();
    for (const s of sizes) {
      if (role === 'same') bySize.set(SCALAR[s], s);
      else if (s < 3) bySize.set(SCALAR[s + 1], s);
    }
    const what = `${article([...bySize.keys()].join('/'))} register`;
    const rlo = r.f.lo;
    const hlo = immh.f.lo;
    const op: BoundOperand = {
      role: 'fpreg',
      fields: [reg, 'immh'],
      optional: false,
      decode: (w) => table[(((w >>> hlo) & 15) << 5) | ((w >>> rlo) & 31)],
      encode: (tok, _env, acc) => {
        const t = requireTok(tok, what);
        const m = /^([bhsdq])(\d\d?)$/i.exec(t);
        const num = m ? Number(m[2]) : NaN;
        const s = m ? bySize.get(m[1].toLowerCase()) : undefined;
        if (!m || s === undefined || num > 31 || (m[2].length === 2 && m[2][0] === '0')) return new EncodeError(`expected ${what}, got '${t}'`);
        const s0 = IMMH_SIZE[immh.get(acc)];
        if (o.follows && s0 >= 0 && s0 !== s) return new EncodeError(`expected ${article(expectedText(role, s0, 0, false))} register to match the other register, got '${t}'`);
        return { bits: (r.set(num) | immh.set(1 << s)) >>> 0, mask: (r.mask | immh.set((15 << s) & 15)) >>> 0 };
      },
    };
    return op;
  };
}

/**
 * `#shift` of immh:immb for the element size that immh gives. 'right': esize·2 − immh:immb
 * (1..esize; also the #fbits of the fixed-point conversions); 'left': immh:immb − esize
 * (0..esize−1). Encoding takes the size from the immh marker the register operand set.
 */
export function ShiftImm(kind: 'right' | 'left'): OperandSpec {
  return (p) => {
    const immh = fieldAccess(p, 'immh');
    const c = composite(p, ['immh', 'immb']);
    const get = fastGet(p, ['immh', 'immb']);
    const texts = sharedTable(`shiftimm:${kind}`, () => {
      const out: (string | null)[] = [];
      for (let v = 0; v < 128; v++) {
        const s = IMMH_SIZE[v >> 3];
        if (s < 0) out.push(null);
        else {
          const esize = 8 << s;
          out.push('#' + (kind === 'right' ? 2 * esize - v : v - esize));
        }
      }
      return out;
    });
    const op: BoundOperand = {
      role: 'imm',
      fields: ['immh', 'immb'],
      optional: false,
      decode: (w) => texts[get(w)],
      encode: (tok, env, acc) => {
        const s = IMMH_SIZE[immh.get(acc)];
        if (s < 0) return new EncodeError('the shift amount needs the element size of the registers first');
        const esize = 8 << s;
        const n = Number(parseImmediate(requireTok(tok, 'a shift amount'), env));
        if (kind === 'right') {
          if (!(n >= 1 && n <= esize)) return new EncodeError(`shift amount out of range 1..${esize}, got '${tok}'`);
          return { bits: c.set(2 * esize - n), mask: c.mask };
        }
        if (!(n >= 0 && n < esize)) return new EncodeError(`shift amount out of range 0..${esize - 1}, got '${tok}'`);
        return { bits: c.set(esize + n), mask: c.mask };
      },
    };
    return op;
  };
}

// --- fixed operands ---------------------------------------------------------------------------

/**
 * The `#0` (integer) or `#0.0` (floating-point) of the compares against zero: no field; any
 * spelling of zero is accepted (`#0`, `0`, `#0x0`, `#0.0e0`), as GNU as does.
 */
export function ZeroImm(fp: boolean): OperandSpec {
  const text = fp ? '#0.0' : '#0';
  return () => {
    const op: BoundOperand = {
      role: fp ? 'fpimm' : 'imm',
      fields: [],
      optional: false,
      decode: () => text,
      encode: (tok, env) => {
        const t = requireTok(tok, text);
        let zero = false;
        if (fp) zero = parseFpLiteral(t, 'd') === 0 && !/^#?\s*-/.test(t);
        else {
          try {
            zero = parseImmediate(t, env) === 0n;
          } catch {
            zero = false;
          }
        }
        if (!zero) return new EncodeError(`expected ${text} (only a compare against zero has this form), got '${t}'`);
        return { bits: 0, mask: 0 };
      },
    };
    return op;
  };
}
