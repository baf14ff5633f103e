// `.incbin`, `.altmacro`, subsections, section names as symbols, expressions gas resolves at the
// end, resolved :abs_gN[_s]: operators and __FILE__ under -fmacro-prefix-map against GNU: each case
// assembled by aarch64-linux-gnu-gcc -c and by us, sections compared byte for byte and relocations
// by type, symbol and addend (labels' values show in the bytes: cases write them as data); error
// cases compare every message gas prints, at its line, with ours.
import { diskHost } from '../server/src/disk-host';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test, TestContext } from 'node:test';
import { assemble } from '../server/src/asm/gas';
import { AssembleResult, SourceHost } from '../server/src/asm/types';
import { GCC, compareWithGnu, gnuAssemble, hasToolchain, readGnuObject } from './support/gnu-toolchain';
import { compareSymbols, readGnuSymbols } from './support/kernel-tree';
import { requireOracle } from './support/oracle-gate';

let available: boolean | undefined;
const toolchain = (t: TestContext) => requireOracle(t, (available ??= hasToolchain()), 'aarch64-linux-gnu-gcc (gcc-aarch64-linux-gnu)');

// files for .incbin: every byte value (not valid UTF-8), and a short text
const dir = mkdtempSync(join(tmpdir(), 'a64-directives-'));
const incDir = join(dir, 'inc');
spawnSync('mkdir', ['-p', incDir]);
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => (i * 7 + 3) & 0xff);
writeFileSync(join(incDir, 'all.bin'), ALL_BYTES);
writeFileSync(join(incDir, 'ten.bin'), 'ABCDEFGHIJ');
after(() => rmSync(dir, { recursive: true, force: true }));

const fsHost = diskHost;

function ours(text: string, host: SourceHost = fsHost): AssembleResult {
  return assemble({ file: join(dir, 'case.S'), text, host, includePaths: [incDir], defines: new Map() });
}

/** Assembles with both and compares; our result must have no errors, GNU's no messages about the case. */
function same(t: TestContext, name: string, text: string): void {
  const r = ours(text);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.origin.loc.line + 1}: ${d.message}`), [], `${name}: our errors`);
  const c = compareWithGnu(r, gnuAssemble({ text }, { includeDirs: [incDir] }));
  assert.deepEqual(c.differences.map((d) => `${d.section}+0x${d.offset.toString(16)}: ${d.what}`), [], `${name}: differences from GNU`);
  assert.ok(c.bytes > 0, `${name}: nothing compared`);
  t.diagnostic(`${name}: ${c.bytes} bytes, ${c.relocs} relocations identical`);
}

/** gcc -c of a file with extra flags: the object's path (in `dir`). */
function gccObject(src: string, flags: readonly string[] = []): string {
  const obj = join(dir, 'flags.o');
  const r = spawnSync(GCC, ['-c', '-x', 'assembler-with-cpp', ...flags, '-I', incDir, '-o', obj, src], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return obj;
}

/** As same(), and every symbol of GNU's table (value, section, binding, type, size) in ours, none more. */
function sameWithSymbols(t: TestContext, name: string, text: string): void {
  same(t, name, text);
  const src = join(dir, 'sym.S');
  writeFileSync(src, text);
  const s = compareSymbols(ours(text), readGnuSymbols(gccObject(src)));
  assert.deepEqual(s.differences, [], `${name}: symbols`);
  t.diagnostic(`${name}: ${s.symbols} symbols identical`);
}

/** gas's messages for a text (line: severity: message), as gcc -c prints them. */
function gnuMessages(text: string): string[] {
  const src = join(dir, 'err.S');
  writeFileSync(src, text);
  const r = spawnSync(GCC, ['-c', '-x', 'assembler-with-cpp', '-I', incDir, '-o', join(dir, 'err.o'), src], { encoding: 'utf8' });
  const out: string[] = [];
  for (const l of (r.stderr ?? '').split('\n')) {
    const m = /^[^:]*:(\d+): (Error|Warning): (.*)$/.exec(l);
    if (m) out.push(`${m[1]}: ${m[2].toLowerCase()}: ${m[3]}`);
  }
  return out;
}

function sameMessages(name: string, text: string): void {
  const mine = ours(text).diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.origin.loc.line + 1}: ${d.severity}: ${d.message}`);
  const gnu = gnuMessages(text);
  assert.ok(gnu.length > 0, `${name}: GNU reports nothing`);
  assert.deepEqual(mine, gnu, name);
}

