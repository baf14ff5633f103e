// Instructions: encoding through the ISA core (cached words for texts that depend on nothing
// else), literal pools (`ldr Rt, =expr`), relocations, and the fixups resolved after the last
// statement.
import { EncodeResult, encode, isEncodeFailure } from '../isa/encode';
import { ExprError } from '../isa/expr';
import { splitOperands } from '../isa/operands/operand';
import { supports } from './gas-arch';
import { ExprValue, SymValue, hasLocalRef, pcRelativeBase, rewriteLocalRefs, singleBase } from './gas-expr';
import { NOT_FOR_MOVK, SIZE_QUALIFIER, UNKNOWN_MODIFIER, branchRelocation, dataRelocation, findRelocOperator, labelOperandIndexes, moveWideShift, operatorRelocation, operatorValue } from './gas-insn';
import { commaRanges, firstWord, scrub, takeLabels } from './gas-lex';
import { SectionBuilder } from './layout';
import { Relocation } from './types';
import { BARE_NAME, Fixup, InsnFix, LOCAL_NAME, MutItem, Stmt, SymRec, isSectionEqu } from './gas-state';
import { ParsedStatement, symbolicTarget, tooDeep } from './gas-statements';
import { encodeCached, lastEncoding, patchBranch, zeroEncoded } from './gas-encode-cache';
import { GasData } from './gas-data';

/** A branch resolved as a relocation against its target's name (branchDists). */
const RELOCATED = Infinity;

/** Fixups taken as the remembered run resolved them, so far (tests check that edits take this path). */
export const fixupCounts = { asBefore: 0 };

/** A named branch's target: its last operand. */
const branchTarget = (f: InsnFix): string => f.ops[f.ops.length - 1].trim();

/** Whether `s` is a label of section `sec` that is not global or weak (a branch to it is resolved here). */
const localLabelOf = (s: SymRec | undefined, sec: SectionBuilder): s is SymRec => !!s && s.kind === 'label' && s.section === sec.name && s.binding === 'local';


export abstract class GasInstructions extends GasData {
  // --- instructions --------------------------------------------------------------------------

  protected instruction(p: ParsedStatement, st: Stmt): void {
    const call = this.tlsCall;
    if (call === undefined) return this.instructionAt(p, st);
    this.tlsCall = undefined;
    const sec = this.cur;
    const n = sec.items.length;
    this.instructionAt(p, st);
    const it = sec.items[n];
    if (it && !it.reloc) {
      it.reloc = { type: 'R_AARCH64_TLSDESC_CALL', symbol: call, addend: 0n };
      this.noteUndefined(call);
    }
  }

  protected instructionAt(p: ParsedStatement, st: Stmt): void {
    const mnemonic = p.lw;
    const args = p.args;
    const sec = this.cur;
    if (!this.grow(sec, 4, st)) return;
    if (args.length > 64 && tooDeep(args)) {
      this.err('asm/bad-operand', `operands too deeply nested -- \`${scrub(st.text).slice(0, 200)}'`, st);
      sec.add('insn', 4, st.origin, mnemonic).invalid = true;
      return;
    }
    const written = (p.ops ??= args === '' ? [] : splitOperands(args));
    const text = (p.text ??= written.length ? `${mnemonic} ${written.join(', ')}` : mnemonic);
    let missed: string | undefined;
    if (this.aliases.size === 0 && !p.localRefs) {
      // fast path: an instruction whose word depends on nothing but its text (kept with the
      // parsed statement too: a line seen before needs no lookup at all)
      const word = p.encWord;
      if (word === undefined) missed = text;
      else if (word !== null && supports(this.arch, p.encFeature!, word)) {
        const item = sec.add('insn', 4, st.origin, text, word);
        sec.writeWord(item.offset, word);
        return;
      }
    }
    let ops = written;
    if (this.aliases.size) ops = ops.map((o) => this.substituteAliases(o));
    if (ops.length === 2 && ops[1].startsWith('=') && mnemonic === 'ldr') ops = [ops[0], this.literal(ops[0], ops[1].slice(1), st)];
    if (p.localRefs) ops = ops.map((o) => (hasLocalRef(o) ? rewriteLocalRefs(o, (n, d) => this.localName(n, d)) : o));
    const item = sec.add('insn', 4, st.origin, text);
    const fix: InsnFix = { kind: 'insn', sec, item, index: sec.items.length - 1, mnemonic, ops, st, scrubbed: '', arch: this.arch, parsed: p, missed };
    // symbolic targets and relocation operators wait for the end (bindings may still change)
    let defer = (p.symbolicTarget ??= symbolicTarget(mnemonic, written));
    if (!defer) {
      const r = this.encodeInsn(fix, false);
      if (r === 'defer') defer = true;
    }
    if (defer) {
      fix.snapshot = this.snapshotFor(ops);
      this.fixups.push(fix);
    }
  }

