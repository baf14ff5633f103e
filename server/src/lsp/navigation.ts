// Document symbols, folding ranges and document links (#include / .include) from the driver's
// outline. The outline comes from a light scan of the text, so these work in code that does not
// assemble yet.
import {
  SymbolKind,
  FoldingRangeKind,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type ServerCapabilities,
} from 'vscode-languageserver';
import type { OutlineKind, OutlineSymbol } from '../asm/outline';
import type { DocumentAnalysis } from '../driver';
import { guarded } from './connection-log';
import type { Feature, ServerContext } from './context';
import type { AnalysisService } from './analysis-service';
import { uriOfFile } from './locations';

const KIND: Record<OutlineKind, SymbolKind> = {
  function: SymbolKind.Function,
  code: SymbolKind.Function,
  label: SymbolKind.Key,
  macro: SymbolKind.Module,
  section: SymbolKind.Namespace,
  define: SymbolKind.Constant,
  equate: SymbolKind.Constant,
  'register-alias': SymbolKind.Variable,
  struct: SymbolKind.Struct,
  enum: SymbolKind.Enum,
};

function documentSymbol(s: OutlineSymbol): DocumentSymbol {
  const selectionRange = { start: { line: s.line, character: s.col }, end: { line: s.line, character: s.col + s.name.length } };
  return {
    name: s.name,
    detail: s.detail,
    kind: KIND[s.kind],
    range: { start: { line: s.line, character: 0 }, end: { line: s.endLine, character: s.endCol } },
    selectionRange,
    children: s.children.map(documentSymbol),
  };
}

export function documentSymbols(a: DocumentAnalysis): DocumentSymbol[] {
  return a.outline.symbols.map(documentSymbol);
}

export function foldingRanges(a: DocumentAnalysis): FoldingRange[] {
  return a.outline.folds.map((f) => ({
    startLine: f.startLine,
    endLine: f.endLine,
    ...(f.kind === 'comment' ? { kind: FoldingRangeKind.Comment } : f.kind === 'region' ? { kind: FoldingRangeKind.Region } : {}),
  }));
}

export function documentLinks(a: DocumentAnalysis, resolve: (name: string, angled: boolean) => string | undefined): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const inc of a.outline.includes) {
    const path = resolve(inc.name, inc.angled);
    if (!path) continue;
    out.push({ range: { start: { line: inc.line, character: inc.col }, end: { line: inc.line, character: inc.endCol } }, target: uriOfFile(path), tooltip: path });
  }
  return out;
}

export function navigationFeature(service: AnalysisService): Feature {
  return {
    name: 'navigation',
    capabilities(caps: ServerCapabilities) {
      caps.documentSymbolProvider = { label: 'AArch64 ftrace' };
      caps.foldingRangeProvider = true;
      caps.documentLinkProvider = { resolveProvider: false };
    },
    register(ctx: ServerContext) {
      const { connection, log } = ctx;
      connection.onDocumentSymbol(guarded(log, 'textDocument/documentSymbol', async (p, token) => {
        const a = await service.get(p.textDocument.uri, token);
        return a && !a.degraded ? documentSymbols(a) : [];
      }, []));
      connection.onFoldingRanges(guarded(log, 'textDocument/foldingRange', async (p, token) => {
        const a = await service.get(p.textDocument.uri, token);
        return a && !a.degraded ? foldingRanges(a) : [];
      }, []));
      connection.onDocumentLinks(guarded(log, 'textDocument/documentLink', async (p, token) => {
        const a = await service.get(p.textDocument.uri, token);
        return a && !a.degraded ? documentLinks(a, (name, angled) => service.driver.resolveInclude(a, name, angled)) : [];
      }, []));
    },
  };
}
