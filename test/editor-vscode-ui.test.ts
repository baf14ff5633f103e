// The extension in VS Code's UI, driven as a user drives it: code-server 4.100.3 (VS Code
// 1.100.3) with our extension from the repository (extensionDevelopmentPath, the build in dist/),
// Debian's chromium headless under playwright-core. One code-server and one browser for all steps:
//   1. Quick Open test-fixtures/entry-ftrace.S at an instruction, hover its mnemonic: the hover
//      widget shows the instruction's word and text as GNU binutils has them;
//   2. the editor renders the inlay hint (address and word) at the end of that line;
//   3. Quick Open test-fixtures/c/bool-as-enum.c at the `true` the C checker flags: a squiggle,
//      and the status bar counts the fixture's flagged lines; Ctrl+. and pick the quick fix: the
//      line reads AARCH64_INSN_BRANCH_LINK, the count drops by one, and after Ctrl+S the file on
//      disk differs from the fixture by exactly that line of bool-as-enum.fixed.c.
// Screenshots (after 1–2, after 3, and on a failure) go to out/artifacts/editor-vscode-ui/.
//
// Needs `bash scripts/setup-editors.sh` (code-server, Debian chromium), playwright-core (a
// devDependency; no browser download) and a build. Under CI=true a missing tool fails; elsewhere
// the test skips.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from './lsp-client';
import { sleep, toolsPresent } from './editors/tools';
import { requireOracle } from './support/oracle-gate';
import { CHROMIUM, type CodeServer, createRun, missingVscodeTools, outputChannelText, startCodeServer, workbenchUrl } from './editors/code-server';
import { expectedInstruction, gnuOracleAvailable } from './editors/expected';
import { OUTPUT_CHANNEL } from './editors/vscode/logs';
import { UI_TIMEOUT_MS, Workbench, launchChromium, loadPlaywright } from './editors/workbench';
import type { Browser } from 'playwright-core';

const ROOT = repoRoot();
const FIXTURES = join(ROOT, 'test-fixtures');
const ARTIFACTS = join(ROOT, 'out', 'artifacts', 'editor-vscode-ui');
/** Loading the workbench, its explorer and the extension host. */
const WORKBENCH_TIMEOUT_MS = 60_000;
/** From the first hover attempt to our hover: activation, server start, first analysis. */
const SERVER_READY_MS = 45_000;
/** How long a saved file may take to reach the disk through code-server. */
const SAVE_TIMEOUT_MS = 10_000;

const ASM = 'entry-ftrace.S';
const C = 'bool-as-enum.c';

const tail = (s: string, lines = 30) => s.trimEnd().split('\n').slice(-lines).join('\n');

