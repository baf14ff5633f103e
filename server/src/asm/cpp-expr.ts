// `#if` arithmetic: intmax_t/uintmax_t (64-bit) with C's precedence and the usual arithmetic
// conversions, as GCC evaluates it for an AArch64 target (plain char is unsigned).
// Input: the directive's tokens after macro expansion, `defined` and `__has_include` already
// replaced by 0/1; identifiers left over are 0.
import { K, Tok } from './cpp-lexer';

export interface IfValue {
  readonly v: bigint;
  readonly u: boolean;
}

export interface IfResult {
  readonly value: boolean;
  readonly error?: string;
  readonly warnings: readonly string[];
}

const MAX_NEST = 256;

class ExprError extends Error {}

const norm = (v: bigint, u: boolean): IfValue => ({ v: u ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v), u });
const ZERO: IfValue = { v: 0n, u: false };
const ONE: IfValue = { v: 1n, u: false };
const bool = (b: boolean): IfValue => (b ? ONE : ZERO);

/** Binary operators: precedence (higher binds tighter). */
const PREC: Record<string, number> = {
  '*': 10, '/': 10, '%': 10, '+': 9, '-': 9, '<<': 8, '>>': 8, '<': 7, '>': 7, '<=': 7, '>=': 7,
  '==': 6, '!=': 6, '&': 5, '^': 4, '|': 3, '&&': 2, '||': 1,
};

export function evaluateIf(toks: readonly Tok[]): IfResult {
  const warnings: string[] = [];
  const errors: string[] = [];
  let i = 0;
  let nest = 0;
  const peek = (): Tok | undefined => toks[i];
  const isP = (t: Tok | undefined, s: string): boolean => !!t && t.k === K.Punct && t.s === s;

  /** skip: the operand is not evaluated (no division-by-zero error). */
  const comma = (skip: boolean): IfValue => {
    let v = cond(skip);
    while (isP(peek(), ',')) {
      i++;
      v = cond(skip);
    }
    return v;
  };
  const cond = (skip: boolean): IfValue => {
    const c = binary(0, skip);
    if (!isP(peek(), '?')) return c;
    i++;
    if (++nest > MAX_NEST) throw new ExprError('#if expression nested too deeply');
    const t = c.v !== 0n;
    const a = comma(skip || !t);
    if (!isP(peek(), ':')) throw new ExprError("'?' without following ':'");
    i++;
    const b = cond(skip || t);
    nest--;
    return norm(t ? a.v : b.v, a.u || b.u);
  };
  const binary = (minPrec: number, skip: boolean): IfValue => {
    let lhs = unary(skip);
    for (;;) {
      const t = peek();
      if (!t || t.k !== K.Punct) break;
      const p = PREC[t.s];
      if (p === undefined) {
        if (t.s === '?' || t.s === ':' || t.s === ',' || t.s === ')') break;
        throw new ExprError(`token "${t.s}" is not valid in preprocessor expressions`);
      }
      if (p <= minPrec) break;
      i++;
      if (t.s === '&&' || t.s === '||') {
        const l = lhs.v !== 0n;
        const rskip = skip || (t.s === '&&' ? !l : l);
        const r = binary(p, rskip);
        lhs = bool(t.s === '&&' ? l && r.v !== 0n : l || r.v !== 0n);
        continue;
      }
      const rhs = binary(p, skip);
      lhs = apply(t.s, lhs, rhs, skip, errors);
    }
    return lhs;
  };
  const unary = (skip: boolean): IfValue => {
    const t = peek();
    if (!t) throw new ExprError('#if with no expression');
    if (t.k === K.Punct) {
      if (t.s === '(') {
        i++;
        if (++nest > MAX_NEST) throw new ExprError('#if expression nested too deeply');
        const v = comma(skip);
        nest--;
        if (!isP(peek(), ')')) throw new ExprError("missing ')' in expression");
        i++;
        return v;
      }
      if (t.s === '-' || t.s === '+' || t.s === '~' || t.s === '!') {
        i++;
        if (++nest > MAX_NEST) throw new ExprError('#if expression nested too deeply');
        const v = unary(skip);
        nest--;
        if (t.s === '-') return norm(-v.v, v.u);
        if (t.s === '+') return v;
        if (t.s === '~') return norm(~v.v, v.u);
        return bool(v.v === 0n);
      }
      throw new ExprError(`token "${t.s}" is not valid in preprocessor expressions`);
    }
    i++;
    if (t.k === K.Number) return parseNumber(t.s, warnings);
    if (t.k === K.Char) return parseChar(t.s, warnings);
    if (t.k === K.Ident) return ZERO;
    throw new ExprError(`token "${t.s}" is not valid in preprocessor expressions`);
  };

  try {
    if (toks.length === 0) throw new ExprError('#if with no expression');
    const v = comma(false);
    if (i < toks.length) {
      const t = toks[i];
      if (t.s === ')') throw new ExprError("missing '(' in expression");
      if (t.s === ':') throw new ExprError("':' without preceding '?'");
      throw new ExprError(`missing binary operator before token "${t.s}"`);
    }
    return errors.length > 0 ? { value: v.v !== 0n, error: errors[0], warnings } : { value: v.v !== 0n, warnings };
  } catch (e) {
    if (e instanceof ExprError) return { value: false, error: e.message, warnings };
    throw e;
  }
}

