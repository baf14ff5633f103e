// GNU gcc + binutils as the oracle of the assembler front end: assemble a .S file with
// `aarch64-linux-gnu-gcc -c -x assembler-with-cpp`, then read every section's bytes (objcopy
// --dump-section) and relocations (readelf -r). Tests and benches only, never the product.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AssembleResult, Relocation } from '../../server/src/asm/types';

export const GCC = process.env.AARCH64_GCC ?? 'aarch64-linux-gnu-gcc';
export const READELF = process.env.AARCH64_READELF ?? 'aarch64-linux-gnu-readelf';
export const OBJCOPY = process.env.AARCH64_OBJCOPY ?? 'aarch64-linux-gnu-objcopy';

export function hasToolchain(): boolean {
  return [GCC, READELF, OBJCOPY].every((t) => spawnSync(t, ['--version'], { encoding: 'utf8' }).status === 0);
}

export interface GnuReloc {
  readonly offset: number;
  readonly type: string;
  readonly symbol: string;
  readonly addend: bigint;
}

export interface GnuSection {
  readonly name: string;
  readonly type: string;
  readonly flags: string;
  readonly bytes: Uint8Array;
  readonly relocs: GnuReloc[];
}

export interface GnuObject {
  readonly sections: Map<string, GnuSection>;
  /** `objcopy -O binary -j NAME` of each section (what a flat image of it holds). */
  readonly binary: Map<string, Uint8Array>;
  /** gcc/as messages (warnings even on success). */
  readonly stderr: string;
}

export interface GnuOptions {
  readonly includeDirs?: readonly string[];
  readonly defines?: ReadonlyMap<string, string>;
  /** -Wa,-march=… */
  readonly march?: string;
}

/** Sections that hold no bytes of the program (symbol tables, relocations, notes of the tools). */
const META = /^(\.note\.GNU-stack$|\.comment$|\.debug|\.ARM\.attributes$)/;

