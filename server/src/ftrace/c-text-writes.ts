// Instruction stores into text at runtime, outside the patching helpers:
//   ftrace/direct-text-write          a store through a kernel-text address (`*(u32 *)pc = insn`,
//                                     memcpy to rec->ip …): kernel text is mapped read-only, and the
//                                     helpers (aarch64_insn_patch_text_nosync, ftrace_modify_code)
//                                     write through the fixmap alias and do the cache maintenance
//   ftrace/missing-cache-maintenance  instruction words stored into a module PLT / ftrace trampoline
//                                     (struct plt_entry, mod->arch.ftrace_trampoline) or written with
//                                     aarch64_insn_write(), with no flush_icache_range /
//                                     caches_clean_inval_pou after it in the function (b6143d10d23e)
// Only functions that run while the code may execute are checked: those that patch (call a
// patching helper), the ftrace operations, and the file's functions they call — not init code and
// not the module loader's relocation paths, after which the loader flushes the I-cache itself.
// aarch64_insn_write_literal_u64 writes data (the CALL_OPS literal) and needs no maintenance.
import { CContext, report, sourceOf, tokenIndex } from './c-context';
import { Call, FunctionDef, Token } from './c-scanner';
import { isInitFunction } from './c-patch-calls';

const PATCH_HELPERS = new Set(['ftrace_modify_code', 'aarch64_insn_patch_text_nosync', 'aarch64_insn_patch_text', 'aarch64_insn_write', 'aarch64_insn_write_literal_u64', 'aarch64_insn_copy', 'aarch64_insn_set']);
const RUNTIME_OPS = new Set(['ftrace_make_call', 'ftrace_make_nop', 'ftrace_modify_call', 'ftrace_update_ftrace_func', 'ftrace_modify_graph_caller', 'arch_ftrace_update_code', 'ftrace_rec_set_ops', 'ftrace_rec_update_ops', 'arch_ftrace_update_trampoline', 'install_ftrace_trampoline']);
const MAINTENANCE = new Set(['flush_icache_range', '__flush_icache_range', 'caches_clean_inval_pou', '__flush_icache_all', 'flush_icache_all', 'icache_inval_all_pou', 'caches_clean_inval_user_pou', 'flush_module_icache', 'flush_icache_user_range']);
const COPIES = new Set(['memcpy', '__memcpy', 'memmove', 'memcpy_toio']);
/** Identifiers naming kernel text a patch site lives in. */
const KERNEL_TEXT = new Set(['ftrace_call', 'ftrace_graph_call', '_text', '_stext', 'ftrace_caller', 'ftrace_regs_caller']);
/** Where module PLTs and ftrace trampolines (instruction words) come from; other `plt`s (the BPF JIT's) hold data. */
const PLT_SOURCES = new Set(['ftrace_trampoline', 'ftrace_trampolines', 'init_ftrace_trampolines', 'get_ftrace_plt']);

/** kernel-text: must go through a patching helper; needs-flush: module text, needs I-cache maintenance. */
type Dest = 'kernel-text' | 'needs-flush' | undefined;

function isOperand(t: Token | undefined): boolean {
  return !!t && (t.kind === 'ident' || t.kind === 'number' || t.text === ')' || t.text === ']');
}

function runtimeFunctions(ctx: CContext): Set<FunctionDef> {
  const byName = new Map(ctx.scan.functions.map((f) => [f.name, f]));
  const calls = new Map<FunctionDef, Call[]>();
  for (const c of ctx.scan.calls) if (c.fn && !c.inDefine) (calls.get(c.fn) ?? calls.set(c.fn, []).get(c.fn)!).push(c);
  const out = new Set<FunctionDef>();
  const work: FunctionDef[] = [];
  for (const f of ctx.scan.functions) {
    if (isInitFunction(f)) continue;
    if (RUNTIME_OPS.has(f.name) || (calls.get(f) ?? []).some((c) => PATCH_HELPERS.has(c.name.text))) {
      out.add(f);
      work.push(f);
    }
  }
  // the file's functions they call run then too (bounded: each function enters once)
  while (work.length) {
    const f = work.pop()!;
    for (const c of calls.get(f) ?? []) {
      const g = byName.get(c.name.text);
      if (g && !out.has(g) && !isInitFunction(g)) {
        out.add(g);
        work.push(g);
      }
    }
  }
  return out;
}

