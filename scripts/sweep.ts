// The full sweep: decodes all 2^32 words (word w at address 4·w, as if the whole encoding space
// were one 16 GiB flat binary), re-encodes every decoded text, and writes per-chunk digests of the
// text so that a later run of GNU objdump over the same space can be compared chunk by chunk
// without storing the text (~30 GB). Developer tool; not part of the test run (see README "Sweep").
//
// Usage (after `node scripts/build.mjs --tests`):
//   node out/scripts/sweep.js [--from C] [--to C] [--chunk-bits 24] [--workers N] [--no-encode]
//        [--out FILE] [--oracle ours|objdump] [--verify-as N]
//   node out/scripts/sweep.js --compare OURS.jsonl OBJDUMP.jsonl
//   node out/scripts/sweep.js --diff-range 0xFIRSTWORD:COUNT
//   node out/scripts/sweep.js --verify OURS.jsonl [--verify-as N]
//   --from/--to     chunk indexes (inclusive; default every chunk: 0 .. 2^(32-bits)-1)
//   --oracle        'ours' (default) decodes with our table; 'objdump' pipes each chunk through
//                   GNU objdump and digests its normalised text the same way
//   --verify-as N   afterwards, assemble up to N of the recorded re-encode mismatches with GNU as
//                   (default 4000 when as is installed, 0 = skip): it fails where as gives the
//                   original word back and we do not, or where as and we give different words
//   --verify FILE   that check alone, on the mismatches recorded in a digest file
// Each chunk is one JSON line: chunk, first word, words, digest, per-block digests (2^16 words a
// block), defined/undefined counts, exceptions and re-encode counts, milliseconds.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { decode, decodeText, encode, isEncodeFailure } from '../server/src/isa';
import { AS, OBJDUMP, OBJDUMP_LINE, assembleLines, hasTool, normalizeObjdump, objdumpBinaryArgs, objdumpWords } from '../test/support/gnu-oracle';

const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;

interface Mismatch {
  readonly word: number;
  readonly text: string;
  /** Our word for the text, or why we do not encode it. */
  readonly got: string;
  /** same-text: our word decodes to the same text; other: to another text, or no word. */
  readonly kind: 'same-text' | 'other';
}

interface ChunkRecord {
  chunk: number;
  first: number;
  words: number;
  digest: string;
  blocks: string[];
  defined: number;
  undefined: number;
  exceptions: { word: number; message: string }[];
  reencode?: { same: number; shouldBe: number; sameText: number; differ: number; failed: number; examples: Mismatch[] };
  ms: number;
}

const hash16 = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);
const hex8 = (w: number): string => (w >>> 0).toString(16).padStart(8, '0');

/** The text of one word for the digest: ours, or an exception marker. */
function ourText(w: number): string {
  return decodeText(w | 0, BigInt(w >>> 0) * 4n) ?? '<undefined>';
}

/** A label operand makes the text absolute; GNU as would need the word's address to take it. */
const pcRelative = (w: number): boolean => decode(w | 0, 0n)?.operands.some((o) => o.role === 'label') ?? false;

