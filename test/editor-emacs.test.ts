// Emacs uses the server over stdio: headless Emacs (`emacs --batch`) with eglot, as Debian 12
// ships them (Emacs 28.2 + elpa-eglot 1.9; Emacs >= 29 has eglot built in), starts
// `node dist/server.js --stdio` (test/editors/eglot-probe.el) and
//   1. in asm-mode on a buggy trampoline fixture: gets the ABI checker's diagnostic, sees it as a
//      Flymake error on the right line, and hovers an instruction: its word and text as GNU
//      binutils has them;
//   2. in c-mode on the C checker's bool-as-enum fixture: gets its warnings through Flymake and
//      applies the quick fix with eglot-code-actions: the line then reads AARCH64_INSN_BRANCH_LINK.
//
// Needs emacs-nox and elpa-eglot (bash scripts/setup-editors.sh) and a build (node
// scripts/build.mjs). Under CI=true a missing Emacs fails; elsewhere the test skips.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from './lsp-client';
import { Proc, probeResult, toolsPresent, which } from './editors/tools';
import { requireOracle } from './support/oracle-gate';
import { expectedInstruction, gnuOracleAvailable } from './editors/expected';

const ROOT = repoRoot();
const SERVER = join(ROOT, 'dist', 'server.js');
const PROBE = join(ROOT, 'test', 'editors', 'eglot-probe.el');
const FIXTURES = join(ROOT, 'test-fixtures');
/** Each wait inside Emacs. */
const WAIT_MS = 10_000;
/** The whole Emacs process. */
const EMACS_TIMEOUT_MS = 45_000;

interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string;
  source?: string;
  message: string;
}

interface EglotResult {
  emacs: string;
  eglot: string;
  mode: string;
  uri: string;
  serverInfo?: string;
  languageId?: string;
  /** publishDiagnostics for the file, as eglot received it */
  published?: LspDiagnostic[];
  /** the buffer's Flymake diagnostics (1-based lines) */
  flymake?: { line: number; type: string; text: string }[];
  hover?: string | null;
  fixedLine?: string;
  modified?: boolean;
  logs?: string[];
  /** a library the probe could not load (eglot on an Emacs < 29 without elpa-eglot) */
  missing?: string;
  timeout?: string;
  error?: string;
}

interface ProbeOptions {
  file: string;
  /** 0-based line and column of the hover */
  hover: { line: number; character: number };
  /** 0-based line and column of a quick fix to run */
  fix?: { line: number; character: number };
}

/** Runs the probe; undefined when the test was skipped because eglot is missing. */
async function runProbe(t: TestContext, emacs: string, home: string, o: ProbeOptions): Promise<EglotResult | undefined> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home, // -Q reads no init file; keep auto-saves and eln-cache out of the real $HOME too
    AARCH64_FTRACE_SERVER: SERVER,
    AARCH64_FTRACE_NODE: process.execPath,
    AARCH64_FTRACE_FILE: o.file,
    AARCH64_FTRACE_LINE: String(o.hover.line + 1),
    AARCH64_FTRACE_COLUMN: String(o.hover.character),
    AARCH64_FTRACE_TIMEOUT_MS: String(WAIT_MS),
  };
  if (o.fix) {
    env.AARCH64_FTRACE_FIX_LINE = String(o.fix.line + 1);
    env.AARCH64_FTRACE_FIX_COLUMN = String(o.fix.character);
  }
  const t0 = Date.now();
  const proc = new Proc('emacs', emacs, ['--batch', '-Q', '-l', PROBE], { cwd: home, env });
  try {
    const r = await probeResult<EglotResult>(proc, EMACS_TIMEOUT_MS);
    if (r.missing && !toolsPresent(t, [`${r.missing} for Emacs ${r.emacs} (apt-get install elpa-eglot)`])) return undefined;
    t.diagnostic(`Emacs ${r.emacs}, eglot ${r.eglot}, ${r.mode} (languageId ${r.languageId}): exit ${JSON.stringify(proc.exit)} after ${Date.now() - t0} ms`);
    assert.equal(r.error, undefined, `Lisp error: ${r.error}\noutput:\n${proc.tail()}`);
    assert.equal(r.timeout, undefined, `timed out after ${WAIT_MS} ms waiting for ${r.timeout}; output:\n${proc.tail()}`);
    assert.equal(proc.exit?.code, 0, `emacs exited with ${JSON.stringify(proc.exit)}; output:\n${proc.tail()}`);
    assert.equal(r.serverInfo, 'aarch64-ftrace');
    const logs = r.logs ?? [];
    assert.ok(logs.some((l) => / starting \(.*, stdio, /.test(l)), `no "starting (…, stdio, …)" in the server log: ${JSON.stringify(logs)}`);
    assert.ok(logs.some((l) => l.startsWith(`opened ${r.uri} (`)), `no "opened ${r.uri}" in the server log: ${JSON.stringify(logs)}`);
    assert.ok(logs.includes('shutdown requested'), `eglot-shutdown did not reach the server: ${JSON.stringify(logs)}`);
    return r;
  } finally {
    await proc.stop();
  }
}

