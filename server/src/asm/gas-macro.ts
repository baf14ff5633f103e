// gas macros: `.macro` parameter lists, the argument splitting of an invocation (gas's
// get_any_string on the scrubbed text: commas always split, blanks split outside brackets,
// double quotes are stripped, an empty argument takes the default), and body substitution
// (`\name`, `\@`, `\()`).
import { isSymChar, isSymStart } from './gas-lex';
import { Origin } from './types';

export interface MacroParam {
  readonly name: string;
  readonly dflt?: string;
  readonly required?: boolean;
  readonly vararg?: boolean;
}

export interface BodyStatement {
  readonly text: string;
  readonly origin: Origin;
}

export interface MacroDef {
  readonly name: string;
  readonly params: readonly MacroParam[];
  readonly body: readonly BodyStatement[];
  readonly origin: Origin;
}

export const isBlank = (c: number) => c === 32 || c === 9;

/** gas get_any_string: one argument from position i of scrubbed text. */
export function getAnyString(s: string, i: number): { value: string; end: number } {
  const n = s.length;
  if (i >= n) return { value: '', end: i };
  if (s.charCodeAt(i) === 34) {
    // quoted: the content without the quotes; "" inside stands for one quote
    let out = '';
    let j = i + 1;
    while (j < n) {
      const c = s[j];
      if (c === '"') {
        if (s[j + 1] === '"') {
          out += '"';
          j += 2;
          continue;
        }
        j++;
        break;
      }
      if (c === '\\' && j + 1 < n) {
        out += s.slice(j, j + 2);
        j += 2;
        continue;
      }
      out += c;
      j++;
    }
    return { value: out, end: j };
  }
  return unquotedArgument(s, i, false);
}

/**
 * The unquoted rest of get_any_string: up to a comma, or a blank outside brackets; quotes are
 * skipped whole. In alternate mode a `<` also ends it (it starts a <string>).
 */
export function unquotedArgument(s: string, i: number, altmacro: boolean): { value: string; end: number } {
  const n = s.length;
  const stack: string[] = [];
  let j = i;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c === 44 /* , */ || (altmacro && c === 60) /* < */) break;
    if (isBlank(c) && stack.length === 0) break;
    if (c === 34 || c === 39) {
      const q = s[j];
      j++;
      while (j < n && s[j] !== q) j++;
      if (j >= n) break;
      j++;
      continue;
    }
    if (c === 40 || c === 91) stack.push(s[j]);
    else if (c === 41 && stack[stack.length - 1] === '(') stack.pop();
    else if (c === 93 && stack[stack.length - 1] === '[') stack.pop();
    j++;
  }
  return { value: s.slice(i, j), end: j };
}

/** gas sb_skip_comma: blanks, an optional comma, blanks. */
export function skipComma(s: string, i: number): number {
  while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  if (s[i] === ',') i++;
  while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  return i;
}

/** Parses the operands of `.macro` (scrubbed): `name[,] p1[=d][:req|:vararg] …`; `readDefault` reads a default (alternate syntax: getAltString). */
export function parseMacroHead(
  text: string,
  readDefault: (s: string, i: number) => { value: string; end: number } = getAnyString,
): { name: string; params: MacroParam[] } | { error: string } {
  let i = 0;
  const s = text.trim();
  while (i < s.length && isSymChar(s.charCodeAt(i))) i++;
  const name = s.slice(0, i);
  if (!name) return { error: 'expected a macro name after .macro' };
  const params: MacroParam[] = [];
  i = skipComma(s, i);
  while (i < s.length) {
    let j = i;
    while (j < s.length && isSymChar(s.charCodeAt(j))) j++;
    const pname = s.slice(i, j);
    if (!pname) return { error: `bad formal parameter list at '${s.slice(i)}'` };
    let required = false;
    let vararg = false;
    let dflt: string | undefined;
    i = j;
    if (s[i] === ':') {
      let k = i + 1;
      while (k < s.length && isSymChar(s.charCodeAt(k))) k++;
      const q = s.slice(i + 1, k);
      if (q === 'req') required = true;
      else if (q === 'vararg') vararg = true;
      else return { error: `\`${q}' is not a valid parameter qualifier for \`${pname}' in macro \`${name}'` };
      i = k;
    }
    while (i < s.length && isBlank(s.charCodeAt(i))) i++;
    if (s[i] === '=') {
      const a = readDefault(s, i + 1);
      dflt = a.value;
      i = a.end;
    }
    if (params.some((p) => p.name === pname)) return { error: `A parameter named \`${pname}' already exists for macro \`${name}'` };
    params.push({ name: pname, ...(dflt !== undefined ? { dflt } : {}), ...(required ? { required } : {}), ...(vararg ? { vararg } : {}) });
    i = skipComma(s, i);
  }
  return { name, params };
}

