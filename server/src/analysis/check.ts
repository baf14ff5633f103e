// The ABI checker's entry point: program → diagnostics. Each symbol with an entry contract is
// analysed from its address to a fixed point; then one replay checks the obligations at every
// call, sp-based access, read and exit, and each failure becomes a diagnostic at the breaking
// instruction with related locations (saved, clobbered, exit) and a fix where it is mechanical.
import type { Diagnostic, Fix } from '../asm/types';
import { Cfg, ExitKind, buildCfg } from './cfg';
import { checkBranchConditions, checkGraphCallSite } from './conditions';
import { Assignment, CONTRACTS, Contract, ContractName, INDIRECT_CALL_TARGETS, assignContract } from './contracts';
import { FlowEnv, FlowResult, isCall, replay, solve, stateBefore, transfer } from './dataflow';
import { D8, NZCV, SP, isFpReg, regName } from './effects';
import { btiFix, reslotFix, restoreFix, retRegFix } from './fixes';
import { FtraceStyle, Program } from './program';
import { AddFinding, Finding, Related, dedupeRelated, toDiagnostic, where, witnessPath } from './findings';
import { RULES, RuleCode } from './rules';
import { TrampolineContext, checkTrampolineInsn, checkTrampolineRegisters } from './trampoline-rules';
import { State, describeVal, isEntry } from './values';

export const CONFIG_SCS = 'CONFIG_SHADOW_CALL_STACK';
export const CONFIG_BTI = 'CONFIG_ARM64_BTI_KERNEL';

export interface EntryInfo {
  readonly symbol: string;
  readonly index: number;
  readonly contract: ContractName;
  readonly source: Assignment['source'];
  /** The iteration bound was hit; no diagnostics were drawn for this entry. */
  readonly gaveUp: boolean;
  /** A reached instruction's operand is an undefined symbol (index): no diagnostics were drawn. */
  readonly unresolvedAt?: number;
}

export interface CheckResult {
  readonly diagnostics: Diagnostic[];
  readonly entries: readonly EntryInfo[];
  readonly style: FtraceStyle;
  readonly cfg: Cfg;
}

export function checkProgram(p: Program): Diagnostic[] {
  return analyzeProgram(p).diagnostics;
}

/** mcount or patchable-entry: explicit, else from the symbols, ftrace_caller's code, then the config. */
export function guessStyle(p: Program, cfg: Cfg): FtraceStyle {
  if (p.style) return p.style;
  const has = (n: string) => p.symbols.get(n)?.defined === true;
  if (has('ftrace_regs_caller') || has('ftrace_common') || has('ftrace_stub_direct_tramp')) return 'patchable';
  const fc = p.symbols.get('ftrace_caller');
  if (fc?.defined && fc.section !== undefined && fc.address !== undefined) {
    // a patchable entry reads x9 (the parent LR) before writing it; an mcount one never does
    let i = cfg.indexOf(fc.section, fc.address);
    for (let n = 0; i !== undefined && n < 32 && i < cfg.insns.length; n++, i++) {
      const fx = cfg.insns[i].fx;
      if (fx.reads.includes(9) || fx.mem?.regs.includes(9)) return 'patchable';
      // conditional branches fall through (the CALL_OPS direct-call check comes before the x9 read)
      if (fx.writes.includes(9) || (fx.flow !== 'next' && fx.flow !== 'cond')) break;
    }
    return 'mcount';
  }
  if (p.config.has('CONFIG_DYNAMIC_FTRACE_WITH_ARGS') || p.config.has('CONFIG_DYNAMIC_FTRACE_WITH_REGS')) return 'patchable';
  return has('_mcount') ? 'mcount' : 'patchable';
}

const PRIORITY: Record<Assignment['source'], number> = { override: 3, 'kernel-name': 2, 'function-type': 1, default: 0 };

