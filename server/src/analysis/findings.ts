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

/** A path of named places from the entry through `to` (and on to `exit`), over reached blocks. */
export function witnessPath(cfg: Cfg, flow: FlowResult, to: number, exit?: number): string {
  const reached = flow.inState;
  const bfs = (from: number, goal: number): number[] => {
    const prev = new Map<number, number>([[from, -1]]);
    const q = [from];
    for (let h = 0; h < q.length && !prev.has(goal); h++) {
      for (const t of cfg.blocks[q[h]].succs) {
        if (!prev.has(t) && reached.has(t)) {
          prev.set(t, q[h]);
          q.push(t);
        }
      }
    }
    if (!prev.has(goal)) return [from, goal];
    const out: number[] = [];
    for (let b = goal; b !== -1; b = prev.get(b)!) out.push(b);
    return out.reverse();
  };
  const eb = cfg.blockOf[flow.entry];
  let blocks = bfs(eb, cfg.blockOf[to]);
  if (exit !== undefined && exit !== to) blocks = blocks.concat(bfs(cfg.blockOf[to], cfg.blockOf[exit]).slice(1));
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
