// The server's side of the driver: which documents are open, with which settings, and when to
// analyse them. Opening analyses at once, an edit after `debounceMs` of quiet; a newer version
// supersedes an older one before it is published. Handlers ask `get(uri)`, which reuses the
// driver's result for the current version or computes it. Files are read through an overlay:
// open documents as the editor has them, the rest from disk.
import { diskHost } from '../disk-host';
import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Driver, fileOfUri, type Cores, type DocumentAnalysis } from '../driver';
import type { SourceHost } from '../asm/types';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { decode } from '../isa';
import { guarded } from './connection-log';
import type { Feature, ServerContext } from './context';
import { SettingsStore } from './settings-store';
import { IdleCollector } from '../idle-collect';

type Listener = (a: DocumentAnalysis) => void;

export class AnalysisService implements Feature {
  readonly name = 'analysis';
  readonly driver: Driver;
  settings!: SettingsStore;
  private ctx: ServerContext | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly byPath = new Map<string, string>();
  /** didOpen is followed by a didChangeContent for the same version: that one is not an edit. */
  private readonly justOpened = new Set<string>();
  private roots: Promise<void> | undefined;
  private readonly analysed: Listener[] = [];
  private readonly closed: ((uri: string) => void)[] = [];
  private readonly configured: (() => void)[] = [];
  private readonly filesChanged: ((paths: string[]) => void)[] = [];
  /** Collects the young generation once analyses stop for a while and none is scheduled (see idle-collect.ts). */
  private readonly idle = new IdleCollector(250, () => this.timers.size === 0);

  constructor(cores?: Cores, host: SourceHost = diskHost) {
    const overlay: SourceHost = {
      readFile: (path) => {
        const uri = this.byPath.get(path);
        const doc = uri ? this.ctx?.documents.get(uri) : undefined;
        return doc ? doc.getText() : host.readFile(path);
      },
      ...(host.readBinary ? { readBinary: host.readBinary } : {}),
    };
    // open documents keep their analysis; a few more are kept for documents shown side by side
    this.driver = new Driver({ host: overlay, cores, roots: [process.cwd()], maxCached: 24 });
  }

  capabilities(): void {
    // document sync is advertised by server.ts
  }

  register(ctx: ServerContext): void {
    this.ctx = ctx;
    // while the client is still sending initialize: JIT the front end and build the ISA indexes,
    // so the first document's diagnostics do not pay for them
    setImmediate(() => this.prewarm());
    this.settings = new SettingsStore(ctx.connection, ctx.log);
    const { documents, connection, log } = ctx;
    documents.onDidOpen(
      guarded(log, 'analysis/didOpen', (e) => {
        this.byPath.set(fileOfUri(e.document.uri), e.document.uri);
        this.justOpened.add(e.document.uri);
        this.schedule(e.document.uri, 0);
      }, undefined),
    );
    documents.onDidChangeContent(
      guarded(log, 'analysis/didChange', (e) => {
        const uri = e.document.uri;
        if (this.justOpened.delete(uri)) return;
        // documents that include this one read it through the overlay: redo them too
        for (const dep of this.driver.invalidate(fileOfUri(uri))) this.schedule(dep, this.debounce(dep));
        this.schedule(uri, this.debounce(uri));
      }, undefined),
    );
    documents.onDidClose(
      guarded(log, 'analysis/didClose', (e) => {
        const uri = e.document.uri;
        this.cancel(uri);
        this.justOpened.delete(uri);
        this.byPath.delete(fileOfUri(uri));
        this.driver.forget(uri);
        this.settings.forget(uri);
        for (const dep of this.driver.invalidate(fileOfUri(uri))) this.schedule(dep, 0);
        for (const l of this.closed) l(uri);
      }, undefined),
    );
    connection.onDidChangeConfiguration(
      guarded(log, 'workspace/didChangeConfiguration', (p) => this.settings.changed(p?.settings), undefined),
    );
    this.settings.onChange(() => {
      this.driver.invalidateAll();
      for (const l of this.configured) l();
      for (const d of documents.all()) this.schedule(d.uri, 0);
    });
    connection.onDidChangeWatchedFiles(
      guarded(log, 'workspace/didChangeWatchedFiles', (p) => {
        const paths = (p?.changes ?? []).map((c) => fileOfUri(c.uri));
        for (const l of this.filesChanged) l(paths);
        for (const change of p?.changes ?? []) {
          const path = fileOfUri(change.uri);
          for (const dep of this.driver.invalidate(path)) this.schedule(dep, 0);
          // a .config or asm-offsets.h in a build dir: the environments are recomputed
          if (/(^|\/)(\.config|asm-offsets\.h|autoconf\.h)$/.test(path)) {
            this.driver.invalidateAll();
            for (const d of documents.all()) this.schedule(d.uri, 0);
          }
        }
      }, undefined),
    );
  }

