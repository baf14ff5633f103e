// The VS Code side: starts dist/server.js over IPC and forwards aarch64-asm documents to it.
// Deliberately thin (in the style of clangd's client): every feature lives in the server.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

const ID = 'aarch64-ftrace';
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
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };

  const outputChannel = vscode.window.createOutputChannel(NAME);
  context.subscriptions.push(outputChannel);

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'aarch64-asm' },
      { scheme: 'untitled', language: 'aarch64-asm' },
    ],
    outputChannel,
    // A function: evaluated at every (re)start, so a changed setting applies after a restart.
    initializationOptions,
  };

  // The client reads the `aarch64-ftrace.trace.server` setting itself (from its id).
  client = new LanguageClient(ID, NAME, serverOptions, clientOptions);
  const current = client;
  context.subscriptions.push(
    vscode.commands.registerCommand(`${ID}.restartServer`, async () => {
      outputChannel.appendLine('Restarting the server...');
      try {
        if (current.isRunning()) await current.restart();
        else await current.start();
      } catch (err) {
        void vscode.window.showErrorMessage(`${NAME}: could not restart the server: ${String(err)}`);
      }
    }),
  );

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
