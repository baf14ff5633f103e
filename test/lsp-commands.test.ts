// The custom requests behind the client's commands, the shared protocol helpers, and the server's
// resilience: every handler answers (never dies) on degraded documents and malformed parameters.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAddress, parseWord } from '../server/src/lsp/protocol';
import { fileUri } from './lsp-client';
import { FIXTURES, Session } from './lsp-harness';

type DecodeResult = { ok: true; word: string; text: string | null; markdown: string } | { ok: false; error: string };

describe('protocol helpers (unit)', () => {
  it('parses words as kernel developers paste them', () => {
    assert.deepEqual(parseWord('d503201f'), { word: 0xd503201f });
    assert.deepEqual(parseWord(' 0xD503_201F '), { word: 0xd503201f });
    assert.deepEqual(parseWord('1f 20 03 d5'), { word: 0xd503201f });
    assert.deepEqual(parseWord('#16'), { word: 16 });
    assert.match((parseWord('0x1d503201f') as { error: string }).error, /32 bits/);
    assert.match((parseWord('nop') as { error: string }).error, /not a hex word/);
    assert.equal(parseAddress('ffff800080001000'), 0xffff800080001000n);
    assert.equal(parseAddress(undefined), 0n);
    assert.equal(parseAddress('zz'), undefined);
  });
});

describe('aarch64-ftrace/decodeWord', { timeout: 30_000 }, () => {
  const s = new Session();
  before(() => s.start());
  after(() => s.stop());

  it('decodes a word with its Markdown decode', async () => {
    const r = await s.request<DecodeResult>('aarch64-ftrace/decodeWord', { word: 'aa1e03e9' });
    assert.ok(r.ok);
    assert.equal(r.word, 'aa1e03e9');
    assert.equal(r.text, 'mov x9, x30');
    assert.match(r.markdown, /alias of `orr x9, xzr, x30`/);
  });

  it('decodes PC-relative targets from the given address', async () => {
    const r = await s.request<DecodeResult>('aarch64-ftrace/decodeWord', { word: '94000010', address: 'ffff800080001000' });
    assert.ok(r.ok);
    assert.equal(r.text, 'bl 0xffff800080001040');
    assert.match(r.markdown, /at 0xffff800080001000/);
  });

  it('answers an undefined encoding with text null, and bad input with an error', async () => {
    const udf = await s.request<DecodeResult>('aarch64-ftrace/decodeWord', { word: '00000000' });
    assert.ok(udf.ok && udf.text === 'udf #0');
    const u = await s.request<DecodeResult>('aarch64-ftrace/decodeWord', { word: 'ffffffff' });
    assert.ok(u.ok);
    assert.equal(u.text, null);
    assert.match(u.markdown, /undefined encoding/);
    const bad = await s.request<DecodeResult>('aarch64-ftrace/decodeWord', { word: 'xyz' });
    assert.deepEqual(bad.ok, false);
    const none = await s.request<DecodeResult>('aarch64-ftrace/decodeWord', null);
    assert.equal(none.ok, false);
    const badAddr = await s.request<DecodeResult>('aarch64-ftrace/decodeWord', { word: 'd503201f', address: 'nowhere' });
    assert.equal(badAddr.ok, false);
  });
});

