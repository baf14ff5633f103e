// Kernel versions as comparable numbers, for the insn.h table (which changes at releases that do
// not coincide with the ftrace eras of eras.ts); an era maps to the release it is named after.
import { KernelEra, findEra } from './eras';

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
 * The kernel version that stands for an era of ftrace/eras.ts when the insn.h table is consulted:
 * the release the era is named after (its first), 5.4 for the mcount era, the newest we know for
 * 'newest'.
 */
export function eraVersion(era: KernelEra): KernelVersion {
  if (era.name === 'mcount') return V(5, 4);
  if (era.name === 'newest') return LATEST_VERSION;
  return parseKernelVersion(era.name) ?? LATEST_VERSION;
}

/** An era name or alias ('6.12', '5.5-with-regs', 'newest') or a version ('6.15', 'v5.18.3'). */
export function resolveVersion(text: string): KernelVersion | undefined {
  const era = findEra(text);
  if (era) return eraVersion(era);
  return parseKernelVersion(text);
}

export const LATEST_VERSION: KernelVersion = V(6, 15);
/** Debian 12's backports kernel, the real input of the tests. */
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