function entriesOf(p: Program, cfg: Cfg, style: FtraceStyle): { symbol: string; index: number; a: Assignment }[] {
  const out: { symbol: string; index: number; a: Assignment }[] = [];
  for (const [index, names] of [...cfg.symbolsAt].sort((x, y) => x[0] - y[0])) {
    let best: { symbol: string; index: number; a: Assignment } | undefined;
    for (const symbol of names) {
      const a = assignContract(p, symbol, style);
      if (!best || PRIORITY[a.source] > PRIORITY[best.a.source]) best = { symbol, index, a };
    }
    if (best) out.push(best);
  }
  return out;
}

export function analyzeProgram(p: Program): CheckResult {
  const cfg = buildCfg(p);
  const style = guessStyle(p, cfg);
  const env: FlowEnv = { scs: p.config.has(CONFIG_SCS) };
  const bti = p.config.has(CONFIG_BTI);
  const findings = new Map<string, Finding>();
  const add = (f: Finding) => {
    const k = `${f.code}|${f.anchor}|${f.key}`;
    if (!findings.has(k)) findings.set(k, f);
  };
  const entries: EntryInfo[] = [];
  // entries that reach much of a large file each (fallthrough chains) must not add up without end
  const budget = { left: Math.max(200_000, 20 * cfg.insns.length) };
  for (const e of entriesOf(p, cfg, style)) {
    const contract = CONTRACTS[e.a.contract];
    if (!contract.entry) {
      entries.push({ symbol: e.symbol, index: e.index, contract: contract.name, source: e.a.source, gaveUp: false });
      continue;
    }
    if (bti && (contract.indirect || INDIRECT_CALL_TARGETS.has(e.symbol))) {
      checkLandingPad(cfg, e.symbol, e.index, contract, add);
    }
    const flow = solve(cfg, e.index, env, budget);
    // offsets and sizes from undefined symbols are placeholders: any finding would be about them
    const unresolvedAt = flow.gaveUp ? undefined : firstUnresolved(p, cfg, flow);
    entries.push({ symbol: e.symbol, index: e.index, contract: contract.name, source: e.a.source, gaveUp: flow.gaveUp, unresolvedAt });
    if (flow.gaveUp || unresolvedAt !== undefined) continue;
    new EntryChecker(cfg, flow, env, e.symbol, contract, add).run();
  }
  const conditions = { cfg, add, contractOf: (name: string) => assignContract(p, name, style).contract };
  checkBranchConditions(conditions);
  checkGraphCallSite(conditions);
  const diagnostics = [...findings.values()].map((f) => toDiagnostic(cfg, f));
  for (const pr of p.overrideProblems ?? []) {
    diagnostics.push({
      severity: RULES['abi/unknown-contract'].severity,
      code: 'abi/unknown-contract',
      message: `Unknown contract '${pr.text}'; known: ${Object.keys(CONTRACTS).join(', ')}.`,
      origin: { loc: { file: pr.file, line: pr.line, startCol: 0, endCol: 0 }, stack: [] },
    });
  }
  diagnostics.sort(
    (a, b) => a.origin.loc.file.localeCompare(b.origin.loc.file) || a.origin.loc.line - b.origin.loc.line || a.origin.loc.startCol - b.origin.loc.startCol || a.code.localeCompare(b.code),
  );
  return { diagnostics, entries, style, cfg };
}

function firstUnresolved(p: Program, cfg: Cfg, flow: FlowResult): number | undefined {
  let first: number | undefined;
  for (const b of flow.inState.keys()) {
    const { start, end } = cfg.blocks[b];
    for (let i = start; i < end; i++) if (p.instructions[i].unresolved && (first === undefined || i < first)) first = i;
  }
  return first;
}

