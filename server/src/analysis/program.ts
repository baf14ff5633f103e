// The checker's input: the instructions of one assembled file with their origins, its symbols,
// the CONFIG_* symbols in force and the contract overrides. Small on purpose, so that tests and
// other front ends can build one; `programFromAssembly` adapts the GNU as front end's result.
import type { AsmSymbol, AssembleResult, Origin } from '../asm/types';
import { CondArm, conditionalArms } from '../asm/cpp-conditions';
import type { ContractName } from './contracts';
import { contractOverrides, isContractName } from './contracts';

export interface ProgramInsn {
  /** Offset in its section (the front end's layout address). */
  readonly address: bigint;
  readonly word: number;
  readonly section: string;
  readonly origin: Origin;
  /** The statement as assembled (after expansion), for messages. */
  readonly text?: string;
  /** The symbol a relocated branch goes to (its encoded offset is then meaningless). */
  readonly relocSymbol?: string;
  readonly relocAddend?: bigint;
  /** An operand used an undefined symbol: the encoded immediate is a placeholder, not the value. */
  readonly unresolved?: boolean;
}

export interface ProgramSymbol {
  readonly name: string;
  readonly section?: string;
  readonly address?: bigint;
  readonly defined: boolean;
  readonly global: boolean;
  readonly type?: 'function' | 'object' | 'notype';
  readonly origin?: Origin;
}

/** Which trampoline design the file follows (decides the built-in contracts of shared names). */
export type FtraceStyle = 'mcount' | 'patchable';

export interface Program {
  /** The file being checked (diagnostics outside it are still reported with their own file). */
  readonly file: string;
  /** In section order, then address order. */
  readonly instructions: readonly ProgramInsn[];
  readonly symbols: ReadonlyMap<string, ProgramSymbol>;
  /** CONFIG_* symbols that are set (=y or =m or any non-zero value). */
  readonly config: ReadonlySet<string>;
  /** Contract per symbol, from settings and from `// aarch64-ftrace: contract=NAME` comments. */
  readonly contractOverrides: ReadonlyMap<string, ContractName>;
  /** Explicit style (from `--era` or a setting); guessed from the file when absent. */
  readonly style?: FtraceStyle;
  /** Source text of a file, for fixes that edit it; undefined = fixes are not offered there. */
  readonly source?: (file: string) => string | undefined;
  /** Override comments naming no known contract (reported as warnings). */
  readonly overrideProblems?: readonly OverrideProblem[];
  /** The #if arms of `file`, taken or not (rules on branch targets' conditions); computed on demand. */
  readonly conditionals?: () => readonly CondArm[];
}

export interface ProgramOptions {
  readonly file: string;
  /** The text of `file` as the editor or disk has it (for override comments and fixes). */
  readonly text?: string;
  /** Other files' text (included headers), for fixes in them. */
  readonly readFile?: (file: string) => string | undefined;
  /** CONFIG_* set by the caller (settings, `.config`, `-D`), added to those the file defines. */
  readonly config?: Iterable<string>;
  /** Per-symbol overrides from settings (the in-file comments win over them). */
  readonly contracts?: ReadonlyMap<string, string> | Record<string, string>;
  readonly style?: FtraceStyle;
}

/** A comment override that names no known contract, reported by the checker. */
export interface OverrideProblem {
  readonly file: string;
  /** 0-based. */
  readonly line: number;
  readonly text: string;
}

const OVERRIDE = /aarch64-ftrace:\s*contract\s*=\s*([\w-]+)(?:\s+symbol\s*=\s*([\w.$]+))?/;

/**
 * `// aarch64-ftrace: contract=NAME [symbol=SYM]` comments in a file's text: each applies to SYM
 * or else to the first symbol defined on the comment's line or after it.
 */
export function scanOverrideComments(text: string): { line: number; contract: string; symbol?: string }[] {
  const out: { line: number; contract: string; symbol?: string }[] = [];
  let line = 0;
  let counted = 0;
  for (let at = text.indexOf('aarch64-ftrace:'); at >= 0; at = text.indexOf('aarch64-ftrace:', at + 1)) {
    for (let k = text.indexOf('\n', counted); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) {
      line++;
      counted = k + 1;
    }
    const end = text.indexOf('\n', at);
    const m = OVERRIDE.exec(text.slice(at, end < 0 ? undefined : end));
    if (m) out.push({ line, contract: m[1], symbol: m[2] });
  }
  return out;
}

/** The 0-based line in `file` an origin stands for: its own, or the outermost expansion there. */
export function lineInFile(o: Origin, file: string): number | undefined {
  for (const f of o.stack) if (f.at.file === file) return f.at.line;
  return o.loc.file === file ? o.loc.line : undefined;
}

