// Macro definitions: parsing `#define`, the compiled replacement list, redefinition checks.
import { CppMacro, Origin } from './types';
import { K, LogicalLine, Tok, lineTokens, locateIn } from './cpp-lexer';

/** Built-in macros whose value is computed where they are used. */
export type SpecialMacro =
  | 'LINE' | 'FILE' | 'BASE_FILE' | 'COUNTER' | 'INCLUDE_LEVEL' | 'DATE' | 'TIME' | 'TIMESTAMP'
  | 'HAS_INCLUDE' | 'HAS_INCLUDE_NEXT' | 'HAS_ZERO';

/** One element of a compiled replacement list. */
export interface BodyItem {
  readonly t: Tok;
  /** Parameter index when the token names a parameter, else -1. */
  readonly arg: number;
  /** `#param` (t is the `#` token, for its spacing). */
  readonly str: boolean;
  /** Followed by `##`. */
  readonly paste: boolean;
  /** `__VA_OPT__( … )`: its contents. */
  readonly vaopt?: readonly BodyItem[];
}

/** A definition apart from where it was made: what a `#define` line always yields. */
export interface MacroShape {
  readonly name: string;
  /** Offset of the name in its line (for the origin). */
  readonly nameOff: number;
  readonly params?: readonly string[];
  readonly variadic?: boolean;
  readonly body: string;
  readonly fn: boolean;
  readonly nparams: number;
  readonly items: readonly BodyItem[];
  /** Object-like macros without `##`: the replacement tokens as they are. */
  readonly plain: readonly Tok[] | null;
  readonly special?: SpecialMacro;
}

/** Where a definition was made: an origin, or a line of a file whose origin is worked out when asked for. */
export type DefinedAt = Origin | { readonly file: string; readonly L: LogicalLine; readonly stack: Origin['stack'] };

/**
 * A macro in the table. The shape is shared by every definition made from the same line and the
 * origin is computed on demand: a kernel build defines thousands of CONFIG_ macros per file,
 * so a definition costs one small object.
 */
export class MacroDef implements CppMacro {
  private at: DefinedAt;
  constructor(
    readonly shape: MacroShape,
    at: DefinedAt,
    readonly fromFallback?: true,
  ) {
    this.at = at;
  }
  get name(): string { return this.shape.name; }
  get params(): readonly string[] | undefined { return this.shape.params; }
  get variadic(): boolean | undefined { return this.shape.variadic; }
  get body(): string { return this.shape.body; }
  get fn(): boolean { return this.shape.fn; }
  get nparams(): number { return this.shape.nparams; }
  get items(): readonly BodyItem[] { return this.shape.items; }
  get plain(): readonly Tok[] | null { return this.shape.plain; }
  get special(): SpecialMacro | undefined { return this.shape.special; }
  get origin(): Origin {
    const at = this.at;
    if ('loc' in at) return at;
    const p = locateIn(at.L, this.shape.nameOff);
    const o: Origin = { loc: { file: at.file, line: p.line, startCol: p.col, endCol: p.col + this.shape.name.length }, stack: at.stack };
    this.at = o;
    return o;
  }
  toJSON(): CppMacro {
    const { name, params, variadic, body, origin, fromFallback } = this;
    return { name, params, variadic, body, origin, fromFallback };
  }
}

export type DefineResult = { readonly macro: MacroDef } | { readonly error: string };
type ShapeResult = MacroShape | { readonly error: string };

const VA = '__VA_ARGS__';

/**
 * Parses the tokens after `#define`. Follows GCC in assembler mode: `#` not followed by a
 * parameter stays a `#` (immediates), `##` at either end of the list is an error.
 */
export function parseDefine(toks: readonly Tok[], origin: Origin, fromFallback: boolean): DefineResult {
  const shape = defineShape(toks);
  return 'error' in shape ? shape : { macro: new MacroDef(shape, origin, fromFallback || undefined) };
}

/** parseDefine for a `#define` line: parsed once per line (lines are shared through the source cache). */
export function parseDefineLine(L: LogicalLine, file: string, stack: Origin['stack'], fromFallback: boolean): DefineResult {
  const shape = (L.def ??= defineShape(lineTokens(L).slice(2))) as ShapeResult;
  return 'error' in shape ? shape : { macro: new MacroDef(shape, { file, L, stack }, fromFallback || undefined) };
}

