// The extension in a REAL VS Code: code-server 4.100.3 (VS Code 1.100.3) runs our extension from
// the repository (extensionDevelopmentPath) in its Node extension host, headless chromium loads
// the workbench (code-server starts the extension host for a connected window), and the in-host
// suite test/editors/vscode/suite.ts checks language id, activation, the client's running state,
// the server's answer and its log lines. The suite reports through result.json, so this test
// needs no browser automation library.
//
// Needs `bash scripts/setup-editors.sh` (code-server in .editors-cache/, Debian chromium) and a
// build (node scripts/build.mjs). Under CI=true a missing editor fails; elsewhere it skips.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from './lsp-client';
import { Proc, isExecutable, sleep, toolsPresent, which } from './editors/tools';
import type { SuiteConfig, SuiteResult } from './editors/vscode/suite';

const ROOT = repoRoot();
const CODE_SERVER = join(ROOT, '.editors-cache', 'code-server', 'node_modules', '.bin', 'code-server');
/** $CHROMIUM (an executable path) or the first Chromium-like browser on PATH. */
const CHROMIUM = process.env.CHROMIUM ? isExecutable(process.env.CHROMIUM) : which('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable');
const STARTUP_TIMEOUT_MS = 30_000;
/** From loading the workbench to result.json: extension host start, then the suite's steps. */
const SUITE_TIMEOUT_MS = 75_000;
const STEP_TIMEOUT_MS = 15_000;

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

describe('VS Code (code-server) runs the extension and its language client', { timeout: 150_000 }, () => {
  it('opens .S as aarch64-asm, activates, starts the client, and the server answers', async (t) => {
    const missing: string[] = [];
    if (!existsSync(CODE_SERVER)) missing.push(`code-server (${CODE_SERVER})`);
    if (!CHROMIUM) missing.push(`chromium (apt-get install chromium${process.env.CHROMIUM ? `; $CHROMIUM=${process.env.CHROMIUM} is not executable` : ''})`);
    if (!toolsPresent(t, missing)) return;
    for (const f of ['dist/client.js', 'dist/server.js']) {
      assert.ok(existsSync(join(ROOT, f)), `${f} is missing: run node scripts/build.mjs first`);
    }

    const dir = mkdtempSync(join(tmpdir(), 'aarch64-ftrace-vscode-'));
    const userDataDir = join(dir, 'user-data');
    const extensionsDir = join(dir, 'extensions');
    const workspace = join(dir, 'workspace');
    const suiteDir = join(dir, 'suite');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    mkdirSync(extensionsDir, { recursive: true });
    mkdirSync(suiteDir, { recursive: true });
    cpSync(join(ROOT, 'test', 'editors', 'workspace'), workspace, { recursive: true });
    writeFileSync(
      join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
      }),
    );
    const suite = bundleSuite(suiteDir);
    const config: SuiteConfig = { userDataDir, stepTimeoutMs: STEP_TIMEOUT_MS };
    writeFileSync(join(suiteDir, 'config.json'), JSON.stringify(config));
    const resultFile = join(suiteDir, 'result.json');
    // code-server, its extension host, the language server and chromium all write config, logs and
    // crash databases under $HOME / XDG dirs: give them a private home inside the run directory.
    const home = join(dir, 'home');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_STATE_HOME: join(home, '.local', 'state'),
      XDG_CACHE_HOME: join(home, '.cache'),
    };
    mkdirSync(home);

    const t0 = Date.now();
    let codeServer: Proc | undefined;
    let browser: Proc | undefined;
    let passed = false;
    const context = () =>
      [
        `run directory (kept): ${dir}`,
        `--- code-server output (tail) ---\n${codeServer?.tail() ?? ''}`,
        `--- browser console (tail) ---\n${browser ? browserLog(browser) : ''}`,
      ].join('\n');
    try {
      // Port 0: code-server picks a free port and prints it, so parallel runs cannot collide.
      let url: string | undefined;
      codeServer = new Proc(
        'code-server',
        CODE_SERVER,
        [
          '--bind-addr', '127.0.0.1:0',
          '--auth', 'none',
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-workspace-trust',
          '--disable-getting-started-override',
          '--user-data-dir', userDataDir,
          '--extensions-dir', extensionsDir,
          '--config', join(dir, 'code-server.yaml'),
        ],
        {
          cwd: dir,
          // EXTENSIONS_GALLERY={}: no marketplace (open-vsx is unreachable and not wanted).
          env: { ...env, EXTENSIONS_GALLERY: '{}' },
          onOutput: (s) => (url ??= /HTTP server listening on (http:\/\/\S+?)\/?\s/.exec(s)?.[1]),
        },
      );
      for (const deadline = Date.now() + STARTUP_TIMEOUT_MS; ; ) {
        if (codeServer.exit) assert.fail(`code-server exited (${JSON.stringify(codeServer.exit)}) before listening\n${context()}`);
        if (url) {
          const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
          if (ok) break;
        }
        if (Date.now() > deadline) assert.fail(`code-server did not answer /healthz within ${STARTUP_TIMEOUT_MS} ms\n${context()}`);
        await sleep(100);
      }
      const authority = new URL(url!).host;
      t.diagnostic(`code-server ready at ${url} after ${Date.now() - t0} ms`);

      // The workbench's `payload` parameter is how "debug extension in web" passes the dev extension and tests.
      const payload = [
        ['extensionDevelopmentPath', `vscode-remote://${authority}${ROOT}`],
        ['extensionTestsPath', `vscode-remote://${authority}${suite}`],
      ];
      const page = `${url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
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
        `--user-data-dir=${join(dir, 'chromium')}`,
        '--enable-logging=stderr',
        '--v=0',
        page,
      ], { env });

      const suiteStart = Date.now();
      for (;;) {
        if (existsSync(resultFile)) break;
        if (codeServer.exit) assert.fail(`code-server exited (${JSON.stringify(codeServer.exit)}) during the suite\n${context()}`);
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
      assert.equal(result.steps.length, 7, `expected 7 steps, got ${result.steps.map((s) => s.name).join('; ')}`);
      passed = true;
    } finally {
      await Promise.all([browser?.stop(), codeServer?.stop()]);
      if (passed) rmSync(dir, { recursive: true, force: true });
    }
  });
});
