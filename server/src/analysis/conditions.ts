// Rules about the preprocessor conditions code is assembled under (checklist A10): a branch whose
// target the file defines only in an #if arm that is not assembled, or under conditions that do
// not enclose the branch; and the `ftrace_graph_call` patch site in a configuration that never
// patches it. The #if arms come from the front end (asm/cpp-conditions.ts).
import type { Origin } from '../asm/types';
import type { CondArm } from '../asm/cpp-conditions';
import { scanOutline, type OutlineSymbol } from '../asm/outline';
import { Cfg } from './cfg';
import { CONTRACTS, ContractName } from './contracts';
import { AddFinding, Related, where } from './findings';
import { lineInFile } from './program';

const DEFINED = /\bdefined\s*(?:\(\s*([A-Za-z_]\w*)\s*\)|([A-Za-z_]\w*))/g;

/** `defined X`, `defined ( X )` → `defined(X)`; white space and outer parentheses dropped. */
function normalize(expr: string): string {
  let e = expr.replace(DEFINED, (_m, a: string | undefined, b: string | undefined) => `defined(${a ?? b})`).replace(/\s+/g, ' ').trim();
  e = e.replace(/!\s+/g, '!');
  while (e.startsWith('(') && e.endsWith(')') && balanced(e.slice(1, -1))) e = e.slice(1, -1).trim();
  return e;
}

