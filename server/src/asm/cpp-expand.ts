// Macro expansion as GCC's cpp does it: a stack of token contexts, a macro disabled while its
// own context is live (names met then are painted and never expand), arguments collected
// unexpanded and pre-expanded on first use, `#`, `##` with placemarkers, GNU `, ## __VA_ARGS__`,
// `__VA_OPT__`, and padding tokens so the printer spaces exactly as `cpp` does.
import { Severity } from './types';
import type { FrontEndCode } from './front-end-codes';
import { K, LogicalLine, Tok, avoidPaste, lexOne, lineOf, lineTokens } from './cpp-lexer';
import { BodyItem, MacroDef } from './cpp-macros';

export interface ExpandHost {
  readonly macros: ReadonlyMap<string, MacroDef>;
  /** The k-th line after the current one if it and those before it are plain text lines (no `#`). */
  lookAhead(k: number): LogicalLine | null;
  /** Consumes the k lines just looked at. */
  skipAhead(k: number): void;
  /** The next active text line for a macro's arguments (directives between are processed); null at the end. */
  takeLine(): LogicalLine | null;
  /** The token a computed built-in (`__LINE__`, `__FILE__` …) stands for; `line` is 0-based. */
  special(m: MacroDef, line: number): Tok;
  /** `__has_include` / `__has_include_next`. */
  hasInclude(name: string, angled: boolean, next: boolean): boolean;
  note(severity: Severity, code: FrontEndCode, message: string): void;
}

interface Ctx {
  toks: readonly Tok[];
  i: number;
  m: MacroDef | null;
}

export interface LineExpansion {
  /** Output tokens with paddings, for `render`. */
  readonly toks: readonly Tok[];
  /** The first macro expanded at the top level of the line, and where its name was. */
  readonly outer?: { readonly name: string; readonly line: LogicalLine; readonly off: number };
  /** A macro from a builtin fallback header that was expanded on the line. */
  readonly fallback?: string;
  readonly overflow: boolean;
}

const EOF_BASE: Tok = { k: K.Eof, s: '', ws: false, off: -1 };
const EOF_ARG: Tok = { k: K.Eof, s: '', ws: false, off: -1 };
const AVOID_PASTE: Tok = { k: K.Padding, s: '', ws: false, off: -1, src: null };
const PLACEMARKER: Tok = { k: K.Placemarker, s: '', ws: false, off: -1 };
const padding = (src: Tok): Tok => ({ k: K.Padding, s: '', ws: false, off: -1, src });
const isP = (t: Tok, s: string): boolean => t.k === K.Punct && t.s === s;

class Overflow extends Error {}

interface Args {
  readonly args: Tok[][];
  readonly vaOmitted: boolean;
}

export class Expander {
  /** Live contexts; a macro is disabled while one of them is its own (few: a scan beats a Set). */
  private ctxs: Ctx[] = [];
  private prevent = 0;
  /** 1: looking for a function-like macro's `(`; 2: collecting its arguments. */
  private parsingArgs = 0;
  private pull = false;
  /** Keep the tokens of the lines expanded in the source cache (false for huge files). */
  private memo = true;
  /** The `#` opening a text line pulled into macro arguments (an argument break for GCC). */
  private bolHash: Tok | null = null;
  private baseLine: LogicalLine | null = null;
  private outer: { name: string; line: LogicalLine; off: number } | undefined;
  private outerLine = 0;
  private fallback: string | undefined;
  private work = 0;
  private argDepth = 0;
  private depthNoted = false;
  /** Work left for the whole run (tokens moved by expansion); a guard against exponential macros. */
  private runBudget: number;

  constructor(
    private readonly host: ExpandHost,
    private readonly maxDepth: number,
    private readonly lineBudget: number,
  ) {
    this.runBudget = lineBudget * 64;
  }

  /** Expands a text line; function-like invocations may continue on the lines after it. */
  expandLine(L: LogicalLine, memo: boolean): LineExpansion {
    this.memo = memo;
    return this.run(lineTokens(L, memo), L, true, false).exp;
  }

