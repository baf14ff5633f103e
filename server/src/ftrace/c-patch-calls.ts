// Runtime patches in C: every ftrace_modify_code(pc, old, new, validate) and
// aarch64_insn_patch_text*() call, with the words it writes (folded when constant, else described
// from the aarch64_insn_gen_* call that builds them), whether the old word is validated, and
// whether old → new is a CMODX-safe pair. The checks on them:
//   ftrace/non-cmodx-patch          a runtime patch to or from a word outside B/BL/NOP/BRK/SVC/HVC/SMC
//   ftrace/unvalidated-patch        validate = false outside the two places the kernel writes blind
//                                   (ftrace_call; the mcount module-load path of ftrace_make_nop)
//   ftrace/callable-addr-mismatch   callsite BL words built from differently resolved addresses
//                                   (one through ftrace_find_callable_addr / a PLT, one not: a6253579977e)
import { evaluate } from './c-eval';
import { CContext, CLoc, hex8, lastAssignment, replaceFix, report, sourceOf, stripCasts, tokenIndex, tokensLoc } from './c-context';
import { Call, CallArg, FunctionDef, Token } from './c-scanner';
import { generator } from './insn-api';
import { cmodxSafe, describeWord } from './patch-sites';

export type PatchCallee = 'ftrace_modify_code' | 'aarch64_insn_patch_text_nosync' | 'aarch64_insn_patch_text';

const PATCH_CALLEES: ReadonlySet<string> = new Set<PatchCallee>(['ftrace_modify_code', 'aarch64_insn_patch_text_nosync', 'aarch64_insn_patch_text']);

/** Functions that run before the patched code can (MOV X9, LR and other non-CMODX words are fine there). */
const INIT_FUNCTIONS = new Set(['ftrace_init_nop', 'ftrace_call_init', 'ftrace_setup_lr_saver', 'module_init_ftrace_plt']);

/** Identifiers that mark an address as resolved for the callsite (PLT or callable-address lookup). */
const RESOLVER = /plt|trampoline|callable/i;

export interface PatchWord {
  readonly arg: CallArg;
  /** The folded word, when constant. */
  readonly word?: number;
  /** Decoded text of a constant word, else what the builder makes (`bl addr`), else the expression. */
  readonly text: string;
  /** Where the word comes from as written: the argument, or `name = value` before the call. */
  readonly from: string;
  /** The aarch64_insn_gen_* call that builds it. */
  readonly builder?: Call;
  /** Whether the word is one of B, BL, NOP, BRK, SVC, HVC, SMC (undefined: not known). */
  readonly safe?: boolean;
  /** For a gen_branch_imm builder: its target argument. */
  readonly target?: CallArg;
}

export interface PatchCall {
  readonly call: Call;
  readonly callee: PatchCallee;
  readonly pc: CallArg;
  readonly old?: PatchWord;
  readonly new?: PatchWord;
  readonly validateArg?: CallArg;
  /** null: the validate argument is not constant. */
  readonly validated: boolean | null;
  /** Why writing blind is what the kernel does at this site. */
  readonly blindOk?: string;
  /** In a function that runs before the code it patches can (ftrace_init_nop, __init …). */
  readonly init: boolean;
  /** The pc is a callsite (rec->ip). */
  readonly callsite: boolean;
}

export function isInitFunction(fn: FunctionDef | undefined): boolean {
  if (!fn) return false;
  return INIT_FUNCTIONS.has(fn.name) || fn.attributes.includes('__init') || fn.attributes.includes('__init_or_module');
}

/** The generator call inside a token span (the outermost one), from the scan's calls. */
function builderIn(ctx: CContext, toks: readonly Token[]): Call | undefined {
  if (!toks.length) return undefined;
  const from = toks[0].offset;
  const to = toks[toks.length - 1].end;
  let best: Call | undefined;
  for (const c of ctx.scan.calls) {
    if (c.name.offset < from || c.name.end > to || !generator(c.name.text)) continue;
    if (!best || c.name.offset < best.name.offset) best = c;
  }
  return best;
}

