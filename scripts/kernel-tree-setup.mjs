// Real arm64 kernel trees for test/kernel-tree.test.ts: Debian's linux-source-6.12 (and 6.1, the
// WITH_REGS era) downloaded from the archive (never installed), extracted, configured with Debian's
// arm64 config and `make prepare`d out of tree, then a few arch/arm64 objects built by kbuild, whose
// exact compile commands (.o.cmd) are recorded for our front end. Everything lives under
// .oracle-cache/kernel-tree/<version>/ (src/, build/, objects.json, timings.json, .done); a step
// already done is skipped. Run by scripts/test-setup.mjs, or alone: node scripts/kernel-tree-setup.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const CACHE = resolve('.oracle-cache/kernel-tree');
const CROSS = 'aarch64-linux-gnu-';
/** Host packages kbuild's `olddefconfig prepare` needs (host programs, kconfig's parser, sign-file). */
const HOST_PACKAGES = ['make', 'gcc', 'libc6-dev', 'bc', 'flex', 'bison', 'libssl-dev', 'xz-utils'];
/** The arm64 assembly objects we compare (those kbuild builds in each configuration; the others are reported). */
const OBJECTS = [
  'arch/arm64/kernel/entry-ftrace.o',
  'arch/arm64/kernel/entry.o',
  'arch/arm64/kernel/head.o',
  'arch/arm64/kernel/entry-fpsimd.o',
  'arch/arm64/kernel/hyp-stub.o',
  'arch/arm64/kernel/sleep.o',
  'arch/arm64/kernel/smccc-call.o',
  'arch/arm64/kernel/cpu-reset.o',
  'arch/arm64/kernel/relocate_kernel.o',
  'arch/arm64/kernel/efi-rt-wrapper.o',
  'arch/arm64/kernel/hibernate-asm.o',
  'arch/arm64/lib/clear_page.o',
  'arch/arm64/lib/clear_user.o',
  'arch/arm64/lib/copy_from_user.o',
  'arch/arm64/lib/copy_to_user.o',
  'arch/arm64/lib/copy_page.o',
  'arch/arm64/lib/memchr.o',
  'arch/arm64/lib/memcmp.o',
  'arch/arm64/lib/memcpy.o',
  'arch/arm64/lib/memset.o',
  'arch/arm64/lib/mte.o',
  'arch/arm64/lib/strchr.o',
  'arch/arm64/lib/strcmp.o',
  'arch/arm64/lib/strlen.o',
  'arch/arm64/lib/strncmp.o',
  'arch/arm64/lib/strnlen.o',
  'arch/arm64/lib/strrchr.o',
  'arch/arm64/lib/tishift.o',
  'arch/arm64/lib/crc32.o',
];

/**
 * The trees: 6.12 is configured with the config of the kernel image test-setup.mjs extracts
 * (.oracle-cache/kernel/config, same Debian build); 6.1 with linux-config-6.1's arm64 config.
 */
const TREES = [
  { version: '6.12', config: { file: '.oracle-cache/kernel/config' } },
  { version: '6.1', config: { pkg: 'linux-config-6.1:arm64', member: 'config.arm64_none_arm64.xz' } },
];

/** The .done marker's content: a change of the recipe or of the objects redoes what depends on it. */
const DONE = JSON.stringify({ recipe: 2, objects: OBJECTS });

const log = (m) => console.log(`kernel-tree-setup: ${m}`);
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], maxBuffer: 1 << 26, ...opts });
const quiet = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...opts });
const has = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
const seconds = (t0) => Math.round((performance.now() - t0) / 100) / 10;

