// The operand-kind contract. A kind is bound to a row's pattern once (field positions resolved),
// then decodes a word to GNU text and encodes a source token back to bits: both directions in one
// object, so the table has no second list for either.
import { evalExpr, ExprError, SymbolResolver } from '../expr';
import { Field, Pattern, fieldGetter, fieldSetter } from '../pattern';

export type OperandRole =
  | 'gpr' | 'fpreg' | 'vreg' | 'vlist' | 'velem' | 'imm' | 'fpimm' | 'shift' | 'extend'
  | 'mem' | 'label' | 'cond' | 'sysreg' | 'sysop' | 'barrier' | 'prefetch' | 'pstate' | 'other'
  | 'zreg' | 'preg' | 'za' | 'pattern';

/** Address of the word being decoded, as unsigned 32-bit halves (no BigInt on the hot path). */
export interface DecodeEnv {
  readonly pcHi: number;
  readonly pcLo: number;
}

export function decodeEnvAt(pc: bigint): DecodeEnv {
  const p = BigInt.asUintN(64, pc);
  return { pcHi: Number(p >> 32n), pcLo: Number(p & 0xffffffffn) };
}

export interface EncodeEnv {
  readonly pc: bigint;
  /** Resolves symbols in immediates and branch targets (the assembler front end supplies it). */
  readonly resolve?: SymbolResolver;
}

export interface BoundOperand {
  readonly role: OperandRole;
  /** Names of the row fields this operand reads (for the hover's field list). */
  readonly fields: readonly string[];
  /** Trailing operand that may be absent (decodes to '' when at its default). */
  readonly optional: boolean;
  /** GNU text of the operand; '' = omitted; null = the row does not apply to this word. */
  decode(w: number, env: DecodeEnv): string | null;
  /** Takes no source token (ties a field to others, e.g. ror's Rm = Rn); decodes to '' or null. */
  readonly hidden?: boolean;
  /**
   * The token shapes (bits of token-shape.ts's Shape) that `encode` may accept, when it takes fewer
   * than its role's; the encoder skips the row for any other. Absent = every shape of the role.
   */
  readonly shapes?: number;
  /**
   * Bits (and the mask of bits it decided) from the source token, or an EncodeError (returned,
   * or thrown from nested parsing; returning is cheaper). `acc` holds the bits of the operands
   * before it (for fields derived from them).
   */
  encode(tok: string | undefined, env: EncodeEnv, acc: number): Bits | EncodeError;
}

export interface Bits {
  readonly bits: number;
  readonly mask: number;
}

export type OperandSpec = (p: Pattern) => BoundOperand;

/**
 * Why an operand does not fit a row. Not an Error subclass: the encoder tries rows by throwing
 * these, and capturing a stack trace per try would dominate encode time.
 */
export class EncodeError {
  constructor(readonly message: string, readonly operand?: number) {}
}

export function field(p: Pattern, name: string): Field {
  const f = p.fields.get(name);
  if (!f) throw new Error(`pattern '${p.text}' has no field ${name}`);
  return f;
}

export interface FieldAccess {
  readonly f: Field;
  readonly get: (w: number) => number;
  readonly set: (v: number) => number;
  readonly mask: number;
  readonly max: number;
}

// one record per field object (patterns are shared by text, so are their fields)
const ACCESS = new Map<Field, FieldAccess>();

/** Getter, setter and mask of one named field. */
export function fieldAccess(p: Pattern, name: string): FieldAccess {
  const f = field(p, name);
  let a = ACCESS.get(f);
  if (a === undefined) ACCESS.set(f, (a = { f, get: fieldGetter(f), set: fieldSetter(f), mask: fieldSetter(f)(-1), max: 2 ** f.width - 1 }));
  return a;
}

export const NO_BITS: Bits = { bits: 0, mask: 0 };

/**
 * A hidden operand for a field the decoder ignores: encodes `value` (-1 = all ones), as gas
 * writes it (smulh's Ra = 31, the Rs/Rt2 of exclusives).
 */
export function Fill(name: string, value: number): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    return {
      role: 'other', fields: [], optional: true, hidden: true,
      decode: () => '',
      encode: () => ({ bits: value === -1 ? a.mask : a.set(value), mask: a.mask }),
    };
  };
}

/** A hidden operand: field `dst` must equal field `src` (ror = extr with Rm = Rn, …). */
export function Tie(dst: string, src: string): OperandSpec {
  return (p) => {
    const d = fieldAccess(p, dst);
    const s = fieldAccess(p, src);
    return {
      role: 'other', fields: [], optional: true, hidden: true,
      decode: (w) => (d.get(w) === s.get(w) ? '' : null),
      encode: (_tok, _env, acc) => ({ bits: d.set(s.get(acc)), mask: d.mask }),
    };
  };
}

