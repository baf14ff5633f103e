// The committed objdump corpus: every row's words decode exactly as GNU objdump printed them.
// Needs no toolchain.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROWS, decode, decodeText, encode, isEncodeFailure } from '../server/src/isa';
import { repoRoot } from './support/repo';

const cases = readFileSync(join(repoRoot(), 'test-fixtures/isa/gnucases.txt'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const m = /^([0-9a-f]{16}) ([0-9a-f]{8})\t(.*)$/.exec(l);
    if (!m) throw new Error(`bad corpus line: ${l}`);
    return { pc: BigInt('0x' + m[1]), word: parseInt(m[2], 16) >>> 0, text: m[3] };
  });

test('corpus: every word decodes as GNU objdump printed it', () => {
  const bad: string[] = [];
  for (const c of cases) {
    const got = decodeText(c.word, c.pc) ?? '<undefined>';
    if (got !== c.text) bad.push(`${c.word.toString(16).padStart(8, '0')}: want '${c.text}', got '${got}'`);
  }
  assert.equal(bad.length, 0, `${bad.length}/${cases.length} corpus words differ:\n${bad.slice(0, 40).join('\n')}`);
});

test('corpus: every table row is exercised by a decoded word or an assembled line', () => {
  const hit = new Set<number>();
  for (const c of cases) {
    const d = decode(c.word, c.pc);
    if (d) hit.add(d.row.id);
  }
  // rows objdump never prints (sbfm when an alias always applies …) are reached by the as corpus
  for (const l of readFileSync(join(repoRoot(), 'test-fixtures/isa/gnu-asm-cases.txt'), 'utf8').split('\n')) {
    const [want, text] = l.split('\t');
    if (!text || want === 'error' || l.startsWith('#')) continue;
    const r = encode(text);
    if (!isEncodeFailure(r)) hit.add(r.row.id);
  }
  const missing = ROWS.filter((r) => !hit.has(r.id)).map((r) => `${r.mnemonic} ${r.cls} '${r.pattern.text}'`);
  assert.equal(missing.length, 0, `${missing.length} rows have no corpus word nor assembled line (regenerate with scripts/gen-isa-corpus.ts, add inputs to asm-inputs.txt):\n${missing.slice(0, 40).join('\n')}`);
});