  /** Expands a directive's operands (`#if`, `#include`, `#line`): no lines are pulled. In `#if` mode `defined` and `__has_include` are evaluated. */
  expandDirective(toks: readonly Tok[], L: LogicalLine, ifMode: boolean): { toks: Tok[]; error?: string; overflow: boolean } {
    const r = this.run(toks, L, false, ifMode);
    return { toks: r.exp.toks.filter((t) => t.k !== K.Padding), error: r.error, overflow: r.exp.overflow };
  }

  private run(toks: readonly Tok[], L: LogicalLine, pull: boolean, ifMode: boolean): { exp: LineExpansion; error?: string } {
    this.ctxs = [{ toks, i: 0, m: null }];
    this.prevent = 0;
    this.parsingArgs = 0;
    this.pull = pull;
    this.bolHash = null;
    this.baseLine = L;
    this.outer = undefined;
    this.outerLine = L.line;
    this.fallback = undefined;
    this.work = 0;
    this.argDepth = 0;
    this.depthNoted = false;
    const out: Tok[] = [];
    let overflow = false;
    let error: string | undefined;
    try {
      for (;;) {
        const t = this.next();
        if (t.k === K.Eof) break;
        if (ifMode && t.k === K.Ident) {
          if (t.s === 'defined') {
            const r = this.readDefined();
            if (typeof r === 'string') {
              error ??= r;
              break;
            }
            out.push(r);
            continue;
          }
          const m = this.host.macros.get(t.s);
          if (m?.special === 'HAS_INCLUDE' || m?.special === 'HAS_INCLUDE_NEXT' || m?.special === 'HAS_ZERO') {
            const r = this.readHasOperator(m);
            if (typeof r === 'string') {
              error ??= r;
              break;
            }
            out.push(r);
            continue;
          }
        }
        out.push(t);
      }
    } catch (e) {
      if (!(e instanceof Overflow)) throw e;
      overflow = true;
    }
    const exp: LineExpansion = { toks: out, outer: this.outer, fallback: this.fallback, overflow };
    this.ctxs = [];
    return { exp, error };
  }

  private spend(n: number): void {
    this.work += n;
    this.runBudget -= n;
    if (this.work > this.lineBudget) {
      this.host.note('error', 'cpp/expansion-too-large', `macro expansion exceeds ${this.lineBudget} tokens; the rest of the line is dropped`);
      throw new Overflow();
    }
    if (this.runBudget < 0) {
      if (this.runBudget + n >= 0) this.host.note('error', 'cpp/expansion-too-large', 'macro expansion work limit for this file reached; later lines are not expanded');
      throw new Overflow();
    }
  }

  /** GCC's cpp_get_token: the next token, expanding macros. */
  private next(): Tok {
    for (;;) {
      const c = this.ctxs[this.ctxs.length - 1];
      if (c.i >= c.toks.length) {
        if (this.ctxs.length === 1) {
          if (this.pull && this.parsingArgs === 1 && this.pullForParen()) continue;
          if (this.pull && this.parsingArgs === 2 && this.pullForArgs()) continue;
          return EOF_BASE;
        }
        this.pop();
        return AVOID_PASTE;
      }
      const t = c.toks[c.i++];
      if (t.k !== K.Ident || t.noexp) return t;
      const m = this.host.macros.get(t.s);
      if (!m) return t;
      if (this.isDisabled(m)) return { ...t, noexp: true };
      if (this.prevent > 0) return t;
      if (m.special === 'HAS_INCLUDE' || m.special === 'HAS_INCLUDE_NEXT' || m.special === 'HAS_ZERO') return t;
      if (this.ctxs.length > this.maxDepth) {
        if (!this.depthNoted) this.host.note('error', 'cpp/macro-depth', `macro expansion nested deeper than ${this.maxDepth}; "${t.s}" is not expanded`);
        this.depthNoted = true;
        return { ...t, noexp: true };
      }
      const fromBase = this.ctxs.length === 1;
      const line = this.baseLine!;
      if (fromBase) this.outerLine = lineOf(line, t.off);
      if (this.enter(m, t)) {
        if (fromBase && !this.outer) this.outer = { name: m.name, line, off: t.off };
        if (m.fromFallback && !this.fallback) this.fallback = m.name;
        return padding(t);
      }
      return t;
    }
  }

