// What lets an assembly resume from an earlier one after an edit: the state at a checkpoint
// (counts into the run's arrays, copies of its small mutable records), the remembered runs, and
// the comparisons that say two states are alike.
import { ArchState } from './gas-arch';
import { MacroDef } from './gas-macro';
import { SectionBuilder } from './layout';
import { OriginShift, sameOrigin } from './origin-shift';
import { Diagnostic, Origin, PpLine, PpTail, PreprocessResult, SourceHost } from './types';
import { Cond, FileRead, Fixup, GasOptions, PoolEntry, SymRec, readBytes } from './gas-state';


/** The state before a top-level line: counts into the run's arrays, copies of mutable records. */
export interface Checkpoint {
  readonly line: number;
  readonly sections: readonly { key: string; name: string; subsection: number; start: number; flags: string; type: string; size: number; items: number }[];
  readonly cur: string;
  readonly prev?: string;
  readonly sectionStack: readonly { cur: string; prev?: string }[];
  /**
   * Symbol records changed since the previous checkpoint (restoring replays them in order); frozen
   * (a run that shares one copies it before a change).
   */
  readonly symbols: readonly SymRec[];
  readonly macros: readonly [string, MacroDef][];
  readonly aliases: readonly [string, string][];
  readonly localCounts: readonly [string, number][];
  readonly fixups: number;
  readonly diagnostics: number;
  readonly unknownMnemonics: number;
  readonly predefinedQueries: number;
  readonly includes: number;
  readonly conds: readonly Cond[];
  readonly arch: ArchState;
  readonly macroCounter: number;
  readonly statements: number;
  readonly poolCounter: number;
  readonly absoluteEqus: number;
  readonly tlsCall: string | undefined;
  readonly altmacro: boolean;
  readonly localCounter: number;
  readonly pools: readonly { section: string; origin: Origin; bySize: [number, PoolEntry[]][] }[];
  /** How the statements since the previous checkpoint depended on places in sections (absent: not at all). */
  readonly place?: PlaceUse;
  /** Taken at an edit (before its first line, after its last), by the run numbered so; not at an interval. */
  readonly edit?: number;
}

/**
 * Where statements of an interval used the place of bytes in a section during the pass (by section
 * name): names whose section-relative values went into a value kept then (`.` too), the largest
 * alignment, and sections where anything else pinned the layout (.org, relocation addends …).
 * A splice may move the rest of a section only when its statements used no place before the move.
 */
export interface PlaceUse {
  readonly names: Map<string, Set<string>>;
  readonly align: Map<string, number>;
  readonly pinned: Set<string>;
}

/** A finished run of a file, kept so that the next assembly of it can resume after an edit. */
export interface Memo {
  readonly key: string;
  readonly lines: readonly PpLine[];
  readonly checkpoints: readonly Checkpoint[];
  readonly sections: ReadonlyMap<string, SectionBuilder>;
  readonly fixups: readonly Fixup[];
  /** By fixup: how a branch to a name was resolved (see branchDists in gas-instructions.ts). */
  readonly dists: readonly number[];
  readonly diagnostics: readonly Diagnostic[];
  readonly unknownMnemonics: readonly { index: number; name: string }[];
  readonly predefinedQueries: readonly { name: string; value?: bigint; source?: string }[];
  readonly includes: readonly FileRead[];
  /** The state after the last statement (and the literal pools written at the end), before fixups. */
  readonly end: Checkpoint;
  /** The run stopped at the statement limit (its end state cannot stand for another run's). */
  readonly hitLimit: boolean;
}

/**
 * Checkpoint `b` standing for the interval before `a` too (`a` dropped): `a`'s symbol records then
 * `b`'s (replayed in order: a later record of a name wins), their place uses joined.
 */
export function joinIntervals(a: Checkpoint, b: Checkpoint): Checkpoint {
  return { ...b, symbols: a.symbols.length ? [...a.symbols, ...b.symbols] : b.symbols, place: joinPlace(a.place, b.place) };
}

function joinPlace(a: PlaceUse | undefined, b: PlaceUse | undefined): PlaceUse | undefined {
  if (!a || !b) return a ?? b;
  const names = new Map(a.names);
  for (const [k, v] of b.names) names.set(k, new Set([...(names.get(k) ?? []), ...v]));
  const align = new Map(a.align);
  for (const [k, v] of b.align) align.set(k, Math.max(align.get(k) ?? 0, v));
  return { names, align, pinned: new Set([...a.pinned, ...b.pinned]) };
}

/** Whether the host still gives what a run read. */
export function sameRead(host: SourceHost | undefined, r: FileRead): boolean {
  if (r.text !== undefined) return host?.readFile(r.path) === r.text;
  const now = readBytes(host, r.path);
  return !!now && !!r.bytes && Buffer.compare(now, r.bytes) === 0;
}

/** Checkpoints per file (at least CHECKPOINT_MIN lines apart); files remembered. */
export const CHECKPOINTS = 24;
export const CHECKPOINT_MIN = 200;
/**
 * Checkpoints taken at edits a file keeps (the newest): typing goes on where it was, and the next
 * run resumes right before the edited line and takes the rest over right after it.
 */
export const EDIT_CHECKPOINTS = 4;
export const MAX_MEMOS = 16;
export const memos = new Map<string, Memo>();

export function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export function sameEntries<K, V>(a: readonly (readonly [K, V])[], b: readonly (readonly [K, V])[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i][0] !== b[i][0] || a[i][1] !== b[i][1]) return false;
  return true;
}

