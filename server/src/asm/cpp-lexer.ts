// The C preprocessor's lexer in GCC's assembler-with-cpp mode. Two phases:
//  1. lexFile: physical lines → logical lines (backslash-newline joined, comments blanked, NUL
//     bytes made spaces), context-free so a file's result can be cached by its text;
//  2. tokenize: one logical line → preprocessing tokens, done lazily for the lines that need it.
// Assembler mode as GCC does it: no digraphs or trigraphs, `$` is not an identifier character, and an
// unterminated ' or " is not an error: the rest of the line becomes one token (so `#'a // x`
// keeps its `// x`, as cpp does).
import type { FrontEndCode } from './front-end-codes';

export const enum K {
  Ident = 1,
  Number,
  String,
  Char,
  Punct,
  Other,
  /** Marks a macro boundary for the printer's spacing (GCC's CPP_PADDING); `src` = the token whose spacing it carries. */
  Padding,
  /** An empty macro argument next to `##`. */
  Placemarker,
  Eof,
}

export interface Tok {
  readonly k: K;
  readonly s: string;
  /** White space before the token (GCC's PREV_WHITE). */
  readonly ws: boolean;
  /** Offset in its logical line's text; -1 for a token made by expansion. */
  readonly off: number;
  /** Painted blue: names a macro that must not expand here any more. */
  readonly noexp?: boolean;
  /** For K.Padding: the token whose white space it stands for; null = "avoid paste". */
  readonly src?: Tok | null;
}

export interface LogicalLine {
  /** Text with continuations joined and comments blanked (same length within one physical line). */
  readonly text: string;
  /** First physical line, 0-based. */
  readonly line: number;
  /** Last physical line it covers. */
  readonly lastLine: number;
  /** Length of the first physical line. */
  readonly len0: number;
  /** Offsets where the text stops following the first physical line: [off, line, col]*; null = none. */
  readonly segs: readonly number[] | null;
  /** Offset just after a leading `#`, or -1. */
  readonly hash: number;
  /** Tokens, made on first use (the object is shared through the source cache; tokens never change). */
  toks?: readonly Tok[];
  /** A `#define` line's parsed definition, made on first use (cpp-macros.ts). */
  def?: unknown;
}

