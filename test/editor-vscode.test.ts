// The extension in a REAL VS Code: code-server 4.100.3 (VS Code 1.100.3) runs our extension in
// its Node extension host, headless chromium loads the workbench (code-server starts the
// extension host for a connected window), and the in-host suite test/editors/vscode/suite.ts
// checks where the extension was loaded from, language id, activation, the client's running
// state, the server's answer, a hover (against GNU binutils), its log lines and the restart
// command. Twice:
//   1. from the repository (extensionDevelopmentPath, the build in dist/);
//   2. installed from the .vsix that `npm run package` makes, with `code-server --install-extension`
//      (no development path: the installed copy activates as it would for a user).
// The suite reports through result.json, so these tests need no browser automation library.
//
// Needs `bash scripts/setup-editors.sh` (code-server in .editors-cache/, Debian chromium) and a
// build (node scripts/build.mjs). Under CI=true a missing editor fails; elsewhere it skips.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from './lsp-client';
import { Proc, sleep, toolsPresent } from './editors/tools';
import { requireOracle } from './support/oracle-gate';
import { CHROMIUM, EXTENSION_ID, type Run, createRun, installExtension, missingVscodeTools, startCodeServer, workbenchUrl, type CodeServer } from './editors/code-server';
import { packageVsix } from './editors/vsix';
import { expectedInstruction, gnuOracleAvailable } from './editors/expected';
import type { SuiteConfig, SuiteResult } from './editors/vscode/suite';

const ROOT = repoRoot();
/** From loading the workbench to result.json: extension host start, then the suite's steps. */
const SUITE_TIMEOUT_MS = 75_000;
const STEP_TIMEOUT_MS = 15_000;
const SUITE_STEPS = 8;
const ENTRY = join(ROOT, 'test', 'editors', 'workspace', 'arch', 'arm64', 'kernel', 'entry-ftrace.S');

