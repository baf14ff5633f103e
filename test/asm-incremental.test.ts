// The front end's incremental paths give exactly what a cold run gives: the document lexed again
// from its first changed line, the preprocessor resumed from a checkpoint and spliced into the
// remembered run after the edit (lines moved), the gas stage resumed and spliced. Random edit
// sequences over the fixtures; after every edit the incremental result equals a from-scratch
// one (listing, words, symbols, macros, diagnostics, preprocessed lines).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lexFile } from '../server/src/asm/cpp-lexer';
import { lexDocument, relex } from '../server/src/asm/cpp-relex';
import { AssembleOptions, assemble, forgetAssemblies } from '../server/src/asm/gas';
import { KERNEL_FALLBACK_HEADERS } from '../server/src/asm/kernel-fallbacks';
import { spliceCounts } from '../server/src/asm/gas-core';
import { fixupCounts } from '../server/src/asm/gas-instructions';
import { CHECKPOINTS, EDIT_CHECKPOINTS, memos } from '../server/src/asm/gas-resume';
import { toJson } from '../server/src/asm/listing';
import { preprocess } from '../server/src/asm/preprocess';
import { AssembleResult, PreprocessOptions, PreprocessResult } from '../server/src/asm/types';
import { repoRoot } from './support/repo';
import { Rng } from './support/rng';
import { generateSource } from '../scripts/bench-asm';

const root = repoRoot();
const fixture = (p: string) => readFileSync(join(root, p), 'utf8');

const linesJson = (r: PreprocessResult) =>
  JSON.stringify({
    // (what a line is, not what stages keep with it: its parsed statements, words)
    lines: r.lines.map((l) => [l.text, l.origin, l.viaFallback]),
    diagnostics: r.diagnostics,
    files: r.files,
    macros: [...r.macros.values()].map((m) => [m.name, m.params, m.variadic, m.body, m.origin, m.fromFallback]),
  });
const resultJson = (r: AssembleResult) => JSON.stringify(toJson(r)) + linesJson(r.preprocess);

/** Where two JSON texts first differ, with a little context (assertion messages stay readable). */
function sameJson(a: string, b: string, what: string): void {
  if (a === b) return;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  assert.fail(`${what}: incremental and cold results differ at character ${i}:\n  incremental …${a.slice(Math.max(0, i - 300), i + 200)}\n  cold        …${b.slice(Math.max(0, i - 300), i + 200)}`);
}

/** One random edit of the kind typing makes: a line changed, inserted, deleted, duplicated, or a character typed. */
function edit(lines: string[], rng: Rng, pool: readonly string[]): void {
  const at = rng.below(lines.length + 1);
  switch (rng.below(6)) {
    case 0:
      lines.splice(at, 0, pool[rng.below(pool.length)]);
      break;
    case 1:
      if (lines.length > 1) lines.splice(Math.min(at, lines.length - 1), 1);
      break;
    case 2:
      lines[Math.min(at, lines.length - 1)] = pool[rng.below(pool.length)];
      break;
    case 3: {
      const from = rng.below(lines.length);
      lines.splice(at, 0, ...lines.slice(from, from + 1 + rng.below(4)));
      break;
    }
    case 4: {
      const i = Math.min(at, lines.length - 1);
      const l = lines[i];
      const c = rng.below(l.length + 1);
      lines[i] = l.slice(0, c) + ' x,1#/*\\"'[rng.below(10)] + l.slice(c);
      break;
    }
    default: {
      const i = Math.min(at, lines.length - 1);
      lines[i] = lines[i].replace(/(\d+)/, (_m, n: string) => String((Number(n) + 1) % 31));
    }
  }
}

