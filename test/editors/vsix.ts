// Packages the extension the way `npm run package` does (production build, then
// `vsce package --no-dependencies`), in a staging copy of the repository so that the production
// build does not overwrite dist/ while other tests run the server from it. Used by
// test/vsix.test.ts (what the .vsix holds) and test/editor-vscode.test.ts (it installs and works).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { repoRoot } from '../lsp-client';

const ROOT = repoRoot();
export const PACKAGE_STEP_TIMEOUT_MS = 120_000;

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
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: PACKAGE_STEP_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.error) throw new Error(`${[cmd, ...args].join(' ')}: ${r.error.message}\n${output}`);
  assert.equal(r.status, 0, `${[cmd, ...args].join(' ')} exited with ${r.status}\n${output}`);
}

/**
 * Builds <work>/stage (sources, manifest, .vscodeignore, docs, dependencies linked: what
 * `npm run package` sees) and packages it to <work>/<name>.vsix. Returns both paths.
 */
export function packageVsix(work: string, name = 'aarch64-ftrace'): { vsix: string; stage: string } {
  const stage = join(work, 'stage');
  const excluded = excludedNames();
  cpSync(ROOT, stage, {
    recursive: true,
    filter: (src) => src === ROOT || !(src.startsWith(ROOT) && excluded(src.slice(ROOT.length + 1).split(/[\\/]/)[0])),
  });
  symlinkSync(join(ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
  run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production'], stage);
  const vsix = join(work, `${name}.vsix`);
  run(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '-o', vsix], stage);
  return { vsix, stage };
}
