// The kernel eras this product knows: how arm64 ftrace reached its trampolines in each, and the
// Kconfig symbols a typical build of that era sets. Data only; the asm-offsets tables
// (asm-offsets.ts) and the fixtures (test-fixtures/kernel/) are keyed by these names.
// Facts from public kernel sources and mailing-list posts (commit ids where known); versions
// marked '~' are approximate.

export type EraName =
  | 'mcount'
  | '5.5-with-regs'
  | '5.10'
  | '6.1'
  | '6.2-with-args'
  | '6.3-call-ops'
  | '6.12'
  | '6.13+'
  | 'newest';

/** How an instrumented function reaches the ftrace entry trampoline. */
export type CallsiteKind =
  /** `-pg`: `mov x0, x30; bl _mcount` after the prologue. */
  | 'mcount'
  /** `-fpatchable-function-entry=2`: `mov x9, lr; bl <entry>` before the prologue. */
  | 'patchable-2'
  /** `-fpatchable-function-entry=4,2`: an 8-byte ops literal before the function, then as above. */
  | 'patchable-4-2';

/** The register save area the entry trampoline builds and hands to callbacks. */
export type SaveArea = 'frame-record' | 'pt_regs' | 'ftrace_regs' | '__arch_ftrace_regs';

export interface KernelEra {
  readonly name: EraName;
  /** Other names accepted by `findEra` (kernel versions of the era, short forms). */
  readonly aliases: readonly string[];
  /** Mainline versions the era covers, e.g. 'v5.5–v5.9'. */
  readonly kernels: string;
  readonly description: string;
  readonly callsite: CallsiteKind;
  readonly saveArea: SaveArea;
  /** Entry points and patch sites entry-ftrace.S defines in a typical build of the era. */
  readonly symbols: readonly string[];
  /** Kconfig symbols of a typical build: 'CONFIG_X' (=y) or 'CONFIG_X=value'. */
  readonly config: readonly string[];
}

// The arm64 basics every build has, with the values the era's arch/arm64 Kconfig defaults and
// defconfig give (4K pages): enough for asm/page-def.h, memory.h and pgtable-hwdef.h to preprocess.
// ARM64_PAGE_SHIFT became the generic PAGE_SHIFT in v6.9; NR_CPUS's default went from 256 to 512.
const ARM64_CORE = ['CONFIG_ARM64', 'CONFIG_64BIT', 'CONFIG_SMP', 'CONFIG_ARM64_4K_PAGES', 'CONFIG_ARM64_CONT_PTE_SHIFT=4', 'CONFIG_ARM64_CONT_PMD_SHIFT=4'];
/** Up to v6.8: ARM64_PAGE_SHIFT, defconfig's 48-bit VA with four levels, 48-bit PA. */
const ARM64_VA48 = [...ARM64_CORE, 'CONFIG_ARM64_PAGE_SHIFT=12', 'CONFIG_NR_CPUS=256',
  'CONFIG_ARM64_VA_BITS_48', 'CONFIG_ARM64_VA_BITS=48', 'CONFIG_ARM64_PA_BITS_48', 'CONFIG_ARM64_PA_BITS=48', 'CONFIG_PGTABLE_LEVELS=4'];
/** From v6.9: generic PAGE_SHIFT/PAGE_SIZE_4KB, and the 52-bit VA default (LPA2, five levels with 4K pages). */
const ARM64_VA52 = [...ARM64_CORE, 'CONFIG_PAGE_SIZE_4KB', 'CONFIG_PAGE_SHIFT=12', 'CONFIG_ARM64_PAGE_SHIFT=12', 'CONFIG_PAGE_SIZE_LESS_THAN_64KB', 'CONFIG_PAGE_SIZE_LESS_THAN_256KB',
  'CONFIG_NR_CPUS=512', 'CONFIG_ARM64_VA_BITS_52', 'CONFIG_ARM64_VA_BITS=52', 'CONFIG_ARM64_PA_BITS_52', 'CONFIG_ARM64_PA_BITS=52', 'CONFIG_ARM64_LPA2', 'CONFIG_PGTABLE_LEVELS=5'];

