// Installs what the tests need beyond npm: GNU binutils for AArch64 (the ISA oracle) and a real
// arm64 kernel from Debian's archive (words for the differential test), into .oracle-cache/.
// As root it uses apt-get; otherwise it names the packages. Under CI=true a missing oracle fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kernelTreeSetup } from './kernel-tree-setup.mjs';

const CI = process.env.CI === 'true';
const CACHE = '.oracle-cache';
const isRoot = process.getuid?.() === 0;
const has = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
let aptUpdated = false;
const aptUpdate = () => {
  if (!aptUpdated) run('apt-get', ['update', '-qq']);
  aptUpdated = true;
};
const missing = [];

// 1. the cross toolchain: binutils (the ISA oracle) and gcc (assembles our .S fixtures as the kernel does)
const tools = ['aarch64-linux-gnu-objdump', 'aarch64-linux-gnu-as', 'aarch64-linux-gnu-objcopy', 'aarch64-linux-gnu-gcc', 'cpp'];
if (!tools.every(has)) {
  if (isRoot) {
    console.log('test-setup: installing binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu');
    aptUpdate();
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'binutils-aarch64-linux-gnu', 'gcc-aarch64-linux-gnu', 'cpp'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else missing.push('the aarch64 cross toolchain (apt-get install binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu)');
}

// 2. a real arm64 kernel from Debian's archive (never installed): its raw Image (Debian ships
// vmlinuz as the raw Image), its config and its modules, decompressed, for the differential tests
const KDIR = join(CACHE, 'kernel');
const image = join(KDIR, 'Image');
const modulesDone = join(KDIR, 'modules', '.done');
function kernelDeb() {
  const debDir = join(KDIR, 'deb');
  const have = existsSync(debDir) && readdirSync(debDir).find((f) => f.endsWith('.deb'));
  if (have) return join(debDir, have);
  const archs = execFileSync('dpkg', ['--print-foreign-architectures'], { encoding: 'utf8' });
  if (!archs.split('\n').includes('arm64')) run('dpkg', ['--add-architecture', 'arm64']);
  aptUpdated = false;
  aptUpdate();
  const names = execFileSync('apt-cache', ['search', '--names-only', '^linux-image-6\\.12\\.[0-9]+\\+deb12-arm64-unsigned$'], { encoding: 'utf8' })
    .split('\n').map((l) => l.split(' ')[0]).filter(Boolean)
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const pkg = names.pop();
  if (!pkg) throw new Error('no linux-image-6.12.*-arm64-unsigned package in the archive');
  mkdirSync(debDir, { recursive: true });
  console.log(`test-setup: downloading ${pkg}:arm64`);
  spawnSync('chown', ['_apt', debDir], { stdio: 'ignore' });
  run('apt-get', ['download', '-qq', `${pkg}:arm64`], { cwd: debDir });
  return join(debDir, readdirSync(debDir).find((f) => f.endsWith('.deb')));
}
if (!existsSync(image) || !existsSync(modulesDone)) {
  if (isRoot && has('apt-get')) {
    try {
      const deb = kernelDeb();
      const x = join(KDIR, 'x');
      rmSync(x, { recursive: true, force: true });
      run('dpkg-deb', ['-x', deb, x]);
      const boot = join(x, 'boot');
      renameSync(join(boot, readdirSync(boot).find((f) => f.startsWith('vmlinuz-'))), image);
      const cfg = readdirSync(boot).find((f) => f.startsWith('config-'));
      if (cfg) renameSync(join(boot, cfg), join(KDIR, 'config'));
      // modules: every .ko.xz decompressed under modules/, named by its path in the tree
      const mods = join(KDIR, 'modules');
      rmSync(mods, { recursive: true, force: true });
      mkdirSync(mods, { recursive: true });
      const list = execFileSync('find', [join(x, 'lib', 'modules'), '-name', '*.ko.xz'], { encoding: 'utf8', maxBuffer: 1 << 26 }).split('\n').filter(Boolean).sort();
      for (const f of list) {
        const rel = f.replace(/^.*\/lib\/modules\/[^/]+\/kernel\//, '').replace(/\//g, '__').replace(/\.xz$/, '');
        writeFileSync(join(mods, rel), execFileSync('xz', ['-dc', f], { maxBuffer: 1 << 28 }));
      }
      writeFileSync(modulesDone, `${list.length} modules\n`);
      rmSync(x, { recursive: true, force: true });
      console.log(`test-setup: kernel Image, config and ${list.length} modules in ${KDIR}`);
    } catch (e) {
      missing.push(`a Debian arm64 kernel (apt-get download linux-image-6.12.*+deb12-arm64-unsigned:arm64): ${e.message}`);
    }
  } else missing.push(`a Debian arm64 kernel: run this script as root, or put a raw arm64 Image at ${image} and modules in ${join(KDIR, 'modules')}`);
}

// 3. real kernel trees (Debian's linux-source, prepared, a few objects built by kbuild) for test/kernel-tree.test.ts
missing.push(...kernelTreeSetup({ isRoot }));

// 4. real editors for test/editor-*.test.ts: code-server in .editors-cache/, chromium, neovim,
// emacs with eglot (scripts/setup-editors.sh); playwright-core is a devDependency (no browser download)
if (isRoot) {
  const r = spawnSync('bash', ['scripts/setup-editors.sh'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) missing.push(`the real editors: bash scripts/setup-editors.sh failed (exit ${r.status ?? r.signal})`);
} else {
  const r = spawnSync('bash', ['scripts/setup-editors.sh', '--check'], { encoding: 'utf8' });
  if (r.status !== 0) {
    const lines = `${r.stdout ?? ''}`.split('\n').filter((l) => l.startsWith('setup-editors: missing '));
    if (lines.length) missing.push(...lines.map((l) => `editor test tool: ${l.slice('setup-editors: missing '.length)}`));
    else missing.push(`the real editors (bash scripts/setup-editors.sh --check failed: ${r.stderr || r.error})`);
  }
}

if (missing.length) {
  const msg = `test-setup: missing test oracles:\n  - ${missing.join('\n  - ')}`;
  if (CI) {
    console.error(msg + '\n(CI=true: a missing oracle is a failure)');
    process.exit(1);
  }
  console.warn(msg + '\nThe tests that need them will fail with this message.');
}
