// Packages the extension the way `npm run package` does (production build, then
// `vsce package --no-dependencies`) and checks exactly which files the .vsix ships.
// The packaging runs in a staging copy of the repository so that the production build does
// not overwrite dist/ while other tests are running the server from it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from './lsp-client';

const ROOT = repoRoot();
const MAX_VSIX_BYTES = 2 * 1024 * 1024;
const STEP_TIMEOUT_MS = 120_000;

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

/** Entry names of a zip archive, read from its central directory (no system tool needed). */
export function zipEntries(zip: Buffer): string[] {
  const EOCD = 0x06054b50;
  const CDH = 0x02014b50;
  // The end-of-central-directory record is 22 bytes plus a comment of at most 65535 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end of central directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new Error('zip64 archives are not supported');
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== CDH) throw new Error(`bad central directory header at ${p}`);
    const flags = zip.readUInt16LE(p + 8);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const raw = zip.subarray(p + 46, p + 46 + nameLength);
    names.push(raw.toString(flags & 0x800 ? 'utf8' : 'latin1'));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Top-level names the staging copy leaves out: VCS data, build output, gitignored caches. */
function excludedNames(): (name: string) => boolean {
  const exact = new Set(['.git', 'node_modules', 'dist', 'out']);
  const suffixes: string[] = ['.vsix'];
  const gitignore = join(ROOT, '.gitignore');
  if (existsSync(gitignore)) {
    for (let line of readFileSync(gitignore, 'utf8').split('\n')) {
      line = line.trim().replace(/^\//, '').replace(/\/$/, '');
      if (!line || line.startsWith('#') || line.startsWith('!') || line.includes('/')) continue;
      if (line.startsWith('*') && !line.slice(1).includes('*')) suffixes.push(line.slice(1));
      else if (!/[*?[]/.test(line)) exact.add(line);
    }
  }
  return (name) => exact.has(name) || suffixes.some((s) => name.endsWith(s));
}

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: STEP_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.error) throw new Error(`${[cmd, ...args].join(' ')}: ${r.error.message}\n${output}`);
  assert.equal(r.status, 0, `${[cmd, ...args].join(' ')} exited with ${r.status}\n${output}`);
}

describe('vsix package', { timeout: 2 * STEP_TIMEOUT_MS + 30_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'aarch64-ftrace-vsix-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('has every shipped file in the repository', () => {
    const missing = SHIPPED.filter((f) => !f.startsWith('dist/') && !existsSync(join(ROOT, f)));
    assert.deepEqual(missing, [], `missing from the repository: ${missing.join(', ')}`);
  });

  it('contains exactly the bundles, grammar, language configuration and docs, under 2 MB', () => {
    // Staging copy of the repository (sources, manifest, .vscodeignore, docs) with the
    // dependencies linked, so build.mjs and vsce see what `npm run package` would see.
    const stage = join(work, 'stage');
    const excluded = excludedNames();
    cpSync(ROOT, stage, {
      recursive: true,
      filter: (src) => src === ROOT || !(src.startsWith(ROOT) && excluded(src.slice(ROOT.length + 1).split(/[\\/]/)[0])),
    });
    symlinkSync(join(ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');

    run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production'], stage);
    const vsix = join(work, 'x.vsix');
    const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    run(process.execPath, [vsce, 'package', '--no-dependencies', '-o', vsix], stage);

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
