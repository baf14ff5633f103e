// GNU gcc + binutils as the oracle of the assembler front end: assemble a .S file with
// `aarch64-linux-gnu-gcc -c -x assembler-with-cpp`, then read every section's bytes (objcopy
// --dump-section) and relocations (readelf -r). Tests and benches only, never the product.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

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
        cur.relocs.push({ offset, type: m[2], symbol: m[3], addend: m[4] === '-' ? -a : a });
      } else cur.relocs.push({ offset, type: m[2], symbol: '*ABS*', addend: BigInt('0x' + m[6]) });
    }
    return { sections, stderr: r.stderr };
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
