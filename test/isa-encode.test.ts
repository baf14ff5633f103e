// Encoder tests. Expected words always come from GNU as: the committed corpus (no toolchain
// needed) and a differential run over every row's random encodings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROWS, decodeText, encode, isEncodeFailure } from '../server/src/isa';
import { AS, OBJDUMP, assembleLines, hasTool, objdumpWords } from './support/gnu-oracle';
import { isKnown, loadKnownDifferences } from './support/known-differences';
import { aliasTexts } from './support/alias-texts';
import { requireOracle } from './support/oracle-gate';
import { repoRoot } from './support/repo';
import { Rng } from './support/rng';

const hex8 = (w: number) => w.toString(16).padStart(8, '0');
const known = loadKnownDifferences();

/** Our encoder on GNU as's results for a list of texts: the same word, or an error where as gave one. */
function compareWithAs(cases: readonly { text: string; want: number | 'error' }[]): string[] {
  const bad: string[] = [];
  for (const { text, want } of cases) {
    const r = encode(text);
    if (want === 'error') {
      if (!isEncodeFailure(r)) bad.push(`${text}: GNU as rejects it, we gave ${hex8(r.word)}`);
    } else if (isEncodeFailure(r)) bad.push(`${text}: want ${hex8(want)}, got error ${r.error}`);
    else if (r.word !== want && !isKnown(known, want, 'encode')) bad.push(`${text}: want ${hex8(want)}, got ${hex8(r.word)}`);
  }
  return bad;
}

function corpusCases(file: string): { text: string; want: number | 'error' }[] {
  const lines = readFileSync(join(repoRoot(), 'test-fixtures/isa', file), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  return lines.map((l) => {
    const [want, text] = l.split('\t');
    return { text, want: want === 'error' ? 'error' : parseInt(want, 16) >>> 0 };
  });
}

for (const file of ['gnu-asm-cases.txt', 'gnu-alias-cases.txt']) {
  test(`encode: the GNU as corpus (${file})`, () => {
    const cases = corpusCases(file);
    const bad = compareWithAs(cases);
    assert.equal(bad.length, 0, `${bad.length}/${cases.length} differ:\n${bad.slice(0, 40).join('\n')}`);
  });
}

test('encode: error messages name the operand and the rule', () => {
  const err = (t: string) => {
    const r = encode(t);
    assert.ok(isEncodeFailure(r), `${t} should fail`);
    return r.error;
  };
  assert.match(err('add x0, x1, #4097'), /operand 3: immediate out of range 0\.\.4095/);
  assert.match(err('add x0, w1, #1'), /operand 2: expected a 64-bit general register or sp, got 'w1'/);
  assert.match(err('frobnicate x0'), /unknown mnemonic 'frobnicate'/);
  assert.match(err('lsl x0, x1, #64'), /operand 3: shift amount out of range 0\.\.63/);
  assert.match(err('and x0, x1, #0'), /not a valid bitmask immediate/);
});

test('encode: differential against GNU as on every row, and the round trip', (t) => {
  if (!requireOracle(t, hasTool(AS) && hasTool(OBJDUMP), 'GNU as/objdump for aarch64')) return;
  const rng = new Rng(Number(process.env.ISA_SEED ?? 7));
  const words: number[] = [];
  for (const r of ROWS) {
    if (r.operands.some((o) => o.role === 'label')) continue;
    for (let i = 0; i < 8; i++) words.push(((rng.u32() & ~r.mask) | r.value) >>> 0);
  }
  const texts = objdumpWords(words);
  const keep = texts.map((x, i) => ({ x, w: words[i] })).filter((c) => c.x !== '<undefined>');
  const asm = assembleLines(keep.map((c) => c.x));
  const bad: string[] = [];
  let compared = 0;
  let roundTrips = 0;
  keep.forEach((c, i) => {
    const a = asm[i];
    if ('error' in a) return;
    compared++;
    const ours = encode(c.x);
    if (isEncodeFailure(ours) || ours.word !== a.word) {
      if (!isKnown(known, a.word, 'encode')) bad.push(`${c.x}: as ${hex8(a.word)}, ours ${isEncodeFailure(ours) ? 'error: ' + ours.error : hex8(ours.word)}`);
    }
    // round trip: where GNU reproduces the word from its own text, so must we from ours
    if (a.word === c.w) {
      roundTrips++;
      const text = decodeText(c.w);
      const back = text ? encode(text) : undefined;
      if (!back || isEncodeFailure(back) || back.word !== c.w) {
        if (!isKnown(known, c.w, 'encode')) bad.push(`round trip ${hex8(c.w)} '${text}': ${back && !isEncodeFailure(back) ? hex8(back.word) : back?.error}`);
      }
    }
  });
  t.diagnostic(`${compared} texts assembled by GNU as, ${roundTrips} round trips checked, ${bad.length} failures`);
  assert.equal(bad.length, 0, bad.slice(0, 40).join('\n'));
});

test('encode: every alias spelling, preferred or not, against GNU as (fresh seed)', (t) => {
  if (!requireOracle(t, hasTool(AS), 'GNU as for aarch64')) return;
  const seed = Number(process.env.ISA_SEED ?? Date.now() % 100000);
  const texts = aliasTexts(new Rng(seed), 8, 2);
  const asm = assembleLines(texts.map((a) => a.text));
  const bad = compareWithAs(texts.map((a, i) => {
    const r = asm[i];
    return { text: a.text, want: 'error' in r ? 'error' : r.word };
  }));
  const rejected = asm.filter((r) => 'error' in r).length;
  t.diagnostic(`seed ${seed}: ${texts.length} alias texts (${texts.filter((a) => !a.preferred).length} not preferred), ${rejected} rejected by GNU as, ${bad.length} differ`);
  assert.equal(bad.length, 0, `seed ${seed} (rerun with ISA_SEED):\n${bad.slice(0, 40).join('\n')}`);
});