function apply(op: string, a: IfValue, b: IfValue, skip: boolean, errors: string[]): IfValue {
  const u = a.u || b.u;
  const x = u ? BigInt.asUintN(64, a.v) : a.v;
  const y = u ? BigInt.asUintN(64, b.v) : b.v;
  switch (op) {
    case '*': return norm(x * y, u);
    case '/':
    case '%':
      if (y === 0n) {
        // GCC reports it and goes on with the left operand as it stood (its magnitude when
        // the division was a signed one) and the left operand's type
        if (!skip) errors.push('division by zero in #if');
        return norm(!u && a.v < 0n ? -a.v : a.v, a.u);
      }
      return norm(op === '/' ? x / y : x % y, u);
    case '+': return norm(x + y, u);
    case '-': return norm(x - y, u);
    case '<<':
    case '>>': {
      // The result has the left operand's type; a negative count shifts the other way.
      let n = b.u ? BigInt.asUintN(64, b.v) : b.v;
      let left = op === '<<';
      if (n < 0n) {
        n = -n;
        left = !left;
      }
      const lv = a.v;
      if (left) return n >= 64n ? norm(0n, a.u) : norm(lv << n, a.u);
      if (n >= 64n) return norm(!a.u && lv < 0n ? -1n : 0n, a.u);
      return norm(lv >> n, a.u);
    }
    case '<': return bool(x < y);
    case '>': return bool(x > y);
    case '<=': return bool(x <= y);
    case '>=': return bool(x >= y);
    case '==': return bool(x === y);
    case '!=': return bool(x !== y);
    case '&': return norm(x & y, u);
    case '^': return norm(x ^ y, u);
    case '|': return norm(x | y, u);
  }
  throw new ExprError(`token "${op}" is not valid in preprocessor expressions`);
}

const INTMAX = (1n << 63n) - 1n;
const UINTMAX = (1n << 64n) - 1n;

export function parseNumber(s: string, warnings: string[]): IfValue {
  let m = /^(0[xX])([0-9a-fA-F]+)([A-Za-z_]*)$/.exec(s);
  let base = 16;
  let digits: string;
  let suffix: string;
  if (m) {
    digits = m[2];
    suffix = m[3];
  } else if ((m = /^(0[bB])([01]+)([A-Za-z_]*)$/.exec(s))) {
    base = 2;
    digits = m[2];
    suffix = m[3];
  } else if ((m = /^([0-9]+)([A-Za-z_]*)$/.exec(s))) {
    digits = m[1];
    suffix = m[2];
    base = digits.length > 1 && digits[0] === '0' ? 8 : 10;
  } else {
    if (/^(?:[0-9]*\.|[0-9]+[eE])|^0[xX][0-9a-fA-F.]*[pP]/.test(s)) throw new ExprError('floating constant in preprocessor expression');
    throw new ExprError(`invalid integer constant "${s}" in #if`);
  }
  if (!/^(?:[uU]?(?:l|L|ll|LL)?|(?:l|L|ll|LL)[uU])$/.test(suffix)) {
    if (base === 10 && /^[eE]/.test(suffix)) throw new ExprError('floating constant in preprocessor expression');
    throw new ExprError(`invalid suffix "${suffix}" on integer constant`);
  }
  if (base === 8 && /[89]/.test(digits)) throw new ExprError(`invalid digit "${/[89]/.exec(digits)![0]}" in octal constant`);
  let v = 0n;
  const B = BigInt(base);
  for (const d of digits) v = v * B + BigInt(parseInt(d, 16));
  if (v > UINTMAX) {
    warnings.push('integer constant is too large for its type');
    v = BigInt.asUintN(64, v);
  }
  let u = /[uU]/.test(suffix);
  if (!u && v > INTMAX) {
    if (base === 10) warnings.push('integer constant is so large that it is unsigned');
    u = true;
  }
  return norm(v, u);
}

const ESC: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, e: 27, E: 27, '\\': 92, "'": 39, '"': 34, '?': 63 };

export function parseChar(s: string, warnings: string[]): IfValue {
  const wide = s[0] === 'L';
  const body = s.slice(wide ? 2 : 1, -1);
  const width = wide ? 32n : 8n;
  const mask = (1n << width) - 1n;
  const chars: bigint[] = [];
  for (let i = 0; i < body.length; ) {
    if (body[i] !== '\\') {
      const cp = body.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      if (!wide && cp > 0x7f) {
        for (const b of Buffer.from(String.fromCodePoint(cp), 'utf8')) chars.push(BigInt(b));
      } else chars.push(BigInt(cp));
      continue;
    }
    const c = body[i + 1] ?? '';
    if (c in ESC) {
      chars.push(BigInt(ESC[c]));
      i += 2;
    } else if (/[0-7]/.test(c)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      chars.push(BigInt(parseInt(m, 8)) & mask);
      i += 1 + m.length;
    } else if (c === 'x') {
      const m = /^[0-9a-fA-F]*/.exec(body.slice(i + 2))![0];
      if (m === '') throw new ExprError('\\x used with no following hex digits');
      const v = BigInt('0x' + m);
      if (v > mask) warnings.push('hex escape sequence out of range');
      chars.push(v & mask);
      i += 2 + m.length;
    } else {
      warnings.push(`unknown escape sequence: '\\${c}'`);
      chars.push(BigInt(c.charCodeAt(0) || 0));
      i += 2;
    }
  }
  if (chars.length === 0) throw new ExprError('empty character constant');
  // On AArch64 plain char and wchar_t are unsigned, and GCC gives a one-character constant
  // that signedness in #if (so 'a' - 98 > 0); a multi-character one is a signed int.
  if (wide) return norm(chars[chars.length - 1], true);
  if (chars.length === 1) return norm(chars[0], true);
  warnings.push('multi-character character constant');
  let v = 0n;
  for (const c of chars) v = BigInt.asUintN(32, (v << 8n) | c);
  return norm(BigInt.asIntN(32, v), false);
}