// --- .incbin --------------------------------------------------------------------------------------

test('.incbin: bytes of the file, from SKIP, COUNT of them, found through the include paths', (t) => {
  if (!toolchain(t)) return;
  same(t, 'incbin', [
    '\t.data',
    'start:\t.incbin "all.bin"',
    '\t.incbin "all.bin", 250',
    '\t.incbin "all.bin", 3, 5',
    '\t.incbin "ten.bin", 2, 0x3',
    '\t.incbin "ten.bin",',
    `\t.incbin "${join(incDir, 'ten.bin')}", 9`,
    '\t.incbin "ten.bin", 10',
    'end:\t.word end - start',
    '\t.text',
    '\t.incbin "ten.bin", 2, 4',
    '\tb end2',
    '\t.incbin "all.bin", 0, 8',
    'end2:\tret',
  ].join('\n') + '\n');
});

test('.incbin: errors and warnings worded and placed as gas', (t) => {
  if (!toolchain(t)) return;
  sameMessages('incbin errors', [
    '\t.data',
    '\t.incbin "ten.bin", 11',
    '\t.incbin "ten.bin", 2, 9',
    '\t.incbin "ten.bin", -1',
    '\t.incbin "ten.bin", 0, 0',
    '\t.incbin "nope.bin"',
    '\t.incbin ten.bin',
    '\t.incbin',
    '\t.incbin "ten.bin", 4,',
    '\t.incbin "ten.bin" junk',
    '\t.incbin "ten.bin", undefd',
  ].join('\n') + '\n');
});

test('.incbin: the section limit bounds it, and a host without readBinary reads text files exactly', () => {
  const big = assemble({ file: join(dir, 'b.S'), text: '\t.incbin "all.bin"\n', host: fsHost, includePaths: [incDir], defines: new Map(), limits: { maxIncludeDepth: 8, maxMacroDepth: 8, maxStatements: 1000, maxSectionBytes: 100, maxLineLength: 1000 } });
  assert.deepEqual(big.diagnostics.map((d) => [d.code, d.message]), [['asm/limit', 'section .text would exceed 100 bytes (limit)']]);
  const textOnly = ours('\t.data\n\t.incbin "ten.bin", 1, 3\n', { readFile: fsHost.readFile });
  assert.deepEqual([...textOnly.sections.find((s) => s.name === '.data')!.bytes], [...Buffer.from('BCD')]);
});

// --- .altmacro ------------------------------------------------------------------------------------

