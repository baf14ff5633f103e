// Go to definition, find references, rename and document highlights across a document and the
// files it includes: labels and `.set` symbols (the front end's symbol table), gas macros, cpp
// `#define`s, `.req` aliases, local labels (`1b`/`1f`) and asm-offsets symbols (the build dir's
// asm-offsets.h). Definitions come from the cores; occurrences from symbol-index.ts.
import {
  DocumentHighlightKind,
  ResponseError,
  type CancellationToken,
  type DocumentHighlight,
  type Location,
  type Position,
  type ServerCapabilities,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { scanOutline } from '../asm/outline';
import type { DocumentAnalysis } from '../driver';
import { guarded } from './connection-log';
import type { Feature, ServerContext } from './context';
import type { AnalysisService } from './analysis-service';
import { uriOfFile } from './locations';
import { identifierAt } from './position-context';
import { localLabelTarget, occurrences, type Occurrence } from './symbol-index';

export type TargetKind = 'symbol' | 'gas-macro' | 'cpp-macro' | 'register-alias' | 'local-label' | 'asm-offset';

export interface Target {
  readonly name: string;
  readonly kind: TargetKind;
  /** Where it is defined (0-based), when in a real file. */
  readonly def?: { readonly file: string; readonly line: number; readonly col: number; readonly endCol: number };
  /** The name's range at the cursor. */
  readonly at: { readonly line: number; readonly col: number; readonly endCol: number };
}

/** Reads the files an analysis read (the document itself as the editor has it). */
export type Reader = (file: string) => string | undefined;

/** The name of `name` on a line, near `col` when it occurs several times. */
function nameOn(read: Reader, file: string, line: number, name: string, col = 0): { line: number; col: number; endCol: number } {
  const text = read(file);
  const found = text === undefined ? undefined : occurrences(text).get(name)?.filter((o) => o.line === line);
  const o = found?.sort((x, y) => Math.abs(x.col - col) - Math.abs(y.col - col))[0];
  return o ? { line, col: o.col, endCol: o.endCol } : { line, col, endCol: col + name.length };
}

const real = (f: string | undefined): f is string => !!f && !f.startsWith('<');

export function targetAt(a: DocumentAnalysis, read: Reader, line: string, ln: number, col: number): Target | undefined {
  if (a.kind !== 'asm' || !a.assembly) return undefined;
  // local label references: 1b, 2f
  const local = /\d+[bf]\b/g;
  let m: RegExpExecArray | null;
  while ((m = local.exec(line))) {
    if (col < m.index || col > m.index + m[0].length || /[\w.$]/.test(line[m.index - 1] ?? '')) continue;
    const text = read(a.file) ?? '';
    const t = localLabelTarget(text, ln, m[0]);
    const at = { line: ln, col: m.index, endCol: m.index + m[0].length };
    return { name: m[0], kind: 'local-label', at, ...(t ? { def: { file: a.file, line: t.line, col: t.col, endCol: t.col + m[0].length - 1 } } : {}) };
  }
  const id = identifierAt(line, col);
  if (!id) return undefined;
  const name = id.name.replace(/\.+$/, '');
  const at = { line: ln, col: id.start, endCol: id.start + name.length };
  const asm = a.assembly;
  const sym = asm.symbols.get(name);
  if (sym?.defined && !sym.predefined && real(sym.origin?.loc.file)) {
    const l = sym.origin!.loc;
    return { name, kind: 'symbol', at, def: { file: l.file, ...nameOn(read, l.file, l.line, name, l.startCol) } };
  }
  const gm = asm.macros.get(name);
  if (gm && real(gm.origin.loc.file)) return { name, kind: 'gas-macro', at, def: { file: gm.origin.loc.file, ...nameOn(read, gm.origin.loc.file, gm.origin.loc.line, name, gm.origin.loc.startCol) } };
  const cm = asm.preprocess.macros.get(name);
  if (cm && !cm.fromFallback && real(cm.origin.loc.file)) return { name, kind: 'cpp-macro', at, def: { file: cm.origin.loc.file, ...nameOn(read, cm.origin.loc.file, cm.origin.loc.line, name, cm.origin.loc.startCol) } };
  for (const file of [a.file, ...a.files.filter(real)]) {
    const text = read(file);
    if (text === undefined || !text.includes('.req')) continue;
    const alias = scanOutline(text).symbols.find((s) => s.kind === 'register-alias' && s.name === name);
    if (alias) return { name, kind: 'register-alias', at, def: { file, line: alias.line, col: alias.col, endCol: alias.col + name.length } };
  }
  const off = a.env.asmOffsets(name);
  if (off) {
    const header = a.env.asmOffsets.buildFile;
    const text = header && a.env.asmOffsets.buildStatus === 'loaded' ? read(header) : undefined;
    const line = text?.split('\n').findIndex((l) => new RegExp(`^#define\\s+${name}\\b`).test(l));
    const def = header && line !== undefined && line >= 0 ? { file: header, line, col: 8, endCol: 8 + name.length } : undefined;
    return { name, kind: 'asm-offset', at, ...(def ? { def } : {}) };
  }
  return undefined;
}

/** Every occurrence of the target in the document and the files it read. */
export function occurrencesOf(a: DocumentAnalysis, read: Reader, t: Target): { file: string; occ: Occurrence }[] {
  if (t.kind === 'local-label') {
    // a local label's references are the ones that resolve to the same definition
    const text = read(a.file) ?? '';
    const out: { file: string; occ: Occurrence }[] = [];
    if (t.def) out.push({ file: a.file, occ: { line: t.def.line, col: t.def.col, endCol: t.def.endCol } });
    const digits = t.name.slice(0, -1);
    const lines = text.split('\n');
    const ref = new RegExp(`(?<![\\w.$])${digits}[bf]\\b`, 'g');
    lines.forEach((l, i) => {
      for (const m of l.matchAll(ref)) {
        const d = localLabelTarget(lines, i, m[0]);
        if (d && t.def && d.line === t.def.line) out.push({ file: a.file, occ: { line: i, col: m.index!, endCol: m.index! + m[0].length } });
      }
    });
    return out;
  }
  const files = [a.file, ...a.files.filter(real)];
  if (t.def && real(t.def.file) && !files.includes(t.def.file)) files.push(t.def.file);
  const out: { file: string; occ: Occurrence }[] = [];
  for (const file of files) {
    const text = read(file);
    if (text === undefined) continue;
    for (const occ of occurrences(text).get(t.name) ?? []) out.push({ file, occ });
  }
  return out;
}

const RENAMABLE: ReadonlySet<TargetKind> = new Set(['symbol', 'gas-macro', 'cpp-macro', 'register-alias']);

export function renameEdits(a: DocumentAnalysis, read: Reader, t: Target, newName: string): WorkspaceEdit {
  const ok = t.kind === 'cpp-macro' ? /^[A-Za-z_]\w*$/ : /^[A-Za-z_.$][\w.$]*$/;
  if (!ok.test(newName)) throw new ResponseError(-32602, `'${newName}' is not a valid ${t.kind === 'cpp-macro' ? 'macro' : 'symbol'} name`);
  const changes: Record<string, TextEdit[]> = {};
  for (const { file, occ } of occurrencesOf(a, read, t)) {
    const uri = file === a.file ? a.uri : uriOfFile(file);
    (changes[uri] ??= []).push({ range: { start: { line: occ.line, character: occ.col }, end: { line: occ.line, character: occ.endCol } }, newText: newName });
  }
  return { changes };
}

export function referencesFeature(service: AnalysisService): Feature {
  return {
    name: 'references',
    capabilities(caps: ServerCapabilities) {
      caps.definitionProvider = true;
      caps.referencesProvider = true;
      caps.documentHighlightProvider = true;
      caps.renameProvider = { prepareProvider: true };
    },
    register(ctx: ServerContext) {
      const { connection, log } = ctx;
      /** The analysis, a reader over its files and the target at a position. */
      const resolve = async (uri: string, pos: Position, token?: CancellationToken) => {
        const a = await service.get(uri, token);
        const doc = service.document(uri);
        if (!a || !doc || a.degraded) return undefined;
        const text = doc.getText();
        const read: Reader = (f) => (f === a.file ? text : service.driver.readFile(f));
        const line = doc.getText({ start: { line: pos.line, character: 0 }, end: { line: pos.line, character: Number.MAX_SAFE_INTEGER } }).replace(/\r?\n$/, '');
        const t = targetAt(a, read, line, pos.line, pos.character);
        return t ? { a, read, t } : undefined;
      };
      const loc = (a: DocumentAnalysis, file: string, l: number, c: number, e: number): Location => ({
        uri: file === a.file ? a.uri : uriOfFile(file),
        range: { start: { line: l, character: c }, end: { line: l, character: e } },
      });

      connection.onDefinition(guarded(log, 'textDocument/definition', async (p, token) => {
        const r = await resolve(p.textDocument.uri, p.position, token);
        const d = r?.t.def;
        return r && d ? loc(r.a, d.file, d.line, d.col, d.endCol) : null;
      }, null));

      connection.onReferences(guarded(log, 'textDocument/references', async (p, token) => {
        const r = await resolve(p.textDocument.uri, p.position, token);
        if (!r) return [];
        const d = r.t.def;
        return occurrencesOf(r.a, r.read, r.t)
          .filter(({ file, occ }) => p.context.includeDeclaration || !(d && file === d.file && occ.line === d.line && occ.col === d.col))
          .map(({ file, occ }) => loc(r.a, file, occ.line, occ.col, occ.endCol));
      }, []));

      connection.onDocumentHighlight(guarded(log, 'textDocument/documentHighlight', async (p, token) => {
        const r = await resolve(p.textDocument.uri, p.position, token);
        if (!r) return [];
        const d = r.t.def;
        return occurrencesOf(r.a, r.read, r.t)
          .filter(({ file }) => file === r.a.file)
          .map(({ occ }): DocumentHighlight => ({
            range: { start: { line: occ.line, character: occ.col }, end: { line: occ.line, character: occ.endCol } },
            kind: d && d.file === r.a.file && d.line === occ.line && d.col === occ.col ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
          }));
      }, []));

      connection.onPrepareRename(guarded(log, 'textDocument/prepareRename', async (p) => {
        const r = await resolve(p.textDocument.uri, p.position);
        if (!r || !RENAMABLE.has(r.t.kind) || !r.t.def) return null;
        const at = r.t.at;
        return { range: { start: { line: at.line, character: at.col }, end: { line: at.line, character: at.endCol } }, placeholder: r.t.name };
      }, null));

      connection.onRenameRequest(guarded(log, 'textDocument/rename', async (p) => {
        const r = await resolve(p.textDocument.uri, p.position);
        if (!r || !RENAMABLE.has(r.t.kind) || !r.t.def) throw new ResponseError(-32602, 'nothing to rename here (a label, macro, .req or .set name)');
        return renameEdits(r.a, r.read, r.t, p.newName);
      }, null));
    },
  };
}
