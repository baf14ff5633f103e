// The C preprocessor stage of the GNU as front end: what `aarch64-linux-gnu-gcc -E -x
// assembler-with-cpp -D__ASSEMBLY__` does to a kernel .S file, with every output line carrying
// where it came from. Pure: the result is a function of the texts read, the options and nothing
// else (no clock, no environment). Differences from GCC: a missing include is a warning and
// processing goes on; an include cycle is cut with a warning; caps on work (Limits) apply.
import { dirname, isAbsolute, join } from 'node:path';
import {
  CppMacro, DEFAULT_LIMITS, Diagnostic, ExpansionFrame, Limits, Origin, PpLine, PreprocessOptions,
  PreprocessResult, Severity,
} from './types';
import { K, LexedFile, LogicalLine, Tok, isIdChar, isIdStart, lexFile, lineTokens, locateIn, tokenize } from './cpp-lexer';
import { MacroDef, SpecialMacro, builtinMacro, parseDefine, parseDefineLine, sameDefinition } from './cpp-macros';
import { ExpandHost, Expander, render } from './cpp-expand';
import { evaluateIf } from './cpp-expr';
import { GCC_AARCH64_PREDEFINED } from './cpp-predefined';
import { SourceCache, sharedSourceCache } from './source-cache';

/** The path given to a header that came from `builtinHeaders`. */
export const builtinHeaderPath = (name: string): string => `<builtin>/${name}`;

const MAX_DIAGNOSTICS = 1000;
/** Text lines of files up to this size keep their tokens in the source cache. */
const MEMO_TOKENS_MAX_SIZE = 256 << 10;

const DIRECTIVES = new Set([
  'define', 'undef', 'include', 'include_next', 'import', 'if', 'ifdef', 'ifndef', 'elif', 'elifdef',
  'elifndef', 'else', 'endif', 'line', 'error', 'warning', 'pragma', 'ident', 'sccs', 'assert', 'unassert',
]);
const CONDITIONALS = new Set(['if', 'ifdef', 'ifndef', 'elif', 'elifdef', 'elifndef', 'else', 'endif']);
const INCLUDES = new Set(['include', 'include_next', 'import']);
const WORD = /[ \t\f\v]*([A-Za-z_]\w*)?/y;

interface Cond {
  active: boolean;
  /** A branch was taken (or the whole group is inside a skipped one). */
  taken: boolean;
  sawElse: boolean;
  readonly parentActive: boolean;
  readonly line: LogicalLine;
}

interface FileState {
  readonly path: string;
  readonly lexed: LexedFile;
  idx: number;
  readonly conds: Cond[];
  /** Expansion stack of the lines of this file (its include chain). */
  readonly frames: readonly ExpansionFrame[];
  /** Index in includePaths where it was found (for #include_next), -1 if not through them. */
  readonly dirIndex: number;
  readonly builtin: boolean;
  lineDelta: number;
  presumed: string;
}

interface Found {
  readonly path: string;
  readonly text: string;
  readonly dirIndex: number;
  readonly builtin: boolean;
}

export function preprocess(opts: PreprocessOptions, cache: SourceCache = sharedSourceCache): PreprocessResult {
  return new Preprocessor(opts, cache).run();
}

// --- predefined macros ---------------------------------------------------------------------------

const BUILTIN_ORIGIN = (line: number): Origin => ({ loc: { file: '<built-in>', line, startCol: 0, endCol: 0 }, stack: [] });
const CMDLINE_ORIGIN: Origin = { loc: { file: '<command-line>', line: 0, startCol: 0, endCol: 0 }, stack: [] };