  /** Puts `expr` in the section's literal pool for its size; the operand becomes the entry's label. */
  protected literal(reg: string, expr: string, st: Stmt): string {
    const r = reg.trim().toLowerCase()[0];
    const size = r === 'w' || r === 's' ? 4 : r === 'q' ? 16 : 8;
    const e = this.localize(expr.trim());
    let key = 't:' + e;
    try {
      const v = this.evaluate(e);
      if (v.terms.size === 0 && v.unknown.length === 0) key = 'v:' + v.value;
    } catch {
      // reported when the pool is written
    }
    let pool = this.pools.get(this.cur);
    if (!pool) this.pools.set(this.cur, (pool = { origin: st.origin, bySize: new Map() }));
    let list = pool.bySize.get(size);
    if (!list) pool.bySize.set(size, (list = []));
    let entry = list.find((x) => x.key === key);
    if (!entry) list.push((entry = { key, expr: e, label: `.Lpool$${this.poolCounter++}`, st }));
    return entry.label;
  }

  /** Writes a section's pending literal pools (4-, 8-, then 16-byte entries, each aligned to its size). */
  protected flushPools(sec: SectionBuilder, st: Stmt): void {
    const pool = this.pools.get(sec);
    if (!pool) return;
    this.pools.delete(sec);
    for (const size of [4, 8, 16]) {
      const list = pool.bySize.get(size);
      if (!list?.length) continue;
      // (the entries' places depend on this alignment, padded or not)
      this.alignedTo(sec, size);
      const pad = (size - (sec.size % size)) % size;
      if (pad) sec.add('align', pad, st.origin);
      for (const e of list) {
        const s = this.sym(e.label);
        s.kind = 'label';
        s.section = sec.name;
        s.value = BigInt(sec.size);
        const item = sec.add('data', size, e.st.origin, `=${e.expr}`);
        const at = item.offset;
        this.here = { sec, at };
        try {
          const v = this.evaluate(e.expr);
          if (v.terms.size === 0 && v.unknown.length === 0) {
            sec.writeInt(at, Math.min(size, 8), v.value);
            if (size === 16 && v.value < 0n) sec.writeInt(at + 8, 8, -1n);
          } else this.fixups.push({ kind: 'data', sec, item, index: sec.items.length - 1, at, size: Math.min(size, 8), expr: e.expr, st: e.st });
        } catch (x) {
          if (!(x instanceof ExprError)) throw x;
          this.err('asm/expression', x.message, e.st);
        }
        this.here = undefined;
      }
    }
  }

  protected substituteAliases(op: string): string {
    return op.replace(/(?<![\w.$])[A-Za-z_][\w]*/g, (m) => this.aliases.get(m) ?? m);
  }

  /**
   * Encodes an instruction item. Before the end (`final` false) an unknown symbol returns
   * 'defer'; at the end it is an error and the item keeps zero in the symbol's field.
   */
  protected encodeInsn(fix: InsnFix, final: boolean): 'defer' | void {
    try {
      return this.encodeInsnAt(fix, final);
    } finally {
      // '.' is the statement's own place only while it is being encoded
      this.here = undefined;
    }
  }

