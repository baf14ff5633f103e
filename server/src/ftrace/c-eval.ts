// Constant evaluation of C argument expressions for the insn.h checks: integer literals, insn.h
// enum constants of the selected version, size and bit macros, object- and function-like #defines
// of the file, casts, the usual operators, and nested aarch64_insn_gen_* calls (folded by the
// generator emulation). Anything else is "not constant". Depth and size are bounded.
import { Define, Token } from './c-scanner';
import { C_CONSTANTS, ConstantInfo, lookupConstant } from './insn-api';
import { emulate, isEmulateError } from './insn-gen';
import { KernelVersion } from './kernel-version';

export interface EvalEnv {
  readonly version: KernelVersion;
  readonly defines: ReadonlyMap<string, Define>;
  readonly lse?: boolean;
}

const MAX_DEPTH = 32;
const MAX_TOKENS = 4096;

const TYPE_NAMES = new Set([
  'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'int', 'long', 'unsigned', 'signed', 'char', 'short', 'bool',
  'size_t', 'ssize_t', 'uintptr_t', 'intptr_t', '__le32', '__le64', '__u32', '__u64', 'const', 'enum', 'phys_addr_t', 'unsigned long',
]);

/** Parses a C integer literal (with u/l suffixes); undefined for floats and malformed numbers. */
export function parseCInt(text: string): bigint | undefined {
  const t = text.replace(/'/g, '').replace(/[uUlL]+$/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return BigInt(t);
  if (/^0[bB][01]+$/.test(t)) return BigInt(t);
  if (/^0[0-7]*$/.test(t)) return t === '0' ? 0n : BigInt('0o' + t.slice(1));
  if (/^[1-9][0-9]*$/.test(t)) return BigInt(t);
  return undefined;
}

function castWidth(types: string[]): ((v: bigint) => bigint) | undefined {
  const s = types.join(' ');
  if (/\*/.test(s)) return (v) => BigInt.asUintN(64, v);
  if (/\b(u8|__u8)\b|unsigned char/.test(s)) return (v) => BigInt.asUintN(8, v);
  if (/\b(s8)\b|^char$|signed char/.test(s)) return (v) => BigInt.asIntN(8, v);
  if (/\b(u16)\b|unsigned short/.test(s)) return (v) => BigInt.asUintN(16, v);
  if (/\b(s16|short)\b/.test(s)) return (v) => BigInt.asIntN(16, v);
  if (/\b(u64|__u64|__le64|size_t|uintptr_t|phys_addr_t)\b|unsigned long/.test(s)) return (v) => BigInt.asUintN(64, v);
  if (/\b(s64|long|ssize_t|intptr_t)\b/.test(s)) return (v) => BigInt.asIntN(64, v);
  if (/\b(u32|__u32|__le32)\b|unsigned( int)?$/.test(s)) return (v) => BigInt.asUintN(32, v);
  if (/\b(s32|int|enum)\b/.test(s)) return (v) => BigInt.asIntN(32, v);
  if (/\bbool\b/.test(s)) return (v) => (v !== 0n ? 1n : 0n);
  return undefined;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: readonly Token[], private readonly env: EvalEnv, private readonly depth: number) {}

  parse(): bigint | undefined {
    if (this.toks.length === 0 || this.toks.length > MAX_TOKENS || this.depth > MAX_DEPTH) return undefined;
    const v = this.ternary();
    return this.i === this.toks.length ? v : undefined;
  }
  private peek(o = 0): Token | undefined {
    return this.toks[this.i + o];
  }
  private eat(text: string): boolean {
    if (this.peek()?.text === text) {
      this.i++;
      return true;
    }
    return false;
  }
  private ternary(): bigint | undefined {
    const c = this.binary(0);
    if (!this.eat('?')) return c;
    const a = this.ternary();
    if (!this.eat(':')) return undefined;
    const b = this.ternary();
    if (c === undefined) return undefined;
    return c !== 0n ? a : b;
  }
  private static PREC: Record<string, number> = {
    '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
  };
  private binary(min: number): bigint | undefined {
    let left = this.unary();
    for (;;) {
      const op = this.peek();
      const p = op && op.kind === 'punct' ? Parser.PREC[op.text] : undefined;
      if (p === undefined || p <= min) return left;
      this.i++;
      const right = this.binary(p);
      if (left === undefined || right === undefined) left = undefined;
      else left = apply(op!.text, left, right);
    }
  }
  private unary(): bigint | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.text === '-' || t.text === '+' || t.text === '~' || t.text === '!') {
      this.i++;
      const v = this.unary();
      if (v === undefined) return undefined;
      return t.text === '-' ? -v : t.text === '+' ? v : t.text === '~' ? ~v : v === 0n ? 1n : 0n;
    }
    // cast: ( type-words ) operand
    if (t.text === '(') {
      let j = this.i + 1;
      const words: string[] = [];
      while (j < this.toks.length && (TYPE_NAMES.has(this.toks[j].text) || this.toks[j].text === '*' || (this.toks[j - 1]?.text === 'enum' && this.toks[j].kind === 'ident'))) words.push(this.toks[j++].text);
      if (words.length && this.toks[j]?.text === ')') {
        const w = castWidth(words);
        this.i = j + 1;
        const v = this.unary();
        return v === undefined ? undefined : w ? w(v) : v;
      }
    }
    return this.postfix();
  }
  private postfix(): bigint | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.text === '(') {
      this.i++;
      const v = this.ternary();
      return this.eat(')') ? v : undefined;
    }
    this.i++;
    if (t.kind === 'number') return parseCInt(t.text);
    if (t.kind === 'char') {
      const body = t.text.slice(1, -1);
      return body.length === 1 ? BigInt(body.charCodeAt(0)) : undefined;
    }
    if (t.kind !== 'ident') return undefined;
    if (this.peek()?.text === '(') {
      const args = this.callArgs();
      if (!args) return undefined;
      return evalCall(t.text, args, this.env, this.depth);
    }
    return evalIdent(t.text, this.env, this.depth);
  }
  /** Token lists of the arguments of a call whose '(' is next. */
  private callArgs(): Token[][] | undefined {
    if (!this.eat('(')) return undefined;
    const args: Token[][] = [];
    let cur: Token[] = [];
    let d = 0;
    while (this.i < this.toks.length) {
      const u = this.toks[this.i++];
      if (u.text === '(' || u.text === '[') d++;
      else if (u.text === ')' || u.text === ']') {
        if (d === 0) {
          if (cur.length || args.length) args.push(cur);
          return args;
        }
        d--;
      } else if (u.text === ',' && d === 0) {
        args.push(cur);
        cur = [];
        continue;
      }
      cur.push(u);
    }
    return undefined;
  }
}

