// A rule's finding before it becomes a Diagnostic: the instruction it points at, related places,
// a lazily built fix; and the words every message uses for a place (`line 12 (`ret x9`)`) and a
// path through the trampoline.
import type { Diagnostic, Fix, Origin } from '../asm/types';
import { Cfg } from './cfg';
import { FlowResult } from './dataflow';
import { RULES, RuleCode } from './rules';

export interface Related {
  /** The instruction it stands at (-1 when `origin` says where). */
  readonly i: number;
  readonly message: string;
  readonly origin?: Origin;
}

export interface Finding {
  readonly code: RuleCode;
  readonly anchor: number;
  /** Where to report instead of the anchor's own origin. */
  readonly origin?: Origin;
  /** With code and anchor: one finding per key (paths and entries reaching it again add nothing). */
  readonly key: string;
  readonly message: string;
  readonly related: Related[];
  readonly fix?: () => Fix | undefined;
}

export type AddFinding = (f: Finding) => void;

/** Drops repeats and merges "x2 saved here" + "x3 saved here" at one place into "x2, x3 saved here". */
export function dedupeRelated(rs: Related[]): Related[] {
  const out: { i: number; regs: string[]; rest: string; message: string; origin?: Origin }[] = [];
  for (const r of rs) {
    const m = r.origin ? null : /^([xd]\d+|sp) (.*)$/.exec(r.message);
    const same = out.find((o) => o.i === r.i && (m ? o.rest === m[2] && o.regs.length > 0 : o.message === r.message));
    if (same) {
      if (m && !same.regs.includes(m[1])) same.regs.push(m[1]);
      continue;
    }
    out.push({ i: r.i, regs: m ? [m[1]] : [], rest: m ? m[2] : '', message: r.message, origin: r.origin });
  }
  return out.map((o) => ({ i: o.i, message: o.regs.length ? `${o.regs.join(', ')} ${o.rest}` : o.message, origin: o.origin }));
}

/** `line 12 (\`ret x9\`)`, 1-based, with the instruction as decoded. */
export function where(cfg: Cfg, i: number): string {
  return `line ${cfg.program.instructions[i].origin.loc.line + 1} (\`${cfg.textOf(i)}\`)`;
}

/** Breadth-first predecessors over reached blocks from `from` (all of them, or until `goal` is found). */
function bfsPrev(cfg: Cfg, reached: FlowResult['inState'], from: number, goal?: number): Map<number, number> {
  const prev = new Map<number, number>([[from, -1]]);
  const q = [from];
  for (let h = 0; h < q.length && (goal === undefined || !prev.has(goal)); h++) {
    for (const t of cfg.blocks[q[h]].succs) {
      if (!prev.has(t) && reached.has(t)) {
        prev.set(t, q[h]);
        q.push(t);
      }
    }
  }
  return prev;
}

function pathTo(prev: ReadonlyMap<number, number>, from: number, goal: number): number[] {
  if (!prev.has(goal)) return [from, goal];
  const out: number[] = [];
  for (let b = goal; b !== -1; b = prev.get(b)!) out.push(b);
  return out.reverse();
}

/** Each flow's tree from its entry, made once (a finding each would walk it again: a file full of findings did). */
const ENTRY_TREES = new WeakMap<FlowResult, Map<number, number>>();

/** A path of named places from the entry through `to` (and on to `exit`), over reached blocks. */
export function witnessPath(cfg: Cfg, flow: FlowResult, to: number, exit?: number): string {
  const reached = flow.inState;
  const eb = cfg.blockOf[flow.entry];
  let tree = ENTRY_TREES.get(flow);
  if (!tree) ENTRY_TREES.set(flow, (tree = bfsPrev(cfg, reached, eb)));
  // (the whole tree gives the path the search stopping at the goal would: same order, same predecessors)
  let blocks = pathTo(tree, eb, cfg.blockOf[to]);
  if (exit !== undefined && exit !== to) {
    const from = cfg.blockOf[to];
    const goal = cfg.blockOf[exit];
    blocks = blocks.concat(pathTo(bfsPrev(cfg, reached, from, goal), from, goal).slice(1));
  }
  const names: string[] = [];
  for (const b of blocks) {
    const at = cfg.blocks[b].start;
    const sym = cfg.symbolsAt.get(at)?.[0];
    const name = sym ?? undefined;
    if (name && names[names.length - 1] !== name) names.push(name);
  }
  const end = exit ?? to;
  const tail = `line ${cfg.program.instructions[end].origin.loc.line + 1}`;
  if (names.length === 0) names.push(cfg.nameAt(flow.entry) ?? '?');
  return `${names.join(' → ')} → ${tail}`;
}

export function toDiagnostic(cfg: Cfg, f: Finding): Diagnostic {
  const origin = f.origin ?? cfg.program.instructions[f.anchor].origin;
  const related: { message: string; origin: Origin }[] = dedupeRelated(f.related)
    .filter((r) => r.origin || r.i !== f.anchor || f.origin)
    .map((r) => ({ message: r.message, origin: r.origin ?? cfg.program.instructions[r.i].origin }));
  const fix = f.fix?.();
  return {
    severity: RULES[f.code].severity,
    code: f.code,
    message: f.message,
    origin,
    related: related.length ? related : undefined,
    fixes: fix ? [fix] : undefined,
  };
}