  protected encodeInsnAt(fix: InsnFix, final: boolean): 'defer' | void {
    const { sec, item } = fix;
    // (a resolved :abs_gN_s: may make movz movn and movn movz, as gas does)
    let mnemonic = fix.mnemonic;
    const pc = item.offset;
    if (final && fix.parsed && this.namedBranchResolved(fix, pc)) return;
    const labels = labelOperandIndexes(mnemonic);
    const p = fix.parsed;
    // operands as parsed, none a label or with a relocation operator: the parsed text is the text
    const asParsed = labels === undefined && p?.text !== undefined && fix.ops === p.ops && p.args.indexOf(':') < 0;
    const ops = asParsed ? fix.ops : fix.ops.slice();
    let reloc: Relocation | undefined;
    let local: { index: number; off: number } | undefined;
    // an operand written as the address the instruction's place gives it
    let placeInText = false;
    const unknown: string[] = [];
    // the target that encodes a zero offset (the relocation supplies the rest)
    const zeroTarget = mnemonic === 'adrp' ? '0x' + (pc - (pc % 4096)).toString(16) : '.';
    this.here = { sec, at: pc };
    if (!asParsed) try {
      for (let i = 0; i < ops.length; i++) {
        const o = ops[i];
        const op = o.indexOf(':') >= 0 ? findRelocOperator(o) : undefined;
        if (op) {
          const v = this.evaluate(op.expr, fix.snapshot);
          const type = operatorRelocation(op.op, mnemonic, ops[0] ?? '', !!labels?.has(i) && !o.startsWith('['));
          if (typeof type !== 'string') {
            const at = type.error === UNKNOWN_MODIFIER || type.error === NOT_FOR_MOVK ? i + 1 : type.error === SIZE_QUALIFIER ? i + 2 : 0;
            return this.failInsn(fix, at ? `${type.error} at operand ${at}` : type.error, i);
          }
          const sh = moveWideShift(op.op);
          const known = v.unknown.length === 0 && v.terms.size === 0 ? operatorValue(op.op, v.value, mnemonic) : undefined;
          if (known) {
            ops[i] = `${op.prefix}#${known.field}${op.suffix}`;
            mnemonic = known.mnemonic;
            if (known.error) this.err('asm/bad-operand', known.error, fix.st, this.operandRange(fix, i));
          } else {
            const r = this.relocFor(v, type, pc, sec, false);
            if (typeof r === 'string') return this.failInsn(fix, r, i);
            reloc = r;
            if (mnemonic === 'adrp' || (labels?.has(i) && !o.startsWith('['))) ops[i] = zeroTarget;
            else ops[i] = `${op.prefix}#0${op.suffix}`;
          }
          if (sh !== undefined && /^mov[zkn]$/.test(mnemonic) && ops.length === 2) ops.push(`lsl #${sh}`);
          continue;
        }
        if (labels?.has(i) && o[0] !== '[') {
          const expr = o.startsWith('#') ? o.slice(1) : o;
          const v = this.evaluate(expr, fix.snapshot);
          if (!final && v.unknown.length) return 'defer';
          if (v.terms.size === 0 && v.unknown.length === 0) {
            // an absolute value known where the instruction stands is the offset itself (as
            // gas resolves such a fixup); one defined later stays a relocation against *ABS*
            if (v.names.every((n) => fix.snapshot?.has(n))) {
              ops[i] = '0x' + BigInt.asUintN(64, BigInt(pc) + v.value).toString(16);
              placeInText = true;
              continue;
            }
            if (!final) return 'defer';
            reloc = { type: branchRelocation(mnemonic), symbol: '*ABS*', addend: v.value };
            ops[i] = zeroTarget;
            continue;
          }
          const here = 's:' + sec.name;
          const base = singleBase(v);
          if (base === here && mnemonic !== 'adrp' && this.isLocalTarget(v, base)) {
            ops[i] = '0x' + BigInt.asUintN(64, v.value).toString(16);
            local = { index: i, off: Number(BigInt.asIntN(64, v.value - BigInt(pc))) };
            continue;
          }
          if (!final) return 'defer';
          const r = this.relocFor(v, branchRelocation(mnemonic), pc, sec, false);
          if (typeof r === 'string') return this.failInsn(fix, r, i);
          reloc = r;
          ops[i] = zeroTarget;
        }
      }
    } catch (e) {
      if (e instanceof ExprError) return this.failInsn(fix, e.message);
      throw e;
    }
    if (local && !reloc) {
      // a target in this section: the zero-offset word (cached by its text) with the offset
      // put in as the relocation would — unless it is out of range (the encoder says why)
      ops[local.index] = '.';
      const zw = this.pureZero(`${mnemonic} ${ops.join(', ')}`, fix, pc);
      const w = zw && patchBranch(zw.word, branchRelocation(mnemonic), local.off);
      if (zw && w !== undefined) {
        this.here = undefined;
        if (!supports(fix.arch, zw.row.feature, w)) {
          item.invalid = true;
          this.err('asm/unsupported-instruction', `selected processor does not support \`${this.scrubbedOf(fix)}'`, fix.st);
        }
        item.word = w;
        sec.writeWord(item.offset, w);
        return;
      }
      ops[local.index] = '0x' + ((BigInt(pc) + BigInt(local.off)) & 0xffffffffffffffffn).toString(16);
      placeInText = true;
    }
    const text = asParsed ? p!.text! : ops.length ? `${mnemonic} ${ops.join(', ')}` : mnemonic;
    // unknown symbols make a row fail; a row that succeeds did not need them
    this.resolving(fix.snapshot, unknown);
    // a relocated target written as '.' encodes a zero offset wherever it stands: cached by text
    const keep = fix.missed === text && !reloc;
    let r = reloc && zeroTarget === '.' ? zeroEncoded(text, BigInt(pc), this.resolveSym) : encodeCached(text, BigInt(pc), this.resolveSym, keep);
    fix.missed = undefined;
    if (keep && fix.parsed) {
      // (a word that took symbol values is cached by them in the encoding cache, not here)
      if (!lastEncoding.pure) fix.parsed.encWord = null;
      else if (!isEncodeFailure(r)) {
        fix.parsed.encWord = r.word;
        fix.parsed.encFeature = r.row.feature;
      }
    }
    let symbolic = false;
    if (isEncodeFailure(r) && unknown.length) {
      if (!final) {
        this.here = undefined;
        return 'defer';
      }
      // at the end: encode with the unknown symbols as zero, and say which they are
      this.resolving(fix.snapshot, undefined);
      const z = encode(text, { pc: BigInt(pc), resolve: this.resolveSymOrZero });
      if (!isEncodeFailure(z)) {
        r = z;
        symbolic = true;
      }
    }
    this.here = undefined;
    if (isEncodeFailure(r)) {
      if (unknown.length) {
        item.invalid = true;
        item.symbolic = [...new Set(unknown)].map((n) => this.displayName(n));
        for (const n of new Set(unknown)) this.err('asm/undefined-symbol', `undefined symbol ${this.displayName(n)} used as an immediate value`, fix.st, this.symbolRange(fix, n));
        return;
      }
      if (r.error.startsWith('unknown mnemonic')) {
        item.invalid = true;
        this.unknownMnemonics.push({ index: this.diagnostics.length, name: mnemonic });
        this.err('asm/unknown-mnemonic', `unknown mnemonic \`${mnemonic}' -- \`${this.scrubbedOf(fix)}'`, fix.st, [0, mnemonic.length]);
        return;
      }
      // (the encoder's message names the target's address)
      if (placeInText) this.messageUsedPlace(sec);
      return this.failInsn(fix, r.error, r.operand);
    }
    if (!supports(fix.arch, r.row.feature, r.word)) {
      item.invalid = true;
      this.err('asm/unsupported-instruction', `selected processor does not support \`${this.scrubbedOf(fix)}'`, fix.st);
    }
    if (symbolic) {
      item.symbolic = [...new Set(unknown)].map((n) => this.displayName(n));
      for (const n of new Set(unknown)) this.err('asm/undefined-symbol', `undefined symbol ${this.displayName(n)} used as an immediate value`, fix.st, this.symbolRange(fix, n));
    }
    item.word = r.word;
    if (reloc) item.reloc = reloc;
    sec.writeWord(item.offset, r.word);
  }

