// Differential decode tests against the installed GNU objdump: every row with random fields,
// fresh seeded random words, and every word of a real arm64 kernel Image.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROWS, decodeText } from '../server/src/isa';
import { OBJDUMP, hasTool, objdumpWords } from './support/gnu-oracle';
import { classify, isKnown, loadKnownDifferences } from './support/known-differences';
import { requireOracle } from './support/oracle-gate';
import { repoRoot } from './support/repo';
import { Rng } from './support/rng';

const known = loadKnownDifferences();
const haveObjdump = hasTool(OBJDUMP);

interface Report {
  compared: number;
  same: number;
  knownDiff: number;
  unknown: string[];
  unknownCount: number;
}

function compare(words: ArrayLike<number>, base: bigint, r: Report): void {
  const CHUNK = 1 << 20;
  for (let i = 0; i < words.length; i += CHUNK) {
    const slice = Array.prototype.slice.call(words, i, i + CHUNK) as number[];
    const start = base + BigInt(i) * 4n;
    const gnu = objdumpWords(slice, start);
    for (let k = 0; k < slice.length; k++) {
      const w = slice[k];
      const pc = start + BigInt(k) * 4n;
      let ours: string;
      try {
        ours = decodeText(w, pc) ?? '<undefined>';
      } catch (e) {
        ours = `EXCEPTION: ${(e as Error).message}`;
      }
      r.compared++;
      if (ours === gnu[k]) r.same++;
      else if (!ours.startsWith('EXCEPTION') && isKnown(known, w, classify(ours, gnu[k]))) r.knownDiff++;
      else {
        r.unknownCount++;
        if (r.unknown.length < 30) r.unknown.push(`${w.toString(16).padStart(8, '0')} @0x${pc.toString(16)}: gnu '${gnu[k]}' ours '${ours}'`);
      }
    }
  }
}

const newReport = (): Report => ({ compared: 0, same: 0, knownDiff: 0, unknown: [], unknownCount: 0 });

function check(t: { diagnostic(s: string): void }, name: string, r: Report): void {
  t.diagnostic(`${name}: ${r.compared} words, ${r.same} identical, ${r.knownDiff} in known-differences classes, ${r.unknownCount} unexplained`);
  assert.equal(r.unknownCount, 0, `${name}: ${r.unknownCount} words differ from objdump outside test-fixtures/isa/known-differences.txt:\n${r.unknown.join('\n')}`);
}


test('objdump: every row with random field values', (t) => {
  if (!requireOracle(t, haveObjdump, 'GNU objdump for aarch64')) return;
  const rng = new Rng(20261125);
  const words: number[] = [];
  for (const row of ROWS) for (let i = 0; i < 24; i++) words.push(((rng.u32() & ~row.mask) | row.value) >>> 0);
  const r = newReport();
  compare(words, 0x400000n, r);
  check(t, 'rows', r);
});

test('objdump: 200,000 fresh seeded random words', (t) => {
  if (!requireOracle(t, haveObjdump, 'GNU objdump for aarch64')) return;
  const seed = Number(process.env.ISA_SEED ?? Date.now() % 1_000_000_007);
  t.diagnostic(`seed ${seed} (replay with ISA_SEED=${seed})`);
  const rng = new Rng(seed);
  const words = Array.from({ length: 200_000 }, () => rng.u32());
  const r = newReport();
  compare(words, 0xffff800080000000n, r);
  check(t, `random (seed ${seed})`, r);
});

test('objdump: every word of a Debian arm64 kernel Image', (t) => {
  const image = join(repoRoot(), '.oracle-cache/kernel/Image');
  if (!requireOracle(t, haveObjdump && existsSync(image), 'GNU objdump or the kernel Image in .oracle-cache/kernel')) return;
  const buf = readFileSync(image);
  const words = new Uint32Array(buf.buffer, buf.byteOffset, Math.floor(buf.length / 4));
  const r = newReport();
  compare(words, 0xffff800080000000n, r);
  check(t, 'kernel Image', r);
});