function resolveWord(ctx: CContext, call: Call, arg: CallArg): PatchWord {
  let value: readonly Token[] = arg.tokens;
  let from = arg.text;
  let word = arg.tokens.length ? evaluate(arg.tokens, ctx.env) : undefined;
  const id = arg.tokens.length === 1 && arg.tokens[0].kind === 'ident' ? arg.tokens[0].text : undefined;
  if (word === undefined && id) {
    const a = lastAssignment(ctx.scan, id, call.fn, call.name.offset);
    if (a && a.value.length) {
      value = a.value;
      from = `${id} = ${sourceOf(ctx, a.value)}`;
      word = evaluate(a.value, ctx.env);
    }
  }
  const builder = builderIn(ctx, value);
  const w = word === undefined ? undefined : Number(BigInt.asUintN(32, word));
  let text = w !== undefined ? describeWord(w) : from;
  let safe = w !== undefined ? cmodxSafe(w) : undefined;
  let target: CallArg | undefined;
  if (builder?.name.text === 'aarch64_insn_gen_branch_imm' && builder.args.length === 3) {
    const type = evaluate(builder.args[2].tokens, ctx.env);
    target = builder.args[1];
    // B or BL, or AARCH64_BREAK_FAULT when out of range: each is CMODX-safe
    if (type === 0n || type === 1n) {
      safe = true;
      if (w === undefined) text = `${type === 1n ? 'bl' : 'b'} ${builder.args[1].text}`;
    }
  } else if (builder?.name.text === 'aarch64_insn_gen_nop') safe = true;
  return { arg, ...(w !== undefined ? { word: w } : {}), text, from, ...(builder ? { builder } : {}), ...(safe !== undefined ? { safe } : {}), ...(target ? { target } : {}) };
}

/** Tokens of `if` conditions whose body holds token index `at`, innermost last. */
function guardsOf(ctx: CContext, fn: FunctionDef | undefined, at: number): (readonly Token[])[] {
  if (!fn) return [];
  const toks = ctx.scan.tokens;
  const pairs = ctx.scan.pairs;
  const out: (readonly Token[])[] = [];
  for (let k = fn.bodyStart + 1; k < at; k++) {
    if (toks[k].text !== 'if' || toks[k + 1]?.text !== '(') continue;
    const close = pairs[k + 1];
    if (close <= k + 1 || close >= at) continue;
    let end: number;
    if (toks[close + 1]?.text === '{') end = pairs[close + 1];
    else {
      end = close + 1;
      let d = 0;
      while (end < toks.length && end < fn.bodyEnd) {
        const t = toks[end].text;
        if (t === '(' || t === '[' || t === '{') d++;
        else if (t === ')' || t === ']' || t === '}') d--;
        else if (t === ';' && d <= 0) break;
        end++;
      }
    }
    if (at > close && at <= end) out.push(toks.slice(k + 2, close));
  }
  return out;
}

const mentions = (toks: readonly Token[], name: string) => toks.some((t) => t.kind === 'ident' && t.text === name);

/** The tokens a pc argument stands for: itself, and its value when it is a local. */
function pcTokens(ctx: CContext, call: Call, pc: CallArg): readonly Token[] {
  const core = stripCasts(pc.tokens);
  const id = core.length === 1 && core[0].kind === 'ident' ? core[0].text : undefined;
  const a = id ? lastAssignment(ctx.scan, id, call.fn, call.name.offset) : undefined;
  return a ? [...pc.tokens, ...a.value] : pc.tokens;
}

function isRecIp(toks: readonly Token[]): boolean {
  for (let i = 0; i + 2 < toks.length; i++) if (toks[i].text === 'rec' && (toks[i + 1].text === '->' || toks[i + 1].text === '.') && toks[i + 2].text === 'ip') return true;
  return false;
}

function blindReason(ctx: CContext, call: Call, pcToks: readonly Token[]): string | undefined {
  if (call.fn?.name === 'ftrace_update_ftrace_func' || mentions(pcToks, 'ftrace_call')) return 'ftrace_update_ftrace_func() writes ftrace_call blind (old = 0): nothing else patches that site';
  if (call.fn && /make_nop/.test(call.fn.name)) {
    const at = tokenIndex(ctx.scan, call.name);
    const guarded = guardsOf(ctx, call.fn, at).some((g) => g.some((t, i) => t.kind === 'ident' && t.text === 'mod' && g[i - 1]?.text !== '!'));
    if (guarded) return 'mcount module load: the callsite may still branch through a generic module PLT to _mcount, so the old word is not checked (8cfb08575c6d)';
  }
  return undefined;
}

