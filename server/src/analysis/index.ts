// Public face of the ABI checker: an assembled file (the GNU as front end's result) → diagnostics,
// plus the rule and contract tables the README and hovers are generated from.
import type { AssembleResult, Diagnostic } from '../asm/types';
import { analyzeProgram, CheckResult } from './check';
import { FtraceStyle, programFromAssembly } from './program';

export { analyzeProgram, checkProgram, guessStyle, CheckResult, EntryInfo, CONFIG_BTI, CONFIG_SCS } from './check';
export { CONTRACTS, CONTRACT_NAMES, Contract, ContractName, INDIRECT_CALL_TARGETS, PATCH_SITES, assignContract, builtinContract, contractOverrides, contractsMarkdown, isContractName } from './contracts';
export { Program, ProgramInsn, ProgramSymbol, ProgramOptions, FtraceStyle, programFromAssembly, scanOverrideComments } from './program';
export { RULES, RULE_CODES, Rule, RuleCode, rulesMarkdown } from './rules';

export interface AbiCheckOptions {
  readonly file: string;
  /** The file's text (contract comments, fixes). */
  readonly text?: string;
  /** Preprocessor defines in force; the CONFIG_* among them set config-dependent obligations. */
  readonly defines?: ReadonlyMap<string, string>;
  /** Per-symbol contract overrides from settings. */
  readonly contracts?: ReadonlyMap<string, string> | Record<string, string>;
  readonly style?: FtraceStyle;
  /** Reads other files (headers), for fixes that edit them. */
  readonly readFile?: (file: string) => string | undefined;
}

function configOf(defines: ReadonlyMap<string, string> | undefined): string[] {
  const out: string[] = [];
  for (const [k, v] of defines ?? []) if (k.startsWith('CONFIG_') && v.trim() !== '0') out.push(k);
  return out;
}

/** The full analysis of an assembled file (entries, contracts, diagnostics). */
export function analyzeAssembly(result: AssembleResult, opts: AbiCheckOptions): CheckResult {
  const program = programFromAssembly(result, {
    file: opts.file,
    text: opts.text,
    readFile: opts.readFile,
    config: configOf(opts.defines),
    contracts: opts.contracts,
    style: opts.style,
  });
  return analyzeProgram(program);
}

/** ABI diagnostics of an assembled file. */
export function checkAssembly(result: AssembleResult, opts: AbiCheckOptions): Diagnostic[] {
  return analyzeAssembly(result, opts).diagnostics;
}
