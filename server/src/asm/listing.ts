// Listings of an assembled file: objdump-like text, one TSV line per 4-byte word of each
// section (the stream equals `objcopy -O binary -j SECTION` of GNU's object), and JSON of the
// whole structure with source maps and diagnostics.
import { decodeText } from '../isa/decode';
import { LayoutItem, SectionInfo } from './layout';
import { AssembleResult, Diagnostic, Item, Origin, Relocation, SectionLayout, SourceLocation } from './types';

export interface ListingOptions {
  /** How a file path is shown (default: as recorded). */
  readonly path?: (file: string) => string;
}

const hex = (v: number, w: number) => v.toString(16).padStart(w, '0');
const show = (o: ListingOptions, f: string) => (o.path ? o.path(f) : f);

/**
 * The source line that produced an item: the outermost gas macro invocation when the item came
 * out of a macro (what was written in the file), else the item's own line.
 */
export function producingLocation(origin: Origin): SourceLocation {
  for (const f of origin.stack) if (f.kind === 'gas-macro') return f.at;
  return origin.loc;
}

export function relocText(r: Relocation): string {
  if (r.addend === 0n) return `${r.type}\t${r.symbol}`;
  return `${r.type}\t${r.symbol}${r.addend < 0n ? '-' : '+'}0x${(r.addend < 0n ? -r.addend : r.addend).toString(16)}`;
}

/** Items in offset order with padding/gap awareness: the item covering each byte range. */
function itemsOf(s: SectionLayout): readonly LayoutItem[] {
  return s.items as readonly LayoutItem[];
}

function isNobits(s: SectionLayout): boolean {
  return (s as Partial<SectionInfo>).type === 'nobits';
}

export function formatDiagnostic(d: Diagnostic, o: ListingOptions = {}): string {
  const l = d.origin.loc;
  let t = `${show(o, l.file)}:${l.line + 1}:${l.startCol + 1}: ${d.severity}: ${d.message} [${d.code}]`;
  for (let i = d.origin.stack.length - 1; i >= 0; i--) {
    const f = d.origin.stack[i];
    const what = f.kind === 'include' ? 'included from here' : f.kind === 'gas-macro' ? `in macro ${f.name} invoked from here` : f.kind === 'cpp-macro' ? `in expansion of ${f.name}` : `in ${f.name} from here`;
    t += `\n${show(o, f.at.file)}:${f.at.line + 1}:${f.at.startCol + 1}: note: ${what}`;
  }
  return t;
}

