// The ABI checker's rules: one entry per diagnostic code, with its severity and documentation.
// The README's rule table and the hovers are generated from RULES; nothing else lists them.
import type { Severity } from '../asm/types';

export type RuleCode =
  | 'abi/callee-saved-clobbered'
  | 'abi/argument-not-restored'
  | 'abi/fp-not-restored'
  | 'abi/lr-convention'
  | 'abi/scs-clobbered'
  | 'abi/stack-imbalance'
  | 'abi/stack-misaligned'
  | 'abi/restore-slot-mismatch'
  | 'abi/missing-bti'
  | 'abi/ip-reg-across-call'
  | 'abi/clobbered-read-after-call'
  | 'abi/frame-record'
  | 'abi/plt-scratch-read'
  | 'abi/direct-target-clobbered'
  | 'abi/ops-clobbered'
  | 'abi/exception-state-access'
  | 'abi/branch-target-undefined'
  | 'abi/branch-target-condition'
  | 'abi/graph-call-unpatched'
  | 'abi/unknown-contract';

export interface Rule {
  readonly code: RuleCode;
  readonly severity: Severity;
  readonly title: string;
  /** Markdown: what is checked, why, where the diagnostic points, the fix. */
  readonly doc: string;
  /** Kernel history behind the rule (domain note §6 / checklist A1–A10). */
  readonly history?: string;
}

const rule = (r: Rule): Rule => r;