const BASE = ['CONFIG_FUNCTION_TRACER', 'CONFIG_FUNCTION_GRAPH_TRACER', 'CONFIG_DYNAMIC_FTRACE', 'CONFIG_FRAME_POINTER', 'CONFIG_KPROBES'];
const WITH_REGS = [...BASE, 'CONFIG_HAVE_DYNAMIC_FTRACE_WITH_REGS', 'CONFIG_DYNAMIC_FTRACE_WITH_REGS', 'CONFIG_ARM64_MODULE_PLTS'];
const PAC_BTI = ['CONFIG_ARM64_PTR_AUTH', 'CONFIG_ARM64_PTR_AUTH_KERNEL', 'CONFIG_ARM64_BTI', 'CONFIG_ARM64_BTI_KERNEL'];
const WITH_ARGS = [...BASE, 'CONFIG_HAVE_DYNAMIC_FTRACE_WITH_ARGS', 'CONFIG_DYNAMIC_FTRACE_WITH_ARGS', 'CONFIG_ARM64_MODULE_PLTS', ...PAC_BTI];
const CALL_OPS = [...WITH_ARGS, 'CONFIG_HAVE_DYNAMIC_FTRACE_WITH_CALL_OPS', 'CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS', 'CONFIG_FUNCTION_ALIGNMENT_8B', 'CONFIG_FUNCTION_ALIGNMENT=8'];
const DIRECT = [...CALL_OPS, 'CONFIG_HAVE_DYNAMIC_FTRACE_WITH_DIRECT_CALLS', 'CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS', 'CONFIG_HAVE_FUNCTION_GRAPH_RETVAL'];

const MCOUNT_SYMBOLS = ['_mcount', 'ftrace_caller', 'ftrace_call', 'ftrace_graph_call', 'ftrace_graph_caller', 'ftrace_stub', 'return_to_handler'];
const REGS_SYMBOLS = ['_mcount', 'ftrace_regs_caller', 'ftrace_caller', 'ftrace_common', 'ftrace_call', 'ftrace_graph_call', 'ftrace_graph_caller', 'ftrace_stub', 'return_to_handler'];

