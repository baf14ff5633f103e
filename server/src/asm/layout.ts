// Layout: sections as growing byte buffers with the items that filled them, and the source map
// from a source line to every item it produced (through gas macros, loops and includes).
import { Item, ItemKind, Origin, Relocation, SectionLayout } from './types';

/** An item as the front end produces it: the shared Item plus what the LSP and CLI show. */
export interface LayoutItem extends Item {
  /** Symbols the item's value needs but that are not defined (asm-offsets, typos): zero in the bytes. */
  readonly symbolic?: readonly string[];
  /** The statement failed (bytes reserved as zero so later offsets stay right). */
  readonly invalid?: boolean;
  /** Relocations of a data item with several values (the first is also `reloc`). */
  readonly relocs?: readonly { readonly offset: number; readonly size: number; readonly reloc: Relocation }[];
}

export interface SectionInfo extends SectionLayout {
  /** ELF flags as written or defaulted ('ax', 'aw', 'a', ''). */
  readonly flags: string;
  /** 'progbits' | 'nobits' | 'note' … */
  readonly type: string;
  /** Alignment padding is NOP words (SHF_EXECINSTR). */
  readonly code: boolean;
  readonly items: readonly LayoutItem[];
}

export interface MutableItem {
  section: string;
  offset: number;
  size: number;
  kind: ItemKind;
  word?: number;
  text?: string;
  origin: Origin;
  reloc?: Relocation;
  symbolic?: string[];
  invalid?: boolean;
  relocs?: { offset: number; size: number; reloc: Relocation }[];
}

/** Flags gas gives a section named without flags. */
export function defaultSectionFlags(name: string): { flags: string; type: string } {
  if (name === '.text' || name.startsWith('.text.')) return { flags: 'ax', type: 'progbits' };
  if (name === '.bss' || name.startsWith('.bss.') || name === '.sbss' || name.startsWith('.tbss')) return { flags: 'aw', type: 'nobits' };
  if (name === '.data' || name.startsWith('.data.') || name === '.sdata' || name.startsWith('.tdata')) return { flags: 'aw', type: 'progbits' };
  if (name === '.rodata' || name.startsWith('.rodata.')) return { flags: 'a', type: 'progbits' };
  if (name.startsWith('.init_array') || name.startsWith('.fini_array') || name.startsWith('.preinit_array')) return { flags: 'aw', type: 'progbits' };
  if (name.startsWith('.note')) return { flags: '', type: 'note' };
  return { flags: '', type: 'progbits' };
}

/** The key of a section's subsection among the builders: the name alone for subsection 0. */
export const subsectionKey = (name: string, subsection: number): string => (subsection === 0 ? name : `${name}\u0000${subsection}`);

/** The section name of a subsection key (subsectionKey's inverse). */
export const sectionOfKey = (key: string): string => {
  const i = key.indexOf('\u0000');
  return i < 0 ? key : key.slice(0, i);
};

/**
 * One subsection of a section (gas's frag chain): its bytes from offset `start` on, the offset in
 * the section where it is laid out (the subsections before it come first). Offsets passed to
 * its methods and held by its items are section offsets.
 */
export class SectionBuilder {
  readonly items: MutableItem[] = [];
  /** The section offset after the last byte. */
  size: number;
  private buf = new Uint8Array(64);
  code: boolean;
  readonly key: string;
  constructor(readonly name: string, public flags: string, public type: string, readonly subsection = 0, readonly start = 0) {
    this.code = flags.includes('x');
    this.size = start;
    this.key = subsectionKey(name, subsection);
  }

  private ensure(end: number): void {
    end -= this.start;
    if (end <= this.buf.length) return;
    let n = this.buf.length;
    while (n < end) n *= 2;
    const b = new Uint8Array(n);
    b.set(this.buf.subarray(0, this.size - this.start));
    this.buf = b;
  }

  /** Appends an item of `size` bytes (zero-filled) and returns it for its bytes to be written. */
  add(kind: ItemKind, size: number, origin: Origin, text?: string, word?: number): MutableItem {
    // every item gets the same shape (fields set later stay in the object)
    const it: MutableItem = { section: this.name, offset: this.size, size, kind, origin, text, word, reloc: undefined };
    this.ensure(this.size + size);
    this.buf.fill(0, this.size - this.start, this.size - this.start + size);
    this.size += size;
    this.items.push(it);
    return it;
  }