test('relex: an edited text lexes as the whole text does', () => {
  const rng = new Rng(5);
  const pieces = ['\n', '\\\n', '/*', '*/', '//', ' ', 'x', '"', "'", '\r\n', '#define A 1\n', '\\', '\t', '#include <a.h>\n', '\0'];
  const base = fixture('test-fixtures/entry-ftrace.S');
  let doc = lexDocument(base);
  const shape = (lines: readonly { text: string; line: number; lastLine: number; len0: number; segs: readonly number[] | null; hash: number }[]) =>
    JSON.stringify(lines.map((L) => [L.text, L.line, L.lastLine, L.len0, L.segs, L.hash]));
  for (let k = 0; k < 1500; k++) {
    let t = doc.text;
    const at = rng.below(t.length + 1);
    const del = rng.below(4) === 0 ? rng.below(40) : 0;
    t = t.slice(0, at) + (rng.below(3) ? pieces[rng.below(pieces.length)] : '') + t.slice(at + del);
    const r = relex(doc, t);
    const whole = lexFile(t);
    assert.equal(shape(r.doc.lexed.lines), shape(whole.lines), `edit ${k} at ${at}`);
    assert.deepEqual(r.doc.lexed.notes, whole.notes);
    assert.equal(r.doc.lexed.guard, whole.guard);
    doc = k % 300 === 299 ? lexDocument(base) : r.doc;
  }
});

test('preprocess: incremental runs equal cold runs through random edits (includes, macros, __LINE__, #line, pragmas)', () => {
  const files: Record<string, string> = {
    '/w/inc/a.h': '#define A 1\n#define F(x) (x+A)\nbody_a A __LINE__\n',
    '/w/inc/b.h': '#ifndef B_H\n#define B_H\n#define B 2\n#endif\n',
  };
  const host = { readFile: (p: string) => files[p] };
  const pool = [
    '#define A 3', '#undef A', '#include <a.h>', '#include "b.h"', '#include <missing.h>', '#if A > 1', '#else', '#endif', '#ifdef B', '#elif 1',
    'x __LINE__', 'y __COUNTER__', 'F(2)', 'F(', '3)', '/* c', '*/', 'mov x0, #A', 'line \\', '#line 100', '#line 7 "other.S"',
    '#pragma push_macro("A")', '#pragma pop_macro("A")', '#error x', '#define A 1', '#define A 1 /* again */', 'SYM_FUNC_START(x)',
    '#include <linux/linkage.h>', '', 'B', '__FILE__',
  ];
  const rng = new Rng(9);
  const bases = [fixture('test-fixtures/entry-ftrace.S'), '#include <a.h>\n' + generateSource(1500, 3, 'kernel'), fixture('test-fixtures/asm/macros.S')];
  let resumed = 0;
  let spliced = 0;
  let runs = 0;
  for (const [b, base] of bases.entries()) {
    const file = `/w/main${b}.S`;
    const lines = base.split('\n');
    for (let k = 0; k < 120; k++) {
      edit(lines, rng, pool);
      if (rng.below(25) === 0) files['/w/inc/a.h'] += `#define Z${k}\n`;
      const opts: PreprocessOptions = { file, text: lines.join('\n'), host, includePaths: ['/w/inc'], defines: new Map([['CONFIG_X', '1']]), builtinHeaders: KERNEL_FALLBACK_HEADERS };
      const inc = preprocess(opts);
      const cold = preprocess({ ...opts, incremental: false });
      if (inc.reuse?.resumed) resumed++;
      if (inc.reuse?.spliced) spliced++;
      assert.equal(cold.reuse, undefined);
      runs++;
      sameJson(linesJson(inc), linesJson(cold), `${file} after edit ${k}`);
    }
  }
  // the comparisons above prove the reused runs right; these prove there were reused runs
  assert.ok(resumed > runs / 2, `only ${resumed} of ${runs} edits resumed from a checkpoint`);
  assert.ok(spliced > runs / 4, `only ${spliced} of ${runs} edits took over the previous run's tail`);
});