  private isDisabled(m: MacroDef): boolean {
    const c = this.ctxs;
    for (let i = c.length - 1; i > 0; i--) if (c[i].m === m) return true;
    return false;
  }

  private pop(): void {
    this.ctxs.pop();
  }

  private push(toks: readonly Tok[], m: MacroDef | null): void {
    this.ctxs.push({ toks, i: 0, m });
  }

  private enter(m: MacroDef, name: Tok): boolean {
    if (m.special) {
      const line = this.ctxs.length === 1 ? lineOf(this.baseLine!, name.off) : this.outerLine;
      this.push([{ ...this.host.special(m, line), ws: name.ws }], null);
      return true;
    }
    if (!m.fn) {
      this.spend(m.items.length + 1);
      this.push(m.plain ?? this.substitute(m, { args: [], vaOmitted: false }), m);
      return true;
    }
    if (!this.peekParen()) return false;
    const a = this.collectArgs(m);
    if (!a) return false;
    const toks = this.substitute(m, a);
    this.push(toks, m);
    return true;
  }

  /** After a function-like macro's name: is the next token `(`? If so it is consumed. */
  private peekParen(): boolean {
    this.parsingArgs = 1;
    this.prevent++;
    let pad: Tok | null = null;
    let t: Tok;
    for (;;) {
      t = this.next();
      if (t.k !== K.Padding) break;
      // GCC keeps the padding that says most about white space (funlike_invocation_p)
      if (pad === null || !pad.src || (!pad.src.ws && !t.src)) pad = t;
    }
    this.prevent--;
    this.parsingArgs = 0;
    if (isP(t, '(')) return true;
    if (t !== EOF_BASE) this.ctxs[this.ctxs.length - 1].i--;
    if (pad) this.push([pad], null);
    return false;
  }

  private pullForParen(): boolean {
    for (let k = 0; ; k++) {
      const L = this.host.lookAhead(k);
      if (!L) return false;
      const toks = lineTokens(L, this.memo);
      if (toks.length === 0) continue;
      if (!isP(toks[0], '(')) return false;
      this.host.skipAhead(k + 1);
      this.setBase(L, toks);
      return true;
    }
  }

  private pullForArgs(): boolean {
    const L = this.host.takeLine();
    if (!L) return false;
    const toks = lineTokens(L, this.memo);
    if (toks.length === 0) this.setBase(L, toks);
    else {
      const first = { ...toks[0], ws: true };
      this.setBase(L, [first, ...toks.slice(1)]);
      // A line of assembler-mode `#` text (not a directive) among the arguments: GCC ends the
      // argument at its `#` and starts another.
      if (L.hash >= 0) this.bolHash = first;
    }
    return true;
  }

  private setBase(L: LogicalLine, toks: readonly Tok[]): void {
    this.ctxs[0] = { toks, i: 0, m: null };
    this.baseLine = L;
  }