/** Every runtime patch call of the file (macro bodies included). */
export function findPatchCalls(ctx: CContext): PatchCall[] {
  const out: PatchCall[] = [];
  for (const call of ctx.scan.calls) {
    const callee = call.name.text;
    if (!PATCH_CALLEES.has(callee)) continue;
    const args = call.args;
    if (callee === 'ftrace_modify_code') {
      if (args.length !== 4) continue;
      const [pc, oldArg, newArg, validateArg] = args;
      const v = validateArg.tokens.length ? evaluate(validateArg.tokens, ctx.env) : undefined;
      const validated = v === undefined ? null : v !== 0n;
      const pcToks = pcTokens(ctx, call, pc);
      out.push({
        call, callee, pc, validateArg, validated,
        ...(oldArg.tokens.length ? { old: resolveWord(ctx, call, oldArg) } : {}),
        ...(newArg.tokens.length ? { new: resolveWord(ctx, call, newArg) } : {}),
        ...(validated === false ? { blindOk: blindReason(ctx, call, pcToks) } : {}),
        init: isInitFunction(call.fn),
        callsite: isRecIp(pcToks),
      });
    } else if (args.length === (callee === 'aarch64_insn_patch_text' ? 3 : 2) && args.every((a) => a.tokens.length)) {
      const pcToks = pcTokens(ctx, call, args[0]);
      out.push({ call, callee: callee as PatchCallee, pc: args[0], new: resolveWord(ctx, call, args[1]), validated: false, init: isInitFunction(call.fn), callsite: isRecIp(pcToks) });
    }
  }
  return out;
}

/** Whether a branch target went through the callable-address / PLT resolution before `before`. */
function resolution(ctx: CContext, fn: FunctionDef | undefined, toks: readonly Token[], before: number, depth = 0): Token[] | undefined {
  const core = stripCasts(toks);
  const hit = core.find((t) => t.kind === 'ident' && RESOLVER.test(t.text));
  if (hit) return [hit];
  if (depth > 4 || core.length !== 1 || core[0].kind !== 'ident' || !fn) return undefined;
  const name = core[0].text;
  // ftrace_find_callable_addr(rec, mod, &addr) and the like
  for (const c of ctx.scan.calls) {
    if (c.fn !== fn || c.name.offset >= before || !RESOLVER.test(c.name.text)) continue;
    if (c.args.some((a) => a.tokens.length === 2 && a.tokens[0].text === '&' && a.tokens[1].text === name)) return [c.name];
  }
  const a = lastAssignment(ctx.scan, name, fn, before);
  return a ? resolution(ctx, fn, a.value, a.nameToken.offset, depth + 1) : undefined;
}

function checkCallableAddrs(ctx: CContext, calls: readonly PatchCall[]): void {
  interface Use { readonly call: PatchCall; readonly word: PatchWord; readonly via?: Token[] }
  const uses: Use[] = [];
  for (const p of calls) {
    if (!p.callsite || p.callee !== 'ftrace_modify_code') continue;
    for (const w of [p.old, p.new]) {
      if (!w?.target || !w.builder || w.builder.site || w.builder.inDefine) continue;
      if (evaluate(w.target.tokens, ctx.env) !== undefined) continue;
      uses.push({ call: p, word: w, via: resolution(ctx, p.call.fn, w.target.tokens, w.builder.name.offset) });
    }
  }
  const resolved = uses.filter((u) => u.via);
  if (!resolved.length) return;
  for (const u of uses) {
    if (u.via) continue;
    const same = resolved.find((r) => r.call === u.call) ?? resolved[0];
    const where = same.call === u.call ? 'the other word of this patch' : `the callsite word in ${same.call.call.fn?.name ?? 'another function'}`;
    const viaName = same.via![0].text;
    report(ctx, 'ftrace/callable-addr-mismatch',
      `'${u.word.target!.text}' goes into this callsite BL as given, but ${where} is built from an address resolved through ${viaName}: for a callsite out of BL range one word names the module PLT and the other the trampoline, so validation fails or a BRK is patched in (a6253579977e); resolve both the same way`,
      u.word.target!.tokens, undefined, [{ message: `resolved through ${viaName} here`, origin: { loc: tokensLoc(ctx, same.via!), stack: [] } }]);
  }
}