const SPECIALS: readonly [string, SpecialMacro][] = [
  ['__FILE__', 'FILE'], ['__LINE__', 'LINE'], ['__BASE_FILE__', 'BASE_FILE'], ['__COUNTER__', 'COUNTER'],
  ['__INCLUDE_LEVEL__', 'INCLUDE_LEVEL'], ['__DATE__', 'DATE'], ['__TIME__', 'TIME'], ['__TIMESTAMP__', 'TIMESTAMP'],
  ['__has_include', 'HAS_INCLUDE'], ['__has_include_next', 'HAS_INCLUDE_NEXT'],
  ['__has_attribute', 'HAS_ZERO'], ['__has_cpp_attribute', 'HAS_ZERO'], ['__has_builtin', 'HAS_ZERO'],
];

let predefined: ReadonlyMap<string, MacroDef> | undefined;

/** GCC's own macros for the target (see cpp-predefined.ts) and the computed ones; parsed once. */
export function predefinedMacros(): ReadonlyMap<string, MacroDef> {
  if (predefined) return predefined;
  const map = new Map<string, MacroDef>();
  const lexed = lexFile(GCC_AARCH64_PREDEFINED);
  for (const L of lexed.lines) {
    const toks = lineTokens(L);
    if (toks.length < 3 || toks[1].s !== 'define') continue;
    const r = parseDefine(toks.slice(2), BUILTIN_ORIGIN(L.line), false);
    if ('macro' in r) map.set(r.macro.name, r.macro);
  }
  for (const [name, special] of SPECIALS) map.set(name, builtinMacro(name, BUILTIN_ORIGIN(0), special));
  return (predefined = map);
}

const cString = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;

// --- the preprocessor ----------------------------------------------------------------------------

class Preprocessor {
  private readonly limits: Limits;
  private readonly macros: Map<string, MacroDef>;
  private readonly out: PpLine[] = [];
  private readonly diags: Diagnostic[] = [];
  private readonly files: string[] = [];
  private readonly fileSet = new Set<string>();
  private readonly reads = new Map<string, string | undefined>();
  private readonly once = new Set<string>();
  private readonly noted = new Set<string>();
  private readonly pushed = new Map<string, (MacroDef | undefined)[]>();
  private readonly stack: FileState[] = [];
  private counter = 0;
  private droppedDiags = 0;
  /** The line being expanded, and the directive being processed (for diagnostics and __LINE__). */
  private emitLine: LogicalLine | null = null;
  private dirLine: LogicalLine | null = null;
  private readonly lineExpander: Expander;
  private readonly dirExpander: Expander;

  constructor(
    private readonly opts: PreprocessOptions,
    private readonly cache: SourceCache,
  ) {
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    this.macros = new Map(predefinedMacros());
    const lineHost = this.host(() => this.emitLine, true);
    const dirHost = this.host(() => this.dirLine, false);
    this.lineExpander = new Expander(lineHost, this.limits.maxMacroDepth, this.limits.maxLineLength);
    this.dirExpander = new Expander(dirHost, this.limits.maxMacroDepth, this.limits.maxLineLength);
    this.defineFromText('__ASSEMBLY__ 1');
    for (const [name, value] of opts.defines) this.defineFromText(`${name} ${value}`);
  }

  private defineFromText(text: string): void {
    const r = parseDefine(tokenize(text), CMDLINE_ORIGIN, false);
    if ('macro' in r) this.macros.set(r.macro.name, r.macro);
    else this.diag('error', 'cpp/bad-define', `-D ${text.trim()}: ${r.error}`, CMDLINE_ORIGIN);
  }

  run(): PreprocessResult {
    const { file, text } = this.opts;
    this.addFile(file);
    const main: FileState = this.state(file, this.cache.lex(text), [], -1, false);
    for (const name of this.opts.forcedIncludes ?? []) {
      const found = this.resolve(name, true, false, main);
      const at = { file, line: 0, startCol: 0, endCol: 0 };
      if (!found) {
        this.diag('warning', 'cpp/missing-include', `${name}: no such file (forced include)`, { loc: at, stack: [] });
        continue;
      }
      this.enterFile(found, name, { kind: 'include', name, at }, main, false);
    }
    this.processFile(main);
    if (this.droppedDiags > 0) {
      this.diags.push({ severity: 'info', code: 'cpp/too-many-diagnostics', message: `${this.droppedDiags} more diagnostics not shown`, origin: { loc: { file, line: 0, startCol: 0, endCol: 0 }, stack: [] } });
    }
    return { lines: this.out, diagnostics: this.diags, files: this.files, macros: this.macros as ReadonlyMap<string, CppMacro> };
  }

