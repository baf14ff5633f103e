// Navigation over stdio: document symbols, folding, document links, go to definition, references,
// document highlights and rename across #includes (labels, gas macros, #define, .req, .set, local
// labels). Positions are `|` markers in the fixture strings.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspResponseError, fileUri } from './lsp-client';
import { FIXTURES, Session, cursor, type Position, type Range } from './lsp-harness';

interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: number;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}
interface Location {
  uri: string;
  range: Range;
}

const DIR = '/tmp/aarch64-ftrace-lsp/nav';
const HEADER = ['#define FRAME_SIZE 32', '\t.macro frame_push', '\tstp\tx29, x30, [sp, #-FRAME_SIZE]!', '\t.endm', ''].join('\n');

describe('navigation', { timeout: 60_000 }, () => {
  const s = new Session({ era: 'mcount' });
  before(async () => {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(join(DIR, 'frame.h'), HEADER);
    await s.start();
  });
  after(() => s.stop());

  /** Opens `name` in DIR with the marked text; returns its URI and the marker's position. */
  const openMarked = (name: string, marked: string): { uri: string; position: Position; text: string } => {
    const { text, position } = cursor(marked);
    const uri = fileUri(join(DIR, name));
    s.open(uri, text);
    return { uri, position, text };
  };

  it('outlines SYM_* blocks with their labels, macros and sections', async () => {
    const path = join(FIXTURES, 'entry-ftrace.S');
    const uri = fileUri(path);
    s.open(uri, readFileSync(path, 'utf8'));
    const syms = await s.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const caller = syms.find((x) => x.name === 'ftrace_caller' && x.detail === 'SYM_CODE_START');
    assert.ok(caller, syms.map((x) => x.name).join());
    assert.equal(caller.kind, 12 /* Function */);
    assert.ok(caller.range.end.line > caller.range.start.line);
    assert.ok(caller.children!.some((c) => c.name === 'ftrace_call'), JSON.stringify(caller.children?.map((c) => c.name)));
    assert.ok(syms.some((x) => x.name === 'ftrace_stub'));
    const folds = await s.request<{ startLine: number; endLine: number; kind?: string }[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folds.some((f) => f.startLine === caller.range.start.line && f.endLine === caller.range.end.line));
    assert.ok(folds.some((f) => f.kind === 'comment' && f.startLine === 0 && f.endLine >= 11), 'the header comment folds');
    assert.ok(folds.filter((f) => f.kind === 'region').length > 3);
  });

  it('links #include "…" to the file it names', async () => {
    const { uri } = openMarked('links.S', '#include "frame.h"|\n#include <linux/linkage.h>\n');
    const links = await s.request<{ range: Range; target: string }[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.equal(links.length, 1, 'the built-in fallback header has no file to link to');
    assert.equal(links[0].target, fileUri(join(DIR, 'frame.h')));
    assert.deepEqual(links[0].range, { start: { line: 0, character: 10 }, end: { line: 0, character: 17 } });
  });

  it('goes to a gas macro and a #define in an included file', async () => {
    const main = '#include "frame.h"\n\tframe_p|ush\n\tadd\tsp, sp, #FRAME_SIZE\n';
    const { uri, position } = openMarked('def-macro.S', main);
    const def = await s.request<Location>('textDocument/definition', { textDocument: { uri }, position });
    assert.equal(def.uri, fileUri(join(DIR, 'frame.h')));
    assert.deepEqual(def.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 18 } });
    const def2 = await s.request<Location>('textDocument/definition', { textDocument: { uri }, position: { line: 2, character: 18 } });
    assert.deepEqual(def2, { uri: fileUri(join(DIR, 'frame.h')), range: { start: { line: 0, character: 8 }, end: { line: 0, character: 18 } } });
  });

  it('goes to a label, a .set symbol, a .req alias and a local label', async () => {
    const text = ['\t.set\tSLOTS, 4', 'tmp\t.req\tx9', 'entry:', '1:\tsub\ttmp, tmp, #SLOTS', '\tcbnz\ttmp, 1b', '\tb\tentry', ''].join('\n');
    const uri = fileUri(join(DIR, 'def-symbols.S'));
    s.open(uri, text);
    const at = async (line: number, character: number) => s.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: { line, character } });
    assert.deepEqual((await at(5, 4))?.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } });
    assert.deepEqual((await at(3, 21))?.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 11 } });
    assert.deepEqual((await at(3, 8))?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    assert.deepEqual((await at(4, 12))?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } });
    assert.equal(await at(4, 2), null, 'a mnemonic has no definition');
  });

  it('finds references across the include, with or without the declaration', async () => {
    const { uri, position } = openMarked('refs.S', '#include "frame.h"\n\tframe_push\n\tsub\tsp, sp, #FRAME_|SIZE\n');
    const refs = await s.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
    const where = refs.map((r) => `${r.uri.endsWith('frame.h') ? 'h' : 'S'}:${r.range.start.line}:${r.range.start.character}`).sort();
    assert.deepEqual(where, ['S:2:14', 'h:0:8', 'h:2:22']);
    const noDecl = await s.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: false } });
    assert.equal(noDecl.length, 2);
    const hl = await s.request<{ range: Range; kind: number }[]>('textDocument/documentHighlight', { textDocument: { uri }, position });
    assert.equal(hl.length, 1);
  });

  it('renames a label in the document, and a macro across the include', async () => {
    const local = openMarked('rename.S', 'again:\n\tnop\n\tb\tag|ain\n');
    const prep = await s.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: local.uri }, position: local.position });
    assert.equal(prep.placeholder, 'again');
    const edit = await s.request<{ changes: Record<string, { range: Range; newText: string }[]> }>('textDocument/rename', { textDocument: { uri: local.uri }, position: local.position, newName: 'retry' });
    assert.deepEqual(Object.keys(edit.changes), [local.uri]);
    assert.deepEqual(edit.changes[local.uri].map((e) => e.range.start.line).sort(), [0, 2]);

    const m = openMarked('rename-macro.S', '#include "frame.h"\n\tframe_pu|sh\n');
    const e2 = await s.request<{ changes: Record<string, { range: Range; newText: string }[]> }>('textDocument/rename', { textDocument: { uri: m.uri }, position: m.position, newName: 'push_frame' });
    assert.equal(e2.changes[fileUri(join(DIR, 'frame.h'))].length, 1);
    assert.equal(e2.changes[m.uri].length, 1);
  });

  it('refuses to rename a register or mnemonic, and a bad new name', async () => {
    const r = openMarked('norename.S', 'lbl:\tmov\tx|0, x1\n');
    assert.equal(await s.request('textDocument/prepareRename', { textDocument: { uri: r.uri }, position: r.position }), null);
    await assert.rejects(
      s.request('textDocument/rename', { textDocument: { uri: r.uri }, position: { line: 0, character: 1 }, newName: '9bad' }),
      (e: unknown) => e instanceof LspResponseError && /not a valid symbol name/.test(e.message),
    );
  });
});
