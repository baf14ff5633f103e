// Expressions with sections, on top of isa/expr.ts: a value is a constant plus a linear
// combination of "bases" (a section's start, or an undefined symbol), found by evaluating the
// integer expression again with each base moved. `b - a` of one section is absolute, `sym + 4`
// is relocatable against sym, `sym - .` is PC-relative, as in GNU as.
import { ExprError, evalExpr } from '../isa/expr';

/** A symbol's value: `base` is 's:SECTION' for a section offset, 'u:NAME' for an undefined symbol. */
export interface SymValue {
  readonly base?: string;
  readonly value: bigint;
}

export type Lookup = (name: string) => SymValue | undefined;

export interface ExprValue {
  /** The constant part (bases at 0). */
  readonly value: bigint;
  /** Base → coefficient (non-zero only). Empty for an absolute value. */
  readonly terms: ReadonlyMap<string, bigint>;
  /** Names the lookup did not know (each counted as an undefined base 'u:NAME'). */
  readonly unknown: readonly string[];
  /** Every name the expression used. */
  readonly names: readonly string[];
}

const MOVE = 1n << 40n;

/** Local label references `1b`/`1f` (not 0b101, not 0x1f, not v1.2d). */
const LOCAL_REF = /(?<![\w.$])(\d+)([bfBF])(?![\w.$])/g;

export function hasLocalRef(text: string): boolean {
  LOCAL_REF.lastIndex = 0;
  return LOCAL_REF.test(text);
}

/** Rewrites `1b`/`1f` with `name(n, dir)`. */
export function rewriteLocalRefs(text: string, name: (n: string, dir: 'b' | 'f') => string): string {
  LOCAL_REF.lastIndex = 0;
  return text.replace(LOCAL_REF, (_m, n: string, d: string) => name(String(Number(n)), d.toLowerCase() as 'b' | 'f'));
}

/**
 * A relocatable value used where only a number will do (`(b - .) / 8`): with `unknown`, the names
 * not defined yet, it may still be a number once they are (gas resolves it at the end).
 */
export class NonLinearError extends ExprError {
  constructor(message: string, readonly unknown: readonly string[]) {
    super(message);
  }
}

/**
 * Evaluates `text`. Unknown names count as undefined-symbol bases (value 0) and are listed in
 * `unknown`. Throws ExprError for malformed text.
 */
export function evalSymbolic(text: string, lookup: Lookup): ExprValue {
  const bases: string[] = [];
  const names: string[] = [];
  const unknown: string[] = [];
  const seen = new Map<string, SymValue>();
  const get = (name: string): SymValue => {
    let v = seen.get(name);
    if (v === undefined) {
      const l = lookup(name);
      names.push(name);
      if (l === undefined) {
        unknown.push(name);
        v = { base: 'u:' + name, value: 0n };
      } else v = l;
      seen.set(name, v);
      if (v.base !== undefined && !bases.includes(v.base)) bases.push(v.base);
    }
    return v;
  };
  const v0 = evalExpr(text, (name) => get(name).value);
  const terms = new Map<string, bigint>();
  for (const b of bases) {
    const v1 = evalExpr(text, (name) => {
      const s = get(name);
      return s.base === b ? s.value + MOVE : s.value;
    });
    const d = BigInt.asIntN(64, v1 - v0);
    if (d % MOVE !== 0n) throw new NonLinearError(`invalid use of a relocatable symbol in '${text.trim()}'`, unknown);
    const c = d / MOVE;
    if (c !== 0n) terms.set(b, c);
  }
  return { value: v0, terms, unknown, names };
}

export function isAbsolute(v: ExprValue): boolean {
  return v.terms.size === 0;
}

/** The single base with coefficient 1 and nothing else, or undefined. */
export function singleBase(v: ExprValue): string | undefined {
  if (v.terms.size !== 1) return undefined;
  const [[b, c]] = [...v.terms];
  return c === 1n ? b : undefined;
}

/**
 * `X - Y + c` with Y in section `here`: the base of X (coefficient 1) when the only other term is
 * -1 on `here`.
 */
export function pcRelativeBase(v: ExprValue, here: string): string | undefined {
  if (v.terms.size !== 2 || v.terms.get(here) !== -1n) return undefined;
  for (const [b, c] of v.terms) if (b !== here && c === 1n) return b;
  return undefined;
}
