// Code actions: every `fixes` entry of a core diagnostic becomes a quick-fix. The diagnostics the
// client sends back are matched to the current analysis by code and range, so nothing but the
// core's own fix is ever applied.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type ServerCapabilities,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Fix } from '../asm/types';
import type { DocumentAnalysis, LeveledDiagnostic } from '../driver';
import { guarded } from './connection-log';
import type { Feature, ServerContext } from './context';
import type { AnalysisService } from './analysis-service';
import { toLspDiagnostic } from './diagnostics';
import { rangeOf, uriOfFile } from './locations';

const overlaps = (a: { start: { line: number }; end: { line: number } }, b: { start: { line: number }; end: { line: number } }) =>
  a.start.line <= b.end.line && b.start.line <= a.end.line;

export function workspaceEditOf(a: DocumentAnalysis, fix: Fix): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of fix.edits) {
    const uri = e.loc.file === a.file ? a.uri : uriOfFile(e.loc.file);
    (changes[uri] ??= []).push({ range: rangeOf(e.loc), newText: e.newText });
  }
  return { changes };
}

export function codeActionsFor(a: DocumentAnalysis, p: CodeActionParams): CodeAction[] {
  const wanted = p.context.only;
  if (wanted && !wanted.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty || CodeActionKind.QuickFix.startsWith(k + '.'))) return [];
  const sent = p.context.diagnostics ?? [];
  const out: CodeAction[] = [];
  for (const d of a.diagnostics as readonly LeveledDiagnostic[]) {
    if (!d.fixes?.length) continue;
    const lsp = toLspDiagnostic(a, d);
    if (!lsp || !overlaps(lsp.range, p.range)) continue;
    const echoed = sent.find((s) => s.code === lsp.code && s.range.start.line === lsp.range.start.line && s.range.start.character === lsp.range.start.character);
    d.fixes.forEach((fix, i) => {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [echoed ?? lsp],
        isPreferred: i === 0 && d.fixes!.length === 1,
        edit: workspaceEditOf(a, fix),
      });
    });
  }
  return out;
}

export function codeActionsFeature(service: AnalysisService): Feature {
  return {
    name: 'code-actions',
    capabilities(caps: ServerCapabilities) {
      caps.codeActionProvider = { codeActionKinds: [CodeActionKind.QuickFix] };
    },
    register(ctx: ServerContext) {
      ctx.connection.onCodeAction(guarded(ctx.log, 'textDocument/codeAction', async (p: CodeActionParams, token) => {
        const a = await service.get(p.textDocument.uri, token);
        return a && !a.degraded ? codeActionsFor(a, p) : [];
      }, []));
    },
  };
}