/** Oldest first. */
export const KERNEL_ERAS: readonly KernelEra[] = [
  {
    name: 'mcount',
    aliases: ['pg', '_mcount', 'pre-5.5', '4.19', '5.4'],
    kernels: 'v3.16–v5.4',
    description:
      'GCC -pg: each function calls _mcount after its prologue (mov x0, x30; bl _mcount). Dynamic ftrace turns the BL into a NOP at boot and into bl ftrace_caller when traced; ftrace_call and ftrace_graph_call are NOP patch sites inside ftrace_caller. One 16-byte frame record, plain ret.',
    callsite: 'mcount',
    saveArea: 'frame-record',
    symbols: MCOUNT_SYMBOLS,
    config: [...ARM64_VA48, ...BASE],
  },
  {
    name: '5.5-with-regs',
    aliases: ['5.5', 'with-regs', 'dynamic-ftrace-with-regs', '2019'],
    kernels: 'v5.5–v5.9',
    description:
      'DYNAMIC_FTRACE_WITH_REGS as merged in 2019 (Torsten Duwe, reworked by Mark Rutland): -fpatchable-function-entry=2 gives two NOPs before the prologue, patched to mov x9, lr; bl ftrace_caller or ftrace_regs_caller. Both build a struct pt_regs (S_X* offsets, S_FRAME_SIZE) and share ftrace_common; exit restores x0-x8, fp, lr and returns with ret x9.',
    callsite: 'patchable-2',
    saveArea: 'pt_regs',
    symbols: REGS_SYMBOLS,
    config: [...ARM64_VA48, ...WITH_REGS],
  },
  {
    name: '5.10',
    aliases: ['5.10-lts', 'v5.10'],
    kernels: 'v5.10–v5.15',
    description:
      'WITH_REGS as in 5.5, annotated with SYM_CODE_START; struct pt_regs grows lockdep_hardirqs/exit_rcu (S_FRAME_SIZE 336). No bti c at the trampoline entries before v5.16 (35b6b28e6998).',
    callsite: 'patchable-2',
    saveArea: 'pt_regs',
    symbols: REGS_SYMBOLS,
    config: [...ARM64_VA48, ...WITH_REGS],
  },
  {
    name: '6.1',
    aliases: ['6.1-lts', 'v6.1', '5.16'],
    kernels: '~v5.16–v6.1',
    description:
      'WITH_REGS with bti c at ftrace_caller and ftrace_regs_caller, PT_REGS_SIZE and S_SDEI_TTBR1; ftrace_stub and ftrace_stub_graph are SYM_TYPED_FUNC_START (kCFI). Graph tracing goes through an ftrace_ops callback (no ftrace_graph_call patch site, ~v6.1).',
    callsite: 'patchable-2',
    saveArea: 'pt_regs',
    symbols: ['_mcount', 'ftrace_regs_caller', 'ftrace_caller', 'ftrace_common', 'ftrace_call', 'ftrace_stub', 'ftrace_stub_graph', 'return_to_handler'],
    config: [...ARM64_VA48, ...WITH_REGS, ...PAC_BTI],
  },
  {
    name: '6.2-with-args',
    aliases: ['6.2', 'with-args', 'dynamic-ftrace-with-args'],
    kernels: 'v6.2',
    description:
      'DYNAMIC_FTRACE_WITH_ARGS (26299b3f6ba2): one entry, ftrace_caller, saving a struct ftrace_regs (FREGS_*, 112 bytes) plus two frame records; ftrace_call is the only trampoline patch site; exit ret x9.',
    callsite: 'patchable-2',
    saveArea: 'ftrace_regs',
    symbols: ['_mcount', 'ftrace_caller', 'ftrace_call', 'ftrace_stub', 'ftrace_stub_graph', 'return_to_handler'],
    config: [...ARM64_VA48, ...WITH_ARGS],
  },
  {
    name: '6.3-call-ops',
    aliases: ['6.3', '6.4', 'call-ops'],
    kernels: '~v6.3–v6.4',
    description:
      'WITH_ARGS + CALL_OPS (baaf553d3bc3): -fpatchable-function-entry=4,2 and 8-aligned functions put an ops literal 8 bytes before each function; ftrace_caller finds it from x30 (bic #7, -16) and calls ops->func (FTRACE_OPS_FUNC) with blr. No ftrace_call site in that configuration.',
    callsite: 'patchable-4-2',
    saveArea: 'ftrace_regs',
    symbols: ['_mcount', 'ftrace_caller', 'ftrace_stub', 'ftrace_stub_graph', 'return_to_handler'],
    config: [...ARM64_VA48, ...CALL_OPS],
  },
  {
    name: '6.12',
    aliases: ['6.5', '6.6', '6.6-lts', '6.12-lts', 'direct-calls'],
    kernels: '~v6.5–v6.12',
    description:
      'WITH_ARGS + CALL_OPS + DIRECT_CALLS: ftrace_caller loads ops->direct_call (FTRACE_OPS_DIRECT_CALL) into x17 and branches early (br x17) or late via fregs->direct_tramp (FREGS_DIRECT_TRAMP); ftrace_stub_direct_tramp documents the direct-trampoline contract. return_to_handler saves a struct fgraph_ret_regs (FGRET_REGS_*).',
    callsite: 'patchable-4-2',
    saveArea: 'ftrace_regs',
    symbols: ['_mcount', 'ftrace_caller', 'ftrace_stub_direct_tramp', 'ftrace_stub', 'ftrace_stub_graph', 'return_to_handler'],
    config: [...ARM64_VA52, ...DIRECT],
  },
  {
    name: '6.13+',
    aliases: ['6.13', '6.14', '6.15', '6.16', '6.17'],
    kernels: '~v6.13–v6.17',
    description:
      'As 6.12, with struct __arch_ftrace_regs (same FREGS_* offsets), return_to_handler saving ftrace_regs, and pt_regs.stackframe a struct frame_record_meta (S_PMR, S_STACKFRAME 296, S_STACKFRAME_TYPE 312).',
    callsite: 'patchable-4-2',
    saveArea: '__arch_ftrace_regs',
    symbols: ['_mcount', 'ftrace_caller', 'ftrace_stub_direct_tramp', 'ftrace_stub', 'ftrace_stub_graph', 'return_to_handler'],
    config: [...ARM64_VA52, ...DIRECT],
  },
  {
    name: 'newest',
    aliases: ['mainline', 'latest', 'current'],
    kernels: 'after the arm64 irqentry rework (version unverified)',
    description:
      'Current mainline: as 6.13+, with lockdep_hardirqs/exit_rcu moved out of struct pt_regs (PT_REGS_SIZE 320).',
    callsite: 'patchable-4-2',
    saveArea: '__arch_ftrace_regs',
    symbols: ['_mcount', 'ftrace_caller', 'ftrace_stub_direct_tramp', 'ftrace_stub', 'ftrace_stub_graph', 'return_to_handler'],
    config: [...ARM64_VA52, ...DIRECT],
  },
];

