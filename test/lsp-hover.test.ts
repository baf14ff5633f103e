// Hover over stdio: hex instruction words in assembly and C, instruction lines, asm-offsets
// symbols. Expected texts are GNU objdump's (the ISA core is checked against it elsewhere); here
// we check that the server finds the right node and shows what the core computed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileUri } from './lsp-client';
import { FIXTURES, Session } from './lsp-harness';

describe('hover', { timeout: 60_000 }, () => {
  const s = new Session();
  before(async () => {
    const init = await s.start();
    assert.equal(init.capabilities.hoverProvider, true);
  });
  after(() => s.stop());

  it('decodes a .inst word with its bit-field diagram, operands, class and feature', async () => {
    const h = await s.hoverAt('inst.S', '\t.inst\t0xaa1e|03e9\n');
    assert.ok(h);
    const v = h.contents.value;
    assert.equal(h.contents.kind, 'markdown');
    assert.match(v, /\*\*`mov x9, x30`\*\* — alias of `orr x9, xzr, x30`/);
    assert.match(v, /word `0xaa1e03e9`/);
    assert.match(v, /class `log_shift` · feature `base`/);
    assert.match(v, /```text\nbit +31 +30-29 +28-24/);
    assert.match(v, /field .*Rm .*Rd/);
    assert.match(v, /\| `x9` \| general register \| Rd=9 \|/);
    assert.match(v, /\| `x30` \| general register \| Rm=30 \|/);
    assert.deepEqual(h.range, { start: { line: 0, character: 7 }, end: { line: 0, character: 17 } });
  });

  it('decodes a #define of an instruction word', async () => {
    const h = await s.hoverAt('define.S', '#define NOP_WORD 0xd50|3201f\n');
    assert.match(h!.contents.value, /\*\*`nop`\*\* — alias of `hint #0x0`/);
  });

  it('decodes a bare 8-digit word in a comment (an objdump line pasted in)', async () => {
    const h = await s.hoverAt('comment.S', '\tnop\t// was: d65f|03c0 ret\n');
    assert.match(h!.contents.value, /\*\*`ret`\*\*/);
  });

  it('says when a word is an undefined encoding in an explicit word context', async () => {
    const h = await s.hoverAt('undef.S', '\t.inst 0x0000|0000\n');
    assert.match(h!.contents.value, /(undefined encoding|udf)/);
  });

  it('decodes a u32 initialiser and a __le32 array in C files under arch/arm64', async () => {
    const c = await s.hoverAt('arch/arm64/kernel/ftrace.c', 'static const u32 nop = 0xd503|201f;\n', 'c');
    assert.match(c!.contents.value, /`nop`/);
    const le = await s.hoverAt('arch/arm64/kernel/patch.c', 'static const __le32 plt[] = { cpu_to_le32(0x9400|0000), 0 };\n', 'c');
    assert.match(le!.contents.value, /`bl 0x0`/);
    assert.match(le!.contents.value, /PC-relative target computed for address 0/);
  });

  it('gives no hover in a C file outside the activation pattern', async () => {
    const h = await s.hoverAt('drivers/net/foo.c', 'static const u32 magic = 0xd503|201f;\n', 'c');
    assert.equal(h, null);
  });

  it('does not treat an immediate operand as a word', async () => {
    const h = await s.hoverAt('imm.S', '\tmov\tx0, #0x12|34\n');
    // the instruction's hover, not a decode of 0x1234
    assert.match(h!.contents.value, /`mov x0, #0x1234`/);
    assert.match(h!.contents.value, /word `0xd2824680`/);
  });

  it("shows an instruction line's word at its address in the layout", async () => {
    const h = await s.hoverAt('insn.S', '\t.text\n\tnop\n\tst|p\tx29, x30, [sp, #-16]!\n');
    const v = h!.contents.value;
    assert.match(v, /^\*\*`stp x29, x30, \[sp, #-16\]!`\*\*/);
    assert.match(v, /word `0xa9bf7bfd` at `\.text` \+ 0x4 /);
    assert.deepEqual(h!.range, { start: { line: 2, character: 1 }, end: { line: 2, character: 26 } });
  });

  it('names the relocation of a branch to an undefined symbol', async () => {
    const h = await s.hoverAt('reloc.S', '\tb|l\tftrace_stub\n');
    assert.match(h!.contents.value, /relocation `R_AARCH64_CALL26` against `ftrace_stub`/);
    assert.match(h!.contents.value, /word `0x94000000` at `\.text` \+ 0x0/);
  });

  it('encodes a line the configuration leaves out at 0, and says so', async () => {
    const h = await s.hoverAt('inactive.S', '#ifdef CONFIG_NOT_SET\n\tb|l\tftrace_stub\n#endif\n');
    const v = h!.contents.value;
    assert.match(v, /^_not assembled: in an inactive `#ifdef CONFIG_NOT_SET` arm \(line 1\): encoded at 0; `ftrace_stub` taken as 0_/);
    assert.match(v, /`ftrace_stub` taken as 0/);
    assert.match(v, /`bl 0x0`/);
  });

  it('takes asm-offsets symbols from the era table when encoding a left-out line', async () => {
    const h = await s.hoverAt('offsets.S', '#if 0\n\tstp\tx2, x3, [s|p, #FREGS_X2]\n#endif\n');
    assert.match(h!.contents.value, /`stp x2, x3, \[sp, #16\]`/);
  });

  it('lists the words a macro invocation produces', async () => {
    const h = await s.hoverAt('macro.S', '\t.macro two\n\tnop\n\tret\n\t.endm\n\ttw|o\n');
    const v = h!.contents.value;
    assert.match(v, /`two` \(gas macro\) produces 2 words/);
    assert.match(v, /d503201f  nop/);
    assert.match(v, /d65f03c0  ret/);
  });

  it('says what a register holds at that point, from the ABI dataflow', async () => {
    const path = join(FIXTURES, 'entry-ftrace.S');
    const text = readFileSync(path, 'utf8');
    const uri = fileUri(path);
    s.open(uri, text);
    const lines = text.split('\n');
    const ret = lines.findIndex((l) => /^\s+ret\s+x9\b/.test(l));
    const h = await s.request<{ contents: { value: string }; range: unknown }>('textDocument/hover', { textDocument: { uri }, position: { line: ret, character: lines[ret].indexOf('x9') + 1 } });
    assert.match(h.contents.value, /^\*\*`x9`\*\* before this instruction:/);
    // the value, and the instruction that put it there
    const load = lines.findIndex((l, i) => i < ret && /^\s+ldr\s+x9,\s+\[sp, #(FREGS|S)_PC\]/.test(l));
    assert.match(h.contents.value, new RegExp(`- \`ftrace_caller\` \\(ftrace-entry\\): the entry value of x30: the resume address.* — set by \`ldr x9, \\[sp, #(FREGS|S)_PC\\]\` \\(line ${load + 1}\\)`));
    // then the instruction, briefly (no bit-field diagram in a register hover)
    assert.match(h.contents.value, /\*\*`ret x9`\*\*/);
    assert.doesNotMatch(h.contents.value, /```text/);
    const str = lines.findIndex((l) => /^\s+str\s+x9,/.test(l));
    const h2 = await s.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: str, character: lines[str].indexOf('x9') } });
    assert.match(h2.contents.value, /the entry value of x9: the parent LR/);
  });

  it('shows an asm-offsets symbol with its value, field and source', async () => {
    const h = await s.hoverAt('sym.S', '\tstr\tx30, [sp, #S_L|R]\n');
    const v = h!.contents.value;
    assert.match(v, /\*\*`S_LR`\*\* = 240 \(0xf0\): regs\[30\] \(lr\) in struct pt_regs/);
    assert.match(v, /built-in table for era newest/);
    assert.deepEqual(h!.range, { start: { line: 0, character: 16 }, end: { line: 0, character: 20 } });
  });

  it('reports an operand error in the hover instead of failing', async () => {
    const h = await s.hoverAt('bad.S', '\tad|d\tx0, x1, #0x12345678\n');
    assert.match(h!.contents.value, /operand 3/);
  });

  it('answers null on blank lines, directives and unknown words', async () => {
    assert.equal(await s.hoverAt('blank.S', '\n|\n'), null);
    assert.equal(await s.hoverAt('dir.S', '\t.te|xt\n'), null);
    assert.equal(await s.hoverAt('word.S', '\tfoo|bar x0\n'), null);
  });

  it('answers null (not an error) for a document that is not open and for out-of-range positions', async () => {
    const none = await s.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.S' }, position: { line: 0, character: 0 } });
    assert.equal(none, null);
    const uri = s.uri('short.S');
    s.open(uri, 'nop\n');
    assert.equal(await s.request('textDocument/hover', { textDocument: { uri }, position: { line: 99, character: 99 } }), null);
  });
});
