// The extension's commands: "Decode Instruction Word…", "Show Assembled Listing", "Show Patch
// Sites", "Restart Server", and the internal "reveal line" used by code lenses. Each asks the
// server through a request defined in the shared protocol module.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  COMMANDS,
  DECODE_WORD,
  LISTING,
  PATCH_SITES,
  parseAddress,
  parseWord,
  type DecodeWordParams,
  type DecodeWordResult,
  type ListingLink,
  type ListingResult,
  type PatchSitesResult,
} from '../../server/src/lsp/protocol';

const NAME = 'AArch64 ftrace';
/** Virtual documents: decode details (Markdown) and listings, served from memory. */
export const SCHEME = 'aarch64-ftrace';

class VirtualDocuments implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
  private readonly texts = new Map<string, { text: string; links: readonly ListingLink[] }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string, links: readonly ListingLink[] = []): void {
    this.texts.set(uri.toString(), { text, links });
    if (this.texts.size > 50) this.texts.delete(this.texts.keys().next().value as string);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString())?.text ?? '';
  }

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const entry = this.texts.get(doc.uri.toString());
    if (!entry) return [];
    return entry.links
      .filter((l) => l.line < doc.lineCount)
      .map((l) => {
        const target = vscode.Uri.parse(l.uri).with({ fragment: `L${l.sourceLine + 1}` });
        const link = new vscode.DocumentLink(doc.lineAt(l.line).range, target);
        link.tooltip = `source line ${l.sourceLine + 1}`;
        return link;
      });
  }
}

/** "d503201f", "0xd503201f @ ffff800080001000", "1f 20 03 d5 at 0x1000" → request params. */
export function decodeInput(input: string): DecodeWordParams | { error: string } {
  const [word, address] = input.split(/\s*@\s*|\s+at\s+/i);
  const w = parseWord(word ?? '');
  if ('error' in w) return w;
  if (address !== undefined && parseAddress(address) === undefined) return { error: `'${address}' is not an address` };
  return address !== undefined ? { word: word!, address } : { word: word! };
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.OutputChannel): void {
  const docs = new VirtualDocuments();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, docs),
    vscode.languages.registerDocumentLinkProvider({ scheme: SCHEME }, docs),
  );
  const ready = async (): Promise<boolean> => {
    if (client.isRunning()) return true;
    void vscode.window.showWarningMessage(`${NAME}: the language server is not running.`);
    return false;
  };
  const activeUri = (): string | undefined => {
    const ed = vscode.window.activeTextEditor;
    if (!ed) void vscode.window.showInformationMessage(`${NAME}: open an assembly or C file first.`);
    return ed?.document.uri.toString();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.decodeWord, async (arg?: string) => {
      const input =
        typeof arg === 'string'
          ? arg
          : await vscode.window.showInputBox({
              title: 'Decode Instruction Word',
              prompt: 'A 32-bit A64 word in hex, optionally followed by @ address',
              placeHolder: 'd503201f   or   0x94000010 @ ffff800080001000',
              validateInput: (v) => {
                const r = decodeInput(v);
                return 'error' in r ? r.error : undefined;
              },
            });
      if (input === undefined) return undefined;
      const params = decodeInput(input);
      if ('error' in params) {
        void vscode.window.showErrorMessage(`${NAME}: ${params.error}`);
        return undefined;
      }
      if (!(await ready())) return undefined;
      const r = await client.sendRequest<DecodeWordResult>(DECODE_WORD, params);
      if (!r.ok) {
        void vscode.window.showErrorMessage(`${NAME}: ${r.error}`);
        return r;
      }
      const uri = vscode.Uri.from({ scheme: SCHEME, path: `/decode/${r.word}.md` });
      docs.set(uri, r.markdown + '\n');
      void vscode.window.showInformationMessage(`${r.word}: ${r.text ?? 'undefined encoding'}`, 'Details').then(async (pick) => {
        if (pick !== 'Details') return;
        try {
          await vscode.commands.executeCommand('markdown.showPreview', uri);
        } catch {
          await vscode.window.showTextDocument(uri, { preview: true });
        }
      });
      return r;
    }),

    vscode.commands.registerCommand(COMMANDS.showListing, async () => {
      const uri = activeUri();
      if (!uri || !(await ready())) return undefined;
      const r = await client.sendRequest<ListingResult>(LISTING, { uri });
      if (!r.text) {
        void vscode.window.showInformationMessage(`${NAME}: ${r.message ?? 'nothing to list'}`);
        return r;
      }
      const src = vscode.Uri.parse(uri);
      const listing = vscode.Uri.from({ scheme: SCHEME, path: `/listing${src.path}.lst`, query: uri });
      docs.set(listing, r.text, r.links);
      await vscode.window.showTextDocument(listing, { preview: true, viewColumn: vscode.ViewColumn.Beside });
      return r;
    }),

    vscode.commands.registerCommand(COMMANDS.showPatchSites, async () => {
      const uri = activeUri();
      if (!uri || !(await ready())) return undefined;
      const r = await client.sendRequest<PatchSitesResult>(PATCH_SITES, { uri });
      if (r.sites.length === 0) {
        void vscode.window.showInformationMessage(`${NAME}: ${r.message ?? 'no patch sites in this file'}`);
        return r;
      }
      const pick = await vscode.window.showQuickPick(
        r.sites.map((s) => ({
          // asm sites have an address; C patch calls are placed by their line
          label: `${s.symbol}${s.address ? ` @ ${s.address}` : ` (line ${s.line + 1})`}`,
          description: s.kind,
          detail: [
            s.states.map((st) => `${st.name}: ${st.word} ${st.text}`).join(' · '),
            ...(s.builders ?? []).map((b) => `${b.state} built by ${b.generator} (line ${b.line + 1})`),
            s.note,
          ].filter((x) => x).join(' · '),
          site: s,
        })),
        { title: 'Patch sites', matchOnDetail: true },
      );
      if (pick) await vscode.commands.executeCommand(COMMANDS.revealLine, pick.site.uri, pick.site.line);
      return r;
    }),

    vscode.commands.registerCommand(COMMANDS.revealLine, async (uri: string, line: number) => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const pos = new vscode.Position(Math.max(0, Math.min(line, doc.lineCount - 1)), 0);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
    }),

    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      output.appendLine('Restarting the server...');
      try {
        if (client.isRunning()) await client.restart();
        else await client.start();
      } catch (err) {
        void vscode.window.showErrorMessage(`${NAME}: could not restart the server: ${String(err)}`);
      }
    }),
  );
}