export const DEFAULT_ERA_NAME: EraName = 'newest';

/**
 * Kconfig symbols that ftrace and arm64 code tests but that no era's typical config above sets
 * (options off in those builds, compiler and feature switches). With the eras' configs this is the
 * built-in list unknown CONFIG_ names are checked against when no kernel tree is configured.
 */
const OTHER_KCONFIG = [
  'FTRACE', 'TRACING', 'TRACER_MAX_TRACE', 'FUNCTION_PROFILER', 'STACK_TRACER', 'FUNCTION_GRAPH_RETVAL', 'HAVE_FUNCTION_GRAPH_FREGS',
  'HAVE_FUNCTION_TRACER', 'HAVE_FUNCTION_GRAPH_TRACER', 'HAVE_DYNAMIC_FTRACE', 'HAVE_FTRACE_MCOUNT_RECORD', 'FTRACE_MCOUNT_RECORD',
  'FTRACE_MCOUNT_USE_CC', 'FTRACE_MCOUNT_USE_OBJTOOL', 'FTRACE_MCOUNT_USE_RECORDMCOUNT', 'FTRACE_MCOUNT_USE_PATCHABLE_FUNCTION_ENTRY',
  'DYNAMIC_FTRACE_WITH_ARGS', 'HAVE_DYNAMIC_FTRACE_WITH_ARGS', 'FUNCTION_ALIGNMENT_4B', 'FUNCTION_ALIGNMENT_16B', 'FUNCTION_ALIGNMENT_32B', 'FUNCTION_ALIGNMENT_64B',
  'CC_IS_GCC', 'CC_IS_CLANG', 'GCC_VERSION', 'CLANG_VERSION', 'CLANG_SUPPORTS_DYNAMIC_FTRACE_WITH_ARGS', 'GCC_SUPPORTS_DYNAMIC_FTRACE_WITH_ARGS',
  'CC_OPTIMIZE_FOR_SIZE', 'CC_OPTIMIZE_FOR_PERFORMANCE', 'CPU_BIG_ENDIAN', 'CPU_LITTLE_ENDIAN', 'CFI_CLANG', 'SHADOW_CALL_STACK', 'UNWIND_PATCH_PAC_INTO_SCS',
  'ARM64_LSE_ATOMICS', 'ARM64_USE_LSE_ATOMICS', 'ARM64_PSEUDO_NMI', 'ARM64_SW_TTBR0_PAN', 'ARM64_ERRATUM_843419', 'ARM64_4K_PAGES', 'ARM64_16K_PAGES',
  'ARM64_64K_PAGES', 'ARM64_VA_BITS', 'ARM64_PA_BITS', 'ARM64_POE', 'ARM64_GCS', 'ARM64_MTE', 'RANDOMIZE_BASE', 'RANDOMIZE_MODULE_REGION_FULL',
  'MODULES', 'MODULE_UNLOAD', 'MODULE_SECTIONS', 'STRICT_KERNEL_RWX', 'STRICT_MODULE_RWX', 'KASAN', 'KASAN_GENERIC', 'KASAN_SW_TAGS', 'KASAN_HW_TAGS',
  'KPROBES_ON_FTRACE', 'HAVE_KPROBES_ON_FTRACE', 'UPROBES', 'KRETPROBES', 'LIVEPATCH', 'HAVE_LIVEPATCH', 'BPF_JIT', 'BPF_SYSCALL', 'FPROBE', 'HAVE_FUNCTION_ARG_ACCESS_API',
  'STACKTRACE', 'UNWINDER_FRAME_POINTER', 'HAVE_RELIABLE_STACKTRACE', 'SMP', 'PREEMPTION', 'PREEMPT', 'LOCKDEP', 'PROVE_LOCKING', 'TRACE_IRQFLAGS',
  'DEBUG_INFO', 'KVM', 'JUMP_LABEL', 'ARM64', 'ARM64_PTR_AUTH', 'ARM64_BTI', 'FUNCTION_ALIGNMENT',
];

