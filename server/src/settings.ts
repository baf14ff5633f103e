// The settings schema, defined once and read by both sides (as vscode-eslint's $shared/settings.ts):
// the client reads it for `initializationOptions` and its own switches, the server normalises
// whatever an editor sends (VS Code's nested object, Neovim's or Emacs' initializationOptions)
// through `normalizeSettings`, and package.json's `contributes.configuration` is generated from
// `SETTINGS` (test/lsp-settings.test.ts fails when the two differ). No vscode or LSP import here.
import { CONTRACT_NAMES } from './analysis/contracts';
import { CODE_FAMILIES, SEVERITY_KEYS, isSeverityKey } from './diagnostic-codes';

export const SECTION = 'aarch64-ftrace';

export type RuleSeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';
export const RULE_SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface Settings {
  /** Bytes above which a document gets highlighting only (applies after a server restart). */
  readonly maxFileSize: number;
  /** Milliseconds of quiet after an edit before diagnostics are recomputed. */
  readonly debounceMs: number;
  /** `-I` directories, absolute or relative to the workspace folder. */
  readonly includePaths: readonly string[];
  /** Files read before the document (`-include`), as kbuild forces include/linux/kconfig.h. */
  readonly includeFiles: readonly string[];
  /** A kernel source tree: adds the include paths kbuild passes for arm64. */
  readonly kernelSourceRoot: string;
  /** A kernel build directory (O=): asm-offsets.h, .config, System.map. */
  readonly buildDir: string;
  /** A kernel `.config`; empty: `<buildDir>/.config` when there is one. */
  readonly kconfig: string;
  /** Kernel era for built-in tables (asm-offsets, config); 'auto' = the build dir's or source tree's version, else the newest. */
  readonly era: string;
  /** `CONFIG_*` overrides: 'y', 'm', 'n' (unset) or a value. */
  readonly config: Readonly<Record<string, string>>;
  /** Extra `-D NAME[=VALUE]`. */
  readonly defines: readonly string[];
  /** `OLD=NEW` as gcc's -fmacro-prefix-map: `__FILE__` under OLD is given under NEW. */
  readonly macroPrefixMap: readonly string[];
  readonly diagnostics: {
    readonly enable: boolean;
    /** Per code ('abi/stack-imbalance'), family ('abi/*') or '*' (diagnostic-codes.ts); 'off' hides it. */
    readonly severity: Readonly<Record<string, RuleSeverity>>;
  };
  readonly abi: {
    /** ABI contract per symbol (`ftrace_caller` → `ftrace-entry`); a contract comment in the file wins. */
    readonly contracts: Readonly<Record<string, string>>;
  };
  readonly inlayHints: {
    readonly enable: boolean;
    readonly address: boolean;
    readonly word: boolean;
    /** Words produced by a macro invocation or `.rept` on its line. */
    readonly expansions: boolean;
  };
  readonly codeLens: {
    readonly patchSites: boolean;
    readonly contracts: boolean;
    readonly insnGen: boolean;
  };
  readonly c: {
    readonly enable: boolean;
    /** Glob on the file path: C files matching it are analysed. */
    readonly activationPattern: string;
    /** C files including one of these headers are analysed too. */
    readonly activationIncludes: readonly string[];
  };
}

/** One setting of `contributes.configuration`, relative to SECTION. */
export interface SettingSpec {
  readonly key: string;
  readonly type: 'string' | 'number' | 'boolean' | 'array' | 'object';
  readonly default: unknown;
  readonly description: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly items?: { readonly type: 'string' };
  readonly additionalProperties?: unknown;
  /** JSON schema of an object's keys (editors complete and check them). */
  readonly propertyNames?: unknown;
  readonly scope?: 'window' | 'resource' | 'machine-overridable';
  /** Path-like: restricted in untrusted workspaces (clangd's client does the same). */
  readonly restricted?: boolean;
  /** Read by the client only (the server never sees it). */
  readonly clientOnly?: boolean;
}

export interface SettingsSection {
  readonly title: string;
  readonly settings: readonly SettingSpec[];
}

/** Kernel era names accepted by `era` (mirrors ftrace/eras.ts; checked by a test). */
export const ERA_CHOICES: readonly string[] = ['auto', 'mcount', '5.5-with-regs', '5.10', '6.1', '6.2-with-args', '6.3-call-ops', '6.12', '6.13+', 'newest'];

const severityMap = { type: 'string', enum: RULE_SEVERITIES };