export function requireTok(tok: string | undefined, what: string): string {
  // a token that starts and ends with a printable ASCII character is its own trim
  if (tok !== undefined && tok.length > 0) {
    const a = tok.charCodeAt(0);
    const b = tok.charCodeAt(tok.length - 1);
    if (a > 32 && a < 127 && b > 32 && b < 127) return tok;
  }
  if (tok === undefined || tok.trim() === '') throw new EncodeError(`missing operand: expected ${what}`);
  return tok.trim();
}

// a register where an immediate may stand without '#': say so rather than 'undefined symbol'
const REGISTER_SHAPED = /^([xwbhsdqvzp]([12]?\d|3[01])|sp|wsp|xzr|wzr|lr|fp|ip[01])(\.\w+)?$/i;
const PLAIN_NUMBER = /^-?(0x[0-9a-fA-F]{1,16}|[1-9]\d{0,18}|0)$/;

/**
 * `#123`, `#-45`, `#0x1f` (short enough to be exact in a double) read from the character codes;
 * NaN for anything else (other spellings take the regular expressions and the expression parser).
 */
function shortNumber(t: string): number {
  let i = t.charCodeAt(0) === 35 ? 1 : 0;
  const neg = t.charCodeAt(i) === 45;
  if (neg) i++;
  const n = t.length;
  if (i >= n) return NaN;
  let v = 0;
  if (t.charCodeAt(i) === 48 && i + 1 < n) {
    // 0x… (lowercase x only, as PLAIN_NUMBER); other leading zeros are not plain numbers
    if (t.charCodeAt(i + 1) !== 120 || n - i - 2 < 1 || n - i - 2 > 13) return NaN;
    for (let k = i + 2; k < n; k++) {
      const c = t.charCodeAt(k);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) return NaN;
      v = v * 16 + d;
    }
  } else {
    if (n - i > 15) return NaN;
    for (let k = i; k < n; k++) {
      const d = t.charCodeAt(k) - 48;
      if (d < 0 || d > 9) return NaN;
      v = v * 10 + d;
    }
  }
  return neg ? -v : v;
}

/** `#expr` or `expr` → 64-bit value, or why not (returned: the encoder tries many rows). */
export function tryParseImmediate(tok: string, env: EncodeEnv, hashRequired = false): bigint | EncodeError {
  if (tok.charCodeAt(0) === 35) {
    const v = shortNumber(tok);
    if (v === v) return BigInt(v);
  }
  let t = tok.trim();
  if (t.startsWith('#')) t = t.slice(1);
  else if (hashRequired) return new EncodeError(`expected an immediate '#…', got '${tok}'`);
  else if (REGISTER_SHAPED.test(t)) return new EncodeError(`expected an immediate, got '${t}'`);
  if (PLAIN_NUMBER.test(t)) return BigInt.asIntN(64, t[0] === '-' ? -BigInt(t.slice(1)) : BigInt(t));
  try {
    // '.' is the address of this instruction, as in gas
    return evalExpr(t, (name) => (name === '.' ? env.pc : env.resolve?.(name)));
  } catch (e) {
    if (e instanceof ExprError) return new EncodeError(e.message);
    throw e;
  }
}

/** `#expr` or `expr` → 64-bit value; throws EncodeError. */
export function parseImmediate(tok: string, env: EncodeEnv, hashRequired = false): bigint {
  const v = tryParseImmediate(tok, env, hashRequired);
  if (v instanceof EncodeError) throw v;
  return v;
}

/** Formats like objdump: hex with 0x, or signed decimal. */
export const hex = (v: number | bigint): string => (v < 0 ? '-0x' + (-BigInt(v)).toString(16) : '0x' + v.toString(16));

const LSL = /^lsl(?:\s+|(?=#))(.*)$/i;

/** The amount text of an `lsl #n` (or `lsl n`) operand; undefined when the operand is not one. */
export function lslAmount(tok: string): string | undefined {
  return LSL.exec(tok.trim())?.[1];
}

/** Splits an operand string at top-level commas (commas inside [] and {} stay). */
export function splitOperands(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123 || c === 40) depth++;
    else if (c === 93 || c === 125 || c === 41) depth--;
    else if (c === 44 && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '' || out.length > 0) out.push(last);
  return out;
}
