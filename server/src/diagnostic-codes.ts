// Every diagnostic code, from the three tables that define them: the front end's
// (asm/front-end-codes.ts), the ABI checker's (analysis/rules.ts) and the C checker's
// (ftrace/c-rules.ts). The `diagnostics.severity` setting, `check --severity` and SARIF's rule
// list read them here; nothing else lists codes.
import { RULES, RULE_CODES } from './analysis/rules';
import { FRONT_END_CODES, FRONT_END_CODE_LIST } from './asm/front-end-codes';
import type { Severity } from './asm/types';
import { C_RULES, C_RULE_CODES } from './ftrace/c-rules';

export interface CodeInfo {
  readonly code: string;
  /** The levels the code is reported at (one for the checkers' rules), the default first. */
  readonly severities: readonly Severity[];
  readonly title: string;
  /** Markdown documentation (the checkers' rules; front-end codes have a title only). */
  readonly doc?: string;
}

const INFO = new Map<string, CodeInfo>();
for (const code of FRONT_END_CODE_LIST) INFO.set(code, { code, severities: FRONT_END_CODES[code].severities, title: FRONT_END_CODES[code].title });
for (const code of RULE_CODES) {
  const r = RULES[code];
  INFO.set(code, { code, severities: [r.severity], title: r.title, doc: r.doc + (r.history ? `\n\nHistory: ${r.history}` : '') });
}
for (const code of C_RULE_CODES) {
  const r = C_RULES[code];
  const doc = [r.doc, r.fix ? `Quick-fix: ${r.fix}` : '', r.history ? `History: ${r.history}` : ''].filter(Boolean).join('\n\n');
  INFO.set(code, { code, severities: [r.severity], title: r.title, doc });
}

/** Every code, front end first, then the ABI checker's, then the C checker's. */
export const ALL_CODES: readonly string[] = [...INFO.keys()];

export function codeInfo(code: string): CodeInfo | undefined {
  return INFO.get(code);
}

/** The families ('asm', 'abi', 'insn' …): the part of a code before its '/'. */
export const CODE_FAMILIES: readonly string[] = [...new Set(ALL_CODES.map((c) => c.slice(0, c.indexOf('/'))))];

/** What `diagnostics.severity` takes as a key: '*', a family 'abi/*', or a code. */
export const SEVERITY_KEYS: readonly string[] = ['*', ...CODE_FAMILIES.map((f) => `${f}/*`), ...ALL_CODES];

const KEYS = new Set(SEVERITY_KEYS);

export function isSeverityKey(key: string): boolean {
  return KEYS.has(key);
}
