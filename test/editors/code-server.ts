// code-server for the VS Code tests (test/editor-vscode*.test.ts): where it and a Chromium are,
// a private run directory (user data, extensions, $HOME), starting it on a free port, installing
// a .vsix, and the workbench URLs that open a folder with a development extension or tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { repoRoot } from '../lsp-client';
import { Proc, isExecutable, sleep, which } from './tools';
export { outputChannelText } from './vscode/logs';

const ROOT = repoRoot();
export const CODE_SERVER = join(ROOT, '.editors-cache', 'code-server', 'node_modules', '.bin', 'code-server');
/** $CHROMIUM (an executable path) or the first Chromium-like browser on PATH. */
export const CHROMIUM = process.env.CHROMIUM
  ? isExecutable(process.env.CHROMIUM)
  : which('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable');
export const EXTENSION_ID = 'aarch64-ftrace.aarch64-ftrace';
const STARTUP_TIMEOUT_MS = 30_000;
const INSTALL_TIMEOUT_MS = 60_000;

/** What the VS Code tests lack, for toolsPresent(). */
export function missingVscodeTools(): string[] {
  const missing: string[] = [];
  if (!existsSync(CODE_SERVER)) missing.push(`code-server (${CODE_SERVER})`);
  if (!CHROMIUM) missing.push(`chromium (apt-get install chromium${process.env.CHROMIUM ? `; $CHROMIUM=${process.env.CHROMIUM} is not executable` : ''})`);
  return missing;
}

/** A run directory: code-server's user data and extensions, and a private $HOME for every child. */
export interface Run {
  readonly dir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Settings for a quiet, offline workbench: no welcome page, trust prompt, telemetry or updates. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
};

export function createRun(prefix: string, settings: Record<string, unknown> = {}): Run {
  const dir = mkdtempSync(join(tmpdir(), `aarch64-ftrace-${prefix}-`));
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  const home = join(dir, 'home');
  // code-server refuses --install-extension into a directory that does not exist
  for (const d of [join(userDataDir, 'User'), extensionsDir, home]) mkdirSync(d, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  // code-server, its extension host, the language server and chromium write config, logs and
  // crash databases under $HOME / XDG dirs: keep them inside the run directory.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    // no marketplace: open-vsx is unreachable and not wanted
    EXTENSIONS_GALLERY: '{}',
  };
  return { dir, userDataDir, extensionsDir, env };
}

function codeServerArgs(run: Run): string[] {
  return [
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', run.userDataDir,
    '--extensions-dir', run.extensionsDir,
    '--config', join(run.dir, 'code-server.yaml'),
  ];
}

export interface CodeServer {
  readonly proc: Proc;
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** host:port, the authority of vscode-remote:// URIs */
  readonly authority: string;
}

/** Starts code-server on a free port (it prints the one it got) and waits for /healthz. */
export async function startCodeServer(run: Run): Promise<CodeServer> {
  let url: string | undefined;
  const proc = new Proc('code-server', CODE_SERVER, ['--bind-addr', '127.0.0.1:0', ...codeServerArgs(run)], {
    cwd: run.dir,
    env: run.env,
    onOutput: (s) => (url ??= /HTTP server listening on (http:\/\/\S+?)\/?\s/.exec(s)?.[1]),
  });
  for (const deadline = Date.now() + STARTUP_TIMEOUT_MS; ; ) {
    if (proc.exit) assert.fail(`code-server exited (${JSON.stringify(proc.exit)}) before listening\n${proc.tail()}`);
    if (url && (await fetch(`${url}/healthz`).then((r) => r.ok, () => false))) break;
    if (Date.now() > deadline) {
      await proc.stop();
      assert.fail(`code-server did not answer /healthz within ${STARTUP_TIMEOUT_MS} ms\n${proc.tail()}`);
    }
    await sleep(100);
  }
  return { proc, url: url!, authority: new URL(url!).host };
}

/** `code-server --install-extension <vsix>` into the run's extensions dir; returns its output. */
export function installExtension(run: Run, vsix: string): string {
  const r = spawnSync(CODE_SERVER, [...codeServerArgs(run), '--install-extension', vsix], {
    cwd: run.dir,
    env: run.env,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.error) assert.fail(`code-server --install-extension: ${r.error.message}\n${output}`);
  assert.equal(r.status, 0, `code-server --install-extension exited with ${r.status}\n${output}`);
  return output;
}

/**
 * The workbench URL opening `folder`. `payload` is how "debug extension in web" passes
 * extensionDevelopmentPath / extensionTestsPath (absolute paths on the code-server machine).
 */
export function workbenchUrl(server: CodeServer, folder: string, payload: Record<string, string> = {}): string {
  const entries = Object.entries(payload).map(([k, path]) => [k, `vscode-remote://${server.authority}${path}`]);
  const query = `folder=${encodeURIComponent(folder)}` + (entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : '');
  return `${server.url}/?${query}`;
}
