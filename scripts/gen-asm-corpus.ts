// Produces test-fixtures/isa/gnu-asm-cases.txt: GNU as's word (or error) for objdump's text of
// every corpus word (PC-relative targets rewritten to '.±offset') plus the hand-written inputs
// of test-fixtures/isa/asm-inputs.txt. Usage: node out/scripts/gen-asm-corpus.js (needs binutils).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from '../server/src/isa';
import { assembleLines } from '../test/support/gnu-oracle';
import { repoRoot } from '../test/support/repo';

const root = repoRoot();
const corpus = readFileSync(join(root, 'test-fixtures/isa/gnucases.txt'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
const texts: string[] = [];
for (const l of corpus) {
  const m = /^([0-9a-f]{16}) ([0-9a-f]{8})\t(.*)$/.exec(l);
  if (!m || m[3] === '<undefined>') continue;
  const pc = BigInt('0x' + m[1]);
  const d = decode(parseInt(m[2], 16), pc);
  let text = m[3];
  if (d && d.operands.some((o) => o.role === 'label')) {
    if (d.mnemonic === 'adrp') continue; // page-relative: depends on the address's low bits
    text = text.replace(/0x[0-9a-f]+$/, (t) => {
      const off = BigInt.asIntN(64, BigInt(t) - pc);
      return off < 0n ? `.-0x${(-off).toString(16)}` : `.+0x${off.toString(16)}`;
    });
  }
  texts.push(text);
}
const hand = readFileSync(join(root, 'test-fixtures/isa/asm-inputs.txt'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const all = [...new Set([...texts, ...hand])];
const res = assembleLines(all);
const lines = [
  '# GNU as (binutils 2.40) on objdump texts of the corpus and on test-fixtures/isa/asm-inputs.txt.',
  '# Produced by scripts/gen-asm-corpus.ts; do not edit by hand. WORD<TAB>TEXT, or error<TAB>TEXT<TAB>as message.',
];
all.forEach((t, i) => {
  const r = res[i];
  lines.push('word' in r ? `${r.word.toString(16).padStart(8, '0')}\t${t}` : `error\t${t}\t${r.error}`);
});
writeFileSync(join(root, 'test-fixtures/isa/gnu-asm-cases.txt'), lines.join('\n') + '\n');
console.log(`gnu-asm-cases.txt: ${all.length} lines`);
