// The C-side checks: calls of the kernel's aarch64_insn_gen_* API (insn-api.ts) whose arguments do
// not mean what they say, constant calls the generator would turn into AARCH64_BREAK_FAULT or a
// silently wrong word, and runtime patches (ftrace_modify_code, aarch64_insn_patch_text_nosync)
// that are not CMODX-safe or not validated. Each diagnostic sits on the offending argument, and a
// quick-fix replaces exactly that argument's text.
import { Diagnostic, Fix, TextEdit } from '../asm/types';
import { decodeText } from '../isa';
import { ArgClass, classifyArg, evaluate, parseCInt } from './c-eval';
import { Call, CallArg, ScanResult, Token, expandMacros, findCalls, scanC } from './c-scanner';
import { defaultEra } from './eras';
import { CContext, CLoc, editLoc, hex8, identOf, replaceFix, report, tokensLoc } from './c-context';
import { EnumMember, GenParam, Generator, enumFamily, generator, generatorPresent, prototype, validMembers } from './insn-api';
import { GenResult, emulate, isEmulateError } from './insn-gen';
import { KernelVersion, eraVersion, resolveVersion, versionText } from './kernel-version';
import { CPatchAnnotation, checkPatchCalls, findPatchCalls, patchAnnotations } from './c-patch-calls';
import { checkRangeGuards } from './c-range-guard';
import { checkTextWrites } from './c-text-writes';
import { KconfigSymbols, builtinKconfigSymbols, checkKconfigSymbols } from './kconfig-symbols';

export interface CCheckOptions {
  /** Era name of eras.ts or a kernel version ('6.12', '5.10'); default: the default era. */
  readonly version?: KernelVersion | string;
  /** Check even when the file is not under arch/arm64/ and does not include asm/insn.h. */
  readonly force?: boolean;
  /** The text's scan when the caller already has it (the driver scans a C document once). */
  readonly scan?: ScanResult;
  /** More headers whose inclusion makes a file subject to the checks. */
  readonly headers?: readonly string[];
  /** CONFIG_ARM64_LSE_ATOMICS (default on). */
  readonly lse?: boolean;
  /** Kconfig symbols for kconfig/unknown-symbol (default: the built-in partial list). */
  readonly kconfigSymbols?: KconfigSymbols;
  /** The generators the kernel tree's asm/insn.h declares (insn-api.ts declaredGenerators): they override the version table. */
  readonly declaredGenerators?: ReadonlySet<string>;
}

const DEFAULT_HEADERS = ['asm/insn.h', 'asm/insn-def.h', 'asm/patching.h'];

function versionOf(o: CCheckOptions): KernelVersion {
  if (typeof o.version === 'number') return o.version;
  if (typeof o.version === 'string') {
    const v = resolveVersion(o.version);
    if (v !== undefined) return v;
  }
  return eraVersion(defaultEra());
}

/** True when the checks apply to a file: under arch/arm64/, or it includes asm/insn.h (or `headers`). */
export function cCheckApplies(text: string, file: string, opts: CCheckOptions = {}, scan?: ScanResult): boolean {
  if (opts.force) return true;
  if (/(^|[\\/])arch[\\/]arm64[\\/]/.test(file)) return true;
  const headers = [...DEFAULT_HEADERS, ...(opts.headers ?? [])];
  const s = scan ?? scanC(text);
  return s.includes.some((i) => headers.includes(i.path));
}

// --- ranges and fixes ---------------------------------------------------------------------------

type Ctx = CContext & { readonly declared?: ReadonlySet<string> };

/** Tokens written at the current macro invocation (so a diagnostic and a fix can sit on them). */
function atUseSite(ctx: Ctx, toks: readonly Token[]): boolean {
  if (!ctx.site) return true;
  const { name, end } = ctx.site;
  return toks.every((t) => t.offset >= name.offset && t.end <= end.end && ctx.text.slice(t.offset, t.end) === t.text);
}

const argLoc = tokensLoc;
const diag = report;

// --- parameter semantics ------------------------------------------------------------------------

