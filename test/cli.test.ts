// The CLI contract that scripts depend on: exact output shapes and exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileUri } from './lsp-client';
import { Session } from './lsp-harness';
import { repoRoot } from './support/repo';

const cli = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'dist/cli.js'), ...args], { input, encoding: 'utf8', timeout: 30_000 });
  return { out: r.stdout, err: r.stderr, code: r.status };
};

test('cli: --help and --version', () => {
  const h = cli(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.out, /usage: aarch64-ftrace <command>/);
  assert.match(h.out, /decode/);
  assert.match(h.out, /encode/);
  const v = cli(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.out.trim(), /^\d+\.\d+\.\d+$/);
  assert.match(cli(['decode', '--help']).out, /--binary FILE/);
  assert.equal(cli(['frob']).code, 2);
});

test('cli decode: arguments, stdin, addresses and malformed lines', () => {
  const a = cli(['decode', '--address', '0x1000', '91000420', '0xb0000000', '00000000']);
  assert.equal(a.code, 0);
  assert.equal(a.out, '91000420\tadd x0, x1, #0x1\nb0000000\tadrp x0, 0x2000\n00000000\tudf #0\n');
  const s = cli(['decode'], '91000420\nnot-hex\n\nB0000000\n');
  assert.equal(s.code, 1);
  const lines = s.out.trimEnd().split('\n');
  assert.equal(lines[0], '91000420\tadd x0, x1, #0x1');
  assert.match(lines[1], /^error: line 2: not a 32-bit hex word: 'not-hex'$/);
  assert.equal(lines[2], 'b0000000\tadrp x0, 0x1000'); // second word: address 4, page 0 + 0x1000
});

test('cli decode: --binary reads little-endian words and reports a ragged tail', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const f = join(dir, 'w.bin');
  writeFileSync(f, Buffer.from([0x20, 0x04, 0x00, 0x91, 0xff]));
  const r = cli(['decode', '--binary', f]);
  assert.equal(r.code, 1);
  assert.equal(r.out, '91000420\tadd x0, x1, #0x1\nerror: ' + f + ': 1 trailing bytes after the last whole word\n');
  assert.equal(cli(['decode', '--binary', join(dir, 'missing')]).code, 2);
});

test('cli decode --format json: operands, fields, class and alias', () => {
  const r = cli(['decode', '--format', 'json', '910003fd']);
  assert.equal(r.code, 0);
  const [d] = JSON.parse(r.out);
  assert.equal(d.text, 'mov x29, sp');
  assert.equal(d.class, 'addsub_imm');
  assert.deepEqual(d.aliasOf, { mnemonic: 'add', text: 'add x29, sp, #0x0' });
  assert.ok(Array.isArray(d.fields) && d.fields.length > 0);
});

test('cli encode: words, errors and exit status', () => {
  const ok = cli(['encode', 'add x0, x1, #0x1', 'sub sp, sp, #(8 * 6)']);
  assert.equal(ok.code, 0);
  assert.equal(ok.out, '91000420\tadd x0, x1, #0x1\nd100c3ff\tsub sp, sp, #(8 * 6)\n');
  const bad = cli(['encode'], 'add x0, x1, #0x1\nadd x0, x1, #4097\n');
  assert.equal(bad.code, 1);
  assert.match(bad.out.split('\n')[1], /^error: line 2: add x0, x1, #4097: operand 3: immediate out of range/);
  const adr = cli(['encode', '--address', '0xffff800080000000', 'adr x0, .+0x40']);
  assert.equal(adr.out.split('\t')[0], '10000200');
});

// listing and the server's "Show Assembled Listing" come from one driver analysis: the same text
// for the same file and settings (the server names files by their base name, after a header).
test('cli listing: what the language server lists for the same file and era', async (t) => {
  const file = join(repoRoot(), 'test-fixtures/kernel/entry-ftrace-6.1.S');
  // from a directory the file is not under, so the CLI names it by its absolute path
  const cwd = mkdtempSync(join(tmpdir(), 'cli-cwd-'));
  t.after(() => rmSync(cwd, { recursive: true, force: true }));
  const r = spawnSync(process.execPath, [join(repoRoot(), 'dist/cli.js'), 'listing', '--era', '6.1', file], { encoding: 'utf8', timeout: 30_000, cwd });
  assert.equal(r.status, 0, r.stderr);
  const s = new Session({ era: '6.1' }, 30_000);
  try {
    await s.start();
    const uri = fileUri(file);
    s.open(uri, readFileSync(file, 'utf8'));
    await s.diagnostics(uri);
    const listed = await s.request<{ text: string }>('aarch64-ftrace/listing', { uri });
    const body = listed.text.split('\n').slice(2).join('\n');
    assert.match(body, /Disassembly of section \.text:/);
    assert.equal(body, r.stdout.split(file).join('entry-ftrace-6.1.S'));
  } finally {
    await s.stop();
  }
});

test('npm run demo: the CLI on the bundled entry-ftrace.S shows what it claims (exit 0)', () => {
  const r = spawnSync(process.execPath, ['scripts/demo.mjs'], { cwd: repoRoot(), encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /no problems \(exit status 0\)/);
  assert.match(r.stdout, /\[abi\/restore-slot-mismatch\]/);
  assert.match(r.stdout, /Disassembly of section \.text:/);
  assert.match(r.stdout, /enabled\s+[0-9a-f]{8}\s+bl 0xffff8000801a0000/); // the words themselves: ftrace-patch-sites.test.ts against GNU as
});
