// The status bar item: the kernel era and config the active document is analysed with, from the
// server's `aarch64-ftrace/status` notification; its tooltip lists where each came from.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, STATUS, type StatusParams } from '../../server/src/lsp/protocol';

export function registerStatusBar(context: vscode.ExtensionContext, client: LanguageClient): void {
  const item = vscode.window.createStatusBarItem('aarch64-ftrace.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'AArch64 ftrace';
  item.command = COMMANDS.showPatchSites;
  const byUri = new Map<string, StatusParams>();

  const show = () => {
    const ed = vscode.window.activeTextEditor;
    const s = ed ? byUri.get(ed.document.uri.toString()) : undefined;
    if (!s || s.analysis === 'none') {
      item.hide();
      return;
    }
    const degraded = s.analysis === 'degraded';
    item.text = degraded ? '$(warning) ftrace: highlighting only' : `$(circuit-board) ftrace ${s.era}`;
    item.tooltip = new vscode.MarkdownString([`**AArch64 ftrace** — ${s.configCount} CONFIG_* symbols`, '', ...s.details.map((d) => `- ${d}`)].join('\n'));
    item.show();
  };

  context.subscriptions.push(
    item,
    client.onNotification(STATUS, (s: StatusParams) => {
      byUri.set(s.uri, s);
      show();
    }),
    vscode.window.onDidChangeActiveTextEditor(show),
    vscode.workspace.onDidCloseTextDocument((d) => {
      byUri.delete(d.uri.toString());
      show();
    }),
  );
}
