// Packages the extension the way `npm run package` does (test/editors/vsix.ts) and checks
// exactly which files the .vsix ships. That it installs into VS Code and works there is
// test/editor-vscode.test.ts.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from './lsp-client';
import { PACKAGE_STEP_TIMEOUT_MS, packageVsix, zipEntries } from './editors/vsix';

const ROOT = repoRoot();
const MAX_VSIX_BYTES = 2 * 1024 * 1024;

const SHIPPED = [
  'dist/client.js',
  'dist/server.js',
  'dist/cli.js',
  'syntaxes/aarch64-asm.tmLanguage.json',
  'language-configuration.json',
  'package.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
];

/** vsce renames a few files: readme.md and changelog.md in lower case, LICENSE gets .txt. */
function vsixName(file: string): string {
  switch (file) {
    case 'README.md':
      return 'readme.md';
    case 'CHANGELOG.md':
      return 'changelog.md';
    case 'LICENSE':
      return 'LICENSE.txt';
    default:
      return file;
  }
}

describe('vsix package', { timeout: 2 * PACKAGE_STEP_TIMEOUT_MS + 30_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'aarch64-ftrace-vsix-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('has every shipped file in the repository', () => {
    const missing = SHIPPED.filter((f) => !f.startsWith('dist/') && !existsSync(join(ROOT, f)));
    assert.deepEqual(missing, [], `missing from the repository: ${missing.join(', ')}`);
  });

  it('contains exactly the bundles, grammar, language configuration and docs, under 2 MB', () => {
    const { vsix, stage } = packageVsix(work, 'x');

    const size = statSync(vsix).size;
    assert.ok(size < MAX_VSIX_BYTES, `the .vsix is ${size} bytes, over ${MAX_VSIX_BYTES}`);

    const entries = zipEntries(readFileSync(vsix)).filter((e) => !e.endsWith('/'));
    const top = entries.filter((e) => !e.startsWith('extension/')).sort();
    const shipped = entries
      .filter((e) => e.startsWith('extension/'))
      .map((e) => e.slice('extension/'.length))
      .sort();
    assert.deepEqual(top, ['[Content_Types].xml', 'extension.vsixmanifest']);
    const expected = SHIPPED.map(vsixName).sort();
    assert.deepEqual(shipped, expected);

    // The bundles are self-contained (no node_modules shipped): only `vscode` stays external.
    const staged = readdirSync(join(stage, 'dist')).filter((f) => f.endsWith('.js'));
    assert.deepEqual(staged.sort(), ['cli.js', 'client.js', 'server.js']);
  });
});
