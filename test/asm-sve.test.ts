// SVE/SME state code in the kernel's manner (test-fixtures/sve-state.S: .inst words built by gas
// macros, and the same operations as mnemonics under .arch / .arch_extension) against GNU:
// every section byte for byte with aarch64-linux-gnu-gcc -c, every instruction word's decoding
// (the listing's text) against objdump's, and the arch gating of SVE/SME mnemonics against
// gcc's errors. Under CI=true a missing toolchain fails.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, TestContext } from 'node:test';
import { assemble } from '../server/src/asm/gas';
import { formatTsv, toJson } from '../server/src/asm/listing';
import { AssembleResult } from '../server/src/asm/types';
import { diskHost } from '../server/src/disk-host';
import { objdumpWords } from './support/gnu-oracle';
import { GnuObject, compareWithGnu, gnuAssemble, gnuErrors, hasToolchain } from './support/gnu-toolchain';
import { requireOracle } from './support/oracle-gate';
import { repoRoot } from './support/repo';

const FIXTURE = join(repoRoot(), 'test-fixtures/sve-state.S');

let available: boolean | undefined;
const toolchain = (t: TestContext) => requireOracle(t, (available ??= hasToolchain()), 'aarch64-linux-gnu-gcc (gcc-aarch64-linux-gnu)');

