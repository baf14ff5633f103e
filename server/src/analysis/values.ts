// Abstract values of registers and stack slots, and the machine state the dataflow carries.
import { NREGS, SP, regName } from './effects';

export type Val =
  /** The entry value of register r plus off (sp at entry + k is e(31, k)). */
  | { readonly k: 'e'; readonly r: number; readonly off: number }
  /** A known constant. */
  | { readonly k: 'c'; readonly v: bigint }
  /** Loaded from the stack slot [entry sp + slot] whose content is not known here. */
  | { readonly k: 'l'; readonly slot: number }
  /** Some value written by an instruction (the state's site says which). */
  | { readonly k: 'u' }
  /** Destroyed by the call at instruction `call` (reading it is a bug). */
  | { readonly k: 'x'; readonly call: number }
  /** Result register r (x0, x1) of the call at instruction `call`. */
  | { readonly k: 'res'; readonly call: number; readonly r: number };

const ENTRY: Val[] = Array.from({ length: NREGS }, (_, r) => ({ k: 'e', r, off: 0 }) as const);
export const U: Val = { k: 'u' };

export function entryVal(r: number, off = 0): Val {
  return off === 0 ? ENTRY[r] : { k: 'e', r, off };
}

export function sameVal(a: Val, b: Val): boolean {
  if (a === b) return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'e':
      return a.r === (b as typeof a).r && a.off === (b as typeof a).off;
    case 'c':
      return a.v === (b as typeof a).v;
    case 'l':
      return a.slot === (b as typeof a).slot;
    case 'u':
    case 'x':
      return true;
    case 'res':
      return a.call === (b as typeof a).call && a.r === (b as typeof a).r;
  }
}

/** Least upper bound: equal values stay, a clobbered value wins (may-clobbered), else unknown. */
export function joinVal(a: Val, b: Val): Val {
  if (sameVal(a, b)) return a;
  if (a.k === 'x') return a;
  if (b.k === 'x') return b;
  return U;
}

export function isEntry(v: Val, r: number): boolean {
  return v.k === 'e' && v.r === r && v.off === 0;
}

/** Words for a value in messages: "the entry value of x9", "sp at entry − 16", …. */
export function describeVal(v: Val): string {
  switch (v.k) {
    case 'e':
      if (v.r === SP) return v.off === 0 ? 'the entry sp' : `sp at entry ${v.off < 0 ? '−' : '+'} ${Math.abs(v.off)}`;
      return v.off === 0 ? `the entry value of ${regName(v.r)}` : `the entry value of ${regName(v.r)} ${v.off < 0 ? '−' : '+'} ${Math.abs(v.off)}`;
    case 'c':
      return `the constant 0x${BigInt.asUintN(64, v.v).toString(16)}`;
    case 'l':
      return `a value loaded from [entry sp ${v.slot < 0 ? '−' : '+'} ${Math.abs(v.slot)}] (not saved there by this code)`;
    case 'u':
      return 'another value';
    case 'x':
      return 'a value destroyed by a call';
    case 'res':
      return `the result ${regName(v.r)} of a call`;
  }
}

export interface Slot {
  readonly val: Val;
  readonly size: number;
  /** The store that wrote it. */
  readonly site: number;
}

/** Def site of a register: an instruction index, ENTRY_SITE, or MERGED (differs by path). */
export const ENTRY_SITE = -1;
export const MERGED = -2;

export class State {
  /** The slots map may be shared with clones: copied before the first write (copy on write). */
  private shared = false;

  constructor(
    readonly vals: Val[],
    readonly sites: Int32Array,
    private map: Map<number, Slot>,
  ) {}

  static entry(): State {
    return new State(ENTRY.slice(), new Int32Array(NREGS).fill(ENTRY_SITE), new Map());
  }

  clone(): State {
    this.shared = true;
    const c = new State(this.vals.slice(), this.sites.slice(), this.map);
    c.shared = true;
    return c;
  }

  /** Stack slots by offset from the entry sp (read only: write through the methods). */
  get slots(): ReadonlyMap<number, Slot> {
    return this.map;
  }

  private own(): Map<number, Slot> {
    if (this.shared) {
      this.map = new Map(this.map);
      this.shared = false;
    }
    return this.map;
  }

  setSlot(off: number, slot: Slot): void {
    this.own().set(off, slot);
  }

  deleteSlot(off: number): void {
    if (this.map.has(off)) this.own().delete(off);
  }

  clearSlots(): void {
    if (this.map.size) {
      this.map = new Map();
      this.shared = false;
    }
  }

  /** Joins `o` into this state; true when this state changed. */
  joinFrom(o: State): boolean {
    let changed = false;
    for (let r = 0; r < NREGS; r++) {
      const a = this.vals[r];
      const b = o.vals[r];
      const j = joinVal(a, b);
      if (!sameVal(j, a)) {
        this.vals[r] = j;
        changed = true;
      }
      const sa = this.sites[r];
      const sb = o.sites[r];
      if (sa !== sb) {
        let s: number;
        if (j.k === 'x') s = j.call;
        // what is owed about a register is mostly its entry value: keep the site that lost it
        else if (isEntry(a, r) && !isEntry(b, r)) s = sb;
        else if (isEntry(b, r) && !isEntry(a, r)) s = sa;
        else if (sameVal(j, a) && !sameVal(j, b)) s = sa;
        else if (sameVal(j, b) && !sameVal(j, a)) s = sb;
        else s = MERGED;
        if (s !== sa) {
          this.sites[r] = s;
          changed = true;
        }
      }
    }
    // (no copy to iterate: a write either copies a shared map first or changes an entry already there)
    for (const [off, s] of this.map) {
      const t = o.slots.get(off);
      if (!t || t.size !== s.size) {
        this.deleteSlot(off);
        changed = true;
        continue;
      }
      const j = joinVal(s.val, t.val);
      const site = s.site === t.site || sameVal(j, s.val) ? s.site : MERGED;
      if (!sameVal(j, s.val) || site !== s.site) {
        this.setSlot(off, { val: j, size: s.size, site });
        changed = true;
      }
    }
    return changed;
  }

  /** The stack offset a register points at (entry sp + k), if it is sp-relative. */
  stackOffset(r: number): number | undefined {
    const v = this.vals[r];
    return v.k === 'e' && v.r === SP ? v.off : undefined;
  }

  /** Removes slots overlapping [off, off + size). */
  kill(off: number, size: number): void {
    for (const [k, s] of this.map) if (k < off + size && off < k + s.size) this.deleteSlot(k);
  }
}
