// gas's alternate macro syntax (`.altmacro`): how an argument is read (`%expr` becomes its
// decimal value, `<…>` delimits a string whose `!` escapes the next character, a quoted string
// keeps its quotes) and how a body is expanded (a parameter's bare name is replaced, `LOCAL a, b`
// names labels unique to each expansion, `&` may join a parameter to the text after it). Written
// after gas's macro.c (get_any_string, getstring, macro_expand_body), character for character.
import { isSymChar, isSymStart } from './gas-lex';
import { MacroParam, ampersand, isBlank, skipComma, unquotedArgument, withDefaults } from './gas-macro';

/** Evaluates the expression after a `%`: its value (the constant part when not absolute). */
export type PercentEval = (expr: string) => bigint;


/** Where the expression after `%` ends in scrubbed argument text: the next top-level comma or blank. */
function percentEnd(s: string, i: number): number {
  let depth = 0;
  let j = i;
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 40 || c === 91) depth++;
    else if ((c === 41 || c === 93) && depth > 0) depth--;
    else if (depth === 0 && (c === 44 || isBlank(c))) break;
  }
  return j;
}

/** gas getstring: `<…>` (nesting, `!` escapes) and quoted strings (`!` escapes, a doubled quote is one), run together. */
function getString(s: string, i: number): { value: string; end: number } {
  let out = '';
  const n = s.length;
  while (i < n && (s[i] === '"' || s[i] === '<' || s[i] === "'")) {
    if (s[i] === '<') {
      let nest = 0;
      i++;
      while (i < n && (s[i] !== '>' || nest)) {
        if (s[i] === '!') {
          i++;
          if (i < n) out += s[i];
          i++;
        } else {
          if (s[i] === '>') nest--;
          else if (s[i] === '<') nest++;
          out += s[i++];
        }
      }
      i++;
    } else {
      const q = s[i];
      let escaped = false;
      i++;
      while (i < n) {
        escaped = s[i - 1] === '\\' ? !escaped : false;
        if (s[i] === '!') {
          i++;
          if (i < n) out += s[i];
          i++;
        } else if (escaped && s[i] === q) {
          out += q;
          i++;
        } else {
          if (s[i] === q) {
            i++;
            if (i >= n || s[i] !== q) break;
          }
          out += s[i++];
        }
      }
    }
  }
  return { value: out, end: Math.min(i, n) };
}

/** gas get_any_string in alternate mode: one argument from position i of scrubbed text. */
export function getAltString(s: string, i: number, percent: PercentEval): { value: string; end: number } {
  const n = s.length;
  while (i < n && isBlank(s.charCodeAt(i))) i++;
  if (i >= n) return { value: '', end: i };
  const c = s[i];
  if (c === '%') {
    const end = percentEnd(s, i + 1);
    return { value: String(BigInt.asIntN(64, percent(s.slice(i + 1, end)))), end };
  }
  if (c === '<') return getString(s, i);
  if (c === '"' || c === "'") {
    const r = getString(s, i);
    return { value: `"${r.value}"`, end: r.end };
  }
  return unquotedArgument(s, i, true);
}

/** Binds an invocation's (scrubbed) arguments in alternate mode: positional only (`a=1` is an argument's text). */
export function bindAltArguments(def: { name: string; params: readonly MacroParam[] }, s: string, percent: PercentEval): { values: Map<string, string>; errors: string[] } {
  const values = new Map<string, string>();
  const errors: string[] = [];
  let i = 0;
  while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  let pos = 0;
  let guard = 0;
  while (i < s.length && guard++ < 100_000) {
    const p = def.params[pos++];
    if (!p) {
      errors.push('too many positional arguments');
      break;
    }
    if (p.vararg) {
      values.set(p.name, s.slice(i));
      break;
    }
    const v = s[i] === ',' ? { value: '', end: i } : getAltString(s, i, percent);
    values.set(p.name, v.value);
    i = skipComma(s, v.end);
  }
  return withDefaults(def, values, errors);
}

/** `.irp` values in alternate mode (text after the symbol and comma, scrubbed). */
export function altIrpValues(text: string, percent: PercentEval): string[] {
  const out: string[] = [];
  let i = skipComma(text, 0);
  let guard = 0;
  while (i < text.length && guard++ < 1_000_000) {
    const v = text[i] === ',' ? { value: '', end: i } : getAltString(text, i, percent);
    out.push(v.value);
    i = Math.max(skipComma(text, v.end), v.end + (v.end === i ? 1 : 0));
  }
  return out;
}

/** The state of one expansion: its parameters' values, and its LOCAL names once declared. */
export interface AltExpansion {
  readonly values: ReadonlyMap<string, string>;
  readonly locals: Map<string, string>;
  readonly counter?: number;
  /** LOCAL is recognised (a macro's body, not a loop's). */
  readonly macro: boolean;
  /** The next `.LL%04x` name's number. */
  nextLocal(): number;
  error(message: string): void;
}

/** A name and the index after it (and after a `&` that ends it), as gas get_token in alternate mode. */
function token(t: string, i: number): { name: string; end: number } {
  let j = i;
  if (j < t.length && isSymStart(t.charCodeAt(j))) {
    j++;
    while (j < t.length && isSymChar(t.charCodeAt(j))) j++;
  }
  const name = t.slice(i, j);
  if (t[j] === '&') j++;
  return { name, end: j };
}

/** One body statement expanded in alternate mode (gas macro_expand_body with macro_alternate set). */
export function substituteAlt(text: string, x: AltExpansion): string {
  const lookup = (name: string) => x.locals.get(name) ?? x.values.get(name);
  let out = '';
  let inquote = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 38 /* & */) {
      const r = ampersand(text, i, lookup);
      out += r.text;
      i = r.end;
    } else if (c === 92 /* \ */) {
      const d = text.charCodeAt(i + 1);
      if (d === 40 /* ( */) {
        const close = text.indexOf(')', i + 2);
        out += text.slice(i + 2, close < 0 ? n : close);
        i = close < 0 ? n : close + 1;
      } else if (d === 64 /* @ */ && x.counter !== undefined) {
        out += String(x.counter);
        i += 2;
      } else if (d === 38 /* & */) {
        out += '\\&';
        i += 2;
      } else {
        const t = token(text, i + 1);
        let end = t.end;
        if (text[end] === "'") end++;
        const v = lookup(t.name);
        out += v ?? '\\' + t.name;
        i = end;
      }
    } else if (isSymStart(c)) {
      if (x.macro && !inquote && /^local[ \t]/i.test(text.slice(i, i + 6))) {
        i += 5;
        while (i < n && isBlank(text.charCodeAt(i))) i++;
        let guard = 0;
        while (i < n && guard++ < 10_000) {
          const t = token(text, i);
          if (t.name === '') break;
          if (x.values.has(t.name) || x.locals.has(t.name)) x.error(`\`${t.name}' was already used as parameter (or another local) name`);
          else x.locals.set(t.name, `.LL${x.nextLocal().toString(16).padStart(4, '0')}`);
          i = skipComma(text, t.end);
        }
        continue;
      }
      const t = token(text, i);
      let end = t.end;
      if (text[end] === "'") end++;
      out += lookup(t.name) ?? t.name;
      i = end;
    } else {
      if (c === 34) inquote = !inquote;
      out += text[i++];
    }
  }
  return out;
}