function checkLandingPad(cfg: Cfg, symbol: string, index: number, c: Contract, add: (f: Finding) => void): void {
  const pad = cfg.insns[index].fx.landing;
  if (pad === 'c' || pad === 'jc' || pad === 'pac') return;
  const how = c.name === 'ftrace-entry' || c.name === 'mcount' ? 'through a module PLT (`br x16`)' : c.name === 'ftrace-direct' ? 'by `br x17`' : 'by BLR through a function pointer';
  const has = pad === 'j' ? ' `bti j` accepts BR only, not BLR.' : pad === '' ? ' A plain `bti` accepts no indirect branch.' : '';
  // a first instruction from a macro (SYM_FUNC_START's own, a `ftrace_regs_entry` expansion) is
  // reported where that macro is used in the file: that is where `bti c` goes
  const own = cfg.program.instructions[index].origin;
  const frame = own.stack.find((f) => f.at.file === cfg.program.file);
  add({
    code: 'abi/missing-bti',
    anchor: index,
    origin: frame ? { loc: frame.at, stack: [] } : undefined,
    key: symbol,
    message: `${symbol} (contract ${c.name}) is entered ${how}, but its first instruction is not \`bti c\`, \`bti jc\` or \`paciasp\`: with CONFIG_ARM64_BTI_KERNEL the indirect branch faults.${has}`,
    related: frame ? [{ i: index, message: `first instruction of ${symbol}` }] : [],
    fix: () => btiFix(cfg, symbol, index),
  });
}

const ARG_NOTE: Partial<Record<ContractName, string>> = {
  'ftrace-entry': 'the traced function receives x0–x8 from the save area, where callbacks may have changed them',
  'ftrace-direct': 'the traced function receives x0–x8 as at entry',
  'return-to-handler': 'x0–x7 carry the traced function\'s return values',
};

/** Obligations of one entry, checked on one replay of its solved flow. */
class EntryChecker {
  /** Stores of an entry value: register → store instructions. */
  private readonly saves = new Map<number, number[]>();

  constructor(
    private readonly cfg: Cfg,
    private readonly flow: FlowResult,
    private readonly env: FlowEnv,
    private readonly entry: string,
    private readonly c: Contract,
    private add: AddFinding,
  ) {}

  private get ctx(): string {
    return `${this.entry} (contract ${this.c.name})`;
  }

  run(): void {
    // exits last: their diagnosis needs to know whether a register was saved anywhere
    const exits: [number, ExitKind, State][] = [];
    const roles: TrampolineContext = { cfg: this.cfg, flow: this.flow, entry: this.entry, contract: this.c, add: this.add };
    replay(this.cfg, this.flow, this.env, (i, s) => {
      this.noteSaves(i, s);
      this.checkReads(i, s);
      this.checkSpAccess(i, s);
      checkTrampolineInsn(roles, i, s);
      if (isCall(this.cfg, i)) this.checkCall(i, s);
      const ex = this.cfg.exit.get(i);
      if (ex) exits.push([i, ex, s.clone()]);
    });
    checkTrampolineRegisters(roles);
    for (const [i, ex, s] of exits) this.checkExit(i, ex, s);
  }

  private noteSaves(i: number, s: State): void {
    const m = this.cfg.insns[i].fx.mem;
    if (!m || m.load || m.base === undefined || s.stackOffset(m.base) === undefined) return;
    for (const r of m.regs) {
      if (r < 0) continue;
      const v = s.vals[r];
      if (v.k === 'e' && v.off === 0) {
        const list = this.saves.get(v.r) ?? [];
        if (!list.includes(i)) list.push(i);
        this.saves.set(v.r, list);
      }
    }
  }

  private path(to: number, exit?: number): string {
    return witnessPath(this.cfg, this.flow, to, exit);
  }

  private checkReads(i: number, s: State): void {
    const fx = this.cfg.insns[i].fx;
    for (const r of fx.reads) {
      if (r === SP || isFpReg(r)) continue;
      const v = s.vals[r];
      if (v.k !== 'x') continue;
      if (fx.flow === 'ret' && r === fx.reg) continue; // the exit's own rule says it better
      const ip = r === 16 || r === 17;
      const what = ip
        ? `${regName(r)} (IP${r - 16}) is read here, but the call at ${where(this.cfg, v.call)} destroyed it: any callee, and a PLT veneer on the way to a symbol outside this file, may use x16/x17`
        : `${regName(r)} is read here, but the call at ${where(this.cfg, v.call)} destroyed it (${r === NZCV ? 'calls do not preserve the flags' : 'caller-saved under AAPCS64'})`;
      this.add({
        code: ip ? 'abi/ip-reg-across-call' : 'abi/clobbered-read-after-call',
        anchor: i,
        key: String(r),
        message: `${what}; set it again after the call. In ${this.ctx}, path ${this.path(i)}.`,
        related: [{ i: v.call, message: `${regName(r)} destroyed by this call` }],
      });
    }
  }

