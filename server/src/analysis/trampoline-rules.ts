// Rules about what ftrace trampolines keep in their free registers and what they must not touch
// (checklist A7, A8): x16 at entry is a module PLT's scratch, x17 carries the direct trampoline
// from its load to `br x17`, x11 the ftrace_ops pointer from its load to its uses; exception state
// (SPSR/ELR/DAIF) is not theirs. Checked over one entry's solved flow.
import { Cfg } from './cfg';
import { Contract } from './contracts';
import { FlowResult, isCall } from './dataflow';
import { Effects, SP, regName } from './effects';
import { AddFinding, where, witnessPath } from './findings';
import { State, isEntry } from './values';

export interface TrampolineContext {
  readonly cfg: Cfg;
  readonly flow: FlowResult;
  readonly entry: string;
  readonly contract: Contract;
  readonly add: AddFinding;
}

const DIRECT = 17;
const OPS = 11;
/** Exception-state registers and PSTATE fields (mrs/msr operands as the decoder prints them). */
const EXCEPTION_STATE = /^(spsr_el(1|12|2)|elr_el(1|12|2)|daif|daifset|daifclr)$/;
const TRAMPOLINES = new Set(['ftrace-entry', 'ftrace-direct', 'mcount', 'return-to-handler']);

const ctxText = (c: TrampolineContext) => `${c.entry} (contract ${c.contract.name})`;

/** r is only the data of a store here (saving it into a save area reads nothing out of it). */
function storedOnly(fx: Effects, r: number): boolean {
  const m = fx.mem;
  return !!m && !m.load && m.regs.includes(r) && m.base !== r;
}

function isLoadOf(fx: Effects, r: number): boolean {
  return !!fx.mem?.load && fx.mem.regs.includes(r) && !fx.mem.narrow;
}

/** Checks on one instruction with the state before it (called from the entry's replay). */
export function checkTrampolineInsn(c: TrampolineContext, i: number, s: State): void {
  const fx = c.cfg.insns[i].fx;
  for (const r of c.contract.meaninglessAtEntry) {
    if (!fx.reads.includes(r) || !isEntry(s.vals[r], r) || storedOnly(fx, r)) continue;
    c.add({
      code: 'abi/plt-scratch-read',
      anchor: i,
      key: String(r),
      message: `${regName(r)} is read here with its entry value, which means nothing: ${ctxText(c)} may be entered through a module PLT (\`adrp x16, …; add x16, x16, …; br x16\`) that leaves its own scratch in ${regName(r)}. Write it before using it, or use the register the callsite really sets (x9: parent LR, x30: resume address). Path ${witnessPath(c.cfg, c.flow, i)}.`,
      related: [],
    });
  }
  if (fx.sysreg && EXCEPTION_STATE.test(fx.sysreg) && TRAMPOLINES.has(c.contract.name)) {
    const reg = fx.sysreg.toUpperCase();
    const how = fx.mnemonic === 'mrs' ? `reads ${reg}` : /^DAIF(SET|CLR)$/.test(reg) ? `${reg === 'DAIFSET' ? 'masks' : 'unmasks'} interrupts (${reg})` : `writes ${reg}`;
    c.add({
      code: 'abi/exception-state-access',
      anchor: i,
      key: 'sysreg',
      message: `\`${c.cfg.textOf(i)}\` ${how} inside ${ctxText(c)}: a trampoline runs in the middle of an ordinary call of the traced function, where the exception state belongs to whatever the kernel was doing; leave SPSR/ELR/DAIF alone (callbacks that need it take care of it themselves). Path ${witnessPath(c.cfg, c.flow, i)}.`,
      related: [],
    });
  }
}

/** Checks over the whole flow, after the replay: x17 up to `br x17`, x11 after its load (A7). */
export function checkTrampolineRegisters(c: TrampolineContext): void {
  if (c.contract.exit !== 'ftrace') return;
  const { cfg, flow } = c;
  const reached = (i: number) => flow.inState.has(cfg.blockOf[i]);
  for (const [i, kind] of cfg.exit) {
    if (kind === 'ijump' && cfg.insns[i].fx.reg === DIRECT && reached(i)) checkDirectTarget(c, i);
  }
  if (c.contract.name !== 'ftrace-entry') return;
  for (const b of flow.inState.keys()) {
    const blk = cfg.blocks[b];
    for (let i = blk.start; i < blk.end; i++) {
      const fx = cfg.insns[i].fx;
      if (fx.reads.includes(OPS) && !storedOnly(fx, OPS)) checkOpsUse(c, i);
    }
  }
}

