// asm-offsets: the build-time constants (S_X0 … PT_REGS_SIZE, FREGS_*, FTRACE_OPS_*) that
// entry-ftrace.S takes from include/generated/asm-offsets.h. Built-in tables per kernel era, a
// parser for a build directory's generated header, a provider that prefers the build directory,
// and a describer naming the struct field behind each symbol (for hovers).
//
// Values marked verified were read from compiled asm-offsets files or struct definitions of the
// era; the others are derived from the struct layout or config dependent (their note says which).
import { join } from 'node:path';
import type { SourceHost } from '../asm/types';
import { EraName, KernelEra, defaultEra, findEra } from './eras';

export interface AsmOffsetEntry {
  readonly value: bigint;
  readonly verified: boolean;
  /** Why a value is not verified, or what it depends on. */
  readonly note?: string;
  /** 'header-constant': a macro of a kernel header (asm/insn.h), kept as a fallback value. */
  readonly kind: 'asm-offset' | 'header-constant';
}

export type AsmOffsetTable = ReadonlyMap<string, AsmOffsetEntry>;

// --- built-in tables ---------------------------------------------------------------------------

type Row = number | readonly [number, string];
type Rows = Record<string, Row>;

function evenRegs(prefix: string, last: number, slot = 8): Rows {
  const rows: Rows = {};
  for (let n = 0; n <= last; n += 2) rows[`${prefix}${n}`] = n * slot;
  return rows;
}

/** pt_regs head, the same from v5.x on: regs[31], sp, pc, pstate, orig_x0, syscallno. */
const PT_HEAD: Rows = { ...evenRegs('S_X', 28), S_LR: 240, S_SP: 248, S_PC: 256, S_PSTATE: 264, S_SYSCALLNO: 280 };

// Sources of the pt_regs layouts: v5.4, compiled asm-offsets of a v5.1–v5.4 build; v5.10, struct
// pt_regs and asm-offsets.c of a v5.10 tree; 6.1, compiled asm-offsets of a v5.16+ build; 6.13+
// and newest, compiled asm-offsets with frame_record_meta (336, and 320 without lockdep/exit_rcu).
// ftrace_regs, fgraph_ret_regs and ftrace_ops: compiled asm-offsets of v6.5–v6.12 and v6.13+ builds.
const DERIVED_320 = 'derived: the v5.4 layout plus S_FP; lockdep_hardirqs/exit_rcu (which make it 336) came later';

const PT_5_4: Rows = { ...PT_HEAD, S_ORIG_ADDR_LIMIT: 288, S_PMR_SAVE: 296, S_STACKFRAME: 304, S_FRAME_SIZE: 320 };
const PT_5_5: Rows = { ...PT_5_4, S_FP: 232, S_FRAME_SIZE: [320, DERIVED_320] };
const PT_5_10: Rows = { ...PT_5_5, S_FRAME_SIZE: 336 };
const PT_6_1: Rows = { ...PT_HEAD, S_FP: 232, S_SDEI_TTBR1: 288, S_PMR_SAVE: 296, S_STACKFRAME: 304, PT_REGS_SIZE: 336 };
const PT_6_13: Rows = { ...PT_HEAD, S_FP: 232, S_PMR: 284, S_SDEI_TTBR1: 288, S_STACKFRAME: 296, S_STACKFRAME_TYPE: 312, PT_REGS_SIZE: 336 };
const PT_NEWEST: Rows = { ...PT_6_13, PT_REGS_SIZE: 320 };

const FREGS_6_2: Rows = {
  ...evenRegs('FREGS_X', 8),
  FREGS_FP: 80,
  FREGS_LR: 88,
  FREGS_SP: 96,
  FREGS_PC: 104,
  FREGS_SIZE: 112,
};
const FREGS_DIRECT: Rows = { ...FREGS_6_2, FREGS_DIRECT_TRAMP: 72 };
const OPS_FUNC: Rows = { FTRACE_OPS_FUNC: 0 };
const FGRET: Rows = {
  ...Object.fromEntries(Array.from({ length: 8 }, (_, n) => [`FGRET_REGS_X${n}`, n * 8])),
  FGRET_REGS_FP: 64,
  FGRET_REGS_SIZE: 80,
};
const DIRECT_CALL_NOTE = 'config dependent: offsetof(struct ftrace_ops, direct_call) moves with the ftrace_ops members a config enables; value from one compiled build of the era';