  private misaligned(i: number, s: State, what: string): void {
    const sp = s.stackOffset(SP);
    if (sp === undefined || sp % 16 === 0) return;
    const site = s.sites[SP];
    const anchor = site >= 0 ? site : i;
    this.add({
      code: 'abi/stack-misaligned',
      anchor,
      key: '',
      message: `sp is ${describeVal(s.vals[SP])} (not 16-byte aligned) at the ${what} at ${where(this.cfg, i)}: every adjustment of sp must keep it a multiple of 16. In ${this.ctx}, path ${this.path(i)}.`,
      related: [{ i, message: `${what} with sp misaligned` }],
    });
  }

  private checkSpAccess(i: number, s: State): void {
    const m = this.cfg.insns[i].fx.mem;
    if (m && m.base === SP) this.misaligned(i, s, 'sp-based access');
  }

  private checkCall(i: number, s: State): void {
    this.misaligned(i, s, 'call');
    if (this.env.scs && !isEntry(s.vals[18], 18)) {
      const site = s.sites[18];
      this.add({
        code: 'abi/scs-clobbered',
        anchor: site >= 0 ? site : i,
        key: '18',
        message: `x18 holds the shadow call stack pointer (CONFIG_SHADOW_CALL_STACK) but is ${describeVal(s.vals[18])} at the call at ${where(this.cfg, i)}: the callee pushes its return address through it. In ${this.ctx}, path ${this.path(i)}.`,
        related: [{ i, message: 'call with x18 changed' }],
      });
    }
    const fp = s.vals[29];
    const rec = s.stackOffset(29);
    const isRecord = isEntry(fp, 29) || (rec !== undefined && s.slots.has(rec) && s.slots.has(rec + 8));
    if (!isRecord) {
      const site = s.sites[29];
      this.add({
        code: 'abi/frame-record',
        anchor: i,
        key: '29',
        message: `x29 is ${describeVal(fp)} at this call, not the entry frame pointer nor the address of a frame record {fp, lr} stored on the stack: the unwinder cannot walk through ${this.entry}. In ${this.ctx}, path ${this.path(i)}.`,
        related: site >= 0 ? [{ i: site, message: 'x29 set here' }] : [],
      });
    }
  }

  /**
   * States at instruction i, split by predecessor across up to `depth` joins (a join of "x0 from
   * the right slot" and "x0 from the wrong slot" says only "unknown"; each path says which).
   */
  private statesAt(i: number, s: State, depth: number): State[] {
    const cfg = this.cfg;
    const b = cfg.blocks[cfg.blockOf[i]];
    const preds = b.preds.filter((p) => this.flow.inState.has(p));
    const isEntryBlock = cfg.blockOf[this.flow.entry] === b.id;
    if (depth === 0 || preds.length + (isEntryBlock ? 1 : 0) < 2) return [s];
    const out: State[] = [];
    const starts: State[] = isEntryBlock ? [State.entry()] : [];
    for (const p of preds) {
      const pb = cfg.blocks[p];
      const last = pb.end - 1;
      const before = stateBefore(cfg, this.flow, this.env, last);
      if (!before) continue;
      for (const ps of this.statesAt(last, before, depth - 1)) {
        const t = ps.clone();
        transfer(cfg, last, t, this.env);
        starts.push(t);
        if (starts.length > 16) return [s];
      }
    }
    for (const st of starts) {
      for (let k = b.start; k < i; k++) transfer(cfg, k, st, this.env);
      out.push(st);
    }
    return out;
  }

