// Shared by the test/lsp-*.test.ts files: a server over stdio that answers workspace/configuration
// from a settings object, documents opened from strings with a `|` cursor marker (as
// vscode-css-languageservice's tests write them), and typed requests at the marker.
import { join } from 'node:path';
import { LspClient, fileUri, repoRoot } from './lsp-client';

export const ROOT = repoRoot();
export const SERVER = join(ROOT, 'dist', 'server.js');
export const FIXTURES = join(ROOT, 'test-fixtures');

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Hover {
  contents: { kind: string; value: string };
  range?: Range;
}

/** Splits `text` at its single `|` marker: the text without it and the marker's position. */
export function cursor(textWithMarker: string): { text: string; position: Position } {
  const at = textWithMarker.indexOf('|');
  if (at < 0 || textWithMarker.indexOf('|', at + 1) >= 0) throw new Error('expected exactly one | marker');
  const before = textWithMarker.slice(0, at);
  const line = before.split('\n').length - 1;
  const character = at - (before.lastIndexOf('\n') + 1);
  return { text: before + textWithMarker.slice(at + 1), position: { line, character } };
}

export class Session {
  readonly client: LspClient;
  settings: Record<string, unknown> = {};
  private n = 0;
  private versions = new Map<string, number>();

  constructor(settings: Record<string, unknown> = {}, timeoutMs = 15_000) {
    this.settings = settings;
    this.client = new LspClient({ serverPath: SERVER, timeoutMs });
    this.client.onRequest('workspace/configuration', (p) => {
      const items = (p as { items: { section?: string }[] }).items;
      return items.map((i) => (i.section === 'aarch64-ftrace' ? this.settings : null));
    });
  }

  async start(): Promise<{ capabilities: Record<string, unknown> }> {
    return this.client.initialize({ capabilities: { workspace: { configuration: true } } });
  }

  /** A fresh URI under /tmp/aarch64-ftrace-lsp (no file needs to exist). */
  uri(name: string): string {
    return fileUri(`/tmp/aarch64-ftrace-lsp/${++this.n}/${name}`);
  }

  open(uri: string, text: string, languageId = 'aarch64-asm'): void {
    this.versions.set(uri, 1);
    this.client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, text: string): number {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    this.client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    return v;
  }

  close(uri: string): void {
    this.client.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Opens `name` with the marked text and hovers at the marker. */
  async hoverAt(name: string, marked: string, languageId = 'aarch64-asm'): Promise<Hover | null> {
    const { text, position } = cursor(marked);
    const uri = this.uri(name);
    this.open(uri, text, languageId);
    return this.client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.client.request<R>(method, params);
  }

  /** Diagnostics published for `uri` (the first notification satisfying `pred`). */
  diagnostics<D = { range: Range; message: string; code?: string; severity?: number }>(uri: string, pred: (d: D[], version?: number) => boolean = () => true): Promise<D[]> {
    return this.client
      .waitForNotification<{ uri: string; version?: number; diagnostics: D[] }>('textDocument/publishDiagnostics', (p) => p.uri === uri && pred(p.diagnostics, p.version), { fromNow: false })
      .then((p) => p.diagnostics);
  }

  async stop(): Promise<void> {
    try {
      await this.client.shutdownAndExit();
    } finally {
      this.client.kill();
    }
  }
}