/** `same(a's origin, b's)`: equal origins, or a's is b's moved (a splice after lines were added). */
export function sameMacro(a: MacroDef, b: MacroDef, same: (x: Origin, y: Origin) => boolean = sameOrigin): boolean {
  if (a.name !== b.name || !same(a.origin, b.origin) || a.body.length !== b.body.length || JSON.stringify(a.params) !== JSON.stringify(b.params)) return false;
  for (let i = 0; i < a.body.length; i++) if (a.body[i].text !== b.body[i].text || !same(a.body[i].origin, b.body[i].origin)) return false;
  return true;
}

/**
 * The lines after the last changed one: the remembered run's lines from `oldFrom` on are this
 * run's from `newFrom` on, their origins moved by `shift` (undefined: not moved).
 */
export interface Suffix {
  readonly oldFrom: number;
  readonly newFrom: number;
  readonly shift?: OriginShift;
}

/** The line of `file` an output line was written at (its outermost expansion's place there). */
function writtenAt(o: Origin, file: string): number | undefined {
  const f = o.stack[0];
  if (f) return f.at.file === file ? f.at.line : undefined;
  return o.loc.file === file ? o.loc.line : undefined;
}

/** The smallest line of `file` an origin names. */
function lowestLine(o: Origin, file: string, low: number): number {
  if (o.loc.file === file && o.loc.line < low) low = o.loc.line;
  for (const f of o.stack) if (f.at.file === file && f.at.line < low) low = f.at.line;
  return low;
}

/**
 * The common tail of two runs' lines after the first `k`: equal texts, origins equal or all
 * moved by the same number of lines of the main file (lines added or removed before them).
 * The lines the preprocessor took over from its previous run (`known`, when that run's lines
 * are `a`) are such a tail: the search goes on before them.
 */
function findSuffix(a: readonly PpLine[], b: readonly PpLine[], k: number, file: string, known?: PpTail): Suffix {
  const max = Math.min(a.length, b.length) - k;
  let m = 0;
  let all: OriginShift | undefined;
  let low = Number.MAX_SAFE_INTEGER;
  if (known && known.file === file && known.from.deref() === a && a.length - known.oldFrom === b.length - known.newFrom && a.length - known.oldFrom <= max) {
    m = a.length - known.oldFrom;
    if (m > 0) {
      // (each line names lines of the file from its own on: the first names the lowest)
      low = lowestLine(a[known.oldFrom].origin, file, low);
      if (known.shift !== 0) all = new OriginShift(file, 0, known.shift);
    }
  }
  for (; m < max; m++) {
    const x = a[a.length - 1 - m];
    const y = b[b.length - 1 - m];
    if (x.text !== y.text) break;
    if (all === undefined) {
      if (sameOrigin(x.origin, y.origin)) {
        low = lowestLine(x.origin, file, low);
        continue;
      }
      const p = writtenAt(x.origin, file);
      const q = writtenAt(y.origin, file);
      // (lines after these that name the file where they did: no move)
      if (p === undefined || q === undefined || p === q || low !== Number.MAX_SAFE_INTEGER) break;
      // every line of the file moves: the lowest one the tail names is where the move starts
      all = new OriginShift(file, 0, q - p);
    }
    if (!all.same(y.origin, x.origin)) break;
    low = lowestLine(x.origin, file, low);
  }
  return { oldFrom: a.length - m, newFrom: b.length - m, shift: all && new OriginShift(file, low, all.delta) };
}

/**
 * The file runs are remembered by: the preprocessor's main file (the first it read), not where
 * the first line came from, which is a header in most kernel sources.
 */
export function mainFileOf(pp: PreprocessResult): string | undefined {
  return pp.files[0] ?? pp.lines[0]?.origin.loc.file;
}

/** The remembered run and checkpoint an assembly of these lines can resume from, if any. */
export function findResume(pp: PreprocessResult, opts: GasOptions, key: string): { memo: Memo; checkpoint: Checkpoint; suffix: Suffix; changed: number } | undefined {
  const file = mainFileOf(pp);
  const memo = file === undefined ? undefined : memos.get(file);
  if (!memo || memo.key !== key || memo.checkpoints.length === 0) return undefined;
  const a = memo.lines;
  const b = pp.lines;
  const n = Math.min(a.length, b.length);
  let k = 0;
  // (the preprocessor hands over the lines before its own resume point as they were: compared by
  // identity, their objects are not read)
  while (k < n && (a[k] === b[k] || (a[k].text === b[k].text && sameOrigin(a[k].origin, b[k].origin)))) k++;
  let cp: Checkpoint | undefined;
  for (const c of memo.checkpoints) {
    if (c.line > k) break;
    cp = c;
  }
  if (!cp) return undefined;
  // what the lines before the checkpoint asked of the world must have the same answers
  for (const q of memo.predefinedQueries.slice(0, cp.predefinedQueries)) {
    const now = opts.predefined?.(q.name);
    if (now?.value !== q.value || now?.source !== q.source) return undefined;
  }
  for (const inc of memo.includes.slice(0, cp.includes)) if (!sameRead(opts.host, inc)) return undefined;
  // the lines after the last changed one: the remembered run's rest may be reused from a checkpoint there
  return { memo, checkpoint: cp, suffix: findSuffix(a, b, k, file!, pp.reuse?.tail), changed: k };
}