export const SETTINGS: readonly SettingsSection[] = [
  {
    title: 'Server',
    settings: [
      {
        key: 'trace.server',
        type: 'string',
        enum: ['off', 'messages', 'verbose'],
        default: 'off',
        scope: 'window',
        clientOnly: true,
        description: 'Traces the communication between VS Code and the aarch64-ftrace language server.',
      },
      {
        key: 'maxFileSize',
        type: 'number',
        default: 4194304,
        minimum: 1,
        scope: 'window',
        description: 'Documents larger than this many bytes (or that look binary) get highlighting only. Applies after restarting the server.',
      },
      {
        key: 'debounceMs',
        type: 'number',
        default: 200,
        minimum: 0,
        scope: 'window',
        description: 'Milliseconds of quiet after an edit before the document is analysed again for diagnostics.',
      },
    ],
  },
  {
    title: 'Kernel tree',
    settings: [
      {
        key: 'includePaths',
        type: 'array',
        items: { type: 'string' },
        default: [],
        scope: 'resource',
        restricted: true,
        description: 'Include directories (`-I`) for `#include` and `.include`, absolute or relative to the workspace folder.',
      },
      {
        key: 'includeFiles',
        type: 'array',
        items: { type: 'string' },
        default: [],
        scope: 'resource',
        restricted: true,
        description: 'Files preprocessed before each document (`-include`), absolute or relative to the workspace folder, e.g. the kernel\'s include/linux/kconfig.h as kbuild passes it.',
      },
      {
        key: 'kernelSourceRoot',
        type: 'string',
        default: '',
        scope: 'resource',
        restricted: true,
        description: "A Linux source tree. Adds the include paths kbuild passes for arm64 (arch/arm64/include, include, their uapi and generated directories). Empty: the built-in kernel headers' fallbacks are used.",
      },
      {
        key: 'buildDir',
        type: 'string',
        default: '',
        scope: 'resource',
        restricted: true,
        description: 'A kernel build directory (O=): include/generated/asm-offsets.h, .config and System.map are read from it.',
      },
      {
        key: 'kconfig',
        type: 'string',
        default: '',
        scope: 'resource',
        restricted: true,
        description: 'A kernel .config giving the CONFIG_* values. Empty: <buildDir>/.config when it exists, else the era\'s typical config.',
      },
      {
        key: 'era',
        type: 'string',
        enum: ERA_CHOICES,
        default: 'auto',
        scope: 'resource',
        description: 'Kernel era for the built-in asm-offsets tables, config, insn.h tables and patch-site models. "auto": the kernel version of the build directory (include/generated/utsrelease.h), else of the source tree (its Makefile), else a `// aarch64-ftrace: era=NAME` comment in the file, else the newest. The status bar says which decided.',
      },
      {
        key: 'config',
        type: 'object',
        default: {},
        additionalProperties: { type: 'string' },
        scope: 'resource',
        description: 'CONFIG_* overrides, e.g. {"CONFIG_SHADOW_CALL_STACK": "y", "CONFIG_ARM64_BTI_KERNEL": "n"}; "n" unsets a symbol.',
      },
      {
        key: 'defines',
        type: 'array',
        items: { type: 'string' },
        default: [],
        scope: 'resource',
        description: 'Extra preprocessor definitions, NAME or NAME=VALUE (as -D).',
      },
      {
        key: 'macroPrefixMap',
        type: 'array',
        items: { type: 'string' },
        default: [],
        scope: 'resource',
        description: "OLD=NEW, as gcc's -fmacro-prefix-map: a `__FILE__` or `__BASE_FILE__` starting with OLD starts with NEW instead (the last that matches wins). kbuild passes `-fmacro-prefix-map=<source tree>/=`, so file names in BUG tables are relative.",
      },
    ],
  },
  {
    title: 'Diagnostics',
    settings: [
      { key: 'diagnostics.enable', type: 'boolean', default: true, scope: 'resource', description: 'Report diagnostics of the assembler front end, the ABI checker and the C checker.' },
      {
        key: 'diagnostics.severity',
        type: 'object',
        default: {},
        additionalProperties: severityMap,
        propertyNames: { enum: SEVERITY_KEYS },
        scope: 'resource',
        description: `Severity per diagnostic code (e.g. "abi/ip-reg-across-call", "insn/bool-as-enum", "asm/unknown-directive"), per family (${CODE_FAMILIES.map((f) => `"${f}/*"`).join(', ')}) or "*" for all: error, warning, information, hint or off. The codes are listed under ABI rules, C checks and Front-end diagnostics; unknown keys are ignored.`,
      },
      {
        key: 'abi.contracts',
        type: 'object',
        default: {},
        additionalProperties: { type: 'string', enum: CONTRACT_NAMES },
        scope: 'resource',
        description:
          'ABI contract per symbol, e.g. {"my_tramp": "ftrace-entry"}: overrides the built-in assignment by kernel symbol name; a `// aarch64-ftrace: contract=NAME` comment in the file overrides this. Contracts: ' +
          CONTRACT_NAMES.join(', ') +
          '.',
      },
    ],
  },
  {
    title: 'Inlay hints & lenses',
    settings: [
      { key: 'inlayHints.enable', type: 'boolean', default: true, scope: 'resource', description: 'Show inlay hints at the end of instruction lines.' },
      { key: 'inlayHints.address', type: 'boolean', default: true, scope: 'resource', description: "Inlay hints show the instruction's address (section offset)." },
      { key: 'inlayHints.word', type: 'boolean', default: true, scope: 'resource', description: 'Inlay hints show the instruction word.' },
      { key: 'inlayHints.expansions', type: 'boolean', default: true, scope: 'resource', description: 'Inlay hints list the words a macro invocation or .rept produces on its line.' },
      { key: 'codeLens.patchSites', type: 'boolean', default: true, scope: 'resource', description: 'Code lenses on patch sites: their words in each state.' },
      { key: 'codeLens.contracts', type: 'boolean', default: true, scope: 'resource', description: "Code lenses on trampoline symbols: their ABI contract and what they save and restore." },
      { key: 'codeLens.insnGen', type: 'boolean', default: true, scope: 'resource', description: 'Code lenses in C on constant aarch64_insn_gen_* calls (their word) and ftrace_modify_code sites.' },
    ],
  },
  {
    title: 'C files',
    settings: [
      { key: 'c.enable', type: 'boolean', default: true, scope: 'resource', description: 'Analyse C files that match the activation pattern or include an activation header.' },
      {
        key: 'c.activationPattern',
        type: 'string',
        default: '**/arch/arm64/**',
        scope: 'resource',
        description: 'Glob (on the file path) of the C files to analyse.',
      },
      {
        key: 'c.activationIncludes',
        type: 'array',
        items: { type: 'string' },
        default: ['asm/insn.h'],
        scope: 'resource',
        description: 'C files that #include one of these headers are analysed wherever they are.',
      },
    ],
  },
];

