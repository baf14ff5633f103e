// Hovers over stdio on a function's ftrace entry and on lines that assembled to nothing:
// the callsite slots of the active era/config (F−8 literal, MOV and BL slots) with the enabled BL
// word when ftrace_caller's address is known here (same section, or System.map), "address unknown"
// when not, "not instrumented" for a plain .S function; and why a line has no word (an inactive
// #if arm, an unused or .if-skipped macro body). Fixture:
// test-fixtures/lsp/kernel-tree/arch/arm64/kernel/entry-sites.S. Expected words come from GNU as,
// symbol offsets from GNU gcc -c + nm on the fixture.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileUri } from './lsp-client';
import { FIXTURES, Session, type Hover } from './lsp-harness';
import { assembleLines } from './support/gnu-oracle';

const TREE = join(FIXTURES, 'lsp', 'kernel-tree');
const FILE = join(TREE, 'arch/arm64/kernel/entry-sites.S');
const GCC = process.env.AARCH64_GCC ?? 'aarch64-linux-gnu-gcc';
const NM = process.env.AARCH64_NM ?? 'aarch64-linux-gnu-nm';

/** GNU as's word for one instruction. */
function gnuWord(insn: string): string {
  const r = assembleLines([insn])[0];
  if (!('word' in r)) throw new Error(`as rejected ${insn}: ${r.error}`);
  return r.word.toString(16).padStart(8, '0');
}

/** Section offsets of the fixture's symbols as GNU gcc -c (with the era's CONFIG_ defines) lays them out. */
function gnuOffsets(defines: readonly string[]): Map<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'a64-entry-'));
  try {
    const obj = join(dir, 'entry.o');
    const cc = spawnSync(GCC, ['-c', '-march=armv8.5-a', ...defines.map((d) => `-D${d}`), '-I', join(TREE, 'include'), '-o', obj, FILE], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`gcc failed: ${cc.stderr || cc.error}`);
    const nm = spawnSync(NM, [obj], { encoding: 'utf8' });
    const out = new Map<string, number>();
    for (const l of nm.stdout.split('\n')) {
      const m = /^([0-9a-f]+) \w (\S+)$/.exec(l);
      if (m) out.set(m[2], parseInt(m[1], 16));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('hovers on function entries and on lines that did not assemble', { timeout: 60_000 }, () => {
  const s = new Session({ kernelSourceRoot: TREE, era: '6.12' });
  const text = readFileSync(FILE, 'utf8');
  const lines = text.split('\n');
  const uri = fileUri(FILE);
  const lineOf = (re: RegExp, from = 0) => {
    const i = lines.findIndex((l, k) => k >= from && re.test(l));
    assert.ok(i >= 0, `no line matching ${re}`);
    return i;
  };
  const hoverOn = async (re: RegExp, word: string, from = 0) => {
    const l = lineOf(re, from);
    const h = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: l, character: lines[l].indexOf(word) + 1 } });
    assert.ok(h, `no hover on ${word} at line ${l + 1}`);
    return h.contents.value;
  };

  before(async () => {
    await s.start();
    s.open(uri, text);
  });
  after(() => s.stop());

  it("shows a traced function's slots with the enabled BL word to ftrace_caller in the same section", async () => {
    const off = gnuOffsets(['CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS']);
    const f = off.get('traced_fn')!;
    const caller = off.get('ftrace_caller')!;
    assert.equal(f % 8, 0, 'the fixture keeps F 8-aligned');
    const bl = gnuWord(`bl .-${f + 8 - caller}`); // CALL_OPS + BTI: BL slot at F+8
    const v = await hoverOn(/^SYM_FUNC_START\(traced_fn\)/, 'traced_fn');
    assert.match(v, /\*\*ftrace entry\*\* of `traced_fn` — era 6\.12 \(CALL_OPS, BTI, DIRECT_CALLS\), F = `\.text` \+ 0x/);
    assert.doesNotMatch(v, /Not instrumented/);
    assert.match(v, /\| F−8 \| ops literal \| `nop; nop[^|]*` \| &ftrace_nop_ops \| ops \(unique\) or &ftrace_list_ops \|/);
    assert.match(v, /\| F \| `bti c` \(not patched\) \|/);
    assert.match(v, /\| F\+4 \| MOV slot \| `nop` d503201f \| `mov x9, x30` aa1e03e9 \|/);
    assert.match(v, new RegExp(`\\| F\\+8 \\| BL slot \\(rec->ip\\) \\| \`nop\` d503201f \\| \`nop\` d503201f \\| \`bl ftrace_caller\` ${bl} / \`bl <direct trampoline>\` \\|`));
    // rows in address order; ftrace_caller's address is known, so no "unknown" note
    assert.ok(v.indexOf('| F−8 |') < v.indexOf('| F |') && v.indexOf('| F |') < v.indexOf('| F+4 |'));
    assert.doesNotMatch(v, /not known here|address unknown/);
  });

  it('shows the same block on a patched word of the entry, and not on the function body', async () => {
    const from = lineOf(/^SYM_FUNC_START\(traced_fn\)/);
    const bl = await hoverOn(/^\tnop$/, 'nop', from + 2); // the BL slot
    assert.match(bl, /word `0xd503201f`/);
    assert.match(bl, /\*\*ftrace entry\*\* of `traced_fn`/);
    const ret = await hoverOn(/^\tret$/, 'ret', from);
    assert.doesNotMatch(ret, /\*\*ftrace entry\*\*/);
  });

  it('says a plain .S function is not instrumented, with what it starts with', async () => {
    const v = await hoverOn(/^SYM_FUNC_START\(plain_fn\)/, 'plain_fn');
    assert.match(v, /_Not instrumented \(it starts `bti c; nop`\): gas adds no patchable NOPs to a \.S function, so ftrace cannot trace it\./);
    assert.match(v, /\| F\+8 \| BL slot/);
  });

  it('lists the callsite model on the trampoline traced functions call', async () => {
    const v = await hoverOn(/^SYM_CODE_START\(ftrace_caller\)/, 'ftrace_caller');
    assert.match(v, /\*\*called from\*\* each traced function \(era 6\.12\):/);
    assert.match(v, /- F-8: 8-byte ops literal/);
    assert.match(v, /- BL slot \(rec->ip\): nop ⇄ bl ftrace_caller/);
    assert.doesNotMatch(v, /\*\*ftrace entry\*\*/);
  });

  it('names the inactive #ifdef arm, or the #else arm and its group, a line is in', async () => {
    const off = await hoverOn(/^\tmov\tx1, x2/, 'mov');
    assert.match(off, new RegExp(`^_not assembled: in an inactive \`#ifdef CONFIG_NOT_IN_ANY_CONFIG\` arm \\(line ${lineOf(/^#ifdef CONFIG_NOT_IN_ANY_CONFIG/) + 1}\\): encoded at 0_`));
    const els = await hoverOn(/^\tmov\tx5, x6/, 'mov');
    assert.match(els, new RegExp(`^_not assembled: in an inactive \`#else\` arm \\(line ${lineOf(/^#else/) + 1}\\) of \`#ifdef CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS\` \\(line ${lineOf(/^#ifdef CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS/) + 1}\\)`));
    const on = await hoverOn(/^\tmov\tx3, x4/, 'mov');
    assert.doesNotMatch(on, /not assembled|encoded at 0/);
  });

  it('tells a macro body line from an inactive arm: expanded N times, or never', async () => {
    const skipped = await hoverOn(/^\tmov\tx0, x1/, 'mov');
    assert.match(skipped, /^_inside the body of macro `pad_twice` \(expanded 2 times; this line gave no word in any expansion\): encoded at 0_/);
    const unused = await hoverOn(/^\tstr\t\\reg/, 'str');
    assert.match(unused, /^_inside the body of macro `never_used` \(not expanded in this configuration\)_/);
  });
});