/** What register 31 means in a register parameter, given the call's other constant arguments. */
function r31Role(g: Generator, p: GenParam, classes: readonly ArgClass[]): 'sp' | 'zr' {
  const typeIdx = g.params.findIndex((q) => q.name === 'type');
  const typeVal = typeIdx >= 0 ? constValue(classes[typeIdx]) : undefined;
  if (g.name === 'aarch64_insn_gen_add_sub_imm' && p.name === 'dst' && (typeVal === 2n || typeVal === 3n)) return 'zr';
  if (g.name === 'aarch64_insn_gen_logical_immediate' && p.name === 'Rd' && typeVal === 6n) return 'zr';
  return p.r31 ?? 'zr';
}

function constValue(c: ArgClass | undefined): bigint | undefined {
  if (!c) return undefined;
  if (c.kind === 'expr') return c.value;
  return c.value;
}

function shortName(m: string, familyId: string): string {
  return m.slice(enumFamily(familyId).prefix.length);
}

/** Members of the parameter's family with a value, the generator's valid ones first. */
function candidates(p: GenParam, value: bigint, v: KernelVersion, role?: 'sp' | 'zr'): EnumMember[] {
  const fam = enumFamily(p.enum!);
  let ms = fam.members(v).filter((m) => BigInt(m.value) === value);
  if (p.enum === 'register') {
    if (value === 31n) ms = ms.filter((m) => m.name === (role === 'sp' ? 'AARCH64_INSN_REG_SP' : 'AARCH64_INSN_REG_ZR'));
    else ms = ms.filter((m) => /_\d+$/.test(m.name));
  }
  const valid = validMembers(p, v);
  if (valid) {
    const good = ms.filter((m) => valid.includes(m.name));
    if (good.length) return good;
  }
  return ms;
}

/** A foreign constant that stands for an unambiguous member of the expected family. */
function intended(p: GenParam, c: ArgClass, v: KernelVersion): string | undefined {
  const fam = enumFamily(p.enum!);
  const has = (short: string) => fam.members(v).some((m) => m.name === fam.prefix + short);
  if (c.kind === 'named' && c.name === 'AARCH64_INSN_SIZE' && p.enum === 'size_type') return fam.prefix + '32';
  if (c.kind !== 'enum') return undefined;
  const from = c.info.family.id;
  const short = c.name.slice(c.info.family.prefix.length);
  if (p.enum === 'size_type' && from === 'variant') return short === '64BIT' ? fam.prefix + '64' : short === '32BIT' ? fam.prefix + '32' : undefined;
  if (p.enum === 'variant' && from === 'size_type') return short === '64' ? fam.prefix + '64BIT' : short === '32' ? fam.prefix + '32BIT' : undefined;
  if (has(short)) {
    const valid = validMembers(p, v);
    if (!valid || valid.includes(fam.prefix + short)) return fam.prefix + short;
  }
  return undefined;
}

// --- argument-order traps -----------------------------------------------------------------------

const DST_NAME = /^(dst|rd|dest|d|out|result|reg_?d|tgt|target)$|dst|_rd$/i;
const SRC_NAME = /^(src|rn|n|in|source|reg_?n)$|src|_rn$/i;
const ACC_NAME = /^(ra|acc|accum|addend)$|_ra$|acc/i;

function isFamily(c: ArgClass, family: string): boolean {
  return c.kind === 'enum' && c.info.family.id === family;
}

function isZr(c: ArgClass, arg: CallArg): boolean {
  if (c.kind === 'enum' && (c.name === 'AARCH64_INSN_REG_ZR' || c.name === 'AARCH64_INSN_REG_SP')) return true;
  const id = identOf(arg);
  return id !== undefined && /(^|_)(zr|xzr|ZR|XZR)$/.test(id);
}

