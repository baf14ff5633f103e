// GNU binutils as the ISA oracle: objdump decodes words, as encodes lines. Used by the
// differential tests, the corpus generator and the benchmark; never by the product itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const OBJDUMP = process.env.AARCH64_OBJDUMP ?? 'aarch64-linux-gnu-objdump';
export const AS = process.env.AARCH64_AS ?? 'aarch64-linux-gnu-as';
export const OBJCOPY = process.env.AARCH64_OBJCOPY ?? 'aarch64-linux-gnu-objcopy';
/** The widest architecture binutils 2.40's as accepts, so every form it knows can be assembled. */
export const AS_MARCH =
  'armv9.3-a+sme+sme-f64+sme-i64+sve2+sve2-aes+sve2-sm4+sve2-sha3+sve2-bitperm+memtag+ls64+mops+hbc+cssc+crypto+sm4+sha3+aes+sha2+bf16+i8mm+f32mm+f64mm+tme+profile+rng+predres+flagm+pauth+ssbs+sb+lse+rcpc+fp16fml+dotprod+fp16+rdma+lor+pan+simd+fp';

export function hasTool(tool: string): boolean {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

export function objdumpVersion(): string | null {
  const r = spawnSync(OBJDUMP, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : null;
}

/** objdump's text in the CLI's normal form: single spaces, no comments, no <symbol>, '<undefined>'. */
export function normalizeObjdump(text: string): string {
  let t = text;
  if (/^\.inst\b/.test(t) || /;\s*(undefined|NYI)\b/.test(t)) return '<undefined>';
  t = t.replace(/\s*\/\/.*$/, '');
  // with symbols objdump prints a target as 'HEX <sym+off>' without 0x
  t = t.replace(/(^|[\s,])([0-9a-f]+) <[^>]*>/g, '$10x$2');
  t = t.replace(/\s*<[^>]*>/g, '');
  return t.replace(/\s+/g, ' ').trim();
}

/** A disassembled word's line of `objdump -D`: address, word, text. */
export const OBJDUMP_LINE = /^\s*([0-9a-f]+):\t([0-9a-f]{8}) \t(.*)$/;

/** objdump's arguments to disassemble a flat file of words placed at `base`. */
export const objdumpBinaryArgs = (file: string, base: bigint): string[] => ['-D', '-z', '-b', 'binary', '-m', 'aarch64', `--adjust-vma=0x${base.toString(16)}`, file];

/** Decodes words at base, base+4, … with GNU objdump; one normalized text per word. */
export function objdumpWords(words: ArrayLike<number>, base = 0n): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'a64-objdump-'));
  try {
    const buf = Buffer.alloc(words.length * 4);
    for (let i = 0; i < words.length; i++) buf.writeUInt32LE(words[i] >>> 0, i * 4);
    const file = join(dir, 'words.bin');
    writeFileSync(file, buf);
    const r = spawnSync(OBJDUMP, objdumpBinaryArgs(file, base), {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    if (r.status !== 0) throw new Error(`${OBJDUMP} failed: ${r.stderr || r.error}`);
    const out = new Array<string>(words.length);
    for (const line of r.stdout.split('\n')) {
      const m = OBJDUMP_LINE.exec(line);
      if (!m) continue;
      const i = Number((BigInt('0x' + m[1]) - base) / 4n);
      if (i >= 0 && i < words.length) out[i] = normalizeObjdump(m[3]);
    }
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) throw new Error(`objdump printed no line for word ${i}`);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type AsResult = { word: number } | { error: string };

/** Assembles one instruction per line with GNU as; each line gets its word or as's error. */
export function assembleLines(lines: readonly string[], march = AS_MARCH): AsResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'a64-as-'));
  try {
    const src = join(dir, 'in.s');
    writeFileSync(src, lines.map((l) => l.replace(/[\n;]/g, ' ') + '\n').join(''));
    const obj = join(dir, 'in.o');
    const r = spawnSync(AS, [`-march=${march}`, '-o', obj, src], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const errors = new Map<number, string>();
    for (const l of (r.stderr ?? '').split('\n')) {
      const m = /^[^:]*:(\d+): Error: (.*)$/.exec(l);
      if (m && !errors.has(Number(m[1]))) errors.set(Number(m[1]), m[2]);
    }
    let words: Buffer = Buffer.alloc(0);
    if (r.status === 0 || errors.size > 0) {
      // as writes no object when any line fails: assemble the good lines again
      const good = lines.map((l, i) => (errors.has(i + 1) ? null : l)).filter((l): l is string => l !== null);
      if (errors.size > 0) {
        writeFileSync(src, good.map((l) => l.replace(/[\n;]/g, ' ') + '\n').join(''));
        const r2 = spawnSync(AS, [`-march=${march}`, '-o', obj, src], { encoding: 'utf8' });
        if (r2.status !== 0) throw new Error(`as failed on lines it accepted before: ${r2.stderr}`);
      }
      const bin = join(dir, 'in.bin');
      const c = spawnSync(OBJCOPY, ['-O', 'binary', '-j', '.text', obj, bin], { encoding: 'utf8' });
      if (c.status !== 0) throw new Error(`objcopy failed: ${c.stderr}`);
      words = readFileSync(bin);
    } else {
      throw new Error(`as failed: ${r.stderr || r.error}`);
    }
    const out: AsResult[] = [];
    let k = 0;
    for (let i = 0; i < lines.length; i++) {
      const e = errors.get(i + 1);
      if (e) out.push({ error: e });
      else {
        if (k * 4 + 4 > words.length) throw new Error(`as produced fewer words than lines (line ${i + 1}: ${lines[i]})`);
        out.push({ word: words.readUInt32LE(k * 4) });
        k++;
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
