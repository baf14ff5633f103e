// Workspace symbols: the outline (SYM_* symbols, labels, macros, #defines) of every assembly file
// under the workspace folders, scanned once in the background and kept up to date from file
// events; open documents are indexed from the editor's text. Compact entries, so a kernel-sized
// tree stays small in memory.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SymbolKind, type ServerCapabilities, type WorkspaceSymbol } from 'vscode-languageserver';
import { scanOutline, type OutlineKind, type OutlineSymbol } from '../asm/outline';
import { diskHost } from '../disk-host';
import { kindOf } from '../document-kind';
import { fileOfUri } from '../driver';
import { guarded } from './connection-log';
import type { Feature, ServerContext } from './context';
import type { AnalysisService } from './analysis-service';
import { uriOfFile } from './locations';

/** Directory entries visited at most (a guard against pointing the server at /). */
const MAX_ENTRIES = 400_000;
const MAX_FILE_BYTES = 2 << 20;
const MAX_RESULTS = 1000;
const isAsm = (path: string): boolean => kindOf(path) === 'asm';

const KIND: Record<OutlineKind, SymbolKind> = {
  function: SymbolKind.Function, code: SymbolKind.Function, label: SymbolKind.Key, macro: SymbolKind.Module,
  section: SymbolKind.Namespace, define: SymbolKind.Constant, equate: SymbolKind.Constant, 'register-alias': SymbolKind.Variable,
  struct: SymbolKind.Struct, enum: SymbolKind.Enum,
};
const KINDS = Object.keys(KIND) as OutlineKind[];

/** name, kind index, line, column per symbol, flattened (sections and local labels are left out). */
type Entries = (string | number)[];

export class WorkspaceIndex {
  readonly files = new Map<string, Entries>();
  private building: Promise<void> | undefined;
  scanned = 0;

  /** Scans the folders once (in slices, yielding to the event loop); later calls wait for the same scan. */
  build(folders: readonly string[]): Promise<void> {
    return (this.building ??= this.walk(folders));
  }

  update(path: string, text: string | undefined): void {
    if (!isAsm(path)) return;
    if (text === undefined) this.files.delete(path);
    else this.files.set(path, entriesOf(text));
  }

  search(query: string): WorkspaceSymbol[] {
    const q = query.toLowerCase();
    const out: WorkspaceSymbol[] = [];
    for (const [file, e] of this.files) {
      for (let i = 0; i < e.length; i += 4) {
        const name = e[i] as string;
        if (q && !fuzzy(name.toLowerCase(), q)) continue;
        out.push({ name, kind: KIND[KINDS[e[i + 1] as number]], location: { uri: uriOfFile(file), range: { start: { line: e[i + 2] as number, character: e[i + 3] as number }, end: { line: e[i + 2] as number, character: (e[i + 3] as number) + name.length } } } });
        if (out.length >= MAX_RESULTS) return out;
      }
    }
    return out;
  }

  private async walk(folders: readonly string[]): Promise<void> {
    const stack = [...folders];
    let visited = 0;
    let slice = 0;
    while (stack.length && visited < MAX_ENTRIES) {
      const dir = stack.pop()!;
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const n of names) {
        if (++visited > MAX_ENTRIES) break;
        if (n.startsWith('.') || n === 'node_modules') continue;
        const p = join(dir, n);
        let st;
        try {
          st = statSync(p, { throwIfNoEntry: false });
        } catch {
          continue;
        }
        if (!st) continue;
        if (st.isDirectory()) stack.push(p);
        else if (st.isFile() && isAsm(n) && st.size <= MAX_FILE_BYTES && !this.files.has(p)) {
          const text = diskHost.readFile(p); // unreadable: skipped
          if (text !== undefined) {
            this.files.set(p, entriesOf(text));
            this.scanned++;
          }
        }
      }
      // yield now and then so requests are answered while a large tree is scanned
      if (++slice % 64 === 0) await new Promise((r) => setImmediate(r));
    }
  }
}

function entriesOf(text: string): Entries {
  const out: Entries = [];
  const add = (s: OutlineSymbol) => {
    if (s.kind !== 'section') out.push(s.name, KINDS.indexOf(s.kind), s.line, s.col);
    for (const c of s.children) add(c);
  };
  for (const s of scanOutline(text).symbols) add(s);
  return out;
}

/** Characters of the query in order (VS Code's workspace-symbol matching). */
function fuzzy(name: string, q: string): boolean {
  let j = 0;
  for (let i = 0; i < name.length && j < q.length; i++) if (name[i] === q[j]) j++;
  return j === q.length;
}

export function workspaceSymbolsFeature(service: AnalysisService, index = new WorkspaceIndex()): Feature {
  return {
    name: 'workspace-symbols',
    capabilities(caps: ServerCapabilities) {
      caps.workspaceSymbolProvider = true;
    },
    register(ctx: ServerContext) {
      ctx.connection.onWorkspaceSymbol(guarded(ctx.log, 'workspace/symbol', async (p, token) => {
        const folders = await service.folders();
        const t0 = Date.now();
        await index.build(folders);
        if (index.scanned && Date.now() - t0 > 200) ctx.log.info(`workspace symbols: ${index.files.size} assembly files indexed in ${Date.now() - t0} ms`);
        if (token.isCancellationRequested) return [];
        // open documents as the editor has them
        for (const d of ctx.documents.all()) if (d.uri.startsWith('file://')) index.update(fileOfUri(d.uri), d.getText());
        return index.search(typeof p?.query === 'string' ? p.query : '');
      }, []));
      service.onFilesChanged((paths) => {
        for (const path of paths) {
          if (!isAsm(path)) continue;
          const text = diskHost.readFile(path);
          index.update(path, text);
        }
      });
    },
  };
}