/** Contract overrides from comments, resolved against the symbols' definition lines. */
export function overridesFromComments(
  text: string,
  file: string,
  symbols: Iterable<ProgramSymbol>,
): { overrides: Map<string, ContractName>; problems: OverrideProblem[] } {
  const overrides = new Map<string, ContractName>();
  const problems: OverrideProblem[] = [];
  const comments = scanOverrideComments(text);
  if (comments.length === 0) return { overrides, problems };
  const defs: { line: number; name: string }[] = [];
  for (const s of symbols) {
    if (!s.defined || !s.origin) continue;
    const line = lineInFile(s.origin, file);
    if (line !== undefined) defs.push({ line, name: s.name });
  }
  defs.sort((a, b) => a.line - b.line || a.name.localeCompare(b.name));
  for (const c of comments) {
    if (!isContractName(c.contract)) {
      problems.push({ file, line: c.line, text: c.contract });
      continue;
    }
    const name = c.symbol ?? defs.find((d) => d.line >= c.line)?.name;
    if (name !== undefined) overrides.set(name, c.contract);
  }
  return { overrides, problems };
}

/** CONFIG_* macros a preprocessor run left defined (autoconf style: `#define CONFIG_X 1`). */
export function configFromMacros(macros: ReadonlyMap<string, { readonly body: string }>): Set<string> {
  const out = new Set<string>();
  for (const [name, m] of macros) {
    if (!name.startsWith('CONFIG_')) continue;
    if (m.body.trim() === '0') continue;
    out.add(name);
  }
  return out;
}

function toProgramSymbol(s: AsmSymbol): ProgramSymbol {
  return {
    name: s.name,
    section: s.section,
    address: s.section !== undefined ? s.value : undefined,
    defined: s.defined,
    global: s.binding !== 'local',
    type: s.type,
    origin: s.origin,
  };
}

function lazyArms(result: AssembleResult, file: string, text: string): () => readonly CondArm[] {
  let arms: readonly CondArm[] | undefined;
  return () => {
    if (arms) return arms;
    if (!/^[ \t]*#[ \t]*if/m.test(text)) return (arms = []);
    const emitted = new Set<number>();
    for (const l of result.preprocess.lines) if (l.origin.loc.file === file) emitted.add(l.origin.loc.line);
    return (arms = conditionalArms(text, emitted));
  };
}

const UNDEFINED_SYMBOL = 'asm/undefined-symbol';

/** One statement instance: its line and the expansions it came through. */
function originKey(o: Origin): string {
  let k = `${o.loc.file}:${o.loc.line}`;
  for (const f of o.stack) k += `<${f.at.file}:${f.at.line}`;
  return k;
}

/** The checker's input from the GNU as front end's output. */
export function programFromAssembly(result: AssembleResult, opts: ProgramOptions): Program {
  const instructions: ProgramInsn[] = [];
  const unresolvedAt = new Set<string>();
  for (const d of result.diagnostics) if (d.code === UNDEFINED_SYMBOL) unresolvedAt.add(originKey(d.origin));
  for (const sec of result.sections) {
    for (const it of sec.items) {
      if (it.kind !== 'insn' || it.word === undefined || it.size !== 4) continue;
      instructions.push({
        address: BigInt(it.offset),
        word: it.word >>> 0,
        section: sec.name,
        origin: it.origin,
        text: it.text,
        relocSymbol: it.reloc?.symbol,
        relocAddend: it.reloc?.addend,
        unresolved: unresolvedAt.size > 0 && unresolvedAt.has(originKey(it.origin)) ? true : undefined,
      });
    }
  }
  const symbols = new Map<string, ProgramSymbol>();
  for (const [name, s] of result.symbols) symbols.set(name, toProgramSymbol(s));
  const config = configFromMacros(result.preprocess.macros);
  for (const c of opts.config ?? []) config.add(c);
  // settings first, then the file's comments over them
  const overrides = contractOverrides(opts.contracts).overrides;
  let overrideProblems: OverrideProblem[] = [];
  if (opts.text !== undefined) {
    const fromComments = overridesFromComments(opts.text, opts.file, symbols.values());
    for (const [k, v] of fromComments.overrides) overrides.set(k, v);
    overrideProblems = fromComments.problems;
  }
  const texts = new Map<string, string>();
  if (opts.text !== undefined) texts.set(opts.file, opts.text);
  return {
    file: opts.file,
    instructions,
    symbols,
    config,
    contractOverrides: overrides,
    style: opts.style,
    source: (f) => texts.get(f) ?? opts.readFile?.(f),
    overrideProblems,
    conditionals: opts.text === undefined ? undefined : lazyArms(result, opts.file, opts.text),
  };
}