  private collectArgs(m: MacroDef): Args | null {
    this.parsingArgs = 2;
    this.prevent++;
    const args: Tok[][] = [];
    let cur: Tok[] = [];
    let depth = 0;
    let ok = true;
    for (;;) {
      const t = this.next();
      if (t.k === K.Padding) {
        if (cur.length > 0) cur.push(t);
        continue;
      }
      if (t === this.bolHash) {
        finishArg(args, cur);
        cur = [];
        depth = 0; // GCC counts parentheses per argument
        continue;
      }
      if (t.k === K.Eof) {
        if (t === EOF_ARG) this.ctxs[this.ctxs.length - 1].i--;
        this.host.note('error', 'cpp/unterminated-arguments', `unterminated argument list invoking macro "${m.name}"`);
        ok = false;
        break;
      }
      if (t.k === K.Punct) {
        if (t.s === '(') depth++;
        else if (t.s === ')') {
          if (depth-- === 0) {
            finishArg(args, cur);
            break;
          }
        } else if (t.s === ',' && depth === 0 && !(m.variadic && args.length === m.nparams - 1)) {
          finishArg(args, cur);
          cur = [];
          continue;
        }
      }
      cur.push(t);
      this.spend(1);
    }
    this.prevent--;
    this.parsingArgs = 0;
    if (!ok) return null;
    let vaOmitted = false;
    const n = args.length;
    if (m.nparams === 0) {
      if (n === 1 && args[0].length === 0) return { args: [], vaOmitted };
      this.host.note('error', 'cpp/macro-arguments', `macro "${m.name}" passed ${n} arguments, but takes just 0`);
      return null;
    }
    if (n < m.nparams) {
      if (m.variadic && n === m.nparams - 1) vaOmitted = true;
      else {
        this.host.note('error', 'cpp/macro-arguments', `macro "${m.name}" requires ${m.nparams} arguments, but only ${n} given`);
        return null;
      }
    } else if (n > m.nparams) {
      this.host.note('error', 'cpp/macro-arguments', `macro "${m.name}" passed ${n} arguments, but takes just ${m.nparams}`);
      return null;
    }
    return { args, vaOmitted };
  }

  /** An argument fully macro-expanded on its own (GCC's expand_arg). */
  private expandArg(raw: readonly Tok[]): Tok[] {
    if (raw.length === 0) return [];
    if (this.argDepth >= this.maxDepth) {
      if (!this.depthNoted) this.host.note('error', 'cpp/macro-depth', `macro arguments nested deeper than ${this.maxDepth}`);
      this.depthNoted = true;
      return raw.slice();
    }
    this.argDepth++;
    const saved = { parsingArgs: this.parsingArgs, prevent: this.prevent };
    this.parsingArgs = 0;
    this.prevent = 0;
    const depth = this.ctxs.length;
    this.push([...raw, EOF_ARG], null);
    const out: Tok[] = [];
    for (;;) {
      const t = this.next();
      if (t.k === K.Eof) break;
      out.push(t);
    }
    while (this.ctxs.length > depth) this.pop();
    this.parsingArgs = saved.parsingArgs;
    this.prevent = saved.prevent;
    this.argDepth--;
    this.spend(out.length);
    return out;
  }

  /** Argument `i` fully expanded (once per invocation). */
  private substArg(x: Subst, i: number): Tok[] {
    return (x.expanded[i] ??= this.expandArg(x.a.args[i] ?? []));
  }

  private substVaHas(x: Subst): boolean {
    return x.va >= 0 && !x.a.vaOmitted && this.substArg(x, x.va).some((t) => t.k !== K.Padding);
  }

  private substEmit(x: Subst, items: readonly BodyItem[], nested: boolean): void {
    const { res, pl, a, m, va } = x;
    for (let j = 0; j < items.length; j++) {
      const b = items[j];
      const prevPaste = j > 0 && items[j - 1].paste;
      const atStart = j === 0 && !nested;
      if (b.vaopt) {
        // As GCC: padding on the left unless after ##, avoid-paste on the right unless
        // before ##, whether the contents are kept or dropped.
        if (!atStart && !prevPaste) substAdd(x, padding(b.t), false);
        const before = res.length;
        if (this.substVaHas(x)) this.substEmit(x, b.vaopt, true);
        if (b.paste) {
          x.anyPaste = true;
          let last = res.length - 1;
          while (last >= before && res[last].k === K.Padding) last--;
          if (last < before) substAdd(x, PLACEMARKER, true);
          else pl[last] = true;
        } else substAdd(x, AVOID_PASTE, false);
        continue;
      }
      if (b.arg < 0) {
        substAdd(x, b.t, b.paste);
        continue;
      }
      const raw = a.args[b.arg] ?? [];
      // GCC pads on the left of an argument unless it is the right operand of ##, and on
      // the right unless it is the left operand.
      if (!atStart && !prevPaste) substAdd(x, padding(b.t), false);
      if (b.str) {
        substAdd(x, { k: K.String, s: stringify(raw), ws: false, off: -1 }, b.paste);
      } else if (prevPaste || b.paste) {
        let tokens = raw;
        if (prevPaste && !b.paste && b.arg === va && res.length > 0 && isP(res[res.length - 1], ',') && pl[pl.length - 1]) {
          // GNU: `, ## __VA_ARGS__` drops the comma when the variable argument was left out
          // (or is empty and the only parameter); otherwise no paste happens. Not when the
          // argument is also the left operand of another ## (GCC checks that case first).
          if (a.vaOmitted || (raw.length === 0 && m.nparams === 1)) {
            res.pop();
            pl.pop();
            tokens = [];
          } else pl[pl.length - 1] = false;
        }
        if (tokens.length === 0) substAdd(x, PLACEMARKER, b.paste);
        else {
          for (const t of tokens) substAdd(x, t, false);
          pl[pl.length - 1] = b.paste;
          if (b.paste) x.anyPaste = true;
        }
      } else {
        for (const t of this.substArg(x, b.arg)) substAdd(x, t, false);
      }
      if (!b.paste) substAdd(x, AVOID_PASTE, false);
    }
  }