/** Binds an invocation's (scrubbed) argument text to the parameters. */
export function bindArguments(def: { name: string; params: readonly MacroParam[] }, text: string): { values: Map<string, string>; errors: string[] } {
  const values = new Map<string, string>();
  const errors: string[] = [];
  const s = text;
  let i = 0;
  while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  let pos = 0;
  let keyword = false;
  const given = new Set<string>();
  let guard = 0;
  while (i < s.length && guard++ < 100_000) {
    // keyword argument?
    let j = i;
    while (j < s.length && isSymChar(s.charCodeAt(j))) j++;
    let k = j;
    while (k < s.length && isBlank(s.charCodeAt(k))) k++;
    if (j > i && s[k] === '=' && s[k + 1] !== '=') {
      const name = s.slice(i, j);
      const p = def.params.find((x) => x.name === name);
      keyword = true;
      let v: { value: string; end: number };
      k++;
      while (k < s.length && isBlank(s.charCodeAt(k))) k++;
      if (p?.vararg) v = { value: s.slice(k), end: s.length };
      else v = getAnyString(s, k);
      if (!p) errors.push(`Parameter named \`${name}' does not exist for macro \`${def.name}'`);
      else {
        if (given.has(name)) errors.push(`Value for parameter \`${name}' of macro \`${def.name}' was already specified`);
        given.add(name);
        values.set(name, v.value);
      }
      i = skipComma(s, v.end);
      continue;
    }
    if (keyword) {
      errors.push("can't mix positional and keyword arguments");
      break;
    }
    const p = def.params[pos++];
    if (!p) {
      errors.push('too many positional arguments');
      break;
    }
    if (p.vararg) {
      values.set(p.name, s.slice(i));
      given.add(p.name);
      break;
    }
    const v = s[i] === ',' ? { value: '', end: i } : getAnyString(s, i);
    values.set(p.name, v.value);
    given.add(p.name);
    i = skipComma(s, v.end);
  }
  return withDefaults(def, values, errors);
}

/** Parameters given no value (or an empty one) take their default; a missing :req one is an error (gas's wording). */
export function withDefaults(def: { name: string; params: readonly MacroParam[] }, values: Map<string, string>, errors: string[]): { values: Map<string, string>; errors: string[] } {
  for (const p of def.params) {
    const v = values.get(p.name);
    if (v === undefined || v === '') {
      if (p.required) errors.push(`Missing value for required parameter \`${p.name}' of macro \`${def.name}'`);
      values.set(p.name, p.dflt ?? '');
    }
  }
  return { values, errors };
}

/**
 * Substitutes `\name` (a parameter), `\@` (when `counter` is given) and `\()` in a body line;
 * `\` before anything else is kept.
 */
export function substitute(text: string, values: ReadonlyMap<string, string>, counter?: number): string {
  if (text.indexOf('\\') < 0 && text.indexOf('&') < 0) return text;
  let out = '';
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) === 38 /* & */) {
      const r = ampersand(text, i, (name) => values.get(name));
      if (r.end - i > 1) {
        out += text.slice(last, i) + r.text;
        last = r.end;
        i = r.end - 1;
      }
      continue;
    }
    if (text.charCodeAt(i) !== 92) continue;
    const c = text.charCodeAt(i + 1);
    if (c === 64 /* @ */ && counter !== undefined) {
      out += text.slice(last, i) + String(counter);
      last = i + 2;
      i++;
    } else if (c === 40 /* ( */) {
      // `\(text)`: the text literally (`\()` separates a parameter from what follows)
      const close = text.indexOf(')', i + 2);
      const end = close < 0 ? n : close;
      out += text.slice(last, i) + text.slice(i + 2, end);
      last = close < 0 ? n : close + 1;
      i = last - 1;
    } else if (isSymStart(c) || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n && isSymChar(text.charCodeAt(j))) j++;
      const v = values.get(text.slice(i + 1, j));
      if (v !== undefined) {
        out += text.slice(last, i) + v;
        last = j;
      }
      i = j - 1;
    } else if (c === 92) {
      i++; // `\\` stays as written
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * `&name` (an optional `&` after it) is the parameter's value, as `\name` is; `&&` and an `&`
 * before anything that is not a parameter stay as written (gas 2.40 keeps `a && b`).
 */
export function ampersand(text: string, i: number, lookup: (name: string) => string | undefined): { text: string; end: number } {
  if (text.charCodeAt(i + 1) === 38) return { text: '&&', end: i + 2 };
  let j = i + 1;
  if (j < text.length && isSymStart(text.charCodeAt(j))) {
    j++;
    while (j < text.length && isSymChar(text.charCodeAt(j))) j++;
  }
  const v = j > i + 1 ? lookup(text.slice(i + 1, j)) : undefined;
  if (v === undefined) return { text: text.slice(i, j), end: j };
  return { text: v, end: text.charCodeAt(j) === 38 ? j + 1 : j };
}

/** Values of `.irp sym, a, b …` (text after the symbol and comma, scrubbed). */
export function irpValues(text: string): string[] {
  const out: string[] = [];
  let i = skipComma(text, 0);
  let guard = 0;
  while (i < text.length && guard++ < 1_000_000) {
    const v = text[i] === ',' ? { value: '', end: i } : getAnyString(text, i);
    out.push(v.value);
    i = skipComma(text, v.end);
  }
  return out;
}
