// Statements as gas reads them: a line's statements after its scrubber (character constants as
// numbers), each parsed into labels, first word and operands — cached by text within a byte
// budget, since lines repeat across edits and files — and the tables of data directives and of
// directives without effect on the layout.
import { hasLocalRef } from './gas-expr';
import { findRelocOperator, labelOperandIndexes } from './gas-insn';
import { firstWord, skipString, splitStatements, takeLabels } from './gas-lex';
import { BodyStatement } from './gas-macro';
import { ByteBudgetCache, ENTRY_BYTES, stringBytes } from './byte-budget-cache';


export const CHAR_CONST = /'(\\[0-7]{1,3}|\\.|[^\\])'?/g;
export const ESCAPES: Record<string, number> = { n: 10, t: 9, b: 8, f: 12, r: 13, v: 11, '\\': 92, "'": 39, '"': 34 };
/** As gas's input scrubber: `'c` (closing quote optional) becomes its decimal code, outside strings. */
export function charConstants(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = skipString(text, i) - 1;
    else if (c === 39) {
      const m = CHAR_ONE.exec(text.slice(i));
      if (!m) continue;
      out += text.slice(last, i) + String(charCode(m[1]));
      last = i + m[0].length;
      i = last - 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
export const CHAR_ONE = /^'(\\[0-7]{1,3}|\\.|[^\\])'?/;

export function charCode(c: string): number {
  if (c[0] !== '\\') return c.codePointAt(0)!;
  if (/^\\[0-7]/.test(c)) return parseInt(c.slice(1), 8) & 0xff;
  return ESCAPES[c[1]] ?? c.charCodeAt(1);
}

/** A statement of a source line as the scrubber leaves it (character constants as numbers), parsed. */
export interface LineStatement {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly parsed: ParsedStatement;
}

/** Approximate bytes of a parsed statement besides its text (the object, its label list and operand strings). */
const PARSED_BYTES = 260;

/** Each line's statements, by the line's text (a line of one statement: that statement, no array). */
const statementBytes = (x: LineStatement): number => 64 + stringBytes(x.text) + PARSED_BYTES;
const stmtCache = new ByteBudgetCache<LineStatements>(12 << 20, (k, v) => {
  let n = ENTRY_BYTES + stringBytes(k) + 32;
  if (isStatementList(v)) for (const x of v) n += statementBytes(x);
  else n += statementBytes(v);
  return n;
});

/** Parsed statements of macro and loop expansions, by text. */
const parsedCache = new ByteBudgetCache<ParsedStatement>(4 << 20, (k) => ENTRY_BYTES + stringBytes(k) + PARSED_BYTES + k.length);

/** Empties the statement caches (benchmarks of text never seen before). */
export function forgetStatements(): void {
  stmtCache.clear();
  parsedCache.clear();
}

/** A line's statements: one, or none or several. */
export type LineStatements = LineStatement | readonly LineStatement[];

export const isStatementList = (x: LineStatements): x is readonly LineStatement[] => Array.isArray(x);

export function lineStatements(text: string): LineStatements {
  let r = stmtCache.get(text);
  if (!r) {
    const all = splitStatements(text).map((x) => {
      const t = x.text.indexOf("'") >= 0 ? charConstants(x.text) : x.text;
      // (kept here only: the statement cache holds what a line's statements are)
      return { text: t, start: x.start, end: x.end, parsed: parseStatement(t, false) };
    });
    r = all.length === 1 ? all[0] : all;
    stmtCache.setNew(text, r);
  }
  return r;
}

/** Nesting (brackets, runs of unary operators) beyond what a recursive evaluator should meet. */
export function tooDeep(text: string): boolean {
  let depth = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > 200) return true;
    } else if (c === 41 || c === 93 || c === 125) depth--;
    if (c === 45 || c === 43 || c === 126 || c === 33) {
      if (++run > 200) return true;
    } else if (c !== 32 && c !== 9 && c !== 40) run = 0;
  }
  return false;
}

/** Statements a loop body expands to, counting nested .rept/.irp multipliers that are plain numbers. */
export function bodyCost(body: readonly BodyStatement[]): number {
  let cost = 0;
  const mult: number[] = [1];
  for (const b of body) {
    const t = b.text.trimStart().toLowerCase();
    cost += mult[mult.length - 1];
    if (t.startsWith('.rept')) {
      const m = /^\.rept\s+(\d+)\s*$/.exec(t);
      mult.push(mult[mult.length - 1] * (m ? Number(m[1]) : 1));
    } else if (t.startsWith('.irpc')) mult.push(mult[mult.length - 1] * Math.max(1, t.length - 8));
    else if (t.startsWith('.irp')) mult.push(mult[mult.length - 1] * Math.max(1, t.split(',').length - 1));
    else if (t.startsWith('.endr') && mult.length > 1) mult.pop();
    if (cost > Number.MAX_SAFE_INTEGER / 2) return cost;
  }
  return cost;
}

