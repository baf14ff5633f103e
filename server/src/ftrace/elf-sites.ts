// Patch sites of ELF objects (.o, .ko, vmlinux): every record of __patchable_function_entries
// (or __mcount_loc for mcount builds; in a linked vmlinux the records between __start_mcount_loc
// and __stop_mcount_loc, relocated through .rela.dyn), its function, section, the words on disk
// and the words of each ftrace state at the addresses of a layout: the file's own addresses for
// a linked image, or a load address for a relocatable object (example addresses unless given).
import { CallsiteKind, KernelEra, defaultEra, findEra } from './eras';
import { ElfFile, ElfSection, ElfSymbol, R_AARCH64_ABS64, R_AARCH64_RELATIVE, SHF_ALLOC, SHF_EXECINSTR, relocName } from './elf';
import { BTI_C, CallsiteLayout, NOP, PatchConfig, PatchSite, SiteAddresses, callsiteLayout, callsiteSites, configForEra, describeWord } from './patch-sites';

/** Addresses used when neither the file nor a kernel symbol table gives them (6.12-like, KASLR off). */
export const EXAMPLE_ADDRESSES = {
  kernelText: 0xffff800080000000n,
  ftraceCaller: 0xffff800080038000n,
  ftraceRegsCaller: 0xffff800080038100n,
  mcount: 0xffff800080037ff8n,
  ftraceNopOps: 0xffff800082a4c000n,
  ftraceListOps: 0xffff800082a4c100n,
  /** Module .text 64 MiB below the kernel: ftrace_caller is within BL range. */
  moduleBase: 0xffff80007c000000n,
} as const;

export interface KernelSymbols {
  /** Symbol name → address, from a System.map or a vmlinux symbol table. */
  readonly symbols: ReadonlyMap<string, bigint>;
  readonly source: string;
}

/** Parses a System.map (`ADDR TYPE NAME` per line). */
export function parseSystemMap(text: string, source = 'System.map'): KernelSymbols {
  const symbols = new Map<string, bigint>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-fA-F]{8,16})\s+\S\s+(\S+)/.exec(line);
    if (m && !symbols.has(m[2])) symbols.set(m[2], BigInt('0x' + m[1]));
  }
  return { symbols, source };
}

export function elfKernelSymbols(elf: ElfFile, source: string): KernelSymbols {
  const symbols = new Map<string, bigint>();
  for (const s of elf.symbols()) if (s.name && s.shndx !== 0 && !symbols.has(s.name)) symbols.set(s.name, s.value);
  return { symbols, source };
}

export interface ElfSitesOptions {
  /** Era of eras.ts (callsite kind and config); default: detected from the file, else the default era. */
  readonly era?: string;
  readonly config?: Partial<Omit<PatchConfig, 'era'>>;
  /** Trampoline and ops addresses (ftrace_caller, ftrace_regs_caller, ftrace_nop_ops, …). */
  readonly kernel?: KernelSymbols;
  /** Where the object's first executable section is loaded (relocatable files). */
  readonly loadAddress?: bigint;
  /** Explicit addresses (override the kernel symbols). */
  readonly addresses?: Partial<SiteAddresses>;
}

export interface ElfRecord {
  readonly index: number;
  /** The recorded address in the layout. */
  readonly record: bigint;
  readonly section: string;
  /** Offset of the record in its section. */
  readonly offset: number;
  /** The function the callsite belongs to, and the record's offset from it. */
  readonly symbol?: string;
  readonly symbolOffset?: number;
  readonly kind: CallsiteKind;
  readonly layout: CallsiteLayout;
  readonly sites: readonly (PatchSite & { readonly current: { readonly word: number | bigint | null; readonly text: string } })[];
}

export interface ElfSitesResult {
  readonly elfType: 'REL' | 'EXEC' | 'DYN' | 'OTHER';
  readonly source: string;
  readonly records: readonly ElfRecord[];
  readonly config: PatchConfig;
  readonly addresses: SiteAddresses & { readonly example: boolean; readonly from?: string };
  /** Section base addresses used for a relocatable file. */
  readonly layout: readonly { readonly section: string; readonly address: bigint }[];
  readonly warnings: readonly string[];
}

interface RawRecord {
  section: ElfSection;
  offset: number;
}