/** Returns the permutation (new position → old position) that a trap suggests, with a reason. */
function orderTrap(g: Generator, args: readonly CallArg[], cls: readonly ArgClass[]): { perm: number[]; why: string } | undefined {
  switch (g.name) {
    case 'aarch64_insn_gen_logical_immediate': {
      // written like the other generators: (Rd, Rn, imm, variant, type)
      if (isFamily(cls[3], 'variant') && isFamily(cls[4], 'logic_type'))
        return { perm: [4, 3, 1, 0, 2], why: 'aarch64_insn_gen_logical_immediate takes (type, variant, Rn, Rd, imm): the type and variant come first, and Rn before Rd' };
      const a2 = identOf(args[2]), a3 = identOf(args[3]);
      if (a2 && a3 && (DST_NAME.test(a2) || SRC_NAME.test(a3)) && !(DST_NAME.test(a3) || SRC_NAME.test(a2)))
        return { perm: [0, 1, 3, 2, 4], why: `aarch64_insn_gen_logical_immediate takes Rn before Rd: '${a2}' is passed as the source and '${a3}' as the destination` };
      return undefined;
    }
    case 'aarch64_insn_gen_extr': {
      // written in assembly order: (Rd, Rn, Rm, lsb, variant)
      if (isFamily(cls[4], 'variant') && !isFamily(cls[0], 'variant'))
        return { perm: [4, 2, 1, 0, 3], why: 'aarch64_insn_gen_extr takes (variant, Rm, Rn, Rd, lsb): the variant comes first and the destination last' };
      const a1 = identOf(args[1]), a3 = identOf(args[3]);
      if (a1 && a3 && DST_NAME.test(a1) && !DST_NAME.test(a3))
        return { perm: [0, 3, 2, 1, 4], why: `aarch64_insn_gen_extr takes (variant, Rm, Rn, Rd, lsb): '${a1}' is passed as Rm, the destination goes last` };
      return undefined;
    }
    case 'aarch64_insn_gen_data3': {
      // written in assembly order: (Rd, Rn, Rm, Ra): the accumulator last
      const a1 = identOf(args[1]), a3 = identOf(args[3]);
      const accLast = isZr(cls[3], args[3]) || (a3 !== undefined && ACC_NAME.test(a3));
      const accFirst = isZr(cls[1], args[1]) || (a1 !== undefined && ACC_NAME.test(a1));
      if (accLast && !accFirst)
        return { perm: [0, 3, 1, 2, 4, 5], why: `aarch64_insn_gen_data3 takes (dst, src, reg1, reg2, …) with src as Ra, the addend: '${args[3].text}' looks like the addend but is passed as Rm` };
      return undefined;
    }
  }
  return undefined;
}

// --- the checks ---------------------------------------------------------------------------------

