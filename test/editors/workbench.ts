// Driving the VS Code workbench (code-server's, in Debian's chromium) with playwright-core, as a
// user does: Quick Open, the mouse for hovers, Ctrl+. for quick fixes. Every wait is on a
// selector or a condition, bounded, and fails with what the page showed.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { repoRoot } from '../lsp-client';

const ROOT = repoRoot();
/** One UI action's wait (a widget to appear, text to change). */
export const UI_TIMEOUT_MS = 15_000;

/**
 * playwright-core, resolved at run time from the repository's node_modules (not bundled into the
 * test: it loads its own files relative to itself). Undefined when it is not installed.
 */
export function loadPlaywright(): typeof import('playwright-core') | undefined {
  try {
    return createRequire(join(ROOT, 'package.json'))('playwright-core') as typeof import('playwright-core');
  } catch {
    return undefined;
  }
}

export async function launchChromium(executablePath: string, env: NodeJS.ProcessEnv): Promise<Browser> {
  const pw = loadPlaywright();
  if (!pw) throw new Error('playwright-core is not installed (npm install)');
  return pw.chromium.launch({
    executablePath,
    headless: true,
    env: env as Record<string, string>,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Text as the editor renders it: non-breaking spaces (tabs, runs of spaces) as plain spaces. */
export const plain = (s: string) => s.replace(/\u00a0/g, ' ');

export class Workbench {
  /** The browser console, kept (bounded) for failure messages. */
  private console: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m) => this.keep(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => this.keep(`pageerror: ${e.message}`));
  }

  private keep(line: string): void {
    this.console.push(line.slice(0, 400));
    if (this.console.length > 200) this.console.shift();
  }

  consoleTail(lines = 30): string {
    return this.console.filter((l) => /^(warning|error|pageerror): /.test(l)).slice(-lines).join('\n');
  }

  async open(url: string, timeoutMs: number): Promise<void> {
    await this.page.goto(url, { timeout: timeoutMs });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    // the explorer shows the folder once the remote file system answers
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
  }

  /** Quick Open (Ctrl+P) `name:line:column`, as a user jumps to a place in a file. */
  async openFileAt(name: string, line: number, column = 1): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('Control+P');
    await input.waitFor({ timeout: UI_TIMEOUT_MS });
    await input.fill(`${name}:${line}:${column}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT_MS });
    await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    await this.editor().locator('.cursors-layer .cursor').first().waitFor({ timeout: UI_TIMEOUT_MS });
  }

  /** The active editor. */
  editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /**
   * The rendered line matching `text` (view lines exist only for the visible part of the file).
   * Patterns see the rendered text, whose spaces are U+00A0: match them with \s.
   */
  line(text: RegExp): Locator {
    return this.editor().locator('.view-line').filter({ hasText: text }).first();
  }

  /**
   * Hovers the token `token` of the line matching `text` until a hover containing `expect` shows
   * (the extension activates and the server starts asynchronously), for at most `timeoutMs`.
   * Returns the hover's text.
   */
  async hover(text: RegExp, token: RegExp, expect: string, timeoutMs: number): Promise<string> {
    const target = this.line(text).locator('span > span').filter({ hasText: token }).first();
    await target.waitFor({ timeout: UI_TIMEOUT_MS });
    const hover = this.page.locator('.monaco-hover').filter({ hasText: expect });
    const deadline = Date.now() + timeoutMs;
    let seen = '';
    while (Date.now() < deadline) {
      const box = await target.boundingBox();
      if (!box) throw new Error(`the token ${token} has no box on screen`);
      await this.page.mouse.move(2, 2);
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const shown = await hover.first().waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false);
      if (shown) return plain(await hover.first().innerText());
      seen = await this.page.locator('.monaco-hover:visible').allInnerTexts().then((t) => t.join(' | '), () => '');
    }
    throw new Error(`no hover containing ${JSON.stringify(expect)} over ${token} within ${timeoutMs} ms; last hover shown: ${JSON.stringify(seen)}`);
  }

  /** Waits until the line matching `text` renders text matching `want` as well; returns its text. */
  async lineShows(text: RegExp, want: RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<string> {
    const line = this.line(text).filter({ hasText: want });
    const ok = await line.waitFor({ timeout: timeoutMs }).then(() => true, () => false);
    if (ok) return plain((await line.textContent()) ?? '');
    const now = await this.line(text).textContent({ timeout: 1_000 }).catch(() => null);
    throw new Error(`the line ${text} did not show ${want} within ${timeoutMs} ms; it reads ${JSON.stringify(now === null ? '(not rendered)' : plain(now))}`);
  }

  /** Ctrl+. at the cursor, then the action titled `title` from the quick-fix menu. */
  async quickFix(title: string): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator('.action-widget .monaco-list-row');
    await rows.first().waitFor({ timeout: UI_TIMEOUT_MS });
    const titles = (await rows.allInnerTexts()).map(plain);
    if (!titles.some((t) => t.includes(title))) throw new Error(`no quick fix ${JSON.stringify(title)}; the menu offers ${JSON.stringify(titles)}`);
    // The keyboard, as after Ctrl+.: arrows move the focus over the actions, Enter applies.
    const focused = rows.and(this.page.locator('.focused'));
    for (let i = 0; i <= titles.length; i++) {
      if (plain((await focused.first().innerText().catch(() => '')) ?? '').includes(title)) break;
      if (i === titles.length) throw new Error(`could not focus ${JSON.stringify(title)} in the menu ${JSON.stringify(titles)}`);
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    return titles;
  }

  async screenshot(path: string): Promise<string> {
    await this.page.screenshot({ path, timeout: UI_TIMEOUT_MS });
    return path;
  }
}
