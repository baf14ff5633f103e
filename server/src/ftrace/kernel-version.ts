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

/** A kernel release string ('6.12.117+deb12-arm64', a build's include/config/kernel.release) → its version. */
export function parseKernelRelease(text: string): KernelVersion | undefined {
  const m = /^\s*v?(\d{1,2})\.(\d{1,3})/.exec(text);
  return m ? V(Number(m[1]), Number(m[2])) : undefined;
}

/** The release a build's include/generated/utsrelease.h defines (`#define UTS_RELEASE "6.1.192"`). */
export function utsRelease(text: string): string | undefined {
  return /^\s*#\s*define\s+UTS_RELEASE\s+"([^"\n]{1,100})"/m.exec(text)?.[1];
}

/** A source tree's top Makefile: `VERSION = 6`, `PATCHLEVEL = 12`, `SUBLEVEL = 117` → '6.12.117'. */
export function makefileRelease(text: string): string | undefined {
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  const field = (name: string) => new RegExp(`^${name}\\s*=\\s*(\\d{1,3})\\s*$`, 'm').exec(head)?.[1];
  const major = field('VERSION');
  const minor = field('PATCHLEVEL');
  if (major === undefined || minor === undefined) return undefined;
  const sub = field('SUBLEVEL');
  return sub !== undefined ? `${major}.${minor}.${sub}` : `${major}.${minor}`;
}

/**
 * The era of eras.ts a kernel version belongs to (the era whose `kernels` range holds it): the
 * environment's 'auto' era for a tree whose version is known.
 */
export function eraOfVersion(v: KernelVersion): KernelEra {
  const name = v < V(5, 5) ? 'mcount'
    : v < V(5, 10) ? '5.5-with-regs'
    : v < V(5, 16) ? '5.10'
    : v < V(6, 2) ? '6.1'
    : v < V(6, 3) ? '6.2-with-args'
    : v < V(6, 5) ? '6.3-call-ops'
    : v < V(6, 13) ? '6.12'
    : v < V(6, 18) ? '6.13+'
    : 'newest';
  return findEra(name)!;
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
