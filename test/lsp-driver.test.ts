// The per-document pipeline (server/src/driver.ts) in process: caching per (uri, version,
// settings), include invalidation, the environment from settings, .config and in-file era
// comments, C activation, degraded documents, isolation of a failing core, and the outline scan.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CORES, Driver, eraComment, fileOfUri, globToRegExp, kindOf, parseKconfig, scanOutline } from '../server/src/driver';
import { normalizeSettings } from '../server/src/settings';

function memoryHost(files: Record<string, string>) {
  const reads: string[] = [];
  return {
    reads,
    files,
    host: {
      readFile(path: string): string | undefined {
        reads.push(path);
        return files[path];
      },
    },
  };
}

const S = normalizeSettings({});

describe('driver (unit)', () => {
  it('caches one analysis per (uri, version, settings)', () => {
    const d = new Driver({ host: memoryHost({}).host });
    const doc = { uri: 'file:///w/a.S', version: 1, text: '\tnop\n' };
    const a = d.analyze(doc, S);
    assert.equal(d.analyze(doc, S), a);
    assert.notEqual(d.analyze({ ...doc, version: 2 }, S), a);
    const other = normalizeSettings({ era: 'mcount' });
    const b = d.analyze({ ...doc, version: 2 }, other);
    assert.equal(b.env.era.name, 'mcount');
    assert.equal(d.cached(doc.uri), b);
    d.forget(doc.uri);
    assert.equal(d.cached(doc.uri), undefined);
  });

  it('re-reads an include only after it is invalidated, and names the documents that read it', () => {
    const m = memoryHost({ '/w/inc.h': '#define INSN nop\n' });
    const d = new Driver({ host: m.host });
    const doc = { uri: 'file:///w/main.S', version: 1, text: '#include "inc.h"\n\tINSN\n' };
    const a = d.analyze(doc, S);
    assert.deepEqual(a.diagnostics, []);
    assert.ok(a.files.includes('/w/inc.h'));
    const readsBefore = m.reads.filter((r) => r === '/w/inc.h').length;
    d.analyze({ ...doc, version: 2 }, S);
    assert.equal(m.reads.filter((r) => r === '/w/inc.h').length, readsBefore, 'unchanged include not read again');
    m.files['/w/inc.h'] = '#define INSN bogus\n';
    assert.deepEqual(d.invalidate('/w/inc.h'), [doc.uri]);
    const b = d.analyze({ ...doc, version: 2 }, S);
    assert.equal(b.diagnostics.length, 1);
    assert.match(b.diagnostics[0].message, /bogus/);
  });

  it('builds the environment from a .config, the settings and the include paths of a kernel tree', () => {
    const m = memoryHost({ '/build/.config': 'CONFIG_FOO=y\nCONFIG_BAR=m\n# CONFIG_BAZ is not set\nCONFIG_NUM=8\n' });
    const d = new Driver({ host: m.host, roots: ['/w'] });
    const s = normalizeSettings({ buildDir: '/build', kernelSourceRoot: 'linux', config: { CONFIG_FOO: 'n', CONFIG_QUX: 'y' }, defines: ['DEBUG', 'LEVEL=3', 'bad name'] });
    const env = d.environment('/w/arch/arm64/kernel/entry-ftrace.S', s);
    assert.equal(env.defines.get('CONFIG_FOO'), undefined);
    assert.equal(env.defines.get('CONFIG_BAR_MODULE'), '1');
    assert.equal(env.defines.get('CONFIG_NUM'), '8');
    assert.equal(env.defines.get('CONFIG_QUX'), '1');
    assert.equal(env.defines.get('LEVEL'), '3');
    assert.equal(env.defines.get('__ASSEMBLY__'), '1');
    assert.equal(env.configSource, '/build/.config + settings');
    assert.deepEqual(env.includePaths.slice(0, 3), ['/w/linux/arch/arm64/include', '/build/arch/arm64/include/generated', '/w/linux/include']);
    assert.ok(env.problems.some((p) => /bad name/.test(p)));
    assert.ok(env.problems.some((p) => /asm-offsets\.h not found/.test(p)));
    assert.deepEqual(parseKconfig('CONFIG_A=y\nCONFIG_B="s"\n'), new Map([['CONFIG_A', '1'], ['CONFIG_B', '"s"']]));
  });

  it("takes the era's typical config without a .config, and an era from a comment in the file", () => {
    const d = new Driver({ host: memoryHost({}).host });
    const a = d.analyze({ uri: 'file:///w/a.S', version: 1, text: '// aarch64-ftrace: era=mcount\n\tnop\n' }, S);
    assert.equal(a.env.era.name, 'mcount');
    assert.equal(a.env.eraSource, 'file comment');
    assert.ok(!a.env.defines.has('CONFIG_DYNAMIC_FTRACE_WITH_ARGS'));
    const b = d.analyze({ uri: 'file:///w/b.S', version: 1, text: '\tnop\n' }, S);
    assert.equal(b.env.era.name, 'newest');
    assert.ok(b.env.defines.has('CONFIG_DYNAMIC_FTRACE_WITH_ARGS'));
    assert.equal(eraComment('/* aarch64-ftrace: era=6.1 */'), '6.1');
  });

  it('analyses C files the activation settings select, and no others', () => {
    const d = new Driver({ host: memoryHost({}).host });
    const text = 'u32 f(unsigned long pc, unsigned long a) { return aarch64_insn_gen_branch_imm(pc, a, true); }\n';
    const inTree = d.analyze({ uri: 'file:///linux/arch/arm64/kernel/ftrace.c', version: 1, text, languageId: 'c' }, S);
    assert.equal(inTree.active, true);
    assert.ok(inTree.diagnostics.some((x) => x.code === 'insn/bool-as-enum'));
    const elsewhere = d.analyze({ uri: 'file:///linux/drivers/foo.c', version: 1, text, languageId: 'c' }, S);
    assert.equal(elsewhere.active, false);
    assert.deepEqual(elsewhere.diagnostics, []);
    const byInclude = d.analyze({ uri: 'file:///linux/drivers/bar.c', version: 1, text: '#include <asm/insn.h>\n' + text, languageId: 'c' }, S);
    assert.equal(byInclude.active, true);
    const off = d.analyze({ uri: 'file:///linux/arch/arm64/kernel/x.c', version: 1, text, languageId: 'c' }, normalizeSettings({ c: { enable: false } }));
    assert.equal(off.active, false);
    assert.ok(globToRegExp('**/arch/arm64/**').test('/linux/arch/arm64/kernel/ftrace.c'));
    assert.ok(!globToRegExp('**/arch/arm64/*.c').test('/linux/arch/arm64/kernel/ftrace.c'));
  });

  it('gives a degraded document nothing but its reason', () => {
    const d = new Driver({ host: memoryHost({}).host });
    const a = d.analyze({ uri: 'file:///w/big.S', version: 1, text: '\tnop\n'.repeat(100) }, normalizeSettings({ maxFileSize: 100 }));
    assert.equal(a.degraded, 'too-large');
    assert.equal(a.assembly, undefined);
    assert.deepEqual(a.outline.symbols, []);
  });

  it('keeps the other cores when one throws, and records the failure', () => {
    const d = new Driver({
      host: memoryHost({}).host,
      cores: {
        ...DEFAULT_CORES,
        analyzeAbi: () => {
          throw new Error('checker bug');
        },
      },
    });
    const a = d.analyze({ uri: 'file:///w/a.S', version: 1, text: '\tbogus x0\n' }, S);
    assert.equal(a.failures?.[0].core, 'analyzeAbi');
    assert.ok(a.assembly);
    assert.equal(a.diagnostics.length, 1, 'the front end still reports');
  });

  it('applies severities and the diagnostics switch', () => {
    const d = new Driver({ host: memoryHost({}).host });
    const doc = { uri: 'file:///w/a.S', version: 1, text: '\tbogus x0\n' };
    const code = d.analyze(doc, S).diagnostics[0].code;
    assert.equal(d.analyze(doc, normalizeSettings({ diagnostics: { severity: { [code]: 'hint' } } })).diagnostics[0].level, 'hint');
    assert.deepEqual(d.analyze(doc, normalizeSettings({ diagnostics: { severity: { 'asm/*': 'off' } } })).diagnostics, []);
    assert.deepEqual(d.analyze(doc, normalizeSettings({ diagnostics: { enable: false } })).diagnostics, []);
  });

  it('maps URIs and languages', () => {
    assert.equal(fileOfUri('file:///a/b%20c.S'), '/a/b c.S');
    assert.equal(fileOfUri('untitled:Untitled-1'), 'untitled:Untitled-1');
    assert.equal(kindOf('file:///x/ftrace.c'), 'c');
    assert.equal(kindOf('file:///x/entry.S'), 'asm');
    assert.equal(kindOf('untitled:1', 'aarch64-asm'), 'asm');
  });
});

