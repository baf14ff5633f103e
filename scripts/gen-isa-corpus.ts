// Produces test-fixtures/isa/gnucases.txt: for every table row, random values in its variable
// fields, decoded by GNU objdump (the expected text is objdump's, never ours).
// Usage: node out/scripts/gen-isa-corpus.js [--per-row 4] [--seed 1]   (needs binutils-aarch64-linux-gnu)
// Line format: ADDRESS WORD<TAB>TEXT (hex; TEXT normalized as the CLI prints it).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROWS, decode } from '../server/src/isa';
import { objdumpVersion, objdumpWords } from '../test/support/gnu-oracle';
import { repoRoot } from '../test/support/repo';
import { Rng } from '../test/support/rng';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const per = Number(opt('--per-row', '4'));
const rng = new Rng(Number(opt('--seed', '1')));
const BASE = 0x400000n;

/** Random variable bits, each named field biased towards 0, all-ones and 1 (alias conditions). */
function fill(r: (typeof ROWS)[number]): number {
  let w = rng.u32() & ~r.mask;
  for (const f of r.pattern.fields.values()) {
    if (f.fixed !== undefined) continue;
    const m = ((2 ** f.width - 1) * 2 ** f.lo) >>> 0;
    const k = rng.below(10);
    const v = k < 2 ? 0 : k < 4 ? m : k < 5 ? (2 ** f.lo) >>> 0 : w & m;
    w = (w & ~m) | v;
  }
  return ((w & ~r.mask) | r.value) >>> 0;
}

const words: number[] = [];
for (const r of ROWS) {
  // prefer words our decoder attributes to this row, so that every row is exercised
  const mine: number[] = [];
  const any: number[] = [];
  for (let t = 0; t < 400 && mine.length < per; t++) {
    const w = fill(r);
    const d = decode(w, BASE + BigInt(words.length + mine.length) * 4n);
    if (d && d.row === r) mine.push(w);
    else if (any.length < per) any.push(w);
  }
  words.push(...(mine.length ? mine : any.slice(0, 1)));
}
const gnu = objdumpWords(words, BASE);
const lines = [
  `# GNU objdump's text for random encodings of every row of the A64 table.`,
  `# Produced by scripts/gen-isa-corpus.ts with ${objdumpVersion()}; do not edit by hand.`,
  `# ADDRESS WORD<TAB>TEXT`,
];
words.forEach((w, i) => {
  lines.push(`${(BASE + BigInt(i) * 4n).toString(16).padStart(16, '0')} ${w.toString(16).padStart(8, '0')}\t${gnu[i]}`);
});
const file = join(repoRoot(), 'test-fixtures/isa/gnucases.txt');
writeFileSync(file, lines.join('\n') + '\n');
console.log(`${file}: ${words.length} words for ${ROWS.length} rows`);
