// The `check` command's contract for CI: output shapes (text, JSON, SARIF 2.1.0), 1-based
// positions, options, and exit codes 0 (clean or warnings), 1 (an error), 2 (usage or I/O).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { ALL_CODES } from '../server/src/diagnostic-codes';
import { fileUri } from './lsp-client';
import { Session } from './lsp-harness';
import { repoRoot } from './support/repo';

const ROOT = repoRoot();
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { out: r.stdout, err: r.stderr, code: r.status };
};
const tmp = mkdtempSync(join(tmpdir(), 'aarch64-ftrace-check-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const p = join(tmp, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
};

// a miniature kernel source tree (an arm64 header, a Kconfig) and build directory (asm-offsets.h, .config)
write('linux/arch/arm64/include/asm/fixture-offsets.h', '#define FIXTURE_OFF 16\n');
write('linux/Kconfig', 'config FIXTURE_ONE\n\tbool "one"\n');
write('build/include/generated/asm-offsets.h', '#define BUILD_OFF 24\n');
write('build/.config', 'CONFIG_SHADOW_CALL_STACK=y\n');
const TREE = {
  source: join(tmp, 'linux'),
  build: join(tmp, 'build'),
  file: write('tree.S', '#include <asm/fixture-offsets.h>\n#include <asm/asm-offsets.h>\n\t.text\nf:\n\tldr\tx0, [sp, #FIXTURE_OFF]\n\tldr\tx1, [sp, #BUILD_OFF]\n#ifdef CONFIG_FIXTURE_ONF\n#endif\n\tret\n'),
};

const WRONG = 'test-fixtures/kernel/buggy/wrong-restore-slot.S';

test('cli check: a correct fixture is clean (exit 0), a buggy one exits 1 with file:line:col text', () => {
  const ok = cli(['check', 'test-fixtures/entry-ftrace.S']);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(ok.out, '');
  const bad = cli(['check', '--era', '6.2-with-args', WRONG]);
  assert.equal(bad.code, 1, bad.err);
  const lines = bad.out.trimEnd().split('\n');
  assert.match(lines[0], /^test-fixtures\/kernel\/buggy\/wrong-restore-slot\.S:50:\d+: error: x2, x3 are restored from the slots where x4, x5 were saved; .* \[abi\/restore-slot-mismatch\]$/);
  assert.ok(lines.some((l) => /^test-fixtures\/kernel\/buggy\/wrong-restore-slot\.S:28: note: x2, x3 saved here$/.test(l)), bad.out);
  assert.ok(lines.some((l) => /^ {2}fix: Load x2, x3 from the slot they were saved to/.test(l)), bad.out);
  assert.match(cli(['check', '--help']).out, /--format text\|json\|sarif/);
  assert.match(cli(['--help']).out, /\bcheck\b/);
});

test('cli check: JSON has the documented shape, 1-based positions and fixes as edits', () => {
  const r = cli(['check', '--format', 'json', '--era', '6.2-with-args', WRONG]);
  assert.equal(r.code, 1, r.err);
  const j = JSON.parse(r.out) as { diagnostics: Record<string, unknown>[] };
  assert.equal(j.diagnostics.length, 1);
  const d = j.diagnostics[0];
  assert.deepEqual(Object.keys(d), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message', 'related', 'fixes']);
  assert.equal(d.file, WRONG);
  assert.equal(d.line, 50);
  assert.equal(d.column, 1);
  assert.equal(d.severity, 'error');
  assert.equal(d.code, 'abi/restore-slot-mismatch');
  const related = d.related as { file: string; line: number; message: string }[];
  assert.deepEqual(Object.keys(related[0]), ['file', 'line', 'message']);
  assert.deepEqual(related.map((x) => `${x.line}: ${x.message}`), ['28: x2, x3 saved here', '29: x4, x5 saved here', '58: exit']);
  const fixes = d.fixes as { title: string; edits: Record<string, unknown>[] }[];
  assert.equal(fixes.length, 1);
  assert.deepEqual(fixes[0].edits, [{ file: WRONG, line: 50, column: 14, endLine: 50, endColumn: 29, newText: '[sp, #FREGS_X2]' }]);
});

test('cli check: SARIF 2.1.0 with the rules, levels, locations, related locations and fixes', () => {
  const r = cli(['check', '--format', 'sarif', '--era', '6.2-with-args', WRONG, 'test-fixtures/kernel/buggy/plain-ret.S']);
  assert.equal(r.code, 1, r.err);
  const s = JSON.parse(r.out);
  assert.equal(s.version, '2.1.0');
  assert.match(s.$schema, /sarif-2\.1\.0/);
  const run = s.runs[0];
  assert.equal(run.tool.driver.name, 'aarch64-ftrace');
  const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
  for (const code of ALL_CODES) assert.ok(ids.includes(code), code);
  assert.deepEqual(run.tool.driver.rules[ids.indexOf('insn/wrong-enum')].defaultConfiguration, { level: 'error' });
  assert.match(run.tool.driver.rules[ids.indexOf('insn/bool-as-enum')].help.markdown, /Quick-fix: /);
  assert.deepEqual(run.tool.driver.rules[ids.indexOf('asm/unknown-directive')].defaultConfiguration, { level: 'warning' });
  assert.equal(run.tool.driver.rules[ids.indexOf('abi/lr-convention')].name, 'LrConvention');
  assert.deepEqual(run.results.map((x: { ruleId: string; level: string }) => `${x.ruleId}:${x.level}`), ['abi/restore-slot-mismatch:error', 'abi/lr-convention:error']);
  const res = run.results[0];
  assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
  assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: WRONG });
  assert.equal(res.locations[0].physicalLocation.region.startLine, 50);
  assert.equal(res.relatedLocations.length, 3);
  assert.equal(res.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, '[sp, #FREGS_X2]');
  assert.deepEqual(res.fixes[0].artifactChanges[0].replacements[0].deletedRegion, { startLine: 50, startColumn: 14, endLine: 50, endColumn: 29 });
});

