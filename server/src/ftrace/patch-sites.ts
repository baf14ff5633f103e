// The patch-site model: for each kernel era and config (mcount; DYNAMIC_FTRACE_WITH_REGS;
// WITH_ARGS; + CALL_OPS; + BTI; + DIRECT_CALLS), every place ftrace rewrites, the states it goes
// through (compiled, after ftrace_init_nop, enabled to ftrace_caller / ftrace_regs_caller / a direct
// trampoline / a module PLT, disabled), the word of each state, the kernel function that writes
// it, whether that write is validated against the old word, and whether old → new is a CMODX-safe
// pair. Words come from the generator emulation (insn-gen.ts) at the real addresses.
import { decodeText } from '../isa';
import { CallableAddr, PltEntry, findCallableAddr, reachableByBl } from './branch-range';
import { CallsiteKind, KernelEra, eraHasConfig } from './eras';
import { emulate, isEmulateError } from './insn-gen';

export const NOP = 0xd503201f;
export const MOV_X9_LR = 0xaa1e03e9;
export const BTI_C = 0xd503245f;
export const PACIASP = 0xd503233f;

/** B, BL, NOP, BRK, SVC, HVC, SMC: the words concurrent modification may swap (ARM ARM B2.2.5). */
export function cmodxSafe(word: number): boolean {
  const w = word >>> 0;
  if ((w & 0x7c000000) === 0x14000000) return true; // B, BL
  if (w === NOP) return true;
  const exc = (w & 0xffe0001f) >>> 0;
  return exc === 0xd4200000 || exc === 0xd4000001 || exc === 0xd4000002 || exc === 0xd4000003;
}

export function describeWord(word: number, pc = 0n): string {
  return decodeText(word >>> 0, pc) ?? '<undefined>';
}

export interface PatchConfig {
  readonly era: string;
  readonly callsite: CallsiteKind;
  /** ftrace_regs_caller exists (WITH_REGS, 5.5–6.1). */
  readonly regsCaller: boolean;
  readonly callOps: boolean;
  readonly bti: boolean;
  readonly directCalls: boolean;
  /** ftrace_call is patched (all eras without CALL_OPS). */
  readonly ftraceCallSite: boolean;
  /** ftrace_graph_call is patched (mcount; WITH_REGS before ~6.1). */
  readonly graphCallSite: boolean;
}

export function configForEra(era: KernelEra, overrides: Partial<Omit<PatchConfig, 'era'>> = {}): PatchConfig {
  const callOps = era.callsite === 'patchable-4-2';
  return {
    era: era.name,
    callsite: era.callsite,
    regsCaller: era.symbols.includes('ftrace_regs_caller'),
    callOps,
    bti: eraHasConfig(era, 'CONFIG_ARM64_BTI_KERNEL'),
    directCalls: eraHasConfig(era, 'CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS'),
    ftraceCallSite: era.symbols.includes('ftrace_call') && !callOps,
    graphCallSite: era.symbols.includes('ftrace_graph_call'),
    ...overrides,
  };
}

/** Addresses the words depend on; a missing one leaves its words symbolic (word null). */
export interface SiteAddresses {
  readonly ftraceCaller?: bigint;
  readonly ftraceRegsCaller?: bigint;
  readonly mcount?: bigint;
  readonly ftraceStub?: bigint;
  readonly ftraceGraphCaller?: bigint;
  /** A direct trampoline (DIRECT_CALLS), e.g. a BPF trampoline. */
  readonly directTrampoline?: bigint;
  /** The ftrace PLT of the callsite's section (.text.ftrace_trampoline or .init.text.ftrace_trampoline). */
  readonly plt?: bigint;
  readonly ftraceNopOps?: bigint;
  readonly ftraceListOps?: bigint;
  /** The ftrace_ops a CALL_OPS callsite gets when it is the only one (ftrace_find_unique_ops). */
  readonly ops?: bigint;
  /** A tracer function for ftrace_call. */
  readonly tracer?: bigint;
}