  private exitFails(s: State): boolean {
    const c = this.c;
    if (!isEntry(s.vals[SP], SP)) return true;
    for (const r of c.args) if (!isEntry(s.vals[r], r)) return true;
    if (this.env.scs && !isEntry(s.vals[18], 18)) return true;
    for (let r = 19; r <= 29; r++) if (!isEntry(s.vals[r], r)) return true;
    for (let r = D8; r < D8 + 8; r++) if (!isEntry(s.vals[r], r)) return true;
    return false;
  }

  private checkExit(i: number, kind: ExitKind, merged: State): void {
    // a failure on the joined state is diagnosed per incoming path, for precise places and words
    let fails = this.exitFails(merged);
    if (!fails) {
      const add = this.add;
      this.add = () => (fails = true);
      this.controlAtExit(i, kind, merged);
      this.add = add;
    }
    const states = fails ? this.statesAt(i, merged, 3) : [merged];
    for (const s of states) this.checkExitState(i, kind, s);
  }

  private checkExitState(i: number, kind: ExitKind, s: State): void {
    const c = this.c;
    const groups = new Map<RuleCode, number[]>();
    const bad = (code: RuleCode, r: number) => {
      const list = groups.get(code) ?? [];
      list.push(r);
      groups.set(code, list);
    };
    for (const r of c.args) if (!isEntry(s.vals[r], r)) bad('abi/argument-not-restored', r);
    if (this.env.scs && !isEntry(s.vals[18], 18)) bad('abi/scs-clobbered', 18);
    for (let r = 19; r <= 29; r++) if (!isEntry(s.vals[r], r)) bad('abi/callee-saved-clobbered', r);
    for (let r = D8; r < D8 + 8; r++) if (!isEntry(s.vals[r], r)) bad('abi/fp-not-restored', r);
    for (const [code, regs] of groups) this.registersAtExit(i, s, code, regs);
    if (!isEntry(s.vals[SP], SP)) this.stackAtExit(i, s);
    this.controlAtExit(i, kind, s);
  }

  /**
   * Register obligations. Loaded from a slot that holds something else → at the load (fix: the
   * right slot). Argument registers and x29 saved but not restored → at the exit (fix: restore
   * them); other callee-saved registers → at the write that destroyed them. Never saved → at the
   * write.
   */
  private registersAtExit(i: number, s: State, code: RuleCode, regs: number[]): void {
    const cfg = this.cfg;
    const restoreGroup: number[] = [];
    const mismatched = new Map<number, number[]>();
    for (const r of regs) {
      const site = s.sites[r];
      const saved = this.saves.get(r);
      const v = s.vals[r];
      const def = site >= 0 ? cfg.insns[site].fx : undefined;
      const fromStack = def?.mem?.load && def.mem.regs.includes(r) && def.mem.base !== undefined;
      if (saved && fromStack && v.k !== 'x') {
        const list = mismatched.get(site) ?? [];
        list.push(r);
        mismatched.set(site, list);
      } else if (saved && (code === 'abi/argument-not-restored' || r === 29 || site < 0 || isCall(cfg, site))) restoreGroup.push(r);
      else if (saved) {
        this.add({
          code,
          anchor: site,
          key: String(r),
          message: `${regText(r)} ${regRole(r, this.c)} is overwritten here after being saved at ${where(cfg, saved[0])} and not restored before the exit at ${where(cfg, i)}: ${this.ctx} must return it unchanged. Restore it, or use a scratch register (x9–x15). Path ${this.path(site, i)}.`,
          related: [{ i: saved[0], message: `${regText(r)} saved here` }, { i, message: 'exit reached with the register changed' }],
          fix: () => restoreFix(cfg, this.flow, this.env, i, [r]),
        });
      } else {
        const anchor = site >= 0 ? site : i;
        const how = site >= 0 && isCall(cfg, site) ? 'destroyed by this call' : site >= 0 ? 'overwritten here' : 'changed on the way';
        this.add({
          code,
          anchor,
          key: String(r),
          message: `${regText(r)} ${regRole(r, this.c)} is ${how} and never saved, so it is ${describeVal(v)} at the exit at ${where(cfg, i)}. ${this.ctx} must return it unchanged${code === 'abi/callee-saved-clobbered' ? '; use a scratch register (x9–x15) or save and restore it' : ''}. Path ${this.path(anchor, i)}.`,
          related: anchor !== i ? [{ i, message: 'exit reached with the register changed' }] : [],
        });
      }
    }
    for (const [site, rs] of mismatched) this.slotMismatch(i, s, site, rs);
    if (restoreGroup.length === 0) return;
    const names = restoreGroup.map(regText).join(', ');
    const related: Related[] = [];
    for (const r of restoreGroup) {
      related.push({ i: this.saves.get(r)![0], message: `${regText(r)} saved here` });
      const site = s.sites[r];
      if (site >= 0) related.push({ i: site, message: `${regText(r)} ${isCall(cfg, site) ? 'destroyed by this call' : 'overwritten here'}` });
    }
    const note = code === 'abi/argument-not-restored' ? ARG_NOTE[this.c.name] ?? '' : '';
    const plural = restoreGroup.length > 1;
    this.add({
      code,
      anchor: i,
      key: names,
      message: `${names} ${plural ? 'are' : 'is'} saved but not restored before this exit: ${this.ctx} must return ${plural ? 'them' : 'it'} as ${plural ? 'they were' : 'it was'} saved${note ? `: ${note}` : ''}. Path ${this.path(i)}.`,
      related: dedupeRelated(related),
      fix: () => restoreFix(cfg, this.flow, this.env, i, restoreGroup),
    });
  }

