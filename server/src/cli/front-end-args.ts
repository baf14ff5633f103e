// What the CLI commands that analyse source files (listing, check, patch-sites) share: the file
// host, the gcc-style -I/-D arguments, --config/--era/--kernel-source/--build/--severity/
// --macro-prefix-map, the settings they make — read by
// normalizeSettings as an editor's settings are, so a file gets the environment and diagnostics
// the language server gives it — and one file through the driver.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_FAMILIES, isSeverityKey } from '../diagnostic-codes';
import type { DocumentAnalysis, Driver } from '../driver';
import { findEra } from '../ftrace/eras';
import { ERA_CHOICES, normalizeSettings, parseRuleSeverity, type RuleSeverity, type Settings } from '../settings';
import { ParsedArgs, UsageError } from './args';

/** Options valued on the command line of every front-end command (each is a setting, see frontEndSettings). */
export const FRONT_END_VALUED = ['config', 'era', 'kernel-source', 'build', 'severity', 'macro-prefix-map'];

/** What the front-end options mean, for the commands' usage texts. */
export const FRONT_END_USAGE = `  -I DIR, -D NAME[=VALUE]  include directory, macro definition (includePaths, defines)
  --config KCONFIG         a kernel .config for CONFIG_* (kconfig; default: <build>/.config, else the era's)
  --era ERA                kernel era for asm-offsets, config and insn.h tables (era):
                           ${ERA_CHOICES.filter((e) => e !== 'auto').join(', ')}
  --kernel-source DIR      a Linux source tree: its arm64 include paths and Kconfig symbols (kernelSourceRoot)
  --build DIR              a kernel build directory (O=): asm-offsets.h, .config, System.map (buildDir)
  --severity CODE=LEVEL[,…]  a code's ('abi/frame-record'), family's ('insn/*') or every ('*') level:
                           error, warning, information, hint or off (diagnostics.severity; repeatable)
  --macro-prefix-map OLD=NEW  __FILE__ under OLD is under NEW, as gcc's -fmacro-prefix-map
                           (macroPrefixMap; repeatable)`;

/** The CLI analyses any file it is named, whatever its size: the front end's own caps bound the work. */
const CLI_MAX_FILE_SIZE = 1 << 30;

export interface FrontEndArgs {
  readonly includes: string[];
  /** NAME or NAME=VALUE, as settings.defines holds them. */
  readonly defines: string[];
  readonly files: string[];
}

/** -I DIR / -IDIR / -D NAME[=VALUE] / -DNAME[=VALUE] and the files, from the positional arguments. */
export function parseFrontEndArgs(rest: readonly string[]): FrontEndArgs {
  const includes: string[] = [];
  const defines: string[] = [];
  const files: string[] = [];
  const addDefine = (v: string) => {
    const eq = v.indexOf('=');
    const name = eq < 0 ? v : v.slice(0, eq);
    if (!/^[A-Za-z_]\w*$/.test(name)) throw new UsageError(`bad macro name in -D '${v}'`);
    defines.push(v);
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    let m: RegExpExecArray | null;
    if (a === '-I' || a === '-D') {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      if (a === '-I') includes.push(v);
      else addDefine(v);
    } else if ((m = /^-I(.+)$/.exec(a))) includes.push(m[1]);
    else if ((m = /^-D(.+)$/.exec(a))) addDefine(m[1]);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
    else files.push(a);
  }
  return { includes, defines, files };
}

/** A valued flag's string; a flag given without a value is a usage error. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}

/** A directory option's absolute path; a missing one is an I/O error (exit 2), not an empty tree. */
function dirFlag(args: ParsedArgs, name: string): string | undefined {
  const v = flagValue(args, name);
  if (v === undefined) return undefined;
  if (!statSync(v).isDirectory()) throw new UsageError(`--${name} ${v}: not a directory`);
  return resolve(v);
}