test('assemble: incremental runs equal cold runs through random edits of the fixtures', () => {
  const dir = join(root, 'test-fixtures/asm');
  const fixtures = readdirSync(dir).filter((f) => f.endsWith('.S')).sort().map((f) => ({ file: join(dir, f), text: fixture(join('test-fixtures/asm', f)) }));
  fixtures.push({ file: join(root, 'test-fixtures/entry-ftrace.S'), text: fixture('test-fixtures/entry-ftrace.S') });
  fixtures.push({ file: '/gen/kernel.S', text: generateSource(2500, 21, 'kernel') });
  const pool = [...new Set(fixtures.flatMap((f) => f.text.split('\n')))].filter((l) => l.length < 200);
  const host = { readFile: (p: string) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } } };
  const rng = new Rng(17);
  const defines = new Map([['CONFIG_DYNAMIC_FTRACE_WITH_ARGS', '1'], ['CONFIG_FUNCTION_GRAPH_TRACER', '1']]);
  for (const f of fixtures) {
    forgetAssemblies(f.file);
    const lines = f.text.split('\n');
    for (let k = 0; k < 40; k++) {
      edit(lines, rng, pool);
      const opts: AssembleOptions = {
        file: f.file, text: lines.join('\n'), host, includePaths: [join(root, 'test-fixtures/kernel/include')], defines, builtinHeaders: KERNEL_FALLBACK_HEADERS,
        predefined: (n) => (n === 'S_X0' ? { value: 0n, source: 'test' } : undefined),
      };
      const inc = assemble(opts);
      const cold = assemble({ ...opts, incremental: false });
      sameJson(resultJson(inc), resultJson(cold), `${f.file} after edit ${k}`);
    }
  }
});

test('assemble: the same text again, and a changed include, give the cold result', () => {
  const files: Record<string, string> = { '/w/x.h': '#define N 1\n' };
  const host = { readFile: (p: string) => files[p] };
  const text = '#include "x.h"\n' + generateSource(800, 4, 'kernel') + '\t.word\tN\n';
  const opts: AssembleOptions = { file: '/w/m.S', text, host, includePaths: [], defines: new Map() };
  const a = assemble(opts);
  sameJson(resultJson(assemble(opts)), resultJson(a), 'the same text again');
  files['/w/x.h'] = '#define N 2\n';
  const b = assemble(opts);
  sameJson(resultJson(b), resultJson(assemble({ ...opts, incremental: false })), 'after the include changed');
  assert.notEqual(resultJson(b), resultJson(a));
});

test('assemble: .incbin, .altmacro and subsections through edits give the cold result; a changed binary is read again', () => {
  const bins: Record<string, Uint8Array> = { '/w/blob.bin': Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0xfe]) };
  const host = { readFile: () => undefined, readBinary: (p: string) => bins[p] };
  const body = generateSource(400, 6, 'kernel').split('\n');
  const extra = [
    '\t.incbin "blob.bin", 2', '\t.subsection 1', '\t.text 2', '\t.balign 16', '\t.byte 1', '\t.subsection 0', '\t.previous', '\t.altmacro', '\t.noaltmacro',
    '\t.macro lm a', '\tLOCAL l', 'l:\t.word a, l - .', '\t.endm', '\tlm %(3+4)', '\t.pushsection .text, 3', '\t.popsection', '\t.incbin "blob.bin", 1, 3',
  ];
  const lines = [...body.slice(0, 200), ...extra, ...body.slice(200)];
  const rng = new Rng(23);
  const file = '/w/sub.S';
  forgetAssemblies(file);
  let last = '';
  for (let k = 0; k < 60; k++) {
    edit(lines, rng, extra);
    if (k === 30) bins['/w/blob.bin'] = Uint8Array.from([9, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
    const opts: AssembleOptions = { file, text: lines.join('\n'), host, includePaths: [], defines: new Map() };
    const inc = assemble(opts);
    const cold = assemble({ ...opts, incremental: false });
    sameJson(resultJson(inc), resultJson(cold), `after edit ${k}`);
    if (k === 30) assert.notEqual(resultJson(inc), last, 'the changed binary shows');
    last = resultJson(inc);
  }
});