export interface SiteState {
  readonly name: string;
  /** The 32-bit word (for the ops literal: the 64-bit value); null when an address is unknown. */
  readonly word: number | bigint | null;
  readonly text: string;
  /** The kernel function that writes this state ('compiler' for the compiled state). */
  readonly writer: string;
  /** Whether the writer checks the old word first (null for the compiled state). */
  readonly validated: boolean | null;
  /** Whether the write from the previous state is a CMODX-safe pair, or only done before the code runs. */
  readonly cmodx?: 'safe' | 'init-only' | 'not-safe' | 'data';
  readonly note?: string;
}

export type SiteKind = 'mcount-call' | 'ops-literal' | 'lr-save' | 'call' | 'ftrace_call' | 'ftrace_graph_call' | 'annotated';

export interface PatchSite {
  readonly kind: SiteKind;
  readonly address: bigint;
  readonly states: readonly SiteState[];
  /** BL reach of the enabled state (null when the target is unknown or the site holds no branch). */
  readonly inRange: boolean | null;
  readonly plt: PltEntry | null;
  readonly problem?: string;
  /** What tracers receive when this BL fires (P5): ip = the BL's address (rec->ip), parent_ip = the raw LR (x9, or the LR of the frame record for mcount). */
  readonly ip?: bigint;
  /** What tracers receive as parent_ip when this BL fires. */
  readonly parentIp?: string;
}

const PARENT_IP_MCOUNT = 'the LR saved in the frame record (raw)';
const PARENT_IP_PATCHABLE = 'x9: the LR at function entry (raw, before any signing)';

function bl(pc: bigint, target: bigint | undefined, link = true): { word: number | null; text: string; fault?: string } {
  if (target === undefined) return { word: null, text: '' };
  const r = emulate('aarch64_insn_gen_branch_imm', [pc, target, link ? 1n : 0n]);
  if (isEmulateError(r)) return { word: null, text: '' };
  return { word: r.word, text: r.text, ...(r.fault ? { fault: r.fault.reason } : {}) };
}

function transition(prev: number | bigint | null, next: number | bigint | null, runtime: boolean): SiteState['cmodx'] {
  if (typeof prev === 'bigint' || typeof next === 'bigint') return 'data';
  if (prev === null || next === null) return undefined;
  if (cmodxSafe(prev) && cmodxSafe(next)) return 'safe';
  return runtime ? 'not-safe' : 'init-only';
}

function state(name: string, w: { word: number | bigint | null; text: string; fault?: string }, symbolic: string, writer: string, validated: boolean | null, prev: SiteState | undefined, runtime: boolean, note?: string): SiteState {
  const word = w.word;
  const n = w.fault ? `${note ? note + '; ' : ''}the generator fails (${w.fault}): AARCH64_BREAK_FAULT would be patched in` : note;
  return {
    name,
    word,
    text: word === null ? symbolic : typeof word === 'bigint' ? symbolic : w.text,
    writer,
    validated,
    ...(prev ? { cmodx: transition(prev.word, word, runtime) } : {}),
    ...(n ? { note: n } : {}),
  };
}

const FIXED_TEXT = new Map<number, string>();
/** A word whose text does not depend on the pc (NOP, MOV): decoded once. */
const fixed = (w: number, _pc: bigint) => {
  let text = FIXED_TEXT.get(w);
  if (text === undefined) FIXED_TEXT.set(w, (text = describeWord(w)));
  return { word: w, text };
};

/** Where the words of one function-entry callsite are, from the recorded address (what the section holds). */
export interface CallsiteLayout {
  readonly kind: CallsiteKind;
  /** The address __patchable_function_entries / __mcount_loc records. */
  readonly record: bigint;
  /** CALL_OPS: the 8-byte literal (record, 8-aligned). */
  readonly literal?: bigint;
  /** The MOV X9, LR slot (patchable kinds). */
  readonly movSlot?: bigint;
  /** rec->ip after ftrace_call_adjust: the BL slot (the `bl _mcount` for mcount). */
  readonly blSlot: bigint;
  readonly bti: boolean;
  readonly problem?: string;
}