function defineShape(toks: readonly Tok[]): ShapeResult {
  if (toks.length === 0) return { error: 'no macro name given in #define directive' };
  const nameTok = toks[0];
  if (nameTok.k !== K.Ident) return { error: 'macro names must be identifiers' };
  const name = nameTok.s;
  if (name === 'defined') return { error: '"defined" cannot be used as a macro name' };
  let i = 1;
  let params: string[] | undefined;
  let variadic = false;
  if (i < toks.length && toks[i].s === '(' && toks[i].k === K.Punct && !toks[i].ws) {
    params = [];
    i++;
    let expectName = true;
    for (;;) {
      const t = toks[i];
      if (!t) return { error: 'missing \')\' in macro parameter list' };
      i++;
      if (t.s === ')' && t.k === K.Punct) {
        if (expectName && params.length > 0) return { error: 'parameter name missing' };
        break;
      }
      if (!expectName) {
        if (t.s === ',' && t.k === K.Punct) {
          expectName = true;
          continue;
        }
        return { error: `expected ',' or ')', found "${t.s}"` };
      }
      if (t.k === K.Ident) {
        if (t.s === VA) return { error: '__VA_ARGS__ can only appear in the expansion of a C99 variadic macro' };
        if (params.includes(t.s)) return { error: `duplicate macro parameter "${t.s}"` };
        params.push(t.s);
        if (toks[i]?.s === '...') {
          variadic = true;
          i++;
          if (toks[i]?.s !== ')') return { error: 'missing \')\' after "..."' };
          i++;
          break;
        }
        expectName = false;
        continue;
      }
      if (t.s === '...') {
        variadic = true;
        params.push(VA);
        if (toks[i]?.s !== ')') return { error: 'missing \')\' after "..."' };
        i++;
        break;
      }
      return { error: `expected parameter name, found "${t.s}"` };
    }
  }
  const bodyToks = toks.slice(i);
  const compiled = compileBody(bodyToks, params, variadic);
  if (typeof compiled === 'string') return { error: compiled };
  const body = spell(bodyToks);
  const fn = params !== undefined;
  const hasPaste = compiled.some((b) => b.paste);
  const shape: MacroShape = {
    name, nameOff: nameTok.off, params, variadic: variadic || undefined, body,
    fn, nparams: params?.length ?? 0, items: compiled,
    plain: !fn && !hasPaste ? compiled.map((b) => b.t) : null,
  };
  return shape;
}

function compileBody(toks: readonly Tok[], params: readonly string[] | undefined, variadic: boolean): BodyItem[] | string {
  const out: BodyItem[] = [];
  const argOf = (t: Tok): number => (params && t.k === K.Ident ? params.indexOf(t.s) : -1);
  for (let i = 0; i < toks.length; i++) {
    let t = toks[i];
    if (out.length === 0 && t.ws) t = { ...t, ws: false };
    if (t.k === K.Punct && t.s === '##') {
      if (out.length === 0) return "'##' cannot appear at either end of a macro expansion";
      if (i === toks.length - 1) return "'##' cannot appear at either end of a macro expansion";
      const last = out[out.length - 1];
      out[out.length - 1] = { ...last, paste: true };
      continue;
    }
    if (params && t.k === K.Punct && t.s === '#') {
      const next = toks[i + 1];
      const a = next ? argOf(next) : -1;
      if (a >= 0) {
        out.push({ t, arg: a, str: true, paste: false });
        i++;
        continue;
      }
    }
    if (variadic && t.k === K.Ident && t.s === '__VA_OPT__' && toks[i + 1]?.s === '(') {
      let depth = 0;
      let j = i + 1;
      for (; j < toks.length; j++) {
        if (toks[j].s === '(') depth++;
        else if (toks[j].s === ')' && --depth === 0) break;
      }
      if (j >= toks.length) return 'unterminated __VA_OPT__';
      const inner = compileBody(toks.slice(i + 2, j), params, variadic);
      if (typeof inner === 'string') return inner;
      out.push({ t, arg: -1, str: false, paste: false, vaopt: inner });
      i = j;
      continue;
    }
    out.push({ t, arg: argOf(t), str: false, paste: false });
  }
  return out;
}

/** Tokens spelled with single spaces where the source had white space. */
export function spell(toks: readonly Tok[]): string {
  let s = '';
  for (const t of toks) {
    if (t.k === K.Padding || t.k === K.Placemarker) continue;
    if (s !== '' && t.ws) s += ' ';
    s += t.s;
  }
  return s;
}

/** Same definition in C's sense (same parameters, same spelling and spacing of the list)? */
export function sameDefinition(a: MacroDef, b: MacroDef): boolean {
  if (a.shape === b.shape) return true;
  if (a.fn !== b.fn || a.special !== b.special || !!a.variadic !== !!b.variadic) return false;
  if ((a.params ?? []).join(',') !== (b.params ?? []).join(',')) return false;
  return a.body === b.body;
}

/** A built-in macro whose value is computed where it is used (`__LINE__` …). */
export function builtinMacro(name: string, origin: Origin, special: SpecialMacro): MacroDef {
  const shape: MacroShape = { name, nameOff: -1, body: '', fn: false, nparams: 0, items: [], plain: [], special };
  return new MacroDef(shape, origin);
}
