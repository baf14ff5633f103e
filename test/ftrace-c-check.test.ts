// The insn.h API checker on our C fixtures (test-fixtures/c/): every expected diagnostic and no
// other, each on the offending argument's exact range; applying every fix yields the .fixed.c
// text; value-preserving fixes keep the code's values (compared token by token).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Diagnostic } from '../server/src/asm/types';
import { annotateCSource, applyFixes, cCheckApplies, checkCSource, type CInsnAnnotation } from '../server/src/ftrace/c-check';
import { evaluate } from '../server/src/ftrace/c-eval';
import { C_RULE_CODES } from '../server/src/ftrace/c-rules';
import { Token, scanC } from '../server/src/ftrace/c-scanner';
import { resolveVersion } from '../server/src/ftrace/kernel-version';
import { repoRoot } from './support/repo';

const DIR = join(repoRoot(), 'test-fixtures/c');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.c') && !f.endsWith('.fixed.c')).sort();

interface Expect {
  line: number;
  code: string;
  text: string;
}

function expectations(text: string): Expect[] {
  const out: Expect[] = [];
  text.split('\n').forEach((l, line) => {
    const m = /\/\/ expect: (.*)$/.exec(l);
    if (!m) return;
    for (const part of m[1].split(';')) {
      const e = /^\s*(\S+) '(.*)'\s*$/.exec(part);
      if (!e) throw new Error(`bad expect marker on line ${line + 1}: ${part}`);
      out.push({ line, code: e[1], text: e[2] });
    }
  });
  return out;
}

function rangeText(text: string, d: Diagnostic): string {
  const l = text.split('\n')[d.origin.loc.line];
  return l.slice(d.origin.loc.startCol, d.origin.loc.endCol);
}

const optionsOf = (text: string) => ({ version: /fixture-c:.*version=(\S+)/.exec(text.split('\n')[0])?.[1] });

test('c-check: the fixtures cover every code with positive and negative cases', () => {
  const codes = new Set<string>();
  for (const f of fixtures) for (const e of expectations(readFileSync(join(DIR, f), 'utf8'))) codes.add(e.code);
  for (const c of C_RULE_CODES) assert.ok(codes.has(c), `no fixture expects ${c}`);
  assert.ok(fixtures.includes('clean.c'));
});

for (const f of fixtures) {
  test(`c-check: ${f}`, () => {
    const path = join(DIR, f);
    const text = readFileSync(path, 'utf8');
    const opts = optionsOf(text);
    const diags = checkCSource(text, path, opts);
    const got = diags.map((d) => `${d.origin.loc.line + 1}: ${d.code} '${rangeText(text, d)}'`).sort();
    const want = expectations(text).map((e) => `${e.line + 1}: ${e.code} '${e.text}'`).sort();
    assert.deepEqual(got, want, diags.map((d) => `${d.origin.loc.line + 1}: ${d.code}: ${d.message}`).join('\n'));
    for (const d of diags) {
      assert.equal(d.origin.loc.file, path);
      for (const fix of d.fixes ?? []) {
        assert.ok(fix.edits.length >= 1 && fix.title.length > 0);
        // single-argument fixes replace exactly the diagnostic's range
        if (fix.edits.length === 1) {
          const e = fix.edits[0];
          assert.equal(e.loc.line, d.origin.loc.line);
          assert.equal(e.loc.startCol, d.origin.loc.startCol);
          assert.equal(e.loc.endCol, d.origin.loc.endCol);
        }
      }
    }
    // applying every fix gives the .fixed.c text (or leaves the file as it is)
    const fixedPath = path.replace(/\.c$/, '.fixed.c');
    const fixed = applyFixes(text, diags);
    assert.equal(fixed, existsSync(fixedPath) ? readFileSync(fixedPath, 'utf8') : text);
    // nothing fixable is left
    const again = checkCSource(fixed, path, opts).filter((d) => d.fixes?.length);
    assert.deepEqual(again.map((d) => d.code), []);
    // value-preserving fixes: the token streams differ only in replaced arguments, of equal value
    // (insn/wrong-enum's fixes change the value on purpose, as does int-as-enum's pre-shifted hint)
    const preserving = diags.filter((d) => d.fixes?.length && (d.code === 'insn/bool-as-enum' || d.code === 'insn/int-as-enum' || d.code === 'insn/zr-as-sp') && !/pre-shifted/.test(d.message));
    if (preserving.length === 0) return;
    const before = scanC(text);
    const after = scanC(applyFixes(text, preserving));
    const env = (s: ReturnType<typeof scanC>) => ({ version: resolveVersion(opts.version ?? 'newest')!, defines: s.defines });
    let i = 0;
    let j = 0;
    const a = before.tokens;
    const b = after.tokens;
    while (i < a.length && j < b.length) {
      if (a[i].text === b[j].text) {
        i++;
        j++;
        continue;
      }
      // a replaced argument: the diagnostic starting here
      const d = preserving.find((x) => x.origin.loc.line === a[i].line && x.origin.loc.startCol === a[i].col);
      assert.ok(d, `token '${a[i].text}' on line ${a[i].line + 1} changed without a fix`);
      const oldToks: Token[] = [];
      while (i < a.length && (a[i].line < d!.origin.loc.line || (a[i].line === d!.origin.loc.line && a[i].col < d!.origin.loc.endCol))) oldToks.push(a[i++]);
      const newText = d!.fixes![0].edits[0].newText;
      const newToks = scanC(newText).tokens;
      for (const t of newToks) assert.equal(b[j++].text, t.text);
      const ov = evaluate(oldToks, env(before));
      const nv = evaluate(newToks, env(after));
      assert.equal(nv, ov, `${d!.code} fix on line ${d!.origin.loc.line + 1} changes the value`);
    }
    assert.equal(i, a.length);
    assert.equal(j, b.length);
  });
}