export interface LexNote {
  readonly line: number;
  readonly col: number;
  readonly code: FrontEndCode;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface LexedFile {
  readonly lines: readonly LogicalLine[];
  readonly notes: readonly LexNote[];
  /** Include guard: the file is `#ifndef G … #endif` (or `#if !defined G`) and nothing else. */
  readonly guard?: string;
  readonly size: number;
}

const SP = 32, TAB = 9, VT = 11, FF = 12, LF = 10, CR = 13, BSL = 92, SLASH = 47, STAR = 42, DQ = 34, SQ = 39, HASH = 35, NUL = 0;

const isHSpace = (c: number): boolean => c === SP || c === TAB || c === VT || c === FF;

/** A run of physical lines joined by backslash-newline. */
interface Unit {
  s: string;
  phys: number;
  /** Unit offsets where a new physical line starts: [off, line]* (col 0 there). */
  joins: number[] | null;
  len0: number;
}

const INCLUDE_ANGLE = /^[ \t\f\v]*#[ \t\f\v]*(?:include|include_next|import)[ \t\f\v]*</;

export function lexFile(src: string): LexedFile {
  const { lines, notes } = lexRange(src, 0, 0);
  return { lines, notes, guard: findGuard(lines), size: src.length };
}

/**
 * Logical lines of `src` from offset `start` (the start of physical line `phys`, outside any
 * comment: where a logical line begins). `stop(pos, phys)` is asked before each logical line;
 * true ends the scan there (`stopped` says where). Lexing is context-free at those points, which
 * is what lets an edited document be lexed again from its first changed line only.
 */
export function lexRange(src: string, start: number, physStart: number, stop?: (pos: number, phys: number) => boolean): { lines: LogicalLine[]; starts: number[]; notes: LexNote[]; stopped?: { pos: number; phys: number } } {
  const lines: LogicalLine[] = [];
  /** Offset in src where each logical line starts. */
  const starts: number[] = [];
  const notes: LexNote[] = [];
  const n = src.length;
  let pos = start;
  let phys = physStart;
  let nulNoted = false;
  let stopped: { pos: number; phys: number } | undefined;

  /** The unit being scanned: filled in place by readUnit (one object, not one per line). */
  const U: Unit = { s: '', phys: 0, joins: null, len0: 0 };
  /** Reads the next unit at pos into U; false at the end of the text. */
  const readUnit = (): boolean => {
    if (pos >= n) return false;
    let s = '';
    let joins: number[] | null = null;
    const first = phys;
    let len0 = -1;
    for (;;) {
      let e = pos;
      while (e < n) {
        const c = src.charCodeAt(e);
        if (c === LF || c === CR) break;
        e++;
      }
      if (len0 < 0) len0 = e - pos;
      // A backslash, optional blanks, then the end of the line: a continuation.
      let b = e - 1;
      while (b >= pos && isHSpace(src.charCodeAt(b))) b--;
      const spliced = b >= pos && src.charCodeAt(b) === BSL;
      const piece = src.slice(pos, spliced ? b : e);
      s = s === '' ? piece : s + piece;
      // step over the line end
      if (e < n) e += src.charCodeAt(e) === CR && e + 1 < n && src.charCodeAt(e + 1) === LF ? 2 : 1;
      pos = e;
      if (!spliced || pos >= n) {
        phys++;
        break;
      }
      phys++;
      (joins ??= []).push(s.length, phys);
    }
    U.s = s;
    U.phys = first;
    U.joins = joins;
    U.len0 = len0;
    return true;
  };

  /** Physical (line, col) of a unit offset. */
  const locate = (u: Unit, off: number): [number, number] => {
    let line = u.phys;
    let start = 0;
    if (u.joins) {
      for (let i = 0; i < u.joins.length; i += 2) {
        if (u.joins[i] > off) break;
        start = u.joins[i];
        line = u.joins[i + 1];
      }
    }
    return [line, off - start];
  };

  for (;;) {
    if (stop && pos < n && stop(pos, phys)) {
      stopped = { pos, phys };
      break;
    }
    const unitStart = pos;
    if (!readUnit()) break;
    const firstPhys = U.phys;
    const firstLen0 = U.len0;
    let ended = false;
    let out = '';
    let segs: number[] | null = null;
    if (U.joins) {
      segs = [0, U.phys, 0];
      for (let i = 0; i < U.joins.length; i += 2) segs.push(U.joins[i], U.joins[i + 1], 0);
    }
    // Scan U from i; `keep` is where the not-yet-copied verbatim run starts.
    let s = U.s;
    let i = 0;
    let keep = 0;
    let changed = false;
    if (s.indexOf('<') >= 0 && INCLUDE_ANGLE.test(s)) {
      const lt = s.indexOf('<');
      const gt = s.indexOf('>', lt + 1);
      i = gt < 0 ? s.length : gt + 1;
    }
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === DQ || c === SQ) {
        let j = i + 1;
        while (j < s.length) {
          const d = s.charCodeAt(j);
          if (d === BSL && j + 1 < s.length) j += 2;
          else if (d === c) {
            j++;
            break;
          } else j++;
        }
        i = j;
        continue;
      }
      if (c === NUL) {
        if (!nulNoted) {
          const [l, col] = locate(U, i);
          notes.push({ line: l, col, code: 'cpp/null-character', message: 'null character(s) ignored', severity: 'warning' });
          nulNoted = true;
        }
        out += s.slice(keep, i) + ' ';
        keep = i + 1;
        changed = true;
        i++;
        continue;
      }
      if (c === SLASH && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d === SLASH) {
          out += s.slice(keep, i);
          keep = i = s.length;
          changed = true;
          break;
        }
        if (d === STAR) {
          const close = s.indexOf('*/', i + 2);
          if (close >= 0) {
            out += s.slice(keep, i) + ' '.repeat(close + 2 - i);
            keep = i = close + 2;
            changed = true;
            continue;
          }
          // The comment goes on past this line: one space, then what follows its end.
          out += s.slice(keep, i) + ' ';
          changed = true;
          const startLoc = locate(U, i);
          let found = -1;
          while (found < 0 && readUnit()) found = U.s.indexOf('*/');
          if (found < 0) {
            notes.push({ line: startLoc[0], col: startLoc[1], code: 'cpp/unterminated-comment', message: 'unterminated comment', severity: 'error' });
            keep = i = s.length;
            ended = true;
            break;
          }
          s = U.s;
          keep = i = found + 2;
          const [l, col] = locate(U, i);
          segs ??= [0, firstPhys, 0];
          segs.push(out.length, l, col);
          if (U.joins) {
            for (let k = 0; k < U.joins.length; k += 2) {
              if (U.joins[k] > i) segs.push(out.length + U.joins[k] - i, U.joins[k + 1], 0);
            }
          }
          continue;
        }
      }
      i++;
    }
    const text = changed ? out + s.slice(keep) : s;
    let hash = -1;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === HASH) hash = k + 1;
      if (!isHSpace(c)) break;
    }
    lines.push({ text, line: firstPhys, lastLine: phys - 1, len0: firstLen0, segs, hash, toks: undefined, def: undefined });
    starts.push(unitStart);
    if (ended) break;
  }
  return { lines, starts, notes, stopped };
}

