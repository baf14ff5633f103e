// Statement lexing as GNU as does it: a line splits into statements at ';' (outside strings),
// '//' starts a comment, '#' as a line's first character is a comment, and the operand text is
// "scrubbed" (whitespace dropped except one space between two symbol characters) before macro
// arguments are split — so `m 1 + 2` passes one argument '1+2' and `m a b` passes two.

/** One statement of a line: its text and its column range in that line. */
export interface RawStatement {
  readonly text: string;
  /** Columns in the line the statement came from (0-based, end exclusive). */
  readonly start: number;
  readonly end: number;
}

const SPACE = 32;
const TAB = 9;

export function isSymChar(c: number): boolean {
  // [A-Za-z0-9_.$]
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 36;
}

export function isSymStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 46 || c === 36;
}

const isWs = (c: number) => c === SPACE || c === TAB || c === 13 || c === 11 || c === 12;

/** Index after the string starting at i (text[i] === '"'), or text.length when unterminated. */
export function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 92 /* \ */) j += 2;
    else if (c === 34 /* " */) return j + 1;
    else j++;
  }
  return text.length;
}

/**
 * Splits a line into statements: ';' separates, '//' ends the line, '#' in the first column
 * (after blanks) makes the whole line a comment; strings are kept whole. Empty statements are
 * dropped.
 */
export function splitStatements(line: string): RawStatement[] {
  const out: RawStatement[] = [];
  let i = 0;
  const n = line.length;
  while (i < n && isWs(line.charCodeAt(i))) i++;
  if (i < n && line.charCodeAt(i) === 35 /* # */) return out;
  let start = 0;
  for (; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) {
      i = skipString(line, i) - 1;
    } else if (c === 39 /* ' */) {
      // a character constant 'c (gas reads one character after the quote; a closing quote is optional)
      if (i + 1 < n && line.charCodeAt(i + 1) === 92) i += 2;
      else i += 1;
      if (i + 1 < n && line.charCodeAt(i + 1) === 39) i++;
    } else if (c === 59 /* ; */) {
      pushTrimmed(out, line, start, i);
      start = i + 1;
    } else if (c === 47 /* / */ && line.charCodeAt(i + 1) === 47) {
      pushTrimmed(out, line, start, i);
      return out;
    }
  }
  pushTrimmed(out, line, start, n);
  return out;
}

/** The statement in line[s, e) without its blanks, if any is left (a module function: this runs per line). */
function pushTrimmed(out: RawStatement[], line: string, s: number, e: number): void {
  while (s < e && isWs(line.charCodeAt(s))) s++;
  while (e > s && isWs(line.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ text: line.slice(s, e), start: s, end: e });
}

/**
 * gas's whitespace scrubbing of a statement: the first word, one space, then the rest with
 * whitespace removed except a single space between a symbol character and a symbol character
 * or `\`; strings untouched.
 */
export function scrub(text: string): string {
  let i = 0;
  const n = text.length;
  while (i < n && isWs(text.charCodeAt(i))) i++;
  let j = i;
  while (j < n && !isWs(text.charCodeAt(j))) {
    if (text.charCodeAt(j) === 34) j = skipString(text, j);
    else j++;
  }
  const head = text.slice(i, j);
  while (j < n && isWs(text.charCodeAt(j))) j++;
  if (j >= n) return head;
  return head + ' ' + scrubOperands(text, j);
}

/** The operand part of scrub(). */
export function scrubOperands(text: string, from = 0): string {
  let out = '';
  let pending = false;
  let last = -1;
  const n = text.length;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isWs(c)) {
      pending = true;
      continue;
    }
    // gas app.c keeps a blank before `\` too: it may start a macro parameter (`_insn \n` is two words)
    if (pending && last !== -1 && isSymChar(last) && (isSymChar(c) || c === 92)) out += ' ';
    pending = false;
    if (c === 34) {
      const e = skipString(text, i);
      out += text.slice(i, e);
      i = e - 1;
      last = 34;
      continue;
    }
    out += text[i];
    last = c;
  }
  return out;
}

