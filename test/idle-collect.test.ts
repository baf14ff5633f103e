// The server's idle-time young-generation collection: available without --expose-gc, worth its
// pause only with enough in use, and run once the server has been quiet with no work pending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapSpaceStatistics } from 'node:v8';
import { IdleCollector, collectYoung } from '../server/src/idle-collect';

const youngInUse = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Allocates short-lived objects until the young generation holds at least `bytes` (or a bound of tries). */
function fillYoung(bytes: number): void {
  let keep: unknown[] = [];
  for (let i = 0; i < 2_000_000 && youngInUse() < bytes; i++) {
    keep.push({ i, s: `x${i}` });
    if (keep.length > 1000) keep = [];
  }
}

test('collectYoung: collects the young generation (gc() made available when not exposed) when enough is in use', () => {
  // (Neovim and Emacs start the server without the flag: the fallback is what this checks)
  assert.equal((globalThis as { gc?: unknown }).gc, undefined, 'the test runs without --expose-gc');
  collectYoung();
  fillYoung(6 << 20);
  const before = youngInUse();
  assert.ok(before >= 4 << 20, `young generation holds ${before} bytes`);
  assert.equal(collectYoung(), true);
  assert.ok(youngInUse() < before / 2, `after: ${youngInUse()} bytes (before ${before})`);
  // nothing worth a pause right after
  assert.equal(collectYoung(), false);
});

test('IdleCollector: collects once busy() stopped for its idle time, not while work goes on or is pending', async () => {
  // (idle time far above the steps: an event-loop stall on a loaded machine must not fire it early)
  let pending = false;
  const idle = new IdleCollector(600, () => !pending);
  collectYoung();
  fillYoung(6 << 20);
  for (let k = 0; k < 6; k++) {
    idle.busy();
    await sleep(50);
  }
  assert.equal(idle.collections, 0, 'no collection while busy() keeps coming');
  // quiet for longer than the idle time, but an analysis is scheduled: it waits
  pending = true;
  await sleep(1500);
  assert.equal(idle.collections, 0, 'no collection while work is pending');
  pending = false;
  await sleep(1500);
  assert.equal(idle.collections, 1);
  idle.dispose();
});
