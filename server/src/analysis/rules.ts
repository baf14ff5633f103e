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