function checkGeneratorCall(ctx: Ctx, call: Call, g: Generator): void {
  const v = ctx.version;
  const args = call.args;
  if (!generatorPresent(g, v, ctx.declared) && !ctx.site) {
    const about = g.approx ? ' (about)' : '';
    const when = ctx.declared ? "is not declared in the kernel tree's asm/insn.h" : g.outOfTree ? 'is not in mainline (vendor/BPF trees only)' : g.since && v < g.since ? `was added in ${versionText(g.since)}${about}` : `was removed in ${versionText(g.until!)}${about}`;
    diag(ctx, 'insn/not-in-era', `${g.name} ${when}; the selected kernel is ${versionText(v)}`, [call.name]);
  }
  if (args.length !== g.params.length || args.some((a) => a.tokens.length === 0)) return;
  const cls = args.map((a) => classifyArg(a.tokens, ctx.env));
  const flagged = new Set<number>();

  const trap = orderTrap(g, args, cls);
  if (trap && trap.perm.every((from, to) => from === to || (atUseSite(ctx, args[from].tokens) && atUseSite(ctx, args[to].tokens)))) {
    const edits: TextEdit[] = [];
    trap.perm.forEach((from, to) => {
      if (from !== to) edits.push({ loc: editLoc(ctx, args[to].tokens), newText: args[from].text });
    });
    const first = trap.perm.findIndex((from, to) => from !== to);
    diag(ctx, 'insn/argument-order', trap.why, args[first].tokens, [{ title: `Reorder the arguments of ${g.name}`, edits }]);
    trap.perm.forEach((from, to) => from !== to && flagged.add(to));
  }

  g.params.forEach((p, i) => {
    if (flagged.has(i) || !atUseSite(ctx, args[i].tokens)) return;
    const c = cls[i];
    const arg = args[i];
    if (p.kind === 'enum') {
      const fam = enumFamily(p.enum!);
      const role = p.enum === 'register' ? r31Role(g, p, cls) : undefined;
      if (c.kind === 'bool' || c.kind === 'int') {
        const cands = candidates(p, c.value, v, role);
        const what = c.kind === 'bool' ? `'${c.literal}'` : arg.tokens.length === 1 && arg.tokens[0].kind === 'number' ? `the integer ${arg.text}` : `${arg.text} (the integer ${c.value})`;
        let fixes: Fix[] = cands.length === 1 ? [replaceFix(ctx, arg, cands[0].name)] : [];
        let extra = cands.length === 1 ? `: it means ${cands[0].name}` : cands.length === 0 ? `: no ${fam.cName(v)} member has the value ${c.value}` : '';
        if (p.enum === 'hint' && cands.length === 0) {
          const shifted = fam.members(v).filter((m) => BigInt(m.value) === c.value << 5n);
          if (shifted.length === 1) {
            extra = `: hint constants are pre-shifted (CRm:op2 << 5); ${c.value} is the hint number of ${shifted[0].name}`;
            fixes = [replaceFix(ctx, arg, shifted[0].name)];
          }
        }
        const code = c.kind === 'bool' ? 'insn/bool-as-enum' : 'insn/int-as-enum';
        diag(ctx, code, `${what} passed as enum ${fam.cName(v)} ${p.name} of ${g.name}${extra}`, arg.tokens, fixes);
        flagged.add(i);
        return;
      }
      if (c.kind === 'named') {
        const to = intended(p, c, v);
        diag(ctx, 'insn/wrong-enum', `${c.name} (${c.value}) is not an enum ${fam.cName(v)} constant${c.name === 'AARCH64_INSN_SIZE' ? ': it is the instruction size in bytes' : ''}; as ${p.name} it means ${memberName(p, c.value, v) ?? `the invalid value ${c.value}`}`,
          arg.tokens, to ? [replaceFix(ctx, arg, to)] : []);
        flagged.add(i);
        return;
      }
      if (c.kind === 'enum') {
        if (c.info.otherVersion) {
          diag(ctx, 'insn/not-in-era', `${c.name} does not exist in ${versionText(v)}`, arg.tokens);
          flagged.add(i);
          return;
        }
        if (c.info.family.id !== p.enum) {
          const to = intended(p, c, v);
          const means = memberName(p, BigInt(c.info.member!.value), v);
          diag(ctx, 'insn/wrong-enum',
            `${c.name} is an enum ${c.info.family.cName(v)} constant; as the ${fam.cName(v)} ${p.name} of ${g.name} its value ${c.info.member!.value} means ${means ?? 'nothing valid'}`,
            arg.tokens, to ? [replaceFix(ctx, arg, to)] : []);
          flagged.add(i);
          return;
        }
        const valid = validMembers(p, v);
        if (valid && !valid.includes(c.name)) {
          diag(ctx, 'insn/wrong-enum', `${g.name} rejects ${c.name} (returns AARCH64_BREAK_FAULT); it takes ${valid.map((x) => shortName(x, p.enum!)).join(', ')}`, arg.tokens);
          flagged.add(i);
          return;
        }
        if (p.enum === 'register' && c.info.member!.value === 31) {
          const isSp = c.name === 'AARCH64_INSN_REG_SP';
          if (isSp && role === 'zr') {
            const hint = g.name === 'aarch64_insn_gen_move_reg' ? ': MOV to or from SP is ADD #0 (aarch64_insn_gen_add_sub_imm with imm 0)' : '';
            diag(ctx, 'insn/wrong-enum', `${p.name} of ${g.name} encodes register 31 as XZR, not SP${hint}`, arg.tokens);
            flagged.add(i);
          } else if (!isSp && role === 'sp') {
            diag(ctx, 'insn/zr-as-sp', `${p.name} of ${g.name} encodes register 31 as SP, not XZR`, arg.tokens, [replaceFix(ctx, arg, 'AARCH64_INSN_REG_SP', `Write AARCH64_INSN_REG_SP (what is encoded)`)]);
            flagged.add(i);
          }
        }
        return;
      }
      return;
    }
    // numeric parameters given an enum constant
    if (c.kind === 'enum' && !(p.kind === 'bool' && c.info.family.id === 'variant')) {
      diag(ctx, 'insn/enum-as-number', `${c.name} is an enum constant, but ${p.name} of ${g.name} is a plain number`, arg.tokens);
      flagged.add(i);
    }
  });

  // constant folding: the generator's result when every argument (or every relevant one) is known
  const folded = foldCall(ctx, g, cls);
  if (!folded) return;
  const issue = folded.result.fault ?? folded.result.silent;
  if (!issue) return;
  const at = issue.param !== undefined && !folded.unknown.has(issue.param) ? issue.param : undefined;
  if (at !== undefined && flagged.has(at)) return;
  const where = at !== undefined && atUseSite(ctx, args[at].tokens) ? args[at].tokens : ctx.site ? [ctx.site.name, ctx.site.end] : [call.name];
  const inMacro = ctx.site && where[0] === ctx.site.name ? `in the expansion of ${ctx.site.name.text}: ` : '';
  if (folded.result.fault) {
    diag(ctx, 'insn/break-fault', `${inMacro}${g.name} returns AARCH64_BREAK_FAULT (brk #0x100): ${issue.reason}`, where);
  } else diag(ctx, 'insn/out-of-range', `${inMacro}${g.name} encodes a different instruction than asked: ${issue.reason} (${hex8(folded.result.word)} ${folded.result.text})`, where);
}

