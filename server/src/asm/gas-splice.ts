// Moving the remembered run's rest into this run after an edit that added or removed lines, or
// bytes: its origins move by the lines (OriginShift), its items, fixups and symbols in a section
// whose bytes before the splice point grew or shrank move by that many bytes (and item indexes).
// Shared objects stay shared when nothing moves; a moved one is copied where it is used.
import { MacroDef } from './gas-macro';
import { MutableItem, sectionOfKey } from './layout';
import { OriginShift, sameOrigin } from './origin-shift';
import { Diagnostic, Origin } from './types';
import { Cond, Fixup, PoolEntry, Stmt, SymRec, cloneSym } from './gas-state';
import { Checkpoint, PlaceUse } from './gas-resume';

/** Bytes (`d`) and items (`n`) a section has more than the remembered run at the splice point. */
export interface SectionDelta {
  readonly d: number;
  readonly n: number;
}

export class TailShift {
  /** Nothing moves: the remembered objects are this run's. */
  readonly identity: boolean;
  private readonly macros = new Map<MacroDef, MacroDef>();

  constructor(
    readonly origins: OriginShift | undefined,
    /** By section name (only sections without subsections move). */
    readonly secs: ReadonlyMap<string, SectionDelta>,
  ) {
    this.identity = origins === undefined && secs.size === 0;
  }

  origin(o: Origin): Origin {
    return this.origins ? this.origins.origin(o) : o;
  }

  /** Whether `n` (this run's) is `o` (the remembered run's) moved. */
  sameOrigin(n: Origin, o: Origin): boolean {
    return this.origins ? this.origins.same(n, o) : sameOrigin(n, o);
  }

  bytes(section: string): number {
    return this.secs.get(section)?.d ?? 0;
  }

  private lastSection = '';
  private lastBytes = 0;

  /** `moved`: the item's origin already moved, when the caller has it. */
  item(it: MutableItem, moved?: Origin): MutableItem {
    if (it.section !== this.lastSection) {
      this.lastSection = it.section;
      this.lastBytes = this.bytes(it.section);
    }
    const d = this.lastBytes;
    const origin = moved ?? (this.origins ? this.origins.origin(it.origin) : it.origin);
    if (d === 0 && origin === it.origin) return it;
    const x: MutableItem = { section: it.section, offset: it.offset + d, size: it.size, kind: it.kind, origin, text: it.text, word: it.word, reloc: it.reloc };
    if (it.symbolic) x.symbolic = it.symbolic;
    if (it.invalid) x.invalid = it.invalid;
    if (it.relocs) x.relocs = d === 0 ? it.relocs : it.relocs.map((r) => ({ offset: r.offset + d, size: r.size, reloc: r.reloc }));
    return x;
  }

  stmt(st: Stmt): Stmt {
    if (!this.origins) return st;
    const origin = this.origins.origin(st.origin);
    return origin === st.origin ? st : st.parsed ? { text: st.text, origin, parsed: st.parsed } : { text: st.text, origin };
  }

  fixup(f: Fixup): Fixup {
    if (this.identity) return f;
    const sd = this.secs.get(f.sec.name);
    const d = sd?.d ?? 0;
    const n = sd?.n ?? 0;
    const st = this.stmt(f.st);
    if (f.kind === 'size') return d === 0 && st === f.st ? f : { kind: 'size', sym: f.sym, expr: f.expr, sec: f.sec, at: f.at + d, st };
    // (an instruction's item has its statement's origin: moved once)
    const item = this.item(f.item, f.item.origin === f.st.origin ? st.origin : undefined);
    if (f.kind === 'insn') {
      return { kind: 'insn', sec: f.sec, item, index: f.index + n, mnemonic: f.mnemonic, ops: f.ops, st, scrubbed: f.scrubbed, snapshot: f.snapshot, arch: f.arch, parsed: f.parsed };
    }
    return { kind: 'data', sec: f.sec, item, index: f.index + n, at: f.at + d, size: f.size, expr: f.expr, st, snapshot: f.snapshot };
  }