test('assemble: lines inserted and deleted (moving the rest by lines, and by bytes) give the cold result', () => {
  // what an edit adds: lines that change no layout, and lines that move every later place of a section
  const quiet = ['', '\t// a comment', '/* block */', '\t', '# 12 "x.S"', '\t.globl\tnot_here', '\t.type\tnot_here, %function'];
  const moving = [
    '\tnop', '\tmov\tx0, x1', '\tadd\tx1, x2, #3', '1:', '2:\tnop', 'lbl_a:', 'lbl_b:\t.word 7', '\t.word\t1', '\t.quad\t2, 3', '\t.byte\t1', '\t.hword\t9', '\t.zero\t3',
    '\t.skip\t8', '\t.balign\t4', '\t.set\tsym_here, .', '\t.quad\tfn1', '\t.pushsection .rodata; .quad fn2; .popsection', '\tb\t1b', '\tbl\tfn2', '\tcbz\tx0, 2f',
    '\t.inst\t0xd503201f', '\tguard\tx3, 5', '\tadd\tx0, x0, :lo12:fn1',
  ];
  // … and lines whose values or layout depend on places (the rest after them cannot always move)
  const pinning = [
    '\t.align\t3', '\t.p2align\t4', '\t.balign\t8', '\t.org\t.+8', '\t.set\tsym_fwd, lbl_later - .', '\t.word\tsym_fwd', '\t.word\t. - fn1', '\t.size\tfn1, . - fn1',
    '\t.if . - fn1 > 8', '\t.endif', '\tldr\tx0, =0x12345678', '\tldr\tx1, =fn1', '\tldr\tw2, =0x1234', '\t.ltorg', '\tadrp\tx0, 0x1000', '\t.pushsection\t.rodata, "a"', '\t.popsection',
    '\t.rept 2', '\t.endr', '\t.section\t.data', '\t.text', '\t.previous', '\t.macro\tmm', '\t.endm', '\tmm', '\t.set\tsym_at, fn1', '\t.word\tsym_at - .',
  ];
  const rng = new Rng(41);
  const bases: { file: string; text: string }[] = [];
  for (let s = 0; s < 6; s++) {
    const lines = generateSource(2600, 30 + s, 'kernel').split('\n');
    // some statements whose values depend on places, spread over the file
    const extra = s % 2 ? pinning : moving;
    for (let j = 0; j < 12; j++) lines.splice(100 + rng.below(lines.length - 200), 0, extra[rng.below(extra.length)]);
    lines.push('lbl_later:', '\tnop');
    bases.push({ file: `/gen/moves${s}.S`, text: lines.join('\n') });
  }
  const dir = join(root, 'test-fixtures/asm');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.S')).sort()) bases.push({ file: join(dir, f), text: fixture(join('test-fixtures/asm', f)) });
  bases.push({ file: join(root, 'test-fixtures/entry-ftrace.S'), text: fixture('test-fixtures/entry-ftrace.S') });
  const host = { readFile: (p: string) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } } };
  const defines = new Map([['CONFIG_DYNAMIC_FTRACE_WITH_ARGS', '1'], ['CONFIG_FUNCTION_GRAPH_TRACER', '1']]);
  const before = { ...spliceCounts };
  let edits = 0;
  for (const b of bases) {
    forgetAssemblies(b.file);
    const lines = b.text.split('\n');
    const n = b.file.startsWith('/gen/') ? 45 : 25;
    for (let k = 0; k < n; k++) {
      const at = rng.below(lines.length + 1);
      const r = rng.below(10);
      if (r < 3) lines.splice(at, 0, quiet[rng.below(quiet.length)]);
      else if (r < 6) lines.splice(at, 0, moving[rng.below(moving.length)]);
      else if (r < 7) lines.splice(at, 0, pinning[rng.below(pinning.length)]);
      else if (lines.length > 1) lines.splice(Math.min(at, lines.length - 1), 1 + (r === 9 ? rng.below(3) : 0));
      const opts: AssembleOptions = { file: b.file, text: lines.join('\n'), host, includePaths: [join(root, 'test-fixtures/kernel/include')], defines, builtinHeaders: KERNEL_FALLBACK_HEADERS };
      const inc = assemble(opts);
      const cold = assemble({ ...opts, incremental: false });
      sameJson(resultJson(inc), resultJson(cold), `${b.file} after edit ${k}`);
      edits++;
    }
  }
  // the comparisons prove the moved tails right; these prove tails were moved
  const lines = spliceCounts.linesMoved - before.linesMoved;
  const bytes = spliceCounts.bytesMoved - before.bytesMoved;
  assert.ok(lines > edits / 20, `only ${lines} of ${edits} edits moved a remembered tail by lines (${bytes} by bytes)`);
  assert.ok(bytes > edits / 20, `only ${bytes} of ${edits} edits moved a remembered tail by bytes (${lines} by lines)`);
});