/** Physical line of an offset in a logical line's text. */
export function lineOf(L: LogicalLine, off: number): number {
  if (!L.segs || off < 0) return L.line;
  let line = L.line;
  for (let i = 0; i < L.segs.length; i += 3) {
    if (L.segs[i] > off) break;
    line = L.segs[i + 1];
  }
  return line;
}

/** Physical position of an offset in a logical line's text. */
export function locateIn(L: LogicalLine, off: number): { line: number; col: number } {
  if (!L.segs) return { line: L.line, col: off };
  let line = L.line;
  let col0 = 0;
  let start = 0;
  for (let i = 0; i < L.segs.length; i += 3) {
    if (L.segs[i] > off) break;
    start = L.segs[i];
    line = L.segs[i + 1];
    col0 = L.segs[i + 2];
  }
  return { line, col: col0 + off - start };
}

const DIRECTIVE_WORD = /[ \t\f\v]*([A-Za-z_]\w*)/y;

/** `#ifndef G` / `#if !defined G` / `#if !defined(G)` wrapping the whole file (GCC's multiple-include optimization). */
export function findGuard(lines: readonly LogicalLine[]): string | undefined {
  const blank = (t: string): boolean => {
    for (let k = 0; k < t.length; k++) if (!isHSpace(t.charCodeAt(k))) return false;
    return true;
  };
  let first = 0;
  while (first < lines.length && blank(lines[first].text)) first++;
  let last = lines.length - 1;
  while (last > first && blank(lines[last].text)) last--;
  if (first >= lines.length) return undefined;
  if (lines[first].hash < 0) return undefined;
  const head = lines[first].text.slice(lines[first].hash);
  const m = /^[ \t\f\v]*(?:ifndef[ \t\f\v]+([A-Za-z_]\w*)|if[ \t\f\v]*![ \t\f\v]*defined[ \t\f\v]*(?:\([ \t\f\v]*([A-Za-z_]\w*)[ \t\f\v]*\)|[ \t\f\v]+([A-Za-z_]\w*)))[ \t\f\v]*$/.exec(head);
  if (!m) return undefined;
  let depth = 0;
  for (let i = first; i <= last; i++) {
    const L = lines[i];
    if (L.hash < 0) continue;
    DIRECTIVE_WORD.lastIndex = L.hash;
    const w = DIRECTIVE_WORD.exec(L.text);
    if (!w) continue;
    const d = w[1];
    if (d === 'if' || d === 'ifdef' || d === 'ifndef') depth++;
    else if (d === 'endif') {
      depth--;
      if (depth === 0 && i !== last) return undefined;
    } else if (depth === 1 && (d === 'else' || d === 'elif' || d === 'elifdef' || d === 'elifndef')) return undefined;
  }
  return depth === 0 ? m[1] ?? m[2] ?? m[3] : undefined;
}

// --- tokens ------------------------------------------------------------------------------------