function balanced(e: string): boolean {
  let depth = 0;
  for (const ch of e) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function negate(l: string): string {
  if (/^!defined\(\w+\)$/.test(l)) return l.slice(1);
  if (/^(defined\(\w+\)|\w+)$/.test(l)) return '!' + l;
  if (l.startsWith('!(') && l.endsWith(')') && balanced(l.slice(2, -1))) return l.slice(2, -1);
  return `!(${l})`;
}

/** The condition an arm's own directive states (undefined for #else). */
function ownLiteral(a: CondArm): string | undefined {
  const name = () => /^[A-Za-z_]\w*/.exec(a.expr)?.[0] ?? a.expr;
  switch (a.directive) {
    case 'ifdef':
    case 'elifdef':
      return `defined(${name()})`;
    case 'ifndef':
    case 'elifndef':
      return `!defined(${name()})`;
    case 'if':
    case 'elif':
      return normalize(a.expr);
    default:
      return undefined;
  }
}

interface ArmFacts {
  readonly arm: CondArm;
  /** What holds inside it: the earlier arms of its group negated, then its own condition. */
  readonly lits: readonly string[];
}

/** The #if arms of one file, and what holds at a line of it. */
export class FileConditions {
  private readonly arms: ArmFacts[] = [];

  constructor(readonly all: readonly CondArm[]) {
    const own = all.map(ownLiteral);
    for (let k = 0; k < all.length; k++) {
      const a = all[k];
      const lits: string[] = [];
      for (let j = a.group; j < k; j++) if (all[j].group === a.group && own[j] !== undefined) lits.push(negate(own[j]!));
      if (own[k] !== undefined) lits.push(own[k]!);
      this.arms.push({ arm: a, lits });
    }
  }

  /** The arms around a line, outermost first. */
  armsAt(line: number): ArmFacts[] {
    return this.arms.filter((f) => f.arm.start < line && line < f.arm.end).sort((a, b) => a.arm.start - b.arm.start);
  }

  /** The conditions holding at a line. */
  at(line: number): Set<string> {
    const out = new Set<string>();
    for (const f of this.armsAt(line)) for (const l of f.lits) out.add(l);
    return out;
  }
}

const directiveText = (a: CondArm) => `#${a.directive}${a.expr ? ' ' + a.expr : ''}`;

/** `#ifdef X`, or `#else of #ifndef X (line 35)` for a later arm of a group. */
function armText(all: readonly CondArm[], a: CondArm): string {
  const head = all[a.group];
  return head === a ? directiveText(a) : `${directiveText(a)} of ${directiveText(head)} (line ${head.start + 1})`;
}
const lineOrigin = (file: string, line: number): Origin => ({ loc: { file, line, startCol: 0, endCol: 0 }, stack: [] });

export interface ConditionContext {
  readonly cfg: Cfg;
  readonly add: AddFinding;
  /** Contract of a symbol (the nearest one names where a branch is, in messages). */
  readonly contractOf: (symbol: string) => ContractName;
}

/** Where instruction i is, in words: `in ftrace_caller (contract ftrace-entry)`: the nearest entry symbol before it. */
function placeOf(c: ConditionContext, i: number): string {
  const { cfg } = c;
  const section = cfg.program.instructions[i].section;
  let near: string | undefined;
  for (let k = i; k >= 0 && cfg.program.instructions[k].section === section; k--) {
    for (const name of cfg.symbolsAt.get(k) ?? []) {
      const contract = c.contractOf(name);
      if (CONTRACTS[contract].entry) return `in ${name} (contract ${contract})`;
      if (contract !== 'none') near ??= `in ${name} (contract ${contract})`;
    }
  }
  if (near) return near;
  const name = cfg.nameAt(i)?.replace(/\+0x[0-9a-f]+$/, '');
  return name ? `in ${name} (contract none)` : 'outside any symbol (contract none)';
}

/** The label a branch names: its relocation's symbol, else its written operand when that is a symbol at the target. */
function targetName(c: ConditionContext, i: number, t: number): string | undefined {
  const p = c.cfg.program;
  const ins = p.instructions[i];
  if (ins.relocSymbol) return ins.relocSymbol;
  const written = ins.text?.split(',').pop()?.trim();
  if (written && c.cfg.symbolsAt.get(t)?.includes(written)) return written;
  return c.cfg.symbolsAt.get(t)?.[0];
}

/** Branches (b, b.cond, cbz/cbnz, tbz/tbnz, bl) whose targets are defined under other conditions. */
export function checkBranchConditions(c: ConditionContext): void {
  const { cfg } = c;
  const p = cfg.program;
  const arms = p.conditionals?.();
  if (!arms?.length) return;
  const conds = new FileConditions(arms);
  let outline: OutlineSymbol[] | undefined;
  const definitions = (name: string): OutlineSymbol[] => {
    if (!outline) {
      const text = p.source?.(p.file);
      outline = text === undefined ? [] : flatten(scanOutline(text).symbols);
    }
    return outline.filter((s) => s.name === name);
  };
  for (let i = 0; i < p.instructions.length; i++) {
    const flow = cfg.insns[i].fx.flow;
    if (flow !== 'jump' && flow !== 'cond' && flow !== 'call') continue;
    const ins = p.instructions[i];
    const bl = lineInFile(ins.origin, p.file);
    if (bl === undefined) continue;
    const t = cfg.target[i];
    if (t >= 0) {
      const name = targetName(c, i, t);
      const sym = name !== undefined ? p.symbols.get(name) : undefined;
      const tl = sym?.origin ? lineInFile(sym.origin, p.file) : lineInFile(p.instructions[t].origin, p.file);
      if (tl === undefined) continue;
      const around = conds.armsAt(tl);
      if (around.length === 0) continue;
      const here = conds.at(bl);
      const missing = [...new Set(around.flatMap((f) => f.lits))].filter((l) => !here.has(l));
      if (missing.length === 0) continue;
      const label = name ?? `the target at line ${tl + 1}`;
      const related: Related[] = [{ i: -1, message: `${label} defined here`, origin: sym?.origin ?? lineOrigin(p.file, tl) }];
      for (const f of around) if (f.lits.some((l) => missing.includes(l))) related.push({ i: -1, message: `under ${armText(conds.all, f.arm)}`, origin: lineOrigin(p.file, f.arm.start) });
      c.add({
        code: 'abi/branch-target-condition',
        anchor: i,
        key: label,
        message: `\`${cfg.textOf(i)}\` ${placeOf(c, i)} branches to ${label}, which line ${tl + 1} defines only where ${missing.map((l) => `\`${l}\``).join(' and ')} holds; this branch at line ${bl + 1} is not under ${missing.length > 1 ? 'those conditions' : 'that condition'}, so a configuration without ${missing.length > 1 ? 'them' : 'it'} assembles the branch with no target and fails to link. Put the branch and its target under the same conditions.`,
        related,
      });
    } else if (ins.relocSymbol && !p.symbols.get(ins.relocSymbol)?.defined) {
      const name = ins.relocSymbol;
      for (const d of definitions(name)) {
        // the outermost arm not taken says why (the ones inside it were not even looked at)
        const inactive = conds.armsAt(d.line).find((f) => !f.arm.active);
        if (!inactive) continue;
        const related: Related[] = [
          { i: -1, message: `${name} defined here, not assembled in this configuration`, origin: lineOrigin(p.file, d.line) },
          { i: -1, message: `under ${armText(conds.all, inactive.arm)}`, origin: lineOrigin(p.file, inactive.arm.start) },
        ];
        c.add({
          code: 'abi/branch-target-undefined',
          anchor: i,
          key: name,
          message: `\`${cfg.textOf(i)}\` ${placeOf(c, i)} branches to ${name}, which this file defines only at line ${d.line + 1}, inside \`${armText(conds.all, inactive.arm)}\` (line ${inactive.arm.start + 1}), an arm not assembled in this configuration: the branch is left with a relocation against an undefined symbol and the link fails. Define ${name} under the conditions this branch at line ${bl + 1} is assembled under, or branch only where it exists.`,
          related,
        });
        break;
      }
    }
  }
}