test('.altmacro: %expr, <strings> with ! escapes, quoted strings, bare parameters, LOCAL, & joins; .noaltmacro', (t) => {
  if (!toolchain(t)) return;
  same(t, 'altmacro', [
    '\t.altmacro',
    '\t.macro m a, b=7',
    '\t.word a, \\b',
    '\t.endm',
    '\tm %1+2, %(3*4)',
    '\tm <5>, 6',
    '\t.set sym, 4',
    '\tm %sym+1',
    '\t.macro s str',
    '\t.data',
    '\t.ascii str',
    '\t.text',
    '\t.endm',
    '\ts <"a!>b">',
    '\ts "xy"',
    '\ts <"ab!!c">',
    '\ts <"q<r>s">',
    '\ts "x!!y!>"',
    '\t.macro l x',
    '\tLOCAL lab, lab2',
    'lab:\t.word lab - .',
    'lab2:\tb lab',
    '\t.word x',
    '\t.endm',
    '\tl 1',
    '\tl 2',
    '\t.macro outer',
    '\tLOCAL o',
    'o:\tl 3',
    '\tb o',
    '\t.endm',
    '\touter',
    '\t.macro amp p',
    '\t.word p&0, \\p&1, p && 1',
    '\t.endm',
    '\tamp 1',
    '\t.macro dq s=%(1+1), t=<9>',
    '\t.word s, t',
    '\t.endm',
    '\tdq',
    '\t.macro va a, r:vararg',
    '\t.word a, r',
    '\t.endm',
    '\tva 1, 2, 3',
    '\t.macro nb r',
    '\tadd r, r, #1',
    '\t.endm',
    '\tnb x3',
    '\t.irp r, %2*3, <7>, 8 9',
    '\t.word r',
    '\t.endr',
    '\t.noaltmacro',
    '\t.macro n a',
    '\t.word \\a, &a',
    '\t.endm',
    '\tn 9',
    '\t.word 1f - .',
    '1:\t.word 0',
  ].join('\n') + '\n');
});

test('.altmacro: errors worded and placed as gas', (t) => {
  if (!toolchain(t)) return;
  sameMessages('altmacro errors', [
    '\t.altmacro',
    '\t.macro k a=1, b=2',
    '\t.word \\a, \\b',
    '\t.endm',
    '\tk %undefd',
    '\tk 1, 2, 3',
    '\t.macro dup p',
    '\tLOCAL p',
    '\t.endm',
    '\tdup 5',
    '\t.macro dup2',
    '\tLOCAL z, z',
    '\t.endm',
    '\tdup2',
  ].join('\n') + '\n');
});

test('.altmacro: a blank between a word and `\\` is kept (a vararg holding a macro call with parameters)', (t) => {
  if (!toolchain(t)) return;
  // gas's scrubber keeps it in case `\x` starts a parameter: `put3\t\i, …` stays two words
  same(t, 'blank before backslash', [
    '\t.macro put3 a, b, c',
    '\t.byte \\a, \\b, \\c',
    '\t.endm',
    '\t.macro step lo, hi',
    '\tbody %\\lo',
    '\t.if (\\hi) - (\\lo)',
    '\tstep %(\\lo + 1), \\hi',
    '\t.endif',
    '\t.endm',
    '\t.macro each v:req, lo:req, hi:req, what:vararg',
    '\t.macro body \\v',
    '\t.noaltmacro',
    '\t\\what',
    '\t.altmacro',
    '\t.endm',
    '\t.altmacro',
    '\tstep \\lo, \\hi',
    '\t.noaltmacro',
    '\t.purgem body',
    '\t.endm',
    '\t.macro rows base',
    '\teach i, 2, 5, put3\t\\i, \\base, \\i * 3',
    '\t.endm',
    '\t.data',
    '\trows 7',
    '\t.macro two a, b',
    '\t.byte \\a, \\b',
    '\t.endm',
    '\t.macro pass x, y',
    '\ttwo \\x \\y',
    '\t.endm',
    '\tpass 1, 2',
  ].join('\n') + '\n');
});

// --- symbols and expressions resolved at the end -------------------------------------------------------

test("a section's name is the symbol of its start, before and after the section exists", (t) => {
  if (!toolchain(t)) return;
  sameWithSymbols(t, 'section symbols', [
    '\t.text',
    '\tnop',
    '\t.macro far_alias, reg, sym',
    '\t.set .Lfar\\@, 0xffff800000001000 + \\sym - .alt.text',
    '\tmovz \\reg, :abs_g2_s:.Lfar\\@',
    '\tmovk \\reg, :abs_g1_nc:.Lfar\\@',
    '\tmovk \\reg, :abs_g0_nc:.Lfar\\@',
    '\t.endm',
    '\tfar_alias x5, t2',
    '\t.long t1 - .alt.text',
    '\t.long . - .text',
    '\t.data',
    '\t.long .text',
    '\t.long .alt.text + 4',
    '\t.quad .nosuch',
    '\t.pushsection .alt.text, "ax"',
    '\tnop',
    't1:\tnop',
    't2:\tnop',
    '\t.long t2 - .alt.text',
    '\tfar_alias x6, t1',
    '\t.popsection',
    '\t.long .bss',
  ].join('\n') + '\n');
});

