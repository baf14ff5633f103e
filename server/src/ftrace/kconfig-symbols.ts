// kconfig/unknown-symbol: a CONFIG_ name tested in `IS_ENABLED()` (IS_BUILTIN, IS_MODULE,
// IS_REACHABLE), `#ifdef`, `#ifndef`, `#if`/`#elif` that no Kconfig file defines is never set, so
// the test is silently false: `IS_ENABLED(CONFIG_FTRACE_WITH_REGS)` kept the REGS PLT from ever
// being used (91970bef48d6). For C and .S files alike (both go through cpp).
//
// The known names come from the kernel tree's Kconfig files (from <root>/Kconfig, following
// source/rsource/osource/orsource with $(SRCARCH) = arm64) when a source root is configured:
// then any unknown name warns. Otherwise they come from the built-in ftrace/arm64 list
// (eras.ts), which is partial: only a near miss of a listed name warns. Each message says which
// list was used; a "did you mean" fix replaces the name.
import { dirname, join } from 'node:path';
import { Diagnostic } from '../asm/types';
import { ScanResult, Token, scanC } from './c-scanner';
import { C_RULES } from './c-rules';
import { knownKconfigSymbols } from './eras';

export interface KconfigSymbols {
  /** Said in messages: where the names come from. */
  readonly source: string;
  /** The names are every symbol of a tree: any other name is unknown (else only near misses are). */
  readonly complete: boolean;
  /** Whether NAME (without CONFIG_) is a symbol. */
  has(name: string): boolean;
  names(): readonly string[];
}

const builtins = new Map<string, KconfigSymbols>();

/** The built-in, partial list (one object per reason, so near-miss results are cached with it). */
export function builtinKconfigSymbols(why = 'no kernel source root is configured'): KconfigSymbols {
  const hit = builtins.get(why);
  if (hit) return hit;
  const set = knownKconfigSymbols();
  const names = [...set].sort();
  if (builtins.size > 16) builtins.clear();
  const k: KconfigSymbols = {
    source: `the built-in list of ftrace/arm64 Kconfig symbols (${why})`,
    complete: false,
    // a HAVE_X selector implies the user-visible X in these lists
    has: (n) => set.has(n) || set.has('HAVE_' + n),
    names: () => names,
  };
  builtins.set(why, k);
  return k;
}

// --- the tree's Kconfig files ---------------------------------------------------------------------

const MAX_FILES = 6000;
const MAX_BYTES = 96 * 1024 * 1024;
const CONFIG_LINE = /^\s*(?:menu)?config\s+([A-Za-z0-9_]+)\s*$/;
const SOURCE_LINE = /^\s*(o?r?source)\s+"([^"]*)"/;

interface ParsedFile {
  readonly text: string;
  readonly names: readonly string[];
  readonly sources: readonly { readonly kind: string; readonly path: string }[];
}

/** Parsed Kconfig files by path, kept while their text is the same (bounded). */
const parsed = new Map<string, ParsedFile>();

function parseKconfigFile(path: string, text: string): ParsedFile {
  const hit = parsed.get(path);
  if (hit && hit.text === text) return hit;
  const names: string[] = [];
  const sources: { kind: string; path: string }[] = [];
  for (const line of text.split('\n')) {
    let m = CONFIG_LINE.exec(line);
    if (m) names.push(m[1]);
    else if ((m = SOURCE_LINE.exec(line))) sources.push({ kind: m[1], path: m[2] });
  }
  const p = { text, names, sources };
  if (parsed.size > 8000) parsed.clear();
  parsed.set(path, p);
  return p;
}

const VARS: Record<string, string> = { SRCARCH: 'arm64', ARCH: 'arm64', HEADER_ARCH: 'arm64' };

/**
 * The symbols of the Kconfig tree at `root`, read on first use through `readFile`. Falls back to
 * the built-in list when `root/Kconfig` cannot be read; a tree with unreadable or glob `source`s
 * is treated as partial.
 */
