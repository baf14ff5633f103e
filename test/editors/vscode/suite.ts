// Runs INSIDE a real VS Code extension host (code-server's), with the real `vscode` API and our
// extension loaded from the repository (extensionDevelopmentPath) or installed from the .vsix.
// test/editor-vscode.test.ts bundles this file to <run dir>/suite/index.js and passes it as
// extensionTestsPath; the workbench then `require`s it and calls `run()`.
//
// No mocha: `run()` executes the steps in order, stops at the first failure, writes every step's
// outcome to result.json beside the bundle (the outer test reads that file; it does not depend on
// the browser relaying anything) and rejects if a step failed. Every wait is bounded.
import * as vscode from 'vscode';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Api } from '../../../client/src/extension';
import { OUTPUT_CHANNEL, outputChannelText } from './logs';

/** Written by the outer test beside the bundle. */
export interface SuiteConfig {
  /** code-server's --user-data-dir: the extension host's output channels are logged under logs/. */
  userDataDir: string;
  stepTimeoutMs: number;
  /**
   * Where the extension must be loaded from: the repository (extensionDevelopmentPath) or its
   * copy that `code-server --install-extension` unpacked from the .vsix.
   */
  extensionPath: string;
  /** An instruction of the workspace's entry-ftrace.S with GNU's word and text (test/editors/expected.ts). */
  hover: { line: number; character: number; word: string; text: string };
}

export interface StepResult {
  name: string;
  ok: boolean;
  ms: number;
  detail?: unknown;
  error?: string;
}

export interface SuiteResult {
  ok: boolean;
  steps: StepResult[];
  vscodeVersion: string;
  ms: number;
}

const EXTENSION_ID = 'aarch64-ftrace.aarch64-ftrace';
const LANGUAGE_ID = 'aarch64-asm';
const METHOD_NOT_FOUND = -32601;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function withTimeout<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(p), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