  private state(path: string, lexed: LexedFile, frames: readonly ExpansionFrame[], dirIndex: number, builtin: boolean): FileState {
    return { path, lexed, idx: 0, conds: [], frames, dirIndex, builtin, lineDelta: 0, presumed: path };
  }

  private get cur(): FileState {
    return this.stack[this.stack.length - 1];
  }

  private addFile(path: string): void {
    if (this.fileSet.has(path)) return;
    this.fileSet.add(path);
    this.files.push(path);
  }

  // --- diagnostics ---

  private diag(severity: Severity, code: string, message: string, origin: Origin, related?: Diagnostic['related']): void {
    if (this.diags.length >= MAX_DIAGNOSTICS) {
      this.droppedDiags++;
      return;
    }
    this.diags.push(related ? { severity, code, message, origin, related } : { severity, code, message, origin });
  }

  private lineOrigin(F: FileState, L: LogicalLine, startCol = 0, endCol = L.len0): Origin {
    return { loc: { file: F.path, line: L.line, startCol, endCol }, stack: F.frames };
  }

  // --- expansion hosts ---

  private host(line: () => LogicalLine | null, pulls: boolean): ExpandHost {
    return {
      macros: this.macros,
      lookAhead: (k) => {
        if (!pulls) return null;
        const F = this.cur;
        const lines = F.lexed.lines;
        for (let j = F.idx; j <= F.idx + k; j++) {
          if (j >= lines.length || lines[j].hash >= 0) return null;
        }
        return lines[F.idx + k];
      },
      skipAhead: (k) => {
        this.cur.idx += k;
      },
      takeLine: () => (pulls ? this.nextText(this.cur, true) : null),
      special: (m, ln) => this.special(m, ln),
      hasInclude: (name, angled, next) => this.resolve(name, angled, next, this.cur) !== undefined,
      note: (severity, code, message) => {
        const L = line();
        const F = this.cur;
        this.diag(severity, code, message, L ? this.lineOrigin(F, L) : { loc: { file: F.path, line: 0, startCol: 0, endCol: 0 }, stack: F.frames });
      },
    };
  }

  private special(m: MacroDef, line: number): Tok {
    const F = this.cur;
    const num = (n: number): Tok => ({ k: K.Number, s: String(n), ws: false, off: -1 });
    const str = (s: string): Tok => ({ k: K.String, s: cString(s), ws: false, off: -1 });
    switch (m.special) {
      case 'LINE': return num(line + 1 + F.lineDelta);
      case 'FILE': return str(F.presumed);
      case 'BASE_FILE': return str(this.opts.file);
      case 'COUNTER': return num(this.counter++);
      case 'INCLUDE_LEVEL': return num(this.stack.length - 1);
      // No clock: the result must depend on the inputs only. GCC prints these when it has no time.
      case 'DATE': return str('??? ?? ????');
      case 'TIME': return str('??:??:??');
      case 'TIMESTAMP': return str('??? ??? ?? ??:??:?? ????');
      default: return num(0);
    }
  }

  // --- files ---

  private read(path: string): string | undefined {
    if (this.reads.has(path)) return this.reads.get(path);
    let text: string | undefined;
    try {
      text = this.opts.host.readFile(path);
    } catch {
      text = undefined;
    }
    this.reads.set(path, text);
    return text;
  }