  /** A diagnostic's text depends on where in `sec` its statement stands (see gas-splice-reads.ts). */
  protected messageUsedPlace(_sec: SectionBuilder): void {}

  /** An operand the encoder (or a relocation) refused: the item is invalid, the error in gas's words. */
  protected failInsn(fix: InsnFix, msg: string, operand?: number): void {
    this.here = undefined;
    fix.item.invalid = true;
    this.err('asm/bad-operand', `${msg} -- \`${this.scrubbedOf(fix)}'`, fix.st, this.operandRange(fix, operand));
  }

  // The encoder's symbol resolver for the instruction being encoded: made once per run (named
  // closures made per instruction cost a property definition each in the bundle), pointed at the
  // instruction's snapshot by `resolving` (encoding does not nest).
  private resolvingSnapshot: Map<string, SymValue> | undefined;
  private resolvingUnknown: string[] | undefined;
  /** Some name had a value since `resolving`. */
  private resolvingValued = false;

  private resolving(snapshot: Map<string, SymValue> | undefined, unknown: string[] | undefined): void {
    this.resolvingSnapshot = snapshot;
    this.resolvingUnknown = unknown;
    this.resolvingValued = false;
  }

  /** The value of a name (the snapshot first); names without one are noted in the unknown list. */
  private readonly resolveSym = (n: string): bigint | undefined => {
    const v = this.resolvingSnapshot?.get(n) ?? this.lookup(n);
    if (v === undefined) this.resolvingUnknown?.push(n);
    else this.resolvingValued = true;
    return v?.value;
  };

