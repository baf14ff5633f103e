// A light C scanner for kernel sources: tokens with exact ranges (comments skipped, strings and
// character constants kept as opaque tokens), preprocessor #define/#include lines, function
// definitions, calls with their arguments split at top-level commas, and simple assignments
// (`name = expr;`). No C parser: enough structure for the insn.h API checks. Every loop advances
// over the input, so any text (binary, unbalanced) terminates.

export type TokenKind = 'ident' | 'number' | 'string' | 'char' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 0-based line and UTF-16 column of the first character; end is exclusive. */
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  readonly offset: number;
  readonly end: number;
}

export interface Define {
  readonly name: string;
  readonly nameToken: Token;
  /** Parameter names of a function-like macro; undefined for an object-like one. */
  readonly params?: readonly string[];
  readonly body: readonly Token[];
}

export interface Include {
  readonly path: string;
  readonly system: boolean;
  readonly line: number;
}

export interface CallArg {
  readonly tokens: readonly Token[];
  /** Source text of the argument (from its first to its last token). */
  readonly text: string;
}

export interface Call {
  readonly name: Token;
  /** For a call that macro expansion produced: the invocation it came from (macro name … closing token). */
  readonly site?: { readonly name: Token; readonly end: Token };
  readonly open: Token;
  readonly close?: Token;
  readonly args: readonly CallArg[];
  /** Enclosing function definition, when the call is in one. */
  readonly fn?: FunctionDef;
  /** The macro whose body holds the call. */
  readonly inDefine?: string;
}

export interface FunctionDef {
  readonly name: string;
  readonly nameToken: Token;
  /** Tokens between the name and the body (return type not included): for `__init` etc. */
  readonly attributes: readonly string[];
  /** Token indices of `{` and the matching `}` in `tokens`. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
}

export interface Assignment {
  readonly name: string;
  readonly nameToken: Token;
  readonly value: readonly Token[];
  readonly fn?: FunctionDef;
  readonly index: number;
}

export interface ScanResult {
  /** Code tokens (preprocessor lines excluded). */
  readonly tokens: readonly Token[];
  readonly defines: ReadonlyMap<string, Define>;
  readonly includes: readonly Include[];
  readonly calls: readonly Call[];
  readonly functions: readonly FunctionDef[];
  readonly assignments: readonly Assignment[];
  /** Preprocessor lines: their tokens after the '#' (`define X 1`, `ifdef CONFIG_Y`). */
  readonly directives: readonly (readonly Token[])[];
  /** For each bracket token of `tokens` ((, [, {), the index of its partner; -1 elsewhere. */
  readonly pairs: Int32Array;
  /** 0-based first and last lines of each `/* … *\/` comment spanning several lines (folding). */
  readonly blockComments: readonly { readonly line: number; readonly endLine: number }[];
}

