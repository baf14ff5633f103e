// Memory operands of loads and stores, as objdump prints them:
//   [xn|sp]                      MemBase (no offset; also the base of post-index forms)
//   [xn|sp{, #imm}]              MemImm mode 'offset' (the offset is omitted when 0)
//   [xn|sp, #imm]!               MemImm mode 'pre' (always printed, even #0)
//   [xn|sp, xm{, lsl #s}]        MemReg (register offset: lsl/uxtw/sxtw/sxtx, amount 0 or log2 size)
// Offsets print in signed decimal. The whole bracket is one source token (splitOperands keeps the
// commas inside []), so each kind parses its own bracket text.
import { composite } from './fields';
import { gprName, parseGpr } from './gpr';
import { Label } from './label';
import { parsePattern } from '../pattern';
import { BoundOperand, EncodeEnv, EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';
import { Shape, shapeBit } from './token-shape';

// the shapes a bracket may have: '!' is taken only by pre-index forms
const MEM = shapeBit(Shape.Mem);
const MEM_PRE = shapeBit(Shape.MemPre);

/** `[x0`, …, `[x30`, `[sp`: the opening of every memory operand, by base register number. */
export const OPEN = Array.from({ length: 32 }, (_, i) => '[' + gprName(i, 64, 'sp'));
export const CLOSED = OPEN.map((o) => o + ']');
/** `[xn, #`: the head of an immediate-offset operand (one concatenation fewer per decode). */
export const OPEN_IMM = OPEN.map((o) => o + ', #');
/** `[xn, `: the head of a register-offset operand. */
export const OPEN_REG = OPEN.map((o) => o + ', ');

export interface ParsedMem {
  /** The comma-separated parts inside the brackets (trimmed); parts[0] is the base register. */
  readonly parts: readonly string[];
  /** A trailing '!' (pre-index writeback). */
  readonly writeback: boolean;
}

/** Splits `[base, a, b]{!}`; throws an EncodeError naming the expected form when it is not one. */
export function parseMem(tok: string | undefined, what: string): ParsedMem {
  const t = requireTok(tok, `a memory operand ${what}`);
  if (t[0] !== '[') throw new EncodeError(`expected a memory operand ${what}, got '${t}'`);
  const close = t.lastIndexOf(']');
  if (close < 0) throw new EncodeError(`missing ']' in the memory operand '${t}'`);
  const after = t.slice(close + 1).trim();
  if (after !== '' && after !== '!') throw new EncodeError(`unexpected '${after}' after the memory operand '${t}'`);
  const parts: string[] = [];
  let depth = 0;
  let start = 1;
  for (let i = 1; i < close; i++) {
    const ch = t[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(t.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(t.slice(start, close).trim());
  return { parts, writeback: after === '!' };
}

/** The base register number (31 = sp) of a parsed memory operand. */
export function parseBase(m: ParsedMem): number {
  const b = m.parts[0];
  const r = parseGpr(b);
  if (!r || r.width !== 64 || r.is31 === 'zr') throw new EncodeError(`expected a 64-bit base register xn or sp, got '${b}'`);
  return r.num;
}

const looksLikeRegister = (s: string): boolean => parseGpr(s) !== null || /^[vqdshb]\d/i.test(s);

/** Parses an immediate offset part `#expr` (rejects registers with a clear message). */
function parseOffset(s: string, env: EncodeEnv): number {
  if (looksLikeRegister(s)) throw new EncodeError(`expected an immediate offset '#imm', got '${s}'`);
  return Number(parseImmediate(s, env));
}

function checkOffset(v: number, lo: number, hi: number, scale: number): EncodeError | null {
  if (!Number.isFinite(v) || v < lo || v > hi) return new EncodeError(`offset out of range ${lo}..${hi}`);
  if (v % scale !== 0) return new EncodeError(`offset must be a multiple of ${scale}`);
  return null;
}

/** A literal target (imm19 * 4, as in ldr/ldrsw/prfm literal), bound once for error reports. */
let literalTarget: BoundOperand | undefined;
const LITERAL = () => (literalTarget ??= Label('imm19', { scale: 4 })(parsePattern('xxxxxxxx imm19:19 xxxxx')));

export interface MemImmOptions {
  /** Bytes per unit of the offset field (default 1). */
  scale?: number;
  /** The field(s) hold a two's complement value. */
  signed?: boolean;
  /** 'offset': `[xn{, #imm}]` (0 omitted); 'pre': `[xn, #imm]!`. */
  mode?: 'offset' | 'pre';
  /** Pre-index with offset 0 prints `[xn]!` (ldraa/ldrab) rather than `[xn, #0]!`. */
  preZeroBare?: boolean;
  /**
   * The mnemonic also has a register-offset form with this shift (log2 size): a register offset
   * given to this form is checked as one, so the encoder's error is about the register offset.
   */
  regShift?: number;
  /**
   * The mnemonic also has a pre-index form whose offset has this many signed bits (times
   * `preScale`, default `scale`): a `[xn, #imm]!` given to this form is range-checked as one, so
   * the encoder's error is about the pre-index offset.
   */
  preBits?: number;
  preScale?: number;
  /**
   * The mnemonic also has a literal (pc-relative) form: a token that is not a bracket is checked
   * as an address expression, so an undefined symbol is reported as such.
   */
  literalAlt?: boolean;
}

/** `[xn|sp{, #imm}]` or `[xn|sp, #imm]!` with the offset from `immNames` (MSB first). */
export function MemImm(rnName: string, immNames: string | readonly string[], o: MemImmOptions = {}): OperandSpec {
  return (p) => {
    const rn = fieldAccess(p, rnName);
    const c = composite(p, immNames);
    const scale = o.scale ?? 1;
    const signed = o.signed ?? false;
    const pre = o.mode === 'pre';
    const lo = signed ? -(2 ** (c.width - 1)) * scale : 0;
    const hi = (signed ? 2 ** (c.width - 1) - 1 : 2 ** c.width - 1) * scale;
    const what = pre ? `'[xn|sp, #imm]!'` : `'[xn|sp{, #imm}]'`;
    const literal = o.literalAlt ? LITERAL() : undefined;
    const half = signed ? 2 ** (c.width - 1) : Infinity;
    const full = 2 ** c.width;
    const op: BoundOperand = {
      role: 'mem',
      fields: [rnName, ...c.names],
      optional: false,
      shapes: pre ? MEM_PRE : MEM,
      decode: (w) => {
        const raw = c.get(w);
        const v = (raw >= half ? raw - full : raw) * scale;
        const n = rn.get(w);
        if (pre) return v === 0 && o.preZeroBare ? CLOSED[n] + '!' : OPEN_IMM[n] + v + ']!';
        return v === 0 ? CLOSED[n] : OPEN_IMM[n] + v + ']';
      },
      encode: (tok, env) => {
        if (literal && tok !== undefined && tok.trim() !== '' && tok.trim()[0] !== '[') {
          // the literal form's own error (undefined symbol, alignment, range)
          const r = literal.encode(tok, env, 0);
          return r instanceof EncodeError ? r : new EncodeError(`expected a memory operand ${what} or a literal address, got '${tok.trim()}'`);
        }
        const m = parseMem(tok, what);
        if (m.writeback && !pre && o.preBits !== undefined && m.parts.length === 2) {
          const ps = o.preScale ?? scale;
          const err = checkOffset(parseOffset(m.parts[1], env), -(2 ** (o.preBits - 1)) * ps, (2 ** (o.preBits - 1) - 1) * ps, ps);
          if (err) return new EncodeError('pre-index ' + err.message);
        }
        if (m.writeback !== pre) {
          return new EncodeError(pre ? `expected a pre-indexed address '[xn|sp, #imm]!', got '${tok!.trim()}'` : `unexpected '!': this form has no writeback`);
        }
        const base = parseBase(m);
        if (o.regShift !== undefined && m.parts.length >= 2 && looksLikeRegister(m.parts[1])) {
          const r = parseRegOffset(m, o.regShift, env);
          return r instanceof EncodeError ? r : new EncodeError(`expected an immediate offset '#imm', got '${m.parts[1]}'`);
        }
        if (m.parts.length > 2) return new EncodeError(`expected ${what}, got '${tok!.trim()}'`);
        if (pre && m.parts.length < 2 && !o.preZeroBare) return new EncodeError(`missing offset in the pre-indexed address '${tok!.trim()}'`);
        const v = m.parts.length === 2 ? parseOffset(m.parts[1], env) : 0;
        const err = checkOffset(v, lo, hi, scale);
        if (err) return err;
        const raw = v / scale;
        return { bits: (rn.set(base) | c.set(raw < 0 ? raw + 2 ** c.width : raw)) >>> 0, mask: (rn.mask | c.mask) >>> 0 };
      },
    };
    return op;
  };
}

/**
 * `[xn|sp]`: the address of forms without an offset (exclusives, atomics) and the base of
 * post-index forms (`[xn], #imm`, the immediate being its own operand). `[xn, #0]` is accepted
 * as gas does, except for post-index bases.
 */
export function MemBase(rnName: string, o: { postIndex?: boolean } = {}): OperandSpec {
  return (p) => {
    const rn = fieldAccess(p, rnName);
    const op: BoundOperand = {
      role: 'mem',
      fields: [rnName],
      optional: false,
      shapes: MEM,
      decode: (w) => CLOSED[rn.get(w)],
      encode: (tok, env) => {
        const m = parseMem(tok, `'[xn|sp]'`);
        if (m.writeback) return new EncodeError(`unexpected '!': this form has no writeback`);
        const base = parseBase(m);
        if (m.parts.length > (o.postIndex ? 1 : 2)) return new EncodeError(`expected '[xn|sp]', got '${tok!.trim()}'`);
        if (m.parts.length === 2 && parseOffset(m.parts[1], env) !== 0) return new EncodeError(`offset must be 0 here ('[xn|sp]')`);
        return { bits: rn.set(base), mask: rn.mask };
      },
    };
    return op;
  };
}

/** The post-index immediate after `[xn]`: `#imm`, signed decimal, always printed. */
export function PostImm(immNames: string | readonly string[], scale = 1): OperandSpec {
  return (p) => {
    const c = composite(p, immNames);
    const lo = -(2 ** (c.width - 1)) * scale;
    const hi = (2 ** (c.width - 1) - 1) * scale;
    const half = 2 ** (c.width - 1);
    const full = 2 ** c.width;
    return {
      role: 'imm',
      fields: c.names,
      optional: false,
      decode: (w) => {
        const raw = c.get(w);
        return '#' + (raw >= half ? raw - full : raw) * scale;
      },
      encode: (tok, env) => {
        const t = requireTok(tok, 'a post-index offset #imm');
        const v = parseOffset(t, env);
        const err = checkOffset(v, lo, hi, scale);
        if (err) return err;
        const raw = v / scale;
        return { bits: c.set(raw < 0 ? raw + 2 ** c.width : raw), mask: c.mask };
      },
    };
  };
}

// --- register offset ------------------------------------------------------------------------------

/** option field → extend text; null = reserved (objdump: undefined). option<0> = 1 means xm. */
const EXT_NAMES: readonly (string | null)[] = [null, null, 'uxtw', 'lsl', null, null, 'sxtw', 'sxtx'];
const EXT_BY_NAME: Readonly<Record<string, number>> = { uxtw: 2, lsl: 3, sxtw: 6, sxtx: 7 };
const X_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 64, 'zr'));
const W_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 32, 'zr'));