describe('aarch64-ftrace/patchSites on C files', { timeout: 30_000 }, () => {
  const s = new Session();
  before(() => s.start());
  after(() => s.stop());

  type Sites = { sites: { symbol: string; kind: string; line: number; uri: string; states: { name: string; word: string; text: string }[]; note?: string; builders?: { state: string; generator: string; line: number; word?: string; text: string }[] }[]; message?: string };

  it('lists each runtime patch call with its folded words and the generator calls that build them', async () => {
    const path = join(FIXTURES, 'c/ftrace-patching.c');
    const text = readFileSync(path, 'utf8');
    const uri = fileUri(path);
    s.open(uri, text, 'c');
    const r = await s.request<Sites>('aarch64-ftrace/patchSites', { uri });
    const lines = text.split('\n');
    const lineOf = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const init = r.sites.find((x) => x.symbol === 'ftrace_init_nop()');
    assert.ok(init, JSON.stringify(r));
    assert.equal(init.kind, 'ftrace_modify_code');
    assert.equal(init.uri, uri);
    const initFn = lineOf(/^int ftrace_init_nop/);
    assert.equal(init.line, lines.findIndex((l, i) => i > initFn && /return ftrace_modify_code\(pc, old, new, true\);/.test(l)));
    assert.deepEqual(init.states, [{ name: 'old', word: 'd503201f', text: 'nop' }, { name: 'new', word: 'aa1e03e9', text: 'mov x9, x30' }]);
    assert.match(init.note ?? '', /validated · not CMODX-safe \(init only\)$/);
    const movAt = lines.findIndex((l, i) => i > initFn && /new = aarch64_insn_gen_move_reg\(/.test(l));
    assert.deepEqual(init.builders?.map((b) => [b.state, b.generator, b.line, b.word]), [['old', 'aarch64_insn_gen_nop', movAt - 1, 'd503201f'], ['new', 'aarch64_insn_gen_move_reg', movAt, 'aa1e03e9']]);
    // a word that is not constant is described by its builder; a blind write lists only the new word
    const blind = r.sites.find((x) => x.symbol === 'ftrace_update_ftrace_func()');
    assert.deepEqual(blind?.states, [{ name: 'new', word: '?', text: 'bl (unsigned long)func' }]);
    assert.deepEqual(r.sites.filter((x) => x.kind === 'aarch64_insn_patch_text_nosync').map((x) => x.states.map((st) => st.text)), [['nop'], ['bti c'], ['bti c']]);
  });

  it('says why a C file has none', async () => {
    const uri = fileUri('/tmp/aarch64-ftrace-lsp/arch/arm64/kernel/none.c');
    s.open(uri, '#include <asm/insn.h>\nu32 f(void) { return aarch64_insn_gen_nop(); }\n', 'c');
    const r = await s.request<Sites>('aarch64-ftrace/patchSites', { uri });
    assert.deepEqual(r.sites, []);
    assert.match(r.message ?? '', /no runtime patch calls/);
  });
});

describe('resilience', { timeout: 60_000 }, () => {
  const s = new Session();
  before(() => s.start());
  after(() => s.stop());

  const pos = { line: 0, character: 0 };
  const whole = { start: pos, end: { line: 10, character: 0 } };
  const requests = (uri: string): [string, unknown][] => [
    ['textDocument/hover', { textDocument: { uri }, position: pos }],
    ['textDocument/inlayHint', { textDocument: { uri }, range: whole }],
    ['textDocument/codeLens', { textDocument: { uri } }],
    ['textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [] } }],
    ['textDocument/documentSymbol', { textDocument: { uri } }],
    ['textDocument/foldingRange', { textDocument: { uri } }],
    ['textDocument/documentLink', { textDocument: { uri } }],
    ['textDocument/definition', { textDocument: { uri }, position: pos }],
    ['textDocument/references', { textDocument: { uri }, position: pos, context: { includeDeclaration: true } }],
    ['textDocument/documentHighlight', { textDocument: { uri }, position: pos }],
    ['textDocument/prepareRename', { textDocument: { uri }, position: pos }],
    ['textDocument/semanticTokens/full', { textDocument: { uri } }],
    ['textDocument/completion', { textDocument: { uri }, position: pos }],
    ['textDocument/signatureHelp', { textDocument: { uri }, position: pos }],
    ['aarch64-ftrace/listing', { uri }],
    ['aarch64-ftrace/patchSites', { uri }],
  ];

  it('gives a binary document highlighting only: empty answers, no diagnostics', async () => {
    const uri = s.uri('binary.S');
    const bytes = randomBytes(8192);
    for (let i = 0; i < bytes.length; i += 50) bytes[i] = 0;
    s.open(uri, bytes.toString('latin1'));
    for (const [method, params] of requests(uri)) {
      const r = await s.client.requestRaw(method, params);
      assert.equal(r.error, undefined, `${method}: ${JSON.stringify(r.error)}`);
      const v = r.result as unknown;
      const empty = v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && ('data' in v ? (v as { data: unknown[] }).data.length === 0 : 'text' in v ? (v as { text: string }).text === '' : 'sites' in v ? (v as { sites: unknown[] }).sites.length === 0 : false));
      assert.ok(empty, `${method} answered ${JSON.stringify(v).slice(0, 200)}`);
    }
    assert.deepEqual(await s.diagnostics(uri), []);
    const status = await s.client.waitForNotification<{ uri: string; analysis: string }>('aarch64-ftrace/status', (p) => p.uri === uri);
    assert.equal(status.analysis, 'degraded');
  });

  it('answers every request with malformed parameters without dying', async () => {
    const uri = s.uri('ok.S');
    s.open(uri, '\tnop\n');
    const junk: unknown[] = [null, {}, { textDocument: null }, { textDocument: { uri: 42 }, position: 'x' }, { textDocument: { uri }, position: { line: -5, character: 1e12 } }, { textDocument: { uri }, range: { start: { line: 99, character: 0 }, end: { line: -1, character: 0 } } }];
    for (const [method] of requests(uri)) {
      for (const params of junk) {
        const r = await s.client.requestRaw(method, params);
        // an answer (result or a protocol error), never a hang or a crash
        assert.ok(r.result !== undefined || r.error !== undefined, method);
      }
    }
    assert.equal(s.client.hasExited, false);
    const h = await s.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.match(h.contents.value, /`nop`/);
  });

  it('survives hostile assembly (runaway .rept, deep macro recursion, huge .fill)', async () => {
    const uri = s.uri('hostile.S');
    s.open(uri, ['\t.macro r n', '\tr \\n', '\t.endm', '\tr 1', '\t.rept 100000000', '\tnop', '\t.endr', '\t.fill 1000000000, 4, 0', ''].join('\n'));
    const diags = await s.diagnostics<{ message: string }>(uri);
    assert.ok(diags.length >= 1);
    const r = await s.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 2 } });
    assert.ok(r === null || typeof r.contents.value === 'string');
  });
});