test('assemble: a literal pool in the rest lets it move by a multiple of its largest entry size', () => {
  const none = { readFile: () => undefined };
  const cases: [pool: string[], inserted: number, moves: boolean][] = [
    [['ldr\tw0, =0x1234'], 1, true],
    [['ldr\tx0, =0x1234'], 1, false],
    [['ldr\tw0, =0x1234', 'ldr\tx1, =0x5678'], 1, false],
    [['ldr\tw0, =0x1234', 'ldr\tx1, =0x5678'], 2, true],
  ];
  for (const [pool, inserted, moves] of cases) {
    const file = `/gen/pool-${pool.length}-${inserted}.S`;
    // the edit past the first checkpoint (a run resumes from one before it), the pool past the last
    // (no later checkpoint where the rest could be taken with the pool behind)
    const lines = ['\t.text', 'f:', ...Array.from({ length: 700 }, (_, k) => `\tadd\tx${k % 29}, x${k % 29}, #${k}`), ...pool.map((l) => `\t${l}`), '\t.ltorg'];
    forgetAssemblies(file);
    const opts = (t: string): AssembleOptions => ({ file, text: t, host: none, includePaths: [], defines: new Map() });
    assemble(opts(lines.join('\n')));
    lines.splice(300, 0, ...Array.from({ length: inserted }, () => '\tnop'));
    const before = spliceCounts.bytesMoved;
    const inc = assemble(opts(lines.join('\n')));
    const what = `${pool.join(' + ')}, ${inserted} nop`;
    assert.equal(spliceCounts.bytesMoved - before, moves ? 1 : 0, what);
    sameJson(resultJson(inc), resultJson(assemble({ ...opts(lines.join('\n')), incremental: false })), what);
  }
});

test('assemble: after a line is inserted, branches that moved with their targets keep their words; those across the edit are resolved again', () => {
  const file = '/gen/branches.S';
  const none = { readFile: () => undefined };
  const nops = (n: number) => Array.from({ length: n }, () => '\tnop');
  const lines = [
    '\t.text', '\t.globl\tgfunc', 'start:', '\tb\t.Lend', '\tcbz\tx1, .Lmid', ...nops(400),
    '.Lmid:', ...nops(500),
    'gfunc:', '\tb\tstart', '\tcbz\tx0, .Lnear', '\tnop', '.Lnear:', '\tbl\tprintk', '\tbl\tgfunc', '\tb.ne\t.Lmid', '.Lend:', '\tret',
  ];
  forgetAssemblies(file);
  const opts = (t: string): AssembleOptions => ({ file, text: t, host: none, includePaths: [], defines: new Map() });
  const first = assemble(opts(lines.join('\n')));
  lines.splice(200, 0, '\tadd\tx0, x0, #1');
  const before = fixupCounts.asBefore;
  const spliced = spliceCounts.bytesMoved;
  const inc = assemble(opts(lines.join('\n')));
  assert.equal(spliceCounts.bytesMoved - spliced, 1, 'the rest was moved, not assembled again');
  // cbz .Lnear, b.ne .Lmid, bl printk (undefined: a relocation), bl gfunc (global: a relocation);
  // not the three whose target is on the other side of the edit
  assert.equal(fixupCounts.asBefore - before, 4);
  const cold = assemble({ ...opts(lines.join('\n')), incremental: false });
  sameJson(resultJson(inc), resultJson(cold), 'branches');
  // (the cold run shows that the words of the branches across the edit did change)
  const word = (r: AssembleResult, i: number) => r.sections.find((s) => s.name === '.text')!.items[i].word;
  assert.notEqual(word(first, 0), word(cold, 0));
  assert.notEqual(word(first, 1), word(cold, 1));
});