  /** GCC's replace_args, then the `##` operators. */
  private substitute(m: MacroDef, a: Args): Tok[] {
    // (the state is one record and the steps methods: this runs for every macro invocation)
    const x: Subst = { m, a, va: m.variadic ? m.nparams - 1 : -1, res: [], pl: [], anyPaste: false, expanded: [] };
    this.substEmit(x, m.items, false);
    const { res, pl, anyPaste } = x;
    this.spend(res.length);
    if (!anyPaste) return res.some((t) => t.k === K.Placemarker) ? res.filter((t) => t.k !== K.Placemarker) : res;

    // GCC's paste_all_tokens: a pasted token comes between a padding for the left operand and
    // an avoid-paste padding (it sat in a context of its own); when a paste fails the left side
    // is kept and the right side is read again as an ordinary token (which may paste anew). An
    // empty argument (placemarker) on the left means no paste at all.
    const out: Tok[] = [];
    for (let i = 0; i < res.length; i++) {
      const first = res[i];
      if (first.k === K.Placemarker) continue;
      if (!pl[i]) {
        out.push(first);
        continue;
      }
      let lhs = first;
      // GCC drops the ## before an empty argument while substituting (plain token); otherwise
      // it pastes when reading, and the left operand gets the padding treatment even if the
      // right one turns out to be a padding (a dropped __VA_OPT__).
      let pasted = false;
      while (pl[i] && i + 1 < res.length) {
        const rhs = res[++i];
        if (rhs.k === K.Placemarker) {
          if (!pasted && !pl[i]) break;
          continue;
        }
        pasted = true;
        if (rhs.k === K.Padding) continue;
        const joined = paste(lhs, rhs);
        if (!joined) {
          i--;
          break;
        }
        lhs = joined;
      }
      if (pasted) out.push(padding(first), lhs, AVOID_PASTE);
      else out.push(lhs);
    }
    return out;
  }

  private readDefined(): Tok | string {
    this.prevent++;
    try {
      let t = this.nonPadding();
      const paren = isP(t, '(');
      if (paren) t = this.nonPadding();
      if (t.k !== K.Ident) return 'operator "defined" requires an identifier';
      if (paren && !isP(this.nonPadding(), ')')) return 'missing \')\' after "defined"';
      return { k: K.Number, s: this.host.macros.has(t.s) ? '1' : '0', ws: true, off: -1 };
    } finally {
      this.prevent--;
    }
  }