/** objdump-like text: per section, address, word, decoded text, relocation and source line. */
export function formatText(r: AssembleResult, o: ListingOptions = {}): string {
  const out: string[] = [];
  const bySection = new Map<string, { offset: bigint; name: string }[]>();
  for (const s of r.symbols.values()) {
    if (!s.section || s.value === undefined || s.name.startsWith('.L')) continue;
    let l = bySection.get(s.section);
    if (!l) bySection.set(s.section, (l = []));
    l.push({ offset: s.value, name: s.name });
  }
  for (const s of r.sections) {
    if (s.size === 0 && s.items.length === 0) continue;
    out.push('', `Disassembly of section ${s.name}:` + (isNobits(s) ? ` (${s.size} bytes, no contents)` : ''));
    if (isNobits(s)) continue;
    const labels = (bySection.get(s.name) ?? []).sort((a, b) => (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : a.name.localeCompare(b.name)));
    let li = 0;
    const labelsUpTo = (off: number) => {
      while (li < labels.length && labels[li].offset <= BigInt(off)) {
        out.push('', `${hex(Number(labels[li].offset), 16)} <${labels[li].name}>:`);
        li++;
      }
    };
    for (const it of itemsOf(s)) {
      labelsUpTo(it.offset);
      const where = producingLocation(it.origin);
      const src = `${show(o, where.file)}:${where.line + 1}`;
      if (it.kind === 'insn' && it.size === 4) {
        const w = s.bytes[it.offset] | (s.bytes[it.offset + 1] << 8) | (s.bytes[it.offset + 2] << 16) | (s.bytes[it.offset + 3] << 24);
        const dec = decodeText(w >>> 0, BigInt(it.offset)) ?? '<undefined>';
        const flag = it.invalid ? '  !error' : it.symbolic?.length ? `  !symbolic: ${it.symbolic.join(', ')}` : '';
        out.push(`${hex(it.offset, 8).replace(/^0+(?=.)/, '').padStart(8)}:\t${hex(w >>> 0, 8)} \t${dec.replace(' ', '\t')}`.padEnd(56) + `\t// ${src}: ${it.text ?? ''}${flag}`);
        if (it.reloc) out.push(`\t\t\t${it.offset.toString(16)}: ${relocText(it.reloc)}`);
        continue;
      }
      if (it.kind === 'align' || it.kind === 'fill') {
        // padding: NOP words shown as instructions, the rest as a byte count
        let off = it.offset;
        const end = it.offset + it.size;
        while (off < end) {
          const aligned = off % 4 === 0 && off + 4 <= end;
          const w = aligned ? (s.bytes[off] | (s.bytes[off + 1] << 8) | (s.bytes[off + 2] << 16) | (s.bytes[off + 3] << 24)) >>> 0 : 0;
          if (aligned && w === 0xd503201f) {
            out.push(`${off.toString(16).padStart(8)}:\t${hex(w, 8)} \tnop`.padEnd(56) + `\t// ${it.kind === 'align' ? 'alignment' : src}`);
            off += 4;
            continue;
          }
          let n = 0;
          while (off + n < end && !(((off + n) % 4 === 0) && off + n + 4 <= end && (s.bytes[off + n] | (s.bytes[off + n + 1] << 8) | (s.bytes[off + n + 2] << 16) | (s.bytes[off + n + 3] << 24)) >>> 0 === 0xd503201f)) n++;
          const sample = Array.from(s.bytes.subarray(off, off + Math.min(n, 8)), (b) => hex(b, 2)).join(' ');
          out.push(`${off.toString(16).padStart(8)}:\t${sample}${n > 8 ? ' …' : ''}`.padEnd(56) + `\t// ${it.kind === 'align' ? 'alignment' : src}: ${n} byte${n === 1 ? '' : 's'}`);
          off += n;
        }
        continue;
      }
      // data
      const bytes = Array.from(s.bytes.subarray(it.offset, it.offset + Math.min(it.size, 16)), (b) => hex(b, 2)).join(' ');
      const flag = it.invalid ? '  !error' : it.symbolic?.length ? `  !symbolic: ${it.symbolic.join(', ')}` : '';
      out.push(`${it.offset.toString(16).padStart(8)}:\t${bytes}${it.size > 16 ? ' …' : ''}`.padEnd(56) + `\t// ${src}: ${it.text ?? ''}${flag}`);
      if (it.reloc) out.push(`\t\t\t${it.offset.toString(16)}: ${relocText(it.reloc)}`);
    }
    labelsUpTo(Number.MAX_SAFE_INTEGER);
  }
  return out.join('\n').replace(/^\n/, '') + '\n';
}

/**
 * One line per 4-byte word of each allocated section's contents (the sections objcopy -O binary
 * writes): SECTION, OFFSET, WORD (little-endian;
 * a last partial word has 2 hex digits per byte present), FILE:LINE of the item that produced
 * the word's first non-padding byte, or '-' for alignment padding.
 */
