// The preprocessor's macro table: its filter never hides a defined macro.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MacroTable } from '../server/src/asm/macro-table';
import { Rng } from './support/rng';

test('macro table: every defined name may be named, in any surrounding text; clear forgets', () => {
  const rng = new Rng(3);
  const t = new MacroTable<number>();
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789';
  const names: string[] = [];
  for (let k = 0; k < 2000; k++) {
    let n = chars[rng.below(53)];
    for (let j = rng.below(20); j > 0; j--) n += chars[rng.below(chars.length)];
    names.push(n);
    t.set(n, k);
  }
  for (const n of names) {
    const line = `\tldr x0, =${n} + 4`;
    const at = line.indexOf(n);
    assert.ok(t.mayName(line, at, at + n.length), n);
    assert.ok(t.has(n));
  }
  // most identifiers that are not macros are ruled out without a lookup: of 1,000 register and
  // mnemonic-like names, with 2,000 macros in 65,536 slots (~3% of them set), few pass
  const others: string[] = [];
  for (let k = 0; k < 1000; k++) others.push(`${'xwqdsbh'[k % 7]}${k}`, `op${k}x`);
  const passed = others.filter((o) => !t.has(o) && t.mayName(o, 0, o.length)).length;
  assert.ok(passed < others.length / 10, `${passed} of ${others.length} non-macro names pass the filter`);
  t.delete(names[0]);
  assert.equal(t.has(names[0]), false);
  t.clear();
  assert.equal(t.size, 0);
  for (const n of names.slice(0, 50)) assert.equal(t.mayName(n, 0, n.length), false, n);
});
