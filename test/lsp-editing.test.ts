// Editing aids over stdio: semantic tokens, completion, signature help and workspace symbols.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileUri } from './lsp-client';
import { Session, cursor } from './lsp-harness';
import { LEGEND } from '../server/src/lsp/semantic-tokens';

interface CompletionList {
  items: { label: string; kind?: number; detail?: string; insertText?: string; insertTextFormat?: number }[];
}

/** Decodes the relative token stream into [line, col, length, type, modifiers[]]. */
function decodeTokens(data: number[]): [number, number, number, string, string[]][] {
  const out: [number, number, number, string, string[]][] = [];
  let line = 0;
  let col = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    col = data[i] === 0 ? col + data[i + 1] : data[i + 1];
    const mods = LEGEND.tokenModifiers.filter((_, b) => data[i + 4] & (1 << b));
    out.push([line, col, data[i + 2], LEGEND.tokenTypes[data[i + 3]], mods]);
  }
  return out;
}

describe('editing aids', { timeout: 60_000 }, () => {
  const s = new Session({ era: '6.1' });
  before(() => s.start());
  after(() => s.stop());

  it('advertises its legend, trigger characters and providers', async () => {
    const c = new Session();
    try {
      const init = await c.start();
      const caps = init.capabilities as Record<string, any>;
      assert.deepEqual(caps.semanticTokensProvider.legend, LEGEND);
      assert.deepEqual(caps.completionProvider.triggerCharacters, ['.', '#']);
      assert.ok(caps.signatureHelpProvider);
      assert.equal(caps.workspaceSymbolProvider, true);
      for (const k of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'codeActionProvider', 'codeLensProvider', 'inlayHintProvider', 'renameProvider', 'documentLinkProvider']) assert.ok(caps[k], k);
    } finally {
      await c.stop();
    }
  });

  it('colours registers by role, macros, labels, directives and asm-offsets constants', async () => {
    const text = ['\t.macro\tsave', '\tstp\tx19, x20, [sp, #S_LR]', '\t.endm', 'entry:', '\tsave', '\tmov\tx9, x30', '\tb\tentry', '\tbl\tnowhere', ''].join('\n');
    const uri = s.uri('tokens.S');
    s.open(uri, text);
    const r = await s.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const toks = decodeTokens(r.data);
    const at = (line: number, col: number) => toks.find((t) => t[0] === line && t[1] === col);
    assert.deepEqual(at(0, 8)?.slice(3), ['macro', ['declaration']]);
    assert.deepEqual(at(1, 5)?.slice(3), ['variable', ['calleeSaved']]);
    assert.deepEqual(at(1, 21)?.slice(3), ['enumMember', ['readonly', 'defaultLibrary']]);
    assert.deepEqual(at(0, 1)?.slice(3), ['keyword', []]);
    assert.deepEqual(at(3, 0)?.slice(3), ['label', ['declaration']]);
    assert.deepEqual(at(4, 1)?.slice(3), ['macro', []]);
    assert.deepEqual(at(5, 5)?.slice(3), ['variable', ['temporary']]);
    assert.deepEqual(at(5, 9)?.slice(3), ['variable', ['special']]);
    assert.deepEqual(at(6, 3)?.slice(3), ['label', []]);
    assert.deepEqual(at(7, 4)?.slice(3), ['label', ['unresolved']]);
  });

  it('completes mnemonics with operand snippets, macros and directives at the head of a statement', async () => {
    const uri = s.uri('complete.S');
    const { text, position } = cursor('#include <linux/linkage.h>\n\t.macro\tpush_pair a, b\n\tstp\t\\a, \\b, [sp, #-16]!\n\t.endm\n\tst|\n');
    s.open(uri, text);
    const list = await s.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    const stp = list.items.find((i) => i.label === 'stp');
    assert.ok(stp);
    assert.equal(stp.insertTextFormat, 2);
    assert.match(stp.insertText!, /^stp \$\{1:Rt\}, \$\{2:Rt2\}, \[\$\{3:Rn\}\]/);
    const macro = list.items.find((i) => i.label === 'push_pair');
    assert.equal(macro?.insertText, 'push_pair ${1:a}, ${2:b}');
    assert.ok(list.items.some((i) => i.label === '.pushsection'));
    assert.ok(list.items.some((i) => i.label === 'SYM_FUNC_START'), 'function-like cpp macros of the fallback headers');
  });

  it('completes registers with their role, and asm-offsets names after #', async () => {
    const uri = s.uri('operands.S');
    s.open(uri, '\tmov\tx9, \n\tldr\tx0, [sp, #\n');
    const regs = await s.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 9 } });
    assert.equal(regs.items.find((i) => i.label === 'x9')?.detail, 'ftrace entry: parent LR');
    assert.equal(regs.items.find((i) => i.label === 'x19')?.detail, 'callee-saved');
    const offs = await s.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 15 } });
    assert.match(offs.items.find((i) => i.label === 'S_LR')?.detail ?? '', /^= 240 \(built-in table for era 6\.1\)/);
    assert.ok(!offs.items.some((i) => i.label === 'x0'));
  });

  it('helps with the parameters of a gas macro and a cpp macro', async () => {
    const uri = s.uri('sig.S');
    s.open(uri, '\t.macro\tpair reg1:req, reg2=x1\n\t.endm\n#define ADD3(a, b, c) a+b+c\n\tpair x0, \n\t.word ADD3(1, \n');
    const gas = await s.request<{ signatures: { label: string }[]; activeParameter: number }>('textDocument/signatureHelp', { textDocument: { uri }, position: { line: 3, character: 10 } });
    assert.equal(gas.signatures[0].label, 'pair reg1:req, reg2=x1');
    assert.equal(gas.activeParameter, 1);
    const cpp = await s.request<{ signatures: { label: string }[]; activeParameter: number }>('textDocument/signatureHelp', { textDocument: { uri }, position: { line: 4, character: 15 } });
    assert.equal(cpp.signatures[0].label, 'ADD3(a, b, c)');
    assert.equal(cpp.activeParameter, 1);
  });

  it('helps with an aarch64_insn_gen_* call in C', async () => {
    const uri = fileUri('/tmp/aarch64-ftrace-lsp/arch/arm64/kernel/sig.c');
    const { text, position } = cursor('#include <asm/insn.h>\nu32 f(void) { return aarch64_insn_gen_branch_imm(0, 8, |); }\n');
    s.open(uri, text, 'c');
    const h = await s.request<{ signatures: { label: string; parameters: { label: string }[] }[]; activeParameter: number }>('textDocument/signatureHelp', { textDocument: { uri }, position });
    assert.match(h.signatures[0].label, /aarch64_insn_gen_branch_imm\(.*enum aarch64_insn_branch_type/);
    assert.equal(h.activeParameter, 2);
  });

  it('finds symbols of every assembly file in the workspace', async () => {
    const root = '/tmp/aarch64-ftrace-lsp/ws-symbols';
    mkdirSync(join(root, 'arch/arm64/kernel'), { recursive: true });
    writeFileSync(join(root, 'arch/arm64/kernel/entry-ftrace.S'), 'SYM_CODE_START(ftrace_caller)\n\tret\nSYM_CODE_END(ftrace_caller)\n');
    writeFileSync(join(root, 'arch/arm64/kernel/other.S'), 'SYM_FUNC_START(other_thing)\n\tret\nSYM_FUNC_END(other_thing)\n');
    const w = new Session();
    w.client.onRequest('workspace/workspaceFolders', () => [{ uri: fileUri(root), name: 'ws' }]);
    try {
      await w.start();
      const found = await w.request<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: 'ftr_call' });
      assert.deepEqual(found.map((x) => x.name), ['ftrace_caller']);
      assert.equal(found[0].location.uri, fileUri(join(root, 'arch/arm64/kernel/entry-ftrace.S')));
      assert.equal((await w.request<unknown[]>('workspace/symbol', { query: '' })).length, 2);
    } finally {
      await w.stop();
    }
  });
});