  /** The same with unknown names as zero (the symbolic encoding at the end). */
  private readonly resolveSymOrZero = (n: string): bigint => (this.resolvingSnapshot?.get(n) ?? this.lookup(n))?.value ?? 0n;

  /**
   * A branch whose target, its last operand, is a bare name (`b 1b`, `cbz x0, .Lout`, `bl func`):
   * that name and the cached word of its text with '.' there (zero offset). Register aliases
   * change operand texts: the cached key holds for alias-free runs only.
   */
  private namedBranch(fix: InsnFix, pc: number): { name: string; zero: EncodeResult } | undefined {
    const p = fix.parsed!;
    if (p.zeroKey === null || this.aliases.size) return undefined;
    const i = fix.ops.length - 1;
    if (p.zeroKey === undefined) {
      p.zeroKey = null;
      if (fix.mnemonic === 'adrp' || !labelOperandIndexes(fix.mnemonic)?.has(i) || !BARE_NAME.test(fix.ops[i]) || fix.ops.some((o) => o.indexOf(':') >= 0 || o.startsWith('='))) return undefined;
      p.zeroKey = `${fix.mnemonic} ${[...fix.ops.slice(0, i), '.'].join(', ')}`;
    }
    const zero = this.pureZero(p.zeroKey, fix, pc);
    return zero && { name: branchTarget(fix), zero };
  }

  /** The word of an instruction text whose target is '.' (a zero offset), cached by the text; none when it took a symbol's value. */
  private pureZero(key: string, fix: InsnFix, pc: number): EncodeResult | undefined {
    // (a cached word took no symbol's value: resolvingValued stays false)
    this.resolving(fix.snapshot, undefined);
    const z = zeroEncoded(key, BigInt(pc), this.resolveSym);
    return isEncodeFailure(z) || this.resolvingValued ? undefined : z;
  }

  /** The common cases done quickly: a branch to a label of this section, or through a global or undefined symbol (a relocation). */
  protected namedBranchResolved(fix: InsnFix, pc: number): boolean {
    const b = this.namedBranch(fix, pc);
    if (!b) return false;
    const s = this.symbols.get(b.name);
    const type = branchRelocation(fix.mnemonic);
    if (localLabelOf(s, fix.sec)) {
      const dist = Number(s.value) - pc;
      const w = patchBranch(b.zero.word, type, dist);
      if (w === undefined || !supports(fix.arch, b.zero.row.feature, w)) return false;
      fix.item.word = w;
      fix.sec.writeWord(fix.item.offset, w);
      this.branchDist = dist;
      return true;
    }
    if (!supports(fix.arch, b.zero.row.feature, b.zero.word) || !this.relocateByName(fix, s, b.name)) return false;
    fix.item.word = b.zero.word;
    fix.item.reloc = { type, symbol: b.name, addend: 0n };
    fix.sec.writeWord(fix.item.offset, b.zero.word);
    this.branchDist = RELOCATED;
    return true;
  }

  /**
   * relocFor for a branch to a label or an undefined name, `s` its record (if any): whether the
   * branch is a relocation against the name with addend 0 — a global or weak label, or an
   * undefined symbol (looked up first, as evaluating it does: a predefined value makes it
   * absolute). An undefined one becomes global, as relocFor makes it.
   */
  private relocateByName(fix: InsnFix, s: SymRec | undefined, name: string): boolean {
    const global = s?.kind === 'label' && s.binding !== 'local';
    if (!global && ((s && s.kind !== 'undef') || LOCAL_NAME.test(name) || fix.snapshot?.has(name) || this.lookup(name) !== undefined)) return false;
    if (!global) this.noteUndefined(name);
    return true;
  }

