// The C checker's codes (insn/*, ftrace/*, kconfig/*): one entry per code with its severity, what it
// flags, what its quick-fix does and the kernel history behind it, as analysis/rules.ts does for
// the ABI checker. Emit sites (c-context.ts `report`, kconfig-symbols.ts) take the severity from
// here; the README's "C checks" section is generated from this table (scripts/gen-docs.ts).
import type { Severity } from '../asm/types';

export interface CRule {
  readonly severity: Severity;
  readonly title: string;
  /** Markdown: what is flagged and where the diagnostic sits. */
  readonly doc: string;
  /** What the quick-fix does; absent: no fix is offered. */
  readonly fix?: string;
  /** Kernel history and checklist items (domain note §6, checklist C1–C11). */
  readonly history?: string;
}

const TABLE = {
  'insn/bool-as-enum': {
    severity: 'warning',
    title: '`true`/`false` where an insn.h enum belongs',
    doc: 'A `bool` literal passed for an enum parameter of an `aarch64_insn_gen_*` generator. It compiles because `true` is 1 and `false` 0, and means whichever member has that value (`AARCH64_INSN_BRANCH_LINK`/`…_NOLINK` for `gen_branch_imm`): the call reads as a flag it is not. Sits on the argument.',
    fix: 'Replaces the argument with the enumerator of that value (`true` → `AARCH64_INSN_BRANCH_LINK`, `false` → `AARCH64_INSN_BRANCH_NOLINK` for `gen_branch_imm`); the value, and so the word, is unchanged.',
    history: 'Early (pre-v7) WITH_REGS postings called `aarch64_insn_gen_branch_imm(pc, addr, true)` in `ftrace_modify_call` (domain note §6 #3; checklist C1).',
  },
  'insn/int-as-enum': {
    severity: 'warning',
    title: 'plain integer where an insn.h enum belongs',
    doc: 'An integer (a literal or a constant expression) passed for an enum parameter: the reader cannot tell which member is meant, and enum numbering differs between kernel versions. For `gen_hint`, a small number that is a hint number rather than the pre-shifted `CRm:op2 << 5` constant is called out.',
    fix: 'Replaces the argument with the enumerator of that value when exactly one exists (value unchanged); for `gen_hint`, the member whose hint number was written (value changes to the one meant).',
    history: 'Checklist C1, C4; wrong HINT constants in a posted patch (domain note §6 #16).',
  },
  'insn/wrong-enum': {
    severity: 'error',
    title: 'constant of another enum family, or a member the generator rejects',
    doc:
      'A constant that does not mean what the parameter takes: a member of another enum family (`AARCH64_INSN_VARIANT_64BIT` where an `enum aarch64_insn_size_type` belongs), the byte-size macro `AARCH64_INSN_SIZE` as a size type, a member the generator rejects with `AARCH64_BREAK_FAULT` (`AARCH64_INSN_BRANCH_RETURN` to `gen_branch_imm`, `AARCH64_INSN_MB_OSH*` to `gen_dmb`), or `AARCH64_INSN_REG_SP` where register 31 encodes XZR (`gen_move_reg`: MOV to or from SP is ADD #0). Sits on the argument; the message says what its value means there.',
    fix: 'Replaces the argument with the intended member when that is unambiguous (`AARCH64_INSN_VARIANT_64BIT` → `AARCH64_INSN_SIZE_64`, `AARCH64_INSN_SIZE` → `AARCH64_INSN_SIZE_32`); the value changes, on purpose.',
    history: 'Checklist C1 (RETURN/COMP_*/TEST_* rejected by `gen_branch_imm`), C2 (VARIANT_* vs SIZE_* vs `AARCH64_INSN_SIZE`, REG_SP in `gen_move_reg`), C5 (OSH barriers, domain note §6 #22).',
  },
  'insn/zr-as-sp': {
    severity: 'warning',
    title: '`AARCH64_INSN_REG_ZR` where the generator encodes register 31 as SP',
    doc: 'Register 31 is SP in this operand (a load/store base, the source of an add/sub immediate): the word uses SP whatever the name says. Harmless when SP is meant, a bug when XZR is.',
    fix: 'Writes `AARCH64_INSN_REG_SP`, what is encoded (value unchanged).',
    history: 'Checklist C2.',
  },
  'insn/enum-as-number': {
    severity: 'warning',
    title: 'insn.h enum constant where the generator takes a plain number',
    doc: 'An enum member (a register, a size, a variant) passed for an immediate, an offset, a shift or a count: its numeric value is encoded, which is rarely what the name suggests. Sits on the argument.',
    history: 'Checklist C2.',
  },
  'insn/argument-order': {
    severity: 'warning',
    title: 'arguments in the order of the assembly, not of the generator',
    doc: 'The known traps: `gen_logical_immediate(type, variant, Rn, Rd, imm)` (type and variant first, Rn before Rd), `gen_extr(variant, Rm, Rn, Rd, lsb)` (the destination last), `gen_data3(dst, src, reg1, reg2, …)` (src is Ra, the addend). Recognised from enum-typed arguments in the wrong slots or from argument names (`dst`, `src`, `acc` …). Sits on the first misplaced argument.',
    fix: 'Reorders the arguments (one edit per moved argument).',
    history: 'Checklist C3.',
  },
  'insn/out-of-range': {
    severity: 'error',
    title: 'constant arguments the generator silently encodes wrong',
    doc: 'All the arguments that matter are constant and the generator returns a word, but not the instruction asked for: `gen_cond_branch_imm` never checks `label_imm_common`\'s result and branches to pc − 1 MiB, ADR/ADRP offsets are truncated to s32, a `gen_hint` value with bits outside `CRm:op2 << 5`, `gen_extr`\'s lsb truncated to u8, a logical-immediate rotation computed with the 32-bit `fls()` before 5.18. Sits on the argument at fault, or the call.',
    history: 'Domain note §6 #21; checklist C5.',
  },
  'insn/break-fault': {
    severity: 'error',
    title: 'constant arguments for which the generator returns AARCH64_BREAK_FAULT',
    doc: 'The generator would return `AARCH64_BREAK_FAULT` (`brk #0x100`) for these arguments — a branch target out of range or misaligned, an immediate that does not encode, a register or type it rejects — and a patch would write that BRK into the text. Calls with some unknown arguments are reported only when every value of the unknown ones faults on the same known argument.',
    history: 'A wrongly permitted branch reached `gen_branch_imm`, which returned a BRK that got patched in (3eefdf9d1e40, domain note §6 #11; #14, a7ed7b9d0ebb); checklist C5, P3.',
  },
  'insn/not-in-era': {
    severity: 'warning',
    title: 'generator or enum member not in the selected kernel',
    doc: 'A generator or enum member that the selected kernel (the `era` setting, `check --era`) does not have: added or removed in another version (`hint_op` → `hint_cr_op`, `ldadd`/`stadd` → `atomic_ld_op`, the prefetch generator), or only in vendor/BPF trees.',
    history: 'Checklist C6.',
  },
  'ftrace/non-cmodx-patch': {
    severity: 'warning',
    title: 'runtime patch whose old/new pair is not CMODX-safe',
    doc: 'A `ftrace_modify_code()` or `aarch64_insn_patch_text_nosync()` outside init code whose new word (or validated old word) is not B, BL, NOP, BRK, SVC, HVC or SMC: concurrent modification of other instructions is not architecturally safe while other CPUs may execute them. Sits on the offending word.',
    history: 'The early WITH_REGS series patched MOV then BL at enable time; the merged code writes the MOV once in `ftrace_init_nop()` (domain note §6 #4); checklist C10.',
  },
  'ftrace/unvalidated-patch': {
    severity: 'warning',
    title: 'patch written without validating the old word',
    doc: '`validate = false` (or `ftrace_modify_code` with old = 0) outside the two places the kernel writes blind — `ftrace_update_ftrace_func()` at `ftrace_call` and the mcount module-load path of `ftrace_make_nop()`. A validated write catches a site holding something unexpected (`ftrace_bug`) instead of overwriting it. Sits on the validate argument.',
    fix: 'Sets `validate = true` (not offered when the old word is 0: there is nothing to compare).',
    history: 'Domain note §3.3, §6 #13 (8cfb08575c6d), #23; checklist C8.',
  },
  'ftrace/callable-addr-mismatch': {
    severity: 'warning',
    title: 'callsite words built from differently resolved addresses',
    doc: 'Of the BL words one patch (or the callsite words of the file) compares and writes, one is built from an address resolved through `ftrace_find_callable_addr()`/a module PLT and another from the trampoline address as given: for a callsite out of BL range one names the PLT and the other the trampoline, so validation fails or a BRK is patched in. Sits on the unresolved address; the resolved one is related.',
    history: 'a6253579977e introduced `ftrace_find_callable_addr()` for this (domain note §6 #12, #13); checklist C8.',
  },
  'ftrace/branch-range-form': {
    severity: 'warning',
    title: 'branch range guard computed backwards or with an off-by-one bound',
    doc: 'A guard on a PC-relative reach (`SZ_128M` for B/BL, `SZ_1M` for B.cond/CBZ/ADR/LDR literal, `SZ_32K` for TBZ) written as `pc - target`, or with `<=`/`>` where the valid offsets are `[-range, range)`. Recognised only with operands named like a pc and a target and a bound of exactly ±range.',
    fix: 'Swaps the operands to `target - pc`, or changes the comparison to `<`/`>=`.',
    history: '3eefdf9d1e40: `offset = pc - addr` permitted a forward branch of 128M (which became a BRK) and rejected a backward one (domain note §6 #11); checklist C7.',
  },
  'ftrace/direct-text-write': {
    severity: 'error',
    title: 'instruction store straight into kernel text',
    doc: 'A store through a kernel-text address (`*(u32 *)pc = insn`, `memcpy` to `rec->ip`) in code that runs while the text may execute: the text is mapped read-only, and the store skips the I-cache maintenance. Use `aarch64_insn_patch_text_nosync()` or `ftrace_modify_code()`, which write through the fixmap alias and clean and invalidate to the PoU.',
    history: 'Domain note §6 #2; checklist C9.',
  },
  'ftrace/missing-cache-maintenance': {
    severity: 'warning',
    title: 'instruction words written at runtime with no I-cache maintenance after them',
    doc: 'Instruction words stored into a module PLT or ftrace trampoline (`struct plt_entry`, `mod->arch.ftrace_trampoline`) or written with `aarch64_insn_write()`, with no `flush_icache_range()`/`caches_clean_inval_pou()` after the store in the same function. Init code and the module loader (which flushes itself) are not checked; `aarch64_insn_write_literal_u64()` writes data and needs none.',
    history: 'b6143d10d23e: be0f272bfc83 started writing PLT instructions but "the necessary cache maintenance was overlooked" (domain note §6 #2); checklist C9.',
  },
  'kconfig/unknown-symbol': {
    severity: 'warning',
    title: 'CONFIG_ symbol that no Kconfig defines',
    doc: 'A `CONFIG_*` name tested in `IS_ENABLED()` (`IS_BUILTIN`, `IS_MODULE`, `IS_REACHABLE`), `#ifdef`, `#ifndef` or `#if`/`#elif` that the kernel\'s Kconfig files do not define: it is never set, so the test is always false. In C and in `.S` files. The symbols come from the Kconfig files of `kernelSourceRoot` (`check --kernel-source`), else from a built-in partial list (which only reports names close to one it holds).',
    fix: 'Replaces the name with the nearest defined symbol, when there is one.',
    history: '`IS_ENABLED(CONFIG_FTRACE_WITH_REGS)` in `get_ftrace_plt()` never returned the REGS PLT until 91970bef48d6 (domain note §6 #6); checklist C11.',
  },
} as const satisfies Record<string, CRule>;

export type CRuleCode = keyof typeof TABLE;

export const C_RULES: Readonly<Record<CRuleCode, CRule>> = TABLE;

export const C_RULE_CODES = Object.keys(TABLE) as CRuleCode[];

/** The README's "C checks" section: the table, then one section per code. */
export function cRulesMarkdown(): string {
  const out = ['| code | severity | what | quick-fix |', '|---|---|---|---|'];
  for (const code of C_RULE_CODES) {
    const r = C_RULES[code];
    out.push(`| \`${code}\` | ${r.severity} | ${r.title} | ${r.fix ? 'yes' : ''} |`);
  }
  for (const code of C_RULE_CODES) {
    const r = C_RULES[code];
    out.push('', `### \`${code}\``, '', r.doc);
    if (r.fix) out.push('', `Quick-fix: ${r.fix}`);
    if (r.history) out.push('', `History: ${r.history}`);
  }
  return out.join('\n');
}