/** Assembles a .S file (or text written to a temporary file). Throws with gcc's messages on failure. */
export function gnuAssemble(input: { file: string } | { text: string; name?: string }, opts: GnuOptions = {}): GnuObject {
  const dir = mkdtempSync(join(tmpdir(), 'a64-gcc-'));
  try {
    let src: string;
    if ('file' in input) src = input.file;
    else {
      src = join(dir, input.name ?? 'in.S');
      writeFileSync(src, input.text);
    }
    const obj = join(dir, 'out.o');
    const args = ['-c', '-x', 'assembler-with-cpp', '-D__ASSEMBLY__'];
    for (const d of opts.includeDirs ?? []) args.push('-I', d);
    for (const [k, v] of opts.defines ?? []) args.push(`-D${k}=${v}`);
    if (opts.march) args.push(`-Wa,-march=${opts.march}`);
    args.push('-o', obj, src);
    const r = spawnSync(GCC, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0 || !existsSync(obj)) throw new Error(`${GCC} failed on ${basename(src)}:\n${r.stderr || r.error}`);
    return readGnuObject(obj, r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every section's bytes and relocations of an object file (ours from gcc, or one kbuild built). */
export function readGnuObject(obj: string, stderr = ''): GnuObject {
  const dir = mkdtempSync(join(tmpdir(), 'a64-obj-'));
  try {
    const sections = new Map<string, GnuSection>();
    const hdr = spawnSync(READELF, ['-S', '-W', obj], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (hdr.status !== 0) throw new Error(`${READELF} -S failed: ${hdr.stderr}`);
    // [Nr] Name Type Address Off Size ES Flg Lk Inf Al
    for (const line of hdr.stdout.split('\n')) {
      const m = /^\s*\[\s*\d+\]\s+(\S+)\s+(\S+)\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([A-Za-z]*)\s+\d+\s+\d+\s+\d+\s*$/.exec(line);
      if (!m) continue;
      const [, name, type, sizeHex, flags] = m;
      if (name === '' || META.test(name) || ['NULL', 'RELA', 'REL', 'SYMTAB', 'STRTAB', 'GROUP'].includes(type)) continue;
      let bytes: Uint8Array = new Uint8Array(0);
      if (type !== 'NOBITS' && parseInt(sizeHex, 16) > 0) {
        const out = join(dir, 'sec.bin');
        const c = spawnSync(OBJCOPY, ['--dump-section', `${name}=${out}`, obj, join(dir, 'scratch.o')], { encoding: 'utf8' });
        if (c.status !== 0) throw new Error(`${OBJCOPY} --dump-section ${name} failed: ${c.stderr}`);
        bytes = new Uint8Array(readFileSync(out));
      } else if (type === 'NOBITS') bytes = new Uint8Array(parseInt(sizeHex, 16));
      sections.set(name, { name, type: type.toLowerCase(), flags: flags.toLowerCase(), bytes, relocs: [] });
    }
    const binary = new Map<string, Uint8Array>();
    for (const name of sections.keys()) {
      const out = join(dir, 'flat.bin');
      const c = spawnSync(OBJCOPY, ['-O', 'binary', '-j', name, obj, out], { encoding: 'utf8' });
      if (c.status !== 0) throw new Error(`${OBJCOPY} -O binary -j ${name} failed: ${c.stderr}`);
      binary.set(name, existsSync(out) ? new Uint8Array(readFileSync(out)) : new Uint8Array(0));
      rmSync(out, { force: true });
    }
    const rel = spawnSync(READELF, ['-r', '-W', obj], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (rel.status !== 0) throw new Error(`${READELF} -r failed: ${rel.stderr}`);
    let cur: GnuSection | undefined;
    for (const line of rel.stdout.split('\n')) {
      const h = /^Relocation section '\.rela?(.+)' at offset/.exec(line);
      if (h) {
        cur = sections.get(h[1]);
        continue;
      }
      // offset info type [symvalue symname + addend | addend]
      const m = /^([0-9a-f]{8,16})\s+[0-9a-f]+\s+(R_AARCH64_\w+)\s+(?:[0-9a-f]+\s+(\S+)\s+([+-])\s+([0-9a-f]+)|([0-9a-f]+))\s*$/.exec(line);
      if (!m || !cur) continue;
      const offset = parseInt(m[1], 16);
      if (m[3] !== undefined) {
        const a = BigInt('0x' + m[5]);
        // readelf prints the \x02 of gas's numeric label names (`.L1\x021`) as ^B
        cur.relocs.push({ offset, type: m[2], symbol: m[3].replace(/\^B/g, '\x02'), addend: m[4] === '-' ? -a : a });
      } else cur.relocs.push({ offset, type: m[2], symbol: '*ABS*', addend: BigInt('0x' + m[6]) });
    }
    return { sections, binary, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** gcc's errors (file:line: Error: message), for comparing diagnostics. */
export function gnuErrors(text: string, opts: GnuOptions = {}): { line: number; severity: string; message: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'a64-gcc-'));
  try {
    const src = join(dir, 'in.S');
    writeFileSync(src, text);
    const args = ['-c', '-x', 'assembler-with-cpp', '-o', join(dir, 'out.o'), src];
    if (opts.march) args.push(`-Wa,-march=${opts.march}`);
    const r = spawnSync(GCC, args, { encoding: 'utf8' });
    const out: { line: number; severity: string; message: string }[] = [];
    for (const l of (r.stderr ?? '').split('\n')) {
      const m = /^[^:]*:(\d+): (Error|Warning): (.*)$/.exec(l);
      if (m) out.push({ line: Number(m[1]), severity: m[2].toLowerCase(), message: m[3] });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- comparing our layout with GNU's object ------------------------------------------------------

/**
 * Section by section: sizes, bytes, and at each relocated place the relocation (type, symbol,
 * addend); sections only one side has are differences too (unless empty).
 */
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