const PUNCT3 = ['<<=', '>>=', '...'];
const PUNCT2 = ['->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '##'];
const NOT_CALLS = new Set(['if', 'while', 'for', 'switch', 'return', 'sizeof', 'typeof', '__typeof__', 'alignof', '_Alignof', '__alignof__', 'defined', 'case', 'do', 'else', 'asm', '__asm__', '__attribute__', '__builtin_expect']);

interface Lexed {
  tokens: Token[];
  /** Preprocessor lines: their tokens (after '#'). */
  directives: Token[][];
  blockComments: { line: number; endLine: number }[];
}

function lex(text: string): Lexed {
  const tokens: Token[] = [];
  const directives: Token[][] = [];
  const blockComments: { line: number; endLine: number }[] = [];
  let i = 0;
  let line = 0;
  let lineStart = 0;
  let atLineStart = true;
  let directive: Token[] | null = null;
  const n = text.length;

  const newline = (at: number) => {
    line++;
    lineStart = at + 1;
  };
  const push = (kind: TokenKind, start: number, startLine: number, startCol: number) => {
    const t: Token = { kind, text: text.slice(start, i), line: startLine, col: startCol, endLine: line, endCol: i - lineStart, offset: start, end: i };
    (directive ?? tokens).push(t);
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    // newline ends a directive unless escaped
    if (c === 10) {
      newline(i);
      i++;
      if (directive) {
        directives.push(directive);
        directive = null;
      }
      atLineStart = true;
      continue;
    }
    if (c === 92 /* \ */ && (text.charCodeAt(i + 1) === 10 || (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10))) {
      i += text.charCodeAt(i + 1) === 13 ? 2 : 1;
      newline(i);
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) {
      i++;
      continue;
    }
    // comments
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const first = line;
      i += 2;
      while (i < n && !(text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47)) {
        if (text.charCodeAt(i) === 10) newline(i);
        i++;
      }
      i = Math.min(n, i + 2);
      if (line > first) blockComments.push({ line: first, endLine: line });
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10) {
        if (text.charCodeAt(i) === 92 && text.charCodeAt(i + 1) === 10) {
          i++;
          newline(i);
        }
        i++;
      }
      continue;
    }
    const start = i;
    const startLine = line;
    const startCol = i - lineStart;
    if (c === 35 /* # */ && atLineStart && !directive) {
      directive = [];
      i++;
      atLineStart = false;
      continue;
    }
    atLineStart = false;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36) {
      while (i < n) {
        const d = text.charCodeAt(i);
        if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d === 95 || d === 36) i++;
        else break;
      }
      push('ident', start, startLine, startCol);
      continue;
    }
    if ((c >= 48 && c <= 57) || (c === 46 && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57)) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        const prev = text.charCodeAt(i - 1);
        if ((d >= 48 && d <= 57) || (d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d === 95 || d === 46 || d === 39) i++;
        else if ((d === 43 || d === 45) && (prev === 101 || prev === 69 || prev === 112 || prev === 80)) i++;
        else break;
      }
      push('number', start, startLine, startCol);
      continue;
    }
    if (c === 34 || c === 39) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          if (text.charCodeAt(i + 1) === 10) newline(i + 1);
          i += 2;
          continue;
        }
        if (d === c) {
          i++;
          break;
        }
        if (d === 10) break; // unterminated: stop at the line end
        i++;
      }
      push(c === 34 ? 'string' : 'char', start, startLine, startCol);
      continue;
    }
    const three = text.slice(i, i + 3);
    const two = text.slice(i, i + 2);
    if (PUNCT3.includes(three)) i += 3;
    else if (PUNCT2.includes(two)) i += 2;
    else i++;
    push('punct', start, startLine, startCol);
  }
  if (directive) directives.push(directive);
  return { tokens, directives, blockComments };
}

function argText(text: string, toks: readonly Token[]): string {
  return toks.length ? text.slice(toks[0].offset, toks[toks.length - 1].end) : '';
}

/** Calls in a token list: `ident (` … `)` with arguments split at depth-0 commas. */
export function findCalls(text: string, toks: readonly Token[], fnAt: (i: number) => FunctionDef | undefined, inDefine?: string, declaration?: (i: number) => boolean): Call[] {
  const calls: Call[] = [];
  for (let i = 0; i + 1 < toks.length; i++) {
    const t = toks[i];
    if (t.kind !== 'ident' || toks[i + 1].text !== '(' || NOT_CALLS.has(t.text)) continue;
    // a prototype or definition at file scope (`u32 name(enum … reg)`) is not a call
    if (declaration?.(i)) continue;
    const args: CallArg[] = [];
    let depth = 0;
    let cur: Token[] = [];
    let close: Token | undefined;
    let j = i + 1;
    for (; j < toks.length; j++) {
      const u = toks[j];
      if (u.text === '(' || u.text === '[' || u.text === '{') {
        if (depth > 0) cur.push(u);
        depth++;
        continue;
      }
      if (u.text === ')' || u.text === ']' || u.text === '}') {
        depth--;
        if (depth === 0) {
          close = u;
          break;
        }
        cur.push(u);
        continue;
      }
      if (u.text === ',' && depth === 1) {
        args.push({ tokens: cur, text: argText(text, cur) });
        cur = [];
        continue;
      }
      if (u.text === ';' && depth <= 1) break; // unbalanced: give up at the statement end
      cur.push(u);
    }
    if (cur.length || args.length) args.push({ tokens: cur, text: argText(text, cur) });
    const site = (t as XToken).site;
    calls.push({ name: t, open: toks[i + 1], close, args, fn: fnAt(i), inDefine, ...(site ? { site } : {}) });
  }
  return calls;
}

