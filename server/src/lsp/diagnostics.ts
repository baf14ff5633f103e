// Diagnostics: each analysis of an open document's current version is published. A diagnostic
// from an included file or a macro body shows where this document leads to it (the #include
// line, the invocation), with the real place as related information.
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
  type ServerCapabilities,
} from 'vscode-languageserver';
import type { DocumentAnalysis, Level, LeveledDiagnostic } from '../driver';
import type { Feature, ServerContext } from './context';
import type { AnalysisService } from './analysis-service';
import { anchorIn, locationOf, rangeOf } from './locations';

const SEVERITY: Record<Level, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Diagnostics published per document (a flood of errors in a broken file helps no one). */
const MAX_DIAGNOSTICS = 1000;

function shortName(f: string): string {
  return f.slice(f.lastIndexOf('/') + 1);
}

export function toLspDiagnostic(a: DocumentAnalysis, d: LeveledDiagnostic): LspDiagnostic | undefined {
  const anchor = anchorIn(d.origin, a.file);
  if (!anchor) return undefined;
  const related: DiagnosticRelatedInformation[] = [];
  let message = d.message;
  if (anchor.via) {
    message = `${shortName(d.origin.loc.file)}:${d.origin.loc.line + 1}: ${d.message}`;
    related.push({ location: locationOf(d.origin.loc, a.file, a.uri), message: 'reported here' });
  }
  for (const r of d.related ?? []) related.push({ location: locationOf(r.origin.loc, a.file, a.uri), message: r.message });
  // macro expansions inside this document: where the statement was written
  for (const f of d.origin.stack) {
    if (f.kind !== 'include' && f.at !== anchor.loc) related.push({ location: locationOf(f.at, a.file, a.uri), message: `${f.kind.replace('-', ' ')} ${f.name}` });
  }
  const out: LspDiagnostic = {
    range: rangeOf(anchor.loc),
    severity: SEVERITY[d.level],
    code: d.code,
    source: 'aarch64-ftrace',
    message,
  };
  if (related.length) out.relatedInformation = related.slice(0, 20);
  if (d.code.endsWith('/unused') || d.code.endsWith('-unused')) out.tags = [DiagnosticTag.Unnecessary];
  return out;
}

const MISSING_INCLUDE = 'cpp/missing-include';

/**
 * Headers missing deep inside one `#include` of the document (kbuild's generated headers when no
 * build dir is set) are one diagnostic on that line, each header as related information.
 */
function missingIncludes(a: DocumentAnalysis, group: readonly LspDiagnostic[]): LspDiagnostic {
  const first = group[0];
  // a kernel tree without its build dir: the headers kbuild generates are missing
  const hint = a.settings.buildDir === '' && a.settings.kernelSourceRoot !== '' ? ' (kbuild generates some kernel headers: set aarch64-ftrace.buildDir to a prepared build directory)' : '';
  if (group.length === 1) return hint ? { ...first, message: first.message + hint } : first;
  const names = group.map((d) => /<[^>]+>|"[^"]+"/.exec(d.message)?.[0] ?? d.message);
  return {
    ...first,
    message: `${group.length} headers included from here are not in the include paths: ${names.join(', ')}${hint}`,
    relatedInformation: group.flatMap((d) => d.relatedInformation ?? []).slice(0, 20),
  };
}

export function lspDiagnostics(a: DocumentAnalysis): LspDiagnostic[] {
  const out: LspDiagnostic[] = [];
  const seen = new Set<string>();
  const missing = new Map<number, LspDiagnostic[]>();
  for (const d of a.diagnostics) {
    const l = toLspDiagnostic(a, d);
    if (!l) continue;
    if (d.code === MISSING_INCLUDE && d.origin.loc.file !== a.file) {
      const line = l.range.start.line;
      const g = missing.get(line);
      if (!g) {
        missing.set(line, [l]);
        out.push(l);
      } else if (!g.some((x) => x.message === l.message)) g.push(l);
      continue;
    }
    // the same header problem reached through several includes is shown once
    const key = `${l.range.start.line}:${l.range.start.character}:${l.code}:${l.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(l);
    if (out.length >= MAX_DIAGNOSTICS) break;
  }
  return missing.size ? out.map((l) => (l.code === MISSING_INCLUDE && missing.get(l.range.start.line)?.[0] === l ? missingIncludes(a, missing.get(l.range.start.line)!) : l)) : out;
}

export function diagnosticsFeature(service: AnalysisService): Feature {
  return {
    name: 'diagnostics',
    capabilities(_caps: ServerCapabilities) {
      // pushed with textDocument/publishDiagnostics
    },
    register(ctx: ServerContext) {
      const publish = (uri: string, version: number | undefined, diagnostics: LspDiagnostic[]) =>
        void ctx.connection.sendDiagnostics({ uri, version, diagnostics }).catch((err: unknown) => ctx.log.error(`publishing diagnostics for ${uri} failed`, err));
      service.onAnalysed((a) => publish(a.uri, a.version, lspDiagnostics(a)));
      service.onClosed((uri) => publish(uri, undefined, []));
    },
  };
}