function apply(op: string, a: bigint, b: bigint): bigint | undefined {
  switch (op) {
    case '||': return a !== 0n || b !== 0n ? 1n : 0n;
    case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
    case '|': return a | b;
    case '^': return a ^ b;
    case '&': return a & b;
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case '<': return a < b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    case '<<': return b < 0n || b > 127n ? undefined : a << b;
    case '>>': return b < 0n || b > 127n ? undefined : a >> b;
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0n ? undefined : a / b;
    case '%': return b === 0n ? undefined : a % b;
  }
  return undefined;
}

function evalIdent(name: string, env: EvalEnv, depth: number): bigint | undefined {
  const k = lookupConstant(name, env.version);
  if (k?.member) return BigInt(k.member.value);
  const c = C_CONSTANTS.get(name);
  if (c !== undefined) return c;
  const d = env.defines.get(name);
  if (d && !d.params) return new Parser(d.body, env, depth + 1).parse();
  return undefined;
}

function evalCall(name: string, args: Token[][], env: EvalEnv, depth: number): bigint | undefined {
  const vals = () => args.map((a) => new Parser(a, env, depth + 1).parse());
  switch (name) {
    case 'BIT':
    case 'BIT_ULL': {
      const [n] = vals();
      return n === undefined || n < 0n || n > 127n ? undefined : 1n << n;
    }
    case 'GENMASK':
    case 'GENMASK_ULL': {
      const [h, l] = vals();
      if (h === undefined || l === undefined || l < 0n || h > 127n || l > h) return undefined;
      return ((1n << (h - l + 1n)) - 1n) << l;
    }
    case 'cpu_to_le32':
    case 'le32_to_cpu':
    case 'cpu_to_le64':
    case 'le64_to_cpu':
    case 'lower_32_bits':
      return vals()[0];
    case 'upper_32_bits': {
      const [v] = vals();
      return v === undefined ? undefined : (v >> 32n) & 0xffffffffn;
    }
  }
  if (name.startsWith('aarch64_insn_gen_')) {
    const v = vals();
    if (v.some((x) => x === undefined)) return undefined;
    const r = emulate(name, v as bigint[], { version: env.version, lse: env.lse });
    return isEmulateError(r) ? undefined : BigInt(r.word);
  }
  const d = env.defines.get(name);
  if (d?.params && depth < MAX_DEPTH) {
    const body = substitute(d, args);
    return body ? new Parser(body, env, depth + 1).parse() : undefined;
  }
  return undefined;
}