test('expressions on labels defined later: `(fwd - .) / 8` and kin are numbers at the end, as in gas', (t) => {
  if (!toolchain(t)) return;
  sameWithSymbols(t, 'forward expressions', [
    '\t.text',
    'start:\tnop',
    '\t.long (fwd - .) / 8',
    '\t.quad (fwd - start) * 2 + 1',
    '\t.short (. - fwd) / 4',
    '\t.byte (fwd - .) >> 2',
    '\t.set X, (fwd - start) / 8',
    '\t.long X',
    '\t.long ((fwd - .) / 8) + start',
    '\t.balign 16',
    '\t.long (1f - .) / 4',
    '\tnop',
    '1:\tnop',
    'fwd:\tnop',
    '\t.long (fwd - .) / 8',
    // `.` of a `.set` is where the `.set` stands, wherever the symbol is used
    '\t.set D1, (fwd2 - .) / 4',
    '\t.set D2, fwd2 - .',
    '\tnop',
    '\t.long D1, D2',
    '\t.pushsection .data',
    '\t.quad D1, D2',
    '\t.popsection',
    'fwd2:\tnop',
  ].join('\n') + '\n');
});

test(':abs_gN: and :abs_gN_s: of known values: checked as gas checks them, a negative signed one makes MOVN', (t) => {
  if (!toolchain(t)) return;
  same(t, 'movw values', [
    '\tmovz x0, :abs_g2_s:-4398084300800',
    '\tmovz x1, :abs_g1_s:-2',
    '\tmovz x2, :abs_g0_s:-1',
    '\tmovn x3, :abs_g0_s:5',
    '\tmovz x4, :abs_g0_s:5',
    '\tmovz w5, :abs_g1_s:-0x10000',
    '\tmovz x6, :abs_g0:0xffff',
    '\tmovz x7, :abs_g1:0x12345678',
    '\tmovz x8, :abs_g2:0x123456789abc',
    '\tmovz x9, :abs_g3:0xfedcba9876543210',
    '\tmovk x10, :abs_g0_nc:-1',
    '\tmovk x10, :abs_g1_nc:0x123456789',
    '\tmovn x11, :abs_g1:0x10000',
    '\t.set NEG, -0x123456789',
    '\tmovz x12, :abs_g2_s:NEG',
    '\tmovk x12, :abs_g1_nc:NEG',
    '\tmovk x12, :abs_g0_nc:NEG',
    '\tmovz x13, :abs_g2_s:FWD',
    '\t.set FWD, -77',
  ].join('\n') + '\n');
  sameMessages('movw ranges', [
    '\tmovz x0, :abs_g0:0x10000',
    '\tmovz x1, :abs_g0:-1',
    '\tmovz x2, :abs_g0_s:0x10000',
    '\tmovz x3, :abs_g0_s:-0x10001',
    '\tmovz x4, :abs_g1_s:0x80000000',
    '\tmovz x5, :abs_g1:0x100000000',
    '\tmovz x7, :abs_g1_s:-0x80000001',
    '\tmovz x8, :abs_g2:-1',
    '\tmovz x9, :abs_g3:-1',
  ].join('\n') + '\n');
  sameMessages('movk relocations', ['abs_g0_s', 'abs_g2_s', 'prel_g0', 'prel_g3', 'prel_g1_nc', 'tprel_g1', 'tprel_g1_nc', 'dtprel_g0', 'gottprel_g1'].map((r) => `\tmovk x6, #:${r}:sym\n`).join(''));
});