function sweepOurs(chunk: number, bits: number, withEncode: boolean): ChunkRecord {
  const t0 = Date.now();
  const first = chunk * 2 ** bits;
  const count = 2 ** bits;
  const rec: ChunkRecord = { chunk, first, words: count, digest: '', blocks: [], defined: 0, undefined: 0, exceptions: [], ms: 0 };
  const re = withEncode ? { same: 0, shouldBe: 0, sameText: 0, differ: 0, failed: 0, examples: [] as Mismatch[] } : undefined;
  const perMnemonic = new Map<string, number>();
  for (let b = 0; b < count; b += BLOCK) {
    const parts: string[] = new Array(BLOCK);
    for (let i = 0; i < BLOCK; i++) {
      const w = (first + b + i) >>> 0;
      let text: string;
      try {
        text = ourText(w);
      } catch (e) {
        rec.exceptions.push({ word: w, message: `decode: ${(e as Error).message}` });
        parts[i] = '<exception>';
        continue;
      }
      parts[i] = text;
      if (text === '<undefined>') {
        rec.undefined++;
        continue;
      }
      rec.defined++;
      if (!re) continue;
      try {
        const r = encode(text, { pc: BigInt(w) * 4n });
        if (!isEncodeFailure(r) && r.word >>> 0 === w) {
          re.same++;
          continue;
        }
        // bits the row leaves free ("should be" bits) are written as 0 by any assembler
        const d = decode(w | 0, BigInt(w) * 4n);
        if (!isEncodeFailure(r) && d && ((r.word ^ w) & ~d.row.freeMask) === 0) {
          re.shouldBe++;
          continue;
        }
        // another encoding of the same text (a field objdump ignores, e.g. the Rs/Rt2 of the
        // exclusives): one text, one word from any assembler — GNU as is asked below
        const failed = isEncodeFailure(r);
        const kind = !failed && decodeText(r.word | 0, BigInt(w) * 4n) === text ? 'same-text' : 'other';
        if (kind === 'same-text') re.sameText++;
        else if (failed) re.failed++;
        else re.differ++;
        // (capped per kind and mnemonic: harmless same-text words must not crowd out the others)
        const m = (kind === 'same-text' ? 's:' : 'o:') + text.split(' ')[0];
        const seen = perMnemonic.get(m) ?? 0;
        if (seen < (kind === 'same-text' ? 8 : 64) && re.examples.length < 2000) {
          perMnemonic.set(m, seen + 1);
          re.examples.push({ word: w, text, got: failed ? `error: ${r.error}` : hex8(r.word >>> 0), kind });
        }
      } catch (e) {
        rec.exceptions.push({ word: w, message: `encode '${text}': ${(e as Error).message}` });
      }
    }
    rec.blocks.push(hash16(parts.join('\n') + '\n'));
  }
  rec.reencode = re;
  rec.digest = hash16(rec.blocks.join(''));
  rec.ms = Date.now() - t0;
  return rec;
}

