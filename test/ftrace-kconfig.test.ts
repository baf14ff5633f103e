// kconfig/unknown-symbol: names checked against a kernel tree's Kconfig files (a miniature tree in
// test-fixtures/c/kconfig-tree/) or the built-in partial list; C and .S text alike. The fixture
// test-fixtures/c/kconfig-symbols.c covers the built-in list through the C checker's harness.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Driver } from '../server/src/driver';
import { builtinKconfigSymbols, checkKconfigText, kconfigTreeSymbols, nearestSymbol } from '../server/src/ftrace/kconfig-symbols';
import { normalizeSettings } from '../server/src/settings';
import { repoRoot } from './support/repo';

const TREE = join(repoRoot(), 'test-fixtures/c/kconfig-tree');
const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

test('kconfig: a tree is read from its root Kconfig, following source, rsource and $(SRCARCH)', () => {
  const reads: string[] = [];
  const k = kconfigTreeSymbols(TREE, (p) => (reads.push(p), read(p)));
  assert.equal(reads.length, 0, 'read lazily');
  assert.deepEqual(k.names(), ['ARCH_FIXTURE_PLATFORM', 'ARM64', 'ARM64_BTI_KERNEL', 'DYNAMIC_FTRACE', 'DYNAMIC_FTRACE_WITH_ARGS', 'FIXTURE_TRACE_MODULE_OPTION', 'FTRACE', 'FUNCTION_TRACER', 'HAVE_DYNAMIC_FTRACE_WITH_ARGS']);
  assert.ok(k.complete, k.source);
  assert.match(k.source, /the Kconfig files of .*kconfig-tree \(4 read\)/);
  // a help text line is not a definition; the optional source that does not exist is skipped
  assert.ok(!k.has('NOT_A_SYMBOL'));
});

test('kconfig: with a complete tree any unknown name warns, near misses with a fix', () => {
  const k = kconfigTreeSymbols(TREE, read);
  const text = [
    '#include <linux/kconfig.h>',
    '#ifdef CONFIG_DYNAMIC_FTRACE_WITH_ARG',
    '#endif',
    '#if IS_ENABLED(CONFIG_SMP) || defined(CONFIG_FIXTURE_TRACE_MODULE_OPTION_MODULE)',
    '#endif',
    'int f(void) { return IS_ENABLED(CONFIG_FUNCTION_TRACER) + IS_BUILTIN(CONFIG_FTRACE); }',
    '',
  ].join('\n');
  const d = checkKconfigText(text, 'x.c', k);
  assert.deepEqual(d.map((x) => [x.origin.loc.line, x.origin.loc.startCol, x.code]), [[1, 7, 'kconfig/unknown-symbol'], [3, 15, 'kconfig/unknown-symbol']]);
  assert.match(d[0].message, /^CONFIG_DYNAMIC_FTRACE_WITH_ARG is not defined in the Kconfig files of .*: did you mean CONFIG_DYNAMIC_FTRACE_WITH_ARGS\?/);
  assert.equal(d[0].fixes?.[0].edits[0].newText, 'CONFIG_DYNAMIC_FTRACE_WITH_ARGS');
  // CONFIG_SMP is not in this miniature tree and nothing is near it: a warning without a fix
  assert.match(d[1].message, /^CONFIG_SMP is not defined in the Kconfig files of .*\. An undefined symbol is never set/);
  assert.equal(d[1].fixes, undefined);
});

test('kconfig: a tree with an unreadable source is partial; no root Kconfig falls back to the built-in list', () => {
  const partial = kconfigTreeSymbols(TREE, (p) => (p.endsWith('kernel/trace/Kconfig') ? undefined : read(p)));
  assert.equal(partial.complete, false);
  assert.match(partial.source, /1 not found: the list may be partial/);
  // partial: far names are not reported, near misses are
  const d = checkKconfigText('#if defined(CONFIG_SMP) || defined(CONFIG_ARM64_BTI_KERNE)\n#endif\n', 'x.S', partial);
  assert.deepEqual(d.map((x) => x.message.slice(0, 30)), ['CONFIG_ARM64_BTI_KERNE is not ']);
  const none = kconfigTreeSymbols('/nonexistent/linux', read);
  assert.equal(none.complete, false);
  assert.match(none.source, /built-in list .*\/nonexistent\/linux\/Kconfig could not be read/);
});

test('kconfig: the built-in list is partial and names its source; .S files are checked too', () => {
  const k = builtinKconfigSymbols();
  assert.equal(k.complete, false);
  assert.ok(k.has('DYNAMIC_FTRACE_WITH_CALL_OPS') && k.has('SHADOW_CALL_STACK') && k.has('FTRACE'));
  const S = ['#include <linux/linkage.h>', '#ifdef CONFIG_DYNAMIC_FTRACE_WITH_REG', 'SYM_CODE_START(ftrace_caller)', '\tbti\tc // don\'t care', '#endif', '#ifdef CONFIG_NUMA', '#endif', ''].join('\n');
  const d = checkKconfigText(S, 'entry-ftrace.S', k);
  assert.equal(d.length, 1);
  assert.match(d[0].message, /^CONFIG_DYNAMIC_FTRACE_WITH_REG is not defined in the built-in list of ftrace\/arm64 Kconfig symbols \(no kernel source root is configured\): did you mean CONFIG_DYNAMIC_FTRACE_WITH_REGS\?/);
  // the 2019 bug: a word short of the real name
  assert.equal(nearestSymbol('FTRACE_WITH_REGS', k), 'DYNAMIC_FTRACE_WITH_REGS');
  // a HAVE_ selector is not offered for its option
  assert.notEqual(nearestSymbol('DYNAMIC_FTRACE_WITH_REGZ', k), 'HAVE_DYNAMIC_FTRACE_WITH_REGS');
});

test('kconfig: the driver checks .S and C documents against kernelSourceRoot when it is set', () => {
  const driver = new Driver({ host: { readFile: read }, roots: [TREE] });
  const S = '#ifdef CONFIG_DYNAMIC_FTRACE_WITH_ARG\n\tnop\n#endif\n#ifdef CONFIG_SMP\n#endif\n';
  const withTree = driver.analyze({ uri: `file://${TREE}/arch/arm64/kernel/entry.S`, version: 1, text: S }, normalizeSettings({ kernelSourceRoot: TREE }));
  const codes = withTree.diagnostics.filter((d) => d.code === 'kconfig/unknown-symbol').map((d) => d.origin.loc.line);
  assert.deepEqual(codes, [0, 3]);
  const builtin = driver.analyze({ uri: `file://${TREE}/arch/arm64/kernel/entry2.S`, version: 1, text: S }, normalizeSettings({}));
  const b = builtin.diagnostics.filter((d) => d.code === 'kconfig/unknown-symbol');
  assert.equal(b.length, 1);
  assert.match(b[0].message, /built-in list/);
  const c = driver.analyze({ uri: `file://${TREE}/arch/arm64/kernel/x.c`, version: 1, text: '#include <asm/insn.h>\n#if IS_ENABLED(CONFIG_FUNCTION_TRACR)\n#endif\n' }, normalizeSettings({ kernelSourceRoot: TREE }));
  const cd = c.diagnostics.filter((d) => d.code === 'kconfig/unknown-symbol');
  assert.equal(cd.length, 1);
  assert.match(cd[0].message, /Kconfig files of .*: did you mean CONFIG_FUNCTION_TRACER\?/);
});