/** Records of a relocatable object: every 8-byte slot of the record sections, relocated. */
function relocatableRecords(elf: ElfFile, names: readonly string[], warnings: string[]): { raw: RawRecord[]; source: string } {
  const raw: RawRecord[] = [];
  let source = '';
  const syms = elf.symbols();
  for (const sec of elf.sections) {
    if (!names.includes(sec.name)) continue;
    source ||= sec.name;
    const relocs = elf.relocationsFor(sec);
    const bySlot = new Map<number, (typeof relocs)[number]>();
    for (const r of relocs) bySlot.set(Number(r.offset), r);
    for (let off = 0; off + 8 <= sec.size; off += 8) {
      const r = bySlot.get(off);
      if (!r) {
        warnings.push(`${sec.name}+0x${off.toString(16)}: no relocation for the record`);
        continue;
      }
      if (r.type !== R_AARCH64_ABS64) {
        warnings.push(`${sec.name}+0x${off.toString(16)}: unexpected ${relocName(r.type)}`);
        continue;
      }
      const s = syms[r.sym];
      const target = s ? elf.sections[s.shndx] : undefined;
      if (!s || !target) {
        warnings.push(`${sec.name}+0x${off.toString(16)}: relocation against an undefined symbol`);
        continue;
      }
      raw.push({ section: target, offset: Number(s.value + r.addend) });
    }
  }
  return { raw, source };
}

/** Records of a linked image: between __start_mcount_loc and __stop_mcount_loc (or a record section). */
function linkedRecords(elf: ElfFile, names: readonly string[], warnings: string[]): { raw: RawRecord[]; source: string; addrs: bigint[] } {
  const syms = elf.symbols();
  const start = syms.find((s) => s.name === '__start_mcount_loc');
  const stop = syms.find((s) => s.name === '__stop_mcount_loc');
  let from: bigint, to: bigint, source: string;
  if (start && stop && stop.value > start.value) {
    from = start.value;
    to = stop.value;
    source = '__start_mcount_loc..__stop_mcount_loc';
  } else {
    const sec = elf.sections.find((s) => names.includes(s.name));
    if (!sec) return { raw: [], source: '', addrs: [] };
    from = sec.addr;
    to = sec.addr + BigInt(sec.size);
    source = sec.name;
  }
  const holder = elf.sectionAt(from);
  if (!holder) {
    warnings.push(`${source}: not inside a section of the file`);
    return { raw: [], source, addrs: [] };
  }
  // RELATIVE relocations of the dynamic relocation sections fill the records at boot
  const rel = new Map<bigint, bigint>();
  for (const s of elf.sections) {
    if (s.type !== 4 || s.info !== 0) continue;
    for (const r of elf.readRela(s)) if (r.type === R_AARCH64_RELATIVE && r.offset >= from && r.offset < to) rel.set(r.offset, r.addend);
  }
  const raw: RawRecord[] = [];
  const addrs: bigint[] = [];
  for (let a = from; a + 8n <= to; a += 8n) {
    let v = elf.u64At(holder, Number(a - holder.addr)) ?? 0n;
    const r = rel.get(a);
    if (r !== undefined) v = BigInt.asUintN(64, r);
    if (v === 0n) {
      warnings.push(`record at 0x${a.toString(16)} is zero and has no RELATIVE relocation`);
      continue;
    }
    const s = elf.sectionAt(v);
    if (!s) {
      warnings.push(`record 0x${v.toString(16)} is not in an allocated section`);
      continue;
    }
    raw.push({ section: s, offset: Number(v - s.addr) });
    addrs.push(v);
  }
  return { raw, source, addrs };
}

/** Function symbols per section, sorted by value (section-relative for relocatable files). */
function functionIndex(elf: ElfFile): Map<number, ElfSymbol[]> {
  const m = new Map<number, ElfSymbol[]>();
  for (const s of elf.symbols()) {
    if (s.type !== 'func' || s.shndx === 0 || s.shndx >= 0xff00) continue;
    let l = m.get(s.shndx);
    if (!l) m.set(s.shndx, (l = []));
    l.push(s);
  }
  for (const l of m.values()) l.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return m;
}

function findAtOrBefore(list: readonly ElfSymbol[] | undefined, v: bigint): ElfSymbol | undefined {
  if (!list || list.length === 0) return undefined;
  let lo = 0, hi = list.length - 1, best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].value <= v) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // among equal values prefer a global name
  if (best < 0) return undefined;
  let i = best;
  while (i > 0 && list[i - 1].value === list[best].value) i--;
  let pick = list[best];
  for (let k = i; k <= best; k++) if (list[k].bind !== 'local') pick = list[k];
  return pick;
}

