// The C preprocessor stage of the GNU as front end: what `aarch64-linux-gnu-gcc -E -x
// assembler-with-cpp -D__ASSEMBLY__` does to a kernel .S file, with every output line carrying
// where it came from. Pure: the result is a function of the texts read, the options and nothing
// else (no clock, no environment). Differences from GCC: a missing include is a warning and
// processing goes on; an include cycle is cut with a warning; caps on work (Limits) apply.
import { dirname, isAbsolute, join } from 'node:path';
import type { FrontEndCode } from './front-end-codes';
import {
  CppMacro, DEFAULT_LIMITS, Diagnostic, ExpansionFrame, Limits, Origin, PpLine, PreprocessOptions,
  PpTail, PreprocessResult, Severity,
} from './types';
import { K, LexedFile, LogicalLine, Tok, isIdChar, isIdStart, lexFile, lineTokens, locateIn, tokenize } from './cpp-lexer';
import { LexedDocument, Reuse, relex } from './cpp-relex';
import { OriginShift, sameOrigin } from './origin-shift';
import { MacroDef, SpecialMacro, builtinMacro, parseDefine, parseDefineLine, sameDefinition } from './cpp-macros';
import { ExpandHost, Expander, render } from './cpp-expand';
import { evaluateIf } from './cpp-expr';
import { GCC_AARCH64_PREDEFINED } from './cpp-predefined';
import { SourceCache, sharedSourceCache } from './source-cache';
import { MacroTable } from './macro-table';

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

// --- remembered runs: what lets the next text of a document reuse this one's output ------------

interface CondSnap {
  readonly active: boolean;
  readonly taken: boolean;
  readonly sawElse: boolean;
  readonly parentActive: boolean;
  /** Index of the #if line in the main file's logical lines. */
  readonly lineIdx: number;
}

/** The preprocessor's state before a logical line of the main file: counts into the run's arrays and copies of the small sets. */
interface Checkpoint {
  readonly idx: number;
  /** The last main-file line read or looked at (a macro's arguments may be looked for on the next line). */
  readonly peek: number;
  readonly out: number;
  readonly diags: number;
  readonly dropped: number;
  readonly files: number;
  readonly reads: number;
  readonly journal: number;
  /** `__LINE__` uses and `#line` directives in the main file so far (output that depends on line numbers). */
  readonly lineUses: number;
  readonly conds: readonly CondSnap[];
  readonly lineDelta: number;
  readonly presumed: string;
  readonly counter: number;
  readonly once: readonly string[];
  readonly noted: readonly string[];
  readonly pushed: readonly (readonly [string, readonly (MacroDef | undefined)[]])[];
}

/** A change of the macro table, in order (restoring an earlier state undoes them). */
interface JournalEntry {
  readonly name: string;
  readonly prev: MacroDef | undefined;
  readonly next: MacroDef | undefined;
}

interface Memo {
  readonly key: string;
  readonly doc: LexedDocument;
  readonly result: PreprocessResult;
  readonly out: readonly PpLine[];
  readonly diags: readonly Diagnostic[];
  readonly files: readonly string[];
  readonly reads: readonly { readonly path: string; readonly text: string | undefined }[];
  readonly journal: readonly JournalEntry[];
  readonly macros: ReadonlyMap<string, MacroDef>;
  readonly checkpoints: readonly Checkpoint[];
  readonly end: Checkpoint;
  /** name → journal positions (made when first needed). */
  index?: Map<string, number[]>;
}

const MAX_MEMOS = 16;
const memos = new Map<string, Memo>();
/** Main-file logical lines between checkpoints (at least), and checkpoints per file (about). */
const CHECKPOINT_MIN = 64;
const CHECKPOINTS = 128;

const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;
const idOf = (o: object | undefined): number => {
  if (!o) return 0;
  let id = objectIds.get(o);
  if (id === undefined) objectIds.set(o, (id = nextObjectId++));
  return id;
};