  /**
   * Whether a branch the remembered run resolved quickly (namedBranchResolved) resolves as it did:
   * to the same label of its section as far away, or to a relocation against the same name. Its
   * word, and item, are then the remembered ones the section already holds (moved with it).
   */
  private resolvesAsBefore(f: Fixup, was: number): boolean {
    // (with register aliases namedBranchResolved takes none: neither is any taken as before)
    if (f.kind !== 'insn' || this.aliases.size) return false;
    const name = branchTarget(f);
    const s = this.symbols.get(name);
    if (was === RELOCATED) return this.relocateByName(f, s, name);
    return localLabelOf(s, f.sec) && Number(s.value) - f.item.offset === was;
  }

  protected isLocalTarget(v: ExprValue, base: string): boolean {
    // the target is resolved here unless it goes through a global or weak symbol
    for (const n of v.names) {
      const s = this.symbols.get(n);
      const sv = n === '.' ? { base } : this.lookup(n);
      if (sv?.base === base && s && s.binding !== 'local' && (s.kind === 'label' || isSectionEqu(s))) return false;
    }
    return true;
  }

  /**
   * The relocation for a value: against a global/weak/undefined symbol by name, against the
   * section symbol (offset in the addend) for a local one. `pcrel` for data `X - .`.
   */
  protected relocFor(v: ExprValue, type: string, place: number, sec: SectionBuilder, pcrel: boolean): Relocation | string {
    if (v.terms.size === 0) return { type, symbol: '*ABS*', addend: v.value };
    const here = 's:' + sec.name;
    const base = pcrel ? pcRelativeBase(v, here) : singleBase(v);
    if (!base) return `invalid expression for relocation: it must be a symbol plus or minus a constant`;
    let addend = v.value + (pcrel ? BigInt(place) : 0n);
    // which named symbol supplies the base
    let symName: string | undefined;
    for (const n of v.names) {
      if (n === '.') continue;
      const lv = this.lookup(n);
      const b = lv?.base ?? 'u:' + n;
      if (b === base) {
        symName = n;
        break;
      }
    }
    if (base.startsWith('u:')) {
      const name = base.slice(2);
      const local = LOCAL_NAME.exec(name);
      if (local) {
        return local[2] === 'u'
          ? `backward ref to unknown label "${local[1]}:"`
          : `local label \`"${local[1]}" (instance number ${Number(local[2]) + 1} of a fb label)' is not defined`;
      }
      this.noteUndefined(name);
      return { type, symbol: name, addend };
    }
    const secName = base.slice(2);
    if (symName) {
      const s = this.symbols.get(symName);
      if (s && (s.kind === 'label' || isSectionEqu(s)) && s.binding !== 'local') {
        addend -= s.value;
        return { type, symbol: symName, addend };
      }
      // gas keeps a local symbol of a mergeable section (`"aMS"`: the linker moves its strings)
      // when the reference has an offset from it or subtracts (`sym - .`)
      if (s && s.kind === 'label' && this.sections.get(secName)?.flags.includes('M') && (pcrel || addend !== s.value)) {
        // a numeric label is written as gas names it: `.L<n>` ^B <instance, from 1>
        const fb = LOCAL_NAME.exec(symName);
        return { type, symbol: fb && fb[2] !== 'u' ? `.L${fb[1]}\x02${Number(fb[2]) + 1}` : symName, addend: addend - s.value };
      }
    }
    return { type, symbol: secName, addend };
  }

  protected noteUndefined(name: string): void {
    const s = this.sym(name);
    if (s.kind === 'undef' && s.binding === 'local') s.binding = 'global';
  }

  protected scrubbedOf(fix: InsnFix): string {
    if (!fix.scrubbed) {
      const { rest } = fix.st.text.indexOf(':') > 0 ? takeLabels(fix.st.text) : { rest: fix.st.text };
      fix.scrubbed = scrub(rest);
    }
    return fix.scrubbed;
  }

  /** Column range of operand `i` within the statement (best effort). */
  protected operandRange(fix: InsnFix, i: number | undefined): [number, number] | undefined {
    if (i === undefined) return undefined;
    const t = fix.st.text;
    const { restCol } = t.indexOf(':') > 0 ? takeLabels(t) : { restCol: 0 };
    const fw = firstWord(t.slice(restCol));
    const base = restCol + fw.restOffset;
    const rs = commaRanges(t.slice(base));
    const r = rs[i];
    return r ? [base + r[0], base + r[1]] : undefined;
  }

  protected symbolRange(fix: InsnFix, name: string): [number, number] | undefined {
    const shown = this.displayName(name);
    const i = fix.st.text.indexOf(shown);
    return i >= 0 ? [i, i + shown.length] : undefined;
  }