/** The reached instructions that may run right before instruction k. */
function predecessors(c: TrampolineContext, k: number): number[] {
  const { cfg, flow } = c;
  const b = cfg.blocks[cfg.blockOf[k]];
  if (k > b.start) return [k - 1];
  return b.preds.filter((p) => flow.inState.has(p)).map((p) => cfg.blocks[p].end - 1);
}

function writes(cfg: Cfg, k: number, r: number): boolean {
  return cfg.insns[k].fx.writes.includes(r) || (isCall(cfg, k) && (r <= 17 || r === 30));
}

/** Walking back from `from` (exclusive) on every path: the first instruction writing r on each. */
function lastWriters(c: TrampolineContext, from: number, r: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const stack = predecessors(c, from);
  while (stack.length) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    if (writes(c.cfg, k, r)) out.push(k);
    else stack.push(...predecessors(c, k));
  }
  return out.sort((a, b) => a - b);
}

/** Walking back from `from` (exclusive) through anything: the first instruction satisfying `is`. */
function findBack(c: TrampolineContext, from: number, is: (k: number) => boolean): number | undefined {
  const seen = new Set<number>();
  const stack = predecessors(c, from);
  while (stack.length) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    if (is(k)) return k;
    stack.push(...predecessors(c, k));
  }
  return undefined;
}

function checkDirectTarget(c: TrampolineContext, br: number): void {
  const { cfg } = c;
  for (const w of lastWriters(c, br, DIRECT)) {
    if (isLoadOf(cfg.insns[w].fx, DIRECT) || isCall(cfg, w)) continue;
    const load = findBack(c, w, (k) => isLoadOf(cfg.insns[k].fx, DIRECT));
    if (load === undefined) continue; // x17 computed, not loaded: an ordinary indirect branch
    c.add({
      code: 'abi/direct-target-clobbered',
      anchor: w,
      key: String(DIRECT),
      message: `x17 is overwritten here after ${where(cfg, load)} loaded the direct trampoline into it, so \`br x17\` at ${where(cfg, br)} branches to this value instead of the trampoline. In ${ctxText(c)}, keep x17 from its load to the branch (use x10–x15 for scratch). Path ${witnessPath(cfg, c.flow, w, br)}.`,
      related: [
        { i: load, message: 'x17 loaded with the direct trampoline here' },
        { i: br, message: 'branch through x17' },
      ],
    });
  }
}

/** The CALL_OPS load of the ftrace_ops pointer: x11 from memory not on the stack. */
function isOpsLoad(fx: Effects): boolean {
  return isLoadOf(fx, OPS) && fx.mem!.base !== undefined && fx.mem!.base !== SP && fx.mem!.base !== 29;
}

function checkOpsUse(c: TrampolineContext, use: number): void {
  const { cfg } = c;
  for (const w of lastWriters(c, use, OPS)) {
    const fx = cfg.insns[w].fx;
    if (isOpsLoad(fx) || isCall(cfg, w)) continue;
    const load = findBack(c, w, (k) => isOpsLoad(cfg.insns[k].fx));
    if (load === undefined) continue; // x11 set before the ops were loaded (the `bic x11, x30, #7` step)
    c.add({
      code: 'abi/ops-clobbered',
      anchor: w,
      key: String(OPS),
      message: `x11 held the ftrace_ops pointer loaded at ${where(cfg, load)} and is overwritten here, yet ${where(cfg, use)} still uses it as the ops. In ${ctxText(c)}, keep x11 for the ops (use x12–x15 for scratch) or reload it. Path ${witnessPath(cfg, c.flow, w, use)}.`,
      related: [
        { i: load, message: 'ftrace_ops loaded into x11 here' },
        { i: use, message: 'x11 used as the ops here' },
      ],
    });
  }
}
