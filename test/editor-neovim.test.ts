// Another editor uses the server over stdio: headless Neovim (Debian's 0.7.2) starts
// `node dist/server.js --stdio` with vim.lsp.start_client, attaches a .S buffer and checks the
// initialize answer, the didOpen round trip and the shutdown (test/editors/nvim-lsp.lua).
//
// Needs Neovim (apt-get install neovim, or bash scripts/setup-editors.sh) and a build
// (node scripts/build.mjs). Under CI=true a missing nvim fails; elsewhere the test skips.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from './lsp-client';
import { Proc, sleep, toolsPresent, which } from './editors/tools';

const ROOT = repoRoot();
const SERVER = join(ROOT, 'dist', 'server.js');
const SCRIPT = join(ROOT, 'test', 'editors', 'nvim-lsp.lua');
const FILE = join(ROOT, 'test', 'editors', 'workspace', 'arch', 'arm64', 'kernel', 'entry-ftrace.S');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** Each wait inside Neovim. */
const WAIT_MS = 10_000;
/** The whole nvim process. */
const NVIM_TIMEOUT_MS = 45_000;

interface NvimResult {
  nvim: string;
  uri: string;
  serverInfo?: { name: string; version?: string };
  capabilities?: { textDocumentSync?: { openClose?: boolean; change?: number } };
  logs: string[];
  exit?: { code: number; signal: number };
  failures: string[];
  timeout?: string;
  error?: string;
}

describe('Neovim uses the server over stdio', { timeout: 60_000 }, () => {
  it('initializes, reports capabilities and serverInfo, gets didOpen, shuts down cleanly', async (t) => {
    const nvim = which('nvim');
    if (!toolsPresent(t, nvim ? [] : ['nvim (apt-get install neovim)'])) return;
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run node scripts/build.mjs first`);

    // Neovim writes its LSP log and state under XDG dirs: keep them out of $HOME.
    const home = mkdtempSync(join(tmpdir(), 'aarch64-ftrace-nvim-'));
    const env = {
      ...process.env,
      AARCH64_FTRACE_SERVER: SERVER,
      AARCH64_FTRACE_FILE: FILE,
      AARCH64_FTRACE_NODE: process.execPath,
      AARCH64_FTRACE_TIMEOUT_MS: String(WAIT_MS),
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_DATA_HOME: join(home, 'data'),
      XDG_STATE_HOME: join(home, 'state'),
      XDG_CACHE_HOME: join(home, 'cache'),
    };
    const t0 = Date.now();
    const proc = new Proc('nvim', nvim!, ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
      cwd: ROOT,
      env,
    });
    try {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        proc.exited.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), NVIM_TIMEOUT_MS))),
      ]);
      clearTimeout(timer);
      assert.ok(!timedOut, `nvim did not exit within ${NVIM_TIMEOUT_MS} ms; output:\n${proc.tail()}`);
      await sleep(50); // the last stdout chunk may land after 'exit'
      const line = proc.output.split('\n').find((l) => l.startsWith('RESULT '));
      assert.ok(line, `nvim printed no RESULT line (exit ${JSON.stringify(proc.exit)}); output:\n${proc.tail()}`);
      const r = JSON.parse(line.slice('RESULT '.length)) as NvimResult;
      t.diagnostic(`Neovim ${r.nvim}: exit ${JSON.stringify(proc.exit)} after ${Date.now() - t0} ms`);
      for (const l of r.logs) t.diagnostic(`server log: ${l}`);

      assert.equal(r.error, undefined, `Lua error: ${r.error}`);
      assert.equal(r.timeout, undefined, `timed out after ${WAIT_MS} ms waiting for ${r.timeout}; server logs:\n${r.logs.join('\n')}\noutput:\n${proc.tail()}`);
      assert.deepEqual(r.failures, [], `checks failed in Neovim: ${r.failures.join('; ')}; server exit ${JSON.stringify(r.exit)}; output:\n${proc.tail()}`);
      assert.deepEqual(r.serverInfo, { name: 'aarch64-ftrace', version: VERSION });
      assert.deepEqual(r.capabilities?.textDocumentSync, { openClose: true, change: 2 });
      const starting = r.logs.find((l) => l.includes(' starting ('));
      assert.match(starting ?? '', new RegExp(`^aarch64-ftrace ${VERSION.replace(/\./g, '\\.')} starting \\(.*, stdio, Neovim`));
      assert.ok(r.logs.some((l) => l.startsWith(`opened ${r.uri} (`)), `no "opened ${r.uri}" in the server log`);
      assert.ok(r.logs.includes('shutdown requested'), 'the server never logged the shutdown request');
      assert.deepEqual(r.exit, { code: 0, signal: 0 }, 'the server did not exit cleanly');
      assert.equal(proc.exit?.code, 0, `nvim exited with ${JSON.stringify(proc.exit)}`);
    } finally {
      await proc.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