const OWN = `
	.text
my_tramp:
	bti	c
	mov	x10, x30
	mov	x30, x9
	mov	x18, x10
	ret
`;

test('cli check: --contract, -D and --config decide the obligations', () => {
  const f = write('own.S', OWN);
  assert.equal(cli(['check', f]).code, 0, 'my_tramp has no contract: not checked');
  const r = cli(['check', '--format', 'json', '--contract', 'my_tramp=ftrace-entry', f]);
  assert.equal(r.code, 1, r.err);
  assert.deepEqual(JSON.parse(r.out).diagnostics.map((d: { code: string; line: number }) => `${d.code}@${d.line}`), ['abi/lr-convention@8']);
  // repeated, every --contract counts
  const twice = cli(['check', '--format', 'json', '--contract', 'my_tramp=ftrace-entry', '--contract', 'other=aapcs', f]);
  assert.deepEqual(JSON.parse(twice.out).diagnostics.map((d: { code: string }) => d.code), ['abi/lr-convention']);
  // x18 is the shadow call stack pointer only with CONFIG_SHADOW_CALL_STACK
  const scs = cli(['check', '--format', 'json', '--contract', 'my_tramp=ftrace-entry', '-D', 'CONFIG_SHADOW_CALL_STACK', f]);
  assert.deepEqual(JSON.parse(scs.out).diagnostics.map((d: { code: string; line: number }) => `${d.code}@${d.line}`), ['abi/scs-clobbered@7', 'abi/lr-convention@8']);
  const config = write('kconfig', 'CONFIG_SHADOW_CALL_STACK=y\n');
  const viaConfig = cli(['check', '--format', 'json', '--contract=my_tramp=ftrace-entry', '--config', config, f]);
  assert.deepEqual(JSON.parse(viaConfig.out).diagnostics.map((d: { code: string }) => d.code), ['abi/scs-clobbered', 'abi/lr-convention']);
  // a comment does the same as --contract
  const commented = write('commented.S', OWN.replace('my_tramp:', '// aarch64-ftrace: contract=ftrace-entry\nmy_tramp:'));
  assert.equal(cli(['check', commented]).code, 1);
  // warnings alone exit 0
  const warn = write('warn.S', `
	.globl	f
	.type	f, %function
f:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	g
	mov	x0, x16
	ldp	x29, x30, [sp], #16
	ret
`);
  const w = cli(['check', warn]);
  assert.equal(w.code, 0, w.out);
  assert.match(w.out, /warning: x16 \(IP0\) is read here, but the call at line 7/);
});

