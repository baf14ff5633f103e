// The codes of the GNU as front end's diagnostics (cpp/* from the C preprocessor, asm/* from gas),
// each listed once with the levels its messages take and a one-line summary. The emit sites'
// `code` parameters are typed FrontEndCode, so a code missing here does not compile; the README's
// "Front-end diagnostics" section is generated from this table (scripts/gen-docs.ts).
// A level belongs to the message, not the code: GNU as and cpp decide per message whether it is an
// error (the object is not produced) or a warning, and the front end keeps their decision — the
// differential tests compare "has errors" with the real toolchain's exit status. A code whose
// messages have two levels lists both, the usual one first.
import type { Severity } from './types';

export interface FrontEndCodeInfo {
  /** The levels its messages are reported at, the usual one first. */
  readonly severities: readonly [Severity, ...Severity[]];
  readonly title: string;
}

const TABLE = {
  // --- C preprocessor (preprocess.ts, cpp-*.ts) ---
  'cpp/bad-define': { severities: ['error'], title: 'malformed `#define`, `#undef` or `-D`' },
  'cpp/bad-include': { severities: ['error'], title: '`#include` without a file name' },
  'cpp/bad-line': { severities: ['error'], title: '`#line` without a positive line number' },
  'cpp/missing-include': { severities: ['warning'], title: 'included file not found in the include paths (the rest of the file is still read)' },
  'cpp/include-cycle': { severities: ['warning'], title: '`#include` cycle: the file is not read again' },
  'cpp/include-depth': { severities: ['error'], title: '`#include` nested deeper than the limit' },
  'cpp/macro-redefined': { severities: ['warning'], title: 'macro redefined with a different body' },
  'cpp/macro-arguments': { severities: ['error'], title: 'function-like macro called with the wrong number of arguments' },
  'cpp/unterminated-arguments': { severities: ['error'], title: 'macro call without its closing parenthesis' },
  'cpp/macro-depth': { severities: ['error'], title: 'macro expansion nested deeper than the limit' },
  'cpp/expansion-too-large': { severities: ['error'], title: 'macro expansion larger than the limit: the rest of the line (or file) is not expanded' },
  'cpp/line-too-long': { severities: ['error'], title: 'line longer than the limit after macro expansion' },
  'cpp/if-expression': { severities: ['error', 'warning'], title: '`#if`/`#elif`/`#ifdef` expression that cannot be evaluated (warning: a constant too large for its type)' },
  'cpp/unbalanced-conditional': { severities: ['error'], title: '`#else`, `#elif` or `#endif` without its `#if`, or after `#else`' },
  'cpp/unterminated-conditional': { severities: ['error'], title: '`#if` without `#endif` at the end of the file' },
  'cpp/unterminated-comment': { severities: ['error'], title: '`/*` comment not closed' },
  'cpp/null-character': { severities: ['warning'], title: 'null characters in the text (ignored)' },
  'cpp/error': { severities: ['error'], title: '`#error` in an active arm' },
  'cpp/warning': { severities: ['warning'], title: '`#warning` in an active arm' },
  'cpp/pragma-error': { severities: ['error'], title: '`#pragma GCC error`' },
  'cpp/pragma-warning': { severities: ['warning'], title: '`#pragma GCC warning`' },
  'cpp/too-many-diagnostics': { severities: ['info'], title: 'more preprocessor diagnostics than shown' },
  // --- GNU as (gas-core.ts) ---
  'asm/unknown-mnemonic': { severities: ['error'], title: 'unknown instruction mnemonic' },
  'asm/bad-operand': { severities: ['error'], title: 'operand GNU as rejects for the instruction (the message names it)' },
  'asm/unsupported-instruction': { severities: ['error'], title: 'instruction of an extension not enabled by `.arch`/`.arch_extension`/`--arch`' },
  'asm/bad-arch': { severities: ['error'], title: 'unknown architecture or extension in `.arch`, `.arch_extension`, `.cpu` or `--arch`' },
  'asm/undefined-symbol': { severities: ['error', 'warning'], title: 'undefined symbol used as an immediate value (warning: an asm-offsets name while no build dir is set)' },
  'asm/expression': { severities: ['error', 'warning'], title: 'expression that cannot be evaluated or relocated here (warning: an empty one, taken as zero)' },
  'asm/truncated': { severities: ['warning'], title: 'value truncated to the size of its data directive' },
  'asm/redefined-symbol': { severities: ['error'], title: 'symbol already defined' },
  'asm/redefined-macro': { severities: ['error'], title: '`.macro` of a name already defined' },
  'asm/redefined-alias': { severities: ['warning'], title: '`.req` redefining a register alias (ignored)' },
  'asm/undefined-macro': { severities: ['error', 'warning'], title: 'macro used before its `.macro` (error), or `.purge` of an unknown one (warning)' },
  'asm/macro-arguments': { severities: ['error'], title: 'gas macro invoked with arguments it does not take, or without a required one' },
  'asm/unknown-directive': { severities: ['warning'], title: 'unknown pseudo-op (ignored, as GNU as does)' },
  'asm/bad-directive': { severities: ['error', 'warning'], title: 'directive with malformed operands (warning where GNU as ignores or clamps it: a zero or negative count, a `.fill` size over 8)' },
  'asm/unbalanced': { severities: ['error', 'warning'], title: 'closing directive without its opener: `.endif`/`.else`/`.elseif`/`.popsection` (error), `.endm`/`.endr`/`.exitm`/`.previous` (warning)' },
  'asm/unterminated': { severities: ['error'], title: 'end of file inside `.if`, `.macro`, `.rept`/`.irp`' },
  'asm/missing-include': { severities: ['error'], title: '`.include` or `.incbin` of a file not found' },
  'asm/limit': { severities: ['error'], title: 'a work limit reached (statements, section size, nesting, line length, diagnostics): the rest is not assembled or shown' },
  'asm/user': { severities: ['error', 'warning', 'info'], title: '`.err`/`.error` (error), `.warning` (warning), `.print` (info)' },
} as const satisfies Record<string, FrontEndCodeInfo>;

export type FrontEndCode = keyof typeof TABLE;

export const FRONT_END_CODES: Readonly<Record<FrontEndCode, FrontEndCodeInfo>> = TABLE;

export const FRONT_END_CODE_LIST = Object.keys(TABLE) as FrontEndCode[];

/** The README's "Front-end diagnostics" table. */
export function frontEndCodesMarkdown(): string {
  const out = ['| code | severity | what |', '|---|---|---|'];
  for (const code of FRONT_END_CODE_LIST) {
    const c = FRONT_END_CODES[code];
    out.push(`| \`${code}\` | ${c.severities.join(', ')} | ${c.title.replace(/\|/g, '\\|')} |`);
  }
  return out.join('\n');
}
