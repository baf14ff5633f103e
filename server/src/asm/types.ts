// Types shared by the GNU as front end's stages: preprocessor → gas (macros, conditionals,
// directives, symbols) → layout. Every produced item carries where it came from.

/** A range in a source file: 0-based line, 0-based UTF-16 columns (LSP convention). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly startCol: number;
  readonly endCol: number;
}

/** One step of an expansion: where an include, a macro use or a loop was written. */
export interface ExpansionFrame {
  readonly kind: 'include' | 'cpp-macro' | 'gas-macro' | 'rept' | 'irp' | 'irpc';
  readonly name: string;
  readonly at: SourceLocation;
}

/** Where a line or item came from: its own location and the expansions around it (outermost first). */
export interface Origin {
  readonly loc: SourceLocation;
  readonly stack: readonly ExpansionFrame[];
}

export type Severity = 'error' | 'warning' | 'info';

/** A replacement of a source range (0-based lines and columns, end exclusive). */
export interface TextEdit {
  readonly loc: SourceLocation & { readonly endLine?: number };
  readonly newText: string;
}

/** A mechanical repair offered with a diagnostic (a quick-fix in editors, `fixes` in `check`). */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** The one diagnostic shape of every core (front end, ABI checker, C checker). */
export interface Diagnostic {
  readonly severity: Severity;
  /** Stable code, e.g. 'asm/unknown-mnemonic', 'cpp/missing-include', 'abi/stack-imbalance'. */
  readonly code: string;
  readonly message: string;
  readonly origin: Origin;
  readonly related?: readonly { readonly message: string; readonly origin: Origin }[];
  readonly fixes?: readonly Fix[];
}

/** How the front end reads files. Paths are absolute; undefined = not found. */
export interface SourceHost {
  readFile(path: string): string | undefined;
  /**
   * A file's bytes, for `.incbin`. Without it `.incbin` takes the file's text as UTF-8, which is
   * exact for text files only.
   */
  readBinary?(path: string): Uint8Array | undefined;
}

/** Caps on work that input controls; each overflow is a diagnostic, never a hang. */
export interface Limits {
  readonly maxIncludeDepth: number;
  readonly maxMacroDepth: number;
  /** Statements produced by one file's expansion (macros, .rept, .irp …). */
  readonly maxStatements: number;
  /** Bytes emitted into one section (.fill, .skip, .space …). */
  readonly maxSectionBytes: number;
  /** Characters of one logical line after cpp macro expansion. */
  readonly maxLineLength: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxIncludeDepth: 64,
  maxMacroDepth: 100,
  maxStatements: 1_000_000,
  maxSectionBytes: 64 << 20,
  maxLineLength: 1 << 20,
};

// --- preprocessor ------------------------------------------------------------------------------

export interface PreprocessOptions {
  readonly file: string;
  readonly text: string;
  readonly host: SourceHost;
  /** `-I` directories, searched in order for `<…>` and after the file's directory for `"…"`. */
  readonly includePaths: readonly string[];
  /** `-D NAME=VALUE` (value '1' for a bare -D NAME); `__ASSEMBLY__` is always defined. */
  readonly defines: ReadonlyMap<string, string>;
  /** Headers supplied by us when not found on disk (kernel fallbacks), by include name. */
  readonly builtinHeaders?: ReadonlyMap<string, string>;
  readonly limits?: Limits;
  /**
   * `-include NAME` (kbuild passes `-include linux/kconfig.h` and `linux/compiler-version.h` for
   * every .S): processed in order before the file; absolute, or searched in `includePaths`
   * then `builtinHeaders`.
   */
  readonly forcedIncludes?: readonly string[];
  /**
   * gcc's `-fmacro-prefix-map=OLD=NEW`, in command-line order: `__FILE__` and `__BASE_FILE__` that
   * start with OLD start with NEW instead (the last map that matches wins). kbuild maps the source
   * tree to '' so file names in BUG tables are relative.
   */
  readonly macroPrefixMap?: readonly (readonly [old: string, replacement: string])[];
  /**
   * Remember this file's run and, for the next text of the same file, reuse the output before its
   * first changed line and after its last one when the preprocessor's state there is the same
   * (default true; the result is the same either way).
   */
  readonly incremental?: boolean;
}

