// Integer expressions with GNU as precedence, shared by the encoder (plain numbers) and the
// assembler front end (symbols through `resolve`). Values are 64-bit two's complement bigints.

export type SymbolResolver = (name: string) => bigint | undefined;

/** A malformed or unresolvable expression (a plain class: no stack trace is captured). */
export class ExprError {
  constructor(readonly message: string) {}
}

const MASK64 = (1n << 64n) - 1n;
const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

// gas binary operator levels: 1 = * / % << >>, 2 = | & ^ !, 3 = + - == != <> < > <= >=, 4 = &&, 5 = ||
const LEVEL: Record<string, number> = {
  '*': 1, '/': 1, '%': 1, '<<': 1, '>>': 1,
  '|': 2, '&': 2, '^': 2, '!': 2,
  '+': 3, '-': 3, '==': 3, '!=': 3, '<>': 3, '<': 3, '>': 3, '<=': 3, '>=': 3,
  '&&': 4, '||': 5,
};
const TOKEN = /\s*(0[xX][0-9a-fA-F]+|0[bB][01]+|\d+|'.'|[A-Za-z_.$][\w.$]*|<<|>>|<=|>=|==|!=|<>|&&|\|\||[-+*/%|&^!~()<>])/y;

export function evalExpr(text: string, resolve?: SymbolResolver): bigint {
  const toks: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) throw new ExprError(`unexpected '${text.slice(pos).trim()[0]}' in expression '${text.trim()}'`);
    toks.push(m[1]);
    pos = TOKEN.lastIndex;
    if (toks.length > 10_000) throw new ExprError('expression too long');
  }
  let i = 0;
  const primary = (): bigint => {
    const t = toks[i++];
    if (t === undefined) throw new ExprError(`missing operand in expression '${text.trim()}'`);
    if (t === '(') {
      const v = binary(5);
      if (toks[i++] !== ')') throw new ExprError(`missing ')' in expression '${text.trim()}'`);
      return v;
    }
    if (t === '-') return wrap(-primary());
    if (t === '+') return primary();
    if (t === '~') return wrap(~primary());
    if (t === '!') return primary() === 0n ? 1n : 0n;
    if (/^\d/.test(t)) {
      // a trailing b/f would be a local label reference: not a number; a leading 0 makes the rest
      // octal, as in gas (which refuses an 8 or 9 there too)
      if (t.length > 1 && t[0] === '0' && /^\d+$/.test(t)) {
        if (/[89]/.test(t)) throw new ExprError(`invalid digit in octal number '${t}' in expression '${text.trim()}'`);
        return wrap(BigInt('0o' + t.slice(1)));
      }
      return wrap(BigInt(t));
    }
    if (t[0] === "'") return BigInt(t.charCodeAt(1));
    if (/^[A-Za-z_.$]/.test(t)) {
      const v = resolve?.(t);
      if (v === undefined) throw new ExprError(`undefined symbol '${t}'`);
      return v;
    }
    throw new ExprError(`unexpected '${t}' in expression '${text.trim()}'`);
  };
  const apply = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case '*': return wrap(a * b);
      case '/': if (b === 0n) throw new ExprError('division by zero'); return wrap(a / b);
      case '%': if (b === 0n) throw new ExprError('division by zero'); return wrap(a % b);
      case '<<': return b >= 64n || b < 0n ? 0n : wrap(a << b);
      case '>>': return b >= 64n || b < 0n ? 0n : wrap(BigInt.asUintN(64, a) >> b);
      case '|': return wrap(a | b);
      case '&': return wrap(a & b);
      case '^': return wrap(a ^ b);
      case '!': return wrap(a | (~b & MASK64));
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      // gas: comparisons yield -1 for true
      case '==': return a === b ? -1n : 0n;
      case '!=': case '<>': return a !== b ? -1n : 0n;
      case '<': return a < b ? -1n : 0n;
      case '>': return a > b ? -1n : 0n;
      case '<=': return a <= b ? -1n : 0n;
      case '>=': return a >= b ? -1n : 0n;
      case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
      case '||': return a !== 0n || b !== 0n ? 1n : 0n;
    }
    throw new ExprError(`unknown operator ${op}`);
  };
  const binary = (level: number): bigint => {
    if (level === 0) return primary();
    let v = binary(level - 1);
    while (i < toks.length && LEVEL[toks[i]] === level) {
      const op = toks[i++];
      v = apply(op, v, binary(level - 1));
    }
    return v;
  };
  const v = binary(5);
  if (i !== toks.length) throw new ExprError(`unexpected '${toks[i]}' in expression '${text.trim()}'`);
  return v;
}
