// Branch targets and preprocessor conditions (checklist A10), the #if arms the front end reports,
// and per-symbol contracts from the `abi.contracts` setting, through the real front end and driver.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conditionalArms } from '../server/src/asm/cpp-conditions';
import { DEFAULT_CORES, Driver } from '../server/src/driver';
import { DEFAULT_SETTINGS, Settings, normalizeSettings } from '../server/src/settings';

const driver = new Driver({ host: { readFile: () => undefined }, cores: DEFAULT_CORES, roots: ['/t'] });
let version = 0;
function analyze(text: string, s: Partial<Settings> = {}) {
  return driver.analyze({ uri: '/t/cond.S', version: ++version, text }, { ...DEFAULT_SETTINGS, era: 'mcount', ...s });
}
const abi = (text: string, s: Partial<Settings> = {}) => analyze(text, s).diagnostics.filter((d) => d.code.startsWith('abi/'));
const where = (ds: readonly { code: string; origin: { loc: { line: number } } }[]) => ds.map((d) => `${d.code}@${d.origin.loc.line + 1}`);

test('conditions: arms with their conditions, groups and whether they were assembled', () => {
  const text = '#ifdef A\nx\n#elif B > 1\ny\n#else\n#ifndef C\nz\n#endif\n#endif\n#if 0\n#endif\n';
  const arms = conditionalArms(text, new Set([6]));
  assert.deepEqual(
    arms.map((a) => `${a.directive}:${a.expr}:${a.start}-${a.end}:g${a.group}:${a.active ? 'on' : 'off'}`),
    ['ifdef:A:0-2:g0:off', 'elif:B > 1:2-4:g0:off', 'else::4-8:g0:on', 'ifndef:C:5-7:g3:on', 'if:0:9-10:g4:off'],
  );
  // unterminated: to the end of the text
  assert.equal(conditionalArms('#if X\na\nb', new Set())[0].end, 3);
});

/** f branches to the label g, which `target` places (with its conditions) before f's exit. */
const BODY = (branch: string, target: string) => `
	.text
ENTRY(f)
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
${branch}
	mov	x0, #1
${target}
	ldp	x29, x30, [sp], #16
	ret
ENDPROC(f)
`;
const TARGET = 'g:\tmov\tx1, #2';

test('conditions: same conditions, or the target outside any #if: nothing', () => {
  assert.deepEqual(where(abi('#include <linux/linkage.h>\n' + BODY('\tcbz\tx0, g', TARGET))), []);
  assert.deepEqual(where(abi('#include <linux/linkage.h>\n#ifdef CONFIG_X\n' + BODY('\tcbz\tx0, g', TARGET) + '#endif\n', { config: { CONFIG_X: 'y' } })), []);
  // `#ifdef X` and `#if defined(X)` are the same condition; an enclosing #else negates the #if
  const spelled = `#include <linux/linkage.h>\n#if defined(CONFIG_X)\n${BODY('\tcbz\tx0, g', `#ifdef CONFIG_X\n${TARGET}\n#endif`)}#endif\n`;
  assert.deepEqual(where(abi(spelled, { config: { CONFIG_X: 'y' } })), []);
  const negated = `#include <linux/linkage.h>\n#ifdef CONFIG_Y\n#else\n${BODY('\tcbz\tx0, g', `#ifndef CONFIG_Y\n${TARGET}\n#endif`)}#endif\n`;
  assert.deepEqual(where(abi(negated)), []);
});

test('conditions: a target under a condition the branch is not under, at the branch', () => {
  const text = `#include <linux/linkage.h>\n${BODY('\tcbz\tx0, g', `#ifdef CONFIG_X\n${TARGET}\n#endif`)}`;
  const ds = abi(text, { config: { CONFIG_X: 'y' } });
  const line = text.split('\n').findIndex((l) => l.includes('cbz')) + 1;
  assert.deepEqual(where(ds), [`abi/branch-target-condition@${line}`]);
  assert.match(ds[0].message, /`cbz x0, g` in f \(contract aapcs\) branches to g, which line \d+ defines only where `defined\(CONFIG_X\)` holds/);
  assert.deepEqual(ds[0].related?.map((r) => r.message), ['g defined here', 'under #ifdef CONFIG_X']);
});

