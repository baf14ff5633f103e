// The sweep script (npm run sweep) on a few 2^16-word blocks: our digests equal GNU objdump's
// for the same words, nothing throws, and GNU as agrees with our encoder on the sampled re-encode
// mismatches. The full 2^32 run is a developer job (README "Sweep"); this keeps its machinery honest.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AS, OBJDUMP, hasTool } from './support/gnu-oracle';
import { requireOracle } from './support/oracle-gate';
import { repoRoot } from './support/repo';

const SCRIPT = join(repoRoot(), 'out', 'scripts', 'sweep.js');
// with --chunk-bits 16 a chunk is the words whose top 16 bits are its index:
// SVE integer, SVE gathers, SME slices, system/hints, loads/stores, AdvSIMD
const BLOCKS = [0x0400, 0x84a0, 0xc080, 0xd503, 0xf940, 0x4e20];

function sweep(dir: string, oracle: string, chunk: number): { rec: { digest: string; exceptions: unknown[]; defined: number } } {
  const file = join(dir, `${oracle}-${chunk}.jsonl`);
  const r = spawnSync(process.execPath, [SCRIPT, '--chunk-bits', '16', '--from', String(chunk), '--to', String(chunk), '--workers', '1', '--oracle', oracle, '--out', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const out = r.stdout + r.stderr;
  assert.equal(r.status, 0, `sweep of chunk 0x${chunk.toString(16)} (${oracle}): ${out}`);
  return { rec: JSON.parse(readFileSync(file, 'utf8').trim()) };
}

test('sweep: block digests equal GNU objdump’s; no exception; re-encode mismatches are GNU’s too', (t) => {
  if (!requireOracle(t, hasTool(OBJDUMP) && hasTool(AS), 'GNU binutils for aarch64')) return;
  const dir = mkdtempSync(join(tmpdir(), 'sweep-test-'));
  try {
    for (const c of BLOCKS) {
      const ours = sweep(dir, 'ours', c);
      assert.equal(ours.rec.exceptions.length, 0);
      const gnu = sweep(dir, 'objdump', c);
      assert.equal(ours.rec.defined, gnu.rec.defined, `chunk 0x${c.toString(16)}: defined words`);
      assert.equal(ours.rec.digest, gnu.rec.digest, `chunk 0x${c.toString(16)}: text digest differs from objdump's`);
    }
    // --compare says which blocks differ: ours against objdump's for the same block, none
    const cmp = spawnSync(process.execPath, [SCRIPT, '--compare', join(dir, `ours-${BLOCKS[0]}.jsonl`), join(dir, `objdump-${BLOCKS[0]}.jsonl`)], { encoding: 'utf8' });
    assert.equal(cmp.status, 0, cmp.stdout);
    assert.match(cmp.stdout, /1 chunks identical, 0 differ/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