  /** `"…"`: the includer's directory, then include paths; `<…>`: include paths; then builtin headers. */
  private resolve(name: string, angled: boolean, next: boolean, from: FileState): Found | undefined {
    if (isAbsolute(name)) {
      const text = this.read(name);
      return text === undefined ? undefined : { path: name, text, dirIndex: -1, builtin: false };
    }
    const paths = this.opts.includePaths;
    if (!angled && !next && !from.builtin) {
      const p = join(dirname(from.path), name);
      const text = this.read(p);
      if (text !== undefined) return { path: p, text, dirIndex: -1, builtin: false };
    }
    let start = next && from.dirIndex >= 0 ? from.dirIndex + 1 : 0;
    if (next && from.builtin) start = paths.length;
    for (let i = start; i < paths.length; i++) {
      const p = join(paths[i], name);
      const text = this.read(p);
      if (text !== undefined) return { path: p, text, dirIndex: i, builtin: false };
    }
    if (next && from.builtin) return undefined;
    const b = this.opts.builtinHeaders?.get(name);
    return b === undefined ? undefined : { path: builtinHeaderPath(name), text: b, dirIndex: paths.length, builtin: true };
  }

  private enterFile(found: Found, name: string, frame: ExpansionFrame, from: FileState, isImport: boolean): void {
    const origin: Origin = { loc: frame.at, stack: from.frames };
    if (this.stack.length >= this.limits.maxIncludeDepth) {
      this.diag('error', 'cpp/include-depth', `#include nested deeper than ${this.limits.maxIncludeDepth}: ${name} is not read`, origin);
      return;
    }
    if (this.once.has(found.path)) return;
    const lexed = this.cache.lex(found.text);
    this.addFile(found.path);
    // GCC's multiple-include optimization: a guarded file whose guard is defined yields nothing.
    if (lexed.guard !== undefined && this.macros.has(lexed.guard)) return;
    // A file may include itself once more (kernel headers do, with the guard further down than
    // GCC's optimization looks); open twice already means a cycle that would not end.
    if (this.stack.filter((s) => s.path === found.path).length >= 2) {
      const chain = [...this.stack.slice(this.stack.findIndex((s) => s.path === found.path)).map((s) => s.path), found.path];
      this.diag('warning', 'cpp/include-cycle', `#include cycle: ${chain.join(' → ')}; not read again`, origin);
      return;
    }
    if (isImport) this.once.add(found.path);
    const F = this.state(found.path, lexed, [...from.frames, frame], found.dirIndex, found.builtin);
    this.processFile(F);
  }

  private processFile(F: FileState): void {
    this.stack.push(F);
    if (!this.noted.has(F.path)) {
      this.noted.add(F.path);
      for (const n of F.lexed.notes) {
        this.diag(n.severity, n.code, n.message, { loc: { file: F.path, line: n.line, startCol: n.col, endCol: n.col + 1 }, stack: F.frames });
      }
    }
    for (let L = this.nextText(F, false); L !== null; L = this.nextText(F, false)) this.emit(F, L);
    for (const c of F.conds) {
      this.diag('error', 'cpp/unterminated-conditional', `unterminated #${this.directiveName(c.line) ?? 'if'}`, this.lineOrigin(F, c.line));
    }
    this.stack.pop();
  }

  private directiveName(L: LogicalLine): string | undefined {
    if (L.hash < 0) return undefined;
    WORD.lastIndex = L.hash;
    return WORD.exec(L.text)?.[1];
  }

