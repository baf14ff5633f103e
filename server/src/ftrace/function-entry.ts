// The ftrace entry of one function of an assembled file: where the configuration's callsite words
// sit around its symbol F (F−8 literal, MOV slot, BL slot; the `bl _mcount` for mcount), their
// states at the addresses known here, and whether the file holds the compiled NOPs there at all
// (a .S function gets none: only C is compiled with -fpatchable-function-entry / -pg).
import type { AssembleResult, Item } from '../asm/types';
import { sectionBases } from './asm-sites';
import type { KernelSymbols } from './elf-sites';
import { NOP, callsiteLayout, describeWord, callsiteSites, type CallsiteLayout, type PatchConfig, type PatchSite, type SiteAddresses } from './patch-sites';

/** The recorded address (first patchable NOP) of a function at F; undefined for mcount (the BL is after the prologue). */
export function entryRecord(cfg: PatchConfig, f: bigint): bigint | undefined {
  if (cfg.callsite === 'patchable-4-2') return f - 8n;
  if (cfg.callsite === 'patchable-2') return cfg.bti ? f + 4n : f;
  return undefined;
}

export interface FunctionEntry {
  readonly name: string;
  readonly section: string;
  readonly offset: number;
  /** F: the kernel's address when System.map places the section, else the section offset. */
  readonly address: bigint;
  readonly absolute: boolean;
  readonly layout?: CallsiteLayout;
  readonly sites: readonly PatchSite[];
  /** Whether the file holds the compiled words (NOPs, the `bl _mcount`) at every slot. */
  readonly instrumented: boolean;
  /** The words the file has at the first slots, as objdump prints them (for "not instrumented"). */
  readonly actual: readonly string[];
  /** Where ftrace_caller's address came from, or undefined when it is not known here. */
  readonly trampolineFrom?: 'this file' | 'System.map';
}

/** The entry of function `name` under `cfg`, or undefined when the file does not define it in a section. */
export function functionEntry(result: AssembleResult, name: string, cfg: PatchConfig, kernel?: KernelSymbols): FunctionEntry | undefined {
  const sym = result.symbols.get(name);
  if (!sym?.defined || sym.section === undefined || sym.value === undefined) return undefined;
  const section = sym.section;
  const bases = sectionBases(result, kernel);
  const base = bases.get(section);
  const absolute = base !== undefined;
  const f = (base ?? 0n) + sym.value;
  // an address is usable when it is absolute, or relative to the same section as F
  const addrOf = (n: string): { at: bigint; from: 'this file' | 'System.map' } | undefined => {
    const s = result.symbols.get(n);
    if (s?.defined && s.section !== undefined && s.value !== undefined) {
      const b = bases.get(s.section);
      if (b !== undefined && absolute) return { at: b + s.value, from: 'this file' };
      if (s.section === section && !absolute) return { at: s.value, from: 'this file' };
    }
    const k = absolute ? kernel?.symbols.get(n) : undefined;
    return k !== undefined ? { at: k, from: 'System.map' } : undefined;
  };
  const caller = addrOf('ftrace_caller');
  const addresses: SiteAddresses = {
    ftraceCaller: caller?.at,
    ftraceRegsCaller: addrOf('ftrace_regs_caller')?.at,
    mcount: addrOf('_mcount')?.at,
    ftraceNopOps: addrOf('ftrace_nop_ops')?.at,
    ftraceListOps: addrOf('ftrace_list_ops')?.at,
  };
  const items = result.sections.find((s) => s.name === section)?.items ?? [];
  const wordAt = (offset: bigint): Item | undefined => {
    const o = Number(offset - (base ?? 0n));
    return items.find((it) => it.offset === o && it.kind === 'insn');
  };

  let record = entryRecord(cfg, f);
  if (record === undefined) {
    // mcount: the compiler's `bl _mcount` somewhere in the function
    const end = sym.value + BigInt(sym.size ?? 0);
    const bl = items.find((it) => it.kind === 'insn' && BigInt(it.offset) >= sym.value! && BigInt(it.offset) < end && isBlToMcount(it, result));
    if (bl) record = (base ?? 0n) + BigInt(bl.offset);
  }
  const common = { name, section, offset: Number(sym.value), address: f, absolute, ...(caller ? { trampolineFrom: caller.from } : {}) };
  if (record === undefined) return { ...common, sites: [], instrumented: false, actual: actualWords(items, Number(sym.value)) };
  const layout = callsiteLayout(cfg.callsite, record, cfg.bti);
  const sites = callsiteSites(layout, cfg, addresses);
  const instrumented = sites.every((s) => {
    if (s.kind === 'mcount-call') return true; // found by its BL above
    if (s.kind === 'ops-literal') return wordAt(s.address)?.word === NOP && wordAt(s.address + 4n)?.word === NOP;
    return wordAt(s.address)?.word === NOP;
  });
  return { ...common, layout, sites, instrumented, actual: actualWords(items, Number(sym.value)) };
}

function isBlToMcount(it: Item, result: AssembleResult): boolean {
  if (it.word === undefined || (it.word & 0xfc000000) >>> 0 !== 0x94000000) return false;
  if (it.reloc) return it.reloc.symbol === '_mcount';
  const m = result.symbols.get('_mcount');
  if (m?.section !== it.section || m.value === undefined) return false;
  const imm = ((it.word & 0x03ffffff) << 6) >> 4; // sign-extended imm26 × 4
  return BigInt(it.offset + imm) === m.value;
}

/** The first two instructions at F as the layout holds them. */
function actualWords(items: readonly Item[], offset: number): string[] {
  const out: string[] = [];
  for (const it of items) {
    if (it.offset < offset || it.kind !== 'insn') continue;
    if (it.offset > offset + 4 || out.length >= 2) break;
    if (it.word !== undefined) out.push(describeWord(it.word, BigInt(it.offset)));
  }
  return out;
}