/** Installs the missing host packages (root only). */
function hostPackages() {
  const missing = HOST_PACKAGES.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return;
  log(`installing ${missing.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** `apt-get download PKG[:ARCH]` into dir (once); returns the .deb's path. */
function download(pkg, dir) {
  mkdirSync(dir, { recursive: true });
  const [name, arch] = pkg.split(':');
  const have = () => readdirSync(dir).find((f) => f.startsWith(`${name}_`) && f.endsWith(arch ? `_${arch}.deb` : '.deb'));
  if (!have()) {
    if (arch && !quiet('dpkg', ['--print-foreign-architectures']).split('\n').includes(arch)) {
      run('dpkg', ['--add-architecture', arch]);
      run('apt-get', ['update', '-qq']);
    }
    spawnSync('chown', ['_apt', dir], { stdio: 'ignore' });
    log(`downloading ${pkg}`);
    run('apt-get', ['download', '-qq', pkg], { cwd: dir });
  }
  const deb = have();
  if (!deb) throw new Error(`apt-get download ${pkg} left no .deb in ${dir}`);
  return join(dir, deb);
}

/** kbuild's saved compile command of an object (`savedcmd_…` in 6.12, `cmd_…` in 6.1), split as sh would. */
function savedCommand(cmdFile) {
  const text = readFileSync(cmdFile, 'utf8');
  const m = /^(?:saved)?cmd_\S+ := (.*)$/m.exec(text);
  if (!m) throw new Error(`no command line in ${cmdFile}`);
  return shellWords(m[1]);
}

/** Splits a sh command line into words (quotes and backslashes as sh reads them; no expansions). */
function shellWords(line) {
  const words = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in: ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      i++;
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && /["\\$`]/.test(line[i + 1] ?? '')) i++;
        cur += line[i];
      }
      inWord = true;
    } else if (c === '\\') {
      cur += line[++i] ?? '';
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if (c === ';') break; // kbuild appends further commands after ';'
    else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

function setupTree(tree) {
  const dir = join(CACHE, tree.version);
  const src = join(dir, 'src');
  const build = join(dir, 'build');
  const done = join(dir, '.done');
  if (existsSync(done) && readFileSync(done, 'utf8') === DONE) return;
  const timings = {};
  const kbuild = ['-s', `-j${Math.max(1, cpus().length)}`, '-C', src, `O=${build}`, 'ARCH=arm64', `CROSS_COMPILE=${CROSS}`];

  let t0 = performance.now();
  const deb = download(`linux-source-${tree.version}`, join(dir, 'deb'));
  timings.downloadS = seconds(t0);

  t0 = performance.now();
  if (!existsSync(join(src, '.extracted'))) {
    log(`extracting ${deb}`);
    rmSync(src, { recursive: true, force: true });
    const x = join(dir, 'x');
    rmSync(x, { recursive: true, force: true });
    run('dpkg-deb', ['-x', deb, x]);
    const tarball = join(x, 'usr/src', readdirSync(join(x, 'usr/src')).find((f) => /^linux-source-.*\.tar\.xz$/.test(f)));
    run('tar', ['-xJf', tarball, '-C', dir]);
    rmSync(x, { recursive: true, force: true });
    renameSync(join(dir, `linux-source-${tree.version}`), src);
    writeFileSync(join(src, '.extracted'), '');
  }
  timings.extractS = seconds(t0);

  t0 = performance.now();
  if (!existsSync(join(build, '.prepared'))) {
    rmSync(build, { recursive: true, force: true });
    mkdirSync(build, { recursive: true });
    let config;
    if (tree.config.file) config = readFileSync(tree.config.file);
    else {
      const cdeb = download(tree.config.pkg, join(dir, 'deb'));
      const x = join(dir, 'cx');
      rmSync(x, { recursive: true, force: true });
      run('dpkg-deb', ['-x', cdeb, x]);
      const found = quiet('find', [x, '-name', tree.config.member]).trim().split('\n')[0];
      if (!found) throw new Error(`${tree.config.member} not in ${cdeb}`);
      config = quiet('xz', ['-dc', found], { encoding: 'buffer' });
      rmSync(x, { recursive: true, force: true });
    }
    writeFileSync(join(build, '.config'), config);
    // Debian signs modules with its own key at package build time: no signing key here; BTF
    // needs pahole and libelf (resolve_btfids) and changes no arch/arm64 object
    run(join(src, 'scripts/config'), ['--file', join(build, '.config'), '--disable', 'DEBUG_INFO_BTF', '--disable', 'MODULE_SIG_ALL', '--set-str', 'MODULE_SIG_KEY', '', '--set-str', 'SYSTEM_TRUSTED_KEYS', '', '--set-str', 'SYSTEM_REVOCATION_KEYS', '']);
    log(`make olddefconfig prepare (${tree.version})`);
    run('make', [...kbuild, 'olddefconfig', 'prepare']);
    writeFileSync(join(build, '.prepared'), '');
  }
  timings.prepareS = seconds(t0);

  t0 = performance.now();
  log(`building ${OBJECTS.length} objects (${tree.version})`);
  // -k: an object this configuration cannot build is left out (and listed), the others are built
  spawnSync('make', [...kbuild, '-k', ...OBJECTS], { stdio: ['ignore', 'inherit', 'inherit'] });
  const objects = [];
  const failed = [];
  for (const o of OBJECTS) {
    const cmdFile = join(build, o.replace(/[^/]+$/, (b) => `.${b}.cmd`));
    if (!existsSync(join(build, o)) || !existsSync(cmdFile)) {
      failed.push(o);
      continue;
    }
    const argv = savedCommand(cmdFile);
    objects.push({ object: o, source: argv[argv.length - 1], cwd: build, argv });
  }
  timings.objectsS = seconds(t0);
  writeFileSync(join(dir, 'objects.json'), JSON.stringify({ version: tree.version, deb: deb.split('/').pop(), src, build, objects, failed }, null, 1) + '\n');
  writeFileSync(join(dir, 'timings.json'), JSON.stringify(timings) + '\n');
  log(`${tree.version}: ${objects.length} objects${failed.length ? `, not built: ${failed.join(' ')}` : ''}; ${JSON.stringify(timings)}`);
  writeFileSync(done, DONE);
}

/**
 * Sets up every tree; returns what is missing (empty when all is there). Without root, only
 * reports: the trees need apt-get.
 */
export function kernelTreeSetup({ isRoot = process.getuid?.() === 0 } = {}) {
  const missing = [];
  const pending = TREES.filter((t) => {
    const done = join(CACHE, t.version, '.done');
    return !existsSync(done) || readFileSync(done, 'utf8') !== DONE;
  });
  if (pending.length === 0) return missing;
  if (!isRoot || !has('apt-get')) {
    return pending.map((t) => `a prepared linux-source-${t.version} tree in ${join(CACHE, t.version)} (run 'node scripts/kernel-tree-setup.mjs' as root)`);
  }
  if (!has(`${CROSS}gcc`)) return pending.map((t) => `linux-source-${t.version}: ${CROSS}gcc is needed to prepare the tree`);
  try {
    hostPackages();
  } catch (e) {
    return [`host packages for kbuild (${HOST_PACKAGES.join(' ')}): ${e.message}`];
  }
  for (const t of pending) {
    try {
      setupTree(t);
    } catch (e) {
      missing.push(`a prepared linux-source-${t.version} tree: ${e.message}`);
    }
  }
  return missing;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const missing = kernelTreeSetup();
  for (const m of missing) console.error(`kernel-tree-setup: missing ${m}`);
  process.exitCode = missing.length ? 1 : 0;
}
