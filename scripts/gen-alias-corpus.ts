// Produces test-fixtures/isa/gnu-alias-cases.txt: GNU as's word (or error) for texts in every
// alias row's syntax, most of them with field values where objdump prints another spelling
// (test/support/alias-texts.ts). Usage: node out/scripts/gen-alias-corpus.js [--per-row 12] [--seed 1]
// (needs binutils-aarch64-linux-gnu). Same line format as gnu-asm-cases.txt.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aliasTexts } from '../test/support/alias-texts';
import { assembleLines } from '../test/support/gnu-oracle';
import { repoRoot } from '../test/support/repo';
import { Rng } from '../test/support/rng';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const per = Number(opt('--per-row', '12'));
const texts = aliasTexts(new Rng(Number(opt('--seed', '1'))), per, 2).map((a) => a.text);
const res = assembleLines(texts);
const lines = [
  '# GNU as (binutils 2.40) on texts in every alias row\'s syntax, mostly with field values where objdump',
  '# prints another spelling. Produced by scripts/gen-alias-corpus.ts; do not edit by hand.',
  '# WORD<TAB>TEXT, or error<TAB>TEXT<TAB>as message.',
];
texts.forEach((t, i) => {
  const r = res[i];
  lines.push('word' in r ? `${r.word.toString(16).padStart(8, '0')}\t${t}` : `error\t${t}\t${r.error}`);
});
writeFileSync(join(repoRoot(), 'test-fixtures/isa/gnu-alias-cases.txt'), lines.join('\n') + '\n');
const errors = res.filter((r) => 'error' in r).length;
console.log(`gnu-alias-cases.txt: ${texts.length} texts, ${texts.length - errors} assembled, ${errors} rejected by GNU as`);