/** The era a file's callsites point to when none is given: Debian's kernels for the two patchable kinds. */
function eraForKind(kind: CallsiteKind | undefined): KernelEra {
  const name = kind === 'mcount' ? 'mcount' : kind === 'patchable-2' ? '6.1' : kind === 'patchable-4-2' ? '6.12' : undefined;
  return (name ? findEra(name) : undefined) ?? defaultEra();
}

export function listElfPatchSites(elf: ElfFile, opts: ElfSitesOptions = {}): ElfSitesResult {
  const warnings: string[] = [];
  const names = ['__patchable_function_entries', '__mcount_loc'];
  const elfType = elf.type === 1 ? 'REL' : elf.type === 2 ? 'EXEC' : elf.type === 3 ? 'DYN' : 'OTHER';
  const rec = elf.isRelocatable ? { ...relocatableRecords(elf, names, warnings), addrs: undefined } : linkedRecords(elf, names, warnings);
  const funcs = functionIndex(elf);
  const era = (opts.era ? findEra(opts.era) : undefined) ?? eraForKind(rec.raw.length ? probeKind(elf, rec.raw[0], funcs) : undefined);
  const baseCfg = configForEra(era, opts.config);

  // layout: linked images use their addresses; relocatable files get their executable sections
  // placed one after the other from the load address (4 KiB aligned)
  const bases = new Map<number, bigint>();
  const layout: { section: string; address: bigint }[] = [];
  if (elf.isRelocatable) {
    let at = opts.loadAddress ?? EXAMPLE_ADDRESSES.moduleBase;
    for (const s of elf.sections) {
      if (!(s.flags & SHF_ALLOC) || !(s.flags & SHF_EXECINSTR)) continue;
      const align = s.addralign > 1n ? s.addralign : 1n;
      at = (at + align - 1n) & ~(align - 1n);
      bases.set(s.index, at);
      layout.push({ section: s.name, address: at });
      at = (at + BigInt(s.size) + 0xfffn) & ~0xfffn;
    }
  } else for (const s of elf.sections) bases.set(s.index, s.addr);

  // addresses of the trampolines and ops: explicit, then the kernel's symbols, then the file's own, then examples
  const own = elf.isRelocatable ? undefined : elfKernelSymbols(elf, 'the file');
  const sym = (n: string): bigint | undefined => opts.kernel?.symbols.get(n) ?? own?.symbols.get(n);
  const known = sym('ftrace_caller') !== undefined;
  const example = !known;
  const listOps = opts.addresses?.ftraceListOps ?? sym('ftrace_list_ops') ?? (example ? EXAMPLE_ADDRESSES.ftraceListOps : undefined);
  const a: SiteAddresses = {
    ftraceCaller: sym('ftrace_caller') ?? EXAMPLE_ADDRESSES.ftraceCaller,
    ftraceRegsCaller: sym('ftrace_regs_caller') ?? (baseCfg.regsCaller ? EXAMPLE_ADDRESSES.ftraceRegsCaller : undefined),
    mcount: sym('_mcount') ?? (example ? EXAMPLE_ADDRESSES.mcount : undefined),
    ftraceNopOps: sym('ftrace_nop_ops') ?? (example ? EXAMPLE_ADDRESSES.ftraceNopOps : undefined),
    ftraceListOps: listOps,
    ops: listOps,
    ...opts.addresses,
  };

  const tramp = elf.section('.text.ftrace_trampoline');
  const initTramp = elf.section('.init.text.ftrace_trampoline');
  const records: ElfRecord[] = [];
  const read = (sec: ElfSection, off: number) => elf.u32At(sec, off);
  const cfgs = new Map<string, PatchConfig>();
  const cfgFor = (kind: CallsiteKind, bti: boolean): PatchConfig => {
    const k = `${kind}/${bti}`;
    let c = cfgs.get(k);
    if (!c) cfgs.set(k, (c = { ...baseCfg, callsite: kind, callOps: kind === 'patchable-4-2', bti }));
    return c;
  };
  const addrsFor = new Map<ElfSection | undefined, SiteAddresses>();
  const siteAddrs = (plt: ElfSection | undefined): SiteAddresses => {
    let x = addrsFor.get(plt);
    if (!x) addrsFor.set(plt, (x = { ...a, ...(plt ? { plt: bases.get(plt.index) ?? pltAddress(plt, bases, layout) } : {}) }));
    return x;
  };
  const module = { module: elf.isRelocatable };
  rec.raw.forEach((r, index) => {
    const base = bases.get(r.section.index) ?? 0n;
    const record = base + BigInt(r.offset);
    // section-relative values for relocatable files, addresses otherwise
    const relRecord = elf.isRelocatable ? BigInt(r.offset) : record;
    const list = funcs.get(r.section.index);
    const at = (k: bigint) => (list ? findExact(list, relRecord + k) : undefined);
    let kind: CallsiteKind = baseCfg.callsite;
    let bti = baseCfg.bti;
    let fn: ElfSymbol | undefined;
    const w0 = read(r.section, r.offset);
    if (w0 !== undefined && (w0 & 0xfc000000) >>> 0 === 0x94000000) kind = 'mcount';
    else if ((fn = at(8n))) {
      kind = 'patchable-4-2';
      bti = read(r.section, r.offset + 8) === BTI_C;
    } else if ((fn = at(0n))) {
      kind = 'patchable-2';
      bti = false;
    } else if ((fn = at(-4n)) && read(r.section, r.offset - 4) === BTI_C) {
      kind = 'patchable-2';
      bti = true;
    } else if (kind === 'mcount') kind = 'patchable-2';
    const layoutOf = callsiteLayout(kind, record, bti);
    const owner = fn ?? findAtOrBefore(list, relRecord);
    const plt = elf.isRelocatable ? (r.section.name.startsWith('.init') ? initTramp : tramp) : undefined;
    const sites = callsiteSites(layoutOf, cfgFor(kind, bti), siteAddrs(plt), module) as (PatchSite & { current: ElfRecord['sites'][number]['current'] })[];
    for (const s of sites) s.current = currentWords(elf, r.section, base, s);
    records.push({
      index,
      record,
      section: r.section.name,
      offset: r.offset,
      ...(owner ? { symbol: owner.name, symbolOffset: Number(relRecord - owner.value) } : {}),
      kind,
      layout: layoutOf,
      sites,
    });
  });
  // the config as the records show it (BTI and callsite kind come from the words)
  const config: PatchConfig = opts.config?.bti !== undefined || records.length === 0 ? baseCfg : { ...baseCfg, bti: records.some((x) => x.layout.bti) };
  return { elfType, source: rec.source, records, config, addresses: { ...a, example, ...(known ? { from: opts.kernel?.source ?? 'the file' } : {}) }, layout, warnings };
}

