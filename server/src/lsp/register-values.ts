// What a register holds before an instruction, from the ABI checker's dataflow: for each entry
// symbol whose flow reaches the instruction, its abstract value ("the entry value of x9") and,
// for an entry value, the role the contract gives that register there ("parent LR"), else what the
// kernel's code of that contract keeps in it (analysis/contracts.ts holds both). Flows are
// solved once per analysis and entry (the checker solves them too, but does not keep them).
import { CONTRACTS, type ContractName } from '../analysis';
import { solve, stateBefore, type FlowResult } from '../analysis/dataflow';
import { describeVal, type State } from '../analysis/values';
import type { Origin } from '../asm/types';
import type { DocumentAnalysis } from '../driver';

/** x0…x30, w0…w30, fp, lr, sp → register number (sp = 31), else undefined. */
export function registerNumber(name: string): number | undefined {
  const n = name.toLowerCase();
  const m = /^[xw]([0-9]|[12][0-9]|30)$/.exec(n);
  if (m) return Number(m[1]);
  return n === 'fp' ? 29 : n === 'lr' ? 30 : n === 'sp' || n === 'wsp' ? 31 : undefined;
}

const FLOWS = new WeakMap<DocumentAnalysis, Map<number, FlowResult>>();

export interface RegisterValue {
  readonly entry: string;
  readonly contract: ContractName;
  readonly text: string;
  /** The instruction that wrote the value (an index into the CFG), when one did on every path. */
  readonly setBy?: { readonly text: string; readonly origin: Origin };
  /** The value after this instruction, when it writes the register and falls through. */
  readonly after?: string;
  /** What kernel code of this contract keeps in the register (contracts.ts). */
  readonly convention?: string;
}

/** The value of register `r` before the instruction at `section:offset`, per entry reaching it. */
export function registerValues(a: DocumentAnalysis, section: string, offset: number, r: number): RegisterValue[] {
  const cfg = a.abi?.cfg;
  if (!cfg) return [];
  const i = cfg.indexOf(section, BigInt(offset));
  if (i === undefined) return [];
  const env = { scs: a.env.defines.has('CONFIG_SHADOW_CALL_STACK') };
  let flows = FLOWS.get(a);
  if (!flows) FLOWS.set(a, (flows = new Map()));
  const out: RegisterValue[] = [];
  for (const e of a.abi!.entries) {
    if (!CONTRACTS[e.contract].entry || e.gaveUp) continue;
    let flow = flows.get(e.index);
    if (!flow) flows.set(e.index, (flow = solve(cfg, e.index, env, { left: 200_000 })));
    if (flow.gaveUp) continue;
    const st = stateBefore(cfg, flow, env, i);
    if (!st) continue;
    const c = CONTRACTS[e.contract];
    const describe = (s: State): string => {
      const v = s.vals[r];
      const role = v.k === 'e' && v.off === 0 ? c.entryRoles[v.r] : undefined;
      return describeVal(v) + (role ? `: ${role}` : '');
    };
    const text = describe(st);
    const site = st.sites[r];
    const setBy = site >= 0 ? { text: cfg.textOf(site), origin: cfg.program.instructions[site].origin } : undefined;
    // the value it leaves, when this instruction writes the register and the next one is in its block
    let after: string | undefined;
    if (cfg.insns[i].fx.writes.includes(r) && i + 1 < cfg.blocks[cfg.blockOf[i]].end) {
      const next = stateBefore(cfg, flow, env, i + 1);
      // 'another value' says nothing the instruction itself does not
      if (next && next.vals[r].k !== 'u') after = describe(next);
    }
    const convention = c.conventions[r];
    out.push({ entry: e.symbol, contract: e.contract, text, ...(setBy ? { setBy } : {}), ...(after ? { after } : {}), ...(convention ? { convention } : {}) });
  }
  return out;
}
