// Where each name occurs in a file's text: gas symbol-shaped tokens outside comments and strings
// (the front end's cpp lexer blanks the comments), kept per text so an unchanged include is not
// scanned again. Definitions come from the cores; this only says where a name is written, for
// references, rename and document highlights.
import { lexFile, locateIn } from '../asm/cpp-lexer';

export interface Occurrence {
  readonly line: number;
  readonly col: number;
  readonly endCol: number;
}

export type OccurrenceIndex = ReadonlyMap<string, readonly Occurrence[]>;

const CACHE = new Map<string, OccurrenceIndex>();
const CACHE_CHARS = 16 << 20;
let cached = 0;
/** Names per file kept at most (a generated table of millions of tokens is cut, not indexed whole). */
const MAX_OCCURRENCES = 500_000;

const TOKEN = /"(?:[^"\\]|\\.)*"?|'(?:\\.|[^\\])'?|[A-Za-z_.$][\w.$]*|\d\w*/g;

/** Every symbol-shaped token of `text`, by name. */
export function occurrences(text: string): OccurrenceIndex {
  const hit = CACHE.get(text);
  if (hit) return hit;
  const index = new Map<string, Occurrence[]>();
  let count = 0;
  const lexed = lexFile(text);
  for (const L of lexed.lines) {
    // a logical line may join physical lines (backslash-newline): positions come from the first
    // physical line only when the text has no joins; otherwise map each offset back
    const joined = L.segs !== null;
    TOKEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TOKEN.exec(L.text))) {
      const c = m[0].charCodeAt(0);
      if (c === 34 || c === 39 || (c >= 48 && c <= 57)) continue;
      let name = m[0];
      // `b.eq`, `x.y`: a trailing '.' is not part of a name
      while (name.endsWith('.')) name = name.slice(0, -1);
      if (name === '' || name === '.') continue;
      let line = L.line;
      let col = m.index;
      if (joined) ({ line, col } = locateIn(L, m.index));
      let list = index.get(name);
      if (!list) index.set(name, (list = []));
      list.push({ line, col, endCol: col + name.length });
      if (++count > MAX_OCCURRENCES) break;
    }
    if (count > MAX_OCCURRENCES) break;
  }
  if (text.length < CACHE_CHARS) {
    CACHE.set(text, index);
    cached += text.length;
    for (const [k] of CACHE) {
      if (cached <= CACHE_CHARS) break;
      CACHE.delete(k);
      cached -= k.length;
    }
  }
  return index;
}

/** `1b` / `1f` at a position: the line of the local label it means (nearest `1:` before or after). */
export function localLabelTarget(text: string | readonly string[], line: number, ref: string): { line: number; col: number } | undefined {
  const m = /^(\d+)([bf])$/.exec(ref);
  if (!m) return undefined;
  const lines = typeof text === 'string' ? text.split('\n') : text;
  const def = new RegExp(`^\\s*(?:[A-Za-z_.$][\\w.$]*:\\s*)*(${m[1]}):`);
  const step = m[2] === 'b' ? -1 : 1;
  // `1: b 1b` branches to itself: the label on the reference's own line counts backward
  for (let i = step < 0 ? line : line + 1; i >= 0 && i < lines.length; i += step) {
    const d = def.exec(lines[i]);
    if (d) return { line: i, col: lines[i].indexOf(m[1] + ':') };
  }
  return undefined;
}