function specDefault<T>(key: string): T {
  for (const s of SETTINGS) for (const p of s.settings) if (p.key === key) return p.default as T;
  throw new Error(`no setting ${key}`);
}

export const DEFAULT_SETTINGS: Settings = {
  maxFileSize: specDefault('maxFileSize'),
  debounceMs: specDefault('debounceMs'),
  includePaths: [],
  includeFiles: [],
  kernelSourceRoot: '',
  buildDir: '',
  kconfig: '',
  era: 'auto',
  config: {},
  defines: [],
  macroPrefixMap: [],
  diagnostics: { enable: true, severity: {} },
  abi: { contracts: {} },
  inlayHints: { enable: true, address: true, word: true, expansions: true },
  codeLens: { patchSites: true, contracts: true, insnGen: true },
  c: { enable: true, activationPattern: specDefault('c.activationPattern'), activationIncludes: specDefault('c.activationIncludes') },
};

/** Keys of settings restricted in untrusted workspaces, fully qualified. */
export const RESTRICTED_SETTINGS: readonly string[] = SETTINGS.flatMap((s) => s.settings.filter((p) => p.restricted).map((p) => `${SECTION}.${p.key}`));

// --- normalising what an editor sends -----------------------------------------------------------

/** Reads `a.b.c` from a nested object, accepting flat dotted keys too ({"inlayHints.enable": false}). */
function pick(raw: unknown, key: string): unknown {
  if (!raw || typeof raw !== 'object') return undefined;
  const obj = raw as Record<string, unknown>;
  if (key in obj) return obj[key];
  const dot = key.indexOf('.');
  if (dot < 0) return undefined;
  return pick(obj[key.slice(0, dot)], key.slice(dot + 1));
}

const bool = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d);
const str = (v: unknown, d: string): string => (typeof v === 'string' ? v : d);
const num = (v: unknown, d: number, min: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : d);
const strings = (v: unknown, d: readonly string[]): readonly string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 1000) : d;

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, x] of Object.entries(v as Record<string, unknown>).slice(0, 1000)) {
    if (typeof x === 'string') out[k] = x;
    else if (typeof x === 'number' || typeof x === 'boolean') out[k] = x === true ? 'y' : x === false ? 'n' : String(x);
  }
  return out;
}

/** A level as written (any case; 'info' for 'information'); undefined when it is none. */
export function parseRuleSeverity(x: string): RuleSeverity | undefined {
  const s = x.toLowerCase() === 'info' ? 'information' : x.toLowerCase();
  return RULE_SEVERITIES.find((r) => r === s);
}

