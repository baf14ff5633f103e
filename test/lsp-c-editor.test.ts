// The editor on C files over stdio: the outline (functions with their bodies, #defines,
// struct/enum/typedef definitions), folding (bodies, #if arms, block comments), #include links,
// and the runtime-patch lens when the words are parameters (named as not constant, never a bare
// placeholder). Fixture: test-fixtures/lsp/kernel-tree/arch/arm64/kernel/patching.c.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileUri } from './lsp-client';
import { FIXTURES, Session, type Range } from './lsp-harness';

const TREE = join(FIXTURES, 'lsp', 'kernel-tree');
const FILE = join(TREE, 'arch/arm64/kernel/patching.c');

interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: number;
  range: Range;
  selectionRange: Range;
}
interface Fold {
  startLine: number;
  endLine: number;
  kind?: string;
}
interface CodeLens {
  range: Range;
  command: { title: string };
}

const KIND = { function: 12, constant: 14, struct: 23, enum: 10 };

describe('the editor on a C file', { timeout: 60_000 }, () => {
  const s = new Session({ kernelSourceRoot: TREE, era: '6.12' });
  const text = readFileSync(FILE, 'utf8');
  const lines = text.split('\n');
  const uri = fileUri(FILE);
  const lineOf = (re: RegExp, from = 0) => {
    const i = lines.findIndex((l, k) => k >= from && re.test(l));
    assert.ok(i >= 0, `no line matching ${re}`);
    return i;
  };

  before(async () => {
    await s.start();
    s.open(uri, text, 'c');
  });
  after(() => s.stop());

  it('outlines functions with their bodies, #defines and type definitions', async () => {
    const syms = await s.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const names = syms.map((x) => `${x.name}:${x.kind}`);
    const fn = syms.find((x) => x.name === 'ftrace_modify_code');
    assert.ok(fn, names.join());
    assert.equal(fn.kind, KIND.function);
    assert.equal(fn.range.start.line, lineOf(/^static int ftrace_modify_code\(/));
    assert.equal(fn.range.end.line, lineOf(/^}/, fn.range.start.line), 'the range ends at the closing brace');
    assert.equal(fn.selectionRange.start.character, 'static int '.length);
    // both arms of an #ifdef define patch_call: both are listed
    assert.equal(syms.filter((x) => x.name === 'patch_call' && x.kind === KIND.function).length, 2);
    assert.ok(syms.some((x) => x.name === 'patch_forward' && x.kind === KIND.function));
    const mask = syms.find((x) => x.name === 'PATCH_MASK');
    assert.equal(mask?.kind, KIND.constant);
    assert.equal(mask.range.end.line, mask.range.start.line + 1, 'a #define continued over two lines');
    assert.ok(syms.some((x) => x.name === 'PATCH_RETRIES' && x.kind === KIND.constant));
    assert.equal(syms.find((x) => x.name === 'patch_slot')?.kind, KIND.struct);
    assert.equal(syms.find((x) => x.name === 'patch_state')?.kind, KIND.enum);
    const stats = syms.find((x) => x.name === 'patch_stats_t');
    assert.equal(stats?.kind, KIND.struct);
    assert.equal(stats.detail, 'typedef struct');
    // no locals, calls or parameters
    for (const n of ['seen', 'aarch64_insn_read', 'aarch64_insn_gen_nop', 'pc', 'old']) assert.ok(!syms.some((x) => x.name === n), `${n} is not a symbol`);
    for (const x of syms) assert.ok(x.range.start.line <= x.selectionRange.start.line && x.selectionRange.end.line <= x.range.end.line, `${x.name}: selection inside range`);
  });

  it('folds function bodies, each #if arm and block comments', async () => {
    const folds = await s.request<Fold[]>('textDocument/foldingRange', { textDocument: { uri } });
    const has = (start: number, end: number, kind?: string) => folds.some((f) => f.startLine === start && f.endLine === end && f.kind === kind);
    const fnStart = lineOf(/^static int ftrace_modify_code\(/);
    assert.ok(has(fnStart, lineOf(/^}/, fnStart)), JSON.stringify(folds));
    const ifdef = lineOf(/^#ifdef CONFIG_DYNAMIC_FTRACE/);
    const els = lineOf(/^#else/);
    assert.ok(has(ifdef, els - 1, 'region'), 'the #ifdef arm');
    assert.ok(has(els, lineOf(/^#endif/, els), 'region'), 'the #else arm');
    assert.ok(has(1, 4, 'comment'), 'the header comment');
    const doc = lineOf(/^ \* Writes one word/) - 1;
    assert.ok(has(doc, doc + 2, 'comment'), 'the comment before the function');
    const struct = lineOf(/^struct patch_slot \{/);
    assert.ok(has(struct, lineOf(/^};/, struct)));
  });

  it('links an #include to the file it names', async () => {
    const links = await s.request<{ range: Range; target: string }[]>('textDocument/documentLink', { textDocument: { uri } });
    const l = lineOf(/#include "patching.h"/);
    const link = links.find((x) => x.range.start.line === l);
    assert.ok(link, JSON.stringify(links));
    assert.equal(link.target, fileUri(join(TREE, 'arch/arm64/kernel/patching.h')));
    assert.equal(link.range.start.character, '#include "'.length);
    assert.equal(link.range.end.character, '#include "patching.h'.length);
  });

  it('outlines a C file that is not analysed', async () => {
    const other = s.uri('elsewhere.c');
    s.open(other, 'static int helper(int x)\n{\n\treturn x;\n}\n', 'c');
    const syms = await s.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: other } });
    assert.deepEqual(syms.map((x) => [x.name, x.kind, x.range.end.line]), [['helper', KIND.function, 3]]);
  });

  it('says which patch words are not constant, and where they come from', async () => {
    const lenses = await s.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const at = (re: RegExp) => {
      const l = lineOf(re);
      const hit = lenses.find((x) => x.range.start.line === l && x.command.title.includes(':'));
      assert.ok(hit, `no lens at line ${l + 1}: ${lenses.map((x) => `${x.range.start.line + 1} ${x.command.title}`).join('\n')}`);
      return hit.command.title;
    };
    const nosync = at(/aarch64_insn_patch_text_nosync\(\(void \*\)pc, new\)/);
    assert.match(nosync, /^aarch64_insn_patch_text_nosync: `new` not constant here — passed in by the 2 ftrace_modify_code\(\) calls of this file/);
    const forward = at(/^\treturn ftrace_modify_code\(pc, old, new, true\);/);
    // the first such line is patch_call's, where the words are built: nop → bl addr
    assert.match(forward, /^ftrace_modify_code: d503201f nop → bl addr · validated · CMODX-safe$/);
    const passThrough = lenses.find((x) => x.range.start.line === lineOf(/ftrace_modify_code\(pc, old, new, true\)/, lineOf(/^int patch_forward/)))!;
    assert.match(passThrough.command.title, /^ftrace_modify_code: `old`, `new` not constant here · validated/);
    for (const x of lenses) assert.doesNotMatch(x.command.title, /(^|[ :]) ?→ (new|old)\b/, 'no bare placeholder');
  });
});
