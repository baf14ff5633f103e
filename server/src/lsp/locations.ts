// Core locations (file path, 0-based line and columns) as LSP ranges and URIs, and the place in
// the open document that stands for a location in an included file or a macro expansion.
import type { Location, Range } from 'vscode-languageserver';
import type { Origin, SourceLocation } from '../asm/types';

/** `/a/b c.S` → `file:///a/b%20c.S`; a non-path (an untitled URI) is returned as it is. */
export function uriOfFile(file: string): string {
  if (!file.startsWith('/')) return file;
  return 'file://' + file.split('/').map(encodeURIComponent).join('/');
}

export function rangeOf(loc: SourceLocation & { readonly endLine?: number }): Range {
  const endLine = loc.endLine ?? loc.line;
  const endCol = endLine === loc.line ? Math.max(loc.endCol, loc.startCol) : loc.endCol;
  return { start: { line: loc.line, character: loc.startCol }, end: { line: endLine, character: endCol } };
}

export function locationOf(loc: SourceLocation, file: string, uri: string): Location {
  return { uri: loc.file === file ? uri : uriOfFile(loc.file), range: rangeOf(loc) };
}

/**
 * Where an origin shows in `file`: its own location when it is there, else the outermost
 * expansion frame written in `file` (the #include line, the macro invocation). Undefined when
 * nothing of the origin is in `file`.
 */
export function anchorIn(origin: Origin, file: string): { loc: SourceLocation; via?: string } | undefined {
  if (origin.loc.file === file) return { loc: origin.loc };
  for (const f of origin.stack) {
    if (f.at.file === file) return { loc: f.at, via: `${f.kind === 'include' ? 'included from here' : `in the expansion of ${f.name}`}` };
  }
  return undefined;
}