/** One logical output line of the preprocessor (continuations joined, comments removed). */
export interface PpLine {
  readonly text: string;
  readonly origin: Origin;
  /** Set when a builtin fallback header (not the kernel tree) supplied a macro used on this line. */
  readonly viaFallback?: string;
}

export interface CppMacro {
  readonly name: string;
  readonly params?: readonly string[];
  readonly variadic?: boolean;
  readonly body: string;
  readonly origin: Origin;
  readonly fromFallback?: boolean;
}

export interface PreprocessResult {
  readonly lines: readonly PpLine[];
  readonly diagnostics: readonly Diagnostic[];
  /** Every file read, in order (for caching and document links). */
  readonly files: readonly string[];
  /** Macros defined at the end (for hover, completion, go to definition). */
  readonly macros: ReadonlyMap<string, CppMacro>;
  /** How much of the document's previous run this one reused (absent: none). */
  readonly reuse?: { readonly resumed: boolean; readonly spliced: boolean; readonly tail?: PpTail };
}

/**
 * The lines a run took over from the previous run's: lines[newFrom…] are from[oldFrom…], with
 * their references to lines of the main file after the edit moved by `shift` lines (the same
 * objects when `shift` is 0). (Weak: a result does not keep its predecessor's lines alive.)
 */
export interface PpTail {
  /** The main file. */
  readonly file: string;
  readonly from: WeakRef<readonly PpLine[]>;
  readonly oldFrom: number;
  readonly newFrom: number;
  readonly shift: number;
}

// --- gas and layout ----------------------------------------------------------------------------

export interface AsmSymbol {
  readonly name: string;
  /** Section of a label; undefined for an absolute (`.set`, `.equ`) or undefined symbol. */
  readonly section?: string;
  /** Offset in its section, or the absolute value. */
  readonly value?: bigint;
  readonly defined: boolean;
  readonly binding: 'local' | 'global' | 'weak';
  readonly type?: 'function' | 'object' | 'notype';
  readonly size?: number;
  readonly origin?: Origin;
  /** Build-time constant (asm-offsets) and where its value came from, e.g. 'era 6.12 table'. */
  readonly predefined?: string;
}

export interface Relocation {
  /** ELF name, e.g. 'R_AARCH64_CALL26', 'R_AARCH64_ADR_PREL_PG_HI21'. */
  readonly type: string;
  readonly symbol: string;
  readonly addend: bigint;
}

export type ItemKind = 'insn' | 'data' | 'fill' | 'align';

/** Bytes at one place of a section, and the source that produced them. */
export interface Item {
  readonly section: string;
  readonly offset: number;
  readonly size: number;
  readonly kind: ItemKind;
  /** Instruction word (kind 'insn'), as encoded (relocated fields zero when `reloc` is set). */
  readonly word?: number;
  /** The statement as gas saw it after expansion, e.g. 'stp x29, x30, [sp, #-16]!'. */
  readonly text?: string;
  readonly origin: Origin;
  readonly reloc?: Relocation;
}

export interface SectionLayout {
  readonly name: string;
  readonly size: number;
  readonly bytes: Uint8Array;
  /** In offset order. */
  readonly items: readonly Item[];
}

export interface GasMacro {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly dflt?: string; readonly required?: boolean; readonly vararg?: boolean }[];
  readonly origin: Origin;
}

export interface AssembleResult {
  readonly sections: readonly SectionLayout[];
  readonly symbols: ReadonlyMap<string, AsmSymbol>;
  readonly macros: ReadonlyMap<string, GasMacro>;
  readonly diagnostics: readonly Diagnostic[];
  readonly preprocess: PreprocessResult;
  /** Files `.include` and `.incbin` read, in order (a change to one changes the result). */
  readonly filesRead?: readonly string[];
  /** Items produced by a source line (`file:line`, 0-based line), through any expansion. */
  itemsAt(file: string, line: number): readonly Item[];
}
