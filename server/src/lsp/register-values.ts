// What a register holds before an instruction, from the ABI checker's dataflow: for each entry
// symbol whose flow reaches the instruction, its abstract value ("the entry value of x9") and,
// for an entry value, the role the contract gives that register there ("parent LR"), else what the
// kernel's code of that contract keeps in it (analysis/contracts.ts holds both). Flows are
// solved once per analysis and entry (the checker solves them too, but does not keep them).
import { CONTRACTS, type ContractName } from '../analysis';
import { solve, stateBefore, type FlowResult } from '../analysis/dataflow';
import { describeVal } from '../analysis/values';
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
    const v = st.vals[r];
    let text = describeVal(v);
    const c = CONTRACTS[e.contract];
    const role = v.k === 'e' && v.off === 0 ? c.entryRoles[v.r] : undefined;
    if (role) text += `: ${role}`;
    else if (c.conventions[r]) text += ` (by convention: ${c.conventions[r]})`;
    out.push({ entry: e.symbol, contract: e.contract, text });
  }
  return out;
}