const TABLE_ROWS: Record<EraName, Rows> = {
  mcount: PT_5_4,
  '5.5-with-regs': PT_5_5,
  '5.10': PT_5_10,
  '6.1': PT_6_1,
  '6.2-with-args': { ...PT_6_1, ...FREGS_6_2 },
  '6.3-call-ops': { ...PT_6_1, ...FREGS_6_2, ...OPS_FUNC },
  '6.12': { ...PT_6_1, ...FREGS_DIRECT, ...OPS_FUNC, FTRACE_OPS_DIRECT_CALL: [184, DIRECT_CALL_NOTE], ...FGRET },
  '6.13+': { ...PT_6_13, ...FREGS_DIRECT, ...OPS_FUNC, FTRACE_OPS_DIRECT_CALL: [208, DIRECT_CALL_NOTE] },
  newest: { ...PT_NEWEST, ...FREGS_DIRECT, ...OPS_FUNC, FTRACE_OPS_DIRECT_CALL: [208, DIRECT_CALL_NOTE] },
};

/** Per-era caveats on values that are otherwise taken as verified. */
const ERA_NOTES: Partial<Record<EraName, Record<string, string>>> = {
  mcount: { '*': 'layout of the last mcount-only kernels (v5.1–v5.4); earlier trees also define S_X1…S_X7 and S_ORIG_X0 and lack S_PMR_SAVE' },
  '6.2-with-args': { FREGS: 'derived: the v6.5+ layout with __unused (not direct_tramp) at offset 72' },
  '6.3-call-ops': { FREGS: 'derived: the v6.5+ layout with __unused (not direct_tramp) at offset 72' },
  '6.13+': Object.fromEntries(
    ['S_PMR', 'S_STACKFRAME', 'S_STACKFRAME_TYPE'].map((s) => [s, 'one early 6.13-era build still had the older tail: S_PMR_SAVE 296, S_STACKFRAME 304']),
  ),
};

/** Constants of kernel headers that entry-ftrace.S uses like asm-offsets. */
const HEADER_CONSTANTS: Rows = { AARCH64_INSN_SIZE: 4 };

const tableCache = new Map<EraName, AsmOffsetTable>();

/** The built-in asm-offsets table of an era. */
export function builtinAsmOffsets(era: KernelEra | EraName): AsmOffsetTable {
  const name = typeof era === 'string' ? era : era.name;
  const cached = tableCache.get(name);
  if (cached) return cached;
  const rows = TABLE_ROWS[name];
  if (!rows) throw new Error(`no asm-offsets table for era '${name}'`);
  const notes = ERA_NOTES[name] ?? {};
  const table = new Map<string, AsmOffsetEntry>();
  for (const [sym, row] of Object.entries(rows)) {
    const [value, note] = typeof row === 'number' ? [row, ''] : row;
    const eraNote = notes[sym] ?? (sym.startsWith('FREGS_') ? notes.FREGS : undefined) ?? notes['*'];
    const text = note || eraNote;
    table.set(sym, { value: BigInt(value), verified: !note && !(eraNote && eraNote.startsWith('derived')), kind: 'asm-offset', ...(text ? { note: text } : {}) });
  }
  for (const [sym, row] of Object.entries(HEADER_CONSTANTS)) {
    table.set(sym, { value: BigInt(row as number), verified: true, kind: 'header-constant', note: 'defined by asm/insn.h (asm/insn-def.h in 6.x), not by asm-offsets' });
  }
  tableCache.set(name, table);
  return table;
}

// --- the generated header ----------------------------------------------------------------------

export interface ParsedOffset {
  readonly value: bigint;
  /** 0-based line of the #define. */
  readonly line: number;
  readonly comment?: string;
}

export interface ParsedAsmOffsets {
  readonly values: ReadonlyMap<string, ParsedOffset>;
  /** #define lines with a value that is not an integer (0-based line, text). */
  readonly skipped: readonly { readonly line: number; readonly text: string }[];
}

const DEFINE = /^\s*#\s*define\s+([A-Za-z_]\w*)(?:\s+(.*?))?\s*$/;
const MAX_DIGITS = 40;