const IDSTART = new Uint8Array(128);
const IDCHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) IDSTART[c] = IDCHAR[c] = 1;
  if (/[0-9]/.test(ch)) IDCHAR[c] = 1;
}
export const isIdStart = (c: number): boolean => c < 128 && IDSTART[c] === 1;
export const isIdChar = (c: number): boolean => c < 128 && IDCHAR[c] === 1;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Punctuators by first character, longest first (C, without digraphs: GCC's assembler mode). */
const PUNCTS: Record<string, readonly string[]> = {
  '!': ['!=', '!'], '#': ['##', '#'], '%': ['%=', '%'], '&': ['&&', '&=', '&'], '*': ['*=', '*'],
  '+': ['++', '+=', '+'], '-': ['--', '-=', '->', '-'], '.': ['...', '.'], '/': ['/=', '/'],
  ':': [':'], '<': ['<<=', '<<', '<=', '<'], '=': ['==', '='], '>': ['>>=', '>>', '>=', '>'],
  '^': ['^=', '^'], '|': ['||', '|=', '|'], '~': ['~'], '?': ['?'], ',': [','], ';': [';'],
  '(': ['('], ')': [')'], '[': ['['], ']': [']'], '{': ['{'], '}': ['}'],
};

/** Scans one token at `i` (no white space there); returns its kind and end. */
function scanToken(t: string, i: number): [K, number] {
  const n = t.length;
  const c = t.charCodeAt(i);
  if (c === 76 /* L */ && i + 1 < n && (t.charCodeAt(i + 1) === DQ || t.charCodeAt(i + 1) === SQ)) {
    const [k, e] = scanQuoted(t, i + 1);
    return [k, e];
  }
  if (isIdStart(c)) {
    let j = i + 1;
    while (j < n && isIdChar(t.charCodeAt(j))) j++;
    return [K.Ident, j];
  }
  if (isDigit(c) || (c === 46 && i + 1 < n && isDigit(t.charCodeAt(i + 1)))) {
    let j = i + 1;
    while (j < n) {
      const d = t.charCodeAt(j);
      if ((d === 43 || d === 45) && /[eEpP]/.test(t[j - 1])) j++;
      else if (isIdChar(d) || d === 46) j++;
      else break;
    }
    return [K.Number, j];
  }
  if (c === DQ || c === SQ) return scanQuoted(t, i);
  const cands = PUNCTS[t[i]];
  if (cands) {
    for (const p of cands) if (t.startsWith(p, i)) return [K.Punct, i + p.length];
  }
  return [K.Other, i + 1];
}

function scanQuoted(t: string, i: number): [K, number] {
  const q = t.charCodeAt(i);
  let j = i + 1;
  while (j < t.length) {
    const d = t.charCodeAt(j);
    if (d === BSL && j + 1 < t.length) j += 2;
    else if (d === q) return [q === DQ ? K.String : K.Char, j + 1];
    else j++;
  }
  return [K.Other, t.length];
}

export function tokenize(text: string, from = 0, to = text.length): Tok[] {
  const out: Tok[] = [];
  const t = to === text.length ? text : text.slice(0, to);
  let i = from;
  let ws = false;
  while (i < to) {
    const c = t.charCodeAt(i);
    if (isHSpace(c) || c === NUL || c === CR || c === LF) {
      ws = true;
      i++;
      continue;
    }
    const [k, e] = scanToken(t, i);
    out.push({ k, s: t.slice(i, e), ws, off: i });
    ws = false;
    i = e;
  }
  return out;
}

/** The tokens of a logical line, made once (memo) or made afresh and not kept (for huge files, where keeping them costs more in GC than lexing again). */
export function lineTokens(L: LogicalLine, memo = true): readonly Tok[] {
  return L.toks ?? (memo ? (L.toks = tokenize(L.text)) : tokenize(L.text));
}

/** Whether `s` lexes as exactly one token; its kind, or undefined. */
export function lexOne(s: string): K | undefined {
  if (s === '' || isHSpace(s.charCodeAt(0))) return undefined;
  const [k, e] = scanToken(s, 0);
  if (e !== s.length) return undefined;
  if (k === K.Other && (s.charCodeAt(0) === DQ || s.charCodeAt(0) === SQ || s.length > 1)) return undefined;
  return k;
}

/** GCC's cpp_avoid_paste: would printing b right after a make them lex differently? */
export function avoidPaste(a: Tok, b: Tok): boolean {
  const c = b.k === K.Punct ? b.s.charCodeAt(0) : -1;
  switch (a.k) {
    case K.Punct: {
      const s = a.s;
      if (c === 61 /* = */ && /^(?:=|!|>|<|\+|-|\*|\/|%|&|\||\^|>>|<<)$/.test(s)) return true;
      switch (s) {
        case '>': return c === 62;
        case '<': return c === 60 || c === 37 || c === 58;
        case '+': return c === 43;
        case '-': return c === 45 || c === 62;
        case '/': return c === 47 || c === 42;
        case '%': return c === 58 || c === 37;
        case '&': return c === 38;
        case '|': return c === 124;
        case ':': return c === 58 || c === 62;
        case '->': return c === 42;
        case '.': return c === 46 || c === 37 || b.k === K.Number;
        case '#': return c === 35 || c === 37;
        case '<=': return c === 62;
        default: return false;
      }
    }
    // GCC's name_p: a number only pastes onto a name when it is made of identifier characters
    // (`v0` then `.16b` print together, `x` then `1` do not).
    case K.Ident: return (b.k === K.Number && /^\w+$/.test(b.s)) || b.k === K.Ident || b.k === K.Char || b.k === K.String;
    case K.Number: return b.k === K.Number || b.k === K.Ident || b.k === K.Char || c === 46 || c === 43 || c === 45;
    case K.Other: return a.s === '\\' && b.k === K.Ident;
    default: return false;
  }
}