  diagnostic(x: Diagnostic): Diagnostic {
    if (!this.origins) return x;
    const related = x.related?.map((r) => ({ message: r.message, origin: this.origin(r.origin) }));
    return related ? { ...x, origin: this.origin(x.origin), related } : { ...x, origin: this.origin(x.origin) };
  }

  macro(m: MacroDef): MacroDef {
    if (!this.origins) return m;
    let r = this.macros.get(m);
    if (!r) {
      r = { name: m.name, params: m.params, body: m.body.map((b) => ({ text: b.text, origin: this.origin(b.origin) })), origin: this.origin(m.origin) };
      this.macros.set(m, r);
    }
    return r;
  }

  cond(c: Cond): Cond {
    return { ...c, origin: this.origin(c.origin) };
  }

  pool(p: Checkpoint['pools'][number]): Checkpoint['pools'][number] {
    if (!this.origins) return p;
    const entry = (e: PoolEntry): PoolEntry => ({ key: e.key, expr: e.expr, label: e.label, st: this.stmt(e.st) });
    return { section: p.section, origin: this.origin(p.origin), bySize: p.bySize.map(([k, v]) => [k, v.map(entry)] as [number, PoolEntry[]]) };
  }

  /**
   * A symbol record the remembered run's rest changed: its origin moved, a place in a moved
   * section moved with it (the caller made sure every such value was set after the move).
   */
  sym(x: SymRec): SymRec {
    if (this.identity) return x;
    const y = cloneSym(x, true);
    if (x.origin) y.origin = this.origin(x.origin);
    const sec = placeSection(x);
    const d = sec === undefined ? 0 : this.bytes(sec);
    if (d !== 0) y.value = x.value + BigInt(d);
    if (x.lazyDot) {
      const dd = this.bytes(sectionOfKey(x.lazyDot.key));
      if (dd !== 0) y.lazyDot = { key: x.lazyDot.key, at: x.lazyDot.at + dd };
    }
    return y;
  }

  /** A remembered checkpoint of the rest as this run's (counts moved by the caller). */
  checkpoint(c: Checkpoint, lines: number, syms: readonly SymRec[], macro: (m: MacroDef) => MacroDef): Checkpoint {
    if (this.identity && lines === 0) return c;
    return {
      ...c,
      line: c.line + lines,
      sections: this.secs.size ? c.sections.map((s) => {
        const sd = this.secs.get(s.name);
        return sd ? { ...s, size: s.size + sd.d, items: s.items + sd.n } : s;
      }) : c.sections,
      symbols: syms,
      macros: this.origins ? c.macros.map(([k, m]) => [k, macro(m)] as [string, MacroDef]) : c.macros,
      conds: this.origins ? c.conds.map((x) => this.cond(x)) : c.conds,
      pools: this.origins ? c.pools.map((p) => this.pool(p)) : c.pools,
    };
  }
}

/** The section a symbol's value is a place in (a label's, a section-relative equ's). */
export function placeSection(x: SymRec): string | undefined {
  if (x.kind === 'label') return x.section;
  if (x.kind === 'equ' && x.lazy === undefined && x.base?.startsWith('s:')) return x.base.slice(2);
  return undefined;
}

/**
 * Whether the remembered rest's place uses allow moving section `name` by `d` bytes: no pinned
 * layout, alignments `d` keeps, and every name whose place it used moved by `d` too (`moved`
 * says so of a name; '.' is always in the rest).
 */
export function placesAllow(uses: readonly (PlaceUse | undefined)[], name: string, d: number, moved: (sym: string) => boolean): boolean {
  for (const p of uses) {
    if (!p) continue;
    if (p.pinned.has(name)) return false;
    const a = p.align.get(name);
    if (a !== undefined && d % a !== 0) return false;
    const names = p.names.get(name);
    if (names) for (const n of names) if (n !== '.' && !moved(n)) return false;
  }
  return true;
}
