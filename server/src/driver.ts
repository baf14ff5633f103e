// The one per-document analysis pipeline. The language server and the CLI call it; neither runs a
// core by itself. Input: a document (uri, version, text), the settings, and a file host; output:
// one `DocumentAnalysis` — outline, assembly, ABI entries, patch sites, C annotations, diagnostics
// from every core with the settings' levels, and the kernel environment (era, config, asm-offsets)
// they were computed in.
//
// Pure: no LSP import, no I/O except through the host. Results are cached per (uri, version,
// settings); files read through the host are cached until `invalidate(path)`, and lexed includes
// are shared by content in the front end's SourceCache, so an edit re-reads nothing unchanged.
// A core that throws is recorded in `failures`; the other cores' results stand.
//
// Use from a CLI command (settings from the command line, see settings.ts for every key):
//
//   const driver = new Driver({ host: diskHost, roots: [process.cwd()] });   // disk-host.ts
//   const a = driver.analyze({ uri: pathToFileURL(file).href, version: 0, text },
//                            normalizeSettings({ includePaths: ['-I dirs'], era: 'mcount', kconfig: '.config', defines: ['X=1'] }));
//   a.diagnostics   // every core's, with `level` (error/warning/information/hint)
//   a.assembly      // the front end's AssembleResult (listing, layout, symbols)
//
// Configuration: `.config` (settings.kconfig, else <buildDir>/.config) gives the CONFIG_* defines;
// without one, the era's typical config does (eras.ts), then settings.config and settings.defines
// apply on top. The era: the `era` setting, else ('auto') the build dir's kernel release
// (utsrelease.h, kernel.release), else the source tree's Makefile version, else a
// `// aarch64-ftrace: era=NAME` comment in the file's first 4 KiB (which also beats an explicit
// setting), else the newest; `env.eraReason` says which.
import { dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import type { AssembleResult, Diagnostic, SourceHost } from './asm/types';
import { assemble, type AssembleOptions } from './asm/gas';
import { CachingHost } from './asm/source-cache';
import { KERNEL_FALLBACK_HEADERS } from './asm/kernel-fallbacks';
import { analyzeAssembly, contractOverrides, type AbiCheckOptions, type EntryInfo, type FtraceStyle } from './analysis';
import type { Cfg } from './analysis/cfg';
import { asmOffsetsProvider, type AsmOffsetsLookup } from './ftrace/asm-offsets';
import { listAsmPatchSites, type AsmSite, type AsmSitesOptions } from './ftrace/asm-sites';
import { annotateCSource, checkCSource, type CAnnotation, type CCheckOptions } from './ftrace/c-check';
import { scanCOutline } from './ftrace/c-outline';
import { scanC } from './ftrace/c-scanner';
import { builtinKconfigSymbols, checkKconfigText, kconfigTreeSymbols, type KconfigSymbols } from './ftrace/kconfig-symbols';
import { parseSystemMap, type KernelSymbols } from './ftrace/elf-sites';
import { defaultEra, eraDefines, findEra, type KernelEra } from './ftrace/eras';
import { eraOfVersion, makefileRelease, parseKernelRelease, utsRelease, type KernelVersion } from './ftrace/kernel-version';
import { configForEra, type PatchConfig } from './ftrace/patch-sites';
import { declaredGenerators } from './ftrace/insn-api';
import { classify, kindOf, type DegradeReason, type DocumentKind } from './document-kind';
import { EMPTY_OUTLINE, scanOutline, type Outline } from './asm/outline';
import { ruleSeverity, type RuleSeverity, type Settings } from './settings';

export { kindOf, type DocumentKind } from './document-kind';
// lsp/ reads the outline's types and the scan through the driver
export { scanOutline, type FoldRange, type Outline, type OutlineKind, type OutlineSymbol } from './asm/outline';
export type Level = Exclude<RuleSeverity, 'off'>;

/** A core diagnostic with the level the settings give it ('off' ones are dropped). */
export interface LeveledDiagnostic extends Diagnostic {
  readonly level: Level;
}

export interface DocumentInput {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** 'aarch64-asm', 'c', …; the file extension decides when absent. */
  readonly languageId?: string;
}

// --- the kernel environment a document is analysed in ------------------------------------------

export interface Environment {
  readonly era: KernelEra;
  /** What decided the era: 'settings', 'file comment', 'build dir', 'source tree' or 'default'. */
  readonly eraSource: string;
  /** The same in words, with the version and file read (status bar, hovers). */
  readonly eraReason: string;
  /** The tree's kernel version when 'auto' read one (the insn.h table is versioned finer than eras). */
  readonly kernelVersion?: KernelVersion;
  readonly includePaths: readonly string[];
  readonly forcedIncludes: readonly string[];
  /** settings.macroPrefixMap as pairs (OLD, NEW). */
  readonly macroPrefixMap: readonly (readonly [string, string])[];
  /** Preprocessor defines: CONFIG_* (from .config, the era or settings) and -D. */
  readonly defines: ReadonlyMap<string, string>;
  readonly configSource: string;
  readonly asmOffsets: AsmOffsetsLookup;
  /** The patch-site model's configuration (era, CALL_OPS, BTI, direct calls …). */
  readonly patchConfig: PatchConfig;
  /** The kernel's symbol addresses (`<buildDir>/System.map`), for patch-site words at real addresses. */
  readonly kernelSymbols?: KernelSymbols;
  /** Kconfig symbol names for kconfig/unknown-symbol: the source tree's Kconfig files, else the built-in list. */
  readonly kconfigSymbols: KconfigSymbols;
  /**
   * Without a build dir's asm-offsets.h: which undefined names kbuild would generate there (the
   * tree's asm-offsets.c DEFINE()s, else the era table's naming patterns); see kbuildSymbols.
   */
  readonly generatedSymbol?: (name: string) => boolean;
  /** The generators the source tree's asm/insn.h declares: they override the insn.h version table. */
  readonly insnHeader?: { readonly file: string; readonly generators: ReadonlySet<string> };
  /** Settings that could not be honoured (a missing build dir file, an unknown era …). */
  readonly problems: readonly string[];
}

export interface Timings {
  readonly totalMs: number;
  readonly assembleMs: number;
  readonly checkMs: number;
}

export interface DocumentAnalysis {
  readonly uri: string;
  readonly version: number;
  /** File path for `file:` URIs, else the URI itself (what Origins name). */
  readonly file: string;
  readonly kind: DocumentKind;
  readonly settings: Settings;
  /** Set when the document is too large or binary: nothing but this is computed. */
  readonly degraded?: DegradeReason;
  /** False for a C file outside the activation pattern (no analysis, no diagnostics). */
  readonly active: boolean;
  readonly outline: Outline;
  readonly env: Environment;
  /** The GNU as front end's result for an assembly document. */
  readonly assembly?: AssembleResult;
  /** The ABI checker's entries (each trampoline symbol with its contract) and its control-flow graph. */
  readonly abi?: { readonly entries: readonly EntryInfo[]; readonly style: FtraceStyle; readonly cfg?: Cfg };
  /** Patch sites of an assembly document (ftrace_call, ftrace_graph_call, annotated labels). */
  readonly patchSites?: readonly AsmSite[];
  /** A C document's folded insn-gen calls and instruction-word literals. */
  readonly cAnnotations?: readonly CAnnotation[];
  /** Diagnostics of every core, with the settings' levels. */
  readonly diagnostics: readonly LeveledDiagnostic[];
  /** Every file the analysis read (for invalidation when one changes). */
  readonly files: readonly string[];
  /** Cores that threw (a bug): the others' results are kept; the server logs these. */
  readonly failures?: readonly { readonly core: keyof Cores; readonly error: unknown }[];
  readonly timings: Timings;
}

/** The cores the driver runs; tests and tools may replace any of them (`DEFAULT_CORES` otherwise). */
export interface Cores {
  /** The GNU as front end: preprocess + assemble. */
  readonly assemble?: (opts: AssembleOptions) => AssembleResult;
  /** The ABI checker over an assembled file. */
  readonly analyzeAbi?: (result: AssembleResult, opts: AbiCheckOptions) => { readonly diagnostics: readonly Diagnostic[]; readonly entries: readonly EntryInfo[]; readonly style: FtraceStyle; readonly cfg?: Cfg };
  /** Patch sites of an assembled file. */
  readonly asmPatchSites?: (result: AssembleResult, opts: AsmSitesOptions) => { readonly sites: readonly AsmSite[]; readonly warnings: readonly string[] };
  /** The C insn-gen / patching checker. */
  readonly checkC?: (text: string, file: string, opts: CCheckOptions) => readonly Diagnostic[];
  /** Folded generator calls and word literals of a C file (hover, code lenses). */
  readonly annotateC?: (text: string, file: string, opts: CCheckOptions) => readonly CAnnotation[];
  /** Unknown CONFIG_ names in #if/#ifdef/IS_ENABLED() of a C or .S file. */
  readonly checkKconfig?: (text: string, file: string, known: KconfigSymbols) => readonly Diagnostic[];
}

export const DEFAULT_CORES: Cores = {
  assemble,
  analyzeAbi: analyzeAssembly,
  asmPatchSites: listAsmPatchSites,
  checkC: checkCSource,
  checkKconfig: checkKconfigText,
  annotateC: annotateCSource,
};

export interface DriverOptions {
  /** How files (includes, asm-offsets.h, .config) are read. */
  readonly host: SourceHost;
  /** Workspace folder paths: relative path settings resolve against the one holding the file. */
  readonly roots?: readonly string[];
  readonly cores?: Cores;
  /** Documents whose results are kept (least recently used go first). */
  readonly maxCached?: number;
}

/** `file:///a/b%20c.S` → `/a/b c.S`; other schemes stay as they are. */
export function fileOfUri(uri: string): string {
  if (!uri.startsWith('file://')) return uri;
  let p = uri.slice('file://'.length);
  const slash = p.indexOf('/');
  p = slash < 0 ? '/' : p.slice(slash); // drop an authority (file://host/…)
  try {
    p = decodeURIComponent(p);
  } catch {
    // keep it encoded
  }
  // file:///c%3A/x → c:/x on Windows-style URIs
  if (/^\/[A-Za-z]:/.test(p)) p = p.slice(1);
  return p;
}

// --- the driver ---------------------------------------------------------------------------------

interface CacheEntry {
  readonly version: number;
  readonly settingsKey: string;
  readonly text: string;
  readonly result: DocumentAnalysis;
}

export class Driver {
  private readonly host: CachingHost;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly envs = new Map<string, Environment>();
  /** Every path an environment read (config, asm-offsets.h, System.map, insn.h, Kconfig files …). */
  private readonly envFiles = new Set<string>();
  private readonly maxCached: number;
  private roots: readonly string[];
  cores: Cores;

  constructor(options: DriverOptions) {
    this.host = new CachingHost(options.host);
    this.cores = options.cores ?? DEFAULT_CORES;
    this.maxCached = options.maxCached ?? 64;
    this.roots = options.roots ?? [];
  }

  /** Workspace folders (paths) against which relative path settings resolve. */
  getRoots(): readonly string[] {
    return this.roots;
  }

  setRoots(roots: readonly string[]): void {
    this.roots = roots;
    this.envs.clear();
    this.cache.clear();
  }

  /** The analysis of a document version under some settings: cached, else computed now. */
  analyze(doc: DocumentInput, settings: Settings): DocumentAnalysis {
    const key = settingsKey(settings);
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.settingsKey === key && hit.text === doc.text) {
      this.cache.delete(doc.uri);
      this.cache.set(doc.uri, hit);
      return hit.result;
    }
    const result = this.compute(doc, settings);
    this.cache.delete(doc.uri);
    this.cache.set(doc.uri, { version: doc.version, settingsKey: key, text: doc.text, result });
    for (const [k] of this.cache) {
      if (this.cache.size <= this.maxCached) break;
      this.cache.delete(k);
    }
    return result;
  }

  /** The cached analysis of a document, whatever its version (for handlers racing an edit). */
  cached(uri: string): DocumentAnalysis | undefined {
    return this.cache.get(uri)?.result;
  }

  /** Analyses held in the cache. */
  get cacheSize(): number {
    return this.cache.size;
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /**
   * A file changed on disk (or an open include was edited): it is read again, and every cached
   * analysis that read it is dropped. Returns the URIs of the documents that depended on it.
   */
  invalidate(path: string): string[] {
    this.host.invalidate(path);
    // an edit of an ordinary document keeps the kernel environment: it is rebuilt only when one of its files changed
    if (this.envFiles.has(path)) {
      this.envs.clear();
      this.envFiles.clear();
    }
    const dropped: string[] = [];
    for (const [uri, e] of this.cache) {
      if (e.result.file !== path && e.result.files.includes(path)) {
        this.cache.delete(uri);
        dropped.push(uri);
      }
    }
    return dropped;
  }

  /**
   * The file an `#include`/`.include` of the analysed document names, searched as the front end
   * does: a quoted name first beside the document, then the include paths.
   */
  resolveInclude(a: DocumentAnalysis, name: string, angled: boolean): string | undefined {
    if (isAbsolute(name)) return this.host.readFile(name) !== undefined ? name : undefined;
    const dirs = angled ? a.env.includePaths : [dirname(a.file), ...a.env.includePaths];
    for (const d of dirs) {
      const p = join(d, name);
      if (this.host.readFile(p) !== undefined) return p;
    }
    return undefined;
  }

  /** A file's text as the analyses read it (open documents first, through the host's cache). */
  readFile(path: string): string | undefined {
    return path.startsWith('<') ? undefined : this.host.readFile(path);
  }

  /** Everything changed (settings files, a new build dir): drop all caches. */
  invalidateAll(): void {
    this.host.invalidate();
    this.envs.clear();
    this.cache.clear();
  }

  /**
   * The kernel environment for a file under some settings (cached per settings, root and in-file
   * era). `text` is read for a `// aarch64-ftrace: era=NAME` comment near the top, which wins
   * over the settings (as contract comments do in the ABI checker).
   */
  environment(file: string, settings: Settings, text = ''): Environment {
    const root = this.rootOf(file);
    const fileEra = eraComment(text);
    const key = `${root ?? ''}\0${fileEra ?? ''}\0${settingsKey(settings)}`;
    let env = this.envs.get(key);
    if (!env) {
      const recording: SourceHost = {
        readFile: (p) => {
          this.envFiles.add(p);
          return this.host.readFile(p);
        },
      };
      env = computeEnvironment(settings, root, recording, fileEra);
      if (this.envs.size > 32) this.envs.clear();
      this.envs.set(key, env);
    }
    return env;
  }

  private rootOf(file: string): string | undefined {
    let best: string | undefined;
    for (const r of this.roots) {
      if ((file === r || file.startsWith(r.endsWith('/') ? r : r + '/')) && (!best || r.length > best.length)) best = r;
    }
    return best ?? this.roots[0];
  }

  private compute(doc: DocumentInput, settings: Settings): DocumentAnalysis {
    const t0 = performance.now();
    const file = fileOfUri(doc.uri);
    const kind = kindOf(doc.uri, doc.languageId);
    const env = this.environment(file, settings, doc.text);
    const base = { uri: doc.uri, version: doc.version, file, kind, settings, env };
    const classification = classify(doc.text, settings.maxFileSize);
    if (classification.degraded) {
      return { ...base, degraded: classification.reason, active: false, outline: EMPTY_OUTLINE, diagnostics: [], files: [], timings: NO_TIME };
    }
    if (kind === 'c') return this.computeC(doc, base, t0);
    if (kind !== 'asm') return { ...base, active: false, outline: EMPTY_OUTLINE, diagnostics: [], files: [], timings: NO_TIME };

    const outline = scanOutline(doc.text);
    const c = this.cores;
    const failures: { core: keyof Cores; error: unknown }[] = [];
    const run = <T>(core: keyof Cores, f: () => T): T | undefined => {
      try {
        return f();
      } catch (error) {
        failures.push({ core, error });
        return undefined;
      }
    };
    const t1 = performance.now();
    const assembly = run('assemble', () => c.assemble?.({
      file,
      text: doc.text,
      host: this.host,
      includePaths: env.includePaths,
      defines: env.defines,
      builtinHeaders: KERNEL_FALLBACK_HEADERS,
      forcedIncludes: env.forcedIncludes,
      macroPrefixMap: env.macroPrefixMap,
      predefined: (name) => env.asmOffsets(name),
    }));
    const t2 = performance.now();
    const diagnostics: Diagnostic[] = [];
    let abi: DocumentAnalysis['abi'];
    let patchSites: readonly AsmSite[] | undefined;
    if (assembly) {
      diagnostics.push(...assembly.preprocess.diagnostics, ...assembly.diagnostics);
      const readFile = (f: string) => this.host.readFile(f);
      const r = run('analyzeAbi', () => c.analyzeAbi?.(assembly, { file, text: doc.text, defines: env.defines, readFile, contracts: settings.abi.contracts }));
      if (r) {
        diagnostics.push(...r.diagnostics);
        abi = { entries: r.entries, style: r.style, cfg: r.cfg };
      }
      patchSites = run('asmPatchSites', () => c.asmPatchSites?.(assembly, { config: env.patchConfig, kernel: env.kernelSymbols, text: doc.text, file }))?.sites;
      diagnostics.push(...(run('checkKconfig', () => c.checkKconfig?.(doc.text, file, env.kconfigSymbols)) ?? []));
    }
    const t3 = performance.now();
    return {
      ...base,
      active: true,
      outline,
      assembly,
      abi,
      patchSites,
      diagnostics: leveled(collapse(diagnostics, file, env), settings),
      files: assembly ? [...new Set([...assembly.preprocess.files, ...(assembly.filesRead ?? [])])].filter((f) => f !== file) : [],
      ...(failures.length ? { failures } : {}),
      timings: { totalMs: t3 - t0, assembleMs: t2 - t1, checkMs: t3 - t2 },
    };
  }

  private computeC(doc: DocumentInput, base: Pick<DocumentAnalysis, 'uri' | 'version' | 'file' | 'kind' | 'settings' | 'env'>, t0: number): DocumentAnalysis {
    const { settings, env, file } = base;
    const active = settings.c.enable && cActivated(file, doc.text, settings);
    // the outline (symbols, folding, include links) is a light scan: every C file gets one
    // one scan of the text serves the outline, the check and the annotations
    const scan = scanC(doc.text);
    const outline = scanCOutline(doc.text, scan);
    if (!active) return { ...base, active, outline, diagnostics: [], files: [], timings: NO_TIME };
    // the driver's settings decided that the file is checked: the core need not decide again
    const opts: CCheckOptions = {
      version: env.kernelVersion ?? env.era.name,
      force: true,
      scan,
      headers: settings.c.activationIncludes,
      kconfigSymbols: env.kconfigSymbols,
      ...(env.insnHeader ? { declaredGenerators: env.insnHeader.generators } : {}),
    };
    const failures: { core: keyof Cores; error: unknown }[] = [];
    const run = <T>(core: keyof Cores, f: () => T): T | undefined => {
      try {
        return f();
      } catch (error) {
        failures.push({ core, error });
        return undefined;
      }
    };
    const t1 = performance.now();
    const diagnostics = run('checkC', () => this.cores.checkC?.(doc.text, file, opts)) ?? [];
    const cAnnotations = run('annotateC', () => this.cores.annotateC?.(doc.text, file, opts));
    const t2 = performance.now();
    return {
      ...base,
      active,
      outline,
      cAnnotations,
      diagnostics: leveled(diagnostics, settings),
      files: env.insnHeader ? [env.insnHeader.file] : [],
      ...(failures.length ? { failures } : {}),
      timings: { totalMs: t2 - t0, assembleMs: 0, checkMs: t2 - t1 },
    };
  }
}

const NO_TIME: Timings = { totalMs: 0, assembleMs: 0, checkMs: 0 };

const KEYS = new WeakMap<Settings, string>();

/** A stable key of the settings that change analysis results. */
export function settingsKey(s: Settings): string {
  let k = KEYS.get(s);
  if (k === undefined) KEYS.set(s, (k = JSON.stringify(s)));
  return k;
}

/**
 * Names kbuild's asm-offsets.c typically DEFINE()s, for a document analysed without a source tree:
 * the built-in tables' families (S_, PT_REGS_, FREGS_, FGRET_REGS_, FTRACE_OPS_) and arm64's
 * other asm-offsets prefixes (task, thread, ptrauth, sleep, SMCCC, feature-override, CPU data).
 */
const ASM_OFFSETS_NAME = /^(S_|PT_REGS_|FREGS_|FGRET_REGS_|FTRACE_OPS_|TSK_|TI_|THREAD_|PTRAUTH_|SLEEP_STACK_DATA_|MPIDR_HASH_|ARM_SMCCC_|FTR_OVR_|CPU_BOOT_|CPU_CTX_|VMA_|MM_CONTEXT_|HIBERN_|KIMAGE_|COMPAT_|SIGFRAME_|RT_SIGFRAME_|DMA_|VCPU_|HOST_|NVHE_|SDEI_|STACKFRAME_)\w+$/;

const UNDEFINED_SYMBOL = 'asm/undefined-symbol';
const MAX_RELATED = 20;

/** The place a diagnostic shows in `file`: its own if there, else the first expansion frame written there. */
function anchorKey(d: Diagnostic, file: string): string {
  let l = d.origin.loc;
  if (l.file !== file) l = d.origin.stack.find((f) => f.at.file === file)?.at ?? l;
  return `${l.file}:${l.line}:${l.startCol}:${l.endCol}`;
}

/**
 * What a reader of `file` should see once: expansion duplicates (same code, message and place in
 * the file) collapse to the first; an undefined asm-offsets name (no build dir) is one warning per
 * name at its first use, the other uses as related information.
 */
function collapse(diags: readonly Diagnostic[], file: string, env: Environment): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const generated = new Map<string, { index: number; places: Set<string>; others: Diagnostic['origin'][] }>();
  for (const d of diags) {
    const name = d.code === UNDEFINED_SYMBOL && env.generatedSymbol ? /^undefined symbol (\S+) /.exec(d.message)?.[1] : undefined;
    if (name !== undefined && env.generatedSymbol!(name)) {
      const g = generated.get(name);
      const place = anchorKey(d, file);
      if (g) {
        if (!g.places.has(place) && g.others.length < MAX_RELATED) g.others.push(d.origin);
        g.places.add(place);
        continue;
      }
      generated.set(name, { index: out.length, places: new Set([place]), others: [] });
      out.push({
        ...d,
        severity: 'warning',
        message: `${name} is generated by kbuild (asm-offsets.h): set aarch64-ftrace.buildDir (CLI: --build) to a prepared build directory`,
      });
      continue;
    }
    const key = `${d.code}\0${d.message}\0${anchorKey(d, file)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  for (const [name, g] of generated) {
    if (g.others.length === 0) continue;
    const d = out[g.index];
    out[g.index] = { ...d, related: [...(d.related ?? []), ...g.others.map((origin) => ({ message: `${name} also used here`, origin }))] };
  }
  return out;
}

const LEVEL_OF_CORE: Record<Diagnostic['severity'], Level> = { error: 'error', warning: 'warning', info: 'information' };

function leveled(diags: readonly Diagnostic[], settings: Settings): LeveledDiagnostic[] {
  if (!settings.diagnostics.enable) return [];
  const out: LeveledDiagnostic[] = [];
  for (const d of diags) {
    const level = ruleSeverity(settings, d.code, LEVEL_OF_CORE[d.severity] ?? 'warning');
    if (level !== 'off') out.push({ ...d, level });
  }
  return out;
}

// --- environment --------------------------------------------------------------------------------

/** `CONFIG_X=y` / `# CONFIG_X is not set` lines of a kernel .config → defines as autoconf.h makes them. */
export function parseKconfig(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(CONFIG_[A-Za-z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    const v = m[2];
    if (v === 'y') out.set(m[1], '1');
    else if (v === 'm') out.set(m[1] + '_MODULE', '1');
    else if (v !== 'n' && v !== '') out.set(m[1], v);
  }
  return out;
}

const ERA_COMMENT = /aarch64-ftrace:\s*era\s*=\s*([\w.+-]+)/;

/** The era a file names in a `aarch64-ftrace: era=NAME` comment in its first 4 KiB. */
export function eraComment(text: string): string | undefined {
  return ERA_COMMENT.exec(text.length > 4096 ? text.slice(0, 4096) : text)?.[1];
}

/** Where the era came from, most specific first: explicit settings, the tree's version, a comment, the default. */
function chooseEra(s: Settings, buildDir: string | undefined, src: string | undefined, host: SourceHost, fileEra: string | undefined, problems: string[]): Pick<Environment, 'era' | 'eraSource' | 'eraReason' | 'kernelVersion'> {
  const named = (wanted: string, eraSource: string, eraReason: string) => {
    const found = findEra(wanted);
    if (found) return { era: found, eraSource, eraReason };
    problems.push(`unknown kernel era '${wanted}', using '${defaultEra().name}'`);
    return undefined;
  };
  const fromComment = () => (fileEra !== undefined ? named(fileEra, 'file comment', `from a comment in the file (era=${fileEra})`) : undefined);
  if (s.era !== 'auto') return fromComment() ?? named(s.era, 'settings', 'from the settings') ?? { era: defaultEra(), eraSource: 'default', eraReason: 'the default' };
  // 'auto': the configured tree's version decides
  const release = (file: string, parse: (text: string) => string | undefined) => {
    const text = host.readFile(file);
    const r = text !== undefined ? parse(text) : undefined;
    const v = r !== undefined ? parseKernelRelease(r) : undefined;
    return v !== undefined ? { release: r!, v, file } : undefined;
  };
  const found =
    (buildDir && (release(join(buildDir, 'include/generated/utsrelease.h'), utsRelease) ?? release(join(buildDir, 'include/config/kernel.release'), (t) => t.trim().split('\n')[0]))) ||
    (src && release(join(src, 'Makefile'), makefileRelease)) ||
    undefined;
  if (found) {
    const era = eraOfVersion(found.v);
    const from = buildDir && found.file.startsWith(buildDir) ? 'build dir' : 'source tree';
    return { era, eraSource: from, eraReason: `kernel ${found.release} (${found.file})`, kernelVersion: found.v };
  }
  return fromComment() ?? { era: defaultEra(), eraSource: 'default', eraReason: 'the default (no build dir or source tree version)' };
}

function computeEnvironment(s: Settings, root: string | undefined, host: SourceHost, fileEra?: string): Environment {
  const problems: string[] = [];
  const abs = (p: string): string => (isAbsolute(p) ? p : resolvePath(root ?? process.cwd(), p));
  const buildDir = s.buildDir ? abs(s.buildDir) : undefined;
  const src = s.kernelSourceRoot ? abs(s.kernelSourceRoot) : undefined;
  const { era, eraSource, eraReason, kernelVersion } = chooseEra(s, buildDir, src, host, fileEra, problems);
  const includePaths: string[] = s.includePaths.map(abs);
  const out = buildDir ?? src;
  if (src) {
    // the -I list kbuild passes when assembling arch/arm64 files (Makefile's LINUXINCLUDE)
    includePaths.push(join(src, 'arch/arm64/include'));
    if (out) includePaths.push(join(out, 'arch/arm64/include/generated'));
    includePaths.push(join(src, 'include'));
    if (out && out !== src) includePaths.push(join(out, 'include'));
    includePaths.push(join(src, 'arch/arm64/include/uapi'));
    if (out) includePaths.push(join(out, 'arch/arm64/include/generated/uapi'));
    includePaths.push(join(src, 'include/uapi'));
    if (out) includePaths.push(join(out, 'include/generated/uapi'));
  } else if (buildDir) {
    includePaths.push(join(buildDir, 'arch/arm64/include/generated'), join(buildDir, 'include'));
  }

  const defines = new Map<string, string>([['__KERNEL__', '1'], ['__ASSEMBLY__', '1']]);
  let configSource = `era ${era.name}`;
  const kconfigPath = s.kconfig ? abs(s.kconfig) : buildDir ? join(buildDir, '.config') : undefined;
  const kconfigText = kconfigPath ? host.readFile(kconfigPath) : undefined;
  if (kconfigText !== undefined) {
    for (const [k, v] of parseKconfig(kconfigText)) defines.set(k, v);
    configSource = kconfigPath!;
  } else {
    if (s.kconfig) problems.push(`${kconfigPath} not found; using the typical config of era ${era.name}`);
    for (const [k, v] of eraDefines(era)) defines.set(k, v);
  }
  for (const [name, value] of Object.entries(s.config)) {
    if (!/^CONFIG_\w+$/.test(name)) {
      problems.push(`config override '${name}' is not a CONFIG_ symbol`);
      continue;
    }
    const v = value.trim();
    defines.delete(name);
    defines.delete(name + '_MODULE');
    if (v === 'y' || v === '') defines.set(name, '1');
    else if (v === 'm') defines.set(name + '_MODULE', '1');
    else if (v !== 'n') defines.set(name, v);
  }
  if (Object.keys(s.config).length) configSource += ' + settings';
  for (const d of s.defines) {
    const eq = d.indexOf('=');
    const name = (eq < 0 ? d : d.slice(0, eq)).trim();
    if (/^[A-Za-z_]\w*$/.test(name)) defines.set(name, eq < 0 ? '1' : d.slice(eq + 1));
    else problems.push(`define '${d}' is not NAME or NAME=VALUE`);
  }
  const forcedIncludes = s.includeFiles.map(abs);
  const macroPrefixMap: [string, string][] = [];
  for (const m of s.macroPrefixMap) {
    // (gcc splits at the first '=')
    const eq = m.indexOf('=');
    if (eq < 0) problems.push(`macro prefix map '${m}' is not OLD=NEW`);
    else macroPrefixMap.push([m.slice(0, eq), m.slice(eq + 1)]);
  }
  const asmOffsets = asmOffsetsProvider({ era, buildDir, host });
  problems.push(...asmOffsets.problems);
  problems.push(...contractOverrides(s.abi.contracts).problems);
  let kernelSymbols: KernelSymbols | undefined;
  if (buildDir) {
    const map = join(buildDir, 'System.map');
    const text = host.readFile(map);
    if (text !== undefined) kernelSymbols = parseSystemMap(text, map);
  }
  const patchConfig = configForEra(era, {
    bti: defines.has('CONFIG_ARM64_BTI_KERNEL'),
    directCalls: defines.has('CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS'),
  });
  const kconfigSymbols = src ? kconfigTreeSymbols(src, (p) => host.readFile(p)) : builtinKconfigSymbols();
  let generatedSymbol: ((name: string) => boolean) | undefined;
  if (asmOffsets.buildStatus !== 'loaded') {
    const defs = src ? host.readFile(join(src, 'arch/arm64/kernel/asm-offsets.c')) : undefined;
    if (defs !== undefined) {
      const names = new Set([...defs.matchAll(/\b(?:DEFINE|OFFSET)\(\s*([A-Za-z_]\w*)\s*,/g)].map((m) => m[1]));
      generatedSymbol = (n) => names.has(n);
    } else generatedSymbol = (n) => ASM_OFFSETS_NAME.test(n);
  }
  const insnFile = src ? join(src, 'arch/arm64/include/asm/insn.h') : undefined;
  const insnText = insnFile ? host.readFile(insnFile) : undefined;
  const insnHeader = insnText !== undefined ? { file: insnFile!, generators: declaredGenerators(insnText) } : undefined;
  return { era, eraSource, eraReason, ...(kernelVersion !== undefined ? { kernelVersion } : {}), includePaths, forcedIncludes, macroPrefixMap, defines, configSource, asmOffsets, patchConfig, kernelSymbols, kconfigSymbols, ...(generatedSymbol ? { generatedSymbol } : {}), ...(insnHeader ? { insnHeader } : {}), problems };
}

/** A small glob: `**` any path, `*` within a segment, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += /[\\^$.|+()[\]{}]/.test(c) ? '\\' + c : c;
  }
  return new RegExp(`^${re}$`);
}

function cActivated(file: string, text: string, s: Settings): boolean {
  if (s.c.activationPattern && globToRegExp(s.c.activationPattern).test(file)) return true;
  if (s.c.activationIncludes.length === 0) return false;
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  for (const m of head.matchAll(/^[ \t]*#[ \t]*include[ \t]*[<"]([^>"\n]+)[>"]/gm)) {
    if (s.c.activationIncludes.includes(m[1])) return true;
  }
  return false;
}
