// The analysis features over stdio on our fixtures: diagnostics of the front end, the ABI checker
// and the C checker (with related information and settings' severities), quick-fixes, inlay
// hints, code lenses, the listing and patch-site requests, and re-analysis when an include changes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileUri } from './lsp-client';
import { FIXTURES, Session, type Range } from './lsp-harness';

interface Diag {
  range: Range;
  severity: number;
  code: string;
  message: string;
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
}
interface CodeAction {
  title: string;
  kind: string;
  edit: { changes: Record<string, { range: Range; newText: string }[]> };
}
interface InlayHint {
  position: { line: number; character: number };
  label: string;
}
interface CodeLens {
  range: Range;
  command: { title: string; command: string };
}

const fixture = (rel: string) => {
  const path = join(FIXTURES, rel);
  return { path, uri: fileUri(path), text: readFileSync(path, 'utf8') };
};

/** 0-based index of the first line matching `re`. */
const lineOf = (text: string, re: RegExp) => {
  const i = text.split('\n').findIndex((l) => re.test(l));
  assert.ok(i >= 0, `no line matches ${re}`);
  return i;
};

describe('diagnostics and quick-fixes', { timeout: 60_000 }, () => {
  const s = new Session({ era: '6.2-with-args' });
  before(() => s.start());
  after(() => s.stop());

  it('publishes an ABI diagnostic with related information, and its quick-fix', async () => {
    const f = fixture('kernel/buggy/wrong-restore-slot.S');
    s.open(f.uri, f.text);
    const diags = await s.diagnostics<Diag>(f.uri);
    const d = diags.find((x) => x.code === 'abi/restore-slot-mismatch');
    assert.ok(d, JSON.stringify(diags));
    assert.equal(d.severity, 1);
    assert.ok((d.relatedInformation?.length ?? 0) >= 1);
    assert.ok(d.relatedInformation!.every((r) => r.location.uri === f.uri));
    const actions = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: f.uri }, range: d.range, context: { diagnostics: [d] } });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'quickfix');
    assert.match(actions[0].title, /^Load x2, x3 from the slot they were saved to/);
    const edits = actions[0].edit.changes[f.uri];
    assert.equal(edits.length, 1);
    assert.equal(edits[0].newText, '[sp, #FREGS_X2]');
    const line = f.text.split('\n')[edits[0].range.start.line];
    // the edit replaces exactly the wrong memory operand
    assert.match(line.slice(edits[0].range.start.character, edits[0].range.end.character), /^\[sp, #FREGS_X\d+\]$/);
  });

  it('offers the quick-fix for a range inside the diagnostic even without the diagnostics echoed', async () => {
    const f = fixture('kernel/buggy/wrong-restore-slot.S');
    const diags = await s.diagnostics<Diag>(f.uri);
    const d = diags.find((x) => x.code === 'abi/restore-slot-mismatch')!;
    const actions = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: f.uri }, range: { start: d.range.start, end: d.range.start }, context: { diagnostics: [] } });
    assert.equal(actions.length, 1);
    const none = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: f.uri }, range: d.range, context: { diagnostics: [], only: ['refactor'] } });
    assert.deepEqual(none, []);
  });

  it('inserts `bti c` where the config asks for landing pads (era and config from the settings)', async () => {
    s.settings = { era: '5.10', config: { CONFIG_ARM64_BTI: 'y', CONFIG_ARM64_BTI_KERNEL: 'y' } };
    s.client.notify('workspace/didChangeConfiguration', { settings: null });
    const f = fixture('kernel/buggy/missing-bti-c.S');
    s.open(f.uri, f.text);
    const diags = await s.diagnostics<Diag>(f.uri, (ds) => ds.some((d) => d.code === 'abi/missing-bti'));
    const d = diags.find((x) => x.code === 'abi/missing-bti')!;
    const [action] = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: f.uri }, range: d.range, context: { diagnostics: [d] } });
    assert.equal(action.title, 'Insert `bti c`');
    const [edit] = action.edit.changes[f.uri];
    assert.match(edit.newText, /^\tbti\s+c\n$/);
    assert.deepEqual(edit.range.start, edit.range.end);
  });

  it('applies per-rule and per-family severities from the settings', async () => {
    s.settings = { era: '6.2-with-args', diagnostics: { severity: { 'abi/*': 'hint', 'abi/lr-convention': 'off' } } };
    s.client.notify('workspace/didChangeConfiguration', { settings: null });
    const f = fixture('kernel/buggy/misaligned-sp.S');
    s.open(f.uri, f.text);
    const diags = await s.diagnostics<Diag>(f.uri);
    const codes = diags.map((d) => d.code);
    assert.ok(codes.includes('abi/stack-misaligned'), codes.join());
    assert.ok(!codes.includes('abi/lr-convention'), codes.join());
    for (const d of diags.filter((x) => x.code.startsWith('abi/'))) assert.equal(d.severity, 4);
    s.settings = { era: '6.2-with-args' };
  });

  it('reports nothing on a correct fixture of its era', async () => {
    s.settings = { era: '6.1' };
    s.client.notify('workspace/didChangeConfiguration', { settings: null });
    const f = fixture('kernel/entry-ftrace-6.1.S');
    s.open(f.uri, f.text);
    assert.deepEqual(await s.diagnostics<Diag>(f.uri), []);
  });

  it("publishes the C checker's diagnostics and applies its fix for true-as-enum", async () => {
    const uri = fileUri('/tmp/aarch64-ftrace-lsp/arch/arm64/kernel/ftrace.c');
    const text = ['#include <asm/insn.h>', 'u32 f(unsigned long pc, unsigned long addr)', '{', '\treturn aarch64_insn_gen_branch_imm(pc, addr, true);', '}', ''].join('\n');
    s.open(uri, text, 'c');
    const diags = await s.diagnostics<Diag>(uri);
    const d = diags.find((x) => x.code === 'insn/bool-as-enum');
    assert.ok(d, JSON.stringify(diags));
    assert.equal(d.range.start.line, 3);
    assert.equal(text.split('\n')[3].slice(d.range.start.character, d.range.end.character), 'true');
    const [action] = await s.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    assert.equal(action.edit.changes[uri][0].newText, 'AARCH64_INSN_BRANCH_LINK');
  });

  it('debounces edits: only the last of a burst is published', async () => {
    const uri = s.uri('burst.S');
    s.open(uri, '\tnop\n');
    await s.diagnostics(uri);
    let v = 1;
    for (let i = 0; i < 5; i++) v = s.change(uri, `\tnop\n\tbogus${i} x0\n`);
    const diags = await s.diagnostics<Diag>(uri, (_d, version) => version === v);
    assert.equal(diags.length, 1);
    assert.match(diags[0].message, /bogus4/);
    const versions = s.client.received<{ uri: string; version?: number }>('textDocument/publishDiagnostics').filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [1, v]);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = s.uri('closed.S');
    s.open(uri, '\tbogus x0\n');
    await s.diagnostics(uri, (d) => d.length === 1);
    s.close(uri);
    await s.client.waitForNotification<{ uri: string; diagnostics: unknown[] }>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length === 0);
  });

  it('re-analyses a document when an include it reads is edited in the editor', async () => {
    const dir = '/tmp/aarch64-ftrace-lsp/include-change';
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'words.h'), '#define WORD nop\n');
    const main = fileUri(join(dir, 'main.S'));
    s.open(main, '#include "words.h"\n\tWORD\n');
    assert.deepEqual(await s.diagnostics<Diag>(main), []);
    const header = fileUri(join(dir, 'words.h'));
    s.open(header, '#define WORD nop\n', 'c');
    s.change(header, '#define WORD not_an_insn x0\n');
    const diags = await s.diagnostics<Diag>(main, (d) => d.length > 0);
    assert.match(diags[0].message, /not_an_insn/);
    assert.equal(diags[0].range.start.line, 1);
  });
});