/** What one function declares and assigns, indexed once (stores ask per name). */
interface FnIndex {
  readonly fn: FunctionDef;
  /** Names declared `struct plt_entry *name` (parameters and locals). */
  readonly pltPointers: ReadonlySet<string>;
  readonly assignments: ReadonlyMap<string, CContext['scan']['assignments'][number][]>;
}

function indexFunction(ctx: CContext, fn: FunctionDef): FnIndex {
  const toks = ctx.scan.tokens;
  const pltPointers = new Set<string>();
  const from = Math.max(0, tokenIndex(ctx.scan, fn.nameToken));
  for (let k = from; k + 2 <= fn.bodyEnd && k + 2 < toks.length; k++) {
    if (toks[k].text === 'plt_entry' && toks[k + 1].text === '*' && toks[k + 2].kind === 'ident') pltPointers.add(toks[k + 2].text);
  }
  const assignments = new Map<string, CContext['scan']['assignments'][number][]>();
  for (const a of ctx.scan.assignments) if (a.fn === fn) (assignments.get(a.name) ?? assignments.set(a.name, []).get(a.name)!).push(a);
  return { fn, pltPointers, assignments };
}

/** What a pointer expression (tokens of an lvalue's base) points into. */
function destOf(ctx: FnIndex, toks: readonly Token[], castDeref: boolean, depth = 0): Dest {
  for (let i = 0; i + 2 < toks.length; i++) if (toks[i].text === 'rec' && toks[i + 1].text === '->' && toks[i + 2].text === 'ip') return 'kernel-text';
  if (toks.some((t) => t.kind === 'ident' && KERNEL_TEXT.has(t.text))) return 'kernel-text';
  if (toks.some((t) => t.kind === 'ident' && PLT_SOURCES.has(t.text))) return 'needs-flush';
  const ids = toks.filter((t) => t.kind === 'ident');
  if (ids.length !== 1 || depth > 3) return undefined;
  const name = ids[0].text;
  // declared `struct plt_entry *name` (a parameter or a local)
  if (ctx.pltPointers.has(name)) return 'needs-flush';
  // the value it was given before the store
  let best: CContext['scan']['assignments'][number] | undefined;
  for (const a of ctx.assignments.get(name) ?? []) if (a.nameToken.offset < toks[0].offset && (!best || a.nameToken.offset > best.nameToken.offset)) best = a;
  if (best) {
    const d = destOf(ctx, best.value, castDeref, depth + 1);
    if (d) return d;
  }
  // `*(u32 *)pc = …`: an integer code address stored through
  if (castDeref && /^(pc|ip|addr_pc)$/.test(name)) return 'kernel-text';
  return undefined;
}

interface Store {
  readonly at: readonly Token[];
  readonly dest: Exclude<Dest, undefined>;
  readonly end: number;
}

/** Stores `*P = v`, `*(T *)E = v`, `P->f = v`, `P[i] = v` into text in one function. */
function assignmentStores(ctx: CContext, ix: FnIndex): Store[] {
  const fn = ix.fn;
  const toks = ctx.scan.tokens;
  const pairs = ctx.scan.pairs;
  const out: Store[] = [];
  for (let k = fn.bodyStart + 1; k < fn.bodyEnd; k++) {
    if (toks[k].text !== '=') continue;
    // the postfix chain before '=': ident ( ('->'|'.') ident | '[' … ']' )*
    const e = k - 1;
    let s = e;
    let member = false;
    for (let n = 0; n < 64 && s > fn.bodyStart; n++) {
      if (toks[s].text === ']' && pairs[s] > fn.bodyStart) {
        member = true;
        s = pairs[s] - 1;
        continue;
      }
      if (toks[s].kind === 'ident' && (toks[s - 1]?.text === '->' || toks[s - 1]?.text === '.')) {
        member = true;
        s -= 2;
        continue;
      }
      break;
    }
    if (toks[s].kind !== 'ident') continue;
    let p = s - 1;
    let cast = false;
    if (toks[p]?.text === ')' && pairs[p] > 0) {
      const j = pairs[p];
      const inner = toks.slice(j + 1, p);
      if (inner.length && inner.some((t) => t.text === '*') && inner.every((t) => t.kind === 'ident' || t.text === '*')) {
        cast = true;
        p = j - 1;
      }
    }
    const deref = toks[p]?.text === '*' && !isOperand(toks[p - 1]);
    if (!deref && !member) continue;
    if (cast && !deref) continue;
    const base = deref ? toks.slice(s, e + 1) : [toks[s]];
    const dest = destOf(ix, base, cast && deref);
    if (!dest) continue;
    out.push({ at: toks.slice(deref ? p : s, e + 1), dest, end: toks[k].offset });
  }
  return out;
}