test('conditions: a target only in an arm not assembled, at the branch (b, b.cond, bl)', () => {
  for (const br of ['\tb.ne\tg', '\tbl\tg', '\ttbz\tx0, #3, g']) {
    const text = `#include <linux/linkage.h>\n${BODY(br, `#ifdef CONFIG_X\n${TARGET}\n#else\n#endif`)}`;
    const ds = abi(text);
    const line = text.split('\n').findIndex((l) => l === br) + 1;
    assert.deepEqual(where(ds).filter((w) => w.startsWith('abi/branch-target')), [`abi/branch-target-undefined@${line}`], br);
    assert.match(ds.find((d) => d.code === 'abi/branch-target-undefined')!.message, /defines only at line \d+, inside `#ifdef CONFIG_X`/);
  }
  // a symbol this file never defines is someone else's: nothing
  assert.deepEqual(where(abi(`#include <linux/linkage.h>\n${BODY('\tbl\tprepare_ftrace_return', '')}`)), []);
});

test('conditions: ftrace_graph_call where nothing patches it', () => {
  const site = `#include <linux/linkage.h>
ENTRY(ftrace_caller)
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
GLOBAL(ftrace_call)
	nop
GLOBAL(ftrace_graph_call)
	nop
	ldp	x29, x30, [sp], #16
	ret
ENDPROC(ftrace_caller)
`;
  const at = site.split('\n').findIndex((l) => l.startsWith('GLOBAL(ftrace_graph_call')) + 2;
  assert.deepEqual(where(abi(site)), [], 'mcount + DYNAMIC_FTRACE + graph tracer: patched');
  for (const [config, why] of [
    [{ CONFIG_FUNCTION_GRAPH_TRACER: 'n' }, /without CONFIG_FUNCTION_GRAPH_TRACER/],
    [{ CONFIG_DYNAMIC_FTRACE: 'n' }, /without CONFIG_DYNAMIC_FTRACE/],
    [{ CONFIG_DYNAMIC_FTRACE_WITH_ARGS: 'y' }, /ftrace_ops callback/],
  ] as const) {
    const ds = abi(site, { config });
    assert.deepEqual(where(ds), [`abi/graph-call-unpatched@${at}`], JSON.stringify(config));
    assert.match(ds[0].message, why);
    assert.match(ds[0].message, /in ftrace_caller \(contract mcount\)/);
  }
  // no CONFIG_FUNCTION_TRACER: not a configuration that builds this file
  assert.deepEqual(where(abi(site, { config: { CONFIG_FUNCTION_TRACER: 'n', CONFIG_DYNAMIC_FTRACE: 'n' } })), []);
});

test('contracts: the abi.contracts setting assigns contracts, a comment wins, unknown names are problems', () => {
  const own = '\t.text\nmy_tramp:\n\tmov\tx10, x30\n\tmov\tx30, x9\n\tret\n';
  assert.deepEqual(where(abi(own)), [], 'no contract: not checked');
  const s = normalizeSettings({ 'aarch64-ftrace': { abi: { contracts: { my_tramp: 'ftrace-entry', other: 'nope' } } } });
  assert.deepEqual(s.abi.contracts, { my_tramp: 'ftrace-entry', other: 'nope' });
  const a = analyze(own, { abi: s.abi });
  assert.deepEqual(where(a.diagnostics.filter((d) => d.code.startsWith('abi/'))), ['abi/lr-convention@5']);
  assert.ok(a.env.problems.some((p) => /unknown contract 'nope' for other; known: aapcs/.test(p)), a.env.problems.join('; '));
  assert.deepEqual(where(abi(`\t// aarch64-ftrace: contract=none\n${own}`, { abi: s.abi })), [], 'the comment wins over the setting');
});