let known: ReadonlySet<string> | undefined;

/** The Kconfig symbols (without CONFIG_) of every era's config and OTHER_KCONFIG: a partial list. */
export function knownKconfigSymbols(): ReadonlySet<string> {
  if (!known) {
    const s = new Set(OTHER_KCONFIG);
    for (const e of KERNEL_ERAS) for (const c of e.config) s.add(c.replace(/=.*$/, '').replace(/^CONFIG_/, ''));
    known = s;
  }
  return known;
}

const BY_NAME = new Map<string, KernelEra>();
for (const era of KERNEL_ERAS) {
  BY_NAME.set(era.name.toLowerCase(), era);
  for (const a of era.aliases) BY_NAME.set(a.toLowerCase(), era);
}

/** The era called `name` (or one of its aliases; case and a leading 'v' ignored). */
export function findEra(name: string): KernelEra | undefined {
  const key = name.trim().toLowerCase();
  return BY_NAME.get(key) ?? BY_NAME.get(key.replace(/^v(?=\d)/, ''));
}

export function defaultEra(): KernelEra {
  return findEra(DEFAULT_ERA_NAME)!;
}

export function eraNames(): EraName[] {
  return KERNEL_ERAS.map((e) => e.name);
}

/** The era's config as preprocessor defines, as a kernel build's autoconf.h would set them. */
export function eraDefines(era: KernelEra): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of era.config) {
    const eq = c.indexOf('=');
    if (eq < 0) out.set(c, '1');
    else out.set(c.slice(0, eq), c.slice(eq + 1));
  }
  return out;
}

export function eraHasConfig(era: KernelEra, symbol: string): boolean {
  return eraDefines(era).has(symbol);
}

/** The era's config in the shape of a build's include/generated/autoconf.h. */
export function formatAutoconfHeader(era: KernelEra): string {
  const out = [
    '/*',
    ` * Kconfig of a typical build of era ${era.name}, written by aarch64-ftrace`,
    ' * (formatAutoconfHeader in server/src/ftrace/eras.ts), not by a kernel build.',
    ' */',
  ];
  for (const [name, value] of eraDefines(era)) out.push(`#define ${name} ${value}`);
  out.push('');
  return out.join('\n');
}