/** ftrace_call_adjust() for each callsite kind. */
export function callsiteLayout(kind: CallsiteKind, record: bigint, bti: boolean): CallsiteLayout {
  if (kind === 'mcount') return { kind, record, blSlot: record, bti: false };
  if (kind === 'patchable-2') return { kind, record, movSlot: record, blSlot: record + 4n, bti };
  const problem = record & 7n ? 'Misaligned patch-site: ftrace_call_adjust() warns and ignores it (CALL_OPS needs 8-aligned functions)' : undefined;
  const f = record + 8n;
  const mov = bti ? f + 4n : f;
  return { kind, record, literal: record, movSlot: mov, blSlot: mov + 4n, bti, ...(problem ? { problem } : {}) };
}

/** The sites of one function-entry callsite and their states (P1, P2, P4, P5). */
export function callsiteSites(layout: CallsiteLayout, cfg: PatchConfig, a: SiteAddresses, opts: { module?: boolean } = {}): PatchSite[] {
  const sites: PatchSite[] = [];
  const pc = layout.blSlot;
  const call: CallableAddr | undefined = a.ftraceCaller !== undefined ? findCallableAddr(pc, a.ftraceCaller, { pltAddress: a.plt, directCalls: cfg.directCalls, ftraceCaller: a.ftraceCaller }) : undefined;
  const enabledTarget = call?.target;
  const enabled = bl(pc, enabledTarget);
  const viaPlt = call?.via === 'plt' ? ' via the module PLT' : '';

  if (layout.kind === 'mcount') {
    const s: SiteState[] = [];
    s.push(state('compiled', bl(pc, a.mcount), 'bl _mcount', 'compiler', null, undefined, false));
    s.push(state('init', fixed(NOP, pc), 'nop', 'ftrace_make_nop', !opts.module, s[0], false,
      opts.module ? 'at module load: patched without validation (the BL may go through a generic module PLT to _mcount; 8cfb08575c6d)' : 'ftrace_init: validated against bl _mcount'));
    s.push(state('enabled', enabled, `bl ftrace_caller${viaPlt}`, 'ftrace_make_call', true, s[1], true));
    s.push(state('disabled', fixed(NOP, pc), 'nop', 'ftrace_make_nop', true, s[2], true));
    sites.push({ kind: 'mcount-call', address: pc, states: s, inRange: call ? call.inRange : null, plt: call?.plt ?? null, ip: pc, parentIp: PARENT_IP_MCOUNT, ...(call?.problem ? { problem: call.problem } : {}) });
    return sites;
  }

  if (layout.literal !== undefined) {
    const lit = layout.literal;
    const nopNop = (BigInt(NOP) << 32n) | BigInt(NOP);
    const v = (x: bigint | undefined, name: string) => ({ word: x ?? null, text: x === undefined ? name : `.quad 0x${x.toString(16)}` });
    const s: SiteState[] = [];
    s.push({ name: 'compiled', word: nopNop, text: 'nop; nop (two pre-function NOPs, 8 bytes)', writer: 'compiler', validated: null });
    s.push({ ...state('init', v(a.ftraceNopOps, '&ftrace_nop_ops'), '&ftrace_nop_ops', 'ftrace_init_nop → ftrace_rec_set_nop_ops', false, s[0], false), text: withSym(a.ftraceNopOps, '&ftrace_nop_ops'), cmodx: 'data' });
    s.push({ ...state('enabled', v(a.ops, 'ops'), 'ops', 'ftrace_make_call → ftrace_rec_set_ops', false, s[1], true, 'the unique ftrace_ops of the callsite (ftrace_find_unique_ops), else &ftrace_list_ops; written with aarch64_insn_write_literal_u64 (a data store, no I-cache maintenance)'), text: withSym(a.ops, 'ops (unique) or &ftrace_list_ops'), cmodx: 'data' });
    s.push({ ...state('disabled', v(a.ftraceNopOps, '&ftrace_nop_ops'), '&ftrace_nop_ops', 'ftrace_make_nop → ftrace_rec_set_nop_ops', false, s[2], true), text: withSym(a.ftraceNopOps, '&ftrace_nop_ops'), cmodx: 'data' });
    sites.push({ kind: 'ops-literal', address: lit, states: s, inRange: null, plt: null, ...(layout.problem ? { problem: layout.problem } : {}) });
  }

  if (layout.movSlot !== undefined) {
    const m = layout.movSlot;
    const s: SiteState[] = [];
    s.push(state('compiled', fixed(NOP, m), 'nop', 'compiler', null, undefined, false));
    s.push(state('init', fixed(MOV_X9_LR, m), 'mov x9, x30', 'ftrace_init_nop', true, s[0], false,
      'written once before the code can run: MOV is not in the CMODX-safe set; x9 is free per the AAPCS (IPA-RA is off with -fpatchable-function-entry)'));
    sites.push({ kind: 'lr-save', address: m, states: s, inRange: null, plt: null });
  }

  const s: SiteState[] = [];
  s.push(state('compiled', fixed(NOP, pc), 'nop', 'compiler', null, undefined, false));
  s.push(state('init', fixed(NOP, pc), 'nop', 'ftrace_init_nop', null, s[0], false, 'unchanged at init'));
  s.push(state('enabled', enabled, `bl ftrace_caller${viaPlt}`, 'ftrace_make_call', true, s[1], true, call?.problem));
  if (cfg.regsCaller) {
    const r = a.ftraceRegsCaller !== undefined ? findCallableAddr(pc, a.ftraceRegsCaller, { pltAddress: a.plt !== undefined ? a.plt + 12n : undefined }) : undefined;
    s.push(state('enabled-regs', bl(pc, r?.target), `bl ftrace_regs_caller${r?.via === 'plt' ? ' via the module PLT (FTRACE_REGS_PLT_IDX)' : ''}`, 'ftrace_make_call / ftrace_modify_call', true, s[2], true,
      'for ftrace_ops with FTRACE_OPS_FL_SAVE_REGS (5.5–6.1)'));
  }
  if (cfg.directCalls) {
    const d = a.directTrampoline !== undefined ? findCallableAddr(pc, a.directTrampoline, { pltAddress: a.plt, directCalls: true, ftraceCaller: a.ftraceCaller }) : undefined;
    s.push(state('enabled-direct', bl(pc, d?.target), d?.via === 'ftrace_caller' ? 'bl ftrace_caller (the direct trampoline is out of range: ftrace_caller reads ops->direct_call)' : 'bl <direct trampoline>', 'ftrace_modify_call', true, s[2], true,
      'a lone direct ftrace_ops within BL range is called directly'));
  }
  s.push(state('disabled', fixed(NOP, pc), 'nop', 'ftrace_make_nop', true, s[2], true));
  sites.push({ kind: 'call', address: pc, states: s, inRange: call ? call.inRange : null, plt: call?.plt ?? null, ip: pc, parentIp: PARENT_IP_PATCHABLE, ...(call?.problem ? { problem: call.problem } : {}) });
  return sites;
}