/** --severity CODE=LEVEL[,CODE=LEVEL…], repeatable: the diagnostics.severity map (keys and levels checked). */
export function parseSeverities(values: readonly string[]): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = {};
  for (const item of values.flatMap((v) => v.split(',')).map((x) => x.trim()).filter(Boolean)) {
    const eq = item.lastIndexOf('=');
    const key = eq < 0 ? item : item.slice(0, eq);
    const level = eq < 0 ? undefined : parseRuleSeverity(item.slice(eq + 1));
    if (eq < 0 || !level) throw new UsageError(`--severity wants CODE=LEVEL with LEVEL error, warning, information, hint or off, got '${item}'`);
    if (!isSeverityKey(key))
      throw new UsageError(`--severity: unknown diagnostic code '${key}': give a code (README: ABI rules, C checks, Front-end diagnostics), a family (${CODE_FAMILIES.map((f) => f + '/*').join(', ')}) or '*'`);
    out[key] = level;
  }
  return out;
}

/**
 * The settings a command line means: -I, -D, --config (must exist: a missing .config is an I/O
 * error, not a silent fallback to the era's config), --era (checked), --kernel-source, --build,
 * --severity and `extra` settings keys (config overrides, contracts …), normalised as the server
 * normalises an editor's.
 */
export function frontEndSettings(args: ParsedArgs, fe: FrontEndArgs, extra: Record<string, unknown> = {}): Settings {
  const eraName = flagValue(args, 'era');
  const era = eraName === undefined ? undefined : findEra(eraName);
  if (eraName !== undefined && !era) throw new UsageError(`unknown era '${eraName}'`);
  const config = flagValue(args, 'config');
  if (config !== undefined) statSync(config);
  const kernelSource = dirFlag(args, 'kernel-source');
  const build = dirFlag(args, 'build');
  const severity = parseSeverities(args.values.get('severity') ?? []);
  const macroPrefixMap = args.values.get('macro-prefix-map') ?? [];
  for (const m of macroPrefixMap) if (!m.includes('=')) throw new UsageError(`--macro-prefix-map wants OLD=NEW, got '${m}'`);
  return normalizeSettings({
    maxFileSize: CLI_MAX_FILE_SIZE,
    includePaths: fe.includes.map((d) => resolve(d)),
    defines: fe.defines,
    macroPrefixMap,
    kconfig: config !== undefined ? resolve(config) : '',
    era: era?.name ?? 'auto',
    kernelSourceRoot: kernelSource ?? '',
    buildDir: build ?? '',
    diagnostics: { severity },
    // files named on the command line are checked whatever their path
    c: { activationPattern: '**' },
    ...extra,
  });
}

/** `path` relative to the working directory when it is below it (as the CLI prints file names). */
export function displayPath(path: string): string {
  if (!isAbsolute(path)) return path;
  const r = relative(process.cwd(), path);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : path;
}

/**
 * One file through the driver, as the server analyses an open document (`languageId` as an
 * editor would set it; else the file name decides). Settings problems go to stderr; a file the
 * driver does not analyse (binary) is a usage error.
 */
export function analyzeFile(driver: Driver, name: string, settings: Settings, languageId?: string): DocumentAnalysis {
  const file = resolve(name);
  const text = readFileSync(file, 'utf8');
  const a = driver.analyze({ uri: pathToFileURL(file).href, version: 0, text, ...(languageId ? { languageId } : {}) }, settings);
  for (const p of a.env.problems) process.stderr.write(`aarch64-ftrace: ${p}\n`);
  if (a.degraded) throw new UsageError(`${name}: not analysed (${a.degraded === 'binary' ? 'it looks binary' : 'too large'})`);
  return a;
}

/** Reports cores that threw on stderr; true when one did (the caller exits 2, never "clean"). */
export function reportFailures(a: DocumentAnalysis, name: string): boolean {
  for (const x of a.failures ?? []) process.stderr.write(`aarch64-ftrace: ${name}: internal error in ${x.core}: ${(x.error as Error)?.stack ?? String(x.error)}\n`);
  return (a.failures?.length ?? 0) > 0;
}
