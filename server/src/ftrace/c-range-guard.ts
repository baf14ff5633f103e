// ftrace/branch-range-form: range guards in C for the PC-relative forms. A branch reaches when
// target - pc lies in [-range, range) (range = SZ_128M for B/BL, SZ_1M for B.cond/CBZ/ADR/LDR
// literal, SZ_32K for TBZ). Two historical mistakes are flagged:
//   - the offset computed backwards, `pc - addr` (3eefdf9d1e40: permitted a forward branch of
//     128M, which gen_branch_imm then turned into a BRK, and rejected a backward one);
//   - an off-by-one bound: `offset <= SZ_128M` / `offset > SZ_128M` lets +range through,
//     `offset > -SZ_128M` / `offset <= -SZ_128M` turns -range away.
// A guard is recognised only when its constant is exactly ±range and the other side is an address
// difference (or a local assigned one, or a variable named like an offset), with operands named like
// a pc (pc, ip, rec->ip, place …) and a target (addr, target, plt …). Each finding has a fix.
import { evaluate } from './c-eval';
import { CContext, lastAssignment, replaceTokens, report, sourceOf, stripCasts } from './c-context';
import { FunctionDef, Token } from './c-scanner';
import { BRANCH_RANGES } from './branch-range';

const RANGES: ReadonlySet<bigint> = new Set(Object.entries(BRANCH_RANGES).filter(([k]) => k !== 'adrp').map(([, v]) => v));
const RANGE_NAME = new Map<bigint, { readonly name: string; readonly forms: string }>([
  [1n << 27n, { name: 'SZ_128M', forms: 'B/BL' }],
  [1n << 20n, { name: 'SZ_1M', forms: 'B.cond, CBZ, ADR, LDR literal' }],
  [1n << 15n, { name: 'SZ_32K', forms: 'TBZ' }],
]);

const PC_NAMES = /^(pc|ip|loc|place|insn_addr|callsite|site|patch_addr|addr_pc|from|caller_addr)$/i;
const TARGET_NAMES = /^(addr|target|tgt|dest|dst|destination|to|tramp|trampoline|plt|func|callee|ftrace_addr|old_addr|new_addr|sym_addr|val|entry|caller)$|_addr$|addr$/i;
const OFFSET_NAMES = /^(off|offset|delta|diff|dist|distance|disp|displacement|imm|branch_offset)$/i;

const RELATIONAL = new Set(['<', '<=', '>', '>=']);
/** Operators binding looser than a relational one: they end an operand. */
const STOP = new Set(['&&', '||', '?', ':', ',', ';', '=', '==', '!=', '&', '|', '^', '{', '}', 'return', 'case', '<', '<=', '>', '>=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=']);

const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function leftOperand(toks: readonly Token[], i: number, lo: number): [number, number] {
  let d = 0;
  let k = i - 1;
  for (; k > lo; k--) {
    const t = toks[k].text;
    if (t === ')' || t === ']') d++;
    else if (t === '(' || t === '[') {
      if (d === 0) break;
      d--;
    } else if (d === 0 && STOP.has(t)) break;
  }
  return [k + 1, i];
}

function rightOperand(toks: readonly Token[], i: number, hi: number): [number, number] {
  let d = 0;
  let k = i + 1;
  for (; k < hi; k++) {
    const t = toks[k].text;
    if (t === '(' || t === '[') d++;
    else if (t === ')' || t === ']') {
      if (d === 0) break;
      d--;
    } else if (d === 0 && STOP.has(t)) break;
  }
  return [i + 1, k];
}

type Split = { a: readonly Token[]; b: readonly Token[] } | 'none' | 'other';

/** Splits at the top-level binary minus: 'none' without an additive operator, 'other' for `+` or several. */
function splitMinus(core: readonly Token[]): Split {
  let d = 0;
  let at = -1;
  for (let i = 0; i < core.length; i++) {
    const t = core[i].text;
    if (t === '(' || t === '[') d++;
    else if (t === ')' || t === ']') d--;
    else if (d === 0 && (t === '-' || t === '+') && i > 0) {
      const prev = core[i - 1];
      const binary = prev.kind === 'ident' || prev.kind === 'number' || prev.text === ')' || prev.text === ']';
      if (!binary) continue;
      if (t === '+' || at >= 0) return 'other';
      at = i;
    }
  }
  if (at < 0) return 'none';
  if (at === 0 || at >= core.length - 1) return 'other';
  return { a: core.slice(0, at), b: core.slice(at + 1) };
}

/** The whole operand is in one pair of parentheses. */
function wrapped(t: readonly Token[]): boolean {
  if (t.length < 2 || t[0].text !== '(' || t[t.length - 1].text !== ')') return false;
  let d = 0;
  for (let i = 0; i < t.length - 1; i++) {
    if (t[i].text === '(') d++;
    else if (t[i].text === ')' && --d === 0) return false;
  }
  return true;
}

/** `A - B` as an operand: `(long)pc - (long)addr`, `(long)(addr - pc)`, `((addr) - pc)`. */
function subtraction(toks: readonly Token[]): { a: readonly Token[]; b: readonly Token[] } | undefined {
  let t = toks;
  for (let n = 0; n < 8 && t.length; n++) {
    while (wrapped(t)) t = t.slice(1, -1);
    const s = splitMinus(t);
    if (s === 'other') return undefined;
    if (s !== 'none') return s;
    const u = stripCasts(t);
    if (u === t || u.length === t.length) return undefined;
    t = u;
  }
  return undefined;
}

