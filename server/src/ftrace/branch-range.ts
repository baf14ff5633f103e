// Branch reach: the ranges of the PC-relative A64 forms, the ±128 MiB check ftrace makes before
// it writes a BL (reachable_by_bl), and the module PLT it falls back to (arch/arm64/kernel/
// module-plts.c get_plt_entry: adrp x16 / add x16 / br x16), with its three words built by the
// generator emulation.
import { emulate, isEmulateError } from './insn-gen';

export const SZ_32K = 1n << 15n;
export const SZ_1M = 1n << 20n;
export const SZ_128M = 1n << 27n;
export const SZ_4G = 1n << 32n;

/** Reach of the PC-relative forms: the offset target - pc must lie in [-range, range). */
export const BRANCH_RANGES = {
  b: SZ_128M,
  bl: SZ_128M,
  'b.cond': SZ_1M,
  cbz: SZ_1M,
  cbnz: SZ_1M,
  'ldr-literal': SZ_1M,
  adr: SZ_1M,
  tbz: SZ_32K,
  tbnz: SZ_32K,
  adrp: SZ_4G,
} as const;

export type BranchKind = keyof typeof BRANCH_RANGES;

/** target - pc as a signed 64-bit offset (the order matters: 3eefdf9d1e40 fixed pc - addr). */
export function branchOffset(pc: bigint, target: bigint): bigint {
  return BigInt.asIntN(64, target - pc);
}

export function inRange(pc: bigint, target: bigint, kind: BranchKind): boolean {
  const range = BRANCH_RANGES[kind];
  if (kind === 'adrp') {
    const pages = BigInt.asIntN(64, (target & ~0xfffn) - (pc & ~0xfffn)) >> 12n;
    return pages >= -(1n << 20n) && pages < 1n << 20n;
  }
  const off = branchOffset(pc, target);
  return off >= -range && off < range;
}

/** reachable_by_bl(addr, pc): -SZ_128M <= addr - pc < SZ_128M. */
export function reachableByBl(pc: bigint, target: bigint): boolean {
  return inRange(pc, target, 'bl');
}

export interface PltEntry {
  /** Address of the entry (its adrp). */
  readonly address: bigint;
  readonly target: bigint;
  /** adrp x16, target page; add x16, x16, #lo12; br x16. */
  readonly words: readonly [number, number, number];
  readonly texts: readonly [string, string, string];
  /** The adrp sits at a page offset the Cortex-A53 erratum 843419 workaround avoids (>= 0xff8). */
  readonly erratum843419?: boolean;
  /** Set when a generator failed (target more than 4 GiB away): the words hold AARCH64_BREAK_FAULT. */
  readonly fault?: string;
  /** Set when gen_adr truncated the page distance to s32 and the ADRP reaches another page. */
  readonly silent?: string;
}

/** The module PLT entry get_plt_entry(target, address) writes. */
export function modulePlt(address: bigint, target: bigint): PltEntry {
  const adrp = emulate('aarch64_insn_gen_adr', [address, target, 16n, 0n]);
  const add = emulate('aarch64_insn_gen_add_sub_imm', [16n, 16n, target % 4096n, 1n, 0n], { pc: address + 4n });
  const br = emulate('aarch64_insn_gen_branch_reg', [16n, 0n], { pc: address + 8n });
  if (isEmulateError(adrp) || isEmulateError(add) || isEmulateError(br)) throw new Error('generator table broken');
  return {
    address,
    target,
    words: [adrp.word, add.word, br.word],
    texts: [adrp.text, add.text, br.text],
    ...((address & 0xfffn) >= 0xff8n ? { erratum843419: true } : {}),
    ...(adrp.fault ? { fault: adrp.fault.reason } : {}),
    ...(adrp.silent ? { silent: adrp.silent.reason } : {}),
  };
}

export interface CallableAddr {
  /** What the BL at pc targets: the trampoline itself, or a PLT. */
  readonly target: bigint;
  readonly via: 'direct' | 'plt' | 'ftrace_caller';
  readonly inRange: boolean;
  readonly plt?: PltEntry;
  /** Why ftrace cannot make the call (no PLT, or the PLT is itself out of range: the BL becomes a BRK). */
  readonly problem?: string;
}

/**
 * ftrace_find_callable_addr(): a direct trampoline out of range falls back to ftrace_caller
 * (DIRECT_CALLS); a target out of range goes through the module PLT of the callsite's section.
 */
export function findCallableAddr(pc: bigint, addr: bigint, opts: { ftraceCaller?: bigint; directCalls?: boolean; pltAddress?: bigint }): CallableAddr {
  let a = addr;
  let via: CallableAddr['via'] = 'direct';
  if (opts.directCalls && opts.ftraceCaller !== undefined && a !== opts.ftraceCaller && !reachableByBl(pc, a)) {
    a = opts.ftraceCaller;
    via = 'ftrace_caller';
  }
  if (reachableByBl(pc, a)) return { target: a, via, inRange: true };
  if (opts.pltAddress === undefined) return { target: a, via, inRange: false, problem: 'ftrace: no module PLT for this callsite (the BL would be AARCH64_BREAK_FAULT)' };
  const plt = modulePlt(opts.pltAddress, a);
  const ok = reachableByBl(pc, opts.pltAddress);
  return {
    target: opts.pltAddress,
    via: 'plt',
    inRange: ok,
    plt,
    ...(ok ? {} : { problem: 'the module PLT is itself out of BL range of the callsite: ftrace would patch AARCH64_BREAK_FAULT (a7ed7b9d0ebb)' }),
  };
}
