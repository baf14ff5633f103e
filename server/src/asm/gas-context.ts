// The gas stage's state and its lowest layer: diagnostics, sections and subsections, symbols,
// expression evaluation, labels and assignments. The layers above it (data, instructions,
// directives, the statement loop in gas-core.ts) extend it.
import type { FrontEndCode } from './front-end-codes';
import { ExprError } from '../isa/expr';
import { ArchState, DEFAULT_ARCH, parseArch } from './gas-arch';
import { ExprValue, Lookup, NonLinearError, SymValue, evalSymbolic, hasLocalRef, rewriteLocalRefs, singleBase } from './gas-expr';
import { MacroDef } from './gas-macro';
import { mainFileOf } from './gas-resume';
import { SectionBuilder, defaultSectionFlags, subsectionKey } from './layout';
import { DEFAULT_LIMITS, Diagnostic, Limits, Origin, PreprocessResult, Severity } from './types';
import { BARE_NAME, Collect, Cond, FileRead, Fixup, Frame, GasOptions, LOCAL_NAME, MAX_DIAGNOSTICS, NO_NAMES, NO_TERMS, PoolEntry, Stmt, SymRec, EQU_TARGET, cloneSym, frameOrigin } from './gas-state';
import { charCode, CHAR_CONST, tooDeep } from './gas-statements';


export abstract class GasContext {
  protected readonly limits: Limits;
  protected readonly diagnostics: Diagnostic[] = [];
  protected readonly sections = new Map<string, SectionBuilder>();
  protected cur!: SectionBuilder;
  protected prev: SectionBuilder | undefined;
  protected readonly sectionStack: { cur: SectionBuilder; prev: SectionBuilder | undefined }[] = [];
  protected readonly symbols = new Map<string, SymRec>();
  protected readonly macros = new Map<string, MacroDef>();
  protected readonly aliases = new Map<string, string>();
  protected readonly localCounts = new Map<string, number>();
  protected readonly fixups: Fixup[] = [];
  protected readonly frames: Frame[] = [];
  protected readonly conds: Cond[] = [];
  protected collect: Collect | undefined;
  protected arch: ArchState;
  protected macroCounter = 0;
  protected macroDepth = 0;
  protected statements = 0;
  protected stopped = false;
  protected unknownMnemonics: { index: number; name: string }[] = [];
  protected readonly predefinedUsed = new Map<string, { value: bigint; source: string }>();
  /** Location used by '.' in expressions (the statement being evaluated). */
  protected here: { sec: SectionBuilder; at: number } | undefined;
  protected final = false;
  /** `ldr Rt, =expr` literals waiting for .ltorg or the end, per section and size. */
  protected readonly pools = new Map<SectionBuilder, { origin: Origin; bySize: Map<number, PoolEntry[]> }>();
  protected poolCounter = 0;
  /** How many absolute `.set` symbols exist (deferred statements snapshot their values). */
  protected absoluteEqus = 0;
  /** `.tlsdesccall SYM`: the next instruction gets an R_AARCH64_TLSDESC_CALL against SYM. */
  protected tlsCall: string | undefined;
  /** `.altmacro` is in effect (macro arguments and bodies read in gas's alternate syntax). */
  protected altmacro = false;
  /** `LOCAL` names made so far (`.LL0001` …), across every expansion as gas counts them. */
  protected localCounter = 0;

  /**
   * @param starts where subsections start (from an earlier pass over the same lines): the
   *   section offset of each subsection's first byte, by its key; absent ones start at 0.
   */
  constructor(protected readonly pp: PreprocessResult, protected readonly opts: GasOptions, protected readonly starts?: ReadonlyMap<string, number>) {
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    const a = parseArch(opts.arch ?? DEFAULT_ARCH);
    if ('error' in a) {
      this.arch = parseArch(DEFAULT_ARCH) as ArchState;
      this.diag('error', 'asm/bad-arch', a.error, this.fileOrigin());
    } else this.arch = a;
    this.cur = this.section('.text');
  }

