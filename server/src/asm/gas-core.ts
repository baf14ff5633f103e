// The gas stage: preprocessed lines → statements → macros, loops and conditionals → directives,
// symbols and instructions laid out in sections. One interpretation pass as GNU as does it (sizes
// are known when a statement is read); values that need symbols defined later are fixups,
// resolved after the last statement — as relocations when they stay unresolved or are global.
import { encode, isEncodeFailure, EncodeResult, EncodeFailure } from '../isa/encode';
import type { FrontEndCode } from './front-end-codes';
import { ExprError } from '../isa/expr';
import { splitOperands } from '../isa/operands/operand';
import { ArchState, DEFAULT_ARCH, parseArch, parseCpu, supports, withExtension } from './gas-arch';
import { ExprValue, Lookup, SymValue, evalSymbolic, hasLocalRef, pcRelativeBase, rewriteLocalRefs, singleBase } from './gas-expr';
import { SIZE_QUALIFIER, UNKNOWN_MODIFIER, branchRelocation, dataRelocation, findRelocOperator, labelOperandIndexes, moveWideShift, operatorRelocation, operatorValue } from './gas-insn';
import { commaRanges, firstWord, parseStringLiteral, scrub, scrubOperands, skipString, splitCommas, splitStatements, takeLabels } from './gas-lex';
import { BodyStatement, MacroDef, bindArguments, irpValues, parseMacroHead, substitute } from './gas-macro';
import { AltExpansion, PercentEval, altIrpValues, bindAltArguments, getAltString, substituteAlt } from './gas-altmacro';
import { LayoutItem, SectionBuilder, SectionInfo, buildItemIndex, defaultSectionFlags, joinSubsections, subsectionKey } from './layout';
import { sameOrigin } from './origin-shift';
import {
  AsmSymbol, AssembleResult, DEFAULT_LIMITS, Diagnostic, ExpansionFrame, GasMacro, Limits, Origin, PpLine, PreprocessResult, Relocation, Severity,
  SourceHost,
} from './types';

export interface GasOptions {
  /** Build-time constants (asm-offsets) for symbols the source does not define. */
  readonly predefined?: (name: string) => { value: bigint; source: string } | undefined;
  /** -march text; default armv8-a (what `aarch64-linux-gnu-gcc -c` gives as). */
  readonly arch?: string;
  readonly limits?: Limits;
  /** For `.include`: how files are read and where they are searched. */
  readonly host?: SourceHost;
  readonly includePaths?: readonly string[];
  /**
   * Remember this file's run and resume the next assembly of the same file from the state before
   * its first changed line (default true; the result is the same either way).
   */
  readonly incremental?: boolean;
}

interface Stmt {
  readonly text: string;
  readonly origin: Origin;
  /** The parse of `text`, when the line cache had it. */
  readonly parsed?: ParsedStatement;
}

interface Frame {
  readonly kind: ExpansionFrame['kind'] | 'file';
  readonly name: string;
  /** Conditional depth when the frame started (restored by .exitm, checked at its end). */
  readonly condDepth: number;
  readonly macro: boolean;
  next(): Stmt | undefined;
}

interface Cond {
  active: boolean;
  taken: boolean;
  parentActive: boolean;
  elseSeen: boolean;
  origin: Origin;
}

interface Collect {
  kind: 'macro' | 'rept' | 'irp' | 'irpc';
  depth: number;
  body: BodyStatement[];
  origin: Origin;
  /** macro: the definition head; rept: count; irp/irpc: symbol and values. */
  macro?: { name: string; params: MacroDef['params'] };
  count?: number;
  sym?: string;
  values?: string[];
}

interface SymRec {
  name: string;
  kind: 'label' | 'equ' | 'undef' | 'common';
  section?: string;
  value: bigint;
  /** equ: the base of the value ('s:SECTION', 'u:NAME') or undefined for absolute. */
  base?: string;
  /** equ whose value needs symbols not yet defined: evaluated on use after the last statement. */
  lazy?: string;
  binding: 'local' | 'global' | 'weak';
  type?: 'function' | 'object' | 'notype';
  size?: number;
  origin?: Origin;
  predefined?: string;
  equiv?: boolean;
  evaluating?: boolean;
  /** equ `NAME = SYM [± constant]`: SYM, whose type and size the symbol table gives NAME as gas does. */
  target?: string;
}

type MutItem = ReturnType<SectionBuilder['add']>;

/**
 * Fixups are made by the statement pass and never changed afterwards (a later run that resumes
 * from a remembered one shares them): resolving one works on a copy of its item put in the
 * section at `index`, in the run's own section of the same name.
 */
interface InsnFix {
  kind: 'insn';
  sec: SectionBuilder;
  item: MutItem;
  index: number;
  mnemonic: string;
  ops: string[];
  st: Stmt;
  scrubbed: string;
  snapshot?: Map<string, SymValue>;
  arch: ArchState;
  parsed?: ParsedStatement;
}

interface DataFix {
  kind: 'data';
  sec: SectionBuilder;
  item: MutItem;
  index: number;
  at: number;
  size: number;
  expr: string;
  st: Stmt;
  snapshot?: Map<string, SymValue>;
}

interface SizeFix {
  kind: 'size';
  sym: SymRec;
  expr: string;
  sec: SectionBuilder;
  at: number;
  st: Stmt;
}

type Fixup = InsnFix | DataFix | SizeFix;

interface PoolEntry {
  key: string;
  expr: string;
  label: string;
  st: Stmt;
}

/** The state before a top-level line: counts into the run's arrays, copies of mutable records. */
interface Checkpoint {
  readonly line: number;
  readonly sections: readonly { key: string; name: string; subsection: number; start: number; flags: string; type: string; size: number; items: number }[];
  readonly cur: string;
  readonly prev?: string;
  readonly sectionStack: readonly { cur: string; prev?: string }[];
  /** Symbol records changed since the previous checkpoint (restoring replays them in order). */
  readonly symbols: readonly SymRec[];
  readonly macros: readonly [string, MacroDef][];
  readonly aliases: readonly [string, string][];
  readonly localCounts: readonly [string, number][];
  readonly fixups: number;
  readonly diagnostics: number;
  readonly unknownMnemonics: number;
  readonly predefinedQueries: number;
  readonly includes: number;
  readonly conds: readonly Cond[];
  readonly arch: ArchState;
  readonly macroCounter: number;
  readonly statements: number;
  readonly poolCounter: number;
  readonly absoluteEqus: number;
  readonly tlsCall: string | undefined;
  readonly altmacro: boolean;
  readonly localCounter: number;
  readonly pools: readonly { section: string; origin: Origin; bySize: [number, PoolEntry[]][] }[];
}

/** A finished run of a file, kept so that the next assembly of it can resume after an edit. */
interface Memo {
  readonly key: string;
  readonly lines: readonly PpLine[];
  readonly checkpoints: readonly Checkpoint[];
  readonly sections: ReadonlyMap<string, SectionBuilder>;
  readonly fixups: readonly Fixup[];
  readonly diagnostics: readonly Diagnostic[];
  readonly unknownMnemonics: readonly { index: number; name: string }[];
  readonly predefinedQueries: readonly { name: string; value?: bigint; source?: string }[];
  readonly includes: readonly FileRead[];
  /** The state after the last statement (and the literal pools written at the end), before fixups. */
  readonly end: Checkpoint;
  /** The run stopped at the statement limit (its end state cannot stand for another run's). */
  readonly hitLimit: boolean;
}

/** A file `.include` or `.incbin` read: its text, or its bytes (undefined: not found). */
interface FileRead {
  readonly path: string;
  readonly text?: string;
  readonly bytes?: Uint8Array;
}

/** Whether the host still gives what a run read. */
function sameRead(host: SourceHost | undefined, r: FileRead): boolean {
  if (r.text !== undefined) return host?.readFile(r.path) === r.text;
  const now = readBytes(host, r.path);
  return !!now && !!r.bytes && Buffer.compare(now, r.bytes) === 0;
}

/** A file's bytes through the host: readBinary when it has one, else its text as UTF-8. */
function readBytes(host: SourceHost | undefined, path: string): Uint8Array | undefined {
  if (!host) return undefined;
  if (host.readBinary) return host.readBinary(path);
  const t = host.readFile(path);
  return t === undefined ? undefined : new TextEncoder().encode(t);
}

/** Checkpoints per file (at least CHECKPOINT_MIN lines apart); files remembered. */
const CHECKPOINTS = 24;
const CHECKPOINT_MIN = 200;
const MAX_MEMOS = 16;
const memos = new Map<string, Memo>();

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function sameEntries<K, V>(a: readonly (readonly [K, V])[], b: readonly (readonly [K, V])[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i][0] !== b[i][0] || a[i][1] !== b[i][1]) return false;
  return true;
}

function sameMacro(a: MacroDef, b: MacroDef): boolean {
  if (a.name !== b.name || !sameOrigin(a.origin, b.origin) || a.body.length !== b.body.length || JSON.stringify(a.params) !== JSON.stringify(b.params)) return false;
  for (let i = 0; i < a.body.length; i++) if (a.body[i].text !== b.body[i].text || !sameOrigin(a.body[i].origin, b.body[i].origin)) return false;
  return true;
}

function sameSym(a: SymRec, b: SymRec): boolean {
  return (
    a.kind === b.kind && a.section === b.section && a.value === b.value && a.base === b.base && a.lazy === b.lazy && a.binding === b.binding &&
    a.type === b.type && a.size === b.size && a.equiv === b.equiv && a.predefined === b.predefined && a.target === b.target &&
    (a.origin === b.origin || (!!a.origin && !!b.origin && sameOrigin(a.origin, b.origin)))
  );
}

/** `SYM`, `SYM + 4`, `SYM - 8` (gas's O_symbol values) → SYM; not numbers or local label references. */
const EQU_TARGET = /^\s*([A-Za-z_.$][\w.$]*)\s*(?:[+-]\s*(?:0[xX][0-9a-fA-F]+|\d+)\s*)?$/;

/** An equ whose value is a place in a section (an alias of a label). */
const isSectionEqu = (s: SymRec): boolean => s.kind === 'equ' && s.lazy === undefined && !!s.base?.startsWith('s:');

function cloneSym(x: SymRec): SymRec {
  return {
    name: x.name, kind: x.kind, section: x.section, value: x.value, base: x.base, lazy: x.lazy, binding: x.binding, type: x.type, size: x.size,
    origin: x.origin, predefined: x.predefined, equiv: x.equiv, evaluating: x.evaluating, target: x.target,
  };
}

/** The remembered run and checkpoint an assembly of these lines can resume from, if any. */
function findResume(pp: PreprocessResult, opts: GasOptions, key: string): { memo: Memo; checkpoint: Checkpoint; suffixFrom?: number } | undefined {
  const file = pp.lines[0]?.origin.loc.file;
  const memo = file === undefined ? undefined : memos.get(file);
  if (!memo || memo.key !== key || memo.checkpoints.length === 0) return undefined;
  const a = memo.lines;
  const b = pp.lines;
  const n = Math.min(a.length, b.length);
  let k = 0;
  while (k < n && a[k].text === b[k].text && sameOrigin(a[k].origin, b[k].origin)) k++;
  let cp: Checkpoint | undefined;
  for (const c of memo.checkpoints) {
    if (c.line > k) break;
    cp = c;
  }
  if (!cp) return undefined;
  // what the lines before the checkpoint asked of the world must have the same answers
  for (const q of memo.predefinedQueries.slice(0, cp.predefinedQueries)) {
    const now = opts.predefined?.(q.name);
    if (now?.value !== q.value || now?.source !== q.source) return undefined;
  }
  for (const inc of memo.includes.slice(0, cp.includes)) if (!sameRead(opts.host, inc)) return undefined;
  // the lines after the last changed one, when no line was added or removed: the remembered run's
  // rest may be reused from a checkpoint there
  let suffixFrom: number | undefined;
  if (a.length === b.length) {
    let e = b.length;
    while (e > k && a[e - 1].text === b[e - 1].text && sameOrigin(a[e - 1].origin, b[e - 1].origin)) e--;
    suffixFrom = e;
  }
  return { memo, checkpoint: cp, suffixFrom };
}