/** What, besides the texts read, decides the output: two runs with the same key may share work. */
function optionsKey(o: PreprocessOptions): string {
  return JSON.stringify([o.includePaths, [...o.defines], o.forcedIncludes ?? [], o.macroPrefixMap ?? [], o.limits ?? null, idOf(o.builtinHeaders)]);
}

/** A file name as `__FILE__` gives it under -fmacro-prefix-map (gcc remap_filename: the last map whose OLD prefixes it). */
export function remapMacroFile(name: string, maps: PreprocessOptions['macroPrefixMap']): string {
  if (maps) for (let i = maps.length - 1; i >= 0; i--) if (name.startsWith(maps[i][0])) return maps[i][1] + name.slice(maps[i][0].length);
  return name;
}

/** Forgets remembered runs (all, or one file's). */
export function forgetPreprocessed(file?: string): void {
  if (file === undefined) memos.clear();
  else memos.delete(file);
}

/** The macro a remembered run had for `name` after `pos` journal entries. */
function valueAt(m: Memo, name: string, pos: number): MacroDef | undefined {
  let index = m.index;
  if (!index) {
    const made = new Map<string, number[]>();
    m.journal.forEach((e, i) => {
      const l = made.get(e.name);
      if (l) l.push(i);
      else made.set(e.name, [i]);
    });
    m.index = index = made;
  }
  const l = index.get(name);
  if (!l) return m.macros.get(name);
  let lo = 0;
  let hi = l.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (l[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? m.journal[l[lo - 1]].next : m.journal[l[0]].prev;
}

/** Same definition made at the same place (the place shows in the result, and `#pragma push_macro` keeps the object). */
const sameMacro = (a: MacroDef | undefined, b: MacroDef | undefined): boolean =>
  a === b || (!!a && !!b && sameDefinition(a, b) && !!a.fromFallback === !!b.fromFallback && sameOrigin(a.origin, b.origin));

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
  private readonly macros: MacroTable<MacroDef>;
  private out: PpLine[] = [];
  private diags: Diagnostic[] = [];
  private files: string[] = [];
  private fileSet = new Set<string>();
  private readonly reads = new Map<string, string | undefined>();
  private once = new Set<string>();
  private noted = new Set<string>();
  private pushed = new Map<string, (MacroDef | undefined)[]>();
  private readonly stack: FileState[] = [];
  private counter = 0;
  private droppedDiags = 0;
  // what remembering the run needs (see Checkpoint)
  private main: FileState | undefined;
  private remembering = false;
  private readLog: { path: string; text: string | undefined }[] = [];
  private journal: JournalEntry[] = [];
  private lineUses = 0;
  private peek = -1;
  private checkpoints: Checkpoint[] = [];
  private resumedAt: Checkpoint | undefined;
  /** The remembered run's lines this one took over (set by a splice). */
  private tail: PpTail | undefined;
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
    this.macros = new MacroTable();
    for (const [name, def] of predefinedMacros()) this.macros.set(name, def);
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

  /** Every change of the macro table goes through here (the journal restores earlier states). */
  private setMacro(name: string, def: MacroDef | undefined): void {
    const prev = this.macros.get(name);
    if (def) this.macros.set(name, def);
    else this.macros.delete(name);
    if (this.remembering) this.journal.push({ name, prev, next: def });
  }

  run(): PreprocessResult {
    const { file, text } = this.opts;
    const incremental = this.opts.incremental !== false;
    const key = incremental ? optionsKey(this.opts) : '';
    const memo = incremental ? memos.get(file) : undefined;
    const { doc, reuse } = relex(memo?.doc, text);
    // (the new document took over the remembered one's lines: that memo cannot stand on its own
    // any more; this run sets the next one, and a run that fails leaves none)
    if (memo && doc !== memo.doc) memos.delete(file);
    this.remembering = incremental;
    const same = memo !== undefined && memo.key === key && reuse !== undefined ? memo : undefined;
    if (same && same.doc.text === text && this.readsHold(same.reads)) {
      memos.delete(file);
      memos.set(file, same);
      return same.result;
    }
    this.addFile(file);
    const main: FileState = this.state(file, doc.lexed, [], -1, false);
    this.main = main;
    const splices = same && reuse ? this.resume(same, reuse, main) : undefined;
    if (!splices) {
      for (const name of this.opts.forcedIncludes ?? []) {
        const found = this.resolve(name, true, false, main);
        const at = { file, line: 0, startCol: 0, endCol: 0 };
        if (!found) {
          this.diag('warning', 'cpp/missing-include', `${name}: no such file (forced include)`, { loc: at, stack: [] });
          continue;
        }
        this.enterFile(found, name, { kind: 'include', name, at }, main, false);
      }
    }
    const interval = Math.max(CHECKPOINT_MIN, Math.ceil(doc.lexed.lines.length / CHECKPOINTS));
    const spliced = this.processMain(main, splices ?? [], interval, same, reuse);
    const end = incremental ? spliced ?? this.checkpoint(main) : undefined;
    if (this.droppedDiags > 0) {
      this.diags.push({ severity: 'info', code: 'cpp/too-many-diagnostics', message: `${this.droppedDiags} more diagnostics not shown`, origin: { loc: { file, line: 0, startCol: 0, endCol: 0 }, stack: [] } });
    }
    const result: PreprocessResult = {
      lines: this.out, diagnostics: this.diags, files: this.files, macros: this.macros as ReadonlyMap<string, CppMacro>,
      ...(splices ? { reuse: { resumed: true, spliced: spliced !== undefined, ...(spliced && this.tail ? { tail: this.tail } : {}) } } : {}),
    };
    if (end) {
      if (memos.size >= MAX_MEMOS && !memos.has(file)) memos.delete(memos.keys().next().value!);
      memos.delete(file);
      memos.set(file, {
        key, doc, result, out: this.out, diags: this.diags, files: this.files, reads: this.readLog, journal: this.journal,
        macros: this.macros, checkpoints: this.checkpoints, end,
      });
    }
    return result;
  }

  /** Whether the host still gives every text a run read. */
  private readsHold(reads: Memo['reads']): boolean {
    for (const r of reads) {
      let now: string | undefined;
      try {
        now = this.opts.host.readFile(r.path);
      } catch {
        now = undefined;
      }
      if (now !== r.text) return false;
    }
    return true;
  }

  // --- checkpoints of the main file ---

  private checkpoint(F: FileState): Checkpoint {
    const lines = F.lexed.lines;
    const idxOf = (L: LogicalLine): number => {
      // conditionals are few and their lines recent: search back from the current line
      let i = Math.min(F.idx, lines.length) - 1;
      while (i >= 0 && lines[i] !== L) i--;
      return i;
    };
    return {
      idx: F.idx,
      peek: Math.max(this.peek, F.idx - 1),
      out: this.out.length,
      diags: this.diags.length,
      dropped: this.droppedDiags,
      files: this.files.length,
      reads: this.readLog.length,
      journal: this.journal.length,
      lineUses: this.lineUses,
      conds: F.conds.length ? F.conds.map((c) => ({ active: c.active, taken: c.taken, sawElse: c.sawElse, parentActive: c.parentActive, lineIdx: idxOf(c.line) })) : [],
      lineDelta: F.lineDelta,
      presumed: F.presumed,
      counter: this.counter,
      once: this.once.size ? [...this.once] : [],
      noted: [...this.noted],
      pushed: this.pushed.size ? [...this.pushed].map(([k, v]) => [k, v.slice()] as const) : [],
    };
  }

  /** Puts back the state of the last checkpoint before the first changed line; returns the splice points after the edit. */
  private resume(memo: Memo, reuse: Reuse, F: FileState): { c: Checkpoint; newIdx: number }[] | undefined {
    const k = reuse.prefix;
    let cp: Checkpoint | undefined;
    for (const c of memo.checkpoints) {
      if (c.idx > k || c.peek >= k) break;
      cp = c;
    }
    if (!cp || cp.conds.some((c) => c.lineIdx < 0)) return undefined;
    const reads = memo.reads.slice(0, cp.reads);
    if (!this.readsHold(reads)) return undefined;
    for (const r of reads) this.reads.set(r.path, r.text);
    this.readLog = reads;
    this.out = memo.out.slice(0, cp.out);
    this.diags = memo.diags.slice(0, cp.diags);
    this.droppedDiags = cp.dropped;
    this.files = memo.files.slice(0, cp.files);
    this.fileSet = new Set(this.files);
    this.macros.clear();
    for (const [n, d] of memo.macros) this.macros.set(n, d);
    for (let j = memo.journal.length - 1; j >= cp.journal; j--) {
      const e = memo.journal[j];
      if (e.prev) this.macros.set(e.name, e.prev);
      else this.macros.delete(e.name);
    }
    this.journal = memo.journal.slice(0, cp.journal);
    this.restoreSmall(cp);
    this.lineUses = cp.lineUses;
    this.peek = cp.peek;
    F.idx = cp.idx;
    for (const c of cp.conds) F.conds.push({ active: c.active, taken: c.taken, sawElse: c.sawElse, parentActive: c.parentActive, line: F.lexed.lines[c.lineIdx] });
    F.lineDelta = cp.lineDelta;
    F.presumed = cp.presumed;
    this.checkpoints = memo.checkpoints.slice(0, memo.checkpoints.indexOf(cp) + 1);
    this.resumedAt = cp;
    const out: { c: Checkpoint; newIdx: number }[] = [];
    for (const c of memo.checkpoints) if (c.idx > cp.idx && c.idx >= reuse.oldSuffix) out.push({ c, newIdx: c.idx - reuse.oldSuffix + reuse.newSuffix });
    return out;
  }

  private restoreSmall(c: Checkpoint): void {
    this.counter = c.counter;
    this.once = new Set(c.once);
    this.noted = new Set(c.noted);
    this.pushed = new Map(c.pushed.map(([n, l]) => [n, l.slice()]));
  }

  /**
   * At a remembered checkpoint past the edit: when the state equals the remembered run's there,
   * its output from there on is this run's (moved by the lines the edit added or removed).
   * Returns the end state, or undefined when the states differ.
   */
  private splice(memo: Memo, reuse: Reuse, c: Checkpoint, F: FileState): Checkpoint | undefined {
    const end = memo.end;
    const shift = reuse.shift;
    if (shift !== 0 && (end.lineUses !== c.lineUses || end.pushed.length > 0)) return undefined;
    if (this.counter !== c.counter || F.lineDelta !== c.lineDelta || F.presumed !== c.presumed) return undefined;
    const mapIdx = (i: number): number => (i < reuse.prefix ? i : i >= reuse.oldSuffix ? i - reuse.oldSuffix + reuse.newSuffix : -1);
    if (F.conds.length !== c.conds.length) return undefined;
    for (let i = 0; i < c.conds.length; i++) {
      const a = F.conds[i];
      const b = c.conds[i];
      const j = mapIdx(b.lineIdx);
      if (a.active !== b.active || a.taken !== b.taken || a.sawElse !== b.sawElse || a.parentActive !== b.parentActive || j < 0 || F.lexed.lines[j] !== a.line) return undefined;
    }
    const sameSet = (s: ReadonlySet<string>, l: readonly string[]) => s.size === l.length && l.every((x) => s.has(x));
    if (!sameSet(this.once, c.once) || !sameSet(this.noted, c.noted) || this.pushed.size !== c.pushed.length) return undefined;
    for (const [n, l] of c.pushed) {
      const m = this.pushed.get(n);
      if (!m || m.length !== l.length || m.some((d, i) => d !== l[i])) return undefined;
    }
    if (this.files.length !== c.files || this.files.some((f, i) => f !== memo.files[i])) return undefined;
    if (end.dropped !== c.dropped || this.diags.length + (end.diags - c.diags) > MAX_DIAGNOSTICS) return undefined;
    // the macro table: every name either run changed since the resume point
    const from = this.resumedAt!.journal;
    const names = new Set<string>();
    for (let j = from; j < this.journal.length; j++) names.add(this.journal[j].name);
    for (let j = from; j < c.journal; j++) names.add(memo.journal[j].name);
    for (const n of names) if (!sameMacro(this.macros.get(n), valueAt(memo, n, c.journal))) return undefined;
    // what the rest of the remembered run read must read the same now
    const rest = memo.reads.slice(c.reads, end.reads);
    if (!this.readsHold(rest)) return undefined;
    // (the remembered document's lines after the edit are this one's now: their old places from the lexer)
    const { fromLine, midLine } = reuse;
    const sh = new OriginShift(F.path, fromLine, shift);
    const diags = memo.diags.slice(c.diags, end.diags);
    if (shift !== 0 && diags.some((d) => d.related?.some((r) => OriginShift.touches(r.origin, F.path, midLine, fromLine)))) return undefined;

    const d = {
      out: this.out.length - c.out, diags: this.diags.length - c.diags, dropped: this.droppedDiags - c.dropped, files: this.files.length - c.files,
      reads: this.readLog.length - c.reads, journal: this.journal.length - c.journal, lineUses: this.lineUses - c.lineUses,
    };
    const moved = (x: Checkpoint): Checkpoint => ({
      ...x,
      idx: mapIdx(x.idx),
      peek: x.peek >= reuse.oldSuffix ? mapIdx(x.peek) : x.peek,
      out: x.out + d.out,
      diags: x.diags + d.diags,
      dropped: x.dropped + d.dropped,
      files: x.files + d.files,
      reads: x.reads + d.reads,
      journal: x.journal + d.journal,
      lineUses: x.lineUses + d.lineUses,
      conds: x.conds.map((k) => ({ ...k, lineIdx: mapIdx(k.lineIdx) })),
    });
    this.tail = { file: F.path, from: new WeakRef(memo.out), oldFrom: c.out, newFrom: this.out.length, shift };
    for (let i = c.out; i < end.out; i++) {
      const L = memo.out[i];
      this.out.push(shift === 0 ? L : L.viaFallback ? { text: L.text, origin: sh.origin(L.origin), viaFallback: L.viaFallback } : { text: L.text, origin: sh.origin(L.origin) });
    }
    for (const x of diags) {
      if (shift === 0) this.diags.push(x);
      else {
        const related = x.related?.map((r) => ({ message: r.message, origin: sh.origin(r.origin) }));
        this.diags.push(related ? { ...x, origin: sh.origin(x.origin), related } : { ...x, origin: sh.origin(x.origin) });
      }
    }
    for (let i = c.files; i < end.files; i++) this.addFile(memo.files[i]);
    for (const r of rest) this.readLog.push(r);
    const defs = new Map<MacroDef, MacroDef>();
    const moveDef = (m: MacroDef | undefined): MacroDef | undefined => {
      if (!m || shift === 0) return m;
      let r = defs.get(m);
      if (!r) defs.set(m, (r = new MacroDef(m.shape, sh.origin(m.origin), m.fromFallback)));
      return r;
    };
    for (let j = c.journal; j < end.journal; j++) {
      const e = memo.journal[j];
      const next = moveDef(e.next);
      const prev = this.macros.get(e.name);
      if (next) this.macros.set(e.name, next);
      else this.macros.delete(e.name);
      this.journal.push({ name: e.name, prev, next });
    }
    this.restoreSmall(end);
    this.lineUses += end.lineUses - c.lineUses;
    const lastCp = this.checkpoints[this.checkpoints.length - 1];
    if (!lastCp || lastCp.idx < mapIdx(c.idx)) this.checkpoints.push(moved(c));
    for (const x of memo.checkpoints) if (x.idx > c.idx) this.checkpoints.push(moved(x));
    return moved(end);
  }

  /** The main file's lines, with checkpoints and (after resuming) a splice into the remembered run; the end state when spliced. */
  private processMain(F: FileState, splices: readonly { c: Checkpoint; newIdx: number }[], interval: number, memo: Memo | undefined, reuse: Reuse | undefined): Checkpoint | undefined {
    this.stack.push(F);
    if (!this.noted.has(F.path)) {
      this.noted.add(F.path);
      for (const n of F.lexed.notes) {
        this.diag(n.severity, n.code, n.message, { loc: { file: F.path, line: n.line, startCol: n.col, endCol: n.col + 1 }, stack: F.frames });
      }
    }
    const last = this.checkpoints[this.checkpoints.length - 1];
    let next = last ? last.idx + interval : 0;
    let si = 0;
    for (;;) {
      if (this.remembering) {
        while (si < splices.length && splices[si].newIdx < F.idx) si++;
        if (si < splices.length && splices[si].newIdx === F.idx) {
          const end = this.splice(memo!, reuse!, splices[si].c, F);
          si++;
          if (end) {
            this.stack.pop();
            return end;
          }
        }
        if (F.idx >= next) {
          this.checkpoints.push(this.checkpoint(F));
          next = F.idx + interval;
        }
      }
      const L = this.nextText(F, false);
      if (L === null) break;
      this.emit(F, L);
    }
    for (const c of F.conds) {
      this.diag('error', 'cpp/unterminated-conditional', `unterminated #${this.directiveName(c.line) ?? 'if'}`, this.lineOrigin(F, c.line));
    }
    this.stack.pop();
    return undefined;
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

  private diag(severity: Severity, code: FrontEndCode, message: string, origin: Origin, related?: Diagnostic['related']): void {
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
        if (F === this.main && F.idx + k > this.peek) this.peek = F.idx + k;
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
      case 'LINE':
        if (F === this.main) this.lineUses++;
        return num(line + 1 + F.lineDelta);
      case 'FILE': return str(remapMacroFile(F.presumed, this.opts.macroPrefixMap));
      case 'BASE_FILE': return str(remapMacroFile(this.opts.file, this.opts.macroPrefixMap));
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
    if (this.remembering) this.readLog.push({ path, text });
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
        this.setMacro(r.macro.name, r.macro);
        return;
      }
      case 'undef': {
        const t = toks()[0];
        if (!t) return this.diag('error', 'cpp/bad-define', 'no macro name given in #undef directive', this.lineOrigin(F, L));
        if (t.k !== K.Ident) return this.diag('error', 'cpp/bad-define', 'macro names must be identifiers', this.lineOrigin(F, L));
        if (this.macros.has(t.s)) this.setMacro(t.s, undefined);
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
        this.diag(name === 'error' ? 'error' : 'warning', name === 'error' ? 'cpp/error' : 'cpp/warning', `#${name}${msg ? ' ' + msg : ''}`, this.lineOrigin(F, L));
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
    if (F === this.main) this.lineUses++;
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
          this.setMacro(name, list.pop());
        }
      }
      return;
    }
    if (word === 'GCC' && (t[1]?.s === 'warning' || t[1]?.s === 'error')) {
      const msg = t[2]?.k === K.String ? t[2].s.slice(1, -1) : '';
      this.diag(t[1].s === 'error' ? 'error' : 'warning', t[1].s === 'error' ? 'cpp/pragma-error' : 'cpp/pragma-warning', msg || `#pragma GCC ${t[1].s}`, this.lineOrigin(F, L));
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
        if (macros.mayName(text, i, j) && macros.has(text.slice(i, j))) return true;
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
