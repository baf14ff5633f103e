// Differential check of the encoder against GNU as (developer tool; CI runs the tests).
// Usage: node out/scripts/isa-encode-diff.js --rows FILTER [--per-row N] [--seed S] [--examples K]
// For random words of every matching row: objdump's text → GNU as → word, and → our encoder → word.
// Rows with PC-relative operands are skipped (an absolute target in a .s file becomes a relocation).
import { ROWS, encode, isEncodeFailure } from '../server/src/isa';
import { assembleLines, objdumpWords } from '../test/support/gnu-oracle';
import { Rng } from '../test/support/rng';

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const rng = new Rng(Number(opt('--seed', '1')));
const re = new RegExp(opt('--rows', '.')!);
const per = Number(opt('--per-row', '50'));
const examples = Number(opt('--examples', '4'));
const words: number[] = [];
for (const r of ROWS) {
  if (!re.test(r.mnemonic) && !re.test(r.cls)) continue;
  if (r.operands.some((o) => o.role === 'label')) continue;
  for (let i = 0; i < per; i++) words.push(((rng.u32() & ~r.mask) | r.value) >>> 0);
}
const texts = objdumpWords(words).map((t, i) => ({ t, w: words[i] })).filter((x) => x.t !== '<undefined>');
const asm = assembleLines(texts.map((x) => x.t));
const groups = new Map<string, { n: number; ex: string[] }>();
let same = 0;
let considered = 0;
for (let i = 0; i < texts.length; i++) {
  const a = asm[i];
  if ('error' in a) continue; // GNU as refuses its own objdump text: nothing to compare
  considered++;
  const ours = encode(texts[i].t);
  const got = isEncodeFailure(ours) ? `error: ${ours.error}` : ours.word.toString(16).padStart(8, '0');
  const want = a.word.toString(16).padStart(8, '0');
  if (got === want) {
    same++;
    continue;
  }
  const key = `${texts[i].t.split(' ')[0]}${isEncodeFailure(ours) ? ' (error)' : ''}`;
  let e = groups.get(key);
  if (!e) groups.set(key, (e = { n: 0, ex: [] }));
  e.n++;
  if (e.ex.length < examples) e.ex.push(`${texts[i].t}\n            as: ${want}  ours: ${got}`);
}
for (const [k, v] of [...groups.entries()].sort((a, b) => b[1].n - a[1].n)) {
  console.log(`${String(v.n).padStart(7)}  ${k}`);
  for (const x of v.ex) console.log(`          ${x}`);
}
console.log(`encoder agreement with GNU as: ${same}/${considered} = ${((100 * same) / Math.max(1, considered)).toFixed(3)}%`);