/** GNU objdump's text of a chunk, streamed (a chunk's text is ~1 GB), digested per block. */
async function sweepObjdump(chunk: number, bits: number): Promise<ChunkRecord> {
  const t0 = Date.now();
  const first = chunk * 2 ** bits;
  const count = 2 ** bits;
  const dir = join(tmpdir(), `a64-sweep-${process.pid}-${chunk}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'chunk.bin');
  const buf = Buffer.alloc(count * 4);
  for (let i = 0; i < count; i++) buf.writeUInt32LE((first + i) >>> 0, i * 4);
  writeFileSync(file, buf);
  const rec: ChunkRecord = { chunk, first, words: count, digest: '', blocks: [], defined: 0, undefined: 0, exceptions: [], ms: 0 };
  const base = BigInt(first) * 4n;
  const p = spawn(OBJDUMP, objdumpBinaryArgs(file, base), { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: p.stdout });
  let next = 0;
  let parts: string[] = [];
  try {
  for await (const line of lines) {
    const m = OBJDUMP_LINE.exec(line);
    if (!m) continue;
    const i = Number((BigInt('0x' + m[1]) - base) / 4n);
    if (i !== next) throw new Error(`objdump skipped from word ${next} to ${i} in chunk ${chunk}`);
    next++;
    const t = normalizeObjdump(m[3]);
    if (t === '<undefined>') rec.undefined++;
    else rec.defined++;
    parts.push(t);
    if (parts.length === BLOCK) {
      rec.blocks.push(hash16(parts.join('\n') + '\n'));
      parts = [];
    }
  }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (next !== count) throw new Error(`objdump printed ${next} of ${count} words of chunk ${chunk}`);
  rec.digest = hash16(rec.blocks.join(''));
  rec.ms = Date.now() - t0;
  return rec;
}

// --- worker ------------------------------------------------------------------------------------------

if (!isMainThread) {
  const { bits, withEncode, oracle } = workerData as { bits: number; withEncode: boolean; oracle: string };
  parentPort!.on('message', async (chunk: number | null) => {
    if (chunk === null) process.exit(0);
    const rec = oracle === 'objdump' ? await sweepObjdump(chunk, bits) : sweepOurs(chunk, bits, withEncode);
    parentPort!.postMessage(rec);
  });
}

// --- main ----------------------------------------------------------------------------------------------

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};

function compare(a: string, b: string): number {
  const read = (f: string) => new Map(readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map((l) => {
    const r = JSON.parse(l) as ChunkRecord;
    return [`${r.first}:${r.words}`, r] as const;
  }));
  const ra = read(a);
  const rb = read(b);
  let same = 0;
  let differ = 0;
  const alone = [...[...ra.keys()].filter((k) => !rb.has(k)).map((k) => `${a}: ${k}`), ...[...rb.keys()].filter((k) => !ra.has(k)).map((k) => `${b}: ${k}`)];
  for (const [k, x] of ra) {
    const y = rb.get(k);
    const c = x.chunk;
    if (!y) continue;
    if (x.digest === y.digest) {
      same++;
      continue;
    }
    differ++;
    const blocks = x.blocks.flatMap((d, k) => (d === y.blocks[k] ? [] : [k]));
    const shown = blocks.slice(0, 8).map((k) => `0x${(x.first + k * BLOCK).toString(16).padStart(8, '0')}:${BLOCK}`);
    console.log(`chunk ${c}: ${blocks.length} of ${x.blocks.length} blocks differ; e.g. --diff-range ${shown.join(' ')}`);
  }
  console.log(`${same} chunks identical, ${differ} differ (of ${ra.size} in ${a}, ${rb.size} in ${b})`);
  if (alone.length) console.log(`${alone.length} chunks in one file only (first word:words), e.g. ${alone.slice(0, 4).join('; ')}`);
  return differ === 0 && alone.length === 0 ? 0 : 1;
}

function diffRange(spec: string): void {
  const [f, n] = spec.split(':');
  const first = Number(f) >>> 0;
  const count = Math.min(Number(n ?? BLOCK), 1 << 20);
  const words = Array.from({ length: count }, (_, i) => (first + i) >>> 0);
  const gnu = objdumpWords(words, BigInt(first) * 4n);
  let differ = 0;
  for (let i = 0; i < count; i++) {
    const ours = ourText(words[i]);
    if (ours === gnu[i]) continue;
    if (differ++ < 200) console.log(`${words[i].toString(16).padStart(8, '0')}\tgnu: ${gnu[i]}\n\t\tours: ${ours}`);
  }
  console.log(`${differ} of ${count} words differ`);
}

/**
 * GNU as on a sample of the recorded re-encode mismatches (every other-text one first, then
 * same-text ones spread over the space): it counts against us where as gives the original word
 * back and we do not, or where as and we give different words for the text. Returns that count.
 */
function verifyWithAs(records: readonly ChunkRecord[]): number {
  const limit = Number(opt('--verify-as', hasTool(AS) ? '4000' : '0'));
  const examples = records.flatMap((r) => r.reencode?.examples ?? []).sort((x, y) => x.word - y.word);
  if (examples.length === 0) return 0;
  if (limit <= 0) {
    console.log(`re-encode mismatches not verified (${hasTool(AS) ? '--verify-as 0' : 'GNU as not found'})`);
    return 0;
  }
  const usable = examples.filter((e) => !pcRelative(e.word));
  const other = usable.filter((e) => e.kind === 'other').slice(0, limit);
  const same = usable.filter((e) => e.kind === 'same-text');
  const step = Math.max(1, Math.ceil(same.length / Math.max(1, limit - other.length)));
  const sample = [...other, ...same.filter((_, i) => i % step === 0)].slice(0, limit);
  const asr = assembleLines(sample.map((e) => e.text));
  let bad = 0;
  let bothRefuse = 0;
  for (let i = 0; i < sample.length; i++) {
    const a = asr[i];
    const e = sample[i];
    const asWord = 'word' in a ? a.word >>> 0 : null;
    // (our word again, from today's encoder: a digest file may predate a fix)
    const r = encode(e.text, { pc: BigInt(e.word) * 4n });
    const ours = isEncodeFailure(r) ? null : r.word >>> 0;
    if (asWord === ours) {
      if (asWord === null) bothRefuse++;
      continue;
    }
    if (++bad <= 30) console.log(`  ${hex8(e.word)} '${e.text}': GNU as ${asWord === null ? `refuses it (${(a as { error: string }).error})` : hex8(asWord)}, ours ${isEncodeFailure(r) ? `refuses it (${r.error})` : hex8(ours!)}`);
  }
  console.log(`verified with GNU as: ${sample.length} sampled mismatches (${other.length} of another text), GNU as agrees with ours on ${sample.length - bad} (${bothRefuse} refused by both), ${bad} differ`);
  return bad;
}

async function main(): Promise<number> {
  if (args.includes('--verify')) {
    const recs = readFileSync(opt('--verify')!, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as ChunkRecord);
    return verifyWithAs(recs) > 0 ? 1 : 0;
  }
  if (args.includes('--compare')) return compare(opt('--compare')!, args[args.indexOf('--compare') + 2]);
  if (args.includes('--diff-range')) {
    diffRange(opt('--diff-range')!);
    return 0;
  }
  const bits = Number(opt('--chunk-bits', '24'));
  if (!(bits >= BLOCK_BITS && bits <= 32)) throw new Error(`--chunk-bits must be ${BLOCK_BITS}..32`);
  const chunks = 2 ** (32 - bits);
  const from = Number(opt('--from', '0'));
  const to = Number(opt('--to', String(chunks - 1)));
  const oracle = opt('--oracle', 'ours')!;
  const withEncode = oracle === 'ours' && !args.includes('--no-encode');
  const nWorkers = Math.max(1, Math.min(Number(opt('--workers', String(cpus().length))), to - from + 1));
  const out = opt('--out', join('.sweep', `${oracle}-${bits}.jsonl`))!;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, '');
  const t0 = Date.now();
  const queue: number[] = [];
  for (let c = from; c <= to; c++) queue.push(c);
  const total = queue.length;
  const records: ChunkRecord[] = [];
  console.log(`sweep: chunks ${from}..${to} of 2^${bits} words (${oracle}${withEncode ? ', re-encoding' : ''}), ${nWorkers} workers → ${out}`);
  await new Promise<void>((resolve, reject) => {
    let running = nWorkers;
    for (let k = 0; k < nWorkers; k++) {
      const wk = new Worker(__filename, { workerData: { bits, withEncode, oracle } });
      const feed = () => wk.postMessage(queue.length ? queue.shift()! : null);
      wk.on('message', (rec: ChunkRecord) => {
        records.push(rec);
        appendFileSync(out, JSON.stringify(rec) + '\n');
        const done = records.length;
        const el = (Date.now() - t0) / 1000;
        const r = rec.reencode;
        console.log(
          `chunk ${rec.chunk} (0x${rec.first.toString(16).padStart(8, '0')}) ${rec.digest} defined ${rec.defined} ` +
            (r ? `re-encode same ${r.same} should-be ${r.shouldBe} same-text ${r.sameText} differ ${r.differ} failed ${r.failed} ` : '') +
            `exceptions ${rec.exceptions.length} ${rec.ms} ms [${done}/${total}, ${el.toFixed(0)} s, ~${((el / done) * (total - done)).toFixed(0)} s left]`,
        );
        feed();
      });
      wk.on('error', reject);
      wk.on('exit', () => {
        if (--running === 0) resolve();
      });
      feed();
    }
  });
  const secs = (Date.now() - t0) / 1000;
  if (records.length !== total) {
    console.error(`only ${records.length} of ${total} chunks finished`);
    return 1;
  }
  const words = records.reduce((s, r) => s + r.words, 0);
  const exceptions = records.flatMap((r) => r.exceptions);
  const defined = records.reduce((s, r) => s + r.defined, 0);
  console.log(`\n${words} words in ${secs.toFixed(1)} s (${(words / secs / 1e6).toFixed(2)} M words/s with ${nWorkers} workers); ${defined} defined; ${exceptions.length} exceptions`);
  for (const e of exceptions.slice(0, 20)) console.log(`  exception at ${e.word.toString(16).padStart(8, '0')}: ${e.message}`);
  if (withEncode) {
    const sum = (k: 'same' | 'shouldBe' | 'sameText' | 'differ' | 'failed') => records.reduce((s, r) => s + (r.reencode?.[k] ?? 0), 0);
    console.log(
      `re-encode: ${sum('same')} identical, ${sum('shouldBe')} differ only in should-be bits, ${sum('sameText')} give another word of the same text, ` +
        `${sum('differ')} a word of another text, ${sum('failed')} not encoded`,
    );
    if (verifyWithAs(records) > 0) return 1;
  }
  return exceptions.length ? 1 : 0;
}

if (isMainThread) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
