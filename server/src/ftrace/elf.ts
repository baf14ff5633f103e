// A small reader for 64-bit little-endian ELF files (AArch64 .o, .ko, vmlinux): section headers,
// symbol tables, RELA relocations, and reads of words by section offset or virtual address.
// Every size and offset is checked against the file, so a truncated or hostile file gives an
// ElfError, never an out-of-bounds read or a hang.

export class ElfError extends Error {}

export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_RELA = 4;
export const SHT_NOBITS = 8;
export const SHT_DYNSYM = 11;
export const SHF_WRITE = 1n;
export const SHF_ALLOC = 2n;
export const SHF_EXECINSTR = 4n;

export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const EM_AARCH64 = 183;

export const R_AARCH64_ABS64 = 257;
export const R_AARCH64_PREL32 = 261;
export const R_AARCH64_JUMP26 = 282;
export const R_AARCH64_CALL26 = 283;
export const R_AARCH64_RELATIVE = 1027;

const RELOC_NAMES: Record<number, string> = {
  0: 'R_AARCH64_NONE', 257: 'R_AARCH64_ABS64', 258: 'R_AARCH64_ABS32', 259: 'R_AARCH64_ABS16', 260: 'R_AARCH64_PREL64', 261: 'R_AARCH64_PREL32',
  262: 'R_AARCH64_PREL16', 274: 'R_AARCH64_ADR_PREL_LO21', 275: 'R_AARCH64_ADR_PREL_PG_HI21', 276: 'R_AARCH64_ADR_PREL_PG_HI21_NC',
  277: 'R_AARCH64_ADD_ABS_LO12_NC', 278: 'R_AARCH64_LDST8_ABS_LO12_NC', 279: 'R_AARCH64_TSTBR14', 280: 'R_AARCH64_CONDBR19',
  282: 'R_AARCH64_JUMP26', 283: 'R_AARCH64_CALL26', 284: 'R_AARCH64_LDST16_ABS_LO12_NC', 285: 'R_AARCH64_LDST32_ABS_LO12_NC',
  286: 'R_AARCH64_LDST64_ABS_LO12_NC', 299: 'R_AARCH64_LDST128_ABS_LO12_NC', 1025: 'R_AARCH64_GLOB_DAT', 1026: 'R_AARCH64_JUMP_SLOT',
  1027: 'R_AARCH64_RELATIVE',
};

export function relocName(type: number): string {
  return RELOC_NAMES[type] ?? `R_AARCH64_${type}`;
}

export interface ElfSection {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly flags: bigint;
  readonly addr: bigint;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly addralign: bigint;
  readonly entsize: number;
}

export type SymbolType = 'notype' | 'object' | 'func' | 'section' | 'file' | 'tls' | 'other';
export type SymbolBind = 'local' | 'global' | 'weak' | 'other';

export interface ElfSymbol {
  readonly index: number;
  readonly name: string;
  readonly value: bigint;
  readonly size: bigint;
  readonly type: SymbolType;
  readonly bind: SymbolBind;
  readonly shndx: number;
}

export interface ElfRela {
  readonly offset: bigint;
  readonly type: number;
  readonly sym: number;
  readonly addend: bigint;
}

const TYPES: SymbolType[] = ['notype', 'object', 'func', 'section', 'file', 'other', 'tls'];
const BINDS: SymbolBind[] = ['local', 'global', 'weak'];

export class ElfFile {
  readonly type: number;
  readonly machine: number;
  readonly entry: bigint;
  readonly sections: readonly ElfSection[];
  private readonly view: DataView;
  private readonly byName = new Map<string, ElfSection>();
  private symCache?: ElfSymbol[];
  private dynSymCache?: ElfSymbol[];
  private relaCache = new Map<number, ElfRela[]>();

  constructor(readonly bytes: Uint8Array) {
    if (bytes.length < 64) throw new ElfError('not an ELF file: shorter than an ELF header');
    if (bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) throw new ElfError('not an ELF file (bad magic)');
    if (bytes[4] !== 2) throw new ElfError('not a 64-bit ELF file');
    if (bytes[5] !== 1) throw new ElfError('not a little-endian ELF file');
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const v = this.view;
    this.type = v.getUint16(16, true);
    this.machine = v.getUint16(18, true);
    this.entry = v.getBigUint64(24, true);
    const shoff = this.num(v.getBigUint64(40, true), 'e_shoff');
    const shentsize = v.getUint16(58, true);
    let shnum = v.getUint16(60, true);
    let shstrndx = v.getUint16(62, true);
    if (shoff === 0) {
      this.sections = [];
      return;
    }
    if (shentsize < 64) throw new ElfError(`bad e_shentsize ${shentsize}`);
    this.check(shoff, shentsize, 'section header 0');
    if (shnum === 0) shnum = this.num(v.getBigUint64(shoff + 32, true), 'section count');
    if (shstrndx === 0xffff) shstrndx = v.getUint32(shoff + 40, true);
    this.check(shoff, shnum * shentsize, 'section headers');
    const raw = [];
    for (let i = 0; i < shnum; i++) {
      const o = shoff + i * shentsize;
      raw.push({
        nameOff: v.getUint32(o, true),
        type: v.getUint32(o + 4, true),
        flags: v.getBigUint64(o + 8, true),
        addr: v.getBigUint64(o + 16, true),
        offset: this.num(v.getBigUint64(o + 24, true), 'sh_offset'),
        size: this.num(v.getBigUint64(o + 32, true), 'sh_size'),
        link: v.getUint32(o + 40, true),
        info: v.getUint32(o + 44, true),
        addralign: v.getBigUint64(o + 48, true),
        entsize: this.num(v.getBigUint64(o + 56, true), 'sh_entsize'),
      });
    }
    const strtab = raw[shstrndx];
    this.sections = raw.map((r, index) => {
      const name = strtab && strtab.type !== SHT_NOBITS ? this.cstr(strtab.offset, strtab.size, r.nameOff) : '';
      if (r.type !== SHT_NOBITS && r.size > 0) this.check(r.offset, r.size, `section ${name || index}`);
      return { index, name, type: r.type, flags: r.flags, addr: r.addr, offset: r.offset, size: r.size, link: r.link, info: r.info, addralign: r.addralign, entsize: r.entsize };
    });
    for (const s of this.sections) if (!this.byName.has(s.name)) this.byName.set(s.name, s);
  }