/** The `diagnostics.severity` map: known keys (codes, families, '*') with a valid level. */
function severityMapOf(v: unknown): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = {};
  for (const [k, x] of Object.entries(stringMap(v))) {
    const s = parseRuleSeverity(x);
    if (s && isSeverityKey(k)) out[k] = s;
  }
  return out;
}

/**
 * Settings from whatever an editor sent: the object under SECTION (nested, or with dotted keys),
 * or a whole settings object holding SECTION. Anything missing or malformed takes its default.
 */
export function normalizeSettings(raw: unknown): Settings {
  const r = raw && typeof raw === 'object' && SECTION in (raw as object) ? (raw as Record<string, unknown>)[SECTION] : raw;
  const d = DEFAULT_SETTINGS;
  const era = str(pick(r, 'era'), d.era);
  return {
    maxFileSize: Math.floor(num(pick(r, 'maxFileSize'), d.maxFileSize, 1)),
    debounceMs: Math.min(10_000, num(pick(r, 'debounceMs'), d.debounceMs, 0)),
    includePaths: strings(pick(r, 'includePaths'), d.includePaths),
    includeFiles: strings(pick(r, 'includeFiles'), d.includeFiles),
    kernelSourceRoot: str(pick(r, 'kernelSourceRoot'), d.kernelSourceRoot),
    buildDir: str(pick(r, 'buildDir'), d.buildDir),
    kconfig: str(pick(r, 'kconfig'), d.kconfig),
    era: ERA_CHOICES.includes(era) ? era : d.era,
    config: stringMap(pick(r, 'config')),
    defines: strings(pick(r, 'defines'), d.defines),
    macroPrefixMap: strings(pick(r, 'macroPrefixMap'), d.macroPrefixMap),
    diagnostics: {
      enable: bool(pick(r, 'diagnostics.enable'), d.diagnostics.enable),
      severity: severityMapOf(pick(r, 'diagnostics.severity')),
    },
    // kept as written: the driver reports unknown names (environment problems), the checker ignores them
    abi: { contracts: stringMap(pick(r, 'abi.contracts')) },
    inlayHints: {
      enable: bool(pick(r, 'inlayHints.enable'), d.inlayHints.enable),
      address: bool(pick(r, 'inlayHints.address'), d.inlayHints.address),
      word: bool(pick(r, 'inlayHints.word'), d.inlayHints.word),
      expansions: bool(pick(r, 'inlayHints.expansions'), d.inlayHints.expansions),
    },
    codeLens: {
      patchSites: bool(pick(r, 'codeLens.patchSites'), d.codeLens.patchSites),
      contracts: bool(pick(r, 'codeLens.contracts'), d.codeLens.contracts),
      insnGen: bool(pick(r, 'codeLens.insnGen'), d.codeLens.insnGen),
    },
    c: {
      enable: bool(pick(r, 'c.enable'), d.c.enable),
      activationPattern: str(pick(r, 'c.activationPattern'), d.c.activationPattern),
      activationIncludes: strings(pick(r, 'c.activationIncludes'), d.c.activationIncludes),
    },
  };
}

/** The severity a rule gets: its own entry, else its family's ('abi/*'), else the core's. */
export function ruleSeverity(settings: Settings, code: string, coreSeverity: RuleSeverity): RuleSeverity {
  const own = settings.diagnostics.severity[code];
  if (own) return own;
  const slash = code.indexOf('/');
  const family = slash > 0 ? settings.diagnostics.severity[code.slice(0, slash) + '/*'] : undefined;
  return family ?? settings.diagnostics.severity['*'] ?? coreSeverity;
}

// --- package.json ------------------------------------------------------------------------------

/** `contributes.configuration` as package.json holds it (generated from SETTINGS). */
export function contributesConfiguration(): { title: string; properties: Record<string, Record<string, unknown>> }[] {
  return SETTINGS.map((s) => {
    const properties: Record<string, Record<string, unknown>> = {};
    for (const p of s.settings) {
      const out: Record<string, unknown> = { type: p.type };
      if (p.enum) out.enum = p.enum;
      if (p.items) out.items = p.items;
      if (p.additionalProperties) out.additionalProperties = p.additionalProperties;
      if (p.propertyNames) out.propertyNames = p.propertyNames;
      out.default = p.default;
      if (p.minimum !== undefined) out.minimum = p.minimum;
      if (p.scope) out.scope = p.scope;
      out.markdownDescription = p.description;
      properties[`${SECTION}.${p.key}`] = out;
    }
    return { title: s.title, properties };
  });
}