  // --- fixups --------------------------------------------------------------------------------

  /**
   * By fixup index, how namedBranchResolved resolved it: the distance to a local label, or
   * RELOCATED; NaN when it was resolved otherwise.
   */
  protected readonly branchDists: number[] = [];
  /** The same of the remembered run, by this run's fixup index (set when resuming). */
  protected priorDists: number[] = [];
  /** Set by namedBranchResolved when it resolves a branch. */
  private branchDist = NaN;

  /** The fixup as this run resolves it: its section and symbol records, a fresh copy of its item in the section. */
  protected live(f: Fixup): Fixup {
    const sec = this.sections.get(f.sec.key)!;
    if (f.kind === 'size') return { kind: 'size', sym: this.own(f.sym.name) ?? f.sym, expr: f.expr, sec, at: f.at, st: f.st };
    const it = f.item;
    const item: MutItem = { section: it.section, offset: it.offset, size: it.size, kind: it.kind, origin: it.origin, text: it.text, word: it.word, reloc: it.reloc };
    if (it.symbolic) item.symbolic = it.symbolic;
    if (it.invalid) item.invalid = it.invalid;
    sec.items[f.index] = item;
    if (f.kind === 'insn') {
      sec.view().fill(0, sec.index(it.offset), sec.index(it.offset) + 4);
      return { kind: 'insn', sec, item, index: f.index, mnemonic: f.mnemonic, ops: f.ops, st: f.st, scrubbed: f.scrubbed, snapshot: f.snapshot, arch: f.arch, parsed: f.parsed };
    }
    sec.view().fill(0, sec.index(f.at), sec.index(f.at) + f.size);
    return { kind: 'data', sec, item, index: f.index, at: f.at, size: f.size, expr: f.expr, st: f.st, snapshot: f.snapshot };
  }

  protected resolveFixups(): void {
    this.final = true;
    const prior = this.priorDists;
    const dists = this.branchDists;
    dists.length = 0;
    for (let k = 0; k < this.fixups.length; k++) {
      const f0 = this.fixups[k];
      const was = k < prior.length ? prior[k] : NaN;
      if (!Number.isNaN(was) && this.resolvesAsBefore(f0, was)) {
        dists.push(was);
        fixupCounts.asBefore++;
        continue;
      }
      this.branchDist = NaN;
      const f = this.live(f0);
      try {
        this.resolveFixup(f);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        this.err('asm/limit', `expression too deeply nested to resolve (${e.message})`, f.st);
      }
      dists.push(this.branchDist);
    }
    this.here = undefined;
  }

  protected resolveFixup(f: Fixup): void {
    this.here = undefined;
    {
      if (f.kind === 'insn') {
        this.encodeInsn(f, true);
        return;
      }
      this.here = { sec: f.sec, at: f.at };
      let v: ExprValue;
      try {
        v = this.evaluate(f.expr, f.kind === 'data' ? f.snapshot : undefined);
      } catch (e) {
        this.here = undefined;
        if (e instanceof ExprError) {
          this.err('asm/expression', e.message, f.st);
          if (f.kind === 'data') f.item.invalid = true;
          return;
        }
        throw e;
      }
      this.here = undefined;
      if (f.kind === 'size') {
        if (v.terms.size === 0) f.sym.size = Number(v.value);
        else this.err('asm/expression', `.size expression for ${f.sym.name} does not evaluate to a constant`, f.st);
        return;
      }
      if (v.terms.size === 0) {
        this.writeData(f.sec, f.item, f.at, f.size, v.value, f.st);
        return;
      }
      const here = 's:' + f.sec.name;
      const pcrel = pcRelativeBase(v, here) !== undefined;
      const type = dataRelocation(f.size, pcrel);
      if (!type) {
        this.err('asm/expression', `cannot represent a ${f.size * 8}-bit ${pcrel ? 'PC-relative ' : ''}relocation`, f.st);
        f.item.invalid = true;
        return;
      }
      const r = this.relocFor(v, type, f.at, f.sec, pcrel);
      if (typeof r === 'string') {
        this.err('asm/expression', r, f.st);
        f.item.invalid = true;
        return;
      }
      f.item.reloc = r;
      if (f.item.kind === 'insn') f.item.word = 0;
    }
    this.here = undefined;
  }

}