function findExact(list: readonly ElfSymbol[], v: bigint): ElfSymbol | undefined {
  const s = findAtOrBefore(list, v);
  return s && s.value === v ? s : undefined;
}

/** A trampoline section that is not executable in the file (.init.text.ftrace_trampoline of a .ko) still gets an address. */
function pltAddress(plt: ElfSection, bases: Map<number, bigint>, layout: { section: string; address: bigint }[]): bigint {
  const last = layout[layout.length - 1];
  const at = last ? (last.address + 0x1000n + 0xfffn) & ~0xfffn : EXAMPLE_ADDRESSES.moduleBase;
  bases.set(plt.index, at);
  layout.push({ section: plt.name, address: at });
  return at;
}

/** The callsite kind of one record, from the words and the function symbols around it. */
function probeKind(elf: ElfFile, r: RawRecord, funcs: Map<number, ElfSymbol[]>): CallsiteKind | undefined {
  const w0 = elf.u32At(r.section, r.offset);
  if (w0 !== undefined && (w0 & 0xfc000000) >>> 0 === 0x94000000) return 'mcount';
  const list = funcs.get(r.section.index);
  if (!list) return undefined;
  const v = elf.isRelocatable ? BigInt(r.offset) : r.section.addr + BigInt(r.offset);
  if (findExact(list, v + 8n)) return 'patchable-4-2';
  if (findExact(list, v) || findExact(list, v - 4n)) return 'patchable-2';
  return undefined;
}

function currentWords(elf: ElfFile, sec: ElfSection, base: bigint, s: PatchSite): { word: number | bigint | null; text: string } {
  const off = Number(s.address - base);
  if (s.kind === 'ops-literal') {
    const v = elf.u64At(sec, off);
    if (v === undefined) return { word: null, text: '' };
    const nopNop = (BigInt(NOP) << 32n) | BigInt(NOP);
    return { word: v, text: v === nopNop ? 'nop; nop' : `.quad 0x${v.toString(16)}` };
  }
  const w = elf.u32At(sec, off);
  return w === undefined ? { word: null, text: '' } : { word: w, text: describeWord(w, s.address) };
}