  /** Registers reloaded by the load at `site` from slots that do not hold their saved values. */
  private slotMismatch(i: number, s: State, site: number, regs: number[]): void {
    const cfg = this.cfg;
    const holds = regs.map((r) => {
      const v = s.vals[r];
      return v.k === 'e' && v.off === 0 && v.r !== r ? v.r : undefined;
    });
    const names = regs.map(regText).join(', ');
    const plural = regs.length > 1;
    const others = holds.every((h) => h !== undefined)
      ? `the slot${plural ? 's' : ''} where ${holds.map((h) => regText(h!)).join(', ')} ${plural ? 'were' : 'was'} saved`
      : `${plural ? 'slots that do' : 'a slot that does'} not hold ${plural ? 'their' : 'its'} saved value (${regs.map((r) => `${regText(r)} gets ${describeVal(s.vals[r])}`).join('; ')})`;
    const related: Related[] = [];
    for (const r of regs) related.push({ i: this.saves.get(r)![0], message: `${regText(r)} saved here` });
    for (const h of holds) if (h !== undefined && this.saves.get(h)) related.push({ i: this.saves.get(h)![0], message: `${regText(h)} saved here` });
    related.push({ i, message: 'exit' });
    this.add({
      code: 'abi/restore-slot-mismatch',
      anchor: site,
      key: names,
      message: `${names} ${plural ? 'are' : 'is'} restored from ${others}; ${plural ? 'they were' : 'it was'} saved at ${where(cfg, this.saves.get(regs[0])![0])}. ${this.ctx} must return ${plural ? 'them' : 'it'} with the entry value${plural ? 's' : ''} at the exit at ${where(cfg, i)}. Path ${this.path(site, i)}.`,
      related: dedupeRelated(related),
      fix: () => reslotFix(cfg, this.flow, this.env, site),
    });
  }

  private stackAtExit(i: number, s: State): void {
    const site = s.sites[SP];
    const anchor = site >= 0 ? site : i;
    this.add({
      code: 'abi/stack-imbalance',
      anchor,
      key: '',
      message: `sp is ${describeVal(s.vals[SP])} at the exit at ${where(this.cfg, i)}, not the entry sp: ${this.ctx} must release exactly what it allocated. Path ${this.path(anchor, i)}.`,
      related: anchor !== i ? [{ i, message: 'exit with sp unbalanced' }] : [],
    });
  }