const TYPE_WORDS = new Set(['static', 'inline', 'extern', 'void', 'int', 'long', 'unsigned', 'signed', 'char', 'short', 'bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'struct', 'enum', 'union', 'const', 'size_t', 'unsigned long', '__always_inline', 'noinline', '__init', '__kprobes', 'notrace', '__le32', '__le64']);

export function scanC(text: string): ScanResult {
  const { tokens, directives, blockComments } = lex(text);
  const defines = new Map<string, Define>();
  const includes: Include[] = [];
  for (const d of directives) {
    if (d.length === 0) continue;
    if (d[0].text === 'define' && d[1]?.kind === 'ident') {
      const nameTok = d[1];
      let k = 2;
      let params: string[] | undefined;
      // function-like only when '(' immediately follows the name
      if (d[2] && d[2].text === '(' && d[2].offset === nameTok.end) {
        params = [];
        k = 3;
        while (k < d.length && d[k].text !== ')') {
          if (d[k].kind === 'ident' || d[k].text === '...') params.push(d[k].text);
          k++;
        }
        k++;
      }
      defines.set(nameTok.text, { name: nameTok.text, nameToken: nameTok, params, body: d.slice(k) });
    } else if (d[0].text === 'include') {
      const rest = d.slice(1);
      if (rest[0]?.kind === 'string') includes.push({ path: rest[0].text.slice(1, -1), system: false, line: d[0].line });
      else if (rest[0]?.text === '<') {
        const close = rest.findIndex((t) => t.text === '>');
        if (close > 0) includes.push({ path: text.slice(rest[0].end, rest[close].offset), system: true, line: d[0].line });
      }
    }
  }

  // function definitions: at brace depth 0, `name ( … ) [attrs] {`
  const functions: FunctionDef[] = [];
  const nameIndex: number[] = [];
  const match = new Int32Array(tokens.length).fill(-1);
  {
    const stack: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i].text;
      if (t === '{' || t === '(' || t === '[') stack.push(i);
      else if (t === '}' || t === ')' || t === ']') {
        const o = stack.pop();
        if (o !== undefined) {
          match[o] = i;
          match[i] = o;
        }
      }
    }
  }
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.text === '{') {
      if (depth === 0) {
        // look back for `ident ( … )` before this brace, skipping attribute words
        let j = i - 1;
        const attrs: string[] = [];
        while (j >= 0 && (tokens[j].kind === 'ident' || tokens[j].text === ')')) {
          if (tokens[j].text === ')') {
            const o = match[j];
            if (o <= 0) break;
            const before = tokens[o - 1];
            if (before && before.kind === 'ident' && !NOT_CALLS.has(before.text) && before.text !== '__attribute__') {
              const end = match[i] > i ? match[i] : tokens.length - 1;
              functions.push({ name: before.text, nameToken: before, attributes: attrs.reverse(), bodyStart: i, bodyEnd: end });
              nameIndex.push(o - 1);
              break;
            }
            j = o - 2; // __attribute__((…)) and similar
            continue;
          }
          attrs.push(tokens[j].text);
          j--;
        }
      }
      depth++;
    } else if (t.text === '}') depth = Math.max(0, depth - 1);
  }
  // declaration attributes before the name (e.g. `static int __init foo(`)
  const withLeading = functions.map((f, n) => {
    const idx = nameIndex[n];
    const lead: string[] = [];
    for (let j = idx - 1; j >= 0 && tokens[j].kind === 'ident' && lead.length < 8; j--) lead.push(tokens[j].text);
    return { ...f, attributes: [...lead.reverse(), ...f.attributes] };
  });
  // bodies do not overlap and are found in order: binary search
  const fnAt = (i: number): FunctionDef | undefined => {
    let lo = 0, hi = withLeading.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const f = withLeading[mid];
      if (i <= f.bodyStart) hi = mid - 1;
      else if (i >= f.bodyEnd) lo = mid + 1;
      else return f;
    }
    return undefined;
  };
  const braceDepth = new Int32Array(tokens.length);
  for (let i = 0, d = 0; i < tokens.length; i++) {
    if (tokens[i].text === '}') d = Math.max(0, d - 1);
    braceDepth[i] = d;
    if (tokens[i].text === '{') d++;
  }
  const calls = findCalls(text, tokens, fnAt, undefined, (i) => braceDepth[i] === 0);
  for (const d of defines.values()) for (const c of findCalls(text, d.body, () => undefined, d.name)) calls.push(c);

  // assignments `name = value ;` (and initialised declarations `type name = value;`)
  const assignments: Assignment[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'ident' || tokens[i + 1].text !== '=' || TYPE_WORDS.has(t.text)) continue;
    const value: Token[] = [];
    let d = 0;
    let j = i + 2;
    for (; j < tokens.length; j++) {
      const u = tokens[j];
      if (u.text === '(' || u.text === '[' || u.text === '{') d++;
      else if (u.text === ')' || u.text === ']' || u.text === '}') {
        if (d === 0) break;
        d--;
      } else if ((u.text === ';' || u.text === ',') && d === 0) break;
      value.push(u);
    }
    assignments.push({ name: t.text, nameToken: t, value, fn: fnAt(i), index: i });
  }
  return { tokens, defines, includes, calls, functions: withLeading, assignments, directives, pairs: match, blockComments };
}

/** The text of a token list as written (single spaces between tokens that were apart). */
export function tokensText(toks: readonly Token[]): string {
  let out = '';
  for (let i = 0; i < toks.length; i++) {
    if (i > 0 && toks[i].offset > toks[i - 1].end) out += ' ';
    out += toks[i].text;
  }
  return out;
}

