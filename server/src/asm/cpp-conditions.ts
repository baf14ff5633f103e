// The #if structure of one source text: every arm of every `#if`/`#ifdef`/`#ifndef` … `#elif` …
// `#else` … `#endif` group with its condition as written, and whether it was assembled — told by
// the lines the preprocessor emitted, so the preprocessor itself need not keep a record of it.
import { lexFile } from './cpp-lexer';

export interface CondArm {
  /** Index (in the list returned) of the group's first arm, its `#if`. */
  readonly group: number;
  readonly directive: 'if' | 'ifdef' | 'ifndef' | 'elif' | 'elifdef' | 'elifndef' | 'else';
  /** The condition as written, comments removed and white space collapsed ('' for #else). */
  readonly expr: string;
  /** 0-based lines of the directive opening the arm and of the one ending it; the body lies between. */
  readonly start: number;
  readonly end: number;
  /** Some line inside it reached the output: the arm (and every arm around it) was taken. */
  readonly active: boolean;
}

const DIRECTIVE = /^[ \t\f\v]*(if|ifdef|ifndef|elif|elifdef|elifndef|else|endif)\b/;

/**
 * The arms of `text`, in source order. `emitted` holds the 0-based lines the preprocessor emitted
 * text for (an arm holding none counts as not taken; one with only blank lines makes no difference).
 * An unterminated group ends at the end of the text.
 */
export function conditionalArms(text: string, emitted: ReadonlySet<number>): CondArm[] {
  const arms: { -readonly [K in keyof CondArm]: CondArm[K] }[] = [];
  const open: number[] = []; // index of each open group's current arm
  const lexed = lexFile(text);
  const last = lexed.lines.length ? lexed.lines[lexed.lines.length - 1].lastLine + 1 : 0;
  for (const L of lexed.lines) {
    if (L.hash < 0) continue;
    const m = DIRECTIVE.exec(L.text.slice(L.hash));
    if (!m) continue;
    const name = m[1] as CondArm['directive'] | 'endif';
    const top = open.length ? open[open.length - 1] : -1;
    if (name !== 'if' && name !== 'ifdef' && name !== 'ifndef') {
      if (top < 0) continue; // unbalanced: the preprocessor reports it
      arms[top].end = L.line;
      open.pop();
      if (name === 'endif') continue;
    }
    const expr = name === 'else' ? '' : L.text.slice(L.hash + m[0].length).trim().replace(/\s+/g, ' ');
    const group = top >= 0 && name !== 'if' && name !== 'ifdef' && name !== 'ifndef' ? arms[top].group : arms.length;
    arms.push({ group, directive: name, expr, start: L.line, end: last, active: false });
    open.push(arms.length - 1);
  }
  if (arms.length) {
    const lines = [...emitted].sort((a, b) => a - b);
    for (const a of arms) {
      // binary search: any emitted line strictly inside (start, end)?
      let lo = 0;
      let hi = lines.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (lines[mid] <= a.start) lo = mid + 1;
        else hi = mid;
      }
      a.active = lo < lines.length && lines[lo] < a.end;
    }
  }
  return arms;
}