  private controlAtExit(i: number, kind: ExitKind, s: State): void {
    const fx = this.cfg.insns[i].fx;
    const reg = kind === 'tailcall' ? undefined : fx.reg ?? 30;
    const t = reg !== undefined ? s.vals[reg] : undefined;
    const lr = s.vals[30];
    const report = (msg: string, extra: Related[] = [], fix?: () => Fix | undefined) =>
      this.add({ code: 'abi/lr-convention', anchor: i, key: '', message: `${msg} Path ${this.path(i)}.`, related: extra, fix });
    const setAt = (r: number): Related[] => (s.sites[r] >= 0 ? [{ i: s.sites[r], message: `${regName(r)} set here` }] : []);
    switch (this.c.exit) {
      case 'aapcs':
        if (kind === 'ret' && t && !isEntry(t, 30)) {
          report(`${this.ctx} returns through ${regName(reg!)}, which holds ${describeVal(t)}, not the return address it was called with (the entry x30).`, setAt(reg!));
        } else if (kind !== 'ret' && !isEntry(lr, 30)) {
          report(`${this.ctx} leaves by a tail branch with x30 = ${describeVal(lr)}, not its own return address (the entry x30).`, setAt(30));
        }
        return;
      case 'return-handler':
        if (t && !(t.k === 'res' && t.r === 0)) {
          report(`${this.ctx} returns through ${regName(reg ?? 30)}, which holds ${describeVal(t)}, not the original return address that \`ftrace_return_to_handler\` returned in x0.`, setAt(reg ?? 30));
        }
        return;
      case 'ftrace': {
        const resumeIn = [9, 10, 11, 12, 13, 14, 15, 16, 17].find((r) => isEntry(s.vals[r], 30));
        if (t && isEntry(t, 30)) {
          if (!isEntry(lr, 9)) report(`${this.ctx} resumes the traced function with x30 = ${describeVal(lr)}; it must hold the parent LR (the entry x9) so the traced function returns to its caller.`, setAt(30));
        } else if (t && isEntry(t, 9)) {
          const fix = kind === 'ret' && reg === 30 && resumeIn !== undefined ? () => retRegFix(this.cfg, i, resumeIn) : undefined;
          report(
            `${this.ctx} returns through ${regName(reg!)}, which holds the parent LR (the entry x9): control skips the traced function. Go to the resume address (the entry x30${resumeIn !== undefined ? `, now in ${regName(resumeIn)}` : ''}), e.g. \`ret x9\` after loading x9 from the saved pc.`,
            setAt(reg!),
            fix,
          );
        } else if (kind === 'ret') {
          report(`${this.ctx} returns through ${regName(reg!)}, which holds ${describeVal(t!)}, not the resume address (the entry x30).`, setAt(reg!));
        } else {
          // on to a direct trampoline: it expects x9 = parent LR, x30 = resume address
          if (!isEntry(s.vals[9], 9)) report(`${this.ctx} branches to a direct trampoline with x9 = ${describeVal(s.vals[9])}; the direct-call contract (ftrace-direct) needs x9 = parent LR (the entry x9).`, setAt(9));
          else if (!isEntry(lr, 30)) report(`${this.ctx} branches to a direct trampoline with x30 = ${describeVal(lr)}; the direct-call contract (ftrace-direct) needs x30 = the resume address (the entry x30).`, setAt(30));
        }
        return;
      }
    }
  }
}

const regText = regName;

function regRole(r: number, c: Contract): string {
  if (c.args.includes(r)) return c.name === 'return-to-handler' ? '(return value)' : '(argument)';
  if (r === 18) return '(shadow call stack pointer)';
  if (r === 29) return '(frame pointer, callee-saved)';
  if (isFpReg(r)) return '(callee-saved FP register)';
  return '(callee-saved)';
}