function withSym(x: bigint | undefined, name: string): string {
  return x === undefined ? name : `${name} (0x${x.toString(16)})`;
}

/** ftrace_call inside ftrace_caller: the tracer call ftrace_update_ftrace_func() rewrites unvalidated. */
export function ftraceCallSite(address: bigint, cfg: PatchConfig, a: SiteAddresses): PatchSite {
  const s: SiteState[] = [];
  if (cfg.callsite === 'mcount') s.push(state('compiled', fixed(NOP, address), 'nop', 'compiler', null, undefined, false));
  else s.push(state('compiled', bl(address, a.ftraceStub), 'bl ftrace_stub', 'compiler', null, undefined, false));
  s.push(state('enabled', bl(address, a.tracer), 'bl <ftrace_trace_function>', 'ftrace_update_ftrace_func', false, s[0], true,
    'written without validation (old = 0): hover notes this site is written blind'));
  const inRange = a.tracer !== undefined ? reachableByBl(address, a.tracer) : null;
  return { kind: 'ftrace_call', address, states: s, inRange, plt: null };
}

/** ftrace_graph_call: NOP ⇄ b ftrace_graph_caller (ftrace_modify_graph_caller, validated). */
export function ftraceGraphCallSite(address: bigint, _cfg: PatchConfig, a: SiteAddresses): PatchSite {
  const s: SiteState[] = [];
  s.push(state('compiled', fixed(NOP, address), 'nop', 'compiler', null, undefined, false));
  s.push(state('enabled', bl(address, a.ftraceGraphCaller, false), 'b ftrace_graph_caller', 'ftrace_modify_graph_caller(true)', true, s[0], true));
  s.push(state('disabled', fixed(NOP, address), 'nop', 'ftrace_modify_graph_caller(false)', true, s[1], true));
  const inRange = a.ftraceGraphCaller !== undefined ? reachableByBl(address, a.ftraceGraphCaller) : null;
  return { kind: 'ftrace_graph_call', address, states: s, inRange, plt: null };
}