describe('outline scan (unit)', () => {
  it('nests labels in SYM_* blocks and folds blocks, conditionals and comments', () => {
    const text = [
      '/*', ' * header', ' */', '#include "x.h"', '#ifdef CONFIG_X', 'SYM_FUNC_START(f)', '1:', 'inner:', '\tb 1b', 'SYM_FUNC_END(f)', '#endif',
      '\t.macro m a', '\tnop', '\t.endm', 'tmp .req x9', '\t.set\tN, 4', '\t.pushsection .rodata, "a"', '.Llocal:', '\t.popsection', '',
    ].join('\n');
    const o = scanOutline(text);
    const f = o.symbols.find((x) => x.name === 'f')!;
    assert.equal(f.kind, 'function');
    assert.deepEqual([f.line, f.endLine], [5, 9]);
    assert.deepEqual(f.children.map((c) => c.name), ['inner']);
    assert.deepEqual(
      o.symbols.filter((x) => x !== f).map((x) => `${x.kind}:${x.name}`),
      ['macro:m', 'register-alias:tmp', 'equate:N', 'section:.rodata'],
    );
    assert.deepEqual(o.folds.map((x) => [x.startLine, x.endLine, x.kind]), [[0, 2, 'comment'], [4, 10, 'region'], [5, 9, 'region'], [11, 13, 'region']]);
    assert.deepEqual(o.includes, [{ name: 'x.h', line: 3, col: 10, endCol: 13, angled: false }]);
  });
});