function flatten(ss: readonly OutlineSymbol[]): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  const walk = (xs: readonly OutlineSymbol[]) => {
    for (const s of xs) {
      out.push(s);
      walk(s.children);
    }
  };
  walk(ss);
  return out;
}

/**
 * `ftrace_graph_call` assembled where no kernel code patches it. Only `ftrace_modify_graph_caller()`
 * writes it, which exists with DYNAMIC_FTRACE and FUNCTION_GRAPH_TRACER outside WITH_ARGS. Without
 * CONFIG_FUNCTION_TRACER the kernel does not build entry-ftrace.S at all: nothing is said then.
 */
export function checkGraphCallSite(c: ConditionContext): void {
  const p = c.cfg.program;
  const s = p.symbols.get('ftrace_graph_call');
  if (!s?.defined || s.section === undefined || s.address === undefined || !p.config.has('CONFIG_FUNCTION_TRACER')) return;
  const i = c.cfg.indexOf(s.section, s.address);
  if (i === undefined) return;
  let why: string;
  if (!p.config.has('CONFIG_DYNAMIC_FTRACE')) why = 'without CONFIG_DYNAMIC_FTRACE nothing in the trampolines is patched at run time';
  else if (!p.config.has('CONFIG_FUNCTION_GRAPH_TRACER')) why = 'without CONFIG_FUNCTION_GRAPH_TRACER there is no graph tracer to switch on';
  else if (p.config.has('CONFIG_DYNAMIC_FTRACE_WITH_ARGS')) why = 'with CONFIG_DYNAMIC_FTRACE_WITH_ARGS the graph tracer is an ftrace_ops callback (ftrace_graph_func) and ftrace_modify_graph_caller() is not built';
  else return;
  c.add({
    code: 'abi/graph-call-unpatched',
    anchor: i,
    key: 'ftrace_graph_call',
    message: `ftrace_graph_call ${placeOf(c, i)} is a patch site for \`b ftrace_graph_caller\`, but ${why}: \`${c.cfg.textOf(i)}\` at ${where(c.cfg, i).replace(/ \(.*$/, '')} stays as compiled and the graph tracer is never reached from here. Assemble it only under #ifdef CONFIG_FUNCTION_GRAPH_TRACER in the mcount/WITH_REGS arm.`,
    related: s.origin ? [{ i: -1, message: 'ftrace_graph_call defined here', origin: s.origin }] : [],
  });
}