  /**
   * The next active text line of F, processing the directives before it. In a macro's
   * arguments (inArgs) an #include ends the search and is left for later.
   */
  private nextText(F: FileState, inArgs: boolean): LogicalLine | null {
    const lines = F.lexed.lines;
    while (F.idx < lines.length) {
      const L = lines[F.idx];
      const top = F.conds.length > 0 ? F.conds[F.conds.length - 1] : undefined;
      const skipping = top !== undefined && !top.active;
      if (L.hash < 0) {
        F.idx++;
        if (skipping) continue;
        return L;
      }
      WORD.lastIndex = L.hash;
      const m = WORD.exec(L.text)!;
      const name = m[1];
      if (skipping) {
        F.idx++;
        if (name !== undefined && CONDITIONALS.has(name)) this.conditional(F, L, name, true);
        continue;
      }
      if (name === undefined) {
        F.idx++;
        if (WORD.lastIndex >= L.text.length || L.text.slice(WORD.lastIndex).trim() === '') continue; // null directive
        return L; // `# 16 "file"`, `#!…`: text to the assembler
      }
      if (!DIRECTIVES.has(name)) {
        F.idx++;
        return L; // assembler mode: an unknown directive is text (gas reads `#…` as a comment)
      }
      if (inArgs && INCLUDES.has(name)) return null;
      F.idx++;
      this.dirLine = L;
      this.directive(F, L, name, WORD.lastIndex);
      this.dirLine = null;
    }
    return null;
  }

  private directive(F: FileState, L: LogicalLine, name: string, restAt: number): void {
    if (CONDITIONALS.has(name)) return this.conditional(F, L, name, false);
    const toks = (): readonly Tok[] => lineTokens(L).slice(2);
    switch (name) {
      case 'define': {
        const r = parseDefineLine(L, F.path, F.frames, F.builtin);
        if ('error' in r) return this.diag('error', 'cpp/bad-define', r.error, this.lineOrigin(F, L));
        const prev = this.macros.get(r.macro.name);
        if (prev && sameDefinition(prev, r.macro)) return; // the first stays (go to definition)
        if (prev) this.diag('warning', 'cpp/macro-redefined', `"${r.macro.name}" redefined`, r.macro.origin, [{ message: 'the previous definition', origin: prev.origin }]);
        this.macros.set(r.macro.name, r.macro);
        return;
      }
      case 'undef': {
        const t = toks()[0];
        if (!t) return this.diag('error', 'cpp/bad-define', 'no macro name given in #undef directive', this.lineOrigin(F, L));
        if (t.k !== K.Ident) return this.diag('error', 'cpp/bad-define', 'macro names must be identifiers', this.lineOrigin(F, L));
        this.macros.delete(t.s);
        return;
      }
      case 'include':
      case 'include_next':
      case 'import':
        return this.include(F, L, name, restAt);
      case 'line':
        return this.line(F, L);
      case 'error':
      case 'warning': {
        const msg = L.text.slice(restAt).trim();
        this.diag(name === 'error' ? 'error' : 'warning', `cpp/${name}`, `#${name}${msg ? ' ' + msg : ''}`, this.lineOrigin(F, L));
        return;
      }
      case 'pragma':
        return this.pragma(F, L, toks());
      default:
        return; // #ident, #sccs, #assert, #unassert: nothing for the assembler
    }
  }

  private conditional(F: FileState, L: LogicalLine, name: string, skipping: boolean): void {
    const top = F.conds.length > 0 ? F.conds[F.conds.length - 1] : undefined;
    switch (name) {
      case 'if':
      case 'ifdef':
      case 'ifndef': {
        if (skipping) {
          F.conds.push({ active: false, taken: true, sawElse: false, parentActive: false, line: L });
          return;
        }
        const v = this.condition(F, L, name);
        F.conds.push({ active: v, taken: v, sawElse: false, parentActive: true, line: L });
        return;
      }
      case 'elif':
      case 'elifdef':
      case 'elifndef': {
        if (!top) return this.diag('error', 'cpp/unbalanced-conditional', `#${name} without #if`, this.lineOrigin(F, L));
        if (top.sawElse) this.diag('error', 'cpp/unbalanced-conditional', `#${name} after #else`, this.lineOrigin(F, L));
        if (!top.parentActive || top.taken) {
          top.active = false;
          return;
        }
        const v = this.condition(F, L, name === 'elif' ? 'if' : name === 'elifdef' ? 'ifdef' : 'ifndef');
        top.active = top.taken = v;
        return;
      }
      case 'else':
        if (!top) return this.diag('error', 'cpp/unbalanced-conditional', '#else without #if', this.lineOrigin(F, L));
        if (top.sawElse) this.diag('error', 'cpp/unbalanced-conditional', '#else after #else', this.lineOrigin(F, L));
        top.sawElse = true;
        top.active = top.parentActive && !top.taken;
        top.taken = true;
        return;
      case 'endif':
        if (!top) return this.diag('error', 'cpp/unbalanced-conditional', '#endif without #if', this.lineOrigin(F, L));
        F.conds.pop();
        return;
    }
  }