const NOP = 0xd503201f;
const MAX_DIAGNOSTICS = 2000;
const LOCAL_NAME = /^\.L(\d+)\$(\d+|u)$/;
const BARE_NAME = /^\s*[A-Za-z_.$][\w.$]*\s*$/;
const NO_TERMS: ReadonlyMap<string, bigint> = new Map();
const NO_NAMES: readonly string[] = [];
const CHAR_CONST = /'(\\[0-7]{1,3}|\\.|[^\\])'?/g;
const ESCAPES: Record<string, number> = { n: 10, t: 9, b: 8, f: 12, r: 13, v: 11, '\\': 92, "'": 39, '"': 34 };
/** As gas's input scrubber: `'c` (closing quote optional) becomes its decimal code, outside strings. */
function charConstants(text: string): string {
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
const CHAR_ONE = /^'(\\[0-7]{1,3}|\\.|[^\\])'?/;

function charCode(c: string): number {
  if (c[0] !== '\\') return c.codePointAt(0)!;
  if (/^\\[0-7]/.test(c)) return parseInt(c.slice(1), 8) & 0xff;
  return ESCAPES[c[1]] ?? c.charCodeAt(1);
}

// caches shared by successive assemblies (the editor re-assembles after each edit)
const stmtCache = new Map<string, readonly LineStatement[]>();
const encodeCache = new Map<string, EncodeResult | EncodeFailure>();
function cachePut<K, V>(m: Map<K, V>, k: K, v: V) {
  if (m.size > 50_000) m.clear();
  m.set(k, v);
}

/** A statement of a source line as the scrubber leaves it (character constants as numbers), parsed. */
interface LineStatement {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly parsed: ParsedStatement;
}

/** A line's statements, cached by the line's text (lines repeat across edits and files). */
function lineStatements(text: string): readonly LineStatement[] {
  let r = stmtCache.get(text);
  if (!r) {
    r = splitStatements(text).map((x) => {
      const t = x.text.indexOf("'") >= 0 ? charConstants(x.text) : x.text;
      return { text: t, start: x.start, end: x.end, parsed: parseStatement(t) };
    });
    cachePut(stmtCache, text, r);
  }
  return r;
}

/** Encodes with a memo for texts whose word depends on neither symbols nor the pc. */
function encodeCached(text: string, pc: bigint, resolve: (name: string) => bigint | undefined): EncodeResult | EncodeFailure {
  const hit = encodeCache.get(text);
  if (hit) return hit;
  let usedPc = false;
  let asked = false;
  let valued = false;
  const env = {
    get pc() {
      usedPc = true;
      return pc;
    },
    resolve: (name: string) => {
      asked = true;
      const v = resolve(name);
      if (v !== undefined) valued = true;
      return v;
    },
  };
  const r = encode(text, env);
  // a success that needed no symbol value stands for the text (names asked by rows that failed,
  // e.g. a condition read as an immediate, do not matter); a failure only when nothing was asked
  if (!usedPc && !valued && (!asked || !isEncodeFailure(r))) cachePut(encodeCache, text, r);
  return r;
}

const zeroCache = new Map<string, EncodeResult>();

/** An instruction whose PC-relative target is '.' (a zero offset): the same word at any pc, cached when no symbol value went in. */
function zeroEncoded(text: string, pc: bigint, resolve: (name: string) => bigint | undefined): EncodeResult | EncodeFailure {
  const hit = zeroCache.get(text);
  if (hit) return hit;
  let valued = false;
  const r = encode(text, {
    pc,
    resolve: (n) => {
      const v = resolve(n);
      if (v !== undefined) valued = true;
      return v;
    },
  });
  if (!valued && !isEncodeFailure(r)) cachePut(zeroCache, text, r);
  return r;
}

/** Nesting (brackets, runs of unary operators) beyond what a recursive evaluator should meet. */
function tooDeep(text: string): boolean {
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
function bodyCost(body: readonly BodyStatement[]): number {
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

/** Puts a PC-relative offset into the field a relocation of `type` covers; undefined when it does not fit. */
function patchBranch(word: number, type: string, off: number): number | undefined {
  const fits = (bits: number, scale: number) => off % scale === 0 && off >= -(2 ** (bits - 1)) * scale && off < 2 ** (bits - 1) * scale;
  switch (type) {
    case 'R_AARCH64_JUMP26':
    case 'R_AARCH64_CALL26':
      return fits(26, 4) ? (word | ((off / 4) & 0x3ffffff)) >>> 0 : undefined;
    case 'R_AARCH64_CONDBR19':
    case 'R_AARCH64_LD_PREL_LO19':
      return fits(19, 4) ? (word | (((off / 4) & 0x7ffff) << 5)) >>> 0 : undefined;
    case 'R_AARCH64_TSTBR14':
      return fits(14, 4) ? (word | (((off / 4) & 0x3fff) << 5)) >>> 0 : undefined;
    case 'R_AARCH64_ADR_PREL_LO21':
      return fits(21, 1) ? (word | ((off & 3) << 29) | (((off >> 2) & 0x7ffff) << 5)) >>> 0 : undefined;
  }
  return undefined;
}

/** A statement's labels, first word and operands (cached by text: lines repeat across edits). */
interface ParsedStatement {
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
}

function symbolicTarget(mnemonic: string, ops: readonly string[]): boolean {
  const labels = labelOperandIndexes(mnemonic);
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    if (o.indexOf(':') >= 0 && findRelocOperator(o)) return true;
    if (labels?.has(i) && o[0] !== '[' && /[A-Za-z_.$]/.test(o.replace(/^#/, '').replace(/0x[0-9a-f]+/gi, ''))) return true;
  }
  return false;
}

const NO_LABELS: readonly { name: string; col: number }[] = [];
const parsedCache = new Map<string, ParsedStatement>();

function parseStatement(text: string): ParsedStatement {
  let p = parsedCache.get(text);
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
  p = { labels, word, lw: word.toLowerCase(), args, argCol: restCol + restOffset, localRefs: hasLocalRef(args) };
  cachePut(parsedCache, text, p);
  return p;
}

function frameOrigin(st: Stmt, start: number, end: number): Origin {
  const loc = st.origin.loc;
  if (loc.endCol - loc.startCol !== st.text.length || start < 0 || end > st.text.length || end < start) return st.origin;
  return { loc: { file: loc.file, line: loc.line, startCol: loc.startCol + start, endCol: loc.startCol + end }, stack: st.origin.stack };
}

const DATA_SIZES: Record<string, number> = {
  '.byte': 1, '.hword': 2, '.short': 2, '.2byte': 2, '.half': 2, '.word': 4, '.long': 4, '.int': 4, '.4byte': 4,
  '.quad': 8, '.8byte': 8, '.xword': 8, '.dword': 8,
};

const IGNORED = new Set([
  '.file', '.loc', '.loc_mark_labels', '.ident', '.cfi_sections', '.cfi_startproc', '.cfi_endproc', '.cfi_def_cfa', '.cfi_def_cfa_offset',
  '.cfi_def_cfa_register', '.cfi_offset', '.cfi_rel_offset', '.cfi_restore', '.cfi_remember_state', '.cfi_restore_state', '.cfi_undefined',
  '.cfi_same_value', '.cfi_register', '.cfi_return_column', '.cfi_signal_frame', '.cfi_window_save', '.cfi_negate_ra_state', '.cfi_escape',
  '.cfi_adjust_cfa_offset', '.cfi_personality', '.cfi_lsda', '.cfi_val_offset', '.cfi_b_key_frame', '.cfi_mte_tagged_frame', '.cfi_val_encoded_addr',
  '.cfi_label', '.cfi_inline_lsda', '.cfi_fde_data', '.cfi_rel_offset', '.addrsig', '.addrsig_sym', '.symver', '.variant_pcs',
  '.eabi_attribute', '.uleb128_placeholder', '.lflags', '.nolist', '.list', '.psize', '.title', '.sbttl', '.eject', '.tls_descadd', '.tls_descldr',
  '.tls_desccall', '.protected', '.internal', '.gnu_attribute', '.att_syntax', '.stabs', '.stabn', '.stabd', '.def', '.endef',
  '.scl', '.tag', '.val', '.dim', '.line', '.ln', '.desc', '.version', '.weakref', '.reloc', '.sleb128_placeholder', '.aeabi_subsection',
]);

export class Assembler {
  private readonly limits: Limits;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly sections = new Map<string, SectionBuilder>();
  private cur!: SectionBuilder;
  private prev: SectionBuilder | undefined;
  private readonly sectionStack: { cur: SectionBuilder; prev: SectionBuilder | undefined }[] = [];
  private readonly symbols = new Map<string, SymRec>();
  private readonly macros = new Map<string, MacroDef>();
  private readonly aliases = new Map<string, string>();
  private readonly localCounts = new Map<string, number>();
  private readonly fixups: Fixup[] = [];
  private readonly frames: Frame[] = [];
  private readonly conds: Cond[] = [];
  private collect: Collect | undefined;
  private arch: ArchState;
  private macroCounter = 0;
  private macroDepth = 0;
  private statements = 0;
  private stopped = false;
  private unknownMnemonics: { index: number; name: string }[] = [];
  private readonly predefinedUsed = new Map<string, { value: bigint; source: string }>();
  /** Location used by '.' in expressions (the statement being evaluated). */
  private here: { sec: SectionBuilder; at: number } | undefined;
  private final = false;
  /** `ldr Rt, =expr` literals waiting for .ltorg or the end, per section and size. */
  private readonly pools = new Map<SectionBuilder, { origin: Origin; bySize: Map<number, PoolEntry[]> }>();
  private poolCounter = 0;
  /** How many absolute `.set` symbols exist (deferred statements snapshot their values). */
  private absoluteEqus = 0;
  /** `.tlsdesccall SYM`: the next instruction gets an R_AARCH64_TLSDESC_CALL against SYM. */
  private tlsCall: string | undefined;
  /** `.altmacro` is in effect (macro arguments and bodies read in gas's alternate syntax). */
  private altmacro = false;
  /** `LOCAL` names made so far (`.LL0001` …), across every expansion as gas counts them. */
  private localCounter = 0;

  /**
   * @param starts where subsections start (from an earlier pass over the same lines): the
   *   section offset of each subsection's first byte, by its key; absent ones start at 0.
   */
  constructor(private readonly pp: PreprocessResult, private readonly opts: GasOptions, private readonly starts?: ReadonlyMap<string, number>) {
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    const a = parseArch(opts.arch ?? DEFAULT_ARCH);
    if ('error' in a) {
      this.arch = parseArch(DEFAULT_ARCH) as ArchState;
      this.diag('error', 'asm/bad-arch', a.error, this.fileOrigin());
    } else this.arch = a;
    this.cur = this.section('.text');
  }

  // --- diagnostics ---------------------------------------------------------------------------

  private fileOrigin(): Origin {
    const first = this.pp.lines[0];
    return first ? { loc: { ...first.origin.loc, line: 0, startCol: 0, endCol: 0 }, stack: [] } : { loc: { file: '', line: 0, startCol: 0, endCol: 0 }, stack: [] };
  }

  private diag(severity: Severity, code: FrontEndCode, message: string, origin: Origin, related?: Diagnostic['related']): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      if (this.diagnostics.length === MAX_DIAGNOSTICS)
        this.diagnostics.push({ severity: 'error', code: 'asm/limit', message: `too many diagnostics (${MAX_DIAGNOSTICS}); the rest are not shown`, origin });
      return;
    }
    this.diagnostics.push(related ? { severity, code, message, origin, related } : { severity, code, message, origin });
  }

  private err(code: FrontEndCode, message: string, st: Stmt | Origin, range?: [number, number]): void {
    const origin = 'text' in st ? (range ? frameOrigin(st, range[0], range[1]) : st.origin) : st;
    this.diag('error', code, message, origin);
  }

  private warn(code: FrontEndCode, message: string, st: Stmt, range?: [number, number]): void {
    this.diag('warning', code, message, range ? frameOrigin(st, range[0], range[1]) : st.origin);
  }

  // --- sections ------------------------------------------------------------------------------

  /** Subsection `subsection` of section `name` (made on first use; a section's subsections share its flags). */
  private section(name: string, flags?: string, type?: string, subsection = 0): SectionBuilder {
    const key = subsectionKey(name, subsection);
    let s = this.sections.get(key);
    if (!s) {
      let like: SectionBuilder | undefined;
      if (subsection !== 0) for (const b of this.sections.values()) if (b.name === name) { like = b; break; }
      const d = like ?? defaultSectionFlags(name);
      s = new SectionBuilder(name, flags ?? d.flags, type ?? d.type, subsection, this.starts?.get(key) ?? 0);
      this.sections.set(key, s);
    } else if (flags !== undefined && s.size === s.start && s.items.length === 0) {
      s.flags = flags;
      s.code = flags.includes('x');
      if (type) s.type = type;
    }
    return s;
  }

  /** A subsection number (gas get_absolute_expression: an error, and 0, when not absolute). */
  private subsectionNumber(text: string, st: Stmt): number {
    if (text.trim() === '') return 0;
    const v = this.absolute(text, '.subsection');
    if (typeof v === 'string') {
      this.err('asm/expression', 'bad or irreducible absolute expression', st);
      return 0;
    }
    return Number(BigInt.asIntN(32, v));
  }

  /**
   * Where each subsection of this run starts when laid out as gas lays them out: a section's
   * subsections in increasing number, each after the one before. Undefined when every one
   * started where it now would (the layout holds); else the starts for another pass.
   */
  subsectionStarts(): Map<string, number> | undefined {
    let moved = false;
    const starts = new Map<string, number>();
    for (const parts of this.subsectionGroups()) {
      let at = 0;
      for (const p of parts) {
        if (p.start !== at) moved = true;
        if (at !== 0) starts.set(p.key, at);
        at += p.size - p.start;
      }
    }
    return moved ? starts : undefined;
  }

  /** The builders of each section, in subsection order (sections in order of first use). */
  private subsectionGroups(): SectionBuilder[][] {
    const groups = new Map<string, SectionBuilder[]>();
    for (const b of this.sections.values()) {
      const g = groups.get(b.name);
      if (g) g.push(b);
      else groups.set(b.name, [b]);
    }
    for (const g of groups.values()) if (g.length > 1) g.sort((a, b) => a.subsection - b.subsection);
    return [...groups.values()];
  }

  private switchTo(s: SectionBuilder): void {
    if (s !== this.cur) {
      this.prev = this.cur;
      this.cur = s;
    }
  }

  private grow(sec: SectionBuilder, n: number, st: Stmt): boolean {
    if (n < 0 || sec.size + n > this.limits.maxSectionBytes) {
      this.err('asm/limit', `section ${sec.name} would exceed ${this.limits.maxSectionBytes} bytes (limit)`, st);
      return false;
    }
    return true;
  }

  // --- symbols -------------------------------------------------------------------------------

  private localName(n: string, dir: 'b' | 'f'): string {
    const c = this.localCounts.get(n) ?? 0;
    // no earlier definition: an instance name that is never defined ('u')
    return dir === 'b' ? (c === 0 ? `.L${n}$u` : `.L${n}$${c - 1}`) : `.L${n}$${c}`;
  }

  private displayName(name: string): string {
    const m = LOCAL_NAME.exec(name);
    return m ? `${m[1]}${m[2] !== 'u' && Number(m[2]) >= (this.localCounts.get(m[1]) ?? 0) ? 'f' : 'b'}` : name;
  }

  /** A symbol's record, to be changed (checkpoints copy the records changed since the last one). */
  private sym(name: string): SymRec {
    let s = this.symbols.get(name);
    if (this.initialSinceResume && !this.initialSinceResume.has(name)) this.initialSinceResume.set(name, s && { ...s });
    if (!s) this.symbols.set(name, (s = { name, kind: 'undef', value: 0n, binding: 'local' }));
    this.dirty.add(s);
    return s;
  }

  private readonly lookup: Lookup = (name) => {
    if (name === '.') {
      const h = this.here ?? { sec: this.cur, at: this.cur.size };
      return { base: 's:' + h.sec.name, value: BigInt(h.at) };
    }
    const s = this.symbols.get(name);
    if (s) {
      if (s.kind === 'label') return { base: 's:' + s.section, value: s.value };
      if (s.kind === 'equ') {
        if (s.lazy === undefined) return { base: s.base, value: s.value };
        if (!this.final || s.evaluating) return undefined;
        s.evaluating = true;
        try {
          const v = evalSymbolic(s.lazy, this.lookup);
          if (v.unknown.length === 0 && (v.terms.size === 0 || singleBase(v))) {
            s.lazy = undefined;
            s.base = singleBase(v);
            s.value = v.value;
            return { base: s.base, value: s.value };
          }
        } catch {
          // reported where the symbol is used
        } finally {
          s.evaluating = false;
        }
        return undefined;
      }
      if (s.kind === 'common') return { base: 'u:' + name, value: 0n };
    }
    if (!this.opts.predefined) return undefined;
    const p = this.opts.predefined(name);
    this.predefinedQueries.push(p ? { name, value: p.value, source: p.source } : { name });
    if (p) {
      this.predefinedUsed.set(name, p);
      return { value: p.value };
    }
    return undefined;
  };

  /** `1b`/`1f` → the label instances they mean at this point of the source. */
  private localize(text: string): string {
    return hasLocalRef(text) ? rewriteLocalRefs(text, (n, d) => this.localName(n, d)) : text;
  }

  private evaluate(text: string, snapshot?: Map<string, SymValue>): ExprValue {
    if (text.length > 64 && tooDeep(text)) throw new ExprError('expression too deeply nested');
    if (BARE_NAME.test(text)) {
      // the common case, a symbol alone: no expression machinery
      const name = text.trim();
      const v = snapshot?.get(name) ?? this.lookup(name);
      if (v === undefined) return { value: 0n, terms: new Map([['u:' + name, 1n]]), unknown: [name], names: [name] };
      return { value: v.value, terms: v.base === undefined ? NO_TERMS : new Map([[v.base, 1n]]), unknown: NO_NAMES, names: [name] };
    }
    let t = this.localize(text);
    // character constants: 'c (gas needs no closing quote), '\n, '\\
    if (t.indexOf("'") >= 0) t = t.replace(CHAR_CONST, (_m, c: string) => String(charCode(c)));
    return evalSymbolic(t, snapshot ? (n) => snapshot.get(n) ?? this.lookup(n) : this.lookup);
  }

  /** An absolute value now, or an error message. */
  private absolute(text: string, what: string): bigint | string {
    let v: ExprValue;
    try {
      v = this.evaluate(text);
    } catch (e) {
      if (e instanceof ExprError) return e.message;
      throw e;
    }
    if (v.unknown.length || v.terms.size) return `non-constant expression in "${what}" statement`;
    return v.value;
  }

  private defineLabel(name: string, st: Stmt, col: number): void {
    let n = name;
    if (/^\d+$/.test(name)) {
      const k = String(Number(name));
      const c = this.localCounts.get(k) ?? 0;
      n = `.L${k}$${c}`;
      this.localCounts.set(k, c + 1);
    }
    const s = this.sym(n);
    if (s.kind === 'label' || (s.kind === 'equ' && s.equiv)) {
      this.err('asm/redefined-symbol', `symbol \`${name}' is already defined`, st, [col, col + name.length]);
      return;
    }
    s.kind = 'label';
    s.section = this.cur.name;
    s.value = BigInt(this.cur.size);
    s.base = undefined;
    s.lazy = undefined;
    s.origin = frameOrigin(st, col, col + name.length);
  }

  private assign(name: string, expr: string, st: Stmt, how: 'set' | 'equiv' | 'eqv'): void {
    if (!/^[A-Za-z_.$][\w.$]*$/.test(name)) {
      this.err('asm/bad-directive', `invalid symbol name \`${name}'`, st);
      return;
    }
    const s = this.sym(name);
    if (how === 'equiv' && (s.kind === 'label' || s.kind === 'equ')) {
      this.err('asm/redefined-symbol', `symbol \`${name}' is already defined`, st);
      return;
    }
    if (s.kind === 'label') {
      this.err('asm/redefined-symbol', `symbol \`${name}' is already defined`, st);
      return;
    }
    let v: ExprValue;
    try {
      v = this.evaluate(expr);
    } catch (e) {
      if (e instanceof ExprError) return this.err('asm/expression', e.message, st);
      throw e;
    }
    s.kind = 'equ';
    s.origin ??= st.origin;
    s.equiv = how === 'equiv';
    s.target = EQU_TARGET.exec(expr)?.[1];
    if (v.unknown.length === 0 && (v.terms.size === 0 || singleBase(v))) {
      s.base = singleBase(v);
      s.value = v.value;
      s.lazy = undefined;
      if (s.base === undefined) this.absoluteEqus++;
    } else {
      // needs symbols defined later (or is not a single relocatable value): evaluated on use
      s.lazy = hasLocalRef(expr) ? rewriteLocalRefs(expr, (n, d) => this.localName(n, d)) : expr;
      s.value = 0n;
      s.base = undefined;
    }
  }

  // --- frames --------------------------------------------------------------------------------

  private linesFrame(lines: readonly PpLine[], kind: 'file' | 'include', name: string, start = 0, condDepth = this.conds.length): Frame & { position(): number | undefined } {
    let i = start;
    let pending: readonly LineStatement[] = [];
    let pi = 0;
    let line: PpLine | undefined;
    const self = this;
    return {
      kind, name, condDepth, macro: false,
      /** The next line's index when every statement of the lines before it was read. */
      position: () => (pi >= pending.length ? i : undefined),
      next(): Stmt | undefined {
        while (pi >= pending.length) {
          if (i >= lines.length) return undefined;
          line = lines[i++];
          if (line.text.length > self.limits.maxLineLength) {
            self.err('asm/limit', `line longer than ${self.limits.maxLineLength} characters (limit); skipped`, line.origin);
            pending = [];
            continue;
          }
          pending = lineStatements(line.text);
          pi = 0;
        }
        const r = pending[pi++];
        const l = line!;
        const loc = l.origin.loc;
        const exact = loc.endCol - loc.startCol === l.text.length;
        const origin: Origin = exact
          ? { loc: { file: loc.file, line: loc.line, startCol: loc.startCol + r.start, endCol: loc.startCol + r.end }, stack: l.origin.stack }
          : l.origin;
        return { text: r.text, origin, parsed: r.parsed };
      },
    };
  }

  /** Expands `body` `iterations` times with per-iteration substitution. */
  private bodyFrame(kind: ExpansionFrame['kind'], name: string, inv: Stmt, body: readonly BodyStatement[], iterations: number, subst: (text: string, iter: number, index: number) => string): Frame {
    const frame: ExpansionFrame = { kind, name, at: inv.origin.loc };
    const stack = [...inv.origin.stack, frame];
    let iter = 0;
    let bi = 0;
    let pending: Stmt[] = [];
    let pi = 0;
    return {
      kind, name, condDepth: this.conds.length, macro: kind === 'gas-macro',
      next(): Stmt | undefined {
        while (pi >= pending.length) {
          if (bi >= body.length) {
            iter++;
            bi = 0;
            if (body.length === 0) return undefined;
          }
          if (iter >= iterations) return undefined;
          const b = body[bi++];
          const text = subst(b.text, iter, bi - 1);
          const origin: Origin = { loc: b.origin.loc, stack };
          if (text === b.text || text.indexOf(';') < 0) pending = [{ text: text.trim(), origin }];
          else pending = splitStatements(text).map((r) => ({ text: r.text, origin }));
          pi = 0;
        }
        return pending[pi++];
      },
    };
  }

  private pushFrame(f: Frame, st: Stmt): boolean {
    if (f.kind !== 'file' && f.kind !== 'include') {
      if (this.macroDepth >= this.limits.maxMacroDepth) {
        this.err('asm/limit', `macros nested too deeply (limit ${this.limits.maxMacroDepth})`, st);
        // unwind every expansion: the outermost one is abandoned
        while (this.frames.length && this.frames[this.frames.length - 1].kind !== 'file' && this.frames[this.frames.length - 1].kind !== 'include') this.popFrame(true);
        return false;
      }
      this.macroDepth++;
    }
    this.frames.push(f);
    return true;
  }

  private popFrame(silent = false): void {
    const f = this.frames.pop()!;
    if (f.kind !== 'file' && f.kind !== 'include') this.macroDepth--;
    if (this.conds.length > f.condDepth) {
      if (!silent) {
        const c = this.conds[f.condDepth];
        if (f.kind === 'file') {
          this.diag('error', 'asm/unterminated', 'end of file inside conditional', c.origin);
        } else {
          this.diag('error', 'asm/unterminated', f.macro ? 'end of macro inside conditional' : `end of .${f.kind === 'rept' ? 'rept' : f.kind} inside conditional`, c.origin);
        }
      }
      this.conds.length = f.condDepth;
    }
  }

  // --- the main loop -------------------------------------------------------------------------

  run(resume?: { memo: Memo; checkpoint: Checkpoint; suffixFrom?: number }): AssembleResult {
    let startLine = 0;
    if (resume) {
      this.restore(resume.memo, resume.checkpoint);
      startLine = resume.checkpoint.line;
      this.resumedFrom = resume;
      if (resume.suffixFrom !== undefined && !resume.memo.hitLimit) {
        this.spliceAt = resume.memo.checkpoints.filter((c) => c.line >= resume.suffixFrom! && c.line > startLine);
        this.initialSinceResume = new Map();
      }
    }
    const lines = this.pp.lines;
    // (the file's frame owns every conditional, also those open at a resumed checkpoint)
    const top = this.linesFrame(lines, 'file', lines[0]?.origin.loc.file ?? '', startLine, 0);
    this.frames.push(top);
    const interval = Math.max(CHECKPOINT_MIN, Math.ceil(lines.length / CHECKPOINTS));
    let nextCheckpoint = startLine + interval;
    while (this.frames.length && !this.stopped) {
      const f = this.frames[this.frames.length - 1];
      if (f === top && this.frames.length === 1 && !this.collect) {
        const at = top.position();
        if (at !== undefined && this.spliceAt.length) {
          while (this.spliceAt.length && this.spliceAt[0].line < at) this.spliceAt.shift();
          if (this.spliceAt[0]?.line === at && this.trySplice(this.spliceAt[0])) break;
        }
        if (at !== undefined && at >= nextCheckpoint && at < lines.length) {
          this.checkpoints.push(this.checkpoint(at));
          nextCheckpoint = at + interval;
        }
      }
      const st = f.next();
      if (!st) {
        if (f === top && this.collect) {
          const c = this.collect;
          this.collect = undefined;
          const msg = c.kind === 'macro' ? `unexpected end of file in macro \`${c.macro!.name}' definition` : `missing .endr: end of file inside .${c.kind}`;
          this.diag('error', 'asm/unterminated', msg, c.origin);
        }
        this.popFrame();
        continue;
      }
      if (++this.statements > this.limits.maxStatements) {
        this.hitLimit = true;
        this.err('asm/limit', `more than ${this.limits.maxStatements} statements after expansion (limit); assembly stopped`, st);
        break;
      }
      try {
        this.statement(st);
      } catch (e) {
        // a statement deep enough to exhaust the stack (nested expressions, brackets) must not
        // take the whole analysis down
        if (!(e instanceof RangeError)) throw e;
        this.err('asm/limit', `statement too deeply nested to assemble (${e.message})`, st);
      }
    }
    if (this.collect) {
      const c = this.collect;
      this.diag('error', 'asm/unterminated', c.kind === 'macro' ? `unexpected end of file in macro \`${c.macro!.name}' definition` : `missing .endr: end of file inside .${c.kind}`, c.origin);
    }
    // literal pools not flushed by .ltorg go at the end of their sections (after a splice the
    // remembered run wrote them)
    if (!this.spliced) for (const sec of this.sections.values()) if (this.pools.has(sec)) this.flushPools(sec, { text: '', origin: this.pools.get(sec)!.origin });
    if (this.memoKey && !this.spliced) this.endState = this.checkpoint(lines.length);
    this.resolveFixups();
    const result = this.result();
    this.remember();
    return result;
  }

  // --- resuming: checkpoints of the state at top-level line boundaries -------------------------

  private readonly checkpoints: Checkpoint[] = [];
  /** Symbol records changed since the last checkpoint. */
  private readonly dirty = new Set<SymRec>();
  private endState: Checkpoint | undefined;
  private hitLimit = false;
  /** After resuming: each symbol's record as it was at the checkpoint, when it has changed since. */
  private initialSinceResume: Map<string, SymRec | undefined> | undefined;
  /** After resuming: remembered checkpoints at lines past the edit, where the rest may be reused. */
  private spliceAt: Checkpoint[] = [];
  private resumedFrom: { memo: Memo; checkpoint: Checkpoint } | undefined;
  /** `.include`d files read, in order (a resumed assembly checks they did not change). */
  private readonly includesRead: FileRead[] = [];
  /** Every question put to `predefined` and its answer (a resumed assembly asks them again). */
  private readonly predefinedQueries: { name: string; value?: bigint; source?: string }[] = [];
  /** Set when this run may be remembered for resuming (options that can be compared). */
  memoKey: string | undefined;

  /** The state before top-level line `line` (cheap: counts, and copies of the mutable records). */
  private checkpoint(line: number): Checkpoint {
    const sectionName = (b: SectionBuilder | undefined) => b?.key;
    return {
      line,
      sections: [...this.sections.values()].map((b) => ({ key: b.key, name: b.name, subsection: b.subsection, start: b.start, flags: b.flags, type: b.type, size: b.size, items: b.items.length })),
      cur: this.cur.key,
      prev: sectionName(this.prev),
      sectionStack: this.sectionStack.map((e) => ({ cur: e.cur.key, prev: sectionName(e.prev) })),
      symbols: this.takeDirty(),
      macros: [...this.macros],
      aliases: [...this.aliases],
      localCounts: [...this.localCounts],
      fixups: this.fixups.length,
      diagnostics: this.diagnostics.length,
      unknownMnemonics: this.unknownMnemonics.length,
      predefinedQueries: this.predefinedQueries.length,
      includes: this.includesRead.length,
      conds: this.conds.map((c) => ({ ...c })),
      arch: this.arch,
      macroCounter: this.macroCounter,
      statements: this.statements,
      poolCounter: this.poolCounter,
      absoluteEqus: this.absoluteEqus,
      tlsCall: this.tlsCall,
      altmacro: this.altmacro,
      localCounter: this.localCounter,
      pools: [...this.pools].map(([sec, p]) => ({ section: sec.key, origin: p.origin, bySize: [...p.bySize].map(([k, v]) => [k, v.slice()] as [number, PoolEntry[]]) })),
    };
  }

  private takeDirty(): SymRec[] {
    const out: SymRec[] = [];
    for (const x of this.dirty) out.push(cloneSym(x));
    this.dirty.clear();
    return out;
  }

  private spliced = false;

  /**
   * At a remembered checkpoint past the edited lines: when the state is the one the remembered run
   * had there, the rest of that run is this run's rest — its items, symbols, fixups and
   * diagnostics are taken over (patched items cloned) and only the fixups are resolved again.
   */
  private trySplice(old: Checkpoint): boolean {
    const memo = this.resumedFrom!.memo;
    const end = memo.end;
    if (!this.sameState(old, memo)) return false;
    if (end.statements - old.statements + this.statements > this.limits.maxStatements) return false;
    // what the rest of the remembered run asked of the world must have the same answers
    for (const q of memo.predefinedQueries.slice(old.predefinedQueries)) {
      const now = this.opts.predefined?.(q.name);
      if (now?.value !== q.value || now?.source !== q.source) return false;
    }
    for (const inc of memo.includes.slice(old.includes)) if (!sameRead(this.opts.host, inc)) return false;
    // this run's checkpoint at the splice line: its own counts, the symbols it changed since its last one
    const here: Checkpoint = {
      ...old,
      symbols: this.takeDirty(),
      fixups: this.fixups.length,
      diagnostics: this.diagnostics.length,
      unknownMnemonics: this.unknownMnemonics.length,
      predefinedQueries: this.predefinedQueries.length,
      includes: this.includesRead.length,
      statements: this.statements,
    };

    // items and bytes past the checkpoint (patched ones are replaced when the fixups are resolved)
    const oldItems = new Map(old.sections.map((x) => [x.key, x.items]));
    const sections = new Map<string, SectionBuilder>();
    for (const e of end.sections) {
      const ob = memo.sections.get(e.key)!;
      const nb = this.sections.get(e.key);
      const from = oldItems.get(e.key) ?? 0;
      const items = nb ? nb.items.slice() : [];
      for (let k = from; k < e.items; k++) items.push(ob.items[k]);
      const bytes = ob.view().slice(0, e.size - e.start);
      if (nb) bytes.set(nb.view());
      const b = SectionBuilder.resume(e.name, e.flags, e.type, bytes, e.size, items, e.subsection, e.start);
      sections.set(e.key, b);
    }
    const prefixFixups = this.fixups.slice();
    const prefixDiagnostics = this.diagnostics.length;
    const prefixUnknown = this.unknownMnemonics.slice();
    const prefixQueries = this.predefinedQueries.slice();
    const prefixIncludes = this.includesRead.slice();
    const symbols = new Map(this.symbols);
    const shift = { fixups: prefixFixups.length - old.fixups, diagnostics: prefixDiagnostics - old.diagnostics, unknown: prefixUnknown.length - old.unknownMnemonics, queries: prefixQueries.length - old.predefinedQueries, includes: prefixIncludes.length - old.includes };

    // the remembered end state (counters, macros, conditionals …), then this run's prefix put back
    this.restore(memo, end, sections);
    this.symbols.clear();
    for (const [k, v] of symbols) this.symbols.set(k, v);
    for (const c of memo.checkpoints) if (c.line > old.line) for (const x of c.symbols) this.symbols.set(x.name, cloneSym(x));
    for (const x of end.symbols) this.symbols.set(x.name, cloneSym(x));
    this.fixups.length = 0;
    for (const f of prefixFixups) this.fixups.push(f);
    for (let k = old.fixups; k < end.fixups; k++) this.fixups.push(memo.fixups[k]);
    this.diagnostics.push(...memo.diagnostics.slice(old.diagnostics, end.diagnostics));
    this.unknownMnemonics = [...prefixUnknown, ...memo.unknownMnemonics.slice(old.unknownMnemonics, end.unknownMnemonics).map((u) => ({ index: u.index + shift.diagnostics, name: u.name }))];
    this.predefinedQueries.length = 0;
    this.predefinedQueries.push(...prefixQueries, ...memo.predefinedQueries.slice(old.predefinedQueries, end.predefinedQueries));
    this.predefinedUsed.clear();
    for (const q of this.predefinedQueries) if (q.value !== undefined) this.predefinedUsed.set(q.name, { value: q.value, source: q.source! });
    this.includesRead.length = 0;
    this.includesRead.push(...prefixIncludes, ...memo.includes.slice(old.includes, end.includes));
    this.statements = end.statements + (this.statements - old.statements);
    // the remembered checkpoints from here on hold for this run, their counts shifted
    const moved = (c: Checkpoint): Checkpoint => ({
      ...c,
      fixups: c.fixups + shift.fixups,
      diagnostics: c.diagnostics + shift.diagnostics,
      unknownMnemonics: c.unknownMnemonics + shift.unknown,
      predefinedQueries: c.predefinedQueries + shift.queries,
      includes: c.includes + shift.includes,
      statements: c.statements + (this.statements - end.statements),
    });
    if (this.checkpoints[this.checkpoints.length - 1]?.line !== old.line) this.checkpoints.push(here);
    for (const c of memo.checkpoints) if (c.line > old.line) this.checkpoints.push(moved(c));
    this.endState = moved(end);
    this.frames.length = 0;
    this.spliced = true;
    return true;
  }

  /** Whether the state now equals the remembered run's at checkpoint `old` (reached from the same resume point). */
  private sameState(old: Checkpoint, memo: Memo): boolean {
    const secs = [...this.sections.values()];
    if (secs.length !== old.sections.length) return false;
    for (let i = 0; i < secs.length; i++) {
      const a = secs[i];
      const b = old.sections[i];
      if (a.key !== b.key || a.start !== b.start || a.flags !== b.flags || a.type !== b.type || a.size !== b.size || a.items.length !== b.items) return false;
    }
    if (this.cur.key !== old.cur || this.prev?.key !== old.prev || this.sectionStack.length !== old.sectionStack.length) return false;
    for (let i = 0; i < old.sectionStack.length; i++) if (this.sectionStack[i].cur.key !== old.sectionStack[i].cur || this.sectionStack[i].prev?.key !== old.sectionStack[i].prev) return false;
    if (this.macroCounter !== old.macroCounter || this.poolCounter !== old.poolCounter || this.absoluteEqus !== old.absoluteEqus || this.tlsCall !== old.tlsCall) return false;
    if (this.altmacro !== old.altmacro || this.localCounter !== old.localCounter) return false;
    if (this.arch !== old.arch && (this.arch.name !== old.arch.name || this.arch.level !== old.arch.level || !sameSet(this.arch.features, old.arch.features))) return false;
    if (!sameEntries([...this.aliases], old.aliases) || !sameEntries([...this.localCounts], old.localCounts)) return false;
    if (this.conds.length !== old.conds.length) return false;
    for (let i = 0; i < old.conds.length; i++) {
      const a = this.conds[i];
      const b = old.conds[i];
      if (a.active !== b.active || a.taken !== b.taken || a.parentActive !== b.parentActive || a.elseSeen !== b.elseSeen || !sameOrigin(a.origin, b.origin)) return false;
    }
    if (this.macros.size !== old.macros.length) return false;
    for (const [k, m] of old.macros) {
      const n = this.macros.get(k);
      if (!n || (n !== m && !sameMacro(n, m))) return false;
    }
    if (this.pools.size !== old.pools.length) return false;
    for (const p of old.pools) {
      const q = [...this.pools].find(([b]) => b.key === p.section)?.[1];
      if (!q || q.bySize.size !== p.bySize.length) return false;
      for (const [size, list] of p.bySize) {
        const l2 = q.bySize.get(size);
        if (!l2 || l2.length !== list.length || l2.some((e, i) => e.key !== list[i].key || e.label !== list[i].label || e.expr !== list[i].expr)) return false;
      }
    }
    // symbols: every record this run changed since resuming, and every one the remembered run
    // changed between the resume point and `old`, must be alike
    const oldSym = new Map<string, SymRec>();
    const start = this.resumedFrom!.checkpoint.line;
    for (const c of memo.checkpoints) if (c.line > start && c.line <= old.line) for (const x of c.symbols) oldSym.set(x.name, x);
    for (const name of new Set([...this.initialSinceResume!.keys(), ...oldSym.keys()])) {
      const a = this.symbols.get(name);
      const b = oldSym.has(name) ? oldSym.get(name) : this.initialSinceResume!.get(name) ?? this.symbols.get(name);
      if (!a || !b || !sameSym(a, b)) return false;
    }
    return true;
  }

  /** Keeps what a later assembly of the same file needs to resume from one of this run's checkpoints. */
  private remember(): void {
    const file = this.pp.lines[0]?.origin.loc.file;
    if (!file || !this.memoKey) return;
    if (memos.size >= MAX_MEMOS && !memos.has(file)) memos.delete(memos.keys().next().value!);
    memos.delete(file);
    memos.set(file, {
      key: this.memoKey,
      lines: this.pp.lines,
      checkpoints: this.checkpoints,
      sections: new Map(this.sections),
      fixups: this.fixups,
      diagnostics: this.diagnostics,
      unknownMnemonics: this.unknownMnemonics,
      predefinedQueries: this.predefinedQueries,
      includes: this.includesRead,
      end: this.endState!,
      hitLimit: this.hitLimit,
    });
  }

  /**
   * Puts the state of `cp` back, from the remembered run's results (which stay untouched). A splice
   * passes the sections it made and the checkpoint it splices at (the fixups, diagnostics and
   * symbols it sets itself).
   */
  private restore(memo: Memo, cp: Checkpoint, spliced?: Map<string, SectionBuilder>): void {
    if (spliced) {
      this.sections.clear();
      for (const [k, v] of spliced) this.sections.set(k, v);
      this.restoreScalars(memo, cp);
      return;
    }
    // items never change after they are made (resolving a fixup replaces its item), so they are
    // shared; the bytes fixups wrote are zeroed again when they are resolved
    this.sections.clear();
    for (const s of cp.sections) {
      const old = memo.sections.get(s.key)!;
      const b = SectionBuilder.resume(s.name, s.flags, s.type, old.view(), s.size, old.items.slice(0, s.items), s.subsection, s.start);
      this.sections.set(s.key, b);
    }
    this.restoreScalars(memo, cp);
    // each checkpoint holds the symbols changed since the one before
    this.symbols.clear();
    for (const c of memo.checkpoints) {
      if (c.line > cp.line) break;
      for (const x of c.symbols) this.symbols.set(x.name, cloneSym(x));
    }
    this.dirty.clear();
    this.fixups.length = 0;
    for (let k = 0; k < cp.fixups; k++) this.fixups.push(memo.fixups[k]);
    this.diagnostics.push(...memo.diagnostics.slice(0, cp.diagnostics));
    this.unknownMnemonics = memo.unknownMnemonics.slice(0, cp.unknownMnemonics);
    this.predefinedQueries.push(...memo.predefinedQueries.slice(0, cp.predefinedQueries));
    for (const q of this.predefinedQueries) if (q.value !== undefined) this.predefinedUsed.set(q.name, { value: q.value, source: q.source! });
    this.includesRead.push(...memo.includes.slice(0, cp.includes));
    this.statements = cp.statements;
    // the checkpoints before this one stay valid for the next edit
    for (const c of memo.checkpoints) if (c.line <= cp.line) this.checkpoints.push(c);
  }

  /** Sections stack, macros, aliases, counters, conditionals, architecture and pools of `cp`. */
  private restoreScalars(_memo: Memo, cp: Checkpoint): void {
    const sec = (name: string | undefined) => (name === undefined ? undefined : this.sections.get(name)!);
    this.cur = sec(cp.cur)!;
    this.prev = sec(cp.prev);
    this.sectionStack.length = 0;
    for (const e of cp.sectionStack) this.sectionStack.push({ cur: sec(e.cur)!, prev: sec(e.prev) });
    this.macros.clear();
    for (const [k, v] of cp.macros) this.macros.set(k, v);
    this.aliases.clear();
    for (const [k, v] of cp.aliases) this.aliases.set(k, v);
    this.localCounts.clear();
    for (const [k, v] of cp.localCounts) this.localCounts.set(k, v);
    this.conds.length = 0;
    for (const c of cp.conds) this.conds.push({ ...c });
    this.arch = cp.arch;
    this.macroCounter = cp.macroCounter;
    this.poolCounter = cp.poolCounter;
    this.absoluteEqus = cp.absoluteEqus;
    this.tlsCall = cp.tlsCall;
    this.altmacro = cp.altmacro;
    this.localCounter = cp.localCounter;
    this.pools.clear();
    for (const p of cp.pools) this.pools.set(sec(p.section)!, { origin: p.origin, bySize: new Map(p.bySize.map(([k, v]) => [k, v.slice()])) });
  }

  private statement(st: Stmt): void {
    this.here = undefined;
    if (this.collect) return this.collectStatement(st);
    const p = st.parsed ?? parseStatement(st.text);
    const { labels, word, lw, args, argCol } = p;
    const active = this.conds.length === 0 || this.conds[this.conds.length - 1].active;
    if (!active) {
      if (lw.startsWith('.if') || lw === '.else' || lw === '.elseif' || lw === '.endif') this.conditional(lw, args, st, argCol, false);
      return;
    }
    for (const l of labels) this.defineLabel(l.name, st, l.col);
    if (word === '') return;
    // `sym = expr`, `sym == expr`, `name .req reg`
    if (args.charCodeAt(0) === 61) {
      const e = args.startsWith('==') ? args.slice(2) : args.slice(1);
      return this.assign(word, e, st, args.startsWith('==') ? 'eqv' : 'set');
    }
    if (word.charCodeAt(0) !== 46 && args.charCodeAt(0) === 46) {
      const second = firstWord(args);
      const sw = second.word.toLowerCase();
      if (sw === '.req') return this.req(word, second.rest, st);
      if (sw === '.equ' || sw === '.set') return this.assign(word, second.rest, st, 'set');
    }
    if (lw.charCodeAt(0) === 46) return this.directive(lw, args, st, argCol);
    const m = this.macros.get(lw);
    if (m) return this.invokeMacro(m, args, st);
    this.instruction(p, st);
  }

  // --- collection of macro and loop bodies ---------------------------------------------------

  private collectStatement(st: Stmt): void {
    const c = this.collect!;
    const { rest } = st.text.indexOf(':') > 0 ? takeLabels(st.text) : { rest: st.text };
    const lw = firstWord(rest).word.toLowerCase();
    if (c.kind === 'macro') {
      if (lw === '.macro') c.depth++;
      else if (lw === '.endm') {
        if (--c.depth === 0) return this.finishCollect(st);
      }
    } else {
      if (lw === '.rept' || lw === '.irp' || lw === '.irpc') c.depth++;
      else if (lw === '.endr') {
        if (--c.depth === 0) return this.finishCollect(st);
      }
    }
    c.body.push({ text: st.text, origin: st.origin });
  }

  private finishCollect(st: Stmt): void {
    const c = this.collect!;
    this.collect = undefined;
    const inv: Stmt = { text: '', origin: c.origin };
    if (c.kind === 'macro') {
      const name = c.macro!.name.toLowerCase();
      if (this.macros.has(name)) {
        this.diag('error', 'asm/redefined-macro', `Macro \`${c.macro!.name}' was already defined`, c.origin);
        return;
      }
      this.macros.set(name, { name: c.macro!.name, params: c.macro!.params, body: c.body, origin: c.origin });
      return;
    }
    const body = c.body;
    if (c.kind === 'rept') {
      const n = c.count!;
      if (n <= 0 || body.length === 0) return;
      if (!this.budget(n * bodyCost(body), st, '.rept')) return;
      this.pushFrame(this.bodyFrame('rept', '.rept', inv, body, n, (t) => t), st);
      return;
    }
    const sym = c.sym!;
    const values = c.values!;
    if (body.length === 0 || values.length === 0) return;
    if (!this.budget(values.length * bodyCost(body), st, '.' + c.kind)) return;
    const one = new Map<string, string>();
    const alt = this.altmacro;
    this.pushFrame(
      this.bodyFrame(c.kind, '.' + c.kind, inv, body, values.length, (t, i) => {
        one.set(sym, values[i]);
        if (!alt) return substitute(t, one);
        return substituteAlt(t, { values: one, locals: new Map(), macro: false, nextLocal: () => ++this.localCounter, error: () => undefined });
      }),
      st,
    );
  }

  /** Whether `n` more statements fit the statement limit. */
  private budget(n: number, st: Stmt, what: string): boolean {
    if (this.statements + n > this.limits.maxStatements) {
      this.err('asm/limit', `${what} would expand to ${n} statements, more than the limit of ${this.limits.maxStatements}; not expanded`, st);
      return false;
    }
    return true;
  }

  // --- conditionals --------------------------------------------------------------------------

  private conditional(lw: string, args: string, st: Stmt, argCol: number, active: boolean): void {
    const top = this.conds[this.conds.length - 1];
    if (lw === '.endif') {
      if (!top) return this.err('asm/unbalanced', '".endif" without ".if"', st);
      this.conds.pop();
      return;
    }
    if (lw === '.else') {
      if (!top) return this.err('asm/unbalanced', '".else" without matching ".if"', st);
      if (top.elseSeen) this.err('asm/unbalanced', 'duplicate ".else"', st);
      top.elseSeen = true;
      top.active = top.parentActive && !top.taken;
      top.taken = true;
      return;
    }
    if (lw === '.elseif') {
      if (!top) return this.err('asm/unbalanced', '".elseif" without matching ".if"', st);
      if (top.elseSeen) this.err('asm/unbalanced', '".elseif" after ".else"', st);
      if (top.parentActive && !top.taken) {
        const v = this.absolute(args, '.elseif');
        if (typeof v === 'string') this.err('asm/expression', v, st, [argCol, st.text.length]);
        const ok = typeof v === 'bigint' && v !== 0n;
        top.active = ok;
        top.taken = ok;
      } else top.active = false;
      return;
    }
    // an .if family directive
    const parentActive = active;
    let result = false;
    if (parentActive) {
      const r = this.evalIf(lw, args, st, argCol);
      if (r === undefined) {
        this.warn('asm/unknown-directive', `unknown pseudo-op: \`${lw}'`, st);
        return;
      }
      result = r;
    }
    this.conds.push({ active: parentActive && result, taken: !parentActive || result, parentActive, elseSeen: false, origin: st.origin });
  }

  private evalIf(lw: string, args: string, st: Stmt, argCol: number): boolean | undefined {
    const num = (): bigint => {
      const v = this.absolute(args, lw === '.if' ? '.if' : lw);
      if (typeof v === 'string') {
        this.err('asm/expression', v, st, [argCol, st.text.length]);
        return 0n;
      }
      return v;
    };
    switch (lw) {
      case '.if': return num() !== 0n;
      case '.ifeq': return num() === 0n;
      case '.ifne': return num() !== 0n;
      case '.ifge': return num() >= 0n;
      case '.ifgt': return num() > 0n;
      case '.ifle': return num() <= 0n;
      case '.iflt': return num() < 0n;
      case '.ifdef':
      case '.ifndef':
      case '.ifnotdef': {
        const name = args.trim();
        const s = this.symbols.get(name);
        const def = !!s && (s.kind === 'label' || s.kind === 'equ' || s.kind === 'common');
        return lw === '.ifdef' ? def : !def;
      }
      case '.ifb':
      case '.ifnb': {
        const blank = args.trim() === '';
        return lw === '.ifb' ? blank : !blank;
      }
      case '.ifc':
      case '.ifnc': {
        const s = scrubOperands(args);
        const [a, b] = this.ifcOperands(s);
        if (b === undefined) {
          this.err('asm/bad-directive', 'bad format for ifc or ifnc', st);
          return false;
        }
        return lw === '.ifc' ? a === b : a !== b;
      }
      case '.ifeqs':
      case '.ifnes': {
        const parts = splitCommas(args);
        const strs = parts.map((p) => (p.startsWith('"') ? parseStringLiteral(p, 0).bytes.map((c) => String.fromCharCode(c)).join('') : undefined));
        if (parts.length !== 2 || strs.some((x) => x === undefined)) {
          this.err('asm/bad-directive', 'expected quoted string', st);
          return false;
        }
        return lw === '.ifeqs' ? strs[0] === strs[1] : strs[0] !== strs[1];
      }
    }
    return undefined;
  }

  /** gas get_mri_string for .ifc: 'quoted' (with '' for a quote) or text up to the comma, trimmed. */
  private ifcOperands(s: string): [string, string | undefined] {
    const one = (i: number, stop: string): [string, number] => {
      while (s[i] === ' ') i++;
      if (s[i] === "'") {
        let out = '';
        let j = i + 1;
        while (j < s.length) {
          if (s[j] === "'") {
            if (s[j + 1] === "'") {
              out += "'";
              j += 2;
              continue;
            }
            j++;
            break;
          }
          out += s[j++];
        }
        return [out, j];
      }
      let j = i;
      while (j < s.length && s[j] !== stop) j++;
      return [s.slice(i, j).trimEnd(), j];
    };
    const [a, i] = one(0, ',');
    if (s[i] !== ',') return [a, undefined];
    const [b] = one(i + 1, '\u0000');
    return [a, b];
  }

  // --- macros --------------------------------------------------------------------------------

  private invokeMacro(m: MacroDef, args: string, st: Stmt): void {
    if (this.altmacro) return this.invokeAltMacro(m, args, st);
    const { values, errors } = bindArguments(m, scrubOperands(args));
    for (const e of errors) this.err('asm/macro-arguments', e, st);
    const counter = this.macroCounter++;
    if (m.body.length === 0) return;
    this.pushFrame(this.bodyFrame('gas-macro', m.name, st, m.body, 1, (t) => substitute(t, values, counter)), st);
  }

  /** `%expr` in alternate syntax: the expression's value now (an error, and its constant part, when it is not absolute). */
  private percent(st: Stmt): PercentEval {
    return (expr) => {
      try {
        const v = this.evaluate(expr);
        if (v.unknown.length || v.terms.size) this.err('asm/expression', '% operator needs absolute expression', st);
        return v.value;
      } catch (e) {
        if (!(e instanceof ExprError)) throw e;
        this.err('asm/expression', '% operator needs absolute expression', st);
        return 0n;
      }
    };
  }

  /**
   * A macro invoked under `.altmacro`: the whole body is expanded at once, as gas does (LOCAL
   * names are numbered in the order gas numbers them, before any macro the body invokes).
   */
  private invokeAltMacro(m: MacroDef, args: string, st: Stmt): void {
    const { values, errors } = bindAltArguments(m, scrubOperands(args), this.percent(st));
    for (const e of errors) this.err('asm/macro-arguments', e, st);
    const counter = this.macroCounter++;
    if (m.body.length === 0) return;
    const stack = [...st.origin.stack, { kind: 'gas-macro' as const, name: m.name, at: st.origin.loc }];
    let at = 0;
    const x: AltExpansion = {
      values, locals: new Map(), counter, macro: true,
      nextLocal: () => ++this.localCounter,
      error: (message) => this.diag('error', 'asm/bad-directive', message, { loc: m.body[at].origin.loc, stack }),
    };
    const texts: string[] = [];
    for (; at < m.body.length; at++) texts.push(substituteAlt(m.body[at].text, x));
    this.pushFrame(this.bodyFrame('gas-macro', m.name, st, m.body, 1, (_t, _i, index) => texts[index]), st);
  }

  // --- directives ----------------------------------------------------------------------------

  private directive(lw: string, args: string, st: Stmt, argCol: number): void {
    const size = DATA_SIZES[lw];
    if (size !== undefined) return this.data(size, args, st, argCol, lw);
    if (lw.startsWith('.if') || lw === '.else' || lw === '.elseif' || lw === '.endif') return this.conditional(lw, args, st, argCol, true);
    switch (lw) {
      case '.macro': {
        const percent = this.percent(st);
        const h = this.altmacro ? parseMacroHead(scrubOperands(args), (s, i) => getAltString(s, i, percent)) : parseMacroHead(scrubOperands(args));
        if ('error' in h) return this.err('asm/bad-directive', h.error, st);
        this.collect = { kind: 'macro', depth: 1, body: [], origin: st.origin, macro: h };
        return;
      }
      case '.endm':
        return this.warn('asm/unbalanced', '.endm encountered without preceding .macro', st);
      case '.endr':
        return this.warn('asm/unbalanced', '.endr encountered without preceding .rept, .irp, or .irpc', st);
      case '.exitm': {
        let i = this.frames.length - 1;
        while (i >= 0 && !this.frames[i].macro && this.frames[i].kind !== 'file' && this.frames[i].kind !== 'include') i--;
        if (i < 0 || !this.frames[i].macro) return this.warn('asm/unbalanced', 'ignoring macro exit outside a macro definition.', st);
        while (this.frames.length > i) this.popFrame(true);
        return;
      }
      case '.purgem': {
        for (const n of splitCommas(args)) {
          if (!this.macros.delete(n.toLowerCase())) this.warn('asm/undefined-macro', `Attempt to purge non-existing macro \`${n}'`, st);
        }
        return;
      }
      case '.rept': {
        const v = this.absolute(args, '.rept');
        let n = 0;
        if (typeof v === 'string') this.err('asm/expression', v, st, [argCol, st.text.length]);
        else if (v < 0n) this.err('asm/expression', 'negative count for REPT - ignored', st);
        else n = v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
        this.collect = { kind: 'rept', depth: 1, body: [], origin: st.origin, count: n };
        return;
      }
      case '.irp':
      case '.irpc': {
        const s = scrubOperands(args);
        const m = /^([A-Za-z_.$][\w.$]*)\s*,?\s*(.*)$/.exec(s);
        if (!m) {
          this.err('asm/bad-directive', `missing model parameter in ${lw}`, st);
          this.collect = { kind: lw === '.irp' ? 'irp' : 'irpc', depth: 1, body: [], origin: st.origin, sym: '', values: [] };
          return;
        }
        let values: string[];
        if (lw === '.irp') values = m[2] === '' ? [''] : this.altmacro ? altIrpValues(m[2], this.percent(st)) : irpValues(m[2]);
        else {
          const t = m[2].startsWith('"') ? m[2].slice(1, m[2].endsWith('"') ? -1 : undefined) : m[2];
          values = t === '' ? [''] : [...t];
        }
        this.collect = { kind: lw === '.irp' ? 'irp' : 'irpc', depth: 1, body: [], origin: st.origin, sym: m[1], values };
        return;
      }
      case '.set':
      case '.equ':
      case '.equiv':
      case '.eqv': {
        const i = args.indexOf(',');
        if (i < 0) return this.err('asm/bad-directive', `expected comma after name in ${lw}`, st);
        return this.assign(args.slice(0, i).trim(), args.slice(i + 1), st, lw === '.equiv' ? 'equiv' : lw === '.eqv' ? 'eqv' : 'set');
      }
      case '.req':
        return this.err('asm/bad-directive', 'invalid syntax for .req directive', st);
      case '.unreq': {
        const n = args.trim();
        if (!this.aliases.delete(n) && !this.aliases.delete(n.toLowerCase())) this.err('asm/bad-directive', `unknown register alias '${n}'`, st);
        this.aliases.delete(n.toLowerCase());
        this.aliases.delete(n.toUpperCase());
        return;
      }
      case '.text':
      case '.data':
        return this.switchTo(this.section(lw, undefined, undefined, this.subsectionNumber(args, st)));
      case '.bss':
        if (args.trim() !== '') return this.err('asm/bad-directive', `junk at end of line, first unrecognized character is \`${args.trim()[0]}'`, st);
        return this.switchTo(this.section(lw));
      case '.section':
      case '.pushsection': {
        const parsed = this.sectionArgs(args, st, lw === '.pushsection');
        if (!parsed) return;
        if (lw === '.pushsection') this.sectionStack.push({ cur: this.cur, prev: this.prev });
        return this.switchTo(this.section(parsed.name, parsed.flags, parsed.type, parsed.subsection));
      }
      case '.popsection': {
        const p = this.sectionStack.pop();
        if (!p) return this.err('asm/unbalanced', '.popsection without corresponding .pushsection; ignored', st);
        this.cur = p.cur;
        this.prev = p.prev;
        return;
      }
      case '.previous': {
        if (!this.prev) return this.warn('asm/unbalanced', '.previous without corresponding .section; ignored', st);
        const c = this.cur;
        this.cur = this.prev;
        this.prev = c;
        return;
      }
      case '.subsection':
        return this.switchTo(this.section(this.cur.name, undefined, undefined, this.subsectionNumber(args, st)));
      case '.ltorg':
      case '.pool':
        return this.flushPools(this.cur, st);
      case '.align':
      case '.p2align':
      case '.p2alignw':
      case '.p2alignl':
      case '.balign':
      case '.balignw':
      case '.balignl':
        return this.align(lw, args, st);
      case '.skip':
      case '.space':
        return this.space(args, st);
      case '.zero': {
        const v = this.absolute(args, '.zero');
        if (typeof v === 'string') return this.err('asm/expression', v.replace('".zero" statement', '.space, .nops or .fill specifies non-absolute value'), st);
        return this.fillBytes(v, [0], st, 'fill');
      }
      case '.fill':
        return this.fill(args, st);
      case '.nops': {
        const v = this.absolute(splitCommas(args)[0] ?? '', '.nops');
        if (typeof v === 'string') return this.err('asm/expression', v, st);
        if (v % 4n !== 0n) return this.err('asm/bad-directive', 'misaligned .nops size', st);
        return this.fillBytes(v, [0x1f, 0x20, 0x03, 0xd5], st, 'fill');
      }
      case '.org':
        return this.org(args, st);
      case '.ascii':
      case '.asciz':
      case '.string':
        return this.strings(args, st, lw !== '.ascii');
      case '.inst':
        return this.inst(args, st, argCol);
      case '.uleb128':
      case '.sleb128':
        return this.leb(args, st, lw === '.sleb128');
      case '.global':
      case '.globl':
      case '.weak':
      case '.local':
        for (const n of splitCommas(args)) {
          if (!n) continue;
          const s = this.sym(n);
          s.binding = lw === '.weak' ? 'weak' : lw === '.local' ? 'local' : s.binding === 'weak' ? 'weak' : 'global';
          s.origin ??= st.origin;
        }
        return;
      case '.hidden':
        for (const n of splitCommas(args)) if (n) this.sym(n);
        return;
      case '.type': {
        // the comma is optional: linkage.h's SYM_END writes `.type name STT_FUNC`
        let [n, t] = splitCommas(args);
        if (n && t === undefined) [n, t] = [n.replace(/\s.*$/s, ''), n.replace(/^\S+\s*/, '')];
        if (!n || !t) return this.err('asm/bad-directive', 'expected a type after the name in .type', st);
        const k = t.replace(/^[@%]/, '').replace(/^"|"$/g, '').toLowerCase();
        const s = this.sym(n);
        s.type = k === 'function' || k === 'stt_func' || k === 'gnu_indirect_function' ? 'function' : k === 'object' || k === 'stt_object' || k === 'tls_object' || k === 'common' ? 'object' : 'notype';
        return;
      }
      case '.size': {
        const i = args.indexOf(',');
        if (i < 0) return this.err('asm/bad-directive', 'expected comma after name in .size', st);
        const s = this.sym(args.slice(0, i).trim());
        const e = args.slice(i + 1);
        let v: ExprValue;
        try {
          v = this.evaluate(e);
        } catch (x) {
          if (x instanceof ExprError) return this.err('asm/expression', x.message, st);
          throw x;
        }
        if (v.unknown.length === 0 && v.terms.size === 0) s.size = Number(v.value);
        else this.fixups.push({ kind: 'size', sym: s, expr: this.localize(e), sec: this.cur, at: this.cur.size, st });
        return;
      }
      case '.comm':
      case '.lcomm': {
        const [n, sz] = splitCommas(args);
        if (!n) return this.err('asm/bad-directive', `expected symbol name in ${lw}`, st);
        const s = this.sym(n);
        if (s.kind === 'undef') s.kind = 'common';
        const v = sz ? this.absolute(sz, lw) : 0n;
        if (typeof v === 'bigint') s.size = Number(v);
        if (lw === '.comm') s.binding = 'global';
        return;
      }
      case '.arch': {
        const a = parseArch(args.trim());
        if ('error' in a) return this.err('asm/bad-arch', a.error, st);
        this.arch = a;
        return;
      }
      case '.arch_extension': {
        const a = withExtension(this.arch, args.trim());
        if ('error' in a) return this.err('asm/bad-arch', a.error, st);
        this.arch = a;
        return;
      }
      case '.cpu': {
        const a = parseCpu(args.trim());
        if ('error' in a) return this.err('asm/bad-arch', a.error, st);
        this.arch = a;
        return;
      }
      case '.err':
        return this.err('asm/user', '.err encountered', st);
      case '.error':
      case '.warning':
      case '.print': {
        const t = args.trim();
        const msg = t.startsWith('"') ? String.fromCharCode(...parseStringLiteral(t, 0).bytes.slice(0, 10_000)) : lw === '.error' ? '.error directive invoked in source file' : t;
        if (lw === '.error') this.err('asm/user', msg, st);
        else if (lw === '.warning') this.warn('asm/user', t.startsWith('"') ? msg : '.warning directive invoked in source file', st);
        else this.diag('info', 'asm/user', msg, st.origin);
        return;
      }
      case '.include':
        return this.include(args, st);
      case '.tlsdesccall': {
        const n = args.trim();
        if (!/^[A-Za-z_.$][\w.$]*$/.test(n)) return this.err('asm/bad-directive', `invalid symbol name \`${n}'`, st);
        this.tlsCall = n;
        return;
      }
      case '.incbin':
        return this.incbin(args, st);
      case '.altmacro':
      case '.noaltmacro':
        this.altmacro = lw === '.altmacro';
        return;
      case '.end':
        this.stopped = true;
        return;
      case '.float':
      case '.single':
      case '.double':
        return this.floats(lw === '.double' ? 8 : 4, args, st);
      case '.octa':
        return this.data(16, args, st, argCol, lw);
    }
    if (IGNORED.has(lw) || lw.startsWith('.cfi_')) return;
    const m = this.macros.get(lw);
    if (m) return this.invokeMacro(m, args, st);
    this.warn('asm/unknown-directive', `unknown pseudo-op: \`${lw}'`, st, [0, lw.length]);
  }

  private sectionArgs(args: string, st: Stmt, push: boolean): { name: string; flags?: string; type?: string; subsection: number } | undefined {
    const parts = splitCommas(args);
    // `.pushsection NAME, N, …`: a subsection number before the flags
    const subsection = push && /^\d/.test(parts[1] ?? '') ? this.subsectionNumber(parts.splice(1, 1)[0], st) : 0;
    let name = parts[0] ?? '';
    if (name.startsWith('"')) name = name.slice(1, name.endsWith('"') ? -1 : undefined);
    if (!name) {
      this.err('asm/bad-directive', 'missing name', st);
      return undefined;
    }
    let flags: string | undefined;
    let type: string | undefined;
    const f = parts[1];
    if (f !== undefined && f.startsWith('"')) {
      flags = f.slice(1, f.endsWith('"') ? -1 : undefined);
      const t = parts[2];
      if (t) type = t.replace(/^[@%]/, '').toLowerCase();
    }
    return { name, flags, type, subsection };
  }

  /**
   * The places `.include`/`.incbin` NAME is looked for: as written when absolute, else beside the
   * file that names it, then in each include path (gcc passes its -I list to as).
   */
  private searchPath(name: string, st: Stmt): string[] {
    if (name.startsWith('/')) return [name];
    const dir = st.origin.loc.file.replace(/[^/]*$/, '');
    return [dir + name, ...(this.opts.includePaths ?? []).map((d) => d.replace(/\/?$/, '/') + name)];
  }

  private include(args: string, st: Stmt): void {
    const t = args.trim();
    const name = t.startsWith('"') ? t.slice(1, t.endsWith('"') ? -1 : undefined) : t;
    const host = this.opts.host;
    let text: string | undefined;
    let file = '';
    for (const c of this.searchPath(name, st)) {
      text = host?.readFile(c);
      if (text !== undefined) {
        file = c;
        break;
      }
    }
    if (text === undefined) return this.err('asm/missing-include', `can't open ${name} for reading: No such file or directory`, st);
    this.includesRead.push({ path: file, text });
    if (this.frames.filter((f) => f.kind === 'include').length >= this.limits.maxIncludeDepth)
      return this.err('asm/limit', `.include nested more than ${this.limits.maxIncludeDepth} deep (limit)`, st);
    const frame: ExpansionFrame = { kind: 'include', name: file, at: st.origin.loc };
    const stack = [...st.origin.stack, frame];
    const lines: PpLine[] = text.split(/\r?\n/).map((l, i) => ({ text: l, origin: { loc: { file, line: i, startCol: 0, endCol: l.length }, stack } }));
    this.frames.push(this.linesFrame(lines, 'include', file));
  }

  /** `.incbin "FILE"[, SKIP[, COUNT]]`: the file's bytes (COUNT of them from SKIP; 0 or none: to the end) as data. */
  private incbin(args: string, st: Stmt): void {
    const t = args.trimStart();
    if (!t.startsWith('"')) return this.err('asm/bad-directive', 'missing string', st);
    const lit = parseStringLiteral(t, 0);
    const name = String.fromCharCode(...lit.bytes.slice(0, 4096));
    let rest = t.slice(lit.end).trim();
    let skip = 0n;
    let count = 0n;
    let junk: string | undefined;
    const number = (text: string): bigint => {
      if (text.trim() === '') return 0n;
      const v = this.absolute(text, '.incbin');
      if (typeof v === 'bigint') return v;
      this.err('asm/expression', 'bad or irreducible absolute expression', st);
      return 0n;
    };
    if (rest.startsWith(',')) {
      const parts = splitCommas(rest.slice(1));
      skip = number(parts[0] ?? '');
      if (parts.length > 1) {
        count = number(parts[1]);
        if (count === 0n) this.warn('asm/bad-directive', `.incbin count zero, ignoring \`${name}'`, st);
      }
      if (parts.length > 2) junk = ',';
    } else if (rest !== '') junk = rest[0];
    if (junk !== undefined) this.err('asm/bad-directive', `junk at end of line, first unrecognized character is \`${junk}'`, st);
    let bytes: Uint8Array | undefined;
    let file = '';
    for (const c of this.searchPath(name, st)) {
      bytes = readBytes(this.opts.host, c);
      if (bytes !== undefined) {
        file = c;
        break;
      }
    }
    if (bytes === undefined) return this.err('asm/missing-include', `file not found: ${name}`, st);
    this.includesRead.push({ path: file, bytes });
    const size = BigInt(bytes.length);
    if (count === 0n) count = size - skip;
    if (skip < 0n || count < 0n || skip + count > size) return this.err('asm/bad-directive', `skip (${skip}) or count (${count}) invalid for file size (${size})`, st);
    const n = Number(count);
    if (n === 0 || !this.grow(this.cur, n, st)) return;
    const item = this.cur.add('data', n, st.origin, `.incbin "${name}"`);
    this.cur.writeBytes(item.offset, bytes.subarray(Number(skip), Number(skip) + n));
  }

  private req(name: string, reg: string, st: Stmt): void {
    const r = reg.trim().toLowerCase();
    const target = this.aliases.get(r) ?? r;
    if (!/^([xwbhsdqvzp]\d+|sp|wsp|xzr|wzr|lr|fp|ip0|ip1)$/.test(target)) return this.err('asm/bad-directive', `unknown register '${reg.trim()}' -- \`.req ${reg.trim()}'`, st);
    const existing = this.aliases.get(name);
    if (existing !== undefined) {
      if (existing !== target) this.warn('asm/redefined-alias', `ignoring redefinition of register alias '${name}'`, st);
      return;
    }
    for (const n of new Set([name, name.toLowerCase(), name.toUpperCase()])) this.aliases.set(n, target);
  }

  // --- data ----------------------------------------------------------------------------------

  private data(size: number, args: string, st: Stmt, argCol: number, lw: string): void {
    if (args.trim() === '') return;
    const ranges = commaRanges(args);
    const sec = this.cur;
    for (const [s, e] of ranges) {
      const written = args.slice(s, e);
      const expr = this.localize(written);
      const origin = frameOrigin(st, argCol + s, argCol + e);
      if (expr === '') {
        if (ranges.length === 1) continue;
        this.warn('asm/expression', 'zero assumed for missing expression', st);
        if (!this.grow(sec, size, st)) return;
        sec.add('data', size, origin, `${lw} 0`);
        continue;
      }
      if (!this.grow(sec, size, st)) return;
      const item = sec.add('data', size, origin, `${lw} ${written}`);
      const at = item.offset;
      this.here = { sec, at };
      let v: ExprValue;
      try {
        v = this.evaluate(expr);
      } catch (x) {
        this.here = undefined;
        if (x instanceof ExprError) {
          this.err('asm/expression', x.message, { text: st.text, origin });
          item.invalid = true;
          continue;
        }
        throw x;
      }
      this.here = undefined;
      if (v.unknown.length === 0 && v.terms.size === 0) this.writeData(sec, item, at, size, v.value, { text: st.text, origin });
      else this.fixups.push({ kind: 'data', sec, item, index: sec.items.length - 1, at, size, expr, st: { text: st.text, origin }, snapshot: this.snapshotFor(expr) });
    }
  }

  private writeData(sec: SectionBuilder, item: MutItem, at: number, size: number, v: bigint, st: Stmt): void {
    if (size < 8) {
      const bits = BigInt(size * 8);
      const max = 1n << bits;
      if (v >= max || v < -(max >> 1n)) {
        const t = BigInt.asUintN(Number(bits), v);
        this.warn('asm/truncated', `value 0x${BigInt.asUintN(64, v).toString(16)} truncated to 0x${t.toString(16)}`, st);
      }
    }
    sec.writeInt(at, size, v);
    if (size === 4 && item.size === 4 && item.kind === 'insn') item.word = Number(BigInt.asUintN(32, v));
  }

  /** Current values of the absolute `.set` symbols an expression names (a later `.set` must not change them). */
  private snapshotFor(text: string): Map<string, SymValue> | undefined {
    if (!this.absoluteEqus) return undefined;
    let snap: Map<string, SymValue> | undefined;
    for (const m of text.matchAll(/[A-Za-z_.$][\w.$]*/g)) {
      const s = this.symbols.get(m[0]);
      if (s && s.kind === 'equ' && s.lazy === undefined && s.base === undefined) (snap ??= new Map()).set(m[0], { value: s.value });
    }
    return snap;
  }

  private strings(args: string, st: Stmt, zero: boolean): void {
    const sec = this.cur;
    let i = 0;
    const t = args;
    let guard = 0;
    while (i < t.length && guard++ < 100_000) {
      while (i < t.length && /[\s,]/.test(t[i])) i++;
      if (i >= t.length) break;
      if (t[i] !== '"') {
        this.err('asm/bad-directive', `expected string, got \`${t.slice(i).trim()}'`, st);
        return;
      }
      const r = parseStringLiteral(t, i);
      if (r.error) this.warn('asm/bad-directive', r.error, st);
      const bytes = zero ? [...r.bytes, 0] : r.bytes;
      if (!this.grow(sec, bytes.length, st)) return;
      const item = sec.add('data', bytes.length, st.origin, t.slice(i, r.end));
      sec.writeBytes(item.offset, bytes);
      i = r.end;
    }
  }

  private inst(args: string, st: Stmt, argCol: number): void {
    const sec = this.cur;
    for (const [s, e] of commaRanges(args)) {
      const expr = this.localize(args.slice(s, e));
      if (!this.grow(sec, 4, st)) return;
      const origin = frameOrigin(st, argCol + s, argCol + e);
      const item = sec.add('insn', 4, origin, `.inst ${expr}`);
      this.here = { sec, at: item.offset };
      let v: ExprValue;
      try {
        v = this.evaluate(expr);
      } catch (x) {
        this.here = undefined;
        if (x instanceof ExprError) {
          this.err('asm/expression', x.message, { text: st.text, origin });
          item.invalid = true;
          continue;
        }
        throw x;
      }
      this.here = undefined;
      if (v.unknown.length === 0 && v.terms.size === 0) {
        item.word = Number(BigInt.asUintN(32, v.value));
        sec.writeWord(item.offset, item.word);
      } else this.fixups.push({ kind: 'data', sec, item, index: sec.items.length - 1, at: item.offset, size: 4, expr, st: { text: st.text, origin }, snapshot: this.snapshotFor(expr) });
    }
  }

  private leb(args: string, st: Stmt, signed: boolean): void {
    for (const e of splitCommas(args)) {
      const v = this.absolute(e, signed ? '.sleb128' : '.uleb128');
      if (typeof v === 'string') {
        this.err('asm/expression', v, st);
        continue;
      }
      const bytes: number[] = [];
      let x = signed ? v : BigInt.asUintN(64, v);
      for (let k = 0; k < 11; k++) {
        const b = Number(x & 0x7fn);
        x >>= 7n;
        const done = signed ? (x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0) : x === 0n;
        bytes.push(done ? b : b | 0x80);
        if (done) break;
      }
      const item = this.cur.add('data', bytes.length, st.origin, e);
      this.cur.writeBytes(item.offset, bytes);
    }
  }

  private floats(size: number, args: string, st: Stmt): void {
    for (const e of splitCommas(args)) {
      const f = Number(e.replace(/^0[fFdD]/, ''));
      if (!Number.isFinite(f) && !/inf|nan/i.test(e)) {
        this.err('asm/expression', `bad floating literal: ${e}`, st);
        continue;
      }
      const buf = Buffer.alloc(size);
      if (size === 8) buf.writeDoubleLE(f);
      else buf.writeFloatLE(f);
      const item = this.cur.add('data', size, st.origin, e);
      this.cur.writeBytes(item.offset, buf);
    }
  }

  private fillBytes(n: bigint, pattern: number[], st: Stmt, kind: 'fill' | 'align'): void {
    if (n <= 0n) {
      if (n < 0n) this.warn('asm/bad-directive', '.space repeat count is negative, ignored', st);
      return;
    }
    if (n > BigInt(this.limits.maxSectionBytes) || !this.grow(this.cur, Number(n), st)) {
      if (n > BigInt(this.limits.maxSectionBytes)) this.err('asm/limit', `section ${this.cur.name} would exceed ${this.limits.maxSectionBytes} bytes (limit)`, st);
      return;
    }
    const item = this.cur.add(kind, Number(n), st.origin);
    if (pattern.some((b) => b !== 0)) this.cur.fillPattern(item.offset, Number(n), pattern);
  }

  private space(args: string, st: Stmt): void {
    const [a, b] = splitCommas(args);
    const v = this.absolute(a ?? '', '.space');
    if (typeof v === 'string') return this.err('asm/expression', '.space, .nops or .fill specifies non-absolute value', st);
    if (v === 0n) return this.warn('asm/bad-directive', '.space repeat count is zero, ignored', st);
    let fill = 0;
    if (b !== undefined && b !== '') {
      const f = this.absolute(b, '.space');
      if (typeof f === 'string') return this.err('asm/expression', f, st);
      fill = Number(BigInt.asUintN(8, f));
    }
    this.fillBytes(v, [fill], st, 'fill');
  }

  private fill(args: string, st: Stmt): void {
    const [a, b, c] = splitCommas(args);
    const rep = this.absolute(a ?? '', '.fill');
    if (typeof rep === 'string') return this.err('asm/expression', '.space, .nops or .fill specifies non-absolute value', st);
    let size = 1n;
    if (b !== undefined && b !== '') {
      const s = this.absolute(b, '.fill');
      if (typeof s === 'string') return this.err('asm/expression', s, st);
      size = s;
    }
    let value = 0n;
    if (c !== undefined && c !== '') {
      const v = this.absolute(c, '.fill');
      if (typeof v === 'string') return this.err('asm/expression', v, st);
      value = v;
    }
    if (size < 0n) return this.warn('asm/bad-directive', 'size negative; .fill ignored', st);
    if (size > 8n) {
      this.warn('asm/bad-directive', '.fill size clamped to 8', st);
      size = 8n;
    }
    if (rep < 0n) return this.warn('asm/bad-directive', 'repeat < 0; .fill ignored', st);
    const sz = Number(size);
    const pattern: number[] = [];
    const v32 = BigInt.asUintN(32, value);
    for (let i = 0; i < sz; i++) pattern.push(i < 4 ? Number((v32 >> BigInt(8 * i)) & 0xffn) : 0);
    if (sz === 0) return;
    this.fillBytes(rep * size, pattern, st, 'fill');
  }

  private org(args: string, st: Stmt): void {
    const [a, b] = splitCommas(args);
    let v: ExprValue;
    try {
      v = this.evaluate(a ?? '');
    } catch (x) {
      if (x instanceof ExprError) return this.err('asm/expression', x.message, st);
      throw x;
    }
    let target: bigint;
    if (v.unknown.length === 0 && v.terms.size === 0) target = v.value;
    else if (v.unknown.length === 0 && singleBase(v) === 's:' + this.cur.name) target = v.value;
    else return this.err('asm/expression', `can't resolve .org value`, st);
    let fill = 0;
    if (b !== undefined && b !== '') {
      const f = this.absolute(b, '.org');
      if (typeof f === 'string') return this.err('asm/expression', f, st);
      fill = Number(BigInt.asUintN(8, f));
    }
    const d = target - BigInt(this.cur.size);
    if (d < 0n) return this.err('asm/bad-directive', 'attempt to move .org backwards', st);
    this.fillBytes(d, [fill], st, 'fill');
  }

  private align(lw: string, args: string, st: Stmt): void {
    const parts = splitCommas(args);
    const a = this.absolute(parts[0] ?? '', lw);
    if (typeof a === 'string') return this.err('asm/expression', a, st);
    let bytes: bigint;
    if (lw.startsWith('.b')) {
      bytes = a === 0n ? 1n : a;
      if ((bytes & (bytes - 1n)) !== 0n || bytes < 0n) return this.err('asm/bad-directive', 'alignment not a power of 2', st);
    } else {
      if (a > 62n || a < 0n) return this.err('asm/limit', `alignment too large: ${a}`, st);
      bytes = 1n << a;
    }
    if (bytes > BigInt(this.limits.maxSectionBytes)) return this.err('asm/limit', `alignment ${bytes} larger than the section limit`, st);
    const width = lw.endsWith('w') ? 2 : lw.endsWith('l') ? 4 : 1;
    let fill: bigint | undefined;
    if (parts[1] !== undefined && parts[1] !== '') {
      const f = this.absolute(parts[1], lw);
      if (typeof f === 'string') return this.err('asm/expression', f, st);
      fill = f;
    }
    let max: bigint | undefined;
    if (parts[2] !== undefined && parts[2] !== '') {
      const m = this.absolute(parts[2], lw);
      if (typeof m === 'string') return this.err('asm/expression', m, st);
      max = m;
    }
    const sec = this.cur;
    const at = BigInt(sec.size);
    const pad = (bytes - (at % bytes)) % bytes;
    if (pad === 0n) return;
    if (max !== undefined && max > 0n && pad > max) return;
    if (!this.grow(sec, Number(pad), st)) return;
    const n = Number(pad);
    const item = sec.add('align', n, st.origin);
    if (fill === undefined) {
      if (sec.code) {
        // zeros up to a 4-byte boundary, then NOP words (as gas's aarch64 code alignment)
        const lead = (4 - (item.offset % 4)) % 4;
        for (let o = item.offset + lead; o + 4 <= item.offset + n; o += 4) sec.writeWord(o, NOP);
      }
      return;
    }
    const pattern: number[] = [];
    for (let i = 0; i < width; i++) pattern.push(Number((BigInt.asUintN(64, fill) >> BigInt(8 * i)) & 0xffn));
    sec.fillPattern(item.offset, n, pattern);
  }

  // --- instructions --------------------------------------------------------------------------

  private instruction(p: ParsedStatement, st: Stmt): void {
    const call = this.tlsCall;
    if (call === undefined) return this.instructionAt(p, st);
    this.tlsCall = undefined;
    const sec = this.cur;
    const n = sec.items.length;
    this.instructionAt(p, st);
    const it = sec.items[n];
    if (it && !it.reloc) {
      it.reloc = { type: 'R_AARCH64_TLSDESC_CALL', symbol: call, addend: 0n };
      this.noteUndefined(call);
    }
  }

  private instructionAt(p: ParsedStatement, st: Stmt): void {
    const mnemonic = p.lw;
    const args = p.args;
    const sec = this.cur;
    if (!this.grow(sec, 4, st)) return;
    if (args.length > 64 && tooDeep(args)) {
      this.err('asm/bad-operand', `operands too deeply nested -- \`${scrub(st.text).slice(0, 200)}'`, st);
      sec.add('insn', 4, st.origin, mnemonic).invalid = true;
      return;
    }
    const written = (p.ops ??= args === '' ? [] : splitOperands(args));
    const text = (p.text ??= written.length ? `${mnemonic} ${written.join(', ')}` : mnemonic);
    if (this.aliases.size === 0 && !p.localRefs) {
      // fast path: an instruction whose word depends on nothing but its text
      const hit = encodeCache.get(text);
      if (hit !== undefined && !isEncodeFailure(hit) && supports(this.arch, hit.row.feature, hit.word)) {
        const item = sec.add('insn', 4, st.origin, text, hit.word);
        sec.writeWord(item.offset, hit.word);
        return;
      }
    }
    let ops = written;
    if (this.aliases.size) ops = ops.map((o) => this.substituteAliases(o));
    if (ops.length === 2 && ops[1].startsWith('=') && mnemonic === 'ldr') ops = [ops[0], this.literal(ops[0], ops[1].slice(1), st)];
    if (p.localRefs) ops = ops.map((o) => (hasLocalRef(o) ? rewriteLocalRefs(o, (n, d) => this.localName(n, d)) : o));
    const item = sec.add('insn', 4, st.origin, text);
    const fix: InsnFix = { kind: 'insn', sec, item, index: sec.items.length - 1, mnemonic, ops, st, scrubbed: '', arch: this.arch, parsed: p };
    // symbolic targets and relocation operators wait for the end (bindings may still change)
    let defer = (p.symbolicTarget ??= symbolicTarget(mnemonic, written));
    if (!defer) {
      const r = this.encodeInsn(fix, false);
      if (r === 'defer') defer = true;
    }
    if (defer) {
      fix.snapshot = this.snapshotFor(ops.join(','));
      this.fixups.push(fix);
    }
  }

  /** Puts `expr` in the section's literal pool for its size; the operand becomes the entry's label. */
  private literal(reg: string, expr: string, st: Stmt): string {
    const r = reg.trim().toLowerCase()[0];
    const size = r === 'w' || r === 's' ? 4 : r === 'q' ? 16 : 8;
    const e = this.localize(expr.trim());
    let key = 't:' + e;
    try {
      const v = this.evaluate(e);
      if (v.terms.size === 0 && v.unknown.length === 0) key = 'v:' + v.value;
    } catch {
      // reported when the pool is written
    }
    let pool = this.pools.get(this.cur);
    if (!pool) this.pools.set(this.cur, (pool = { origin: st.origin, bySize: new Map() }));
    let list = pool.bySize.get(size);
    if (!list) pool.bySize.set(size, (list = []));
    let entry = list.find((x) => x.key === key);
    if (!entry) list.push((entry = { key, expr: e, label: `.Lpool$${this.poolCounter++}`, st }));
    return entry.label;
  }

  /** Writes a section's pending literal pools (4-, 8-, then 16-byte entries, each aligned to its size). */
  private flushPools(sec: SectionBuilder, st: Stmt): void {
    const pool = this.pools.get(sec);
    if (!pool) return;
    this.pools.delete(sec);
    for (const size of [4, 8, 16]) {
      const list = pool.bySize.get(size);
      if (!list?.length) continue;
      const pad = (size - (sec.size % size)) % size;
      if (pad) sec.add('align', pad, st.origin);
      for (const e of list) {
        const s = this.sym(e.label);
        s.kind = 'label';
        s.section = sec.name;
        s.value = BigInt(sec.size);
        const item = sec.add('data', size, e.st.origin, `=${e.expr}`);
        const at = item.offset;
        this.here = { sec, at };
        try {
          const v = this.evaluate(e.expr);
          if (v.terms.size === 0 && v.unknown.length === 0) {
            sec.writeInt(at, Math.min(size, 8), v.value);
            if (size === 16 && v.value < 0n) sec.writeInt(at + 8, 8, -1n);
          } else this.fixups.push({ kind: 'data', sec, item, index: sec.items.length - 1, at, size: Math.min(size, 8), expr: e.expr, st: e.st });
        } catch (x) {
          if (!(x instanceof ExprError)) throw x;
          this.err('asm/expression', x.message, e.st);
        }
        this.here = undefined;
      }
    }
  }

  private substituteAliases(op: string): string {
    return op.replace(/(?<![\w.$])[A-Za-z_][\w]*/g, (m) => this.aliases.get(m) ?? m);
  }

  /**
   * Encodes an instruction item. Before the end (`final` false) an unknown symbol returns
   * 'defer'; at the end it is an error and the item keeps zero in the symbol's field.
   */
  private encodeInsn(fix: InsnFix, final: boolean): 'defer' | void {
    try {
      return this.encodeInsnAt(fix, final);
    } finally {
      // '.' is the statement's own place only while it is being encoded
      this.here = undefined;
    }
  }

  private encodeInsnAt(fix: InsnFix, final: boolean): 'defer' | void {
    const { sec, item, mnemonic } = fix;
    const pc = item.offset;
    if (final && fix.parsed && this.localBranch(fix, pc)) return;
    const ops = fix.ops.slice();
    const labels = labelOperandIndexes(mnemonic);
    let reloc: Relocation | undefined;
    let local: { index: number; off: number } | undefined;
    const unknown: string[] = [];
    const look = (n: string) => fix.snapshot?.get(n) ?? this.lookup(n);
    // the target that encodes a zero offset (the relocation supplies the rest)
    const zeroTarget = mnemonic === 'adrp' ? '0x' + (pc - (pc % 4096)).toString(16) : '.';
    this.here = { sec, at: pc };
    const fail = (msg: string, operand?: number) => {
      this.here = undefined;
      item.invalid = true;
      this.err('asm/bad-operand', `${msg} -- \`${this.scrubbedOf(fix)}'`, fix.st, this.operandRange(fix, operand));
    };
    try {
      for (let i = 0; i < ops.length; i++) {
        const o = ops[i];
        const op = o.indexOf(':') >= 0 ? findRelocOperator(o) : undefined;
        if (op) {
          const v = this.evaluate(op.expr, fix.snapshot);
          const type = operatorRelocation(op.op, mnemonic, ops[0] ?? '', !!labels?.has(i) && !o.startsWith('['));
          if (typeof type !== 'string') {
            const at = type.error === UNKNOWN_MODIFIER ? i + 1 : type.error === SIZE_QUALIFIER ? i + 2 : 0;
            return fail(at ? `${type.error} at operand ${at}` : type.error, i);
          }
          const sh = moveWideShift(op.op);
          if (v.unknown.length === 0 && v.terms.size === 0 && operatorValue(op.op, v.value) !== undefined) {
            ops[i] = `${op.prefix}#${operatorValue(op.op, v.value)!}${op.suffix}`;
          } else {
            const r = this.relocFor(v, type, pc, sec, false);
            if (typeof r === 'string') return fail(r, i);
            reloc = r;
            if (mnemonic === 'adrp' || (labels?.has(i) && !o.startsWith('['))) ops[i] = zeroTarget;
            else ops[i] = `${op.prefix}#0${op.suffix}`;
          }
          if (sh !== undefined && /^mov[zkn]$/.test(mnemonic) && ops.length === 2) ops.push(`lsl #${sh}`);
          continue;
        }
        if (labels?.has(i) && o[0] !== '[') {
          const expr = o.startsWith('#') ? o.slice(1) : o;
          const v = this.evaluate(expr, fix.snapshot);
          if (!final && v.unknown.length) return 'defer';
          if (v.terms.size === 0 && v.unknown.length === 0) {
            // an absolute value known where the instruction stands is the offset itself (as
            // gas resolves such a fixup); one defined later stays a relocation against *ABS*
            if (v.names.every((n) => fix.snapshot?.has(n))) {
              ops[i] = '0x' + BigInt.asUintN(64, BigInt(pc) + v.value).toString(16);
              continue;
            }
            if (!final) return 'defer';
            reloc = { type: branchRelocation(mnemonic), symbol: '*ABS*', addend: v.value };
            ops[i] = zeroTarget;
            continue;
          }
          const here = 's:' + sec.name;
          const base = singleBase(v);
          if (base === here && mnemonic !== 'adrp' && this.isLocalTarget(v, base)) {
            ops[i] = '0x' + BigInt.asUintN(64, v.value).toString(16);
            local = { index: i, off: Number(BigInt.asIntN(64, v.value - BigInt(pc))) };
            continue;
          }
          if (!final) return 'defer';
          const r = this.relocFor(v, branchRelocation(mnemonic), pc, sec, false);
          if (typeof r === 'string') return fail(r, i);
          reloc = r;
          ops[i] = zeroTarget;
        }
      }
    } catch (e) {
      if (e instanceof ExprError) return fail(e.message);
      throw e;
    }
    if (local && !reloc) {
      // a target in this section: the zero-offset word (cached by its text) with the offset
      // put in as the relocation would — unless it is out of range (the encoder says why)
      ops[local.index] = '.';
      const key = `${mnemonic} ${ops.join(', ')}`;
      let zw = zeroCache.get(key);
      if (zw === undefined) {
        let valued = false;
        const z = encode(key, { pc: BigInt(pc), resolve: (n) => { const v = look(n)?.value; if (v !== undefined) valued = true; return v; } });
        if (!isEncodeFailure(z) && !valued) cachePut(zeroCache, key, (zw = z));
      }
      const w = zw && patchBranch(zw.word, branchRelocation(mnemonic), local.off);
      if (zw && w !== undefined) {
        this.here = undefined;
        if (!supports(fix.arch, zw.row.feature, w)) {
          item.invalid = true;
          this.err('asm/unsupported-instruction', `selected processor does not support \`${this.scrubbedOf(fix)}'`, fix.st);
        }
        item.word = w;
        sec.writeWord(item.offset, w);
        return;
      }
      ops[local.index] = '0x' + ((BigInt(pc) + BigInt(local.off)) & 0xffffffffffffffffn).toString(16);
    }
    const text = ops.length ? `${mnemonic} ${ops.join(', ')}` : mnemonic;
    // unknown symbols make a row fail; a row that succeeds did not need them
    const resolve = (n: string) => {
      const v = look(n);
      if (v === undefined) unknown.push(n);
      return v?.value;
    };
    // a relocated target written as '.' encodes a zero offset wherever it stands: cached by text
    let r = reloc && zeroTarget === '.' ? zeroEncoded(text, BigInt(pc), resolve) : encodeCached(text, BigInt(pc), resolve);
    let symbolic = false;
    if (isEncodeFailure(r) && unknown.length) {
      if (!final) {
        this.here = undefined;
        return 'defer';
      }
      // at the end: encode with the unknown symbols as zero, and say which they are
      const z = encode(text, { pc: BigInt(pc), resolve: (n) => look(n)?.value ?? 0n });
      if (!isEncodeFailure(z)) {
        r = z;
        symbolic = true;
      }
    }
    this.here = undefined;
    if (isEncodeFailure(r)) {
      if (unknown.length) {
        item.invalid = true;
        item.symbolic = [...new Set(unknown)].map((n) => this.displayName(n));
        for (const n of new Set(unknown)) this.err('asm/undefined-symbol', `undefined symbol ${this.displayName(n)} used as an immediate value`, fix.st, this.symbolRange(fix, n));
        return;
      }
      if (r.error.startsWith('unknown mnemonic')) {
        item.invalid = true;
        this.unknownMnemonics.push({ index: this.diagnostics.length, name: mnemonic });
        this.err('asm/unknown-mnemonic', `unknown mnemonic \`${mnemonic}' -- \`${this.scrubbedOf(fix)}'`, fix.st, [0, mnemonic.length]);
        return;
      }
      return fail(r.error, r.operand);
    }
    if (!supports(fix.arch, r.row.feature, r.word)) {
      item.invalid = true;
      this.err('asm/unsupported-instruction', `selected processor does not support \`${this.scrubbedOf(fix)}'`, fix.st);
    }
    if (symbolic) {
      item.symbolic = [...new Set(unknown)].map((n) => this.displayName(n));
      for (const n of new Set(unknown)) this.err('asm/undefined-symbol', `undefined symbol ${this.displayName(n)} used as an immediate value`, fix.st, this.symbolRange(fix, n));
    }
    item.word = r.word;
    if (reloc) item.reloc = reloc;
    sec.writeWord(item.offset, r.word);
  }

  /**
   * The common case done quickly: one PC-relative operand naming a local label of this section
   * (`b 1b`, `cbz x0, .Lout`): the cached zero-offset word with the offset put in.
   */
  private localBranch(fix: InsnFix, pc: number): boolean {
    const p = fix.parsed!;
    // (register aliases change operand texts: the cached key holds for alias-free runs only)
    if (p.zeroKey === null || this.aliases.size) return false;
    const labels = labelOperandIndexes(fix.mnemonic);
    const i = fix.ops.length - 1;
    if (p.zeroKey === undefined) {
      // the text with the target as '.', when the target is the last operand and a bare name
      p.zeroKey = null;
      if (fix.mnemonic === 'adrp' || !labels?.has(i) || !BARE_NAME.test(fix.ops[i]) || fix.ops.some((o) => o.indexOf(':') >= 0 || o.startsWith('='))) return false;
      p.zeroKey = `${fix.mnemonic} ${[...fix.ops.slice(0, i), '.'].join(', ')}`;
    }
    const s = this.symbols.get(fix.ops[i].trim());
    if (!s || s.kind !== 'label' || s.section !== fix.sec.name || s.binding !== 'local') return false;
    const zw = zeroCache.get(p.zeroKey);
    if (!zw) return false;
    const w = patchBranch(zw.word, branchRelocation(fix.mnemonic), Number(s.value) - pc);
    if (w === undefined || !supports(fix.arch, zw.row.feature, w)) return false;
    fix.item.word = w;
    fix.sec.writeWord(fix.item.offset, w);
    return true;
  }

  private isLocalTarget(v: ExprValue, base: string): boolean {
    // the target is resolved here unless it goes through a global or weak symbol
    for (const n of v.names) {
      const s = this.symbols.get(n);
      const sv = n === '.' ? { base } : this.lookup(n);
      if (sv?.base === base && s && s.binding !== 'local' && (s.kind === 'label' || isSectionEqu(s))) return false;
    }
    return true;
  }

  /**
   * The relocation for a value: against a global/weak/undefined symbol by name, against the
   * section symbol (offset in the addend) for a local one. `pcrel` for data `X - .`.
   */
  private relocFor(v: ExprValue, type: string, place: number, sec: SectionBuilder, pcrel: boolean): Relocation | string {
    if (v.terms.size === 0) return { type, symbol: '*ABS*', addend: v.value };
    const here = 's:' + sec.name;
    const base = pcrel ? pcRelativeBase(v, here) : singleBase(v);
    if (!base) return `invalid expression for relocation: it must be a symbol plus or minus a constant`;
    let addend = v.value + (pcrel ? BigInt(place) : 0n);
    // which named symbol supplies the base
    let symName: string | undefined;
    for (const n of v.names) {
      if (n === '.') continue;
      const lv = this.lookup(n);
      const b = lv?.base ?? 'u:' + n;
      if (b === base) {
        symName = n;
        break;
      }
    }
    if (base.startsWith('u:')) {
      const name = base.slice(2);
      const local = LOCAL_NAME.exec(name);
      if (local) {
        return local[2] === 'u'
          ? `backward ref to unknown label "${local[1]}:"`
          : `local label \`"${local[1]}" (instance number ${Number(local[2]) + 1} of a fb label)' is not defined`;
      }
      this.noteUndefined(name);
      return { type, symbol: name, addend };
    }
    const secName = base.slice(2);
    if (symName) {
      const s = this.symbols.get(symName);
      if (s && (s.kind === 'label' || isSectionEqu(s)) && s.binding !== 'local') {
        addend -= s.value;
        return { type, symbol: symName, addend };
      }
      // gas keeps a local symbol of a mergeable section (`"aMS"`: the linker moves its strings)
      // when the reference has an offset from it or subtracts (`sym - .`)
      if (s && s.kind === 'label' && this.sections.get(secName)?.flags.includes('M') && (pcrel || addend !== s.value)) {
        return { type, symbol: symName, addend: addend - s.value };
      }
    }
    return { type, symbol: secName, addend };
  }

  private noteUndefined(name: string): void {
    const s = this.sym(name);
    if (s.kind === 'undef' && s.binding === 'local') s.binding = 'global';
  }

  private scrubbedOf(fix: InsnFix): string {
    if (!fix.scrubbed) {
      const { rest } = fix.st.text.indexOf(':') > 0 ? takeLabels(fix.st.text) : { rest: fix.st.text };
      fix.scrubbed = scrub(rest);
    }
    return fix.scrubbed;
  }

  /** Column range of operand `i` within the statement (best effort). */
  private operandRange(fix: InsnFix, i: number | undefined): [number, number] | undefined {
    if (i === undefined) return undefined;
    const t = fix.st.text;
    const { restCol } = t.indexOf(':') > 0 ? takeLabels(t) : { restCol: 0 };
    const fw = firstWord(t.slice(restCol));
    const base = restCol + fw.restOffset;
    const rs = commaRanges(t.slice(base));
    const r = rs[i];
    return r ? [base + r[0], base + r[1]] : undefined;
  }

  private symbolRange(fix: InsnFix, name: string): [number, number] | undefined {
    const shown = this.displayName(name);
    const i = fix.st.text.indexOf(shown);
    return i >= 0 ? [i, i + shown.length] : undefined;
  }

  // --- fixups --------------------------------------------------------------------------------

  /** The fixup as this run resolves it: its section and symbol records, a fresh copy of its item in the section. */
  private live(f: Fixup): Fixup {
    const sec = this.sections.get(f.sec.key)!;
    if (f.kind === 'size') return { kind: 'size', sym: this.symbols.get(f.sym.name) ?? f.sym, expr: f.expr, sec, at: f.at, st: f.st };
    const it = f.item;
    const item: MutItem = { section: it.section, offset: it.offset, size: it.size, kind: it.kind, origin: it.origin, text: it.text, word: it.word, reloc: it.reloc };
    if (it.symbolic) item.symbolic = it.symbolic;
    if (it.invalid) item.invalid = it.invalid;
    sec.items[f.index] = item;
    if (f.kind === 'insn') {
      sec.view().fill(0, sec.index(it.offset), sec.index(it.offset) + 4);
      return { kind: 'insn', sec, item, index: f.index, mnemonic: f.mnemonic, ops: f.ops, st: f.st, scrubbed: f.scrubbed, snapshot: f.snapshot, arch: f.arch, parsed: f.parsed };
    }
    sec.view().fill(0, sec.index(f.at), sec.index(f.at) + f.size);
    return { kind: 'data', sec, item, index: f.index, at: f.at, size: f.size, expr: f.expr, st: f.st, snapshot: f.snapshot };
  }

  private resolveFixups(): void {
    this.final = true;
    for (const f0 of this.fixups) {
      const f = this.live(f0);
      try {
        this.resolveFixup(f);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        this.err('asm/limit', `expression too deeply nested to resolve (${e.message})`, f.st);
      }
    }
    this.here = undefined;
  }

  private resolveFixup(f: Fixup): void {
    this.here = undefined;
    {
      if (f.kind === 'insn') {
        this.encodeInsn(f, true);
        return;
      }
      this.here = { sec: f.sec, at: f.at };
      let v: ExprValue;
      try {
        v = this.evaluate(f.expr, f.kind === 'data' ? f.snapshot : undefined);
      } catch (e) {
        this.here = undefined;
        if (e instanceof ExprError) {
          this.err('asm/expression', e.message, f.st);
          if (f.kind === 'data') f.item.invalid = true;
          return;
        }
        throw e;
      }
      this.here = undefined;
      if (f.kind === 'size') {
        if (v.terms.size === 0) f.sym.size = Number(v.value);
        else this.err('asm/expression', `.size expression for ${f.sym.name} does not evaluate to a constant`, f.st);
        return;
      }
      if (v.terms.size === 0) {
        this.writeData(f.sec, f.item, f.at, f.size, v.value, f.st);
        return;
      }
      const here = 's:' + f.sec.name;
      const pcrel = pcRelativeBase(v, here) !== undefined;
      const type = dataRelocation(f.size, pcrel);
      if (!type) {
        this.err('asm/expression', `cannot represent a ${f.size * 8}-bit ${pcrel ? 'PC-relative ' : ''}relocation`, f.st);
        f.item.invalid = true;
        return;
      }
      const r = this.relocFor(v, type, f.at, f.sec, pcrel);
      if (typeof r === 'string') {
        this.err('asm/expression', r, f.st);
        f.item.invalid = true;
        return;
      }
      f.item.reloc = r;
      if (f.item.kind === 'insn') f.item.word = 0;
    }
    this.here = undefined;
  }

  private lastResult: { diagnostics: Diagnostic[] } | undefined;

  /** The subsections still moved after the last pass allowed (diagnostics of a finished run are appended to its result). */
  layoutDidNotSettle(passes: number): void {
    this.lastResult?.diagnostics.push({
      severity: 'error', code: 'asm/limit', message: `subsection layout did not settle after ${passes} passes (alignment in subsections); offsets may be wrong`, origin: this.fileOrigin(),
    });
  }

  // --- result --------------------------------------------------------------------------------

  private result(): AssembleResult {
    // an unknown mnemonic that names a macro defined later: the macro was used before its definition
    const diagnostics = this.diagnostics.slice();
    for (const u of this.unknownMnemonics) {
      const m = this.macros.get(u.name);
      const d = diagnostics[u.index];
      if (m && d) diagnostics[u.index] = { ...d, code: 'asm/undefined-macro', message: `macro \`${m.name}' is used before it is defined (${d.message})`, related: [{ message: 'the definition', origin: m.origin }] };
    }
    const sections: SectionInfo[] = this.subsectionGroups()
      .filter((g) => g.some((s) => s.size > s.start || s.items.length > 0) || g[0].name === '.text')
      .map((g) => joinSubsections(g));
    const symbols = new Map<string, AsmSymbol>();
    for (const s of this.symbols.values()) {
      if (LOCAL_NAME.test(s.name) || s.name.startsWith('.Lpool$')) continue;
      if (s.kind === 'undef' && s.binding === 'local' && s.type === undefined) continue;
      if (s.kind === 'equ' && s.lazy !== undefined) this.lookup(s.name);
      const defined = s.kind === 'label' || (s.kind === 'equ' && s.lazy === undefined) || s.kind === 'common';
      let section: string | undefined;
      let value: bigint | undefined;
      if (s.kind === 'label') {
        section = s.section;
        value = s.value;
      } else if (s.kind === 'equ') {
        if (s.base?.startsWith('s:')) section = s.base.slice(2);
        value = s.lazy === undefined ? s.value : undefined;
      }
      // gas gives `alias = sym` the type and size of sym (through chains of aliases) unless set
      let { type, size } = s;
      for (let t = s.kind === 'equ' ? this.symbols.get(s.target ?? '') : undefined, hops = 0; t && hops < 64 && (type === undefined || size === undefined); hops++) {
        type ??= t.type;
        size ??= t.size;
        t = t.kind === 'equ' ? this.symbols.get(t.target ?? '') : undefined;
      }
      const out: AsmSymbol = {
        name: s.name,
        ...(section !== undefined ? { section } : {}),
        ...(value !== undefined ? { value } : {}),
        defined,
        binding: s.binding,
        ...(type ? { type } : {}),
        ...(size !== undefined ? { size } : {}),
        ...(s.origin ? { origin: s.origin } : {}),
      };
      symbols.set(s.name, out);
    }
    for (const [name, p] of this.predefinedUsed) {
      if (!symbols.has(name)) symbols.set(name, { name, value: p.value, defined: true, binding: 'local', predefined: p.source });
    }
    const macros = new Map<string, GasMacro>();
    for (const [k, m] of this.macros) macros.set(k, { name: m.name, params: m.params, origin: m.origin });
    const itemsAt = buildItemIndex(sections);
    this.lastResult = { diagnostics };
    const filesRead = [...new Set(this.includesRead.map((r) => r.path))];
    return { sections, symbols, macros, diagnostics, preprocess: this.pp, filesRead, itemsAt };
  }
}

/** Runs the gas stage over preprocessed lines. */
export function assemblePreprocessed(pp: PreprocessResult, opts: GasOptions = {}): AssembleResult {
  const file = pp.lines[0]?.origin.loc.file;
  const incremental = opts.incremental !== false;
  // a later assembly of the same file resumes from the last checkpoint before its first changed line
  const key = JSON.stringify([opts.arch ?? '', opts.limits ?? null, opts.includePaths ?? [], opts.predefined ? 1 : 0, opts.host ? 1 : 0]);
  // subsections are laid out one after another: a pass places each where the one before said it
  // would start, until they stay put (the first pass of an edit starts from the last layout)
  let starts = incremental && file !== undefined ? subsectionLayouts.get(file) : undefined;
  for (let pass = 1; ; pass++) {
    const a = new Assembler(pp, opts, starts);
    let r: AssembleResult;
    if (!incremental) r = a.run();
    else {
      const k = starts ? JSON.stringify([key, [...starts]]) : key;
      a.memoKey = k;
      r = a.run(findResume(pp, opts, k));
    }
    const next = a.subsectionStarts();
    if (!next || pass >= MAX_LAYOUT_PASSES) {
      if (next) a.layoutDidNotSettle(MAX_LAYOUT_PASSES);
      if (incremental && file !== undefined) {
        subsectionLayouts.delete(file);
        if (starts?.size) subsectionLayouts.set(file, starts);
        if (subsectionLayouts.size > MAX_MEMOS) subsectionLayouts.delete(subsectionLayouts.keys().next().value!);
      }
      return r;
    }
    starts = next;
  }
}

/** Passes over a file with subsections before their layout must have settled. */
const MAX_LAYOUT_PASSES = 8;
/** The subsection starts of each file's last assembly (where the next one starts from). */
const subsectionLayouts = new Map<string, ReadonlyMap<string, number>>();

/** Forgets remembered runs (all, or one file's). */
export function forgetAssemblies(file?: string): void {
  if (file === undefined) {
    memos.clear();
    subsectionLayouts.clear();
  } else {
    memos.delete(file);
    subsectionLayouts.delete(file);
  }
}

export type { LayoutItem, SectionInfo };