/** Bundles the in-host suite (TypeScript) to <dir>/index.js with the project's esbuild. */
function bundleSuite(dir: string): string {
  // createRequire: resolved at run time from the repository, not bundled into this test.
  const esbuild = createRequire(join(ROOT, 'package.json'))('esbuild') as typeof import('esbuild');
  const outfile = join(dir, 'index.js');
  esbuild.buildSync({
    entryPoints: [join(ROOT, 'test', 'editors', 'vscode', 'suite.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return outfile;
}

/** Chromium's console lines (with --enable-logging=stderr) and errors, for failure messages. */
function browserLog(p: Proc): string {
  return p.output
    .split('\n')
    .filter((l) => /CONSOLE|ERROR|FATAL/.test(l) && !/dbus|gcm|Fontconfig|sandbox|GPU|gpu/i.test(l))
    .slice(-40)
    .join('\n');
}

/**
 * The workbench runs extensionTestsPath only for a development window. To test an installed
 * extension as it is, the development extension is this empty one (another id), and ours loads
 * from the extensions dir like any installed extension.
 */
function carrierExtension(dir: string): string {
  const path = join(dir, 'test-carrier');
  mkdirSync(path, { recursive: true });
  const manifest = { name: 'editor-test-carrier', publisher: 'aarch64-ftrace-tests', version: '0.0.0', engines: { vscode: '^1.82.0' } };
  writeFileSync(join(path, 'package.json'), JSON.stringify(manifest));
  return path;
}

/**
 * Starts code-server for `run`, opens the workbench with the suite as extensionTestsPath (and
 * `developmentPath` as extensionDevelopmentPath) and checks the suite's result.
 */
async function runSuite(t: TestContext, run: Run, extensionPath: string, developmentPath?: string): Promise<void> {
  const workspace = join(run.dir, 'workspace');
  const suiteDir = join(run.dir, 'suite');
  mkdirSync(suiteDir, { recursive: true });
  cpSync(join(ROOT, 'test', 'editors', 'workspace'), workspace, { recursive: true });
  const suite = bundleSuite(suiteDir);
  const { line, character, word, text } = expectedInstruction(readFileSync(ENTRY, 'utf8'), /^\s+mov\s+x0, x30/);
  const hover = { line, character, word, text };
  const config: SuiteConfig = { userDataDir: run.userDataDir, stepTimeoutMs: STEP_TIMEOUT_MS, extensionPath, hover };
  writeFileSync(join(suiteDir, 'config.json'), JSON.stringify(config));
  const resultFile = join(suiteDir, 'result.json');

  const t0 = Date.now();
  let server: CodeServer | undefined;
  let browser: Proc | undefined;
  let passed = false;
  const context = () =>
    [
      `run directory (kept): ${run.dir}`,
      `--- code-server output (tail) ---\n${server?.proc.tail() ?? ''}`,
      `--- browser console (tail) ---\n${browser ? browserLog(browser) : ''}`,
    ].join('\n');
  try {
    server = await startCodeServer(run);
    t.diagnostic(`code-server ready at ${server.url} after ${Date.now() - t0} ms`);
    const payload = { extensionTestsPath: suite, extensionDevelopmentPath: developmentPath ?? carrierExtension(run.dir) };
    browser = new Proc(CHROMIUM!, CHROMIUM!, [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(run.dir, 'chromium')}`,
      '--enable-logging=stderr',
      '--v=0',
      workbenchUrl(server, workspace, payload),
    ], { env: run.env });

    const suiteStart = Date.now();
    for (;;) {
      if (existsSync(resultFile)) break;
      if (server.proc.exit) assert.fail(`code-server exited (${JSON.stringify(server.proc.exit)}) during the suite\n${context()}`);
      if (browser.exit) assert.fail(`chromium exited (${JSON.stringify(browser.exit)}) during the suite\n${context()}`);
      if (Date.now() - suiteStart > SUITE_TIMEOUT_MS) {
        assert.fail(`the in-host suite wrote no result within ${SUITE_TIMEOUT_MS} ms\n${context()}`);
      }
      await sleep(200);
    }
    await sleep(100); // writeFileSync of a small file; let it land completely
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as SuiteResult;
    t.diagnostic(`VS Code ${result.vscodeVersion}: suite took ${result.ms} ms, ${Date.now() - t0} ms in all`);
    for (const s of result.steps) {
      const detail = s.detail === undefined ? '' : `: ${JSON.stringify(s.detail).slice(0, 400)}`;
      t.diagnostic(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.ms} ms)${detail}`);
    }
    const failure = result.steps.find((s) => !s.ok);
    assert.ok(result.ok && !failure, `in-host step failed: ${failure?.name}\n${failure?.error}\n${context()}`);
    assert.equal(result.steps.length, SUITE_STEPS, `expected ${SUITE_STEPS} steps, got ${result.steps.map((s) => s.name).join('; ')}`);
    passed = true;
  } finally {
    await Promise.all([browser?.stop(), server?.proc.stop()]);
    if (passed) rmSync(run.dir, { recursive: true, force: true });
  }
}

describe('VS Code (code-server) runs the extension and its language client', { timeout: 300_000 }, () => {
  it('from the repository: opens .S as aarch64-asm, activates, starts the client, and the server answers', { timeout: 150_000 }, async (t) => {
    if (!toolsPresent(t, missingVscodeTools()) || !requireOracle(t, gnuOracleAvailable(), 'GNU binutils for AArch64')) return;
    for (const f of ['dist/client.js', 'dist/server.js']) {
      assert.ok(existsSync(join(ROOT, f)), `${f} is missing: run node scripts/build.mjs first`);
    }
    await runSuite(t, createRun('vscode'), ROOT, ROOT);
  });

  it('installed from the .vsix of `npm run package`: the installed copy activates and its server answers', { timeout: 150_000 }, async (t) => {
    if (!toolsPresent(t, missingVscodeTools()) || !requireOracle(t, gnuOracleAvailable(), 'GNU binutils for AArch64')) return;
    const run = createRun('vscode-vsix');
    const t0 = Date.now();
    const { vsix } = packageVsix(join(run.dir, 'package'));
    const packaged = Date.now();
    const output = installExtension(run, vsix);
    t.diagnostic(`packaged in ${packaged - t0} ms, installed in ${Date.now() - packaged} ms: ${output.split('\n').pop()}`);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const installed = join(run.extensionsDir, `${EXTENSION_ID}-${version}`);
    const listed = readdirSync(run.extensionsDir);
    assert.ok(existsSync(join(installed, 'package.json')), `no ${installed} after --install-extension; extensions dir holds ${listed.join(', ')}`);
    assert.ok(existsSync(join(installed, 'dist', 'server.js')), 'the installed extension has no dist/server.js');
    await runSuite(t, run, installed);
  });
});