  private prewarm(): void {
    const t0 = performance.now();
    try {
      const text = '#include <linux/linkage.h>\nSYM_FUNC_START(f)\n\tstp x29, x30, [sp, #-16]!\n\tbl g\n\tldp x29, x30, [sp], #16\n\tret\nSYM_FUNC_END(f)\n';
      this.driver.analyze({ uri: 'untitled:prewarm.S', version: 0, text }, DEFAULT_SETTINGS);
      this.driver.forget('untitled:prewarm.S');
      decode(0xd503201f);
      this.ctx?.log.info(`ready in ${(performance.now() - t0).toFixed(0)} ms (front end and ISA tables warmed up)`);
    } catch (err) {
      this.ctx?.log.error('warming up failed (the first analysis will be slower)', err);
    }
  }

  /** Called with each analysis computed for the current version of an open document. */
  onAnalysed(l: Listener): void {
    this.analysed.push(l);
  }

  onClosed(l: (uri: string) => void): void {
    this.closed.push(l);
  }

  /** Called after the settings changed (before the documents are analysed again). */
  onConfigured(l: () => void): void {
    this.configured.push(l);
  }

  /** Called with the paths of files created, changed or deleted on disk. */
  onFilesChanged(l: (paths: string[]) => void): void {
    this.filesChanged.push(l);
  }

  /** The workspace folders as paths (the cwd when the client names none). */
  async folders(): Promise<readonly string[]> {
    await (this.roots ??= this.workspaceRoots());
    return this.driver.getRoots();
  }

  document(uri: string): TextDocument | undefined {
    return this.ctx?.documents.get(uri);
  }

  /** The analysis of the open document's current version; undefined when it is not open or the request was cancelled. */
  async get(uri: string, token?: CancellationToken): Promise<DocumentAnalysis | undefined> {
    const doc = this.document(uri);
    if (!doc) return undefined;
    await (this.roots ??= this.workspaceRoots());
    const settings = await this.settingsFor(uri);
    if (token?.isCancellationRequested) return undefined;
    const now = this.document(uri);
    if (!now) return undefined;
    const before = this.driver.cached(uri);
    const a = this.driver.analyze({ uri, version: now.version, text: now.getText(), languageId: now.languageId }, settings);
    // (a hover or inlay request answered from the cache made no garbage worth waiting for)
    if (a !== before) this.idle.busy();
    return a;
  }

  /** Settings for a document, with the size limit the server was started with. */
  async settingsFor(uri: string): Promise<Settings> {
    const s = await this.settings.get(uri);
    const max = this.ctx?.guard.maxFileSize;
    return max !== undefined && max !== s.maxFileSize ? { ...s, maxFileSize: max } : s;
  }

  /** Relative path settings resolve against the workspace folders (the cwd when the client has none). */
  private async workspaceRoots(): Promise<void> {
    try {
      const folders = await Promise.race([
        this.ctx?.connection.workspace.getWorkspaceFolders(),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000).unref()),
      ]);
      const paths = (folders ?? []).map((f) => fileOfUri(f.uri)).filter((p) => p.startsWith('/'));
      if (paths.length) this.driver.setRoots(paths);
    } catch {
      // the client does not support workspace/workspaceFolders: the cwd stays the root
    }
  }

  private debounce(uri: string): number {
    return this.settings.peek(uri).debounceMs;
  }

  private cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  private schedule(uri: string, delayMs: number): void {
    this.cancel(uri);
    // setTimeout even for 0: the other didOpen/didChange listeners (the degraded check) run first
    const timer = setTimeout(() => {
      if (this.timers.get(uri) === timer) this.timers.delete(uri);
      void this.run(uri);
    }, delayMs);
    this.timers.set(uri, timer);
  }

  private async run(uri: string): Promise<void> {
    const log = this.ctx?.log;
    try {
      const version = this.document(uri)?.version;
      const a = await this.get(uri);
      // superseded by an edit (a newer run is scheduled) or closed meanwhile
      if (!a || this.document(uri)?.version !== version || this.timers.has(uri)) return;
      // a core that threw (a bug in it): the other cores' results are still published
      for (const f of a.failures ?? []) log?.error(`core ${f.core} failed on ${uri} v${a.version}`, f.error);
      for (const l of this.analysed) {
        try {
          l(a);
        } catch (err) {
          log?.error(`publishing the analysis of ${uri} failed`, err);
        }
      }
    } catch (err) {
      log?.error(`analysis failed for ${uri}`, err);
    }
  }
}