  private num(x: bigint, what: string): number {
    if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfError(`${what} too large`);
    return Number(x);
  }
  private check(off: number, len: number, what: string): void {
    if (off < 0 || len < 0 || off + len > this.bytes.length) throw new ElfError(`${what} lies outside the file (offset ${off}, ${len} bytes, file ${this.bytes.length})`);
  }
  private cstr(tabOff: number, tabSize: number, off: number): string {
    if (off >= tabSize) return '';
    const start = tabOff + off;
    const limit = tabOff + tabSize;
    let end = start;
    while (end < limit && this.bytes[end] !== 0) end++;
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, end - start).toString('latin1');
  }

  get isRelocatable(): boolean {
    return this.type === ET_REL;
  }

  section(name: string): ElfSection | undefined {
    return this.byName.get(name);
  }

  /** Symbols of .symtab (or .dynsym when there is no .symtab). */
  symbols(): readonly ElfSymbol[] {
    if (this.symCache) return this.symCache;
    const tab = this.sections.find((s) => s.type === SHT_SYMTAB) ?? this.sections.find((s) => s.type === SHT_DYNSYM);
    return (this.symCache = tab ? this.readSymbols(tab) : []);
  }

  dynamicSymbols(): readonly ElfSymbol[] {
    if (this.dynSymCache) return this.dynSymCache;
    const tab = this.sections.find((s) => s.type === SHT_DYNSYM);
    return (this.dynSymCache = tab ? this.readSymbols(tab) : []);
  }

  private readSymbols(tab: ElfSection): ElfSymbol[] {
    const str = this.sections[tab.link];
    if (!str) throw new ElfError(`symbol table ${tab.name} has no string table`);
    const ent = tab.entsize || 24;
    if (ent < 24) throw new ElfError(`bad symbol entry size ${ent}`);
    const n = Math.floor(tab.size / ent);
    const out: ElfSymbol[] = new Array(n);
    const v = this.view;
    for (let i = 0; i < n; i++) {
      const o = tab.offset + i * ent;
      const info = this.bytes[o + 4];
      out[i] = {
        index: i,
        name: this.cstr(str.offset, str.size, v.getUint32(o, true)),
        value: v.getBigUint64(o + 8, true),
        size: v.getBigUint64(o + 16, true),
        type: TYPES[info & 0xf] ?? 'other',
        bind: BINDS[info >> 4] ?? 'other',
        shndx: v.getUint16(o + 6, true),
      };
    }
    return out;
  }

  /** RELA relocations that apply to a section (from every SHT_RELA section whose sh_info is it). */
  relocationsFor(target: ElfSection): readonly ElfRela[] {
    const cached = this.relaCache.get(target.index);
    if (cached) return cached;
    const out: ElfRela[] = [];
    for (const s of this.sections) if (s.type === SHT_RELA && s.info === target.index && s.info !== 0) out.push(...this.readRela(s));
    this.relaCache.set(target.index, out);
    return out;
  }

  /** Relocations of a RELA section (e.g. .rela.dyn of a vmlinux, whose sh_info is 0). */
  readRela(s: ElfSection): ElfRela[] {
    const ent = s.entsize || 24;
    if (ent < 24) throw new ElfError(`bad relocation entry size ${ent}`);
    const n = Math.floor(s.size / ent);
    const out: ElfRela[] = new Array(n);
    const v = this.view;
    for (let i = 0; i < n; i++) {
      const o = s.offset + i * ent;
      const info = v.getBigUint64(o + 8, true);
      out[i] = { offset: v.getBigUint64(o, true), type: Number(info & 0xffffffffn), sym: Number(info >> 32n), addend: v.getBigInt64(o + 16, true) };
    }
    return out;
  }

  /** Bytes of a section (empty for SHT_NOBITS). */
  data(s: ElfSection): Uint8Array {
    if (s.type === SHT_NOBITS) return new Uint8Array(0);
    return this.bytes.subarray(s.offset, s.offset + s.size);
  }

  /** The little-endian u32 at an offset of a section; undefined outside it or in NOBITS. */
  u32At(s: ElfSection, off: number): number | undefined {
    if (s.type === SHT_NOBITS || off < 0 || off + 4 > s.size) return undefined;
    return this.view.getUint32(s.offset + off, true);
  }

  u64At(s: ElfSection, off: number): bigint | undefined {
    if (s.type === SHT_NOBITS || off < 0 || off + 8 > s.size) return undefined;
    return this.view.getBigUint64(s.offset + off, true);
  }

  /** The allocated section holding a virtual address (ET_EXEC/ET_DYN). */
  sectionAt(addr: bigint): ElfSection | undefined {
    for (const s of this.sections) if (s.flags & SHF_ALLOC && s.size > 0 && addr >= s.addr && addr < s.addr + BigInt(s.size)) return s;
    return undefined;
  }
}