function memberName(p: GenParam, value: bigint, v: KernelVersion): string | undefined {
  const ms = enumFamily(p.enum!).members(v).filter((m) => BigInt(m.value) === value);
  return ms.length ? ms.map((m) => m.name).join('/') : undefined;
}

/**
 * Folds a call. With every argument constant, the result is exact. Otherwise unknown registers
 * and addresses are replaced by values that never fail and unknown enums by each valid member:
 * a fault is reported only when every substitution faults on the same known argument.
 */
function foldCall(ctx: Ctx, g: Generator, cls: readonly ArgClass[]): { result: GenResult; unknown: Set<number> } | undefined {
  const v = ctx.version;
  const unknown = new Set<number>();
  const choices: bigint[][] = g.params.map((p, i) => {
    const val = constValue(cls[i]);
    if (val !== undefined) return [val];
    unknown.add(i);
    if (p.kind === 'enum' && p.enum === 'register') return [0n];
    if (p.kind === 'enum') {
      const valid = validMembers(p, v);
      const ms = enumFamily(p.enum!).members(v).filter((m) => !valid || valid.includes(m.name));
      return ms.slice(0, 16).map((m) => BigInt(m.value));
    }
    if (p.kind === 'bool') return [0n, 1n];
    return [0n];
  });
  // pc and addr unknown together: offset 0; one unknown: nothing can be said about ranges
  const pcI = g.params.findIndex((p) => p.name === 'pc');
  if (pcI >= 0 && unknown.has(pcI) !== unknown.has(pcI + 1)) return undefined;
  let combos = 1;
  for (const c of choices) combos *= c.length;
  if (combos > 256) return undefined;
  let first: GenResult | undefined;
  const idx = choices.map(() => 0);
  for (let n = 0; n < combos; n++) {
    const argv = choices.map((c, i) => c[idx[i]]);
    const r = emulate(g.name, argv, { version: v, lse: ctx.env.lse });
    if (isEmulateError(r)) return undefined;
    const issue = r.fault ?? r.silent;
    if (unknown.size > 0) {
      if (!issue || issue.param === undefined || unknown.has(issue.param)) return undefined;
      if (first && (first.fault ?? first.silent)!.param !== issue.param) return undefined;
    }
    first ??= r;
    for (let k = idx.length - 1; k >= 0; k--) {
      if (++idx[k] < choices[k].length) break;
      idx[k] = 0;
    }
  }
  return first ? { result: first, unknown } : undefined;
}

// --- annotations (hover, code lens) -------------------------------------------------------------