export function kconfigTreeSymbols(root: string, readFile: (path: string) => string | undefined): KconfigSymbols {
  let loaded: KconfigSymbols | undefined;
  const load = (): KconfigSymbols => {
    if (loaded) return loaded;
    const top = join(root, 'Kconfig');
    if (readFile(top) === undefined) return (loaded = builtinKconfigSymbols(`${top} could not be read`));
    const set = new Set<string>();
    const seen = new Set<string>();
    const queue = [top];
    let missing = 0;
    let bytes = 0;
    let cut = false;
    while (queue.length) {
      const f = queue.shift()!;
      if (seen.has(f)) continue;
      if (seen.size >= MAX_FILES || bytes > MAX_BYTES) {
        cut = true;
        break;
      }
      seen.add(f);
      const text = readFile(f);
      if (text === undefined) {
        missing++;
        continue;
      }
      bytes += text.length;
      const p = parseKconfigFile(f, text);
      for (const n of p.names) set.add(n);
      for (const s of p.sources) {
        const optional = s.kind.startsWith('o');
        let unresolved = false;
        const path = s.path.replace(/\$\((\w+)\)/g, (_, v: string) => VARS[v] ?? ((unresolved = true), ''));
        if (unresolved || /[*?[]/.test(path)) {
          if (!optional) missing++;
          continue;
        }
        const abs = s.kind === 'rsource' || s.kind === 'orsource' ? join(dirname(f), path) : join(root, path);
        if (optional && readFile(abs) === undefined) continue;
        queue.push(abs);
      }
    }
    const names = [...set].sort();
    const complete = missing === 0 && !cut;
    const source = `the Kconfig files of ${root} (${seen.size} read${complete ? '' : `, ${cut ? 'cut at the size limit' : `${missing} not found`}: the list may be partial`})`;
    return (loaded = { source, complete, has: (n) => set.has(n), names: () => names });
  };
  return {
    get source() {
      return load().source;
    },
    get complete() {
      return load().complete;
    },
    has: (n) => load().has(n),
    names: () => load().names(),
  };
}

// --- near misses ------------------------------------------------------------------------------------

/** Optimal string alignment distance, giving up above `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/**
 * One `_`-separated word more or less: FTRACE_WITH_REGS ~ DYNAMIC_FTRACE_WITH_REGS. With
 * `droppedOnly`, only a name missing a word of `y` counts (ARM64_VA_BITS_52 is a real option one
 * word longer than ARM64_VA_BITS).
 */
function oneWordApart(x: readonly string[], y: readonly string[], droppedOnly: boolean): boolean {
  if (droppedOnly ? y.length - x.length !== 1 : Math.abs(x.length - y.length) !== 1) return false;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  if (short.length < 2) return false;
  for (let skip = 0; skip < long.length; skip++) {
    if (long[skip] === 'HAVE') continue;
    if (long.every((w, i) => i === skip || w === short[i < skip ? i : i - 1])) return true;
  }
  return false;
}

const nearMemo = new WeakMap<KconfigSymbols, Map<string, string | null>>();

/**
 * The known name `name` most likely misspells (memoised per list). Against a partial list a
 * difference in digits only (ARM64_ERRATUM_845719 vs 843419) is no misspelling: real names differ
 * that way.
 */
export function nearestSymbol(name: string, known: KconfigSymbols): string | undefined {
  let memo = nearMemo.get(known);
  if (!memo) nearMemo.set(known, (memo = new Map()));
  let r = memo.get(name);
  if (r === undefined) {
    if (memo.size > 50_000) memo.clear();
    memo.set(name, (r = nearestUncached(name, known) ?? null));
  }
  return r ?? undefined;
}

const splitMemo = new WeakMap<readonly string[], readonly (readonly string[])[]>();

function nearestUncached(name: string, known: KconfigSymbols): string | undefined {
  const max = name.length >= 12 ? 2 : 1;
  const names = known.names();
  let split = splitMemo.get(names);
  if (!split) splitMemo.set(names, (split = names.map((n) => n.split('_'))));
  const words = name.split('_');
  const partial = !known.complete;
  const shape = (n: string) => n.replace(/[0-9]/g, '#');
  let best: string | undefined;
  let bestD = Infinity;
  for (let i = 0; i < names.length; i++) {
    const k = names[i];
    let d = distance(name, k, max);
    if (d <= max && partial && shape(name) === shape(k)) d = max + 1;
    const score = d <= max ? d : oneWordApart(words, split[i], partial) ? max + 0.5 : Infinity;
    if (score < bestD) {
      bestD = score;
      best = k;
    }
  }
  return best;
}

// --- the check --------------------------------------------------------------------------------------

const IF_DIRECTIVES = new Set(['if', 'elif', 'ifdef', 'ifndef', 'elifdef', 'elifndef']);
const IS_MACROS = new Set(['IS_ENABLED', 'IS_BUILTIN', 'IS_MODULE', 'IS_REACHABLE']);
const MAX_REPORTS = 200;

/** CONFIG_ names the file tests (preprocessor conditions, IS_ENABLED() and friends). */
function testedNames(scan: ScanResult): Token[] {
  const out: Token[] = [];
  for (const d of scan.directives) {
    if (!d.length || !IF_DIRECTIVES.has(d[0].text)) continue;
    for (const t of d.slice(1)) if (t.kind === 'ident' && t.text.startsWith('CONFIG_')) out.push(t);
  }
  const toks = scan.tokens;
  for (let i = 0; i + 3 < toks.length; i++) {
    if (toks[i].kind !== 'ident' || !IS_MACROS.has(toks[i].text) || toks[i + 1].text !== '(') continue;
    const t = toks[i + 2];
    if (t.kind === 'ident' && t.text.startsWith('CONFIG_') && toks[i + 3].text === ')') out.push(t);
  }
  return out;
}

export function checkKconfigSymbols(scan: ScanResult, file: string, known: KconfigSymbols): Diagnostic[] {
  const names = testedNames(scan);
  if (!names.length) return [];
  const own = new Set<string>();
  for (const d of scan.directives) if ((d[0]?.text === 'define' || d[0]?.text === 'undef') && d[1]?.text.startsWith('CONFIG_')) own.add(d[1].text);
  const out: Diagnostic[] = [];
  for (const t of names) {
    if (out.length >= MAX_REPORTS) break;
    const full = t.text;
    if (own.has(full)) continue;
    const name = full.slice('CONFIG_'.length);
    if (!name || known.has(name) || (name.endsWith('_MODULE') && known.has(name.slice(0, -'_MODULE'.length)))) continue;
    const near = nearestSymbol(name, known);
    if (!near && !known.complete) continue; // a partial list says nothing about a name far from all it holds
    out.push({
      severity: C_RULES['kconfig/unknown-symbol'].severity,
      code: 'kconfig/unknown-symbol',
      message: `${full} is not defined in ${known.source}${near ? `: did you mean CONFIG_${near}?` : '.'} An undefined symbol is never set: IS_ENABLED() is 0 and #ifdef is false`,
      origin: { loc: { file, line: t.line, startCol: t.col, endCol: t.endCol }, stack: [] },
      ...(near ? { fixes: [{ title: `Change to CONFIG_${near}`, edits: [{ loc: { file, line: t.line, startCol: t.col, endCol: t.endCol }, newText: `CONFIG_${near}` }] }] } : {}),
    });
  }
  return out;
}

/** The check over a file's text (C or .S). */
export function checkKconfigText(text: string, file: string, known: KconfigSymbols): Diagnostic[] {
  if (!text.includes('CONFIG_')) return []; // most .S files: no need to lex them as C
  return checkKconfigSymbols(scanC(text), file, known);
}