/** An integer as asm-offsets.h writes it: decimal, 0x hex, negative, parenthesized, U/L suffixes. */
export function parseOffsetValue(text: string): bigint | undefined {
  let t = text.trim();
  for (let i = 0; i < 4 && t.startsWith('(') && t.endsWith(')'); i++) t = t.slice(1, -1).trim();
  t = t.replace(/^[#$]/, '');
  const m = /^([-+]?)\s*(0[xX][0-9a-fA-F]+|\d+)[uUlL]*$/.exec(t);
  if (!m || m[2].length > MAX_DIGITS) return undefined;
  const v = BigInt(m[2]);
  return m[1] === '-' ? -v : v;
}

/** Reads include/generated/asm-offsets.h: `#define NAME VALUE /* comment *\/` lines. */
export function parseAsmOffsetsHeader(text: string): ParsedAsmOffsets {
  const values = new Map<string, ParsedOffset>();
  const skipped: { line: number; text: string }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = DEFINE.exec(lines[i]);
    if (!m) continue;
    let rest = m[2] ?? '';
    let comment: string | undefined;
    const c = /\/\*(.*?)\*\/\s*$/.exec(rest);
    if (c) {
      comment = c[1].trim();
      rest = rest.slice(0, c.index);
    }
    rest = rest.replace(/\/\/.*$/, '').trim();
    if (rest === '') continue; // include guard
    const value = parseOffsetValue(rest);
    if (value === undefined) skipped.push({ line: i, text: lines[i] });
    else values.set(m[1], { value, line: i, ...(comment ? { comment } : {}) });
  }
  return { values, skipped };
}

/** A header in the shape of include/generated/asm-offsets.h for a built-in table. */
export function formatAsmOffsetsHeader(era: KernelEra | EraName): string {
  const name = typeof era === 'string' ? era : era.name;
  const table = builtinAsmOffsets(name);
  const out = [
    '#ifndef __ASM_OFFSETS_H__',
    '#define __ASM_OFFSETS_H__',
    '/*',
    ` * asm-offsets of the built-in table for era ${name}, written by aarch64-ftrace`,
    ' * (formatAsmOffsetsHeader in server/src/ftrace/asm-offsets.ts), not by a kernel build.',
    ' */',
    '',
  ];
  // Grouped by struct (blank line between, as Kbuild's BLANK() does), by offset within a group.
  const rows = [...table]
    .filter(([, e]) => e.kind === 'asm-offset')
    .map(([sym, e]) => ({ sym, e, d: describeAsmOffset(sym, name) }));
  const groups = [...new Set(rows.map((r) => r.d?.struct ?? ''))];
  rows.sort((a, b) => groups.indexOf(a.d?.struct ?? '') - groups.indexOf(b.d?.struct ?? '') || Number(a.e.value - b.e.value) || a.sym.localeCompare(b.sym));
  let group: string | undefined;
  for (const { sym, e, d } of rows) {
    const g = d?.struct ?? '';
    if (group !== undefined && g !== group) out.push('');
    group = g;
    out.push(`#define ${sym} ${e.value} /* ${d ? d.expression : sym} */`);
  }
  out.push('', '#endif', '');
  return out.join('\n');
}

// --- provider ----------------------------------------------------------------------------------

export interface AsmOffsetValue {
  readonly value: bigint;
  /** 'build dir <path>' or 'built-in table for era <name>'; hovers show it. */
  readonly source: string;
  readonly verified: boolean;
  readonly note?: string;
}

export interface AsmOffsetsLookup {
  (name: string): AsmOffsetValue | undefined;
  readonly era: KernelEra;
  /** The generated header read from the build directory, when one was given. */
  readonly buildFile?: string;
  readonly buildStatus: 'none' | 'loaded' | 'missing';
  /** Settings that could not be honoured (unknown era, unreadable header, unparsed lines). */
  readonly problems: readonly string[];
  /** Every name the lookup knows, build directory first. */
  names(): string[];
}

export interface AsmOffsetsProviderOptions {
  /** Era name or alias, or the era; the default era when absent. */
  readonly era?: string | KernelEra;
  /** A kernel build directory (the one holding include/generated/asm-offsets.h). */
  readonly buildDir?: string;
  readonly host: SourceHost;
}

export function asmOffsetsHeaderPath(buildDir: string): string {
  return join(buildDir, 'include', 'generated', 'asm-offsets.h');
}

/** Looks names up in the build directory's asm-offsets.h first, then in the era's built-in table. */
export function asmOffsetsProvider(opts: AsmOffsetsProviderOptions): AsmOffsetsLookup {
  const problems: string[] = [];
  let era: KernelEra;
  if (opts.era === undefined) era = defaultEra();
  else if (typeof opts.era === 'string') {
    const found = findEra(opts.era);
    if (!found) problems.push(`unknown kernel era '${opts.era}', using '${defaultEra().name}'`);
    era = found ?? defaultEra();
  } else era = opts.era;

  const table = builtinAsmOffsets(era);
  const builtinSource = `built-in table for era ${era.name}`;
  let build: ReadonlyMap<string, ParsedOffset> = new Map();
  let buildFile: string | undefined;
  let buildStatus: AsmOffsetsLookup['buildStatus'] = 'none';
  let buildSource = '';
  if (opts.buildDir) {
    buildFile = asmOffsetsHeaderPath(opts.buildDir);
    buildSource = `build dir ${opts.buildDir}`;
    const text = opts.host.readFile(buildFile);
    if (text === undefined) {
      buildStatus = 'missing';
      problems.push(`${buildFile} not found; using the ${builtinSource}`);
    } else {
      const parsed = parseAsmOffsetsHeader(text);
      build = parsed.values;
      buildStatus = 'loaded';
      if (parsed.skipped.length) problems.push(`${buildFile}: ${parsed.skipped.length} #define line(s) without an integer value ignored`);
    }
  }

  const lookup = (name: string): AsmOffsetValue | undefined => {
    const b = build.get(name);
    if (b) return { value: b.value, source: buildSource, verified: true };
    const e = table.get(name);
    if (!e) return undefined;
    return { value: e.value, source: builtinSource, verified: e.verified, ...(e.note ? { note: e.note } : {}) };
  };
  const names = (): string[] => [...new Set([...build.keys(), ...table.keys()])];
  return Object.assign(lookup, { era, buildFile, buildStatus, problems, names }) as AsmOffsetsLookup;
}

// --- describer ---------------------------------------------------------------------------------

export interface AsmOffsetDescription {
  /** The C struct, e.g. 'pt_regs', 'ftrace_regs'; undefined for constants. */
  readonly struct?: string;
  /** The member, e.g. 'regs[2]', 'lr'; 'sizeof' for a size. */
  readonly field: string;
  /** For hovers: 'regs[2] in struct pt_regs', 'sizeof(struct ftrace_regs)'. */
  readonly text: string;
  /** As Kbuild writes it in the generated header's comment: 'offsetof(struct pt_regs, regs[2])'. */
  readonly expression: string;
}

const PT_FIELDS: Record<string, string> = {
  S_FP: 'regs[29]',
  S_LR: 'regs[30]',
  S_SP: 'sp',
  S_PC: 'pc',
  S_PSTATE: 'pstate',
  S_ORIG_X0: 'orig_x0',
  S_SYSCALLNO: 'syscallno',
  S_ORIG_ADDR_LIMIT: 'orig_addr_limit',
  S_SDEI_TTBR1: 'sdei_ttbr1',
  S_PMR_SAVE: 'pmr_save',
  S_PMR: 'pmr',
  S_STACKFRAME: 'stackframe',
  S_STACKFRAME_TYPE: 'stackframe.type',
};
const REG_ROLE: Record<string, string> = { 'regs[29]': 'fp', 'regs[30]': 'lr' };
const FREGS_FIELDS: Record<string, string> = {
  FREGS_DIRECT_TRAMP: 'direct_tramp',
  FREGS_FP: 'fp',
  FREGS_LR: 'lr',
  FREGS_SP: 'sp',
  FREGS_PC: 'pc',
};

function member(struct: string, field: string): AsmOffsetDescription {
  const role = REG_ROLE[field];
  return {
    struct,
    field,
    text: `${field}${role ? ` (${role})` : ''} in struct ${struct}`,
    expression: `offsetof(struct ${struct}, ${field})`,
  };
}

function size(struct: string): AsmOffsetDescription {
  return { struct, field: 'sizeof', text: `sizeof(struct ${struct})`, expression: `sizeof(struct ${struct})` };
}

/** The struct field behind an asm-offsets symbol; the era picks ftrace_regs vs __arch_ftrace_regs. */
export function describeAsmOffset(name: string, era?: KernelEra | EraName): AsmOffsetDescription | undefined {
  const eraName = era === undefined ? undefined : typeof era === 'string' ? era : era.name;
  const fregs = eraName === '6.13+' || eraName === 'newest' ? '__arch_ftrace_regs' : 'ftrace_regs';
  let m: RegExpExecArray | null;
  if ((m = /^S_X(\d+)$/.exec(name)) && Number(m[1]) <= 30) return member('pt_regs', `regs[${Number(m[1])}]`);
  if (PT_FIELDS[name]) return member('pt_regs', PT_FIELDS[name]);
  if (name === 'S_FRAME_SIZE' || name === 'PT_REGS_SIZE') return size('pt_regs');
  if ((m = /^FREGS_X(\d+)$/.exec(name)) && Number(m[1]) <= 8) return member(fregs, `regs[${Number(m[1])}]`);
  if (FREGS_FIELDS[name]) return member(fregs, FREGS_FIELDS[name]);
  if (name === 'FREGS_SIZE') return size(fregs);
  if ((m = /^FGRET_REGS_X(\d+)$/.exec(name)) && Number(m[1]) <= 7) return member('fgraph_ret_regs', `regs[${Number(m[1])}]`);
  if (name === 'FGRET_REGS_FP') return member('fgraph_ret_regs', 'fp');
  if (name === 'FGRET_REGS_SIZE') return size('fgraph_ret_regs');
  if (name === 'FTRACE_OPS_FUNC') return member('ftrace_ops', 'func');
  if (name === 'FTRACE_OPS_DIRECT_CALL') return member('ftrace_ops', 'direct_call');
  if (name === 'AARCH64_INSN_SIZE') {
    return { field: 'AARCH64_INSN_SIZE', text: 'bytes in one A64 instruction (asm/insn.h)', expression: 'AARCH64_INSN_SIZE' };
  }
  return undefined;
}