describe('function entries at System.map addresses, and without ftrace_caller', { timeout: 60_000 }, () => {
  const build = mkdtempSync(join(tmpdir(), 'a64-entry-build-'));
  const F = 0xffff800080200008n;
  const CALLER = 0xffff800080010000n;
  writeFileSync(join(build, 'System.map'), `${CALLER.toString(16)} T ftrace_caller\n${F.toString(16)} T far_fn\n`);
  const s = new Session({ kernelSourceRoot: TREE, buildDir: build, era: '6.12' });
  const src = ['#include <linux/linkage.h>', '\t.p2align 3', '\tnop', '\tnop', 'SYM_FUNC_START(far_fn)', '\tbti\tc', '\tnop', '\tnop', '\tret', 'SYM_FUNC_END(far_fn)', 'SYM_FUNC_START(near_fn)', '\tret', 'SYM_FUNC_END(near_fn)', ''].join('\n');

  before(() => s.start());
  after(async () => {
    await s.stop();
    rmSync(build, { recursive: true, force: true });
  });

  it('computes the BL word at the kernel addresses System.map gives', async () => {
    const h = await s.hoverAt('far.S', src.replace('SYM_FUNC_START(far_fn)', 'SYM_FUNC_START(far|_fn)'));
    const v = h!.contents.value;
    assert.match(v, new RegExp(`F = 0x${F.toString(16)}`));
    const bl = gnuWord(`bl .-${F + 8n - CALLER}`);
    assert.match(v, new RegExp(`\`bl ftrace_caller\` ${bl}`));
  });

  it('says the address is unknown instead of inventing one', async () => {
    // same text, but without a System.map nothing places ftrace_caller relative to this file
    const t = new Session({ kernelSourceRoot: TREE, era: '6.12' });
    await t.start();
    try {
      const h = await t.hoverAt('near.S', src.replace('SYM_FUNC_START(far_fn)', 'SYM_FUNC_START(far|_fn)'));
      const v = h!.contents.value;
      assert.match(v, /`bl ftrace_caller` \(address unknown\)/);
      assert.match(v, /ftrace_caller's address is not known here/);
      assert.doesNotMatch(v, /`bl ftrace_caller` [0-9a-f]{8}/);
    } finally {
      await t.stop();
    }
  });
});