const codesAt = (out: string) => (JSON.parse(out).diagnostics as { code: string; line: number; severity: string }[]).map((d) => `${d.code}@${d.line}:${d.severity}`);

test('cli check: --kernel-source and --build are the kernelSourceRoot and buildDir settings', () => {
  // without them: the tree's header is missing, its offsets undefined
  const bare = cli(['check', '--format', 'json', TREE.file]);
  assert.equal(bare.code, 1, bare.err);
  assert.deepEqual(codesAt(bare.out), ['cpp/missing-include@1:warning', 'asm/undefined-symbol@5:error', 'asm/undefined-symbol@6:error']);
  // --kernel-source: arch/arm64/include is searched and the Kconfig files give the symbols (a near miss with a fix)
  const src = cli(['check', '--format', 'json', '--kernel-source', TREE.source, TREE.file]);
  assert.deepEqual(codesAt(src.out), ['asm/undefined-symbol@6:error', 'kconfig/unknown-symbol@7:warning']);
  const k = JSON.parse(src.out).diagnostics[1];
  assert.match(k.message, /CONFIG_FIXTURE_ONF is not defined in the Kconfig files of .*linux/);
  assert.equal(k.fixes[0].edits[0].newText, 'CONFIG_FIXTURE_ONE');
  // --build: include/generated/asm-offsets.h; its .config is the kconfig
  const both = cli(['check', '--format', 'json', `--kernel-source=${TREE.source}`, '--build', TREE.build, TREE.file]);
  assert.equal(both.code, 0, both.err);
  assert.deepEqual(codesAt(both.out), ['kconfig/unknown-symbol@7:warning']);
  const own = write('own-build.S', OWN);
  const scs = cli(['check', '--format', 'json', '--contract', 'my_tramp=ftrace-entry', '--build', TREE.build, own]);
  assert.deepEqual(JSON.parse(scs.out).diagnostics.map((d: { code: string }) => d.code), ['abi/scs-clobbered', 'abi/lr-convention']);
  // listing takes them too (one parser)
  const listing = cli(['listing', '--kernel-source', TREE.source, '--build', TREE.build, TREE.file]);
  assert.equal(listing.code, 0, listing.err);
  assert.match(listing.out, /ldr\tx1, \[sp, #24\]|ldr\s+x1, \[sp, #24\]/);
  // a missing directory or a file is an I/O or usage error, not an empty tree
  assert.equal(cli(['check', '--kernel-source', join(tmp, 'no-such-linux'), TREE.file]).code, 2);
  const notDir = cli(['check', '--build', TREE.file, TREE.file]);
  assert.equal(notDir.code, 2);
  assert.match(notDir.err, /--build .*tree\.S: not a directory/);
  assert.match(cli(['check', '--help']).out, /--kernel-source DIR .*kernelSourceRoot[\s\S]*--build DIR .*buildDir/);
});

test('cli check: --severity sets the level of a code, a family or every code, as diagnostics.severity does', () => {
  // an error made a warning exits 0; the JSON shows the level
  const down = cli(['check', '--format', 'json', '--era', '6.2-with-args', '--severity', 'abi/restore-slot-mismatch=warning', WRONG]);
  assert.equal(down.code, 0, down.err);
  assert.deepEqual(codesAt(down.out), ['abi/restore-slot-mismatch@50:warning']);
  assert.equal(cli(['check', '--era', '6.2-with-args', '--severity', 'abi/*=off', WRONG]).out, '');
  // a warning made an error exits 1; repeated flags and comma lists; the later entry of a key wins
  const c = write('sev.c', '#include <asm/insn.h>\nu32 f(unsigned long pc, unsigned long addr)\n{\n\treturn aarch64_insn_gen_branch_imm(pc, addr, true);\n}\n');
  assert.equal(cli(['check', c]).code, 0);
  const up = cli(['check', '--format', 'json', '--severity', 'insn/bool-as-enum=error', c]);
  assert.equal(up.code, 1, up.err);
  assert.deepEqual(codesAt(up.out), ['insn/bool-as-enum@4:error']);
  const hinted = cli(['check', '--format', 'json', '--severity', '*=info', '--severity', 'ftrace/*=off,insn/*=hint', c]);
  assert.deepEqual(codesAt(hinted.out), ['insn/bool-as-enum@4:hint']);
  assert.deepEqual(codesAt(cli(['check', '--format', 'json', '--severity', 'insn/*=hint,*=information', c]).out), ['insn/bool-as-enum@4:hint']);
  const info = cli(['check', '--format', 'sarif', '--severity', '*=INFO', c]);
  assert.equal(JSON.parse(info.out).runs[0].results[0].level, 'note');
  // front-end codes too
  assert.deepEqual(codesAt(cli(['check', '--format', 'json', '--severity', 'cpp/missing-include=off', '--severity', 'asm/undefined-symbol=warning', TREE.file]).out), [
    'asm/undefined-symbol@5:warning',
    'asm/undefined-symbol@6:warning',
  ]);
  // unknown codes and levels are usage errors
  for (const bad of ['abi/no-such-rule=error', 'nope/*=off', 'insn/bool-as-enum=loud', 'insn/bool-as-enum']) {
    const r = cli(['check', '--severity', bad, c]);
    assert.equal(r.code, 2, bad);
    assert.match(r.err, /--severity/);
  }
});

test('cli check: usage and I/O errors exit 2', () => {
  assert.equal(cli(['check']).code, 2);
  assert.equal(cli(['check', '--format', 'xml', WRONG]).code, 2);
  assert.equal(cli(['check', '--era', 'no-such-era', WRONG]).code, 2);
  assert.equal(cli(['check', '--contract', 'x=no-such-contract', WRONG]).code, 2);
  assert.equal(cli(['check', '--frobnicate', WRONG]).code, 2);
  assert.equal(cli(['check', join(tmp, 'missing.S')]).code, 2);
  assert.equal(cli(['check', '--config', join(tmp, 'missing-config'), WRONG]).code, 2);
  assert.equal(cli(['check', write('notes.txt', 'x')]).code, 2);
});

test('cli check: C files go to the C checker', () => {
  const c = write('gen.c', '#include <asm/insn.h>\nu32 f(unsigned long pc, unsigned long addr)\n{\n\treturn aarch64_insn_gen_branch_imm(pc, addr, true);\n}\n');
  const r = cli(['check', '--format', 'json', c]);
  assert.ok(r.code === 0 || r.code === 1, r.err);
  const ds = JSON.parse(r.out).diagnostics as { line: number; code: string }[];
  assert.ok(ds.length > 0 && ds.every((d) => d.line === 4), r.out);
});

// The CLI and the language server run one pipeline (driver.ts): for a file and the settings the
// command line means, `check` reports exactly the diagnostics the server publishes for the open
// document (the server shows a repeated one once: compared as sets).
test('cli check: the same diagnostics as the language server for the same file and settings', async () => {
  const own = write('own-equiv.S', OWN);
  const c = write('equiv.c', '#include <asm/insn.h>\nu32 f(unsigned long pc, unsigned long addr)\n{\n\treturn aarch64_insn_gen_branch_imm(pc, addr, 1) + aarch64_insn_gen_branch_imm(pc, addr, true);\n}\n');
  const buggy = ['wrong-restore-slot', 'plain-ret', 'missing-bti-c', 'x9-not-restored', 'misaligned-sp'].map((b) => `test-fixtures/kernel/buggy/${b}.S`);
  const cases: { file: string; args: string[]; settings: Record<string, unknown> }[] = [
    { file: 'test-fixtures/entry-ftrace.S', args: [], settings: {} },
    ...buggy.map((file) => ({ file, args: ['--era', '6.2-with-args'], settings: { era: '6.2-with-args' } })),
    // a 5.5 fixture assembled for the wrong era: front-end errors (undefined asm-offsets) in macro bodies
    { file: 'test-fixtures/kernel/entry-ftrace-5.5-with-regs.S', args: ['--era', '6.1'], settings: { era: '6.1' } },
    {
      file: own,
      args: ['--contract', 'my_tramp=ftrace-entry', '-D', 'CONFIG_SHADOW_CALL_STACK'],
      settings: { abi: { contracts: { my_tramp: 'ftrace-entry' } }, defines: ['CONFIG_SHADOW_CALL_STACK'] },
    },
    { file: c, args: [], settings: {} },
    // the tree's options and per-code levels, as settings
    {
      file: TREE.file,
      args: ['--kernel-source', TREE.source, '--build', TREE.build, '--severity', 'kconfig/*=hint,asm/undefined-symbol=information'],
      settings: { kernelSourceRoot: TREE.source, buildDir: TREE.build, diagnostics: { severity: { 'kconfig/*': 'hint', 'asm/undefined-symbol': 'information' } } },
    },
    { file: TREE.file, args: ['--severity', 'cpp/*=error'], settings: { diagnostics: { severity: { 'cpp/*': 'error' } } } },
  ];
  const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };
  let compared = 0;
  for (const k of cases) {
    const r = cli(['check', '--format', 'json', ...k.args, k.file]);
    assert.ok(r.code === 0 || r.code === 1, `${k.file}: ${r.err}`);
    const fromCli = new Set(
      (JSON.parse(r.out).diagnostics as { line: number; column: number; severity: string; code: string; message: string }[]).map(
        (d) => `${d.line - 1}:${d.column - 1} ${SEVERITY[d.severity]} ${d.code} ${d.message}`,
      ),
    );
    const s = new Session(k.settings, 30_000);
    try {
      await s.start();
      const path = k.file.startsWith('/') ? k.file : join(ROOT, k.file);
      const uri = fileUri(path);
      s.open(uri, readFileSync(path, 'utf8'), k.file.endsWith('.c') ? 'c' : 'aarch64-asm');
      const published = await s.diagnostics<{ range: { start: { line: number; character: number } }; severity: number; code: string; message: string }>(uri);
      const fromServer = new Set(published.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code} ${d.message}`));
      assert.deepEqual([...fromServer].sort(), [...fromCli].sort(), k.file);
      compared += fromCli.size;
    } finally {
      await s.stop();
    }
  }
  assert.ok(compared >= 10, `compared ${compared} diagnostics`);
});

test('cli check: the demo\'s broken copy of entry-ftrace.S is caught where its comments say', () => {
  const r = cli(['check', '--format', 'json', 'test-fixtures/demo/broken-ftrace.S']);
  assert.equal(r.code, 1, r.err);
  const ds = JSON.parse(r.out).diagnostics as { code: string; line: number; fixes: unknown[] }[];
  assert.deepEqual(ds.map((d) => `${d.code}@${d.line}`), ['abi/callee-saved-clobbered@41', 'abi/restore-slot-mismatch@49']);
  assert.equal(ds[1].fixes.length, 1);
});
