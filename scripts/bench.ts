// npm run bench: decode+format and encode throughput, heap used by the table, and GNU objdump on
// the same words when it is installed. Prints figures; asserts nothing.
// Throughputs are medians of 3 timed runs; the load average is printed with them, since the
// machine may be shared (compare runs made in the same minute).
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { OBJDUMP, hasTool, objdumpWords } from '../test/support/gnu-oracle';
import { repoRoot } from '../test/support/repo';
import { Rng } from '../test/support/rng';

const N = Number(process.env.BENCH_WORDS ?? 4_000_000);
const gcHeap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

function corpus(): { name: string; words: Uint32Array } {
  const image = join(repoRoot(), '.oracle-cache/kernel/Image');
  if (existsSync(image)) {
    const buf = readFileSync(image);
    const all = new Uint32Array(buf.buffer, buf.byteOffset, Math.floor(buf.length / 4));
    return { name: 'kernel Image (first words)', words: all.slice(0, Math.min(N, all.length)) };
  }
  const rng = new Rng(1);
  return { name: 'random words', words: Uint32Array.from({ length: N }, () => rng.u32()) };
}

type Isa = typeof import('../server/src/isa');

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
const load = () => `load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;

function timeDecode({ decodeWords }: Isa, words: Uint32Array, pc0: bigint): number {
  const t0 = process.hrtime.bigint();
  let chars = 0;
  decodeWords(words, pc0, (_i, t) => {
    chars += t ? t.length : 11;
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (chars === 0) throw new Error('nothing decoded');
  return s;
}

async function main(): Promise<void> {
  // the table is loaded here, after a baseline, so that the heap figure is the table's own
  const heap0 = gcHeap();
  const isa: Isa = await import('../server/src/isa');
  const { ROWS, decodeText, encode, isEncodeFailure } = isa;
  decodeText(0xd503201f); // builds the decoder index
  encode('nop'); // and the encoder's
  console.log(`table: ${ROWS.length} rows; heap of the table and both indexes: ${((gcHeap() - heap0) / 1048576).toFixed(1)} MiB (process ${(gcHeap() / 1048576).toFixed(1)} MiB)`);
  console.log(load());

  const rng = new Rng(7);
  const random = Uint32Array.from({ length: N }, () => rng.u32());
  const { name, words } = corpus();
  for (const [label, ws] of [[name, words], ['random words', random]] as const) {
    timeDecode(isa, ws.subarray(0, 200_000), 0xffff800080000000n); // warm up
    const s = median([0, 1, 2].map(() => timeDecode(isa, ws, 0xffff800080000000n)));
    let line = `decode+format ${label}: ${ws.length} words in ${s.toFixed(2)} s = ${(ws.length / s / 1e6).toFixed(2)} M words/s (median of 3)`;
    if (hasTool(OBJDUMP)) {
      const n = Math.min(ws.length, 2_000_000);
      const t0 = process.hrtime.bigint();
      objdumpWords(ws.subarray(0, n), 0xffff800080000000n);
      const g = Number(process.hrtime.bigint() - t0) / 1e9;
      line += `; GNU objdump ${(n / g / 1e6).toFixed(2)} M words/s (incl. parsing), ratio ${(n / g / (ws.length / s)).toFixed(2)}:1 → ours ${((ws.length / s) / (n / g)).toFixed(1)}× faster`;
    }
    console.log(line);
  }

  // encode: the texts of defined words (PC-relative ones left out: their text depends on the address)
  const texts: string[] = [];
  for (let i = 0; i < words.length && texts.length < 1_000_000; i++) {
    const t = decodeText(words[i]);
    if (t && !/0x[0-9a-f]+$/.test(t.split(',').pop() ?? '')) texts.push(t);
  }
  const collected = texts.length;
  for (let i = 0; texts.length < 1_000_000 && i < collected * 100; i++) texts.push(texts[i % collected]);
  const distinct = new Set(texts).size;
  for (const t of texts.slice(0, 100_000)) encode(t); // warm up
  let ok = 0;
  const runs = [0, 1, 2].map(() => {
    ok = 0;
    const t0 = process.hrtime.bigint();
    for (const t of texts) if (!isEncodeFailure(encode(t))) ok++;
    return Number(process.hrtime.bigint() - t0) / 1e9;
  });
  const es = median(runs);
  console.log(`encode: ${texts.length} instructions (${distinct} distinct) in ${es.toFixed(2)} s = ${(texts.length / es / 1e6).toFixed(2)} M instructions/s (median of 3; ${ok} encoded)`);
  console.log(`heap used now: ${(gcHeap() / 1048576).toFixed(1)} MiB; ${load()}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
