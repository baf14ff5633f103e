// The light outline of a GNU as / cpp source: symbols (SYM_* blocks, labels, macros, sections,
// `#define`, `.set/.equ/.req`), folding ranges and `#include`s, from the text alone, so document
// symbols, folding, links and workspace symbols work in code that does not assemble (yet).

// 'struct' and 'enum' come from C files (ftrace/c-outline.ts), which share this shape
export type OutlineKind = 'function' | 'code' | 'label' | 'macro' | 'section' | 'define' | 'equate' | 'register-alias' | 'struct' | 'enum';

export interface OutlineSymbol {
  readonly name: string;
  readonly kind: OutlineKind;
  /** What defined it: 'SYM_FUNC_START', '.macro', 'label', … */
  readonly detail: string;
  /** 0-based; the name's position. */
  readonly line: number;
  readonly col: number;
  /** The whole construct (START … END, .macro … .endm); equals `line` for one-line things. */
  readonly endLine: number;
  /** End column on `endLine` (exclusive). */
  readonly endCol: number;
  readonly children: OutlineSymbol[];
}

export interface FoldRange {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind?: 'comment' | 'region';
}

export interface Outline {
  readonly symbols: readonly OutlineSymbol[];
  readonly folds: readonly FoldRange[];
  /** `#include` / `.include` names with their position (document links, include navigation). */
  readonly includes: readonly { readonly name: string; readonly line: number; readonly col: number; readonly endCol: number; readonly angled: boolean }[];
}

export const EMPTY_OUTLINE: Outline = { symbols: [], folds: [], includes: [] };