test('__FILE__ and __BASE_FILE__ under -fmacro-prefix-map: the last map that matches, as gcc', (t) => {
  if (!toolchain(t)) return;
  const sub = join(dir, 'sub');
  spawnSync('mkdir', ['-p', sub]);
  writeFileSync(join(incDir, 'where.h'), '\t.asciz __FILE__\n\t.asciz __BASE_FILE__\n');
  const text = '\t.section .rodata.str, "aMS", %progbits, 1\n\t.asciz __FILE__\n#include "where.h"\n#include <where.h>\n\t.asciz __BASE_FILE__\n';
  const src = join(sub, 'case.S');
  writeFileSync(src, text);
  const maps: [string, string][] = [[`${dir}/`, ''], [`${incDir}`, 'INC'], ['/no/such/', 'x/']];
  const r = assemble({ file: src, text, host: fsHost, includePaths: [incDir], defines: new Map(), macroPrefixMap: maps });
  assert.deepEqual(r.diagnostics, []);
  const c = compareWithGnu(r, readGnuObject(gccObject(src, maps.map(([o, n]) => `-fmacro-prefix-map=${o}=${n}`))));
  assert.deepEqual(c.differences.map((d) => `${d.section}+0x${d.offset.toString(16)}: ${d.what}`), []);
  assert.ok(c.bytes > 20);
  t.diagnostic(`__FILE__: ${c.bytes} bytes identical`);
});

// --- subsections ------------------------------------------------------------------------------------

test('subsections: .subsection, .text N, .data N, .pushsection NAME, N, .previous and .popsection, laid out in order', (t) => {
  if (!toolchain(t)) return;
  same(t, 'subsections', [
    '\t.text',
    'a0:\t.word 1',
    '\t.text 2',
    'a2:\t.word 2',
    '\t.subsection 1',
    'a1:\t.byte 3',
    '\t.balign 8',
    '\t.word 33',
    '\t.text',
    '\t.word 4',
    '\t.previous',
    '\t.word 5',
    '\t.data 1',
    '\t.word 6',
    '\t.data',
    '\t.word 7',
    '\t.section .text, "ax"',
    '\t.word 8',
    '\t.pushsection .text, 3',
    '\t.word 9',
    '\t.popsection',
    '\t.word 10',
    '\t.section .foo, "a"',
    '\t.word 11',
    '\t.subsection 1',
    '\t.word 12',
    '\t.subsection 0',
    '\t.word 13',
    '\t.previous',
    '\t.word 14',
    '\t.text',
    '\t.word a1 - a0, a2 - a1',
    '\tb a2',
    '\tcbz x0, a1',
    '\t.text 1',
    '\t.word . - a0',
    '\tldr x0, =0x1234567890',
    '\tadr x1, a0',
    '\t.subsection -1',
    '\t.word 15',
    '\t.p2align 4',
    '\t.word a2',
  ].join('\n') + '\n');
});

test('subsections: alignment in a later subsection follows where the earlier ones end', (t) => {
  if (!toolchain(t)) return;
  // each subsection's size depends on where it starts: the layout takes several passes
  same(t, 'subsection alignment', [
    '\t.text 3',
    '\t.byte 1',
    '\t.balign 16',
    '\t.word 3',
    '\t.text 2',
    '\t.byte 2',
    '\t.balign 8',
    '\t.word 2',
    '\t.text 1',
    '\t.byte 3, 4, 5',
    '\t.balign 4',
    '\t.word 1',
    '\t.text 0',
    '\t.word 0, 0, 0',
    '\t.byte 9',
  ].join('\n') + '\n');
});

test('subsections: errors worded and placed as gas', (t) => {
  if (!toolchain(t)) return;
  sameMessages('subsection errors', ['\t.text', '\t.subsection undefd', '\t.word 1', '\t.data x', '\t.bss 1'].join('\n') + '\n');
});
