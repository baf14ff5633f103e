// The GNU as front end: a .S file → C preprocessor → gas (macros, conditionals, directives,
// symbols, instructions) → sections, symbols, words and a two-way source map. An
// objdump-identical layout without a toolchain.
import { GasOptions, assemblePreprocessed, forgetAssemblies } from './gas-core';
import { preprocess } from './preprocess';
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

export { GasOptions, assemblePreprocessed, forgetAssemblies };
export type { LayoutItem, SectionInfo } from './gas-core';
