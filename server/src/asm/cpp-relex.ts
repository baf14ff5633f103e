// Lexing an edited document again from its first changed logical line only. A logical line
// starts outside any comment or continuation, so lexing from there gives what lexing the whole
// text gives; once the new scan reaches, inside the unchanged tail of the text, a place where
// an old logical line started, the old lines from there on are the new ones (moved by the
// number of lines the edit added or removed).
import { LexedFile, LogicalLine, findGuard, lexRange } from './cpp-lexer';

export interface LexedDocument {
  readonly text: string;
  readonly lexed: LexedFile;
  /** Offset in `text` where each logical line starts. */
  readonly starts: readonly number[];
}

/**
 * What an incremental lex kept: old lines [0, prefix) are new lines [0, prefix); old [oldSuffix, …)
 * are new [newSuffix, …) moved by `shift` lines. `midLine` and `fromLine`: the physical lines
 * where old lines `prefix` and `oldSuffix` started before the move (MAX_SAFE_INTEGER: none).
 */
export interface Reuse {
  readonly prefix: number;
  readonly oldSuffix: number;
  readonly newSuffix: number;
  readonly shift: number;
  readonly midLine: number;
  readonly fromLine: number;
}

export function lexDocument(text: string): LexedDocument {
  const r = lexRange(text, 0, 0);
  return { text, lexed: { lines: r.lines, notes: r.notes, guard: findGuard(r.lines), size: text.length }, starts: r.starts };
}

/** Moves a line of the previous document by `d` lines, in place (its tokens and a #define's shape do not depend on the line number). */
function moveLine(L: LogicalLine, d: number): LogicalLine {
  if (d === 0) return L;
  const m = L as { line: number; lastLine: number; segs: number[] | null };
  m.line += d;
  m.lastLine += d;
  if (m.segs) for (let k = 1; k < m.segs.length; k += 3) m.segs[k] += d;
  return L;
}

const NONE = Number.MAX_SAFE_INTEGER;

/** Last index i with a[i] <= x (or -1). */
function floorIndex(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  let r = -1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (a[m] <= x) {
      r = m;
      lo = m + 1;
    } else hi = m - 1;
  }
  return r;
}

/**
 * `text` lexed, reusing `prev` where the text did not change. `reuse` is undefined when nothing
 * was reused (no previous document, or lexer notes on either side, which are made once per file).
 * The new document takes over `prev`'s lines after the edit, moved in place: unless `prev` is
 * returned as it is, it may not be used again.
 */
export function relex(prev: LexedDocument | undefined, text: string): { doc: LexedDocument; reuse?: Reuse } {
  if (prev === undefined || prev.lexed.notes.length > 0) return { doc: lexDocument(text) };
  const old = prev.text;
  const lines = prev.lexed.lines;
  if (old === text) return { doc: prev, reuse: { prefix: lines.length, oldSuffix: lines.length, newSuffix: lines.length, shift: 0, midLine: NONE, fromLine: NONE } };
  const n = Math.min(old.length, text.length);
  // common head and tail: blocks compared as strings (native), then characters
  const B = 512;
  let p = 0;
  while (p + B <= n && old.slice(p, p + B) === text.slice(p, p + B)) p += B;
  while (p < n && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let q = 0;
  const maxQ = n - p;
  while (q + B <= maxQ && old.slice(old.length - q - B, old.length - q) === text.slice(text.length - q - B, text.length - q)) q += B;
  while (q < maxQ && old.charCodeAt(old.length - 1 - q) === text.charCodeAt(text.length - 1 - q)) q++;
  // the logical line holding the first change; lexing starts where it starts
  const i0 = Math.max(0, floorIndex(prev.starts, p));
  const start = lines.length ? prev.starts[i0] : 0;
  const phys = lines.length ? lines[i0].line : 0;
  const growth = text.length - old.length;
  const tailStart = text.length - q;
  let oldSuffix = -1;
  const mid = lexRange(text, start, phys, (pos) => {
    if (pos < tailStart) return false;
    const j = floorIndex(prev.starts, pos - growth);
    if (j < 0 || prev.starts[j] !== pos - growth || j < i0) return false;
    oldSuffix = j;
    return true;
  });
  if (mid.notes.length > 0) return { doc: lexDocument(text) };
  const out = lines.slice(0, i0);
  const starts = prev.starts.slice(0, i0);
  for (const L of mid.lines) out.push(L);
  for (const s of mid.starts) starts.push(s);
  const newSuffix = out.length;
  let shift = 0;
  const stop = mid.stopped;
  if (!stop || oldSuffix < 0) oldSuffix = lines.length;
  const fromLine = oldSuffix < lines.length ? lines[oldSuffix].line : NONE;
  const midLine = i0 < lines.length ? lines[i0].line : fromLine;
  if (stop && oldSuffix < lines.length) {
    shift = stop.phys - lines[oldSuffix].line;
    for (let j = oldSuffix; j < lines.length; j++) {
      out.push(moveLine(lines[j], shift));
      starts.push(prev.starts[j] + growth);
    }
  }
  return {
    doc: { text, lexed: { lines: out, notes: [], guard: findGuard(out), size: text.length }, starts },
    reuse: { prefix: i0, oldSuffix, newSuffix, shift, midLine, fromLine },
  };
}