describe('Emacs eglot uses the server over stdio', { timeout: 120_000 }, () => {
  const emacs = which('emacs');

  it('asm-mode: the ABI diagnostic reaches Flymake, and a hover shows the word and GNU text', async (t) => {
    if (!toolsPresent(t, emacs ? [] : ['emacs (apt-get install emacs-nox elpa-eglot)'])) return;
    if (!requireOracle(t, gnuOracleAvailable(), 'GNU binutils for AArch64')) return;
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run node scripts/build.mjs first`);
    const home = mkdtempSync(join(tmpdir(), 'aarch64-ftrace-emacs-'));
    try {
      // sub sp, sp, #(FREGS_SIZE + 24) leaves sp misaligned (see the fixture's header)
      const file = join(FIXTURES, 'kernel', 'buggy', 'misaligned-sp.S');
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      const bug = lines.findIndex((l) => /^\s+sub\s+sp, sp, #\(FREGS_SIZE \+ 24\)/.test(l));
      assert.ok(bug >= 0, 'the fixture has no sub sp, sp, #(FREGS_SIZE + 24)');
      const insn = expectedInstruction(text, /^\s+mov\s+x10, sp\b/);
      const r = await runProbe(t, emacs!, home, { file, hover: insn });
      if (!r) return;

      assert.equal(r.mode, 'asm-mode');
      const misaligned = (r.published ?? []).filter((d) => d.code === 'abi/stack-misaligned');
      assert.equal(misaligned.length, 1, `expected one abi/stack-misaligned, got ${JSON.stringify(r.published)}`);
      assert.equal(misaligned[0].range.start.line, bug);
      assert.match(misaligned[0].message, /136 \(not 16-byte aligned\)/);
      const shown = (r.flymake ?? []).find((d) => d.text.includes('[abi/stack-misaligned]'));
      assert.ok(shown, `Flymake shows no abi/stack-misaligned: ${JSON.stringify(r.flymake)}`);
      assert.equal(shown.line, bug + 1, 'Flymake puts the diagnostic on another line');
      assert.equal(shown.type, misaligned[0].severity === 1 ? 'eglot-error' : 'eglot-warning');

      t.diagnostic(`hover: ${JSON.stringify((r.hover ?? '').slice(0, 200))}`);
      assert.ok(r.hover, `no hover at ${insn.line + 1}:${insn.character}`);
      assert.ok(r.hover.includes(`0x${insn.word}`), `the hover does not show GNU's word 0x${insn.word}:\n${r.hover}`);
      assert.ok(r.hover.includes(`\`${insn.text}\``), `the hover does not show GNU's text "${insn.text}":\n${r.hover}`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('c-mode: the C checker warns through Flymake, and eglot-code-actions applies the quick fix', async (t) => {
    if (!toolsPresent(t, emacs ? [] : ['emacs (apt-get install emacs-nox elpa-eglot)'])) return;
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run node scripts/build.mjs first`);
    const home = mkdtempSync(join(tmpdir(), 'aarch64-ftrace-emacs-'));
    try {
      // a copy: the probe never saves, but the fixture must stay untouched whatever happens
      const file = join(home, 'bool-as-enum.c');
      copyFileSync(join(FIXTURES, 'c', 'bool-as-enum.c'), file);
      const lines = readFileSync(file, 'utf8').split('\n');
      const fixedLines = readFileSync(join(FIXTURES, 'c', 'bool-as-enum.fixed.c'), 'utf8').split('\n');
      const flagged = lines.flatMap((l, i) => (/\/\/ expect: insn\/bool-as-enum/.test(l) ? [i + 1] : []));
      const fix = lines.findIndex((l) => /aarch64_insn_gen_branch_imm\(pc, old_addr, true\)/.test(l));
      assert.ok(fix >= 0);
      const r = await runProbe(t, emacs!, home, { file, hover: { line: fix, character: 1 }, fix: { line: fix, character: lines[fix].indexOf('true') } });
      if (!r) return;

      assert.equal(r.mode, 'c-mode');
      assert.equal(r.languageId, 'c');
      const fromServer = (r.published ?? []).filter((d) => d.code === 'insn/bool-as-enum').map((d) => d.range.start.line + 1);
      assert.deepEqual(fromServer.sort((a, b) => a - b), flagged, 'publishDiagnostics lines');
      const inFlymake = (r.flymake ?? []).filter((d) => d.text.includes('[insn/bool-as-enum]'));
      assert.deepEqual(inFlymake.map((d) => d.line).sort((a, b) => a - b), flagged, 'Flymake lines');
      assert.ok(inFlymake.every((d) => d.type === 'eglot-warning'), JSON.stringify(inFlymake));
      assert.ok(inFlymake.some((d) => d.line === fix + 1 && d.text.includes('AARCH64_INSN_BRANCH_LINK')), JSON.stringify(inFlymake));

      assert.equal(r.fixedLine, fixedLines[fix], 'the line after the quick fix');
      assert.equal(r.modified, true, 'the buffer is not modified after the quick fix');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