/** Replaces a function-like macro's parameters by the argument tokens (no # or ## support). */
export function substitute(d: Define, args: readonly (readonly Token[])[]): Token[] | undefined {
  if (!d.params) return [...d.body];
  if (d.body.some((t) => t.text === '#' || t.text === '##')) return undefined;
  const out: Token[] = [];
  for (const t of d.body) {
    const k = t.kind === 'ident' ? d.params.indexOf(t.text) : -1;
    if (k >= 0 && k < args.length) {
      out.push({ ...t, kind: 'punct', text: '(' });
      out.push(...args[k]);
      out.push({ ...t, kind: 'punct', text: ')' });
    } else if (d.params[k] === '...' || t.text === '__VA_ARGS__') return undefined;
    else out.push(t);
  }
  return out;
}

export function evaluate(toks: readonly Token[], env: EvalEnv): bigint | undefined {
  return new Parser(toks, env, 0).parse();
}

/** What an argument is, as the checks see it. */
export type ArgClass =
  | { readonly kind: 'bool'; readonly value: bigint; readonly literal: string }
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'enum'; readonly name: string; readonly info: ConstantInfo; readonly value?: bigint; readonly via?: readonly string[] }
  | { readonly kind: 'named'; readonly name: string; readonly value: bigint; readonly via?: readonly string[] }
  | { readonly kind: 'expr'; readonly value?: bigint };

function stripParens(toks: readonly Token[]): readonly Token[] {
  let t = toks;
  while (t.length >= 2 && t[0].text === '(' && t[t.length - 1].text === ')') {
    // only when the parens enclose everything
    let d = 0;
    let whole = true;
    for (let i = 0; i < t.length - 1; i++) {
      if (t[i].text === '(') d++;
      else if (t[i].text === ')') d--;
      if (d === 0) {
        whole = false;
        break;
      }
    }
    if (!whole) break;
    t = t.slice(1, -1);
  }
  return t;
}

/** Classifies an argument: a bool or integer literal, an insn.h constant (through #defines), or an expression. */
export function classifyArg(toks: readonly Token[], env: EvalEnv): ArgClass {
  const t = stripParens(toks);
  const value = evaluate(toks, env);
  if (t.length === 1) {
    const only = t[0];
    if (only.kind === 'number') return value !== undefined ? { kind: 'int', value } : { kind: 'expr' };
    if (only.kind === 'ident') {
      if (only.text === 'true' || only.text === 'false') return { kind: 'bool', value: only.text === 'true' ? 1n : 0n, literal: only.text };
      // follow object-like #defines to the constant they name
      const via: string[] = [];
      let name = only.text;
      for (let n = 0; n < MAX_DEPTH; n++) {
        const info = lookupConstant(name, env.version);
        if (info) return { kind: 'enum', name, info, value, via: via.length ? via : undefined };
        if (C_CONSTANTS.has(name) && name !== 'NULL') {
          if (name === 'true' || name === 'false') return { kind: 'bool', value: C_CONSTANTS.get(name)!, literal: only.text };
          return { kind: 'named', name, value: C_CONSTANTS.get(name)!, via: via.length ? via : undefined };
        }
        const d = env.defines.get(name);
        if (!d || d.params) break;
        const body = stripParens(d.body);
        via.push(name);
        if (body.length === 1 && body[0].kind === 'ident') {
          name = body[0].text;
          continue;
        }
        if (body.length === 1 && body[0].kind === 'number' && value !== undefined) return { kind: 'int', value };
        break;
      }
    }
  }
  if (t.length === 2 && t[0].text === '-' && t[1].kind === 'number' && value !== undefined) return { kind: 'int', value };
  return { kind: 'expr', value };
}