test('assemble: a branch whose target changed kind (became global, a label, an absolute symbol) is resolved again; the others are taken as before', () => {
  const none = { readFile: () => undefined };
  const nops = (n: number) => Array.from({ length: n }, () => '\tnop');
  const base = ['\t.text', 'start:', '\tb\tlab', '\tbl\text', '\tbl\text2', ...nops(500), 'lab:', '\tret'];
  // each inserted line adds no bytes: every distance stays; only what the target is changes
  const cases: [inserted: string, changed: string][] = [['\t.globl\tlab', 'b lab'], ['ext:', 'bl ext'], ['\t.set\text2, 0x1000', 'bl ext2']];
  for (const [inserted, changed] of cases) {
    const file = `/gen/kinds-${changed.replace(' ', '-')}.S`;
    forgetAssemblies(file);
    const opts = (t: string): AssembleOptions => ({ file, text: t, host: none, includePaths: [], defines: new Map() });
    const lines = base.slice();
    assemble(opts(lines.join('\n')));
    // (past the first checkpoint: the branches before it are the remembered run's)
    lines.splice(300, 0, inserted);
    const before = fixupCounts.asBefore;
    const inc = assemble(opts(lines.join('\n')));
    assert.equal(fixupCounts.asBefore - before, 2, `${inserted}: the two other branches taken as before, not ${changed}`);
    sameJson(resultJson(inc), resultJson(assemble({ ...opts(lines.join('\n')), incremental: false })), inserted);
  }
});

test('assemble: a file whose first lines come from a header moves its rest after a line is inserted', () => {
  // the remembered runs are the main file's: lines after the edit move by its lines, not the header's
  const file = '/w/main.S';
  const host = { readFile: (p: string) => (p === '/w/h.h' ? '\t.macro\tfoo\n\tnop\n\t.endm\n' : undefined) };
  const adds = (n: number) => Array.from({ length: n }, (_, k) => `\tadd\tx${k % 29}, x${k % 29}, #${k}`);
  const lines = ['#include "h.h"', '\t.text', 'start:', ...adds(600), '.Lmid:', ...adds(600), 'end:', '\tb\tstart', '\tfoo', '\tret'];
  forgetAssemblies(file);
  const opts = (t: string): AssembleOptions => ({ file, text: t, host, includePaths: [], defines: new Map() });
  assemble(opts(lines.join('\n')));
  lines.splice(300, 0, '\tnop');
  const before = spliceCounts.bytesMoved;
  const inc = assemble(opts(lines.join('\n')));
  assert.equal(spliceCounts.bytesMoved - before, 1, 'the rest was moved, not assembled again');
  sameJson(resultJson(inc), resultJson(assemble({ ...opts(lines.join('\n')), incremental: false })), 'header first');
});

test('assemble: typing at one place resumes right before the edited line and takes the rest over right after it', () => {
  const file = '/gen/typing.S';
  const none = { readFile: () => undefined };
  const lines = generateSource(3000, 78, 'kernel').split('\n');
  forgetAssemblies(file);
  const opts = (t: string): AssembleOptions => ({ file, text: t, host: none, includePaths: [], defines: new Map() });
  assemble(opts(lines.join('\n')));
  const at = 1500;
  for (let k = 0; k < 24; k++) {
    // a new line, then its operand typed (the line changed again)
    if (k % 2 === 0) lines.splice(at + k / 2, 0, '\tadd\tx1, x1, #1');
    else lines[at + (k - 1) / 2] = `\tadd\tx1, x1, #${k}`;
    const inc = assemble(opts(lines.join('\n')));
    // (checkpoints count preprocessed lines)
    const edited = inc.preprocess.lines.findIndex((l) => l.origin.loc.line === at + Math.floor(k / 2));
    const cps = memos.get(file)!.checkpoints;
    // (this edit's: before the edited line and after it; older edits' are dropped, their intervals kept)
    assert.ok(cps.some((c) => c.line === edited) && cps.some((c) => c.line === edited + 1), `edit ${k}: checkpoints at ${edited} and ${edited + 1}`);
    assert.ok(cps.filter((c) => c.edit !== undefined).length <= EDIT_CHECKPOINTS, `edit ${k}: ${cps.filter((c) => c.edit !== undefined).length} edit checkpoints`);
    if (k % 6 === 5) sameJson(resultJson(inc), resultJson(assemble({ ...opts(lines.join('\n')), incremental: false })), `edit ${k}`);
  }
  // typing at place after place leaves no checkpoints behind for good
  const regular = memos.get(file)!.checkpoints.filter((c) => c.edit === undefined).length;
  for (let k = 0; k < 60; k++) {
    const place = 100 + ((k * 389) % (lines.length - 200));
    lines.splice(place, 0, '\tnop');
    assemble(opts(lines.join('\n')));
    lines[place] = '\tadd\tx2, x2, #2';
    assemble(opts(lines.join('\n')));
  }
  const cps = memos.get(file)!.checkpoints;
  assert.ok(cps.filter((c) => c.edit !== undefined).length <= EDIT_CHECKPOINTS, 'edit checkpoints');
  assert.ok(cps.length <= regular + EDIT_CHECKPOINTS + 3, `${cps.length} checkpoints (${regular} at intervals before)`);
});