// --- macro expansion --------------------------------------------------------------------------------

/** A token of an expansion, with the outermost macro invocation that produced it. */
export type XToken = Token & { readonly site?: { readonly name: Token; readonly end: Token } };

export interface ExpandLimits {
  readonly maxDepth: number;
  readonly maxTokens: number;
}

const DEFAULT_EXPAND: ExpandLimits = { maxDepth: 32, maxTokens: 200_000 };

function append<T>(dst: T[], src: readonly T[]): void {
  for (let i = 0; i < src.length; i++) dst.push(src[i]);
}

/**
 * Expands object- and function-like #defines in a token list as cpp does (arguments expanded
 * before substitution except next to ## or #, a macro not expanded inside itself), keeping each
 * token's own position and recording the outermost invocation. Bounded by depth and size.
 */
export function expandMacros(toks: readonly Token[], defines: ReadonlyMap<string, Define>, limits: ExpandLimits = DEFAULT_EXPAND): XToken[] {
  let budget = limits.maxTokens;
  const paste = (a: XToken, b: XToken): XToken => {
    const text = a.text + b.text;
    const kind: TokenKind = /^[A-Za-z_$][\w$]*$/.test(text) ? 'ident' : /^[0-9]/.test(text) ? 'number' : 'punct';
    return { ...a, kind, text, end: b.end, endLine: b.endLine, endCol: b.endCol };
  };
  const run = (input: readonly XToken[], depth: number, hide: ReadonlySet<string>, site: XToken['site']): XToken[] => {
    const out: XToken[] = [];
    for (let i = 0; i < input.length; i++) {
      if (budget-- <= 0) {
        for (let k = i; k < input.length; k++) out.push(input[k]);
        return out;
      }
      const t = input[i];
      const d = t.kind === 'ident' && depth < limits.maxDepth && !hide.has(t.text) ? defines.get(t.text) : undefined;
      if (!d || (d.params && input[i + 1]?.text !== '(')) {
        out.push(site && !t.site ? { ...t, site } : t);
        continue;
      }
      let end: XToken = t;
      let args: XToken[][] = [];
      if (d.params) {
        let depthP = 0;
        let cur: XToken[] = [];
        let j = i + 1;
        for (; j < input.length; j++) {
          const u = input[j];
          if (u.text === '(') {
            if (depthP++ > 0) cur.push(u);
          } else if (u.text === ')') {
            if (--depthP === 0) break;
            cur.push(u);
          } else if (u.text === ',' && depthP === 1 && !(d.params[args.length] === '...')) {
            args.push(cur);
            cur = [];
          } else cur.push(u);
        }
        if (j >= input.length) {
          out.push(t);
          continue;
        }
        if (cur.length || args.length) args.push(cur);
        end = input[j];
        i = j;
      }
      const here = site ?? { name: t, end };
      const inner = new Set(hide).add(d.name);
      // substitute, with # and ## handled; arguments next to them are not expanded first
      const body: XToken[] = [];
      const params = d.params ?? [];
      const argOf = (name: string): XToken[] | undefined => {
        if (name === '__VA_ARGS__') {
          const k = params.indexOf('...');
          return k >= 0 ? args.slice(k).flatMap((a, n) => (n ? [{ ...a[0], kind: 'punct', text: ',' } as XToken, ...a] : a)) : undefined;
        }
        const k = params.indexOf(name);
        return k >= 0 ? args[k] ?? [] : undefined;
      };
      const bt = d.body;
      for (let k = 0; k < bt.length; k++) {
        const b = bt[k];
        if (b.text === '#' && bt[k + 1]?.kind === 'ident' && argOf(bt[k + 1].text)) {
          const a = argOf(bt[k + 1].text)!;
          body.push({ ...b, kind: 'string', text: JSON.stringify(a.map((x) => x.text).join(' ')) });
          k++;
          continue;
        }
        const a = b.kind === 'ident' ? argOf(b.text) : undefined;
        if (a) {
          const nearPaste = bt[k - 1]?.text === '##' || bt[k + 1]?.text === '##';
          append(body, nearPaste ? a : run(a, depth + 1, hide, here));
        } else body.push(b);
      }
      // token pasting
      const pasted: XToken[] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k].text === '##' && pasted.length && body[k + 1]) {
          pasted[pasted.length - 1] = paste(pasted[pasted.length - 1], body[k + 1]);
          k++;
        } else pasted.push(body[k]);
      }
      append(out, run(pasted, depth + 1, inner, here));
    }
    return out;
  };
  return run(toks, 0, new Set(), undefined);
}