describe('VS Code UI (code-server + Playwright + chromium)', { timeout: 240_000 }, () => {
  it('hover, inlay hints and a quick fix, through the workbench UI', async (t) => {
    const missing = missingVscodeTools();
    if (!loadPlaywright()) missing.push('playwright-core (npm install; PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 is enough)');
    if (!toolsPresent(t, missing) || !requireOracle(t, gnuOracleAvailable(), 'GNU binutils for AArch64')) return;
    for (const f of ['dist/client.js', 'dist/server.js']) {
      assert.ok(existsSync(join(ROOT, f)), `${f} is missing: run node scripts/build.mjs first`);
    }

    const asmText = readFileSync(join(FIXTURES, ASM), 'utf8');
    const cText = readFileSync(join(FIXTURES, 'c', C), 'utf8');
    const cFixed = readFileSync(join(FIXTURES, 'c', C.replace(/\.c$/, '.fixed.c')), 'utf8');
    // an instruction with literal operands, so GNU as alone gives its word
    const insn = expectedInstruction(asmText, /^\s+mov\s+x10, sp\b/);

    const run = createRun('vscode-ui', {
      'editor.hover.delay': 150,
      'editor.inlayHints.enabled': 'on',
      'editor.minimap.enabled': false,
      'files.autoSave': 'off',
      'workbench.editor.enablePreview': false,
    });
    const workspace = join(run.dir, 'workspace');
    mkdirSync(workspace);
    copyFileSync(join(FIXTURES, ASM), join(workspace, ASM));
    copyFileSync(join(FIXTURES, 'c', C), join(workspace, C));
    mkdirSync(ARTIFACTS, { recursive: true });
    rmSync(join(ARTIFACTS, 'failure.png'), { force: true });

    const t0 = Date.now();
    const lap = (what: string) => t.diagnostic(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}`);
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    let wb: Workbench | undefined;
    let passed = false;
    const context = () =>
      [
        `run directory (kept): ${run.dir}`,
        `--- code-server output (tail) ---\n${server ? server.proc.tail(25) : ''}`,
        `--- ${OUTPUT_CHANNEL} output channel (tail) ---\n${tail(outputChannelText(run.userDataDir))}`,
        `--- browser console (warnings, errors) ---\n${wb?.consoleTail() ?? ''}`,
      ].join('\n');
    /** Runs one step, naming it in its error. */
    const step = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
      try {
        const r = await body();
        lap(name);
        return r;
      } catch (err) {
        throw new Error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    };

    try {
      server = await startCodeServer(run);
      lap(`code-server at ${server.url}`);
      browser = await launchChromium(CHROMIUM!, run.env);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      wb = new Workbench(page);
      const w = wb;
      await step(`workbench loaded (chromium ${browser.version()})`, () =>
        w.open(workbenchUrl(server!, workspace, { extensionDevelopmentPath: ROOT }), WORKBENCH_TIMEOUT_MS),
      );

      // 1. hover: the word and GNU's text for the instruction under the mouse
      await step(`opened ${ASM} at line ${insn.line + 1}`, () => w.openFileAt(ASM, insn.line + 1, insn.character + 1));
      const lineText = new RegExp(insn.source.replace(/\s+/g, '\\s+'));
      const hoverText = await step('hover shows our decode', () => w.hover(lineText, /^mov$/, `0x${insn.word}`, SERVER_READY_MS));
      t.diagnostic(`hover: ${JSON.stringify(hoverText.slice(0, 300))}`);
      assert.ok(hoverText.includes(insn.text), `the hover does not show GNU's text "${insn.text}":\n${hoverText}`);
      // "word 0x… at .text + 0x14": the section offset is what the inlay hint shows
      const at = new RegExp(`0x${insn.word} at (?:\\S+ \\+ )?(0x[0-9a-f]+)`).exec(hoverText);
      assert.ok(at, `the hover shows no "0x${insn.word} at <section> + <offset>":\n${hoverText}`);

      // 2. inlay hint at the end of the same line: its address and word, after the source text
      const rendered = await step('inlay hint rendered', () => w.lineShows(lineText, new RegExp(`${at[1]}\\s+${insn.word}\\s*$`)));
      t.diagnostic(`line with its inlay hint: ${JSON.stringify(rendered)}`);
      // Not buffer text: the fixture's line has no such words, and the editor draws them as
      // injected text (a span styled by a dynamic decoration rule, not a token span).
      assert.ok(!asmText.split('\n')[insn.line].includes(insn.word), 'the fixture line itself holds the word');
      const hint = w.line(lineText).locator('span[class*="dyn-rule"]').filter({ hasText: `${at[1]}\u00a0\u00a0${insn.word}` });
      assert.equal(await hint.count(), 1, `no injected-text span "${at[1]}  ${insn.word}" in the line: ${await w.line(lineText).innerHTML()}`);
      t.diagnostic(`screenshot: ${await w.screenshot(join(ARTIFACTS, 'hover-inlay-hints.png'))}`);

      // 3. the quick fix for insn/bool-as-enum, through Ctrl+. and the menu
      const cLines = cText.split('\n');
      const fixLine = cLines.findIndex((l) => /aarch64_insn_gen_branch_imm\(pc, old_addr, true\)/.test(l));
      assert.ok(fixLine >= 0, `${C} has no aarch64_insn_gen_branch_imm(pc, old_addr, true)`);
      await step(`opened ${C} at the flagged 'true'`, () => w.openFileAt(C, fixLine + 1, cLines[fixLine].indexOf('true') + 1));
      await step('diagnostic squiggle shown', () => page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: SERVER_READY_MS }));
      const flagged = cLines.filter((l) => /\/\/ expect: insn\/bool-as-enum/.test(l)).length;
      const problems = (n: number) => page.locator(`#status\\.problems[aria-label*="Warnings: ${n}"]`).waitFor({ timeout: UI_TIMEOUT_MS });
      await step(`the status bar counts the fixture's ${flagged} warnings`, () => problems(flagged));
      const offered = await step('quick fix applied from the Ctrl+. menu', () => w.quickFix("Replace 'true' with AARCH64_INSN_BRANCH_LINK"));
      t.diagnostic(`quick fixes offered: ${JSON.stringify(offered)}`);
      await step('the buffer reads AARCH64_INSN_BRANCH_LINK', () => w.lineShows(/branch_imm\(pc,\s+old_addr,/, /old_addr,\s+AARCH64_INSN_BRANCH_LINK\);/));
      // the server analyses the edited buffer again: one warning fewer in the status bar
      await step(`the status bar counts ${flagged - 1} warnings`, () => problems(flagged - 1));
      t.diagnostic(`screenshot: ${await w.screenshot(join(ARTIFACTS, 'quick-fix.png'))}`);

      // Saved, the file differs from the fixture by exactly the fixed line (taken from the
      // hand-written .fixed.c), so the edit replaced precisely the flagged token.
      await page.keyboard.press('Control+S');
      const want = cLines.map((l, i) => (i === fixLine ? cFixed.split('\n')[i] : l)).join('\n');
      const onDisk = join(workspace, C);
      const saved = await step('saved to disk', async () => {
        for (const deadline = Date.now() + SAVE_TIMEOUT_MS; ; await sleep(100)) {
          const now = readFileSync(onDisk, 'utf8');
          if (now !== cText) return now;
          if (Date.now() > deadline) throw new Error(`${onDisk} unchanged ${SAVE_TIMEOUT_MS} ms after Ctrl+S`);
        }
      });
      assert.equal(saved, want);
      passed = true;
    } catch (err) {
      // every failure comes with what the page looked like and the logs
      let shot = '';
      if (wb) shot = await wb.screenshot(join(ARTIFACTS, 'failure.png')).then((p) => `screenshot: ${p}`, (e: Error) => `no screenshot: ${e.message}`);
      assert.fail(`${err instanceof Error ? err.message : String(err)}\n${shot}\n${context()}`);
    } finally {
      await browser?.close().catch(() => undefined);
      await server?.proc.stop();
      if (passed) rmSync(run.dir, { recursive: true, force: true });
    }
  });
});
