// The GNU as front end: a .S file → C preprocessor → gas (macros, conditionals, directives,
// symbols, instructions) → sections, symbols, words and a two-way source map. An
// objdump-identical layout without a toolchain.
import { assemblePreprocessed, forgetAssemblies as forgetGas } from './gas-core';
import { GasOptions } from './gas-state';
import { forgetPreprocessed, preprocess } from './preprocess';
import { forgetStatements } from './gas-statements';
import { forgetEncodings } from './gas-encode-cache';
import { sharedSourceCache } from './source-cache';
import { AssembleResult, PreprocessOptions, PreprocessResult } from './types';

export interface AssembleOptions extends PreprocessOptions, Omit<GasOptions, 'host' | 'includePaths' | 'limits'> {}

/** Preprocesses and assembles one file. */
export function assemble(opts: AssembleOptions): AssembleResult {
  const pp = preprocess(opts);
  return assembleFromPreprocessed(pp, opts);
}

/** The gas stage alone, over lines another caller preprocessed. */
export function assembleFromPreprocessed(pp: PreprocessResult, opts: Partial<AssembleOptions> = {}): AssembleResult {
  return assemblePreprocessed(pp, {
    predefined: opts.predefined,
    arch: opts.arch,
    limits: opts.limits,
    host: opts.host,
    includePaths: opts.includePaths,
    incremental: opts.incremental,
  });
}

/** Forgets the remembered runs (preprocessor and gas stage) of one file, or of all. */
export function forgetAssemblies(file?: string): void {
  forgetGas(file);
  forgetPreprocessed(file);
}

/**
 * Forgets everything learnt from `text` (its runs, lexing, and every line's statements and
 * words — also those other files share), so that its next assembly is one of a text never seen;
 * included files stay cached. For benchmarks.
 */
export function forgetText(text: string): void {
  forgetAssemblies();
  sharedSourceCache.forget(text);
  forgetStatements();
  forgetEncodings();
}

export { GasOptions, assemblePreprocessed };
export type { LayoutItem, SectionInfo } from './gas-core';
