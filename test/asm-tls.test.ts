// TLS relocation operators and `.tlsdesccall` against GNU: every operator GNU as accepts for
// LP64 (the access models' instruction sequences) assembled by aarch64-linux-gnu-gcc -c and by
// us, bytes and relocations compared; an operator aarch64 does not have (:lo21:) is GNU's error.
import assert from 'node:assert/strict';
import { test, TestContext } from 'node:test';
import { assemble } from '../server/src/asm/gas';
import { compareWithGnu, gnuAssemble, gnuErrors, hasToolchain } from './support/gnu-toolchain';
import { requireOracle } from './support/oracle-gate';

let available: boolean | undefined;
const toolchain = (t: TestContext) => requireOracle(t, (available ??= hasToolchain()), 'aarch64-linux-gnu-gcc (gcc-aarch64-linux-gnu)');
const ours = (text: string) => assemble({ file: '/tls/t.S', text, host: { readFile: () => undefined }, includePaths: [], defines: new Map() });

const TLS = [
  '\t.text',
  // descriptors (the kernel-independent default model), with the call marker
  '\tadrp\tx0, :tlsdesc:var', '\tldr\tx1, [x0, #:tlsdesc_lo12:var]', '\tadd\tx0, x0, :tlsdesc_lo12:var', '\t.tlsdesccall\tvar', '\tblr\tx1',
  '\tadr\tx0, :tlsdesc:var', '\tldr\tx0, :tlsdesc:var',
  // general and local dynamic
  '\tadrp\tx0, :tlsgd:var', '\tadd\tx0, x0, :tlsgd_lo12:var', '\tadr\tx0, :tlsgd:var',
  '\tadrp\tx0, :tlsldm:var', '\tadr\tx0, :tlsldm:var', '\tadd\tx0, x0, #:tlsldm_lo12_nc:var',
  // initial exec
  '\tadrp\tx0, :gottprel:var', '\tldr\tx0, [x0, #:gottprel_lo12:var]', '\tldr\tx0, :gottprel:var',
  '\tmovz\tx0, #:gottprel_g1:var', '\tmovk\tx0, #:gottprel_g0_nc:var',
  // local exec and the local-dynamic offsets
  ...['tprel', 'dtprel'].flatMap((m) => [
    `\tmovz\tx0, #:${m}_g2:var`, `\tmovk\tx0, #:${m}_g1_nc:var`, `\tmovz\tx0, #:${m}_g1:var`, `\tmovk\tx0, #:${m}_g0_nc:var`, `\tmovz\tx0, #:${m}_g0:var`,
    `\tadd\tx0, x0, #:${m}_hi12:var, lsl #12`, `\tadd\tx0, x0, #:${m}_lo12_nc:var`, `\tadd\tx0, x0, #:${m}_lo12:var`,
    `\tldr\tx0, [x1, #:${m}_lo12:var]`, `\tldrb\tw0, [x1, #:${m}_lo12_nc:var]`, `\tldrh\tw0, [x1, #:${m}_lo12:var]`, `\tstr\tw0, [x1, #:${m}_lo12_nc:var]`,
  ]),
  '\tmovz\tx0, #:tprel_g1:var+8', '\tadd\tx2, x2, #:tprel_lo12_nc:other+16',
].join('\n') + '\n';

test('TLS relocation operators: bytes and relocations as GNU as makes them', (t) => {
  if (!toolchain(t)) return;
  const r = ours(TLS);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.origin.loc.line + 1}: ${d.message}`), []);
  const c = compareWithGnu(r, gnuAssemble({ text: TLS }));
  assert.deepEqual(c.differences.map((d) => `${d.section}+0x${d.offset.toString(16)}: ${d.what}`), []);
  assert.ok(c.relocs >= 40, `only ${c.relocs} relocations compared`);
  t.diagnostic(`${c.bytes} bytes, ${c.relocs} relocations identical`);
});

test('TLS operators on the wrong instruction, and :lo21:, are errors worded as GNU words them', (t) => {
  if (!toolchain(t)) return;
  for (const line of ['\tadr\tx0, :lo21:var', '\tadd\tx0, x0, :lo21:var', '\tldr\tq0, [x1, #:tprel_lo12_nc:var]']) {
    const text = line + '\n';
    const gnu = gnuErrors(text).map((e) => e.message);
    const mine = ours(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    assert.equal(gnu.length, 1, `GNU: ${gnu.join('; ')}`);
    // GNU writes the statement as its scrubber leaves it; we compare the message before it
    assert.equal(mine[0]?.split(' -- ')[0], gnu[0].split(' -- ')[0], line);
  }
});