describe('inlay hints, code lenses, listing and patch sites', { timeout: 60_000 }, () => {
  const s = new Session({ era: 'mcount' });
  const f = fixture('kernel/entry-ftrace-mcount.S');
  before(async () => {
    await s.start();
    s.open(f.uri, f.text);
  });
  after(() => s.stop());
  const whole = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };

  it('puts the address and word at the end of each instruction line', async () => {
    const hints = await s.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: f.uri }, range: whole });
    assert.ok(hints.length > 20, `${hints.length} hints`);
    const lines = f.text.split('\n');
    const labels = new Map(hints.map((h) => [h.position.line, h.label]));
    const nop = lineOf(f.text, /^GLOBAL\(ftrace_graph_call\)/) + 1;
    const hint = hints.find((h) => h.position.line === nop)!;
    assert.equal(hint.position.character, lines[nop].length);
    assert.match(hint.label, /^0x[0-9a-f]+  d503201f$/);
    // a macro body line: its word (the same in each expansion)
    const stp = lineOf(f.text, /^\s+stp\s+x29, x30, \[sp, #-16\]!/);
    assert.match(labels.get(stp) ?? '', /^a9bf7bfd( ×\d+)?$/);
    // a macro invocation: the words it produced
    // (the last invocation: the first is in the !CONFIG_DYNAMIC_FTRACE branch, not assembled)
    const enter = lines.length - 1 - [...lines].reverse().findIndex((l) => /^\s+mcount_enter\b/.test(l));
    assert.match(labels.get(enter) ?? '', /^0x[0-9a-f]+  → \d+ words: a9bf7bfd /);
  });

  it('honours the inlay-hint switches', async () => {
    s.settings = { era: 'mcount', inlayHints: { address: false } };
    s.client.notify('workspace/didChangeConfiguration', { settings: null });
    const words = await s.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: f.uri }, range: whole });
    assert.match(words[0].label, /^[0-9a-f]{8}$/);
    s.settings = { era: 'mcount', inlayHints: { enable: false } };
    s.client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await s.request('textDocument/inlayHint', { textDocument: { uri: f.uri }, range: whole }), []);
    s.settings = { era: 'mcount' };
    s.client.notify('workspace/didChangeConfiguration', { settings: null });
  });

  it('shows patch-site and contract lenses', async () => {
    const lenses = await s.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: f.uri } });
    const titles = lenses.map((l) => l.command.title);
    const graph = titles.find((t) => t.startsWith('patch site ftrace_graph_call:'));
    assert.ok(graph, titles.join('\n'));
    assert.match(graph, /compiled d503201f nop → enabled [0-9a-f]{8} b /);
    assert.ok(titles.some((t) => /^patch site ftrace_call: compiled [0-9a-f]{8}/.test(t)), titles.join('\n'));
    const caller = lenses.find((l) => /^contract mcount \(kernel name\)/.test(l.command.title));
    assert.ok(caller, titles.join('\n'));
    assert.ok(titles.some((t) => /^contract return-to-handler .*keeps x0–x7, x19–x29, sp, d8–d15/.test(t)), titles.join('\n'));
    const site = lenses.find((l) => l.command.title.startsWith('patch site ftrace_graph_call'))!;
    assert.equal(site.range.start.line, lineOf(f.text, /^GLOBAL\(ftrace_graph_call\)/));
    assert.equal(site.command.command, 'aarch64-ftrace.showPatchSites');
  });

  it('hovers a patch site with its states, and a trampoline with its contract', async () => {
    const line = lineOf(f.text, /^GLOBAL\(ftrace_graph_call\)/);
    const h = await s.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: f.uri }, position: { line, character: 10 } });
    assert.match(h.contents.value, /\*\*patch site\*\* `ftrace_graph_call` \(ftrace_graph_call\)/);
    assert.match(h.contents.value, /\| compiled \| `d503201f` \| `nop` \| compiler \|/);
    assert.match(h.contents.value, /\| enabled \| `[0-9a-f]{8}` \| `b /);
    const entry = lineOf(f.text, /^ENTRY\(ftrace_caller\)/);
    const c = await s.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: f.uri }, position: { line: entry, character: 8 } });
    assert.match(c.contents.value, /\*\*contract `mcount`\*\* — mcount-era trampoline \(by its kernel name\)/);
  });

  it('answers the patch-site request with the words of each state', async () => {
    const r = await s.request<{ sites: { symbol: string; line: number; states: { name: string; word: string; text: string }[] }[] }>('aarch64-ftrace/patchSites', { uri: f.uri });
    const graph = r.sites.find((x) => x.symbol === 'ftrace_graph_call');
    assert.ok(graph);
    assert.deepEqual(graph.states.map((x) => x.name), ['compiled', 'enabled', 'disabled']);
    assert.equal(graph.states[0].word, 'd503201f');
  });

  it('lists the assembled document, linked back to its lines', async () => {
    const r = await s.request<{ text: string; links: { line: number; uri: string; sourceLine: number }[] }>('aarch64-ftrace/listing', { uri: f.uri });
    assert.match(r.text, /Disassembly of section \.text:/);
    const lines = r.text.split('\n');
    const stp = lines.findIndex((l) => /\ta9bf7bfd \tstp\tx29, x30, \[sp, #-16\]!/.test(l));
    assert.ok(stp >= 0, r.text.slice(0, 1000));
    const link = r.links.find((l) => l.line === stp);
    assert.ok(link);
    assert.equal(link.uri, f.uri);
    // the line written in the file that produced it: here the invocation of the macro holding the stp
    assert.match(f.text.split('\n')[link.sourceLine], /^\s+mcount_enter\b/);
  });
});

describe('C files: lenses and hovers from the C checker', { timeout: 60_000 }, () => {
  const s = new Session();
  before(() => s.start());
  after(() => s.stop());

  it('folds a constant generator call into its word', async () => {
    const uri = fileUri('/tmp/aarch64-ftrace-lsp/arch/arm64/kernel/fold.c');
    const text = '#include <asm/insn.h>\nstatic u32 lr_save(void)\n{\n\treturn aarch64_insn_gen_move_reg(AARCH64_INSN_REG_9, AARCH64_INSN_REG_LR, AARCH64_INSN_VARIANT_64BIT);\n}\n';
    s.open(uri, text, 'c');
    const lenses = await s.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command.title, 'aarch64_insn_gen_move_reg → aa1e03e9 mov x9, x30');
    assert.equal(lenses[0].range.start.line, 3);
    const h = await s.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 12 } });
    assert.match(h.contents.value, /`aarch64_insn_gen_move_reg\(…\)` with these constant arguments returns `0xaa1e03e9`/);
    assert.match(h.contents.value, /\*\*`mov x9, x30`\*\*/);
  });

  it('lenses each runtime patch call with old → new, validation and CMODX safety, and hovers it', async () => {
    const f = fixture('c/ftrace-patching.c');
    s.open(f.uri, f.text, 'c');
    const lenses = await s.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: f.uri } });
    const titles = lenses.map((l) => l.command.title);
    const mov = lenses.find((l) => l.command.title === 'ftrace_modify_code: d503201f nop → aa1e03e9 mov x9, x30 · validated · not CMODX-safe');
    assert.ok(mov, titles.join('\n'));
    const line = lineOf(f.text, /ftrace_modify_code\(pc - AARCH64_INSN_SIZE, old, new, true\)/);
    assert.equal(mov.range.start.line, line);
    assert.equal(mov.command.command, 'aarch64-ftrace.showPatchSites');
    // the same pair in ftrace_init_nop runs before the code can: init only
    assert.ok(titles.includes('ftrace_modify_code: d503201f nop → aa1e03e9 mov x9, x30 · validated · not CMODX-safe (init only)'), titles.join('\n'));
    assert.ok(titles.includes('ftrace_modify_code: d503201f nop → bl addr · validated · CMODX-safe'), titles.join('\n'));
    assert.ok(titles.includes('ftrace_modify_code: → bl (unsigned long)func · not validated (as the kernel does here) · CMODX-safe'), titles.join('\n'));
    const col = f.text.split('\n')[line].indexOf('ftrace_modify_code') + 3;
    const h = await s.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: f.uri }, position: { line, character: col } });
    assert.match(h.contents.value, /\*\*runtime patch\*\* `ftrace_modify_code` in `fixture_make_call\(\)` at `pc - AARCH64_INSN_SIZE`/);
    const movLine = lineOf(f.text, /new = aarch64_insn_gen_move_reg\(/) + 1;
    assert.match(h.contents.value, new RegExp(`\\| new \\| \`aa1e03e9\` \\| \`mov x9, x30\` \\| \`aarch64_insn_gen_move_reg\` \\(line ${movLine}\\) \\|`));
    assert.match(h.contents.value, /validated: the old word is read back .*\*\*not a CMODX-safe pair\*\*/);
    // codeLens.insnGen off: no C lenses
    s.settings = { codeLens: { insnGen: false } };
    s.client.notify('workspace/didChangeConfiguration', { settings: null });
    const none = await s.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: f.uri } });
    assert.deepEqual(none, []);
    s.settings = {};
    s.client.notify('workspace/didChangeConfiguration', { settings: null });
  });
});
