// Compares our layout of a .S file with GNU's object, section by section: bytes, and at each
// relocated place the relocation (type, symbol, addend). Used by the differential test and bench.
import { AssembleResult, Relocation } from '../../server/src/asm/types';
import { GnuObject } from './gnu-toolchain';

export interface Difference {
  readonly section: string;
  readonly offset: number;
  readonly what: string;
}

export interface Comparison {
  readonly bytes: number;
  readonly relocs: number;
  readonly differences: Difference[];
}

const relText = (r: { type: string; symbol: string; addend: bigint }) => `${r.type} ${r.symbol}${r.addend < 0n ? '-' : '+'}0x${(r.addend < 0n ? -r.addend : r.addend).toString(16)}`;

export function compareWithGnu(ours: AssembleResult, gnu: GnuObject): Comparison {
  const differences: Difference[] = [];
  let bytes = 0;
  let relocs = 0;
  const mine = new Map(ours.sections.map((s) => [s.name, s]));
  for (const [name, g] of gnu.sections) {
    const s = mine.get(name);
    if (!s) {
      if (g.bytes.length > 0) differences.push({ section: name, offset: 0, what: `section missing in ours (${g.bytes.length} bytes in GNU)` });
      continue;
    }
    if (g.type === 'nobits') {
      if (s.size !== g.bytes.length) differences.push({ section: name, offset: 0, what: `size ${s.size} vs GNU ${g.bytes.length}` });
      continue;
    }
    if (s.size !== g.bytes.length) differences.push({ section: name, offset: Math.min(s.size, g.bytes.length), what: `size ${s.size} vs GNU ${g.bytes.length}` });
    const n = Math.min(s.size, g.bytes.length);
    bytes += n;
    for (let i = 0; i < n; i += 4) {
      let same = true;
      for (let k = i; k < Math.min(i + 4, n); k++) if (s.bytes[k] !== g.bytes[k]) same = false;
      if (!same) {
        const hex = (b: Uint8Array) => Array.from(b.subarray(i, Math.min(i + 4, n)), (x) => x.toString(16).padStart(2, '0')).join('');
        const item = s.items.find((it) => it.offset <= i && i < it.offset + Math.max(it.size, 1));
        differences.push({ section: name, offset: i, what: `bytes ${hex(s.bytes)} vs GNU ${hex(g.bytes)}${item?.text ? ` (${item.text})` : ''}` });
        if (differences.length > 200) return { bytes, relocs, differences };
      }
    }
    const ourRelocs = new Map<number, Relocation>();
    for (const it of s.items) if (it.reloc) ourRelocs.set(it.offset, it.reloc);
    for (const r of g.relocs) {
      relocs++;
      const o = ourRelocs.get(r.offset);
      if (!o) differences.push({ section: name, offset: r.offset, what: `missing relocation ${relText(r)}` });
      else if (o.type !== r.type || o.symbol !== r.symbol || o.addend !== r.addend) differences.push({ section: name, offset: r.offset, what: `relocation ${relText(o)} vs GNU ${relText(r)}` });
      ourRelocs.delete(r.offset);
    }
    for (const [off, o] of ourRelocs) differences.push({ section: name, offset: off, what: `extra relocation ${relText(o)}` });
  }
  for (const s of ours.sections) {
    if (!gnu.sections.has(s.name) && s.size > 0) differences.push({ section: s.name, offset: 0, what: `section not in GNU's object (${s.size} bytes)` });
  }
  return { bytes, relocs, differences };
}