test('c-check: applies to arch/arm64 and to files including asm/insn.h, or when forced', () => {
  const call = 'u32 f(unsigned long pc, unsigned long a) { return aarch64_insn_gen_branch_imm(pc, a, true); }\n';
  assert.equal(checkCSource(call, '/src/drivers/foo.c').length, 0);
  assert.equal(checkCSource(call, '/src/linux/arch/arm64/kernel/ftrace.c').length, 1);
  assert.equal(checkCSource('#include <asm/insn.h>\n' + call, '/src/drivers/foo.c').length, 1);
  assert.equal(checkCSource(call, 'foo.c', { force: true }).length, 1);
  assert.ok(cCheckApplies('#include "asm/patching.h"\n', 'x.c'));
  assert.ok(!cCheckApplies('#include <linux/insn.h>\n', 'x.c'));
});

test('c-check: prototypes in headers are not calls; macros bodies are checked at their real position', () => {
  const text = [
    '#include <asm/insn.h>',
    'u32 aarch64_insn_gen_branch_imm(unsigned long pc, unsigned long addr,',
    '\t\t\t\tenum aarch64_insn_branch_type type);',
    '#define QUICK_LR_SAVE aarch64_insn_gen_move_reg(9, \\',
    '\t\tAARCH64_INSN_REG_LR, AARCH64_INSN_VARIANT_64BIT)',
    '',
  ].join('\n');
  const d = checkCSource(text, 'h.h');
  assert.deepEqual(d.map((x) => [x.code, x.origin.loc.line, x.origin.loc.startCol]), [['insn/int-as-enum', 3, 48]]);
  const ann = annotateCSource(text, 'h.h', { version: '6.12' });
  assert.deepEqual(ann.map((a) => [a.kind, a.text]), [['generator', 'mov x9, x30']]);
});

test('c-check: hostile input terminates and yields no crash', () => {
  const junk = ['aarch64_insn_gen_branch_imm(', 'aarch64_insn_gen_branch_imm(((((', '"unterminated', '/* open', '#define X \\', '\u0000\u0001\u0002'.repeat(1000), 'aarch64_insn_gen_nop())))', 'aarch64_insn_gen_move_reg(1,2,3,4,5,6,7)'];
  for (const j of junk) {
    checkCSource('#include <asm/insn.h>\n' + j, 'j.c');
    annotateCSource(j, 'j.c');
  }
  // a deep macro chain stops
  const chain = ['#include <asm/insn.h>', ...Array.from({ length: 200 }, (_, i) => `#define M${i} M${i + 1}`), '#define M200 M0', 'u32 f(void) { return aarch64_insn_gen_branch_reg(M0, AARCH64_INSN_BRANCH_NOLINK); }'].join('\n');
  checkCSource(chain, 'c.c');
  // an exponential macro bomb around a generator is cut off by the expansion budget
  const bomb = ['#include <asm/insn.h>', '#define B0 aarch64_insn_gen_nop()', ...Array.from({ length: 40 }, (_, i) => `#define B${i + 1} B${i} ^ B${i}`), 'u32 f(void) { return B40; }'].join('\n');
  const t0 = performance.now();
  checkCSource(bomb, 'b.c');
  annotateCSource(bomb, 'b.c');
  assert.ok(performance.now() - t0 < 20_000);
});

test('c-check: annotations decode folded calls and instruction-word literals', () => {
  const path = join(DIR, 'clean.c');
  const text = readFileSync(path, 'utf8');
  const ann = annotateCSource(text, path, { version: '6.12' });
  const literals = ann.filter((a) => a.kind === 'word-literal').map((a) => a.text);
  assert.deepEqual(literals, ['nop', 'mov x9, x30', 'br x16', 'bti c', 'paciasp']);
  const gens = ann.filter((a): a is CInsnAnnotation => a.kind === 'generator');
  assert.ok(gens.some((g) => g.text === 'stp x29, x30, [sp, #-16]!' && g.prototype?.startsWith('u32 aarch64_insn_gen_load_store_pair(')));
  assert.ok(gens.some((g) => g.text === 'and x11, x30, #0xfffffffffffffff8'));
  const inst = annotateCSource('asm volatile(".inst 0xd503233f\\n");\n', 'i.c');
  assert.deepEqual(inst.map((a) => a.text), ['paciasp']);
});