const SYM_START = /^\s*(SYM_FUNC_START(?:_LOCAL|_WEAK|_NOALIGN|_LOCAL_NOALIGN|_WEAK_NOALIGN|_PI)?|SYM_TYPED_FUNC_START|SYM_CODE_START(?:_LOCAL|_NOALIGN|_LOCAL_NOALIGN)?|SYM_DATA_START(?:_LOCAL)?|ENTRY|ENDPROC_START)\s*\(\s*([A-Za-z_.$][\w.$]*)/;
const SYM_END = /^\s*(SYM_FUNC_END|SYM_CODE_END|SYM_DATA_END|SYM_FUNC_END_PI|ENDPROC|END)\s*\(\s*([A-Za-z_.$][\w.$]*)/;
const SYM_LINE = /^\s*(SYM_INNER_LABEL(?:_ALIGN)?|SYM_FUNC_ALIAS(?:_LOCAL|_WEAK)?|SYM_DATA|SYM_DATA_LOCAL|GLOBAL)\s*\(\s*([A-Za-z_.$][\w.$]*)/;
const LABEL = /^\s*([A-Za-z_.$][\w.$]*)\s*:(?!:)/;
const DIRECTIVE = /^\s*(\.[A-Za-z_]+)\b\s*([^\s,;]*)/;
const DEFINE = /^\s*#\s*define\s+([A-Za-z_]\w*)/;
const INCLUDE = /^\s*(#\s*include|\.include)\s*([<"])([^>"]+)[>"]/;
const PP_OPEN = /^\s*#\s*if(?:def|ndef)?\b/;
const PP_CLOSE = /^\s*#\s*endif\b/;
const MAX_OUTLINE = 20_000;

/** Strips `/* … *\/` comments (carrying state across lines) and `//` comments from a line. */
function stripComments(line: string, inBlock: { on: boolean }): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (inBlock.on) {
      const e = line.indexOf('*/', i);
      if (e < 0) return out;
      inBlock.on = false;
      out += ' '.repeat(e + 2 - i);
      i = e + 2;
      continue;
    }
    const b = line.indexOf('/*', i);
    const l = line.indexOf('//', i);
    if (l >= 0 && (b < 0 || l < b)) return out + line.slice(i, l);
    if (b < 0) return out + line.slice(i);
    out += line.slice(i, b);
    inBlock.on = true;
    i = b + 2;
    out += '  ';
  }
  return out;
}

/**
 * Symbols, folding ranges and includes from the text alone: SYM_* blocks, labels (not local
 * `1:` or `.L` ones), `.macro`, sections, `#define`, `.set/.equ/.req`; folds for those blocks,
 * `#if … #endif`, `.if … .endif`, `.rept/.irp … .endr` and comment blocks.
 */
export function scanOutline(text: string): Outline {
  const lines = text.split('\n');
  const top: OutlineSymbol[] = [];
  const folds: FoldRange[] = [];
  const includes: { name: string; line: number; col: number; endCol: number; angled: boolean }[] = [];
  const open = new Map<string, { sym: OutlineSymbol; index: number }>();
  let container: { sym: OutlineSymbol } | undefined;
  const stacks: Record<'pp' | 'if' | 'rept' | 'macro', { line: number; sym?: OutlineSymbol }[]> = { pp: [], if: [], rept: [], macro: [] };
  const block = { on: false };
  let commentStart = -1;
  let count = 0;
  const add = (s: OutlineSymbol) => {
    if (++count > MAX_OUTLINE) return;
    (container ? container.sym.children : top).push(s);
  };
  const sym = (name: string, kind: OutlineKind, detail: string, line: number, col: number): OutlineSymbol => ({ name, kind, detail, line, col, endLine: line, endCol: col + name.length, children: [] });
  const close = (s: OutlineSymbol, line: number) => Object.assign(s as { endLine: number; endCol: number }, { endLine: line, endCol: lines[line].replace(/\r$/, '').length });

  for (let ln = 0; ln < lines.length; ln++) {
    const raw = lines[ln];
    const wasBlock = block.on;
    const trimmed = raw.trimStart();
    const code = stripComments(raw, block);
    // comment folding: a /* */ block over several lines, or a run of // lines
    const isComment = code.trim() === '' && (wasBlock || trimmed.startsWith('/*') || trimmed.startsWith('//'));
    if (isComment && commentStart < 0) commentStart = ln;
    if (!isComment && commentStart >= 0) {
      if (ln - 1 > commentStart) folds.push({ startLine: commentStart, endLine: ln - 1, kind: 'comment' });
      commentStart = -1;
    }
    if (code.trim() === '') continue;
    let m: RegExpExecArray | null;
    if ((m = INCLUDE.exec(code))) {
      const col = code.indexOf(m[3], m.index + m[1].length);
      includes.push({ name: m[3], line: ln, col, endCol: col + m[3].length, angled: m[2] === '<' });
      continue;
    }
    if (PP_OPEN.test(code)) {
      stacks.pp.push({ line: ln });
      continue;
    }
    if (PP_CLOSE.test(code)) {
      const o = stacks.pp.pop();
      if (o && ln > o.line) folds.push({ startLine: o.line, endLine: ln, kind: 'region' });
      continue;
    }
    if ((m = DEFINE.exec(code))) {
      add(sym(m[1], 'define', '#define', ln, code.indexOf(m[1], code.indexOf('define') + 6)));
      continue;
    }
    if ((m = SYM_START.exec(code))) {
      const kind: OutlineKind = /FUNC|ENTRY/.test(m[1]) ? 'function' : m[1].startsWith('SYM_DATA') ? 'equate' : 'code';
      const s = sym(m[2], kind, m[1], ln, code.indexOf(m[2], m.index + m[1].length));
      add(s);
      open.set(m[2], { sym: s, index: ln });
      container = { sym: s };
      continue;
    }
    if ((m = SYM_END.exec(code))) {
      const o = open.get(m[2]);
      if (o) {
        close(o.sym, ln);
        if (ln > o.index) folds.push({ startLine: o.index, endLine: ln, kind: 'region' });
        open.delete(m[2]);
        if (container?.sym === o.sym) container = undefined;
      }
      continue;
    }
    if ((m = SYM_LINE.exec(code))) {
      add(sym(m[2], m[1].startsWith('SYM_DATA') ? 'equate' : 'label', m[1], ln, code.indexOf(m[2], m.index + m[1].length)));
      continue;
    }
    // labels: several may start a line; skip local numeric and .L labels
    let rest = code;
    let offset = 0;
    while ((m = LABEL.exec(rest))) {
      const name = m[1];
      if (!/^\d+$/.test(name) && !name.startsWith('.L')) add(sym(name, 'label', 'label', ln, offset + rest.indexOf(name)));
      offset += m[0].length;
      rest = rest.slice(m[0].length);
    }
    if ((m = DIRECTIVE.exec(rest))) {
      const d = m[1].toLowerCase();
      const arg = m[2];
      const col = offset + rest.indexOf(arg, m.index + m[1].length);
      if (d === '.macro' && arg) {
        const s = sym(arg.replace(/,$/, ''), 'macro', '.macro', ln, col);
        top.push(s);
        stacks.macro.push({ line: ln, sym: s });
      } else if (d === '.endm') {
        const o = stacks.macro.pop();
        if (o) {
          if (o.sym) close(o.sym, ln);
          if (ln > o.line) folds.push({ startLine: o.line, endLine: ln, kind: 'region' });
        }
      } else if (/^\.if/.test(d)) stacks.if.push({ line: ln });
      else if (d === '.endif') {
        const o = stacks.if.pop();
        if (o && ln > o.line) folds.push({ startLine: o.line, endLine: ln, kind: 'region' });
      } else if (d === '.rept' || d === '.irp' || d === '.irpc') stacks.rept.push({ line: ln });
      else if (d === '.endr') {
        const o = stacks.rept.pop();
        if (o && ln > o.line) folds.push({ startLine: o.line, endLine: ln, kind: 'region' });
      } else if ((d === '.section' || d === '.pushsection') && arg) {
        if (++count <= MAX_OUTLINE) top.push(sym(arg.replace(/,$/, ''), 'section', d, ln, col));
      } else if ((d === '.set' || d === '.equ' || d === '.req') && arg) {
        const name = arg.replace(/,$/, '');
        add(sym(name, d === '.req' ? 'register-alias' : 'equate', d, ln, col));
      }
    } else if ((m = /^\s*([A-Za-z_][\w.$]*)\s+\.req\b/.exec(rest))) {
      add(sym(m[1], 'register-alias', '.req', ln, offset + rest.indexOf(m[1])));
    }
  }
  if (commentStart >= 0 && lines.length - 1 > commentStart) folds.push({ startLine: commentStart, endLine: lines.length - 1, kind: 'comment' });
  folds.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return { symbols: top, folds, includes };
}