/** The name an address operand is known by: `(long)rec->ip` → 'ip', `(unsigned long)&plt[0]` → 'plt'. */
function operandName(toks: readonly Token[]): string | undefined {
  const core = stripCasts(toks).filter((t) => t.text !== '&' && t.text !== '*');
  const ids = core.filter((t) => t.kind === 'ident');
  if (!ids.length || core.some((t) => t.text === '(')) return undefined;
  // a member chain names its last member; an index expression its array
  const bracket = core.findIndex((t) => t.text === '[');
  return bracket > 0 ? core[bracket - 1].text : ids[ids.length - 1].text;
}

type Role = 'pc' | 'target' | undefined;
const roleOf = (toks: readonly Token[]): Role => {
  const n = operandName(toks);
  if (!n) return undefined;
  if (PC_NAMES.test(n)) return 'pc';
  if (TARGET_NAMES.test(n)) return 'target';
  return undefined;
};

interface Offset {
  /** The subtraction's operands, when the offset is one. */
  readonly sub?: { readonly a: readonly Token[]; readonly b: readonly Token[] };
}

/** What the non-constant side of a guard is: an address difference, a local assigned one, or an offset-named variable. */
function offsetOf(ctx: CContext, fn: FunctionDef | undefined, side: readonly Token[]): Offset | undefined {
  const sub = subtraction(side);
  if (sub) {
    const ra = roleOf(sub.a);
    const rb = roleOf(sub.b);
    return ra || rb ? { sub } : undefined;
  }
  const core = stripCasts(side);
  if (core.length !== 1 || core[0].kind !== 'ident') return undefined;
  const a = lastAssignment(ctx.scan, core[0].text, fn, core[0].offset);
  const s = a ? subtraction(a.value) : undefined;
  if (s && (roleOf(s.a) || roleOf(s.b))) return { sub: s };
  return OFFSET_NAMES.test(core[0].text) ? {} : undefined;
}

export function checkRangeGuards(ctx: CContext): void {
  const toks = ctx.scan.tokens;
  const reversed = new Set<number>();
  for (const fn of ctx.scan.functions) {
    const lo = fn.bodyStart;
    const hi = Math.min(fn.bodyEnd, toks.length);
    for (let i = lo + 1; i < hi; i++) {
      const op = toks[i];
      if (op.kind !== 'punct' || !RELATIONAL.has(op.text)) continue;
      const [ls, le] = leftOperand(toks, i, lo);
      const [rs, re] = rightOperand(toks, i, hi);
      if (ls >= le || rs >= re) continue;
      const left = toks.slice(ls, le);
      const right = toks.slice(rs, re);
      const lv = evaluate(left, ctx.env);
      const rv = evaluate(right, ctx.env);
      // normalise to `offset OP bound`
      const [side, bound, opText] = rv !== undefined && lv === undefined ? [left, rv, op.text] : lv !== undefined && rv === undefined ? [right, lv, FLIP[op.text]] : [undefined, 0n, ''];
      if (!side) continue;
      const range = bound < 0n ? -bound : bound;
      if (!RANGES.has(range)) continue;
      const r = RANGE_NAME.get(range)!;
      const off = offsetOf(ctx, fn, side);
      if (!off) continue;

      if (off.sub && roleOf(off.sub.a) === 'pc' && roleOf(off.sub.b) === 'target') {
        const { a, b } = off.sub;
        if (!reversed.has(a[0].offset)) {
          reversed.add(a[0].offset);
          const at = [a[0], b[b.length - 1]];
          report(ctx, 'ftrace/branch-range-form',
            `the branch offset is computed backwards: ${sourceOf(ctx, at)} is pc - target, but a ${r.forms} reaches when target - pc lies in [-${r.name}, ${r.name}): this form lets a forward branch of exactly the range through (gen_branch_imm then returns a BRK that gets patched in) and rejects the backward one (3eefdf9d1e40)`,
            at, [{ title: 'Compute the offset as target - pc', edits: [replaceTokens(ctx, a, sourceOf(ctx, b), '').edits[0], replaceTokens(ctx, b, sourceOf(ctx, a), '').edits[0]] }]);
        }
        continue;
      }
      // off-by-one bounds: valid offsets are [-range, range)
      const fixed = bound > 0n ? (opText === '<=' ? '<' : opText === '>' ? '>=' : undefined) : opText === '>' ? '>=' : opText === '<=' ? '<' : undefined;
      if (!fixed) continue;
      const writtenFixed = side === left ? fixed : FLIP[fixed];
      const whole = toks.slice(ls, re);
      const newText = ctx.text.slice(toks[ls].offset, op.offset) + writtenFixed + ctx.text.slice(op.end, toks[re - 1].end);
      const what = bound > 0n
        ? `lets an offset of exactly +${r.name} through, which ${r.forms} cannot encode (the generator returns AARCH64_BREAK_FAULT or a wrong offset)`
        : `turns away an offset of exactly -${r.name}, which ${r.forms} reaches`;
      report(ctx, 'ftrace/branch-range-form',
        `off-by-one range bound: ${sourceOf(ctx, whole)} ${what}; a branch reaches when -${r.name} <= target - pc < ${r.name}`,
        whole, [replaceTokens(ctx, whole, newText, `Use '${writtenFixed}'`)]);
    }
  }
}