export const RULES: Readonly<Record<RuleCode, Rule>> = {
  'abi/callee-saved-clobbered': rule({
    code: 'abi/callee-saved-clobbered',
    severity: 'error',
    title: 'callee-saved register not preserved',
    doc:
      'x19–x29 must hold their entry values at every exit of an `aapcs`, `mcount`, `ftrace-entry`, `ftrace-direct` or `return-to-handler` entry. ' +
      'Points at the write that destroys the value (use x9–x15 as scratch instead; when the register was saved, the quick-fix restores it from its slot). ' +
      'x29, which trampolines repoint at their frame records, is reported at the exit it reaches unrestored.',
    history: 'Early WITH_REGS postings used x28 as scratch (`mov x28, lr`, `add x28, sp, …`); the merged version uses x10 (checklist A1).',
  }),
  'abi/argument-not-restored': rule({
    code: 'abi/argument-not-restored',
    severity: 'error',
    title: 'argument or return register not restored',
    doc:
      'An `ftrace-entry`/`ftrace-direct` trampoline must give the traced function x0–x8 as it received them (restored from the save area, where callbacks may have changed them); ' +
      '`return-to-handler` must give back the return values x0–x7. Points at the exit; related locations show where the register was saved and where it was destroyed. Quick-fix: restore it from the slot it was saved to.',
    history: 'The WITH_REGS/WITH_ARGS exit paths restore x0–x8 from S_X*/FREGS_X* (checklist A3).',
  }),
  'abi/fp-not-restored': rule({
    code: 'abi/fp-not-restored',
    severity: 'error',
    title: 'd8–d15 not preserved',
    doc: 'The low 64 bits of v8–v15 (d8–d15) are callee-saved under AAPCS64 and must hold their entry values at every exit. Kernel trampolines never touch FP/SIMD registers.',
  }),
  'abi/lr-convention': rule({
    code: 'abi/lr-convention',
    severity: 'error',
    title: 'wrong return address or return register',
    doc:
      '`aapcs`/`mcount`: return with `ret` through x30 holding the entry x30 (tail branches too). ' +
      '`ftrace-entry`/`ftrace-direct`: control goes to the resume address (the entry x30, e.g. `ret x9` after `ldr x9, [sp, #S_PC]`) with x30 = parent LR (the entry x9); a `br` to a direct trampoline needs x9 = parent LR and x30 = resume address. A plain `ret` there returns to the parent and skips the traced function. ' +
      '`return-to-handler`: `ret` to the address `ftrace_return_to_handler` returned.',
    history: 'Checklist A5: plain `ret` in WITH_REGS/ARGS trampolines.',
  }),
  'abi/scs-clobbered': rule({
    code: 'abi/scs-clobbered',
    severity: 'error',
    title: 'x18 (shadow call stack pointer) clobbered',
    doc: 'Under CONFIG_SHADOW_CALL_STACK x18 holds the shadow call stack pointer: it must hold its entry value at every call and exit. Points at the write.',
    history: 'Since SCS (2020) the entry-ftrace.S comment reads "x18 holds the Shadow Call Stack pointer" (checklist A2).',
  }),
  'abi/stack-imbalance': rule({
    code: 'abi/stack-imbalance',
    severity: 'error',
    title: 'sp differs from its entry value at an exit',
    doc: 'sp must equal its entry value at every exit. Points at the last instruction that changed sp on the way to the exit (an `add sp` of the wrong size, a missing post-index), or at the exit.',
    history: 'Checklist A4: `sub` and `add` of PT_REGS_SIZE + 16, FREGS_SIZE + 32 must match.',
  }),
  'abi/stack-misaligned': rule({
    code: 'abi/stack-misaligned',
    severity: 'error',
    title: 'sp not 16-byte aligned at a call or an sp-based access',
    doc: 'With SP alignment checking on, an sp-based load or store or a call with sp not a multiple of 16 faults. Points at the adjustment that misaligned sp; the related location is the access or call.',
    history: 'Checklist A4; the BPF trampoline rounds its frame to 16 "to avoid SPAlignmentFault".',
  }),
  'abi/restore-slot-mismatch': rule({
    code: 'abi/restore-slot-mismatch',
    severity: 'error',
    title: 'register restored from a slot holding another register',
    doc: 'A register is reloaded from a stack slot that holds a different register\'s saved value (swapped `ldp` offsets, a copy-pasted `S_X*`). Points at the load. Quick-fix: load from the slot the register was saved to.',
  }),
  'abi/missing-bti': rule({
    code: 'abi/missing-bti',
    severity: 'error',
    title: 'entry reachable by BR/BLR without a landing pad',
    doc:
      'Under CONFIG_ARM64_BTI_KERNEL an entry that is reached indirectly — an ftrace entry (`ftrace-entry`, `mcount`) through a module PLT\'s `br x16`, a direct trampoline through `br x17`, `ftrace_stub`/`ftrace_stub_graph` through function pointers — must start with `bti c`, `bti jc` or `paciasp`/`pacibsp`. ' +
      '`bti c` accepts BLR and BR through x16/x17; `bti j` only BR. `return_to_handler` is reached by RET and needs none. Quick-fix: insert `bti c`.',
    history: '35b6b28e6998 "arm64: ftrace: add missing BTIs" (v5.16-rc4, checklist A6).',
  }),
  'abi/ip-reg-across-call': rule({
    code: 'abi/ip-reg-across-call',
    severity: 'warning',
    title: 'x16/x17 read after a call',
    doc: 'x16/x17 (IP0/IP1) are destroyed by any call, and a `bl` to a symbol outside the file may pass a PLT veneer that uses them: reading them after a call without setting them again reads garbage.',
    history: 'Checklist A7: module PLTs use x16, direct calls x17.',
  }),
  'abi/clobbered-read-after-call': rule({
    code: 'abi/clobbered-read-after-call',
    severity: 'warning',
    title: 'caller-saved register read after a call',
    doc: 'x2–x15, x18 (without SCS), x30 and the flags do not survive a call (x0/x1 carry its result): reading one after a call without setting it again reads garbage.',
  }),
  'abi/frame-record': rule({
    code: 'abi/frame-record',
    severity: 'warning',
    title: 'x29 does not point at a frame record at a call',
    doc: 'At every call x29 must still be the entry frame pointer or point at a frame record {fp, lr} stored on the stack, so the unwinder can walk through the trampoline.',
    history: 'Checklist A9: WITH_REGS/ARGS build a callsite record {fp, x9} and their own {x29, x30}.',
  }),
  'abi/plt-scratch-read': rule({
    code: 'abi/plt-scratch-read',
    severity: 'warning',
    title: 'x16 read before the trampoline wrote it',
    doc:
      'An `ftrace-entry` or `mcount` trampoline may be entered through a module PLT (`adrp x16, …; add x16, x16, …; br x16`) when the traced function is far from it, so x16 holds the PLT\'s scratch at entry, not anything the callsite put there. ' +
      'Points at the first use of the entry x16 (storing it into a register save area is not a use).',
    history: 'Checklist A7; module PLTs for ftrace since e71a4e1bebaf (v4.13).',
  }),
  'abi/direct-target-clobbered': rule({
    code: 'abi/direct-target-clobbered',
    severity: 'warning',
    title: 'x17 overwritten between its load and `br x17`',
    doc:
      'With DYNAMIC_FTRACE_WITH_DIRECT_CALLS the trampoline loads the direct trampoline\'s address into x17 (`ldr x17, [x11, #FTRACE_OPS_DIRECT_CALL]`, or `[sp, #FREGS_DIRECT_TRAMP]` after the callbacks) and leaves with `br x17`. ' +
      'Points at a write to x17 between that load and the `br x17` it feeds (the load and the branch are related); a call in between is `abi/ip-reg-across-call`.',
    history: 'Checklist A7; direct calls through x17 since v6.5 (CALL_OPS + DIRECT_CALLS).',
  }),
  'abi/ops-clobbered': rule({
    code: 'abi/ops-clobbered',
    severity: 'warning',
    title: 'x11 (the ftrace_ops pointer) used after being overwritten',
    doc:
      'With DYNAMIC_FTRACE_WITH_CALL_OPS the trampoline loads the callsite\'s `ftrace_ops` from the literal before the traced function into x11 (`ldr x11, [x11, #-(4 * AARCH64_INSN_SIZE)]`) and later reads it (`ldr x17, [x11, #FTRACE_OPS_DIRECT_CALL]`, `mov x2, x11`). ' +
      'Points at a write to x11 after that load which a later read of x11 sees (the load and the read are related); a call in between is `abi/clobbered-read-after-call`.',
    history: 'Checklist A7; CALL_OPS since baaf553d3bc3 (v6.3).',
  }),
  'abi/exception-state-access': rule({
    code: 'abi/exception-state-access',
    severity: 'warning',
    title: 'exception state register accessed in an ftrace trampoline',
    doc:
      '`mrs`/`msr` of SPSR_EL1, ELR_EL1 (or their EL12/EL2 forms) and DAIF, and `msr daifset`/`daifclr`, in the code of an `ftrace-entry`, `ftrace-direct`, `mcount` or `return-to-handler` trampoline. ' +
      'A trampoline runs in the middle of an ordinary function call: the exception state belongs to whatever exception the kernel is handling, and masking interrupts there is the callbacks\' business.',
    history: 'Checklist A8: an out-of-tree livepatch `ftrace_regs_caller` (2015) saved and restored SPSR_EL1 around the callback; mainline never did.',
  }),
  'abi/branch-target-undefined': rule({
    code: 'abi/branch-target-undefined',
    severity: 'error',
    title: 'branch to a label defined only in an inactive #if arm',
    doc:
      'The branch is assembled in this configuration, but the file defines its target only inside a `#if`/`#ifdef`/`#else` arm that is not: the object has a relocation against an undefined symbol and the link fails ("relocation truncated to fit: R_AARCH64_CONDBR19 against undefined symbol" for `b.cond`). ' +
      'Points at the branch; the definition and its `#if` line are related.',
    history: 'Checklist A10; an #ifdef slip left `ftrace_graph_caller` undefined for mcount + DYNAMIC_FTRACE + FUNCTION_GRAPH_TRACER after the WITH_REGS merge (Fixes: 3b23e4991fb6).',
  }),
  'abi/branch-target-condition': rule({
    code: 'abi/branch-target-condition',
    severity: 'warning',
    title: 'branch target defined under conditions the branch is not under',
    doc:
      'Both are assembled in this configuration, but the target label sits inside `#if` arms (conditions) that do not enclose the branch: in a configuration where those conditions fail and the branch\'s hold, the target is undefined. ' +
      'Conditions are compared as written (`#ifdef X` and `#if defined(X)` are the same; other expressions only when spelled alike). Points at the branch; the target and the `#if` line are related.',
    history: 'Checklist A10 (domain note §6 #7).',
  }),
  'abi/graph-call-unpatched': rule({
    code: 'abi/graph-call-unpatched',
    severity: 'warning',
    title: '`ftrace_graph_call` in a configuration that does not patch it',
    doc:
      '`ftrace_graph_call` is a patch site only `ftrace_modify_graph_caller()` writes: with CONFIG_DYNAMIC_FTRACE and CONFIG_FUNCTION_GRAPH_TRACER, in the mcount and WITH_REGS designs. ' +
      'With CONFIG_DYNAMIC_FTRACE_WITH_ARGS the graph tracer is an ftrace_ops callback, without CONFIG_DYNAMIC_FTRACE nothing is patched, without CONFIG_FUNCTION_GRAPH_TRACER there is no graph tracer: the site then stays as compiled. Points at the site.',
    history: 'Checklist A10; the WITH_ARGS rework (v6.2) dropped the site, and WITH_REGS kernels from ~v6.1 (not told apart by CONFIG_* alone) have none either.',
  }),
  'abi/unknown-contract': rule({
    code: 'abi/unknown-contract',
    severity: 'warning',
    title: 'unknown contract name in an override',
    doc: 'An `// aarch64-ftrace: contract=NAME` comment or setting names no known contract; the symbol keeps its built-in contract.',
  }),
};

export const RULE_CODES = Object.keys(RULES) as RuleCode[];

/** The README's rule table (and a rule's hover): one section per code, from RULES. */
export function rulesMarkdown(): string {
  const out = ['| code | severity | what |', '|---|---|---|'];
  for (const code of RULE_CODES) out.push(`| \`${code}\` | ${RULES[code].severity} | ${RULES[code].title} |`);
  for (const code of RULE_CODES) {
    const r = RULES[code];
    out.push('', `### \`${code}\``, '', r.doc);
    if (r.history) out.push('', `History: ${r.history}`);
  }
  return out.join('\n');
}