const ours = (file: string, text: string): AssembleResult => assemble({ file, text, host: diskHost, includePaths: [], defines: new Map() });
const errorsOf = (r: AssembleResult) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.origin.loc.line + 1}: ${d.message}`);

let cached: { r: AssembleResult; g: GnuObject } | undefined;
function fixture(): { r: AssembleResult; g: GnuObject } {
  return (cached ??= { r: ours(FIXTURE, readFileSync(FIXTURE, 'utf8')), g: gnuAssemble({ file: FIXTURE }) });
}

test('sve-state.S: every section and relocation identical to gcc -c', (t) => {
  if (!toolchain(t)) return;
  const { r, g } = fixture();
  assert.deepEqual(errorsOf(r), [], 'our errors');
  assert.equal(g.stderr.trim(), '', "gcc's messages");
  const c = compareWithGnu(r, g);
  assert.deepEqual(c.differences.map((d) => `${d.section}+0x${d.offset.toString(16)}: ${d.what}`), [], 'differences from GNU');
  for (const s of ['.text', '.text.sve_mnemonics', '.text.sve_ext', '.text.sve_v9', '.rodata']) assert.ok((g.sections.get(s)?.bytes.length ?? 0) > 0, `GNU has ${s}`);
  // the TSV listing's words of each section are objcopy -O binary -j SECTION
  const tsv = new Map<string, string>();
  for (const line of formatTsv(r).split('\n')) {
    const [sec, , word] = line.split('\t');
    if (sec) tsv.set(sec, (tsv.get(sec) ?? '') + (word.match(/../g) ?? []).reverse().join(''));
  }
  for (const [sec, flat] of g.binary) assert.equal(tsv.get(sec) ?? '', Buffer.from(flat).toString('hex'), `tsv of ${sec}`);
  t.diagnostic(`${c.bytes} bytes and ${c.relocs} relocations identical`);
});

test('sve-state.S: the listing decodes every instruction word (.inst included) as objdump does', (t) => {
  if (!toolchain(t)) return;
  const { r, g } = fixture();
  const json = toJson(r) as { sections: { name: string; items: { offset: number; kind: string; word?: string; decoded?: string; text?: string }[] }[] };
  let insts = 0;
  let words = 0;
  const diffs: string[] = [];
  for (const s of json.sections) {
    const items = s.items.filter((it) => it.kind === 'insn' && it.word !== undefined);
    if (items.length === 0) continue;
    // GNU's bytes of the same places, decoded by objdump at the same addresses
    const bytes = g.sections.get(s.name)!.bytes;
    const theirs = items.map((it) => (bytes[it.offset] | (bytes[it.offset + 1] << 8) | (bytes[it.offset + 2] << 16) | (bytes[it.offset + 3] << 24)) >>> 0);
    const texts = objdumpWordsAt(theirs, items.map((it) => it.offset));
    items.forEach((it, i) => {
      words++;
      if (it.text?.startsWith('.inst')) insts++;
      if (it.decoded !== texts[i]) diffs.push(`${s.name}+0x${it.offset.toString(16)} ${it.word} (${it.text}): ours '${it.decoded}', objdump '${texts[i]}'`);
    });
  }
  assert.deepEqual(diffs, []);
  assert.ok(insts >= 150, `${insts} .inst words`);
  t.diagnostic(`${words} instruction words (${insts} from .inst) decoded as objdump decodes them`);
});

/** objdump's text of each word at its own address (one objdump run per distinct address run). */
function objdumpWordsAt(ws: readonly number[], offsets: readonly number[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < ws.length) {
    let j = i + 1;
    while (j < ws.length && offsets[j] === offsets[j - 1] + 4) j++;
    out.push(...objdumpWords(ws.slice(i, j), BigInt(offsets[i])));
    i = j;
  }
  return out;
}

/** One instruction each of SVE, SVE2, SME, AdvSIMD AES and SVE2-AES, under the `.arch` of each case below. */
const ARCH_PROBE = '\tadd\tz0.s, z1.s, z2.s\n\tsqdmlalb\tz0.h, z1.b, z2.b\n\tfmopa\tza0.s, p0/m, p1/m, z0.s, z1.s\n\taese\tv0.16b, v1.16b\n\taese\tz0.b, z0.b, z1.b\n';

/** SVE/SME mnemonics where the selected architecture lacks them, and where it has them. */
const GATING: { name: string; errors: number; text: string }[] = [
  { name: 'SVE under the default armv8-a', errors: 7, text: '\tptrue\tp0.b\n\tstr\tz0, [x0, #1, mul vl]\n\tldr\tp1, [x1]\n\trdffr\tp0.b\n\tsetffr\n\trdvl\tx0, #1\n\tld1d\t{z0.d}, p0/z, [x1, x3, lsl #3]\n' },
  { name: 'SME under the default armv8-a', errors: 5, text: '\tsmstart\n\tsmstop\tsm\n\tldr\tza[w12, 0], [x0]\n\tzero\t{za}\n\trdsvl\tx0, #1\n' },
  { name: 'SME under armv8.2-a+sve', errors: 2, text: '\t.arch\tarmv8.2-a+sve\n\tptrue\tp0.b\n\tsmstart\n\tstr\tza[w13, 1], [x1, #1, mul vl]\n' },
  { name: 'SVE after .arch_extension nosve', errors: 2, text: '\t.arch\tarmv8.2-a\n\t.arch_extension\tsve\n\tptrue\tp0.b\n\t.arch_extension\tnosve\n\tptrue\tp0.b\n\tstr\tz8, [sp]\n' },
  { name: 'SVE2 under armv8.2-a+sve', errors: 1, text: '\t.arch\tarmv8.2-a+sve\n\tldnt1d\t{z0.d}, p0/z, [z1.d, x2]\n\tadd\tz0.b, p0/m, z0.b, z1.b\n' },
  { name: 'the .inst words need no SVE', errors: 0, text: '\t.arch\tarmv8-a\n\t.inst\t0x2519f000\n\t.inst\t0xe5804000 | (8 << 0)\n\t.inst\t0xd503477f\n' },
  // what +X brings with it and what +noX takes away, as as 2.40 does
  { name: '.arch armv8.2-a+f64mm', errors: 4, text: `\t.arch\tarmv8.2-a+f64mm\n${ARCH_PROBE}` },
  { name: '.arch armv9-a+sme-f64+nosme-f64', errors: 2, text: `\t.arch\tarmv9-a+sme-f64+nosme-f64\n${ARCH_PROBE}` },
  { name: '.arch armv9-a+nosve2-aes', errors: 3, text: `\t.arch\tarmv9-a+nosve2-aes\n${ARCH_PROBE}` },
  { name: '.arch armv9-a+nosve', errors: 5, text: `\t.arch\tarmv9-a+nosve\n${ARCH_PROBE}` },
  { name: '.arch armv9-a+sve2-aes+nosve2', errors: 3, text: `\t.arch\tarmv9-a+sve2-aes+nosve2\n${ARCH_PROBE}` },
  { name: '.arch armv8-a+sve2-aes', errors: 1, text: `\t.arch\tarmv8-a+sve2-aes\n${ARCH_PROBE}` },
];

test('arch gating: SVE/SME mnemonics without the extension are the errors gcc gives', (t) => {
  if (!toolchain(t)) return;
  for (const c of GATING) {
    const gnu = gnuErrors(c.text).filter((e) => e.severity === 'error').map((e) => `${e.line}: ${e.message}`);
    assert.equal(gnu.length, c.errors, `${c.name}: GNU's errors ${gnu.join('; ')}`);
    assert.deepEqual(errorsOf(ours('/sve/gate.S', c.text)), gnu, c.name);
  }
});

test("sve-state.S's macros: an out-of-range register or offset is gas's .error, as gcc reports it", (t) => {
  if (!toolchain(t)) return;
  const src = readFileSync(FIXTURE, 'utf8');
  const macros = src.slice(0, src.indexOf('/* ---- the state functions'));
  const text = `${macros}\t.text\n\tz_store\t32, 0\n\tp_load\t16, 1\n\tz_load\t0, 2, 256\n\tza_store\t11, 0\n\tsvcr_set\t0, 1\n\tvl_read\t0, -33\n`;
  const gnu = gnuErrors(text).filter((e) => e.severity === 'error').map((e) => `${e.line}: ${e.message}`);
  assert.equal(gnu.length, 6, gnu.join('; '));
  assert.deepEqual(errorsOf(ours('/sve/range.S', text)), gnu);
});