export function checkPatchCalls(ctx: CContext, calls: readonly PatchCall[]): void {
  for (const p of calls) {
    const name = p.callee;
    if (p.validateArg && p.validated === false && !p.blindOk && !p.init) {
      const zeroOld = p.old?.word === 0;
      report(ctx, 'ftrace/unvalidated-patch',
        `${name} writes without reading back the old word (validate = ${p.validateArg.text}): the kernel writes blind only at ftrace_call and on the mcount module-load path; elsewhere a validated write catches a site that holds something unexpected (ftrace_bug) instead of overwriting it`,
        p.validateArg.tokens, zeroOld ? [] : [replaceFix(ctx, p.validateArg, 'true', 'Validate the old word (validate = true)')]);
    }
    if (name === 'aarch64_insn_patch_text' || p.init || !p.new) continue;
    const nw = p.new.word !== undefined ? p.new : undefined;
    const od = p.old && p.validated !== false && p.old.word !== undefined ? p.old : undefined;
    if (!nw) continue;
    const badNew = p.new.safe === false;
    const badOld = od !== undefined && od.safe === false;
    if (!badNew && !badOld) continue;
    const show = (w: PatchWord) => `${hex8(w.word!)} (${describeWord(w.word!)})`;
    const pair = od ? `${show(od)} → ${show(nw)}` : `→ ${show(nw)}`;
    const at = badNew ? p.new.arg : od!.arg;
    report(ctx, 'ftrace/non-cmodx-patch',
      `runtime patch ${pair} is not a CMODX-safe pair: concurrent modification is only architecturally safe when old and new are each B, BL, NOP, BRK, SVC, HVC or SMC; write ${badNew ? 'this word' : 'such words'} only before the code can run (ftrace_init_nop) or under stop_machine`,
      at.tokens);
  }
  checkCallableAddrs(ctx, calls);
}

// --- annotations (code lenses, hover, the patch-site list) ----------------------------------------

export interface CPatchWord {
  readonly word?: number;
  readonly text: string;
  readonly from: string;
  /** The aarch64_insn_gen_* call that builds the word. */
  readonly builder?: { readonly generator: string; readonly loc: CLoc };
}

export interface CPatchAnnotation {
  readonly kind: 'patch';
  /** The call, from its name to its closing parenthesis. */
  readonly loc: CLoc;
  readonly callee: PatchCallee;
  /** The enclosing function. */
  readonly fn?: string;
  readonly pc: string;
  /** One line: `old → new` as words or texts. */
  readonly text: string;
  readonly old?: CPatchWord;
  readonly new?: CPatchWord;
  /** null when the validate argument is not constant. */
  readonly validated: boolean | null;
  /** Why a blind write is expected here. */
  readonly blind?: string;
  /** 'stop-machine': aarch64_insn_patch_text() stops the other CPUs, any pair is fine. */
  readonly cmodx: 'safe' | 'not-safe' | 'init-only' | 'stop-machine' | 'unknown';
}

function wordAnnotation(ctx: CContext, w: PatchWord): CPatchWord {
  const b = w.builder && !w.builder.site && w.builder.close ? { generator: w.builder.name.text, loc: tokensLoc(ctx, [w.builder.name, w.builder.close]) } : undefined;
  return { ...(w.word !== undefined ? { word: w.word } : {}), text: w.text, from: w.from, ...(b ? { builder: b } : {}) };
}

export function patchAnnotations(ctx: CContext, calls: readonly PatchCall[]): CPatchAnnotation[] {
  const out: CPatchAnnotation[] = [];
  for (const p of calls) {
    if (!p.call.close) continue;
    const considered = [p.new, p.validated !== false ? p.old : undefined].filter((w): w is PatchWord => w !== undefined);
    const anyBad = considered.some((w) => w.safe === false);
    const allSafe = considered.length > 0 && considered.every((w) => w.safe === true);
    const cmodx: CPatchAnnotation['cmodx'] = p.callee === 'aarch64_insn_patch_text' ? 'stop-machine' : anyBad ? (p.init ? 'init-only' : 'not-safe') : allSafe ? 'safe' : 'unknown';
    const show = (w: PatchWord | undefined) => (!w ? '?' : w.word !== undefined ? `${hex8(w.word).slice(2)} ${w.text}` : w.text);
    const text = p.callee === 'ftrace_modify_code' && p.validated !== false ? `${show(p.old)} → ${show(p.new)}` : `→ ${show(p.new)}`;
    out.push({
      kind: 'patch',
      loc: tokensLoc(ctx, [p.call.name, p.call.close]),
      text,
      callee: p.callee,
      ...(p.call.fn ? { fn: p.call.fn.name } : {}),
      pc: p.pc.text,
      ...(p.old ? { old: wordAnnotation(ctx, p.old) } : {}),
      ...(p.new ? { new: wordAnnotation(ctx, p.new) } : {}),
      validated: p.validated,
      ...(p.blindOk ? { blind: p.blindOk } : {}),
      cmodx,
    });
  }
  return out;
}