  private readHasOperator(m: MacroDef): Tok | string {
    this.prevent++;
    try {
      if (!isP(this.nonPadding(), '(')) return `missing '(' after "${m.name}"`;
      let value = false;
      if (m.special === 'HAS_ZERO') {
        // __has_attribute / __has_builtin / __has_cpp_attribute: we know no compiler internals.
        for (let depth = 1; depth > 0; ) {
          const t = this.nonPadding();
          if (t.k === K.Eof) return `missing ')' after "${m.name}" operand`;
          if (isP(t, '(')) depth++;
          else if (isP(t, ')')) depth--;
        }
        return { k: K.Number, s: '0', ws: true, off: -1 };
      }
      let t = this.nonPadding();
      let name: string;
      let angled = false;
      if (t.k === K.String && t.s.startsWith('"')) name = t.s.slice(1, -1);
      else if (isP(t, '<')) {
        angled = true;
        name = '';
        for (;;) {
          t = this.nonPadding();
          if (t.k === K.Eof) return 'missing terminating > character';
          if (isP(t, '>')) break;
          if (name !== '' && t.ws) name += ' ';
          name += t.s;
        }
      } else return `operator "${m.name}" requires a header-name`;
      value = this.host.hasInclude(name, angled, m.special === 'HAS_INCLUDE_NEXT');
      if (!isP(this.nonPadding(), ')')) return `missing ')' after "${m.name}" operand`;
      return { k: K.Number, s: value ? '1' : '0', ws: true, off: -1 };
    } finally {
      this.prevent--;
    }
  }

  private nonPadding(): Tok {
    for (;;) {
      const t = this.next();
      if (t.k !== K.Padding) return t;
    }
  }
}

/** `#arg`: the argument's spelling, spaces as cpp prints them, `"` and `\` escaped inside literals. */
function stringify(raw: readonly Tok[]): string {
  let s = '"';
  let source: Tok | null = null;
  let first = true;
  for (const t of raw) {
    if (t.k === K.Padding) {
      if (source === null || (!source.ws && t.src === null)) source = t.src ?? null;
      continue;
    }
    if (!first && (source ?? t).ws) s += ' ';
    source = null;
    first = false;
    s += t.k === K.String || t.k === K.Char ? t.s.replace(/["\\]/g, '\\$&') : t.s;
  }
  return s + '"';
}

function paste(a: Tok, b: Tok): Tok | null {
  // `/` then `/` or `*` would make a comment: GCC refuses those.
  if (isP(a, '/') && !isP(b, '=')) return null;
  const s = a.s + b.s;
  const k = lexOne(s);
  return k === undefined ? null : { k, s, ws: a.ws, off: -1 };
}

/**
 * Prints expanded tokens as GCC's scan_translation_unit does: a space where the source had
 * one, and at macro boundaries (padding) only where the boundary token had one or the two
 * tokens would otherwise lex as one.
 */
export function render(toks: readonly Tok[], limit: number): { text: string; truncated: boolean } {
  let s = '';
  let prev: Tok | null = null;
  let source: Tok | null = null;
  let avoid = false;
  for (const t of toks) {
    if (t.k === K.Padding) {
      avoid = true;
      if (source === null || (!source.ws && t.src === null)) source = t.src ?? null;
      continue;
    }
    if (t.k === K.Placemarker || t.k === K.Eof) continue;
    if (prev !== null) {
      if (avoid) {
        if ((source ?? t).ws || avoidPaste(prev, t)) s += ' ';
      } else if (t.ws) s += ' ';
    } else if (avoid && isP(t, '#')) s += ' ';
    avoid = false;
    source = null;
    prev = t;
    s += t.s;
    if (s.length > limit) return { text: s.slice(0, limit), truncated: true };
  }
  return { text: s, truncated: false };
}

/** Ends a macro argument: trailing padding dropped (a module function: no closure per invocation). */
function finishArg(args: Tok[][], cur: Tok[]): void {
  while (cur.length > 0 && cur[cur.length - 1].k === K.Padding) cur.pop();
  args.push(cur);
}

/** A macro invocation's substitution in progress (GCC's replace_args): tokens and their paste flags. */
interface Subst {
  readonly m: MacroDef;
  readonly a: Args;
  /** The variable argument's index, or -1. */
  readonly va: number;
  readonly res: Tok[];
  /** Whether each token of `res` is the left operand of ##. */
  readonly pl: boolean[];
  anyPaste: boolean;
  readonly expanded: (Tok[] | undefined)[];
}

function substAdd(x: Subst, t: Tok, paste: boolean): void {
  x.res.push(t);
  x.pl.push(paste);
  if (paste) x.anyPaste = true;
}
