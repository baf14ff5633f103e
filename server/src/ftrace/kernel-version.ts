// Kernel versions as comparable numbers, and the API eras the insn.h table is checked against.
// An era name ('6.12', 'v5.10', '6.13+', '5.0-5.5') maps to the version it describes (for a range,
// its last version), so eras named elsewhere (ftrace/eras.ts) can be looked up here.

/** major * 1000 + minor, e.g. 6.12 → 6012. */
export type KernelVersion = number;

export const V = (major: number, minor: number): KernelVersion => major * 1000 + minor;

export function versionText(v: KernelVersion): string {
  return `${Math.floor(v / 1000)}.${v % 1000}`;
}

/** Parses '6.12', 'v6.12', '6.12.117', '6.13+', 'v5.0–5.5', 'latest' (→ the newest era we know). */
export function parseKernelVersion(text: string): KernelVersion | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'latest' || t === 'current' || t === 'mainline' || t === 'newest') return LATEST_VERSION;
  const all = [...t.matchAll(/(\d+)\.(\d+)/g)];
  if (all.length === 0) return undefined;
  const last = all[all.length - 1];
  return V(Number(last[1]), Number(last[2]));
}

/**
 * The insn.h API eras this table distinguishes: each is a release in which the generators, their
 * parameter types or the values of an enum differ from the previous one (or a release someone
 * ships, like Debian's 6.12). Used only when ftrace/eras.ts is not available to name them.
 */
export const API_ERAS: readonly { readonly name: string; readonly version: KernelVersion; readonly why: string }[] = [
  { name: '5.5', version: V(5, 5), why: 'DYNAMIC_FTRACE_WITH_REGS; aarch64_insn_gen_move_reg; enum aarch64_insn_hint_op' },
  { name: '5.10', version: V(5, 10), why: 'enum aarch64_insn_hint_cr_op (PAC/BTI hints); gen_prefetch, gen_ldadd/stadd' },
  { name: '5.15', version: V(5, 15), why: 'insn.c in arch/arm64/lib; AARCH64_INSN_SIZE in insn-def.h' },
  { name: '6.1', version: V(6, 1), why: 'atomic_ld_op/cas/dmb, LDST_*_IMM_OFFSET, load_literal; 64-bit logical immediates fixed' },
  { name: '6.6', version: V(6, 6), why: 'LDST_SIGNED_LOAD_*; CALL_OPS and DIRECT_CALLS ftrace' },
  { name: '6.12', version: V(6, 12), why: 'gen_mrs (system registers); Debian 12 backports kernel' },
  { name: '6.15', version: V(6, 15), why: 'LDST_LOAD_ACQ/STORE_REL renumber the ldst enum; gen_load_acq_store_rel, gen_dsb' },
];

export const LATEST_VERSION: KernelVersion = V(6, 15);
export const DEFAULT_VERSION: KernelVersion = V(6, 12);

export interface Versioned {
  /** First release that has it (inclusive). */
  readonly since?: KernelVersion;
  /** First release that no longer has it (exclusive). */
  readonly until?: KernelVersion;
  /** Not in any mainline release (seen in vendor/BPF trees only). */
  readonly outOfTree?: boolean;
}

export function presentIn(x: Versioned, v: KernelVersion): boolean {
  if (x.outOfTree) return false;
  return (x.since === undefined || v >= x.since) && (x.until === undefined || v < x.until);
}