function callStores(ctx: CContext, ix: FnIndex, calls: readonly Call[]): Store[] {
  const fn = ix.fn;
  const out: Store[] = [];
  for (const c of calls) {
    const name = c.name.text;
    if (!c.close || !c.args.length || !c.args[0].tokens.length) continue;
    let dst = c.args[0].tokens;
    if (COPIES.has(name) || name === 'WRITE_ONCE') {
      if (name === 'WRITE_ONCE') {
        if (dst[0].text !== '*' && !dst.some((t) => t.text === '->' || t.text === '[')) continue;
        if (dst[0].text === '*') dst = dst.slice(1);
      }
      const deref = dst.filter((t) => t.text !== '&' && t.text !== '(' && t.text !== ')');
      const dest = destOf(ix, deref, true);
      if (dest) out.push({ at: [c.name, c.close], dest, end: c.close.end });
    } else if (name === 'aarch64_insn_write') {
      // `return aarch64_insn_write(…)` hands the maintenance to the caller (kgdb's core flushes);
      // the ftrace operations' caller does not
      const returned = ctx.scan.tokens[tokenIndex(ctx.scan, c.name) - 1]?.text === 'return';
      if (!returned || RUNTIME_OPS.has(fn.name)) out.push({ at: [c.name, c.close], dest: 'needs-flush', end: c.close.end });
    }
  }
  return out;
}

export function checkTextWrites(ctx: CContext): void {
  const runtime = runtimeFunctions(ctx);
  if (!runtime.size) return;
  const callsOf = new Map<FunctionDef, Call[]>();
  for (const c of ctx.scan.calls) if (c.fn && !c.inDefine && runtime.has(c.fn)) (callsOf.get(c.fn) ?? callsOf.set(c.fn, []).get(c.fn)!).push(c);
  for (const fn of runtime) {
    const calls = callsOf.get(fn) ?? [];
    const ix = indexFunction(ctx, fn);
    for (const st of [...assignmentStores(ctx, ix), ...callStores(ctx, ix, calls)]) {
      const what = sourceOf(ctx, st.at);
      if (st.dest === 'kernel-text') {
        report(ctx, 'ftrace/direct-text-write',
          `${what} stores into kernel text directly: the text is mapped read-only, and the store skips the I-cache maintenance; write instructions with aarch64_insn_patch_text_nosync() (or ftrace_modify_code()), which go through the fixmap alias and clean and invalidate to the PoU`,
          st.at);
        continue;
      }
      const flushed = calls.some((c) => c.name.offset > st.end && MAINTENANCE.has(c.name.text));
      if (flushed) continue;
      const via = st.at[0].text === 'aarch64_insn_write' ? 'aarch64_insn_write() does no I-cache maintenance' : 'these are instruction words in module text';
      report(ctx, 'ftrace/missing-cache-maintenance',
        `${what} writes instructions at runtime with no flush_icache_range()/caches_clean_inval_pou() after it in ${fn.name}(): ${via}, so a CPU may fetch the stale ones (b6143d10d23e); use aarch64_insn_patch_text_nosync()/aarch64_insn_copy() or clean the range before patching in the branch to it`,
        st.at);
    }
  }
}