/** Writers and the words they may write, per era (for hovers on C code and the model's table, H3). */
export const WRITERS: readonly { readonly fn: string; readonly site: string; readonly validated: boolean | 'module-load-no'; readonly note: string }[] = [
  { fn: 'ftrace_init_nop', site: 'rec->ip - 4 (MOV slot); CALL_OPS literal', validated: true, note: 'NOP → MOV X9, LR before the code runs; CALL_OPS also sets the literal to &ftrace_nop_ops' },
  { fn: 'ftrace_make_call', site: 'rec->ip (BL slot)', validated: true, note: 'NOP → BL callable(addr); CALL_OPS writes the literal first' },
  { fn: 'ftrace_make_nop', site: 'rec->ip', validated: 'module-load-no', note: 'BL → NOP; with mcount at module load the old word is not checked' },
  { fn: 'ftrace_modify_call', site: 'rec->ip', validated: true, note: 'BL old → BL new (WITH_REGS; CALL_OPS with DIRECT_CALLS)' },
  { fn: 'ftrace_update_ftrace_func', site: 'ftrace_call', validated: false, note: 'old = 0, validate = false; nothing to patch with CALL_OPS' },
  { fn: 'ftrace_modify_graph_caller', site: 'ftrace_graph_call', validated: true, note: 'NOP ⇄ B ftrace_graph_caller (mcount; WITH_REGS until ~6.1)' },
  { fn: 'ftrace_rec_set_ops', site: 'ALIGN_DOWN(rec->ip - 12, 8)', validated: false, note: '64-bit ops pointer via aarch64_insn_write_literal_u64' },
];

/** Summary of a config's sites for hovers: which sites exist and what each can hold. */
export function modelSummary(cfg: PatchConfig): string[] {
  const out: string[] = [];
  if (cfg.callsite === 'mcount') out.push('callsite: the `bl _mcount` after the prologue: NOP at init, `bl ftrace_caller` (or module PLT) when traced');
  else {
    if (cfg.callOps) out.push('F-8: 8-byte ops literal (2 NOPs compiled; &ftrace_nop_ops / ops / &ftrace_list_ops)');
    if (cfg.bti) out.push('F+0: bti c (not patched)');
    out.push(`MOV slot: nop → mov x9, x30 (ftrace_init_nop)`);
    out.push(`BL slot (rec->ip): nop ⇄ bl ftrace_caller${cfg.regsCaller ? ' / ftrace_regs_caller' : ''}${cfg.directCalls ? ' / direct trampoline' : ''} / module PLT`);
  }
  if (cfg.ftraceCallSite) out.push(`ftrace_call: ${cfg.callsite === 'mcount' ? 'nop' : 'bl ftrace_stub'} → bl <tracer> (unvalidated)`);
  if (cfg.graphCallSite) out.push('ftrace_graph_call: nop ⇄ b ftrace_graph_caller');
  return out;
}