  writeWord(offset: number, w: number): void {
    offset -= this.start;
    this.buf[offset] = w & 0xff;
    this.buf[offset + 1] = (w >>> 8) & 0xff;
    this.buf[offset + 2] = (w >>> 16) & 0xff;
    this.buf[offset + 3] = (w >>> 24) & 0xff;
  }

  /** Little-endian `size` bytes of v (two's complement) at offset. */
  writeInt(offset: number, size: number, v: bigint): void {
    let x = BigInt.asUintN(size * 8, v);
    offset -= this.start;
    for (let i = 0; i < size; i++) {
      this.buf[offset + i] = Number(x & 0xffn);
      x >>= 8n;
    }
  }

  writeBytes(offset: number, bytes: ArrayLike<number>): void {
    this.buf.set(bytes, offset - this.start);
  }

  fillPattern(offset: number, size: number, pattern: ArrayLike<number>): void {
    offset -= this.start;
    if (pattern.length === 1) {
      this.buf.fill(pattern[0], offset, offset + size);
      return;
    }
    for (let i = 0; i < size; i++) this.buf[offset + i] = pattern[i % pattern.length];
  }

  /**
   * A builder holding the bytes up to section offset `size` of `bytes` (from its start on) and
   * these items (resuming an earlier assembly): the builder owns the array from now on.
   */
  static resume(name: string, flags: string, type: string, bytes: Uint8Array, size: number, items: MutableItem[], subsection = 0, start = 0): SectionBuilder {
    const b = new SectionBuilder(name, flags, type, subsection, start);
    b.ensure(Math.max(size, start + 64));
    b.buf.set(bytes.subarray(0, size - start));
    b.size = size;
    (b as { items: MutableItem[] }).items = items;
    return b;
  }

  /** Bytes of the subsection so far (from its start). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.size - this.start);
  }

  /** Section offset `offset` as an index into view(). */
  index(offset: number): number {
    return offset - this.start;
  }

  finish(): SectionInfo {
    return {
      name: this.name,
      size: this.size,
      bytes: this.buf.slice(0, this.size - this.start),
      items: this.items as LayoutItem[],
      flags: this.flags,
      type: this.type,
      code: this.code,
    };
  }
}

/**
 * A section laid out from its subsections (builders of one name, in subsection order, each at
 * the start offset the layout gave it: the first at 0, each next one where the one before ends).
 */
export function joinSubsections(parts: readonly SectionBuilder[]): SectionInfo {
  if (parts.length === 1 && parts[0].start === 0) return parts[0].finish();
  const first = parts.find((p) => p.subsection === 0) ?? parts[0];
  // (a pass whose starts were guesses may overlap them: its result is not the one kept)
  const size = Math.max(...parts.map((p) => p.size));
  const bytes = new Uint8Array(size);
  const items: LayoutItem[] = [];
  for (const p of parts) {
    bytes.set(p.view(), p.start);
    for (const it of p.items) items.push(it as LayoutItem);
  }
  return { name: first.name, size, bytes, items, flags: first.flags, type: first.type, code: first.code };
}

const key = (file: string, line: number) => file + '\u0000' + line;

/** Source line → items, keyed by each item's own location and every expansion frame around it. */
export function buildItemIndex(sections: readonly SectionLayout[]): (file: string, line: number) => readonly Item[] {
  let index: Map<string, Item[]> | undefined;
  const build = () => {
    const m = new Map<string, Item[]>();
    for (const s of sections) {
      for (const it of s.items) {
        const keys = new Set<string>();
        keys.add(key(it.origin.loc.file, it.origin.loc.line));
        for (const f of it.origin.stack) keys.add(key(f.at.file, f.at.line));
        for (const k of keys) {
          let l = m.get(k);
          if (!l) m.set(k, (l = []));
          l.push(it);
        }
      }
    }
    return m;
  };
  return (file, line) => (index ??= build()).get(key(file, line)) ?? [];
}