  private condition(F: FileState, L: LogicalLine, kind: string): boolean {
    const toks = lineTokens(L).slice(2);
    if (kind === 'ifdef' || kind === 'ifndef') {
      const t = toks[0];
      if (!t) {
        this.diag('error', 'cpp/if-expression', `no macro name given in #${kind} directive`, this.lineOrigin(F, L));
        return false;
      }
      if (t.k !== K.Ident) {
        this.diag('error', 'cpp/if-expression', 'macro names must be identifiers', this.lineOrigin(F, L));
        return false;
      }
      return this.macros.has(t.s) === (kind === 'ifdef');
    }
    const x = this.dirExpander.expandDirective(toks, L, true);
    if (x.overflow) return false;
    if (x.error) {
      this.diag('error', 'cpp/if-expression', x.error, this.lineOrigin(F, L));
      return false;
    }
    const r = evaluateIf(x.toks);
    for (const w of r.warnings) this.diag('warning', 'cpp/if-expression', w, this.lineOrigin(F, L));
    if (r.error) this.diag('error', 'cpp/if-expression', r.error, this.lineOrigin(F, L));
    return r.value;
  }

  private include(F: FileState, L: LogicalLine, kind: string, restAt: number): void {
    const m = /^[ \t\f\v]*(?:"([^"]*)"|<([^>]*)>)/.exec(L.text.slice(restAt));
    let name: string;
    let angled: boolean;
    if (m) {
      angled = m[2] !== undefined;
      name = m[1] ?? m[2];
    } else {
      const x = this.dirExpander.expandDirective(lineTokens(L).slice(2), L, false).toks;
      if (x[0]?.k === K.String && x[0].s.startsWith('"')) {
        name = x[0].s.slice(1, -1);
        angled = false;
      } else if (x[0]?.k === K.Punct && x[0].s === '<' && x.some((t, i) => i > 0 && t.s === '>')) {
        angled = true;
        name = '';
        for (let i = 1; x[i].s !== '>'; i++) name += (i > 1 && x[i].ws ? ' ' : '') + x[i].s;
      } else {
        this.diag('error', 'cpp/bad-include', `#${kind} expects "FILENAME" or <FILENAME>`, this.lineOrigin(F, L));
        return;
      }
    }
    if (name === '') return this.diag('error', 'cpp/bad-include', `empty filename in #${kind}`, this.lineOrigin(F, L));
    const found = this.resolve(name, angled, kind === 'include_next', F);
    const at = { file: F.path, line: L.line, startCol: 0, endCol: L.len0 };
    if (!found) {
      const shown = angled ? `<${name}>` : `"${name}"`;
      this.diag('warning', 'cpp/missing-include', `${shown}: no such file in the include paths`, this.lineOrigin(F, L));
      return;
    }
    this.enterFile(found, name, { kind: 'include', name, at }, F, kind === 'import');
  }

  private line(F: FileState, L: LogicalLine): void {
    const x = this.dirExpander.expandDirective(lineTokens(L).slice(2), L, false).toks;
    if (x.length === 0 || x[0].k !== K.Number || !/^[0-9]+$/.test(x[0].s)) {
      return this.diag('error', 'cpp/bad-line', `"${x[0]?.s ?? ''}" after #line is not a positive integer`, this.lineOrigin(F, L));
    }
    F.lineDelta = Number(x[0].s) - L.lastLine - 2;
    if (x[1]?.k === K.String && x[1].s.startsWith('"')) F.presumed = x[1].s.slice(1, -1).replace(/\\(.)/g, '$1');
  }

  private pragma(F: FileState, L: LogicalLine, t: readonly Tok[]): void {
    const word = t[0]?.s;
    if (word === 'once') {
      this.once.add(F.path);
      return;
    }
    if ((word === 'push_macro' || word === 'pop_macro') && t[1]?.s === '(' && t[2]?.k === K.String) {
      const name = t[2].s.slice(1, -1);
      if (word === 'push_macro') {
        const list = this.pushed.get(name) ?? [];
        list.push(this.macros.get(name));
        this.pushed.set(name, list);
      } else {
        const list = this.pushed.get(name);
        if (list && list.length > 0) {
          const m = list.pop();
          if (m) this.macros.set(name, m);
          else this.macros.delete(name);
        }
      }
      return;
    }
    if (word === 'GCC' && (t[1]?.s === 'warning' || t[1]?.s === 'error')) {
      const msg = t[2]?.k === K.String ? t[2].s.slice(1, -1) : '';
      this.diag(t[1].s === 'error' ? 'error' : 'warning', `cpp/pragma-${t[1].s}`, msg || `#pragma GCC ${t[1].s}`, this.lineOrigin(F, L));
    }
    // Any other pragma means nothing to the assembler.
  }

  // --- text lines ---

  /** Cheap test: does the line name a macro outside literals? Most assembly lines do not. */
  private mayExpand(text: string): boolean {
    const n = text.length;
    const macros = this.macros;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isIdStart(c)) {
        let j = i + 1;
        while (j < n && isIdChar(text.charCodeAt(j))) j++;
        if (macros.has(text.slice(i, j))) return true;
        i = j;
      } else if ((c >= 48 && c <= 57) || (c === 46 && i + 1 < n && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57)) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if ((d === 43 || d === 45) && /[eEpP]/.test(text[j - 1])) j++;
          else if (isIdChar(d) || d === 46) j++;
          else break;
        }
        i = j;
      } else if (c === 34 || c === 39) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 92) j += 2;
          else if (d === c) break;
          else j++;
        }
        i = j + 1;
      } else i++;
    }
    return false;
  }

  private emit(F: FileState, L: LogicalLine): void {
    if (!this.mayExpand(L.text)) {
      const text = L.text.trimEnd();
      if (text !== '') this.out.push({ text, origin: this.lineOrigin(F, L) });
      return;
    }
    this.emitLine = L;
    const x = this.lineExpander.expandLine(L, F.lexed.size <= MEMO_TOKENS_MAX_SIZE);
    this.emitLine = null;
    const r = render(x.toks, this.limits.maxLineLength);
    if (r.truncated) {
      this.diag('error', 'cpp/line-too-long', `line longer than ${this.limits.maxLineLength} characters after macro expansion; cut there`, this.lineOrigin(F, L));
    }
    const lead = /^[ \t\f\v]*/.exec(L.text)![0];
    const text = (lead + r.text).trimEnd();
    if (text === '') return;
    let stack = F.frames;
    if (x.outer) {
      const p = locateIn(x.outer.line, x.outer.off);
      stack = [...F.frames, { kind: 'cpp-macro', name: x.outer.name, at: { file: F.path, line: p.line, startCol: p.col, endCol: p.col + x.outer.name.length } }];
    }
    const origin: Origin = { loc: { file: F.path, line: L.line, startCol: 0, endCol: L.len0 }, stack };
    this.out.push(x.fallback ? { text, origin, viaFallback: x.fallback } : { text, origin });
  }
}