  /** Symbol records changed since the last checkpoint. */
  protected readonly dirty = new Set<SymRec>();
  /** After resuming: each symbol's record as it was at the checkpoint, when it has changed since. */
  protected initialSinceResume: Map<string, SymRec | undefined> | undefined;
  /** `.include`d files read, in order (a resumed assembly checks they did not change). */
  protected readonly includesRead: FileRead[] = [];
  /** Every question put to `predefined` and its answer (a resumed assembly asks them again). */
  protected readonly predefinedQueries: { name: string; value?: bigint; source?: string }[] = [];

  // --- diagnostics ---------------------------------------------------------------------------

  /** The main file's start (not the first line's file: a header in most kernel sources). */
  protected fileOrigin(): Origin {
    return { loc: { file: mainFileOf(this.pp) ?? '', line: 0, startCol: 0, endCol: 0 }, stack: [] };
  }

  protected diag(severity: Severity, code: FrontEndCode, message: string, origin: Origin, related?: Diagnostic['related']): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      if (this.diagnostics.length === MAX_DIAGNOSTICS)
        this.diagnostics.push({ severity: 'error', code: 'asm/limit', message: `too many diagnostics (${MAX_DIAGNOSTICS}); the rest are not shown`, origin });
      return;
    }
    this.diagnostics.push(related ? { severity, code, message, origin, related } : { severity, code, message, origin });
  }

  protected err(code: FrontEndCode, message: string, st: Stmt | Origin, range?: [number, number]): void {
    const origin = 'text' in st ? (range ? frameOrigin(st, range[0], range[1]) : st.origin) : st;
    this.diag('error', code, message, origin);
  }

  protected warn(code: FrontEndCode, message: string, st: Stmt, range?: [number, number]): void {
    this.diag('warning', code, message, range ? frameOrigin(st, range[0], range[1]) : st.origin);
  }

  // --- sections ------------------------------------------------------------------------------

  /** Subsection `subsection` of section `name` (made on first use; a section's subsections share its flags). */
  protected section(name: string, flags?: string, type?: string, subsection = 0): SectionBuilder {
    const key = subsectionKey(name, subsection);
    let s = this.sections.get(key);
    if (!s) {
      let like: SectionBuilder | undefined;
      if (subsection !== 0) for (const b of this.sections.values()) if (b.name === name) { like = b; break; }
      const d = like ?? defaultSectionFlags(name);
      s = new SectionBuilder(name, flags ?? d.flags, type ?? d.type, subsection, this.starts?.get(key) ?? 0);
      this.sections.set(key, s);
    } else if (flags !== undefined && s.size === s.start && s.items.length === 0) {
      s.flags = flags;
      s.code = flags.includes('x');
      if (type) s.type = type;
    }
    return s;
  }

  /** A subsection number (gas get_absolute_expression: an error, and 0, when not absolute). */
  protected subsectionNumber(text: string, st: Stmt): number {
    if (text.trim() === '') return 0;
    const v = this.absolute(text, '.subsection');
    if (typeof v === 'string') {
      this.err('asm/expression', 'bad or irreducible absolute expression', st);
      return 0;
    }
    return Number(BigInt.asIntN(32, v));
  }

  /**
   * Where each subsection of this run starts when laid out as gas lays them out: a section's
   * subsections in increasing number, each after the one before. Undefined when every one
   * started where it now would (the layout holds); else the starts for another pass.
   */
  subsectionStarts(): Map<string, number> | undefined {
    let moved = false;
    const starts = new Map<string, number>();
    for (const parts of this.subsectionGroups()) {
      let at = 0;
      for (const p of parts) {
        if (p.start !== at) moved = true;
        if (at !== 0) starts.set(p.key, at);
        at += p.size - p.start;
      }
    }
    return moved ? starts : undefined;
  }

  /** The builders of each section, in subsection order (sections in order of first use). */
  protected subsectionGroups(): SectionBuilder[][] {
    const groups = new Map<string, SectionBuilder[]>();
    for (const b of this.sections.values()) {
      const g = groups.get(b.name);
      if (g) g.push(b);
      else groups.set(b.name, [b]);
    }
    for (const g of groups.values()) if (g.length > 1) g.sort((a, b) => a.subsection - b.subsection);
    return [...groups.values()];
  }

  protected switchTo(s: SectionBuilder): void {
    if (s !== this.cur) {
      this.prev = this.cur;
      this.cur = s;
    }
  }

  protected grow(sec: SectionBuilder, n: number, st: Stmt): boolean {
    if (n < 0 || sec.size + n > this.limits.maxSectionBytes) {
      this.err('asm/limit', `section ${sec.name} would exceed ${this.limits.maxSectionBytes} bytes (limit)`, st);
      return false;
    }
    return true;
  }

  // --- symbols -------------------------------------------------------------------------------

  protected localName(n: string, dir: 'b' | 'f'): string {
    const c = this.localCounts.get(n) ?? 0;
    // no earlier definition: an instance name that is never defined ('u')
    return dir === 'b' ? (c === 0 ? `.L${n}$u` : `.L${n}$${c - 1}`) : `.L${n}$${c}`;
  }

  protected displayName(name: string): string {
    const m = LOCAL_NAME.exec(name);
    return m ? `${m[1]}${m[2] !== 'u' && Number(m[2]) >= (this.localCounts.get(m[1]) ?? 0) ? 'f' : 'b'}` : name;
  }

  /** This run's own record of a symbol (a frozen one copied first), if any. */
  protected own(name: string): SymRec | undefined {
    let s = this.symbols.get(name);
    if (s?.frozen) this.symbols.set(name, (s = cloneSym(s)));
    return s;
  }

  /** A symbol's record, to be changed (checkpoints copy the records changed since the last one). */
  protected sym(name: string): SymRec {
    let s = this.own(name);
    if (this.initialSinceResume && !this.initialSinceResume.has(name)) this.initialSinceResume.set(name, s && { ...s });
    if (!s) this.symbols.set(name, (s = { name, frozen: false, kind: 'undef', value: 0n, binding: 'local' }));
    this.dirty.add(s);
    return s;
  }

  /** Every symbol value the pass reads goes through here (a later layer notes what it read). */
  protected readonly lookup: Lookup = (name) => {
    const v = this.valueOf(name);
    this.noteRead(name, v);
    return v;
  };

  /** What a symbol value read tells the layers above (the splice's record of place reads). */
  protected noteRead(_name: string, _v: SymValue | undefined): void {}

  private readonly valueOf: Lookup = (name) => {
    if (name === '.') {
      const h = this.here ?? { sec: this.cur, at: this.cur.size };
      return { base: 's:' + h.sec.name, value: BigInt(h.at) };
    }
    let s = this.symbols.get(name);
    if (s) {
      if (s.kind === 'label') return { base: 's:' + s.section, value: s.value };
      if (s.kind === 'equ') {
        if (s.lazy === undefined) return { base: s.base, value: s.value };
        if (!this.final || s.evaluating) return undefined;
        // (evaluated once: the record changes)
        const lazy = s.lazy;
        s = this.own(name)!;
        s.evaluating = true;
        const here = this.here;
        const dot = s.lazyDot && this.sections.get(s.lazyDot.key);
        if (dot) this.here = { sec: dot, at: s.lazyDot!.at };
        try {
          const v = evalSymbolic(lazy, this.lookup);
          if (v.unknown.length === 0 && (v.terms.size === 0 || singleBase(v))) {
            s.lazy = undefined;
            s.base = singleBase(v);
            s.value = v.value;
            return { base: s.base, value: s.value };
          }
        } catch {
          // reported where the symbol is used
        } finally {
          s.evaluating = false;
          this.here = here;
        }
        return undefined;
      }
      if (s.kind === 'common') return { base: 'u:' + name, value: 0n };
    }
    if (this.isSectionStart(name)) return { base: 's:' + name, value: 0n };
    if (!this.opts.predefined) return undefined;
    const p = this.opts.predefined(name);
    this.predefinedQueries.push(p ? { name, value: p.value, source: p.source } : { name });
    if (p) {
      this.predefinedUsed.set(name, p);
      return { value: p.value };
    }
    return undefined;
  };

  /**
   * In gas a section's name is the symbol of its start (obj_elf_change_section takes over an
   * undefined symbol of that name); .text, .data and .bss exist from the start.
   */
  protected isSectionStart(name: string): boolean {
    return this.sections.has(name) || name === '.text' || name === '.data' || name === '.bss';
  }

  /** `1b`/`1f` → the label instances they mean at this point of the source. */
  protected localize(text: string): string {
    return hasLocalRef(text) ? rewriteLocalRefs(text, (n, d) => this.localName(n, d)) : text;
  }

  protected evaluate(text: string, snapshot?: Map<string, SymValue>): ExprValue {
    if (text.length > 64 && tooDeep(text)) throw new ExprError('expression too deeply nested');
    if (BARE_NAME.test(text)) {
      // the common case, a symbol alone: no expression machinery
      const name = text.trim();
      const v = snapshot?.get(name) ?? this.lookup(name);
      if (v === undefined) return { value: 0n, terms: new Map([['u:' + name, 1n]]), unknown: [name], names: [name] };
      return { value: v.value, terms: v.base === undefined ? NO_TERMS : new Map([[v.base, 1n]]), unknown: NO_NAMES, names: [name] };
    }
    let t = this.localize(text);
    // character constants: 'c (gas needs no closing quote), '\n, '\\
    if (t.indexOf("'") >= 0) t = t.replace(CHAR_CONST, (_m, c: string) => String(charCode(c)));
    return evalSymbolic(t, snapshot ? (n) => snapshot.get(n) ?? this.lookup(n) : this.lookup);
  }

  /** The value of an expression, or undefined once the reason it has none is reported. */
  protected evaluateOrReport(text: string, st: Stmt): ExprValue | undefined {
    try {
      return this.evaluate(text);
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      this.err('asm/expression', e.message, st);
      return undefined;
    }
  }

  /** An absolute value now, or an error message. */
  protected absolute(text: string, what: string): bigint | string {
    let v: ExprValue;
    try {
      v = this.evaluate(text);
    } catch (e) {
      if (e instanceof ExprError) return e.message;
      throw e;
    }
    if (v.unknown.length || v.terms.size) return `non-constant expression in "${what}" statement`;
    return v.value;
  }

  protected defineLabel(name: string, st: Stmt, col: number): void {
    let n = name;
    if (/^\d+$/.test(name)) {
      const k = String(Number(name));
      const c = this.localCounts.get(k) ?? 0;
      n = `.L${k}$${c}`;
      this.localCounts.set(k, c + 1);
    }
    const s = this.sym(n);
    if (s.kind === 'label' || (s.kind === 'equ' && s.equiv)) {
      this.err('asm/redefined-symbol', `symbol \`${name}' is already defined`, st, [col, col + name.length]);
      return;
    }
    s.kind = 'label';
    s.section = this.cur.name;
    s.value = BigInt(this.cur.size);
    s.base = undefined;
    s.lazy = undefined;
    s.origin = frameOrigin(st, col, col + name.length);
  }

  protected assign(name: string, expr: string, st: Stmt, how: 'set' | 'equiv' | 'eqv'): void {
    if (!/^[A-Za-z_.$][\w.$]*$/.test(name)) {
      this.err('asm/bad-directive', `invalid symbol name \`${name}'`, st);
      return;
    }
    const s = this.sym(name);
    if (how === 'equiv' && (s.kind === 'label' || s.kind === 'equ')) {
      this.err('asm/redefined-symbol', `symbol \`${name}' is already defined`, st);
      return;
    }
    if (s.kind === 'label') {
      this.err('asm/redefined-symbol', `symbol \`${name}' is already defined`, st);
      return;
    }
    let v: ExprValue | undefined;
    try {
      v = this.evaluate(expr);
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      // `(fwd - a) / 8`: evaluated on use once `fwd` is defined
      if (!(e instanceof NonLinearError && e.unknown.length)) return this.err('asm/expression', e.message, st);
      v = { value: 0n, terms: NO_TERMS, unknown: e.unknown, names: e.unknown };
    }
    s.kind = 'equ';
    s.origin ??= st.origin;
    s.equiv = how === 'equiv';
    s.target = EQU_TARGET.exec(expr)?.[1];
    if (v.unknown.length === 0 && (v.terms.size === 0 || singleBase(v))) {
      s.base = singleBase(v);
      s.value = v.value;
      s.lazy = undefined;
      if (s.base === undefined) this.absoluteEqus++;
    } else {
      // needs symbols defined later (or is not a single relocatable value): evaluated on use
      s.lazy = hasLocalRef(expr) ? rewriteLocalRefs(expr, (n, d) => this.localName(n, d)) : expr;
      s.lazyDot = { key: this.cur.key, at: this.cur.size };
      s.value = 0n;
      s.base = undefined;
    }
  }

}