test('assemble: an edit in the first lines resumes from the start and takes the rest over; a message that names an address is not taken over moved', () => {
  const none = { readFile: () => undefined };
  const adds = (n: number) => Array.from({ length: n }, (_, k) => `\tadd\tx1, x1, #${k}`);
  // (the branch's target, an absolute offset, is not 4-byte aligned: gas names its address)
  const cases: [file: string, lines: string[], at: number][] = [
    ['/gen/first-lines.S', ['\t.text', ...adds(1200)], 20],
    ['/gen/address-message.S', ['\t.text', ...adds(499), '\tcbnz\tx24, 1', ...adds(400)], 250],
  ];
  for (const [file, lines, at] of cases) {
    forgetAssemblies(file);
    const opts = (t: string): AssembleOptions => ({ file, text: t, host: none, includePaths: [], defines: new Map() });
    assemble(opts(lines.join('\n')));
    lines.splice(at, 0, '\tnop');
    const before = { ...spliceCounts };
    const inc = assemble(opts(lines.join('\n')));
    const spliced = spliceCounts.bytesMoved - before.bytesMoved;
    const cold = assemble({ ...opts(lines.join('\n')), incremental: false });
    sameJson(resultJson(inc), resultJson(cold), file);
    if (file === '/gen/first-lines.S') assert.equal(spliced, 1, 'the rest was moved');
    else assert.match(cold.diagnostics.map((d) => d.message).join('\n'), /0x7d1/);
  }
});

test('assemble: many line-shifting edits keep the statement count and the checkpoints as a cold run has them', () => {
  // a splice once shifted the tail checkpoints' statement counts by the whole tail: the count grew
  // with every edit until a small limit stopped the assembly; the checkpoint list grew by one
  const file = '/gen/many-edits.S';
  const lines = generateSource(3000, 77, 'kernel').split('\n');
  const none = { readFile: () => undefined };
  const limits = { maxIncludeDepth: 40, maxMacroDepth: 100, maxStatements: 20_000, maxSectionBytes: 1 << 26, maxLineLength: 1 << 16 };
  forgetAssemblies(file);
  let most = 0;
  for (let k = 0; k < 120; k++) {
    // mostly at one place, now and then near the end (resuming from a checkpoint a splice moved)
    const at = k % 10 === 9 ? lines.length - 60 - (k % 7) : 600 + (k % 7);
    if (k % 2) lines.splice(at, 1);
    else lines.splice(at, 0, '');
    const opts: AssembleOptions = { file, text: lines.join('\n'), host: none, includePaths: [], defines: new Map(), limits };
    const inc = assemble(opts);
    assert.deepEqual(inc.diagnostics.filter((d) => d.code === 'asm/limit').map((d) => d.message), [], `edit ${k}`);
    if (k % 20 === 19) sameJson(resultJson(inc), resultJson(assemble({ ...opts, incremental: false })), `edit ${k}`);
    most = Math.max(most, memos.get(file)?.checkpoints.length ?? 0);
  }
  assert.ok(most <= CHECKPOINTS + 2 + EDIT_CHECKPOINTS + 1, `${most} checkpoints kept for one file`);
});