/** Collapses runs of whitespace to one space and trims. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const LABEL = /^\s*([A-Za-z_.$][\w.$]*|\d+)\s*:(?!:)/;

/** Leading `name:` labels of a statement (several are allowed) and the rest after them. */
export function takeLabels(text: string): { labels: { name: string; col: number }[]; rest: string; restCol: number } {
  const labels: { name: string; col: number }[] = [];
  let pos = 0;
  let t = text;
  for (;;) {
    const m = LABEL.exec(t);
    if (!m) break;
    labels.push({ name: m[1], col: pos + m[0].indexOf(m[1]) });
    pos += m[0].length;
    t = t.slice(m[0].length);
  }
  let k = 0;
  while (k < t.length && isWs(t.charCodeAt(k))) k++;
  return { labels, rest: t.slice(k), restCol: pos + k };
}

/** Splits at top-level commas (outside strings, (), [] and {}), trimming each part. */
export function splitCommas(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = skipString(text, i) - 1;
    else if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) depth--;
    else if (c === 44 && depth <= 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '' || out.length > 0) out.push(last);
  return out;
}

/** Like splitCommas but returns each part's [start, end) offsets in `text` (trimmed). */
export function commaRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = 0;
  const n = text.length;
  const push = (s: number, e: number) => {
    while (s < e && isWs(text.charCodeAt(s))) s++;
    while (e > s && isWs(text.charCodeAt(e - 1))) e--;
    out.push([s, e]);
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = skipString(text, i) - 1;
    else if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) depth--;
    else if (c === 44 && depth <= 0) {
      push(start, i);
      start = i + 1;
    }
  }
  push(start, n);
  return out;
}

/**
 * A string literal's bytes with gas's escapes (\n \t \b \f \r \v \a? \\ \" octal \NNN, \xHH).
 * Returns the bytes and the index after the closing quote; `error` when malformed.
 */
export function parseStringLiteral(text: string, i: number): { bytes: number[]; end: number; error?: string } {
  const bytes: number[] = [];
  let j = i + 1;
  const n = text.length;
  const pushChar = (code: number) => {
    if (code < 0x80) bytes.push(code);
    else for (const b of Buffer.from(String.fromCodePoint(code), 'utf8')) bytes.push(b);
  };
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 34) return { bytes, end: j + 1 };
    if (c !== 92) {
      const cp = text.codePointAt(j)!;
      pushChar(cp);
      j += cp > 0xffff ? 2 : 1;
      continue;
    }
    j++;
    if (j >= n) break;
    const e = text[j];
    switch (e) {
      case 'n': bytes.push(10); j++; break;
      case 't': bytes.push(9); j++; break;
      case 'b': bytes.push(8); j++; break;
      case 'f': bytes.push(12); j++; break;
      case 'r': bytes.push(13); j++; break;
      case 'v': bytes.push(11); j++; break;
      case '\\': bytes.push(92); j++; break;
      case '"': bytes.push(34); j++; break;
      case 'x':
      case 'X': {
        j++;
        let v = 0;
        let k = 0;
        while (j < n && /[0-9a-fA-F]/.test(text[j])) {
          v = (v * 16 + parseInt(text[j], 16)) & 0xff;
          j++;
          k++;
        }
        bytes.push(k ? v : 'x'.charCodeAt(0));
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          let v = 0;
          let k = 0;
          while (k < 3 && j < n && text[j] >= '0' && text[j] <= '7') {
            v = v * 8 + (text.charCodeAt(j) - 48);
            j++;
            k++;
          }
          bytes.push(v & 0xff);
        } else {
          // unknown escape: the character itself
          pushChar(text.codePointAt(j)!);
          j += text.codePointAt(j)! > 0xffff ? 2 : 1;
        }
    }
  }
  return { bytes, end: n, error: 'missing closing \'"\'' };
}

/**
 * The first word of a statement (a name: a mnemonic, directive or macro name ends at the first
 * character that cannot be in a name, as gas reads `udf#3` as `udf` `#3`) and the rest.
 */
export function firstWord(text: string): { word: string; rest: string; restOffset: number } {
  let j = 0;
  const n = text.length;
  while (j < n && isSymChar(text.charCodeAt(j))) j++;
  if (j === 0) {
    while (j < n && !isWs(text.charCodeAt(j))) {
      if (text.charCodeAt(j) === 34) j = skipString(text, j);
      else j++;
    }
  }
  const word = text.slice(0, j);
  let k = j;
  while (k < n && isWs(text.charCodeAt(k))) k++;
  return { word, rest: text.slice(k), restOffset: k };
}
