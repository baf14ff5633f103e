// The editor on code written as the kernel writes it (test-fixtures/lsp/kernel-tree, a miniature
// source tree with kernelSourceRoot pointing at it): linkage.h's comma-less `.type`, an
// instruction-like gas macro (`bti c`), relocated macro words, a macro invoked from another
// macro's body, and headers only kbuild generates. Expected words and texts come from GNU as and
// objdump (test/support/gnu-oracle.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileUri } from './lsp-client';
import { FIXTURES, Session, type Hover } from './lsp-harness';
import { assembleLines, objdumpWords } from './support/gnu-oracle';

const TREE = join(FIXTURES, 'lsp', 'kernel-tree');
const FILE = join(TREE, 'arch/arm64/kernel/tramp.S');

interface Diag {
  range: { start: { line: number } };
  message: string;
  code?: string;
  relatedInformation?: { message: string }[];
}
interface InlayHint {
  position: { line: number; character: number };
  label: string;
}

/** The word GNU as gives one instruction, and objdump's text of it. */
function gnu(insn: string): { word: string; text: string } {
  const r = assembleLines([insn])[0];
  if (!('word' in r)) throw new Error(`as rejected ${insn}: ${r.error}`);
  const text = objdumpWords([r.word])[0];
  return { word: r.word.toString(16).padStart(8, '0'), text };
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the editor on kernel-style code with a source tree', { timeout: 60_000 }, () => {
  const s = new Session({ kernelSourceRoot: TREE, era: '6.12' });
  const text = readFileSync(FILE, 'utf8');
  const lines = text.split('\n');
  const uri = fileUri(FILE);
  const lineOf = (re: RegExp, from = 0) => {
    const i = lines.findIndex((l, k) => k >= from && re.test(l));
    assert.ok(i >= 0, `no line matching ${re}`);
    return i;
  };
  const hover = (line: number, col: number) => s.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: col } });
  const hoverOn = async (re: RegExp, word: string, from = 0) => {
    const l = lineOf(re, from);
    const h = await hover(l, lines[l].indexOf(word) + 1);
    assert.ok(h, `no hover on ${word} at line ${l + 1}`);
    return h.contents.value;
  };

  before(async () => {
    await s.start();
    s.open(uri, text);
  });
  after(() => s.stop());

  it("accepts linkage.h's `.type name STT_FUNC` and types the symbol", async () => {
    const diags = await s.diagnostics<Diag>(uri);
    assert.deepEqual(diags.filter((d) => d.code !== 'cpp/missing-include'), []);
    const v = await hoverOn(/^SYM_FUNC_START\(test_helper\)/, 'test_helper');
    assert.match(v, /\*\*`test_helper`\*\* `\.text` \+ 0x4c \(global, function, size 28\)/);
  });

  it('reports the generated headers one #include needs once, with the build-dir hint', async () => {
    const diags = (await s.diagnostics<Diag>(uri)).filter((d) => d.code === 'cpp/missing-include');
    assert.equal(diags.length, 1);
    const d = diags[0];
    assert.equal(d.range.start.line, lineOf(/^#include <asm\/asm-macros\.h>/));
    assert.match(d.message, /^2 headers included from here are not in the include paths: <asm\/cpucap-defs\.h>, <generated\/test-only-defs\.h>/);
    assert.match(d.message, /set aarch64-ftrace\.buildDir/);
    assert.equal(d.relatedInformation?.length, 2);
  });

  it('decodes an instruction-like gas macro (`bti c`) and says what may land on it', async () => {
    const bti = gnu('bti c');
    const v = await hoverOn(/^\tbti\tc$/, 'bti');
    assert.match(v, /^_`bti` is a gas macro here \(asm-macros\.h:\d+\)_/);
    assert.match(v, new RegExp(`\\*\\*\`${esc(bti.text)}\`\\*\\*`));
    assert.match(v, new RegExp(`word \`0x${bti.word}\` at \`\\.text\` \\+ 0x0`));
    assert.match(v, /landing pad for BLR, and for BR through x16\/x17/);
    const hints = await s.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } });
    const l = lineOf(/^\tbti\tc$/);
    assert.equal(hints.find((h) => h.position.line === l)?.label, `0x0  ${bti.word}`);
  });

  it('says when GNU as assembles another mnemonic than the one written', async () => {
    const bic = gnu('bic x11, x30, 0x7');
    const v = await hoverOn(/^\tbic\t/, 'bic');
    assert.match(v, new RegExp(`^\\*\\*\`${esc(bic.text)}\`\\*\\*\n\n_written \`bic\`; assembled as \`and\`_`));
    const ldr = gnu('ldr x11, [x11, #-16]');
    const w = await hoverOn(/^\tldr\tx11/, 'ldr');
    assert.match(w, new RegExp(`\\*\\*\`${esc(ldr.text)}\`\\*\\*\n\n_written \`ldr\`; assembled as \`ldur\`_`));
  });

  it('gives a register its value before the instruction and, when written, after it', async () => {
    const v = await hoverOn(/^\tmov\tx1, x9$/, 'x1');
    assert.match(v, /^\*\*`x1`\*\* before this instruction:\n\n- `test_tramp` \(ftrace-entry\): the entry value of x1: argument 1 of the traced function; after: the entry value of x9: the parent LR/);
    assert.doesNotMatch(v, /```text/);
  });

  it('names the file of an #include instead of hovering the words of its path', async () => {
    const l = lineOf(/^#include <linux\/linkage\.h>/);
    const h = await hover(l, lines[l].indexOf('linux') + 1);
    assert.equal(h?.contents.value, `\`${join(TREE, 'include/linux/linkage.h')}\``);
  });

  it('shows a CONFIG_ symbol with its value and where the configuration came from', async () => {
    const v = await hoverOn(/^#ifdef CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS/, 'CONFIG_');
    assert.equal(v, '**`CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS`** = `1` — set by the configuration (era 6.12)');
  });

  it('lists the relocations of the words a macro invocation produces', async () => {
    const v = await hoverOn(/^\tadr_l\t/, 'adr_l');
    assert.match(v, /`adr_l` \(gas macro\) produces 2 words:/);
    assert.match(v, /90000002  adrp x2, 0x0  ← R_AARCH64_ADR_PREL_PG_HI21 test_ops/);
    assert.match(v, /91000042  add x2, x2, #0x0  ← R_AARCH64_ADD_ABS_LO12_NC test_ops/);
  });

  it('shows a macro body line once with each place its word is at', async () => {
    const stp = gnu('stp x4, x5, [sp, #32]');
    const v = await hoverOn(/^\tstp\tx4, x5, \[sp, #32\]$/, 'stp');
    assert.match(v, new RegExp(`word \`0x${stp.word}\` at 3 places \\(one per expansion\\): \`\\.text\` \\+ 0x1c, 0x54, 0x60 ·`));
  });

  it('lists one expansion of a macro invoked inside another macro', async () => {
    const body = lineOf(/^\.macro\tsave_args|^\t\.macro\tsave_args/);
    const v = await hoverOn(/^\tsave_pair\tx2, x3, 16$/, 'save_pair', body);
    const stp = gnu('stp x2, x3, [sp, #16]');
    assert.match(v, /`save_pair` \(gas macro\) runs once per expansion of the macro around it \(3 expansions\); the first produces 1 word:/);
    assert.match(v, new RegExp(`\\.text +18:  ${stp.word}  ${esc(stp.text)}\n`));
  });
});