export async function run(): Promise<void> {
  const t0 = Date.now();
  const config = JSON.parse(readFileSync(join(__dirname, 'config.json'), 'utf8')) as SuiteConfig;
  const T = config.stepTimeoutMs;
  const steps: StepResult[] = [];
  let failed = false;

  async function step(name: string, body: () => Promise<unknown>): Promise<void> {
    if (failed) return;
    const start = Date.now();
    try {
      const detail = await body();
      steps.push({ name, ok: true, ms: Date.now() - start, detail });
    } catch (err) {
      failed = true;
      steps.push({ name, ok: false, ms: Date.now() - start, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  }

  const folder = vscode.workspace.workspaceFolders?.[0];
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  let api: Api | undefined;
  const entryUri = folder && vscode.Uri.joinPath(folder.uri, 'arch', 'arm64', 'kernel', 'entry-ftrace.S');

  await step(`the extension is loaded from ${config.extensionPath} and not active before an assembly file opens`, async () => {
    check(folder, 'no workspace folder open');
    check(ext, `extension ${EXTENSION_ID} is not loaded`);
    check(ext.extensionPath === config.extensionPath, `extension loaded from ${ext.extensionPath}, expected ${config.extensionPath}`);
    check(!ext.isActive, 'the extension is already active before any aarch64-asm document was opened');
    return { extensionPath: ext.extensionPath, version: ext.packageJSON.version, workspace: folder.uri.fsPath };
  });

  await step(`.S and .s files open with language id ${LANGUAGE_ID}`, async () => {
    const doc = await withTimeout(vscode.workspace.openTextDocument(entryUri!), T, 'openTextDocument(entry-ftrace.S)');
    await withTimeout(vscode.window.showTextDocument(doc), T, 'showTextDocument(entry-ftrace.S)');
    check(doc.languageId === LANGUAGE_ID, `entry-ftrace.S has language id ${doc.languageId}`);
    const lower = await withTimeout(vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder!.uri, 'lowercase.s')), T, 'openTextDocument(lowercase.s)');
    check(lower.languageId === LANGUAGE_ID, `lowercase.s has language id ${lower.languageId}`);
    return { [doc.uri.toString()]: doc.languageId, [lower.uri.toString()]: lower.languageId };
  });

  await step('the extension activates', async () => {
    await until(() => ext!.isActive, T, 'extension.isActive');
    api = await withTimeout(ext!.activate(), T, 'extension.activate()');
    check(api && api.client, `activate() returned ${api === undefined ? 'undefined' : `{ ${Object.keys(api).join(', ')} }`} instead of { client }`);
    return { isActive: ext!.isActive };
  });

  await step('the language client is running and the server identified itself', async () => {
    const client = api!.client;
    await until(() => client.isRunning(), T, 'client.isRunning()');
    const info = client.initializeResult?.serverInfo;
    check(info?.name === 'aarch64-ftrace', `serverInfo is ${JSON.stringify(info)}`);
    check(info.version === ext!.packageJSON.version, `server version ${info.version} != package.json ${ext!.packageJSON.version}`);
    const sync = client.initializeResult?.capabilities.textDocumentSync;
    check(typeof sync === 'object' && sync.openClose === true && sync.change === 2, `textDocumentSync is ${JSON.stringify(sync)}`);
    return { serverInfo: info, textDocumentSync: sync };
  });

  await step('the server answers a request sent through the client', async () => {
    let error: { code?: number; message?: string } | undefined;
    try {
      await withTimeout(api!.client.sendRequest('aarch64-ftrace/editor-test/no-such-method', {}), T, 'sendRequest');
    } catch (err) {
      error = err as { code?: number; message?: string };
    }
    check(error?.code === METHOD_NOT_FOUND, `expected MethodNotFound (${METHOD_NOT_FOUND}), got ${JSON.stringify(error)}`);
    return { code: error.code, message: error.message };
  });

  await step('a hover on an instruction shows its word and text as GNU binutils has them', async () => {
    const { line, character, word, text } = config.hover;
    const value = await until(
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', entryUri!, new vscode.Position(line, character));
        const v = (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        return v.includes(`0x${word}`) ? v : undefined;
      },
      T,
      `a hover at ${line}:${character} with word 0x${word}`,
    );
    check(value.includes(`\`${text}\``), `the hover does not show GNU's text \`${text}\`:\n${value}`);
    return value.split('\n').slice(0, 5);
  });

  await step('the output channel shows the server starting over IPC and the .S document opening', async () => {
    const uri = entryUri!.toString();
    const text = await until(
      () => {
        const t = outputChannelText(config.userDataDir);
        return /aarch64-ftrace \S+ starting \(.*node-ipc/.test(t) && t.includes(`opened ${uri}`) ? t : undefined;
      },
      T,
      `"starting" and "opened ${uri}" in the ${OUTPUT_CHANNEL} output channel log`,
    );
    return text.split('\n').filter((l) => /starting|opened/.test(l));
  });

  await step('the restart command restarts the server', async () => {
    const client = api!.client;
    const startsBefore = (outputChannelText(config.userDataDir).match(/ starting \(/g) ?? []).length;
    await withTimeout(vscode.commands.executeCommand('aarch64-ftrace.restartServer'), T, 'aarch64-ftrace.restartServer');
    await until(() => client.isRunning(), T, 'client.isRunning() after the restart');
    check(client.initializeResult?.serverInfo?.name === 'aarch64-ftrace', 'no serverInfo after the restart');
    const startsAfter = await until(
      () => {
        const n = (outputChannelText(config.userDataDir).match(/ starting \(/g) ?? []).length;
        return n > startsBefore ? n : undefined;
      },
      T,
      'a second "starting" line in the output channel log',
    );
    return { startsBefore, startsAfter };
  });

  const result: SuiteResult = { ok: !failed, steps, vscodeVersion: vscode.version, ms: Date.now() - t0 };
  writeFileSync(join(__dirname, 'result.json'), JSON.stringify(result, null, 2));
  if (failed) throw new Error(`editor test failed: ${steps.find((s) => !s.ok)?.name}`);
}
