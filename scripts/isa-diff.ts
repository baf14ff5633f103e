// Differential check of the decoder against GNU objdump (developer tool; CI runs the tests).
// Usage: node out/scripts/isa-diff.js [--rows FILTER] [--per-row N] [--random N] [--seed S]
//          [--only-gnu REGEX] [--examples K] [--address A]
//   --rows FILTER   fill the variable bits of every row whose mnemonic or class matches FILTER
//                   (regex; '.' = all rows) with random bits, N words per row (default 200)
//   --random N      N uniformly random words
//   --space V/M:N   N random words w with (w & M) == V (hex), to find forms a class is missing
//   --only-gnu RE   report only words whose objdump mnemonic matches RE
//   --hide-known    leave out words in test-fixtures/isa/known-differences.txt's classes
// Prints mismatch groups: "ours-undefined" (objdump decodes), "gnu-undefined", "text".
import { ROWS, decodeText } from '../server/src/isa';
import { objdumpWords } from '../test/support/gnu-oracle';
import { classify, isKnown, loadKnownDifferences } from '../test/support/known-differences';
import { Rng } from '../test/support/rng';

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const rng = new Rng(Number(opt('--seed', '1')));
const base = BigInt(opt('--address', '0x0')!);
const examples = Number(opt('--examples', '4'));
const words: number[] = [];
const rowsFilter = opt('--rows');
if (rowsFilter) {
  const re = new RegExp(rowsFilter);
  const per = Number(opt('--per-row', '200'));
  for (const r of ROWS) {
    if (!re.test(r.mnemonic) && !re.test(r.cls)) continue;
    for (let i = 0; i < per; i++) words.push(((rng.u32() & ~r.mask) | r.value) >>> 0);
  }
}
for (const sp of args.flatMap((a, i) => (a === '--space' ? [args[i + 1]] : []))) {
  const m = /^(?:0x)?([0-9a-f]+)\/(?:0x)?([0-9a-f]+)(?::(\d+))?$/i.exec(sp);
  if (!m) throw new Error(`--space wants VALUE/MASK[:N], got ${sp}`);
  const v = parseInt(m[1], 16) >>> 0;
  const mk = parseInt(m[2], 16) >>> 0;
  const n = Number(m[3] ?? '20000');
  for (let i = 0; i < n; i++) words.push(((rng.u32() & ~mk) | (v & mk)) >>> 0);
}
const nRandom = Number(opt('--random', '0'));
for (let i = 0; i < nRandom; i++) words.push(rng.u32());
if (words.length === 0) {
  console.error('nothing to do: give --rows FILTER, --space V/M:N and/or --random N');
  process.exit(2);
}
const onlyGnu = opt('--only-gnu') ? new RegExp(opt('--only-gnu')!) : null;

const gnu: string[] = [];
const CHUNK = 200_000;
for (let i = 0; i < words.length; i += CHUNK) for (const t of objdumpWords(words.slice(i, i + CHUNK), base + BigInt(i) * 4n)) gnu.push(t);

const known = args.includes('--hide-known') ? loadKnownDifferences() : null;
let hidden = 0;
const groups = new Map<string, { n: number; ex: string[] }>();
let same = 0;
let considered = 0;
for (let i = 0; i < words.length; i++) {
  const g = gnu[i];
  if (onlyGnu && !onlyGnu.test(g.split(' ')[0])) continue;
  considered++;
  const pc = base + BigInt(i) * 4n;
  let ours: string;
  try {
    ours = decodeText(words[i], pc) ?? '<undefined>';
  } catch (e) {
    ours = `EXCEPTION ${(e as Error).message}`;
  }
  if (ours === g) {
    same++;
    continue;
  }
  if (known && isKnown(known, words[i], classify(ours, g))) {
    hidden++;
    continue;
  }
  const gm = g.split(' ')[0];
  const om = ours.split(' ')[0];
  const key = ours === '<undefined>' ? `ours-undefined  gnu=${gm}` : g === '<undefined>' ? `gnu-undefined   ours=${om}` : `text  gnu=${gm} ours=${om}`;
  let e = groups.get(key);
  if (!e) groups.set(key, (e = { n: 0, ex: [] }));
  e.n++;
  if (e.ex.length < examples) e.ex.push(`${words[i].toString(16).padStart(8, '0')}  gnu: ${g}\n${' '.repeat(10)}ours: ${ours}`);
}
const sorted = [...groups.entries()].sort((a, b) => b[1].n - a[1].n);
for (const [k, v] of sorted) {
  console.log(`${String(v.n).padStart(7)}  ${k}`);
  for (const x of v.ex) console.log(`          ${x}`);
}
if (known) console.log(`${hidden} differences in known-differences classes not shown`);
console.log(`agreement: ${same}/${considered} = ${((100 * same) / Math.max(1, considered)).toFixed(3)}%`);