export interface CInsnAnnotation {
  readonly loc: CLoc;
  readonly kind: 'generator' | 'word-literal';
  readonly word: number;
  /** GNU objdump text of the word (at pc for branches, else at 0). */
  readonly text: string;
  readonly generator?: string;
  readonly prototype?: string;
  readonly fault?: string;
  readonly silent?: string;
}

const MAX_EXPANDED_CALLS = 5000;

/** Generator calls that expanding the file's macros produces at their uses (not in the macro bodies). */
function expandedCalls(ctx: Ctx): Call[] {
  const wraps = [...ctx.scan.defines.values()].some((d) => d.body.some((t) => t.kind === 'ident' && t.text.startsWith('aarch64_insn_gen_')));
  if (!wraps) return [];
  const x = expandMacros(ctx.scan.tokens, ctx.scan.defines);
  const fnBodies = ctx.scan.functions.map((f) => ({ f, from: ctx.scan.tokens[f.bodyStart].offset, to: ctx.scan.tokens[f.bodyEnd]?.end ?? Infinity }));
  const fnAtOffset = (off: number) => fnBodies.find((b) => off > b.from && off < b.to)?.f;
  const depth = new Int32Array(x.length);
  for (let i = 0, d = 0; i < x.length; i++) {
    if (x[i].text === '}') d = Math.max(0, d - 1);
    depth[i] = d;
    if (x[i].text === '{') d++;
  }
  // bounded: a macro bomb produces at most MAX_EXPANDED_CALLS checked calls
  return findCalls(ctx.text, x, (i) => fnAtOffset((x[i].site?.name ?? x[i]).offset), undefined, (i) => depth[i] === 0).filter((c) => c.site && generator(c.name.text)).slice(0, MAX_EXPANDED_CALLS);
}

function foldAnnotations(ctx: Ctx): CInsnAnnotation[] {
  const out: CInsnAnnotation[] = [];
  const direct = ctx.scan.calls;
  const viaMacros = expandedCalls(ctx);
  const done = new Set<string>();
  for (const call of [...direct, ...viaMacros]) {
    const g = generator(call.name.text);
    if (!g || call.args.length !== g.params.length || !call.close) continue;
    const vals = call.args.map((a) => (a.tokens.length ? evaluate(a.tokens, ctx.env) : undefined));
    if (g.params.length > 0 && vals.some((x) => x === undefined)) continue;
    const r = emulate(g.name, vals as bigint[], { version: ctx.version, lse: ctx.env.lse });
    if (isEmulateError(r)) continue;
    const span = call.site ? [call.site.name, call.site.end] : [call.name, call.close];
    const key = `${span[0].offset}:${span[1].end}`;
    if (done.has(key)) continue;
    done.add(key);
    out.push({
      loc: argLoc(ctx, span), kind: 'generator', word: r.word, text: r.text, generator: g.name, prototype: prototype(g, ctx.version),
      ...(r.fault ? { fault: r.fault.reason } : {}), ...(r.silent ? { silent: r.silent.reason } : {}),
    });
  }
  // hex literals used as instruction words
  const wordLiteral = (t: Token) => {
    if (t.kind !== 'number' || !/^0[xX][0-9a-fA-F]{8}[uUlL]*$/.test(t.text)) return;
    const w = Number(parseCInt(t.text)!);
    const text = decodeText(w, 0n);
    if (!text || text === '<undefined>') return;
    out.push({ loc: argLoc(ctx, [t]), kind: 'word-literal', word: w, text });
  };
  for (const d of ctx.scan.defines.values()) if (d.body.length === 1) wordLiteral(d.body[0]);
  const toks = ctx.scan.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'string') {
      for (const m of t.text.matchAll(/\.inst\s+(0x[0-9a-fA-F]{1,8})/g)) {
        const w = Number(BigInt(m[1]));
        const text = decodeText(w, 0n);
        if (!text) continue;
        const col = t.col + (m.index ?? 0);
        out.push({ loc: { file: ctx.file, line: t.line, startCol: col, endCol: col + m[0].length, endLine: t.line }, kind: 'word-literal', word: w, text });
      }
      continue;
    }
    // initialisers of u32/__le32 objects: `u32 x = 0x…;` or `static const __le32 x[] = { 0x…, … };`
    if (t.text !== 'u32' && t.text !== '__le32') continue;
    let j = i + 1;
    while (j < toks.length && (toks[j].kind === 'ident' || toks[j].kind === 'number' || toks[j].text === '[' || toks[j].text === ']' || toks[j].text === '*' || toks[j].text === ',')) j++;
    if (toks[j]?.text !== '=') continue;
    let depth = 0;
    for (j++; j < toks.length; j++) {
      const u = toks[j];
      if (u.text === '{' || u.text === '(') depth++;
      else if (u.text === '}' || u.text === ')') depth--;
      else if (u.text === ';' && depth <= 0) break;
      else if (u.kind === 'number') wordLiteral(u);
      if (depth < 0) break;
    }
    i = j;
  }
  return out;
}

