// Contracts: the entry facts and exit obligations of each kind of code in entry-ftrace.S, named
// and documented once (the README and hovers are generated from CONTRACTS), and their built-in
// assignment to the kernel's symbol names per trampoline style.
import type { FtraceStyle, Program } from './program';

export type ContractName = 'aapcs' | 'mcount' | 'ftrace-entry' | 'ftrace-direct' | 'return-to-handler' | 'continuation' | 'none';

/** What control must reach, and through what, at a return or a tail branch. */
export type ExitConvention =
  /** `ret` through x30 holding the entry x30 (tail branches: x30 still the entry x30). */
  | 'aapcs'
  /** To the resume address (entry x30) with x30 = parent LR (entry x9), e.g. `ret x9`; or on to a direct trampoline with x9/x30 as at entry. */
  | 'ftrace'
  /** `ret` to the address the handler call returned in x0. */
  | 'return-handler';

export interface Contract {
  readonly name: ContractName;
  readonly title: string;
  /** Markdown: entry facts, exit obligations, where the kernel uses it. */
  readonly doc: string;
  /** Analysed from its symbol as an entry point. */
  readonly entry: boolean;
  /** Entered by BR/BLR (module PLT `br x16`, `br x17`, function pointers): needs a landing pad under BTI. */
  readonly indirect: boolean;
  /** Registers that hold arguments or return values and must come back intact (x0–x8, x0–x7). */
  readonly args: readonly number[];
  readonly exit: ExitConvention;
  /** What a register's entry value is (register hovers say it where a register still holds it). */
  readonly entryRoles: Readonly<Record<number, string>>;
  /** What the kernel's code of this kind keeps in a free register once it has set it (hovers). */
  readonly conventions: Readonly<Record<number, string>>;
  /** Registers whose entry value means nothing (x16: a module PLT's scratch): reading one is a bug. */
  readonly meaninglessAtEntry: readonly number[];
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const numbered = (regs: readonly number[], what: string): Record<number, string> => Object.fromEntries(regs.map((r) => [r, `${what} ${r}`]));

const PLT_SCRATCH = 'scratch of the module PLT that may lead here (`adrp x16 …; br x16`): meaningless';
const TRACED_ARGS: Record<number, string> = {
  ...numbered(range(0, 7), 'argument'),
  8: 'the indirect result location',
};
const OF_TRACED = Object.fromEntries(Object.entries(TRACED_ARGS).map(([r, t]) => [r, `${t} of the traced function`]));
const SCS = 'the shadow call stack pointer (CONFIG_SHADOW_CALL_STACK)';

export const CONTRACTS: Readonly<Record<ContractName, Contract>> = {
  aapcs: {
    name: 'aapcs',
    title: 'AAPCS64 function',
    doc:
      'An ordinary AAPCS64 callee (`SYM_FUNC_START`, `ftrace_stub`). Entry: x0–x7 arguments, x30 the return address. ' +
      'Exit: x19–x29, sp and d8–d15 hold their entry values (x18 too under CONFIG_SHADOW_CALL_STACK); return with `ret` through x30 holding the entry x30. ' +
      'x0–x18, x30 and the flags may be clobbered. Not presumed to be called through pointers (only the kernel symbols that are — `ftrace_stub`, `ftrace_stub_graph` — need a landing pad).',
    entry: true,
    indirect: false,
    args: [],
    exit: 'aapcs',
    entryRoles: { ...TRACED_ARGS, 18: SCS, 29: "the caller's frame pointer", 30: 'the return address' },
    conventions: {},
    meaninglessAtEntry: [],
  },
  mcount: {
    name: 'mcount',
    title: 'mcount-era trampoline',
    doc:
      'Reached by `bl _mcount` after the instrumented function built its frame record (`-pg`: `mov x0, x30; bl _mcount`), or by the BL that dynamic ftrace patches in (`ftrace_caller`). ' +
      'To the compiler this is an ordinary AAPCS64 call, so the obligations are those of `aapcs`: x19–x29, sp, d8–d15 preserved, `ret` through the entry x30 (restored from the trampoline\'s own frame record). Entered through module PLTs (`br x16`).',
    entry: true,
    indirect: true,
    args: [],
    exit: 'aapcs',
    entryRoles: {
      0: "the traced function's LR (`mov x0, x30` before `bl _mcount`; the kernel ignores it)",
      16: PLT_SCRATCH,
      18: SCS,
      29: "the traced function's frame record",
      30: 'the return address into the traced function',
    },
    conventions: {},
    meaninglessAtEntry: [16],
  },
  'ftrace-entry': {
    name: 'ftrace-entry',
    title: 'ftrace entry trampoline (WITH_REGS / WITH_ARGS)',
    doc:
      'Reached from a patched callsite `mov x9, x30; bl <entry>` before the traced function\'s prologue (`ftrace_caller`, `ftrace_regs_caller`). ' +
      'Entry: x9 = parent LR, x30 = resume address (callsite BL + 4), x0–x8 arguments, x18 the shadow call stack, x19–x29 callee-saved, sp 16-byte aligned. ' +
      'Exit: x0–x8, x18 (under CONFIG_SHADOW_CALL_STACK), x19–x29, sp and d8–d15 equal their entry values, x30 = parent LR, and control goes to the resume address (`ret x9`); ' +
      'or, for a direct call, `br x17` with x9 = parent LR and x30 = resume address as at entry (see `ftrace-direct`). x9–x17 and the flags are free. Entered through module PLTs (`br x16`).',
    entry: true,
    indirect: true,
    args: range(0, 8),
    exit: 'ftrace',
    entryRoles: {
      ...OF_TRACED,
      9: "the parent LR (the traced function's return address)",
      16: PLT_SCRATCH,
      17: 'meaningless (loaded with the direct trampoline under DIRECT_CALLS)',
      18: SCS,
      29: "the traced function's caller frame",
      30: 'the resume address (callsite BL + 4)',
    },
    conventions: {
      9: 'the resume address once the parent LR is back in x30 (`ret x9`)',
      10: 'the entry sp (saved as FREGS_SP / S_SP)',
      11: 'the ftrace_ops pointer (CALL_OPS: the literal before the traced function)',
      17: 'the direct trampoline (DIRECT_CALLS: ops->direct_call or fregs->direct_tramp), taken by `br x17`',
    },
    meaninglessAtEntry: [16],
  },
  'ftrace-direct': {
    name: 'ftrace-direct',
    title: 'direct-call trampoline',
    doc:
      'The code `br x17` reaches on the direct-call paths (`ftrace_stub_direct_tramp`, BPF trampolines). ' +
      'Entry: x17 = its own address, x9 = parent LR, x30 = resume address, x0–x8 arguments. ' +
      'Exit: as `ftrace-entry` — x30 = parent LR (from x9), control to the resume address through another register (`mov x10, x30; mov x30, x9; ret x10`); x0–x8, x18 (SCS), x19–x29, sp, d8–d15 intact. Entered by `br x17`, so it needs a landing pad under BTI.',
    entry: true,
    indirect: true,
    args: range(0, 8),
    exit: 'ftrace',
    entryRoles: {
      ...OF_TRACED,
      9: "the parent LR (the traced function's return address)",
      17: "this trampoline's own address (reached by `br x17`)",
      18: SCS,
      29: "the traced function's caller frame",
      30: 'the resume address (callsite BL + 4)',
    },
    conventions: { 10: 'the resume address while x30 gets the parent LR back (`ret x10`)' },
    meaninglessAtEntry: [],
  },
  'return-to-handler': {
    name: 'return-to-handler',
    title: 'graph-tracer return hook',
    doc:
      'Reached by the traced function\'s `ret` after the graph tracer replaced its return address (`return_to_handler`). ' +
      'Entry: x0–x7 hold the traced function\'s return values, x29 its caller\'s frame. ' +
      'Exit: x0–x7, x19–x29, sp, d8–d15 (and x18 under SCS) intact; `ret` to the original return address that `ftrace_return_to_handler` returned in x0. Reached by RET, so no landing pad is needed.',
    entry: true,
    indirect: false,
    args: range(0, 7),
    exit: 'return-handler',
    entryRoles: { ...numbered(range(0, 7), 'return value'), 18: SCS, 29: "the traced function's caller frame" },
    conventions: {},
    meaninglessAtEntry: [],
  },
  continuation: {
    name: 'continuation',
    title: 'continuation of another trampoline',
    doc:
      'A label inside a trampoline reached by a branch (`ftrace_common`, `ftrace_graph_caller`, `ftrace_common_return`, `ftrace_caller_direct`): ' +
      'checked as part of the entries that reach it, never on its own.',
    entry: false,
    indirect: false,
    args: [],
    exit: 'aapcs',
    entryRoles: {},
    conventions: {},
    meaninglessAtEntry: [],
  },
  none: {
    name: 'none',
    title: 'not checked',
    doc: 'No obligations: the checker does not analyse this symbol as an entry (data, or code outside any contract).',
    entry: false,
    indirect: false,
    args: [],
    exit: 'aapcs',
    entryRoles: {},
    conventions: {},
    meaninglessAtEntry: [],
  },
};

export const CONTRACT_NAMES = Object.keys(CONTRACTS) as ContractName[];

export function isContractName(s: string): s is ContractName {
  return Object.prototype.hasOwnProperty.call(CONTRACTS, s);
}

const SYMBOL_NAME = /^[A-Za-z_.$][\w.$]*$/;

/**
 * Per-symbol overrides from settings (`abi.contracts`) or `check --contract`: the valid ones, and
 * a message for each entry naming no known contract or no possible symbol (those are ignored).
 */
export function contractOverrides(raw: ReadonlyMap<string, string> | Readonly<Record<string, string>> | undefined): {
  overrides: Map<string, ContractName>;
  problems: string[];
} {
  const overrides = new Map<string, ContractName>();
  const problems: string[] = [];
  const entries = !raw ? [] : raw instanceof Map ? [...raw.entries()] : Object.entries(raw as Record<string, string>);
  for (const [symbol, name] of entries) {
    if (!SYMBOL_NAME.test(symbol)) problems.push(`abi.contracts: '${symbol}' is not a symbol name; entry ignored`);
    else if (!isContractName(name)) problems.push(`abi.contracts: unknown contract '${name}' for ${symbol}; known: ${CONTRACT_NAMES.join(', ')}`);
    else overrides.set(symbol, name);
  }
  return { overrides, problems };
}

/**
 * Patch sites inside the trampolines: words ftrace rewrites at run time. `ftrace_call` (a NOP or
 * `bl ftrace_stub` as compiled) becomes `bl <tracer>`, so it is a call; `ftrace_graph_call` (a
 * NOP) becomes `b ftrace_graph_caller`, so control may go there.
 */
export const PATCH_SITES: Readonly<Record<string, { kind: 'call' } | { kind: 'branch'; target: string }>> = {
  ftrace_call: { kind: 'call' },
  ftrace_graph_call: { kind: 'branch', target: 'ftrace_graph_caller' },
};

const COMMON: Record<string, ContractName> = {
  ftrace_stub: 'aapcs',
  ftrace_stub_graph: 'aapcs',
  return_to_handler: 'return-to-handler',
  ftrace_graph_caller: 'continuation',
  ftrace_call: 'continuation',
  ftrace_graph_call: 'continuation',
};

const BY_STYLE: Record<FtraceStyle, Record<string, ContractName>> = {
  mcount: { ...COMMON, _mcount: 'mcount', ftrace_caller: 'mcount' },
  patchable: {
    ...COMMON,
    _mcount: 'aapcs',
    ftrace_caller: 'ftrace-entry',
    ftrace_regs_caller: 'ftrace-entry',
    ftrace_common: 'continuation',
    ftrace_common_return: 'continuation',
    ftrace_caller_direct: 'continuation',
    ftrace_caller_direct_late: 'continuation',
    ftrace_stub_direct_tramp: 'ftrace-direct',
  },
};

/** Kernel functions called through pointers (kCFI-typed stubs): BLR targets under BTI. */
export const INDIRECT_CALL_TARGETS: ReadonlySet<string> = new Set(['ftrace_stub', 'ftrace_stub_graph']);

/** The built-in contract of a kernel symbol name, if it has one in that style. */
export function builtinContract(name: string, style: FtraceStyle): ContractName | undefined {
  return BY_STYLE[style][name];
}

export interface Assignment {
  readonly contract: ContractName;
  /** Where the assignment came from, for messages and hovers. */
  readonly source: 'override' | 'kernel-name' | 'function-type' | 'default';
}

/** A symbol's contract: override, then kernel name, then `.type name, %function` (aapcs), else none. */
export function assignContract(p: Program, name: string, style: FtraceStyle): Assignment {
  const o = p.contractOverrides.get(name);
  if (o) return { contract: o, source: 'override' };
  const b = builtinContract(name, style);
  if (b) return { contract: b, source: 'kernel-name' };
  if (p.symbols.get(name)?.type === 'function') return { contract: 'aapcs', source: 'function-type' };
  return { contract: 'none', source: 'default' };
}

/** The README's contract section (and a symbol's hover), from CONTRACTS and the name tables. */
export function contractsMarkdown(): string {
  const out: string[] = [];
  const regs = (m: Readonly<Record<number, string>>) =>
    Object.entries(m)
      .map(([r, t]) => `x${r} ${t}`)
      .join('; ');
  for (const name of CONTRACT_NAMES) {
    const c = CONTRACTS[name];
    out.push(`### \`${name}\` — ${c.title}`, '', c.doc, '');
    if (Object.keys(c.entryRoles).length) out.push(`Registers at entry: ${regs(c.entryRoles)}.`, '');
    if (Object.keys(c.conventions).length) out.push(`Kept in free registers by the kernel's code: ${regs(c.conventions)}.`, '');
  }
  const names = (style: FtraceStyle) =>
    Object.entries(BY_STYLE[style])
      .map(([sym, c]) => `\`${sym}\` → \`${c}\``)
      .join(', ');
  out.push(
    '### Assignment',
    '',
    `Built in, by kernel symbol name: mcount era: ${names('mcount')}; patchable-entry eras (WITH_REGS, WITH_ARGS): ${names('patchable')}. ` +
      'Any other symbol typed `%function` (`SYM_FUNC_START`) is `aapcs`; the rest are not checked. ' +
      'The era is told by the file (`ftrace_regs_caller`/`ftrace_common` defined, or `ftrace_caller` reading x9 before writing it), else by CONFIG_DYNAMIC_FTRACE_WITH_ARGS/REGS.',
    '',
    'Overrides, strongest first:',
    '',
    '1. a comment on the line of the symbol\'s definition or on a line before it: `// aarch64-ftrace: contract=ftrace-entry` (optionally `symbol=NAME` to name the symbol);',
    '2. the setting `aarch64-ftrace.abi.contracts` (`{"my_tramp": "ftrace-entry"}`), or `check --contract SYMBOL=NAME[,…]` on the command line;',
    '3. the built-in assignment above.',
    '',
    'An unknown contract name is reported (a comment: `abi/unknown-contract` at the comment; a setting: in the server log; `check --contract`: a usage error, exit 2) and the symbol keeps its built-in contract.',
  );
  return out.join('\n');
}
