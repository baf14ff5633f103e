// The gas stage's shared shapes: options, statements, expansion frames, conditionals, symbol
// records, fixups and literal-pool entries, and the small helpers every part of the stage uses.
import { ArchState } from './gas-arch';
import { SymValue } from './gas-expr';
import { BodyStatement, MacroDef } from './gas-macro';
import { SectionBuilder } from './layout';
import { ExpansionFrame, Limits, Origin, SourceHost } from './types';
import { ParsedStatement } from './gas-statements';


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

export interface Stmt {
  readonly text: string;
  readonly origin: Origin;
  /** The parse of `text`, when the line cache had it. */
  readonly parsed?: ParsedStatement;
}

export interface Frame {
  readonly kind: ExpansionFrame['kind'] | 'file';
  readonly name: string;
  /** Conditional depth when the frame started (restored by .exitm, checked at its end). */
  readonly condDepth: number;
  readonly macro: boolean;
  next(): Stmt | undefined;
}

export interface Cond {
  active: boolean;
  taken: boolean;
  parentActive: boolean;
  elseSeen: boolean;
  origin: Origin;
}

export interface Collect {
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

export interface SymRec {
  name: string;
  /** Held by a checkpoint (and maybe by this run's table after a splice): copied before a change. */
  frozen: boolean;
  kind: 'label' | 'equ' | 'undef' | 'common';
  section?: string;
  value: bigint;
  /** equ: the base of the value ('s:SECTION', 'u:NAME') or undefined for absolute. */
  base?: string;
  /** equ whose value needs symbols not yet defined: evaluated on use after the last statement. */
  lazy?: string;
  /** Where `.` of `lazy` is: the place of its `.set` (section key, offset). */
  lazyDot?: { key: string; at: number };
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

/** A copy of a record (`frozen`: one a checkpoint holds). */
export function cloneSym(x: SymRec, frozen = false): SymRec {
  return {
    name: x.name, frozen, kind: x.kind, section: x.section, value: x.value, base: x.base, lazy: x.lazy, binding: x.binding, type: x.type, size: x.size,
    origin: x.origin, predefined: x.predefined, equiv: x.equiv, evaluating: x.evaluating, target: x.target, lazyDot: x.lazyDot,
  };
}

export type MutItem = ReturnType<SectionBuilder['add']>;

/**
 * Fixups are made by the statement pass and never changed afterwards (a later run that resumes
 * from a remembered one shares them): resolving one works on a copy of its item put in the
 * section at `index`, in the run's own section of the same name.
 */
export interface InsnFix {
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
  /** The text of an instruction whose parsed statement has no word yet (it keeps a pure one). */
  missed?: string;
}

export interface DataFix {
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

export interface SizeFix {
  kind: 'size';
  sym: SymRec;
  expr: string;
  sec: SectionBuilder;
  at: number;
  st: Stmt;
}

export type Fixup = InsnFix | DataFix | SizeFix;

export interface PoolEntry {
  key: string;
  expr: string;
  label: string;
  st: Stmt;
}


/** A file `.include` or `.incbin` read: its text, or its bytes (undefined: not found). */
export interface FileRead {
  readonly path: string;
  readonly text?: string;
  readonly bytes?: Uint8Array;
}


/** A file's bytes through the host: readBinary when it has one, else its text as UTF-8. */
export function readBytes(host: SourceHost | undefined, path: string): Uint8Array | undefined {
  if (!host) return undefined;
  if (host.readBinary) return host.readBinary(path);
  const t = host.readFile(path);
  return t === undefined ? undefined : new TextEncoder().encode(t);
}

/** `SYM`, `SYM + 4`, `SYM - 8` (gas's O_symbol values) → SYM; not numbers or local label references. */
export const EQU_TARGET = /^\s*([A-Za-z_.$][\w.$]*)\s*(?:[+-]\s*(?:0[xX][0-9a-fA-F]+|\d+)\s*)?$/;

/** An equ whose value is a place in a section (an alias of a label). */
export const isSectionEqu = (s: SymRec): boolean => s.kind === 'equ' && s.lazy === undefined && !!s.base?.startsWith('s:');

export const NOP = 0xd503201f;
export const MAX_DIAGNOSTICS = 2000;
export const LOCAL_NAME = /^\.L(\d+)\$(\d+|u)$/;
export const BARE_NAME = /^\s*[A-Za-z_.$][\w.$]*\s*$/;
export const NO_TERMS: ReadonlyMap<string, bigint> = new Map();
export const NO_NAMES: readonly string[] = [];
export function frameOrigin(st: Stmt, start: number, end: number): Origin {
  const loc = st.origin.loc;
  if (loc.endCol - loc.startCol !== st.text.length || start < 0 || end > st.text.length || end < start) return st.origin;
  return { loc: { file: loc.file, line: loc.line, startCol: loc.startCol + start, endCol: loc.startCol + end }, stack: st.origin.stack };
}
