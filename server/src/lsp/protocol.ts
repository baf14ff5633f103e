// The custom messages between the VS Code client and the server, defined once and imported by
// both sides (as vscode-eslint does), so a method name or a shape cannot drift. Plain types and
// constants only: no vscode, no vscode-languageserver import (the client bundle includes this).

/** `aarch64-ftrace/decodeWord`: decode one instruction word (the "Decode Instruction Word…" command). */
export const DECODE_WORD = 'aarch64-ftrace/decodeWord';

export interface DecodeWordParams {
  /** Hex ("d503201f", "0xd503201f", "1f 20 03 d5" as bytes in memory order) or decimal. */
  readonly word: string;
  /** Address of the word (hex or decimal) for PC-relative operands; default 0. */
  readonly address?: string;
}

export type DecodeWordResult =
  | {
      readonly ok: true;
      /** 8 lowercase hex digits. */
      readonly word: string;
      /** GNU objdump text, or null for an undefined encoding. */
      readonly text: string | null;
      /** The whole decode (text, bit-field diagram, operands, alias, class, feature) as Markdown. */
      readonly markdown: string;
    }
  | { readonly ok: false; readonly error: string };

/** `aarch64-ftrace/listing`: the objdump-like listing of an assembly document ("Show Assembled Listing"). */
export const LISTING = 'aarch64-ftrace/listing';

export interface ListingParams {
  readonly uri: string;
}

export interface ListingLink {
  /** 0-based line of the listing. */
  readonly line: number;
  readonly uri: string;
  /** 0-based source line. */
  readonly sourceLine: number;
}

export interface ListingResult {
  /** Empty when there is nothing to list; `message` then says why. */
  readonly text: string;
  readonly links: readonly ListingLink[];
  readonly message?: string;
}

/** `aarch64-ftrace/patchSites`: the patch sites of a document ("Show Patch Sites"). */
export const PATCH_SITES = 'aarch64-ftrace/patchSites';

export interface PatchSitesParams {
  readonly uri: string;
}

export interface PatchSiteState {
  readonly name: string;
  readonly word: string;
  readonly text: string;
}

export interface PatchSiteEntry {
  readonly symbol: string;
  readonly kind: string;
  readonly uri: string;
  /** 0-based. */
  readonly line: number;
  readonly address?: string;
  readonly states: readonly PatchSiteState[];
  readonly note?: string;
  /** C: the aarch64_insn_gen_* calls that build the words (0-based lines of the same document). */
  readonly builders?: readonly { readonly state: string; readonly generator: string; readonly line: number; readonly word?: string; readonly text: string }[];
}

export interface PatchSitesResult {
  readonly sites: readonly PatchSiteEntry[];
  readonly message?: string;
}

/** `aarch64-ftrace/status` (server → client notification): the configuration a document is analysed with. */
export const STATUS = 'aarch64-ftrace/status';

export interface StatusParams {
  readonly uri: string;
  /** Kernel era in use, e.g. 'newest'. */
  readonly era: string;
  /** Where the era and config come from: 'settings', 'build dir …', 'default'. */
  readonly source: string;
  /** Number of CONFIG_* symbols set. */
  readonly configCount: number;
  /** One line per fact, for the status bar's tooltip. */
  readonly details: readonly string[];
  /** 'full' | 'degraded' (highlighting only) | 'none' (not a document the server analyses). */
  readonly analysis: 'full' | 'degraded' | 'none';
}

/** `aarch64-ftrace/stats`: the server's memory and caches (for benchmarks and bug reports). */
export const STATS = 'aarch64-ftrace/stats';

export interface StatsParams {
  /** Collect garbage first, when the server runs with --expose-gc. */
  readonly gc?: boolean;
}

export interface StatsResult {
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
  readonly cachedAnalyses: number;
  readonly openDocuments: number;
}

/** Command ids (package.json `contributes.commands`, client registrations, server code lenses). */
export const COMMANDS = {
  decodeWord: 'aarch64-ftrace.decodeWord',
  showListing: 'aarch64-ftrace.showListing',
  showPatchSites: 'aarch64-ftrace.showPatchSites',
  restartServer: 'aarch64-ftrace.restartServer',
  /** Client-side: reveal a source position (used by code lenses and the patch-site list). */
  revealLine: 'aarch64-ftrace.revealLine',
} as const;

// --- helpers both sides use ----------------------------------------------------------------------

/**
 * Parses a word as a user types it: `0xd503201f`, `d503201f`, `0xd503_201f`, a decimal with a
 * `0d` prefix or `#`, or four bytes in memory (little-endian) order `1f 20 03 d5`.
 * Hex is the default: kernel developers paste words from objdump and oopses.
 */
export function parseWord(input: string): { word: number } | { error: string } {
  const t = input.trim().replace(/_/g, '');
  if (t === '') return { error: 'type a 32-bit instruction word, e.g. d503201f' };
  const bytes = /^([0-9a-fA-F]{2})[\s,]+([0-9a-fA-F]{2})[\s,]+([0-9a-fA-F]{2})[\s,]+([0-9a-fA-F]{2})$/.exec(t);
  if (bytes) return { word: parseInt(bytes[4] + bytes[3] + bytes[2] + bytes[1], 16) >>> 0 };
  let v: bigint;
  if (/^(0[xX])?[0-9a-fA-F]+$/.test(t)) v = BigInt(/^0[xX]/.test(t) ? t : '0x' + t);
  else if (/^(0d|#)\d+$/.test(t)) v = BigInt(t.replace(/^(0d|#)/, ''));
  else return { error: `'${input.trim()}' is not a hex word (or 0d… decimal, or four bytes)` };
  if (v > 0xffffffffn) return { error: `${input.trim()} does not fit in 32 bits` };
  return { word: Number(v) >>> 0 };
}

/** Parses an address (hex with or without 0x, or 0d decimal); undefined when malformed. */
export function parseAddress(input: string | undefined): bigint | undefined {
  if (input === undefined) return 0n;
  const t = input.trim().replace(/_/g, '');
  if (t === '') return 0n;
  try {
    if (/^(0[xX])?[0-9a-fA-F]+$/.test(t)) return BigInt.asUintN(64, BigInt(/^0[xX]/.test(t) ? t : '0x' + t));
    if (/^0d\d+$/.test(t)) return BigInt.asUintN(64, BigInt(t.slice(2)));
  } catch {
    return undefined;
  }
  return undefined;
}

export const hex8 = (w: number): string => (w >>> 0).toString(16).padStart(8, '0');