/** A statement's labels, first word and operands (cached by text: lines repeat across edits). */
export interface ParsedStatement {
  /** Instruction text with its PC-relative target as '.' (null: not that simple shape). */
  zeroKey?: string | null;
  /** A relocation operator or a symbol as a PC-relative target (the instruction waits for the end). */
  symbolicTarget?: boolean;
  readonly labels: readonly { name: string; col: number }[];
  readonly word: string;
  readonly lw: string;
  readonly args: string;
  readonly argCol: number;
  readonly localRefs: boolean;
  ops?: string[];
  text?: string;
  /**
   * The word of `text` when it depends on nothing but the text (no symbol, no place); null: it does
   * depend on more. With its row's feature (kept here: every line seen before reads them).
   */
  encWord?: number | null;
  encFeature?: string;
  /** What the statement loop does with it, from the first word and the operands' first character. */
  readonly kind: StatementKind;
}

/** The statement loop's dispatch, decided once per parse. */
export const enum StatementKind {
  /** Labels only. */
  Empty,
  /** `sym = expr`, `sym == expr`. */
  Assign,
  /** A second word starting with '.': `name .req reg`, `name .equ expr`, `name .set expr`; any other, a macro use or an instruction. */
  SecondWord,
  Directive,
  /** A macro use or an instruction. */
  Other,
}

/** The kind of a statement whose first word is `word` and operands `args`. */
function kindOf(word: string, args: string): StatementKind {
  if (word === '') return StatementKind.Empty;
  if (args.charCodeAt(0) === 61) return StatementKind.Assign;
  if (word.charCodeAt(0) !== 46 && args.charCodeAt(0) === 46) return StatementKind.SecondWord;
  return word.charCodeAt(0) === 46 ? StatementKind.Directive : StatementKind.Other;
}

export function symbolicTarget(mnemonic: string, ops: readonly string[]): boolean {
  const labels = labelOperandIndexes(mnemonic);
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    if (o.indexOf(':') >= 0 && findRelocOperator(o)) return true;
    if (labels?.has(i) && o[0] !== '[' && /[A-Za-z_.$]/.test(o.replace(/^#/, '').replace(/0x[0-9a-f]+/gi, ''))) return true;
  }
  return false;
}

export const NO_LABELS: readonly { name: string; col: number }[] = [];

/** cache: keep it in the parsed-statement cache (statements of expansions; a line's are kept with the line). */
export function parseStatement(text: string, cache = true): ParsedStatement {
  let p = cache ? parsedCache.get(text) : undefined;
  if (p) return p;
  let labels = NO_LABELS;
  let rest = text;
  let restCol = 0;
  if (text.indexOf(':') > 0) {
    const t = takeLabels(text);
    if (t.labels.length) labels = t.labels;
    rest = t.rest;
    restCol = t.restCol;
  }
  const { word, rest: args, restOffset } = firstWord(rest);
  // (every field from the start: one object shape for the statement loop's property reads)
  p = { labels, word, lw: word.toLowerCase(), args, argCol: restCol + restOffset, localRefs: hasLocalRef(args), kind: kindOf(word, args), ops: undefined, text: undefined, encWord: undefined, encFeature: undefined, symbolicTarget: undefined, zeroKey: undefined };
  if (cache) parsedCache.setNew(text, p);
  return p;
}

export const DATA_SIZES: Record<string, number> = {
  '.byte': 1, '.hword': 2, '.short': 2, '.2byte': 2, '.half': 2, '.word': 4, '.long': 4, '.int': 4, '.4byte': 4,
  '.quad': 8, '.8byte': 8, '.xword': 8, '.dword': 8,
};

export const IGNORED = new Set([
  '.file', '.loc', '.loc_mark_labels', '.ident', '.cfi_sections', '.cfi_startproc', '.cfi_endproc', '.cfi_def_cfa', '.cfi_def_cfa_offset',
  '.cfi_def_cfa_register', '.cfi_offset', '.cfi_rel_offset', '.cfi_restore', '.cfi_remember_state', '.cfi_restore_state', '.cfi_undefined',
  '.cfi_same_value', '.cfi_register', '.cfi_return_column', '.cfi_signal_frame', '.cfi_window_save', '.cfi_negate_ra_state', '.cfi_escape',
  '.cfi_adjust_cfa_offset', '.cfi_personality', '.cfi_lsda', '.cfi_val_offset', '.cfi_b_key_frame', '.cfi_mte_tagged_frame', '.cfi_val_encoded_addr',
  '.cfi_label', '.cfi_inline_lsda', '.cfi_fde_data', '.cfi_rel_offset', '.addrsig', '.addrsig_sym', '.symver', '.variant_pcs',
  '.eabi_attribute', '.uleb128_placeholder', '.lflags', '.nolist', '.list', '.psize', '.title', '.sbttl', '.eject', '.tls_descadd', '.tls_descldr',
  '.tls_desccall', '.protected', '.internal', '.gnu_attribute', '.att_syntax', '.stabs', '.stabn', '.stabd', '.def', '.endef',
  '.scl', '.tag', '.val', '.dim', '.line', '.ln', '.desc', '.version', '.weakref', '.reloc', '.sleb128_placeholder', '.aeabi_subsection',
]);
