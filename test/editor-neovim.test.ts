// Another editor uses the server over stdio: headless Neovim (Debian's 0.7.2) starts
// `node dist/server.js --stdio` with vim.lsp.start_client, attaches a buggy trampoline fixture and
// checks the initialize answer, the didOpen round trip, the ABI checker's diagnostic (as published
// and as vim.diagnostic holds it), a hover (word and text as GNU binutils has them) and the
// shutdown (test/editors/nvim-lsp.lua).
//
// Needs Neovim (apt-get install neovim, or bash scripts/setup-editors.sh) and a build
// (node scripts/build.mjs). Under CI=true a missing nvim fails; elsewhere the test skips.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from './lsp-client';
import { Proc, probeResult, toolsPresent, which } from './editors/tools';
import { requireOracle } from './support/oracle-gate';
import { expectedInstruction, gnuOracleAvailable } from './editors/expected';

const ROOT = repoRoot();
const SERVER = join(ROOT, 'dist', 'server.js');
const SCRIPT = join(ROOT, 'test', 'editors', 'nvim-lsp.lua');
/** A buggy trampoline: `sub sp, sp, #(FREGS_SIZE + 24)` leaves sp misaligned (see its header). */
const FILE = join(ROOT, 'test-fixtures', 'kernel', 'buggy', 'misaligned-sp.S');
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
  published?: { range: { start: { line: number } }; code?: string; severity?: number; message: string }[];
  /** vim.diagnostic.get(bufnr): 0-based lines */
  vim_diagnostics?: { lnum: number; severity: number; message: string }[];
  hover?: string | null;
  exit?: { code: number; signal: number };
  failures: string[];
  timeout?: string;
  error?: string;
}

describe('Neovim uses the server over stdio', { timeout: 60_000 }, () => {
  it('initializes, gets didOpen, shows the ABI diagnostic, hovers an instruction, shuts down cleanly', async (t) => {
    const nvim = which('nvim');
    if (!toolsPresent(t, nvim ? [] : ['nvim (apt-get install neovim)'])) return;
    if (!requireOracle(t, gnuOracleAvailable(), 'GNU binutils for AArch64')) return;
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run node scripts/build.mjs first`);
    const text = readFileSync(FILE, 'utf8');
    const bug = text.split('\n').findIndex((l) => /^\s+sub\s+sp, sp, #\(FREGS_SIZE \+ 24\)/.test(l));
    assert.ok(bug >= 0, 'the fixture has no sub sp, sp, #(FREGS_SIZE + 24)');
    const insn = expectedInstruction(text, /^\s+mov\s+x10, sp\b/);

    // Neovim writes its LSP log and state under XDG dirs: keep them out of $HOME.
    const home = mkdtempSync(join(tmpdir(), 'aarch64-ftrace-nvim-'));
    const env = {
      ...process.env,
      AARCH64_FTRACE_SERVER: SERVER,
      AARCH64_FTRACE_FILE: FILE,
      AARCH64_FTRACE_NODE: process.execPath,
      AARCH64_FTRACE_TIMEOUT_MS: String(WAIT_MS),
      AARCH64_FTRACE_LINE: String(insn.line + 1),
      AARCH64_FTRACE_COLUMN: String(insn.character),
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
      const r = await probeResult<NvimResult>(proc, NVIM_TIMEOUT_MS);
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

      const misaligned = (r.published ?? []).filter((d) => d.code === 'abi/stack-misaligned');
      assert.equal(misaligned.length, 1, `expected one abi/stack-misaligned, got ${JSON.stringify(r.published)}`);
      assert.equal(misaligned[0].range.start.line, bug);
      assert.match(misaligned[0].message, /136 \(not 16-byte aligned\)/);
      const shown = (r.vim_diagnostics ?? []).find((d) => d.message === misaligned[0].message);
      assert.ok(shown, `vim.diagnostic does not hold the diagnostic: ${JSON.stringify(r.vim_diagnostics)}`);
      assert.equal(shown.lnum, bug);
      assert.equal(shown.severity, misaligned[0].severity, 'vim.diagnostic severity (1 = ERROR … 4 = HINT, as LSP)');

      t.diagnostic(`hover: ${JSON.stringify((r.hover ?? '').slice(0, 200))}`);
      assert.ok(r.hover, `no hover at ${insn.line + 1}:${insn.character}`);
      assert.ok(r.hover.includes(`0x${insn.word}`), `the hover does not show GNU's word 0x${insn.word}:\n${r.hover}`);
      assert.ok(r.hover.includes(`\`${insn.text}\``), `the hover does not show GNU's text "${insn.text}":\n${r.hover}`);
      assert.deepEqual(r.exit, { code: 0, signal: 0 }, 'the server did not exit cleanly');
      assert.equal(proc.exit?.code, 0, `nvim exited with ${JSON.stringify(proc.exit)}`);
    } finally {
      await proc.stop();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