// --- entry points -------------------------------------------------------------------------------

function context(text: string, file: string, opts: CCheckOptions): Ctx {
  const scan = opts.scan ?? scanC(text);
  const version = versionOf(opts);
  return { file, text, lines: text.split('\n'), env: { version, defines: scan.defines, lse: opts.lse }, version, out: [], scan, declared: opts.declaredGenerators };
}

/**
 * The `insn/*` and `ftrace/*` diagnostics of a C file (empty when the checks do not apply to it).
 * Fixes replace exactly the offending argument's range.
 */
export function checkCSource(text: string, file: string, opts: CCheckOptions = {}): Diagnostic[] {
  const ctx = context(text, file, opts);
  if (!cCheckApplies(text, file, opts, ctx.scan)) return [];
  for (const call of ctx.scan.calls) {
    const g = generator(call.name.text);
    if (g) checkGeneratorCall(ctx, call, g);
  }
  checkPatchCalls(ctx, findPatchCalls(ctx));
  checkRangeGuards(ctx);
  checkTextWrites(ctx);
  ctx.out.push(...checkKconfigSymbols(ctx.scan, file, opts.kconfigSymbols ?? builtinKconfigSymbols()));
  // generator calls behind macros, checked at each use of the macro
  for (const call of expandedCalls(ctx)) {
    ctx.site = call.site;
    checkGeneratorCall(ctx, call, generator(call.name.text)!);
    ctx.site = undefined;
  }
  const seen = new Set<string>();
  const unique = ctx.out.filter((d) => {
    const k = `${d.origin.loc.line}:${d.origin.loc.startCol}:${d.origin.loc.endCol}:${d.code}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  ctx.out.length = 0;
  ctx.out.push(...unique);
  ctx.out.sort((a, b) => a.origin.loc.line - b.origin.loc.line || a.origin.loc.startCol - b.origin.loc.startCol);
  return ctx.out;
}

export type { CPatchAnnotation };
/** What hovers, code lenses and the patch-site list show of a C file. */
export type CAnnotation = CInsnAnnotation | CPatchAnnotation;

/**
 * Folded generator calls, decoded instruction-word literals and runtime patch calls (with their
 * old/new words) of a C file, for hover, code lenses and the patch-site list.
 */
export function annotateCSource(text: string, file: string, opts: CCheckOptions = {}): CAnnotation[] {
  const ctx = context(text, file, opts);
  const all: CAnnotation[] = [...foldAnnotations(ctx), ...patchAnnotations(ctx, findPatchCalls(ctx))];
  return all.sort((a, b) => a.loc.line - b.loc.line || a.loc.startCol - b.loc.startCol);
}

/** Applies every fix of the diagnostics (non-overlapping edits, last first) and returns the new text. */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): string {
  const lines = text.split('\n');
  const offsetOf = (line: number, col: number) => {
    let o = 0;
    for (let i = 0; i < line; i++) o += lines[i].length + 1;
    return o + col;
  };
  const edits = diagnostics.flatMap((d) => (d.fixes?.[0]?.edits ?? []).map((e) => ({ start: offsetOf(e.loc.line, e.loc.startCol), end: offsetOf(e.loc.endLine ?? e.loc.line, e.loc.endCol), text: e.newText })));
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  let lastStart = Infinity;
  for (const e of edits) {
    if (e.end > lastStart) continue; // overlapping: keep the later one
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}