/** The offset register and extend of `[base, rm{, ext {#amount}}]` (see MemReg). */
function parseRegOffset(m: ParsedMem, shift: number, env: EncodeEnv): { rm: number; option: number; s: number } | EncodeError {
  const what = `'[xn|sp, xm{, lsl #${shift}}]' or '[xn|sp, wm, uxtw|sxtw {#${shift}}]'`;
  if (m.parts.length < 2 || m.parts.length > 3) return new EncodeError(`expected ${what}, got '[${m.parts.join(', ')}]'`);
  const r = parseGpr(m.parts[1]);
  if (!r || r.is31 === 'sp') return new EncodeError(`expected an offset register xm or wm, got '${m.parts[1]}'`);
  let option = 3;
  let s = 0;
  if (m.parts.length === 3) {
    const ext = m.parts[2];
    const sp = ext.search(/\s|#/);
    const name = (sp < 0 ? ext : ext.slice(0, sp)).toLowerCase();
    const amt = sp < 0 ? '' : ext.slice(sp).trim();
    const e = EXT_BY_NAME[name];
    if (e === undefined) return new EncodeError(`expected lsl, uxtw, sxtw or sxtx after the offset register, got '${ext}'`);
    option = e;
    if (amt === '') {
      if (name === 'lsl') return new EncodeError(`missing shift amount after 'lsl' (#${shift})`);
    } else {
      const a = Number(parseImmediate(amt, env));
      if (a !== 0 && a !== shift) return new EncodeError(`shift amount must be #0 or #${shift}`);
      s = shift === 0 || a !== 0 ? 1 : 0;
    }
  }
  const wantX = (option & 1) === 1;
  if (wantX && r.width !== 64) {
    return new EncodeError(m.parts.length === 2 ? `a 32-bit offset register needs uxtw or sxtw, got '${m.parts[1]}'` : `expected a 64-bit offset register with ${EXT_NAMES[option]}, got '${m.parts[1]}'`);
  }
  if (!wantX && r.width !== 32) return new EncodeError(`expected a 32-bit offset register with ${EXT_NAMES[option]}, got '${m.parts[1]}'`);
  return { rm: r.num, option, s };
}

/**
 * `[xn|sp, xm]`, `[xn|sp, xm, lsl #s]`, `[xn|sp, wm, uxtw|sxtw {#s}]`, `[xn|sp, xm, sxtx {#s}]`.
 * `shift` = log2 of the access size: the amount S selects. For byte accesses (shift 0) S = 1 prints
 * an explicit `#0` (`lsl #0`, `uxtw #0`); gas sets S exactly when an amount is written. For larger
 * accesses the amount is 0 (S = 0) or `shift` (S = 1).
 */
export function MemReg(shift: number, rnName = 'Rn', rmName = 'Rm', optionName = 'option', sName = 'S'): OperandSpec {
  return (p) => {
    const rn = fieldAccess(p, rnName);
    const rm = fieldAccess(p, rmName);
    const opt = fieldAccess(p, optionName);
    const s = fieldAccess(p, sName);
    const amountText = ' #' + shift;
    const what = `'[xn|sp, xm{, lsl #${shift}}]' or '[xn|sp, wm, uxtw|sxtw {#${shift}}]'`;
    const op: BoundOperand = {
      role: 'mem',
      fields: [rnName, rmName, optionName, sName],
      optional: false,
      shapes: MEM,
      decode: (w) => {
        const o = opt.get(w);
        const ext = EXT_NAMES[o];
        if (ext === null) return null;
        const m = rm.get(w);
        const reg = o & 1 ? X_NAMES[m] : W_NAMES[m];
        const head = OPEN[rn.get(w)] + ', ' + reg;
        if (s.get(w)) return head + ', ' + ext + amountText + ']';
        return o === 3 ? head + ']' : head + ', ' + ext + ']';
      },
      encode: (tok, env) => {
        const m = parseMem(tok, what);
        if (m.writeback) return new EncodeError(`unexpected '!': a register offset has no writeback`);
        const base = parseBase(m);
        const r = parseRegOffset(m, shift, env);
        if (r instanceof EncodeError) return r;
        return {
          bits: (rn.set(base) | rm.set(r.rm) | opt.set(r.option) | s.set(r.s)) >>> 0,
          mask: (rn.mask | rm.mask | opt.mask | s.mask) >>> 0,
        };
      },
    };
    return op;
  };
}
