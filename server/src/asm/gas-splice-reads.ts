// What a splice that moves the rest of a section must know of the remembered run: where its
// statements used the place of bytes during the pass. Values over places that wait for the end
// (fixups) are computed again there; values kept during the pass are not — a section-relative
// value, a difference of places, an alignment, a relocation addend. This layer notes them per
// checkpoint interval (gas-core.ts stores them with the checkpoints, gas-splice.ts checks them).
import { ExprValue, SymValue } from './gas-expr';
import { SectionBuilder } from './layout';
import { Relocation } from './types';
import { InsnFix, Stmt } from './gas-state';
import { PlaceUse } from './gas-resume';
import { GasDirectives } from './gas-directives';

export abstract class GasPlaceReads extends GasDirectives {
  /** Section-relative names looked up during the pass (section name, symbol name), not yet in `place`. */
  private readSecs: string[] = [];
  private readNames: string[] = [];
  /** Keep every name an evaluation reads (the caller keeps section-relative results too). */
  private keepReads = false;
  private place: PlaceUse | undefined;

  protected override noteRead(name: string, v: SymValue | undefined): void {
    if (!this.final && v?.base !== undefined && v.base.charCodeAt(0) === 115 /* s: */) {
      this.readSecs.push(v.base.slice(2));
      this.readNames.push(name);
    }
  }

  /** The place uses since the last call (for the checkpoint that ends the interval). */
  protected takePlace(): PlaceUse | undefined {
    for (let i = 0; i < this.readSecs.length; i++) {
      const p = this.use();
      let s = p.names.get(this.readSecs[i]);
      if (!s) p.names.set(this.readSecs[i], (s = new Set<string>()));
      s.add(this.readNames[i]);
    }
    this.readSecs.length = 0;
    this.readNames.length = 0;
    const p = this.place;
    this.place = undefined;
    return p;
  }

  private use(): PlaceUse {
    return (this.place ??= { names: new Map(), align: new Map(), pinned: new Set() });
  }

  private pin(section: string): void {
    this.use().pinned.add(section);
  }

  private aligned(section: string, bytes: number): void {
    const p = this.use();
    if ((p.align.get(section) ?? 0) < bytes) p.align.set(section, bytes);
  }

  // a result that is not absolute waits for the end (a fixup), or is an error: its names are
  // not kept unless the caller keeps such results
  protected override evaluate(text: string, snapshot?: Map<string, SymValue>): ExprValue {
    const mark = this.readNames.length;
    const v = super.evaluate(text, snapshot);
    if (!this.keepReads && (v.terms.size !== 0 || v.unknown.length !== 0) && !this.final) {
      this.readSecs.length = mark;
      this.readNames.length = mark;
    }
    return v;
  }

  // an equ keeps a section-relative value
  protected override assign(name: string, expr: string, st: Stmt, how: 'set' | 'equiv' | 'eqv'): void {
    const k = this.keepReads;
    this.keepReads = true;
    try {
      super.assign(name, expr, st, how);
    } finally {
      this.keepReads = k;
    }
  }

  // an instruction encoded during the pass keeps what it read; adrp's word depends on its page
  protected override encodeInsnAt(fix: InsnFix, final: boolean): 'defer' | void {
    if (final) return super.encodeInsnAt(fix, final);
    if (fix.mnemonic === 'adrp') this.pin(fix.sec.name);
    const k = this.keepReads;
    this.keepReads = true;
    try {
      return super.encodeInsnAt(fix, final);
    } finally {
      this.keepReads = k;
    }
  }

  // a relocation made during the pass keeps a section-relative addend
  protected override relocFor(v: ExprValue, type: string, place: number, sec: SectionBuilder, pcrel: boolean): Relocation | string {
    if (!this.final) {
      for (const b of v.terms.keys()) if (b.startsWith('s:')) this.pin(b.slice(2));
      if (pcrel) this.pin(sec.name);
    }
    return super.relocFor(v, type, place, sec, pcrel);
  }

  protected override alignedTo(sec: SectionBuilder, bytes: number | undefined): void {
    if (bytes !== undefined && Number.isSafeInteger(bytes)) this.aligned(sec.name, bytes);
    else this.pin(sec.name);
  }

  // a message kept from the pass that names an address
  protected override messageUsedPlace(sec: SectionBuilder): void {
    if (!this.final) this.pin(sec.name);
  }

  protected override org(args: string, st: Stmt): void {
    this.pin(this.cur.name);
    super.org(args, st);
  }

}
