// The line caches: their hash table (against a Map as the model) and the byte-budget cache over it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringTable, hashString } from '../server/src/asm/string-table';
import { ByteBudgetCache } from '../server/src/asm/byte-budget-cache';
import { Rng } from './support/rng';

/** Random sets, gets and deletes; `hashOf` may make many keys share a hash or a home slot. */
function againstMap(seed: number, keys: number, ops: number, hashOf: (k: string) => number): void {
  const rng = new Rng(seed);
  const t = new StringTable<number>(4);
  const m = new Map<string, number>();
  for (let n = 0; n < ops; n++) {
    const k = `k${rng.below(keys)}`;
    const h = hashOf(k);
    const op = rng.below(10);
    if (op < 4) {
      t.set(k, n, h);
      m.set(k, n);
    } else if (op < 7) {
      assert.equal(t.delete(k, h), m.delete(k), `delete ${k} at op ${n} (seed ${seed})`);
    } else assert.equal(t.get(k, h), m.get(k), `get ${k} at op ${n} (seed ${seed})`);
    assert.equal(t.size, m.size);
  }
  for (let i = 0; i < keys; i++) assert.equal(t.get(`k${i}`, hashOf(`k${i}`)), m.get(`k${i}`), `final get k${i} (seed ${seed})`);
}

test('string table: random sets, gets and deletes agree with a Map', () => {
  for (let seed = 1; seed <= 20; seed++) againstMap(seed, 300, 5000, hashString);
});

test('string table: colliding hashes and shared home slots (probe runs that wrap, backward-shift deletes)', () => {
  // every key one hash: one long run through the whole table
  for (let seed = 1; seed <= 5; seed++) againstMap(seed, 40, 3000, () => 7);
  // few distinct hashes, some at the table's last slots so runs wrap around its end
  // (0x7fffffff and -1 share a slot tag: the keys decide)
  for (let seed = 6; seed <= 15; seed++) againstMap(seed, 200, 5000, (k) => [-1, 15, 31, 0, 16, 0x7fffffff][(hashString(k) >>> 0) % 6]);
});

test('string table: growth keeps every entry; a hash outside int32 finds what it stored', () => {
  const t = new StringTable<string>();
  for (let i = 0; i < 10_000; i++) t.set(`line ${i}`, `v${i}`);
  assert.equal(t.size, 10_000);
  for (let i = 0; i < 10_000; i++) assert.equal(t.get(`line ${i}`), `v${i}`);
  assert.equal(t.get('line 10000'), undefined);
  const u = new StringTable<number>();
  u.set('a', 1, 0x80000000);
  u.set('a', 2, 0x80000000);
  assert.equal(u.size, 1);
  assert.equal(u.get('a', 0x80000000), 2);
  // (the same hash as an int32)
  assert.equal(u.get('a', -0x80000000), 2);
  assert.equal(u.delete('a', 0x80000000), true);
  assert.equal(u.get('a', 0x80000000), undefined);
  assert.equal(u.size, 0);
});

test('byte-budget cache: within its budget, recently used entries kept, a new key after a miss added', () => {
  const c = new ByteBudgetCache<number>(1000, () => 100);
  for (let i = 0; i < 5; i++) {
    assert.equal(c.get(`a${i}`), undefined);
    c.setNew(`a${i}`, i);
  }
  assert.equal(c.bytes, 500);
  // the sixth entry starts a new generation; a0 is used again, so it moves to the young one
  c.setNew('a5', 5);
  assert.equal(c.get('a0'), 0);
  for (let i = 6; i < 10; i++) c.setNew(`a${i}`, i);
  // a1–a4 were in the generation dropped when the young one filled again
  assert.ok(c.bytes <= 1000);
  assert.equal(c.get('a0'), 0);
  for (let i = 1; i < 5; i++) assert.equal(c.get(`a${i}`), undefined, `a${i}`);
  for (let i = 5; i < 10; i++) assert.equal(c.get(`a${i}`), i, `a${i}`);
  // set replaces a value in either generation
  c.set('a0', 42);
  assert.equal(c.get('a0'), 42);
  // an entry larger than a generation is not kept
  const big = new ByteBudgetCache<number>(1000, (k) => (k === 'big' ? 600 : 10));
  big.setNew('big', 1);
  assert.equal(big.get('big'), undefined);
  c.clear();
  assert.equal(c.size, 0);
  assert.equal(c.get('a0'), undefined);
  // the hash remembered from the last lookup belongs to that key only
  assert.equal(c.get('x'), undefined);
  assert.equal(c.get('y'), undefined);
  c.setNew('x', 7);
  assert.equal(c.get('x'), 7);
  assert.equal(c.get('y'), undefined);
});

test('ByteBudgetCache: bounded by its budget, a recently used entry survives a generation change', () => {
  const c = new ByteBudgetCache<string>(10_000, (k, v) => k.length + v.length + 48);
  c.set('hot', 'x');
  for (let k = 0; k < 2000; k++) {
    c.set(`key${k}`, 'v'.repeat(k % 50));
    assert.equal(c.get('hot'), 'x');
    assert.ok(c.bytes <= 10_000, `${c.bytes} bytes held`);
  }
  assert.equal(c.get('key0'), undefined);
  assert.equal(c.get('key1999'), 'v'.repeat(1999 % 50));
});