export function formatTsv(r: AssembleResult, o: ListingOptions = {}): string {
  const out: string[] = [];
  for (const s of r.sections) {
    // what objcopy -O binary writes: allocated sections with contents
    const flags = (s as Partial<SectionInfo>).flags;
    if (isNobits(s) || (flags !== undefined && !flags.includes('a'))) continue;
    const items = itemsOf(s);
    let k = 0;
    for (let off = 0; off < s.size; off += 4) {
      const n = Math.min(4, s.size - off);
      let w = 0;
      for (let i = n - 1; i >= 0; i--) w = w * 256 + s.bytes[off + i];
      while (k < items.length && items[k].offset + items[k].size <= off) k++;
      let src = '-';
      for (let j = k; j < items.length && items[j].offset < off + n; j++) {
        const it = items[j];
        if (it.size === 0 || it.kind === 'align') continue;
        const where = producingLocation(it.origin);
        src = `${show(o, where.file)}:${where.line + 1}`;
        break;
      }
      out.push(`${s.name}\t${off.toString(16)}\t${hex(w, n * 2)}\t${src}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

const originJson = (o: Origin, p: ListingOptions) => ({
  file: show(p, o.loc.file),
  line: o.loc.line + 1,
  startCol: o.loc.startCol,
  endCol: o.loc.endCol,
  stack: o.stack.map((f) => ({ kind: f.kind, name: f.name, file: show(p, f.at.file), line: f.at.line + 1, startCol: f.at.startCol, endCol: f.at.endCol })),
});

const relocJson = (r: Relocation) => ({ type: r.type, symbol: r.symbol, addend: r.addend.toString() });

function itemJson(s: SectionLayout, it: Item, p: ListingOptions) {
  const li = it as LayoutItem;
  const bytes = Array.from(s.bytes.subarray(it.offset, it.offset + it.size), (b) => hex(b, 2)).join('');
  const where = producingLocation(it.origin);
  return {
    offset: it.offset,
    size: it.size,
    kind: it.kind,
    ...(it.word !== undefined ? { word: hex(it.word >>> 0, 8), decoded: decodeText(it.word >>> 0, BigInt(it.offset)) ?? '<undefined>' } : {}),
    ...(it.text !== undefined ? { text: it.text } : {}),
    bytes: it.size <= 64 ? bytes : bytes.slice(0, 128) + '…',
    source: `${show(p, where.file)}:${where.line + 1}`,
    origin: originJson(it.origin, p),
    ...(it.reloc ? { reloc: relocJson(it.reloc) } : {}),
    ...(li.symbolic?.length ? { symbolic: li.symbolic } : {}),
    ...(li.invalid ? { invalid: true } : {}),
  };
}

/** The whole result as plain JSON data (bigints as decimal strings, bytes as hex). */
export function toJson(r: AssembleResult, p: ListingOptions = {}): unknown {
  return {
    sections: r.sections.map((s) => {
      const si = s as Partial<SectionInfo>;
      return {
        name: s.name,
        size: s.size,
        ...(si.flags !== undefined ? { flags: si.flags, type: si.type, code: si.code } : {}),
        bytes: isNobits(s) ? '' : Array.from(s.bytes, (b) => hex(b, 2)).join(''),
        items: s.items.map((it) => itemJson(s, it, p)),
      };
    }),
    symbols: [...r.symbols.values()].map((s) => ({
      name: s.name,
      ...(s.section !== undefined ? { section: s.section } : {}),
      ...(s.value !== undefined ? { value: s.value.toString() } : {}),
      defined: s.defined,
      binding: s.binding,
      ...(s.type ? { type: s.type } : {}),
      ...(s.size !== undefined ? { size: s.size } : {}),
      ...(s.predefined ? { predefined: s.predefined } : {}),
      ...(s.origin ? { origin: originJson(s.origin, p) } : {}),
    })),
    macros: [...r.macros.values()].map((m) => ({ name: m.name, params: m.params, origin: originJson(m.origin, p) })),
    diagnostics: [...r.preprocess.diagnostics, ...r.diagnostics].map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      origin: originJson(d.origin, p),
      ...(d.related ? { related: d.related.map((x) => ({ message: x.message, origin: originJson(x.origin, p) })) } : {}),
    })),
    files: r.preprocess.files.map((f) => show(p, f)),
  };
}
