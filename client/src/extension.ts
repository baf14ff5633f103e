// The VS Code side: starts dist/server.js over IPC and forwards aarch64-asm documents to it.
// Deliberately thin (in the style of clangd's client): every feature lives in the server.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SECTION } from '../../server/src/settings';
import { registerCommands } from './commands';
import { registerStatusBar } from './status-bar';

const ID = SECTION;
const NAME = 'AArch64 ftrace';

let client: LanguageClient | undefined;

/** What `activate` resolves to (the extension's `exports`): lets the editor tests reach the client. */
export interface Api {
  readonly client: LanguageClient;
}

function initializationOptions(): { maxFileSize?: number } {
  const size = vscode.workspace.getConfiguration(ID).get<number>('maxFileSize');
  return typeof size === 'number' && size > 0 ? { maxFileSize: size } : {};
}

export async function activate(context: vscode.ExtensionContext): Promise<Api> {
  const module = context.asAbsolutePath('dist/server.js');
  // a larger young generation: an analysis makes short-lived garbage by the megabyte, and with
  // V8's default (16 MiB) much of it is copied before it dies (~25% of a large file's analysis);
  // gc() for the server's collection while idle (server/src/idle-collect.ts)
  const heap = ['--max-semi-space-size=64', '--expose-gc'];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: heap } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...heap, '--nolazy', '--inspect=6011'] } },
  };

  const outputChannel = vscode.window.createOutputChannel(NAME);
  // includes, asm-offsets.h and .config: the server re-reads them when they change
  const watcher = vscode.workspace.createFileSystemWatcher('**/{*.h,*.S,.config}');
  context.subscriptions.push(outputChannel, watcher);

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'aarch64-asm' },
      { scheme: 'untitled', language: 'aarch64-asm' },
      // the server analyses the C files its c.activation* settings select, and ignores the rest
      { scheme: 'file', language: 'c' },
    ],
    synchronize: {
      configurationSection: ID,
      fileEvents: watcher,
    },
    outputChannel,
    // A function: evaluated at every (re)start, so a changed setting applies after a restart.
    initializationOptions,
  };

  // The client reads the `aarch64-ftrace.trace.server` setting itself (from its id).
  client = new LanguageClient(ID, NAME, serverOptions, clientOptions);
  const current = client;
  registerCommands(context, current, outputChannel);
  registerStatusBar(context, current);

  try {
    await client.start();
  } catch (err) {
    outputChannel.appendLine(`Failed to start the server: ${String(err)}`);
    void vscode.window.showErrorMessage(`${NAME}: the language server failed to start (see the output channel).`);
  }
  return { client: current };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
