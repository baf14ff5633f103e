// The gas stage and layout: directive families, macros, conditionals, loops, symbols,
// relocations, feature gating, diagnostics in gas's words with ranges, limits on hostile input,
// the source map, and the `listing` CLI. Expected bytes come from GNU as (test-fixtures/asm/
// gas-cases.json was written by aarch64-linux-gnu-gcc; the differential test re-checks it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AssembleOptions, assemble, assembleFromPreprocessed } from '../server/src/asm/gas';
import { parseArch, withExtension } from '../server/src/asm/gas-arch';
import { scrub, splitStatements, takeLabels } from '../server/src/asm/gas-lex';
import { bindArguments, parseMacroHead, substitute } from '../server/src/asm/gas-macro';
import { LayoutItem } from '../server/src/asm/layout';
import { formatTsv, toJson } from '../server/src/asm/listing';
import { AssembleResult, DEFAULT_LIMITS, Diagnostic, PpLine, PreprocessResult } from '../server/src/asm/types';
import { parseKconfig as kconfigDefines } from '../server/src/driver';
import { repoRoot } from './support/repo';
import { Rng } from './support/rng';
import { generateSource } from '../scripts/bench-asm';

const FILE = '/t/a.S';

function asm(text: string, opts: Partial<AssembleOptions> = {}, files: Record<string, string> = {}): AssembleResult {
  return assemble({ file: FILE, text, host: { readFile: (p) => files[p] }, includePaths: [], defines: new Map(), ...opts });
}

/** The preprocessor stand-in of these tests: lines split on '\n' with their origins (no cpp). */
function plain(text: string, file = FILE): PreprocessResult {
  const lines: PpLine[] = text.split('\n').map((t, line) => ({ text: t, origin: { loc: { file, line, startCol: 0, endCol: t.length }, stack: [] } }));
  return { lines, diagnostics: [], files: [file], macros: new Map() };
}

const hexOf = (r: AssembleResult, section: string) => Buffer.from(r.sections.find((s) => s.name === section)?.bytes ?? []).toString('hex');
const errors = (r: AssembleResult) => r.diagnostics.filter((d) => d.severity === 'error');
const messages = (ds: readonly Diagnostic[]) => ds.map((d) => d.message);

interface GasCase {
  name: string;
  src: string;
  sections: Record<string, string>;
  relocs?: [string, number, string, string, string][];
}
const CASES: GasCase[] = JSON.parse(readFileSync(join(repoRoot(), 'test-fixtures/asm/gas-cases.json'), 'utf8'));

for (const c of CASES) {
  test(`gas case: ${c.name}`, () => {
    const r = asm(c.src);
    assert.deepEqual(messages(errors(r)), [], 'no errors');
    for (const [name, hex] of Object.entries(c.sections)) assert.equal(hexOf(r, name), hex, `section ${name}`);
    for (const s of r.sections) if (s.size > 0) assert.ok(s.name in c.sections, `unexpected section ${s.name}`);
    const ours = r.sections.flatMap((s) => s.items.filter((i) => i.reloc).map((i) => [s.name, i.offset, i.reloc!.type, i.reloc!.symbol, i.reloc!.addend.toString()]));
    assert.deepEqual(ours.sort(), (c.relocs ?? []).map((x) => [x[0], x[1], x[2], x[3], x[4]]).sort());
  });
}

test('lexer: statements, comments, scrubbing, labels', () => {
  assert.deepEqual(splitStatements('\tnop ; add x0, x1, #1 // c ; d').map((s) => [s.text, s.start, s.end]), [['nop', 1, 4], ['add x0, x1, #1', 7, 21]]);
  assert.deepEqual(splitStatements('  # 12 "file"'), []);
  assert.deepEqual(splitStatements('.ascii "a;b//c" ; nop').map((s) => s.text), ['.ascii "a;b//c"', 'nop']);
  assert.equal(scrub('frob  x0 ,  [x1 , # 8 ] , lsl  #3 , "a  b" , k  l , 1 - -2, a . b'), 'frob x0,[x1,#8],lsl#3,"a  b",k l,1--2,a . b');
  const t = takeLabels('a: 1: .Lx:  nop x0');
  assert.deepEqual(t.labels.map((l) => l.name), ['a', '1', '.Lx']);
  assert.equal(t.rest, 'nop x0');
});

test('macro heads, arguments and substitution', () => {
  const h = parseMacroHead('m a,b=dflt,c:req,d:vararg');
  assert.ok(!('error' in h));
  if ('error' in h) return;
  assert.deepEqual(h.params, [{ name: 'a' }, { name: 'b', dflt: 'dflt' }, { name: 'c', required: true }, { name: 'd', vararg: true }]);
  const b = bindArguments({ name: 'm', params: h.params }, '1+2,,"q a",x,y,[z,w]');
  assert.deepEqual([...b.values], [['a', '1+2'], ['b', 'dflt'], ['c', 'q a'], ['d', 'x,y,[z,w]']]);
  assert.deepEqual(bindArguments({ name: 'm', params: h.params }, 'a=1').errors, ["Missing value for required parameter `c' of macro `m'"]);
  assert.deepEqual(bindArguments({ name: 'm', params: h.params }, 'a=1 2').errors.slice(0, 1), ["can't mix positional and keyword arguments"]);
  assert.deepEqual(bindArguments({ name: 'm', params: h.params }, 'zz=1').errors[0], "Parameter named `zz' does not exist for macro `m'");
  assert.equal(substitute('\\a\\()x \\a.y \\b\\@ \\\\a \\(lit)', new Map([['a', 'R'], ['b', 'B']]), 7), 'Rx \\a.y B7 \\\\a lit');
});

test('macros: defined before use, used before definition, redefinition, nesting and text', () => {
  const r = asm('\tm1\n\t.macro m1\n\tnop\n\t.endm\n\tm1\n\t.macro m1\n\t.endm\n');
  const e = errors(r);
  assert.equal(e[0].code, 'asm/undefined-macro');
  assert.match(e[0].message, /macro `m1' is used before it is defined/);
  assert.equal(e[1].code, 'asm/redefined-macro');
  assert.equal(e[1].message, "Macro `m1' was already defined");
  assert.equal(hexOf(r, '.text'), '000000001f2003d5');
  assert.equal(r.macros.get('m1')?.params.length, 0);
  // a macro that defines a macro, and case-insensitive names
  const n = asm('.macro outer name\n.macro \\name\nret\n.endm\n.endm\nOUTER inner\nINNER\n');
  assert.deepEqual(messages(errors(n)), []);
  assert.equal(hexOf(n, '.text'), 'c0035fd6');
});

test('macro argument errors are reported at the invocation', () => {
  const r = asm('.macro m a:req\n.endm\nm\n.macro k a\n.endm\nk b=1\n');
  assert.deepEqual(messages(errors(r)), ["Missing value for required parameter `a' of macro `m'", "Parameter named `b' does not exist for macro `k'"]);
  assert.deepEqual(errors(r).map((d) => d.origin.loc.line), [2, 5]);
});

test('unbalanced and unterminated blocks, in gas words', () => {
  const w = asm('.endm\n.endr\n.exitm\n');
  assert.deepEqual(messages(w.diagnostics), ['.endm encountered without preceding .macro', '.endr encountered without preceding .rept, .irp, or .irpc', 'ignoring macro exit outside a macro definition.']);
  assert.deepEqual(messages(errors(asm('.endif\n.else\n.elseif 1\n'))), ['".endif" without ".if"', '".else" without matching ".if"', '".elseif" without matching ".if"']);
  const m = errors(asm('nop\n.macro foo\nnop\n'));
  assert.equal(m.length, 1);
  assert.equal(m[0].code, 'asm/unterminated');
  assert.equal(m[0].message, "unexpected end of file in macro `foo' definition");
  assert.equal(m[0].origin.loc.line, 1);
  assert.equal(errors(asm('.rept 3\nnop\n'))[0].code, 'asm/unterminated');
  const i = errors(asm('nop\n.if 1\nnop\n'));
  assert.deepEqual(messages(i), ['end of file inside conditional']);
  assert.equal(i[0].origin.loc.line, 1);
  const mc = errors(asm('.macro m\n.if 1\nnop\n.endm\nm\n.endif\n'));
  assert.deepEqual(messages(mc), ['end of macro inside conditional', '".endif" without ".if"']);
  // a skipped .macro inside a false conditional is not collected
  assert.deepEqual(messages(errors(asm('.if 0\n.macro x\n.endif\nnop\n'))), []);
});

test('a number with a leading 0 is octal: an 8 or 9 in it is an error, not a crash', () => {
  const r = asm('\tmov\tx0, #092\n\t.word\t092\n\tmov\tx1, #017\n');
  const e = errors(r);
  assert.deepEqual(e.map((d) => d.origin.loc.line), [0, 1]);
  assert.ok(e.every((d) => /invalid digit in octal number '092'/.test(d.message)), e.map((d) => d.message).join('\n'));
  // (as gas: mov x1, #15)
  assert.equal(r.sections[0].items[2].word, 0xd28001e1);
});

test('instruction diagnostics: unknown mnemonic, bad operand, ranges', () => {
  const r = asm('\tfrob x0\n\tadd x0, x1\n\tadd x0, x1, #0x10000001\n\tldr x0, [x1, #S_FOO]\n');
  const e = errors(r);
  assert.equal(e[0].code, 'asm/unknown-mnemonic');
  assert.equal(e[0].message, "unknown mnemonic `frob' -- `frob x0'");
  assert.deepEqual([e[0].origin.loc.startCol, e[0].origin.loc.endCol], [1, 5]);
  assert.equal(e[1].code, 'asm/bad-operand');
  assert.match(e[1].message, / -- `add x0,x1'$/);
  assert.equal(e[2].code, 'asm/bad-operand');
  assert.match(e[2].message, /operand 3: .*-- `add x0,x1,#0x10000001'$/);
  assert.deepEqual([e[2].origin.loc.startCol, e[2].origin.loc.endCol], [13, 24], 'the operand');
  assert.equal(e[3].code, 'asm/undefined-symbol');
  assert.equal(e[3].message, 'undefined symbol S_FOO used as an immediate value');
  assert.deepEqual([e[3].origin.loc.startCol, e[3].origin.loc.endCol], [15, 20]);
  // layout goes on: every statement keeps its 4 bytes, the symbolic one marked
  const items = r.sections[0].items as LayoutItem[];
  assert.deepEqual(items.map((i) => i.offset), [0, 4, 8, 12]);
  assert.deepEqual(items[3].symbolic, ['S_FOO']);
  assert.equal(items[3].word, 0xf9400020, 'ldr x0, [x1] with the offset zero');
});

test('asm-offsets through `predefined`: value used, symbol marked, missing ones reported', () => {
  const r = asm('\tldr x0, [x1, #S_X1]\n\tstp x2, x3, [sp, #S_X2]\n', { predefined: (n) => (n === 'S_X1' ? { value: 8n, source: 'era test' } : undefined) });
  assert.deepEqual(messages(errors(r)), ['undefined symbol S_X2 used as an immediate value']);
  assert.equal(r.sections[0].items[0].word, 0xf9400420);
  assert.equal(r.symbols.get('S_X1')?.predefined, 'era test');
  assert.equal(r.symbols.get('S_X1')?.value, 8n);
});

test('undefined symbols: relocations for targets, errors for immediates, local labels', () => {
  const r = asm('\tb nowhere\n\tmov x0, #nowhere2\n\t.quad nowhere3\n');
  assert.deepEqual(messages(errors(r)), ['undefined symbol nowhere2 used as an immediate value']);
  assert.equal(r.symbols.get('nowhere')?.defined, false);
  assert.equal(r.symbols.get('nowhere')?.binding, 'global');
});

test('local labels that are never defined, in gas words', () => {
  const r = asm('\tb 1f\n\tb 2b\n\tb .Lnope\n\t.quad 3f\n');
  assert.deepEqual(messages(errors(r)), [
    "local label `\"1\" (instance number 1 of a fb label)' is not defined -- `b 1f'",
    'backward ref to unknown label "2:" -- `b 2b\'',
    "local label `\"3\" (instance number 1 of a fb label)' is not defined",
  ]);
  assert.equal(r.sections[0].items[2].reloc?.symbol, '.Lnope');
});

test('symbols: labels, binding, type, size, equates, redefinition', () => {
  const r = asm('\t.globl f\n\t.type f, %function\nf:\tnop\n\tret\n\t.size f, . - f\n\t.weak w\nw:\n.Ll: nop\n\t.set k, 3\n\t.data\nobj: .quad 0\n\t.type obj, @object\nf: nop\n');
  const f = r.symbols.get('f')!;
  assert.deepEqual([f.section, f.value, f.binding, f.type, f.size, f.defined], ['.text', 0n, 'global', 'function', 8, true]);
  assert.equal(r.symbols.get('w')?.binding, 'weak');
  assert.equal(r.symbols.get('.Ll')?.value, 8n);
  assert.deepEqual([r.symbols.get('k')?.value, r.symbols.get('k')?.section], [3n, undefined]);
  assert.equal(r.symbols.get('obj')?.type, 'object');
  assert.deepEqual(messages(errors(r)), ["symbol `f' is already defined"]);
  assert.deepEqual(messages(errors(asm('.equiv a, 1\n.equiv a, 2\n'))), ["symbol `a' is already defined"]);
});

test('feature gating: selected processor does not support, .arch and extensions', () => {
  const r = asm('\tldadd x0, x1, [x2]\n\tpaciasp\n\tbti c\n\tcrc32b w0, w1, w2\n\t.arch armv8.1-a\n\tldadd x0, x1, [x2]\n\t.arch_extension nolse\n\tcasal x0, x1, [x2]\n\t.arch armv9.9-a\n\t.arch_extension frob\n\t.cpu frob\n');
  assert.deepEqual(messages(errors(r)), [
    "selected processor does not support `ldadd x0,x1,[x2]'",
    "selected processor does not support `crc32b w0,w1,w2'",
    "selected processor does not support `casal x0,x1,[x2]'",
    "unknown architecture `armv9.9-a'",
    "unknown architectural extension `frob'",
    "unknown cpu `frob'",
  ]);
  assert.equal(errors(asm('\tldadd x0, x1, [x2]\n', { arch: 'armv8.1-a' })).length, 0);
  // an option's error is the main file's, also when its first lines come from a header
  const opt = errors(asm('#include "h.h"\n\tnop\n', { arch: 'armv9.9-a' }, { '/t/h.h': '\t.macro\tm\n\t.endm\n' }));
  assert.deepEqual(opt.map((d) => [d.code, d.origin.loc.file, d.origin.loc.line]), [['asm/bad-arch', FILE, 0]]);
  const a = parseArch('armv8.2-a+crypto+nolse');
  assert.ok(!('error' in a) && a.features.has('crypto') && !a.features.has('lse') && a.features.has('rdma'));
  const b = parseArch('armv8-a');
  assert.ok(!('error' in b));
  if (!('error' in b)) assert.ok(!('error' in withExtension(b, 'pauth')));
});

test('unknown directives warn; accepted no-ops stay silent', () => {
  const r = asm('\t.frobnicate 1\n\t.cfi_startproc\n\t.cfi_def_cfa_offset 16\n\t.file "x.c"\n\t.loc 1 2 3\n\t.ident "gcc"\n\t.cfi_endproc\n\tnop\n');
  assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.code, d.message]), [['warning', 'asm/unknown-directive', "unknown pseudo-op: `.frobnicate'"]]);
  assert.equal(hexOf(r, '.text'), '1f2003d5');
});

test('data diagnostics: truncation, non-absolute sizes, .org backwards, bad alignment', () => {
  const r = asm('.data\n.byte 256\n.skip undefsym\n.org 0\n.balign 3\n.byte x_undef\n.if fwd\n.endif\nfwd:\n');
  assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.message]), [
    ['warning', 'value 0x100 truncated to 0x0'],
    ['error', '.space, .nops or .fill specifies non-absolute value'],
    ['error', 'attempt to move .org backwards'],
    ['error', 'alignment not a power of 2'],
    ['error', 'non-constant expression in ".if" statement'],
    ['error', 'cannot represent a 8-bit relocation'],
  ]);
});

test('limits: hostile input finishes quickly with diagnostics', () => {
  const t0 = Date.now();
  const rec = asm('.macro r\nr\n.endm\nr\nnop\n');
  assert.equal(errors(rec)[0].code, 'asm/limit');
  assert.match(errors(rec)[0].message, /macros nested too deeply/);
  assert.equal(hexOf(rec, '.text'), '1f2003d5', 'assembly goes on after the abandoned expansion');
  const rept = asm('.rept 1000000000\nnop\n.endr\nret\n');
  assert.match(errors(rept)[0].message, /\.rept would expand to 1000000000 statements/);
  assert.equal(hexOf(rept, '.text'), 'c0035fd6');
  const exp = asm('.macro a n\n.if \\n\na \\n-1\na \\n-1\n.endif\nnop\n.endm\na 40\n', { limits: { ...DEFAULT_LIMITS, maxStatements: 50_000 } });
  assert.match(errors(exp).at(-1)!.message, /more than 50000 statements/);
  const fill = asm('.fill 1000000000, 8, 1\n.skip 0x7fffffffffff\n.align 60\n.p2align 40\nnop\n');
  assert.equal(errors(fill).length, 4);
  assert.ok(errors(fill).every((d) => d.code === 'asm/limit'));
  assert.equal(hexOf(fill, '.text'), '1f2003d5');
  const nested = asm('.rept 100000\n'.repeat(3) + 'nop\n' + '.endr\n'.repeat(3) + 'ret\n');
  assert.equal(errors(nested).length, 1, 'nested loops are costed before expanding');
  assert.equal(hexOf(nested, '.text'), 'c0035fd6');
  const deep = asm('.byte ' + '('.repeat(3000) + '1' + ')'.repeat(3000) + '\n\tadd x0, x0, #' + '-'.repeat(5000) + '1\n\tnop\n');
  assert.deepEqual(errors(deep).map((d) => d.code), ['asm/expression', 'asm/bad-operand']);
  assert.equal(hexOf(deep, '.text'), '00' + '00000000' + '1f2003d5', 'the bad byte and instruction keep their places');
  const unterminated = asm('.macro m\n' + 'nop\n'.repeat(10_000));
  assert.equal(errors(unterminated).length, 1);
  // binary junk
  let junk = '';
  let x = 12345;
  for (let i = 0; i < 200_000; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    junk += String.fromCharCode(x % 256);
  }
  const j = assembleFromPreprocessed(plain(junk));
  assert.ok(j.diagnostics.length > 0);
  assert.ok(j.diagnostics.length <= 2001, 'diagnostics are capped');
  const long = assembleFromPreprocessed(plain('nop ' + 'x'.repeat(100), FILE), { limits: { ...DEFAULT_LIMITS, maxLineLength: 50 } });
  assert.match(errors(long)[0].message, /longer than 50 characters/);
  assert.ok(Date.now() - t0 < 20_000, `hostile inputs took ${Date.now() - t0} ms`);
});

test('source map: itemsAt through macros, loops and includes', () => {
  const inc = '/t/inc.S';
  const r = asm('\t.macro two\n\tnop\n\tret\n\t.endm\n\ttwo\n\t.rept 2\n\tadd x0, x0, #1\n\t.endr\n#include "inc.S"\n\t.include "inc.S"\n', {}, { [inc]: '\tmov x1, #2\n' });
  assert.deepEqual(messages(errors(r)), []);
  const at = (file: string, line: number) => r.itemsAt(file, line).map((i) => i.offset);
  assert.deepEqual(at(FILE, 4), [0, 4], 'the macro invocation produced both words');
  assert.deepEqual(at(FILE, 1), [0], 'the macro body line');
  assert.deepEqual(at(FILE, 2), [4]);
  assert.deepEqual(at(FILE, 5), [8, 12], 'the .rept line');
  assert.deepEqual(at(FILE, 6), [8, 12], 'the body line, twice');
  assert.deepEqual(at(FILE, 8), [16], '#include');
  assert.deepEqual(at(FILE, 9), [20], '.include');
  assert.deepEqual(at(inc, 0), [16, 20]);
  assert.deepEqual(at(FILE, 3), []);
  const item = r.itemsAt(FILE, 6)[1];
  assert.deepEqual(item.origin.stack.map((f) => [f.kind, f.at.line]), [['rept', 5]]);
  assert.deepEqual([item.origin.loc.line, item.origin.loc.startCol, item.origin.loc.endCol], [6, 1, 15]);
});

test('statement columns: several statements on a line', () => {
  const r = asm('\tnop ; frob ; ret\n');
  assert.deepEqual(r.sections[0].items.map((i) => [i.origin.loc.startCol, i.origin.loc.endCol]), [[1, 4], [7, 11], [14, 17]]);
  assert.deepEqual([errors(r)[0].origin.loc.startCol, errors(r)[0].origin.loc.endCol], [7, 11]);
});

test('tsv listing: one line per word, padding as -', () => {
  const r = assembleFromPreprocessed(plain('\tnop\n\t.byte 1\n\t.p2align 3\n\t.data\n\t.byte 1, 2\n'));
  assert.equal(formatTsv(r), '.text\t0\td503201f\t/t/a.S:1\n.text\t4\t00000001\t/t/a.S:2\n.data\t0\t0201\t/t/a.S:5\n');
  const pad = assembleFromPreprocessed(plain('\tnop\n\t.p2align 3\n\tret\n'));
  assert.equal(formatTsv(pad), '.text\t0\td503201f\t/t/a.S:1\n.text\t4\td503201f\t-\n.text\t8\td65f03c0\t/t/a.S:3\n');
});

test('kconfig defines', () => {
  const d = kconfigDefines('# comment\nCONFIG_A=y\nCONFIG_B=m\nCONFIG_C="str"\nCONFIG_D=0x10\n# CONFIG_E is not set\nCONFIG_F=n\n');
  assert.deepEqual([...d], [['CONFIG_A', '1'], ['CONFIG_B_MODULE', '1'], ['CONFIG_C', '"str"'], ['CONFIG_D', '0x10']]);
});

test('cli listing: text, tsv, json, -I/-D/--config, exit status', (ctx) => {
  const dir = mkdtempSync(join(tmpdir(), 'listing-'));
  ctx.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'inc.h'), '#define VAL 3\n');
  writeFileSync(join(dir, 'k.config'), 'CONFIG_X=y\n');
  const src = join(dir, 'a.S');
  writeFileSync(src, '#include "inc.h"\n#ifdef CONFIG_X\n\tmov x0, #VAL\n#endif\n#if EXTRA == 2\n\tret\n#endif\n\t.data\n\t.byte 7\n');
  const cli = (args: string[]) => spawnSync(process.execPath, [join(repoRoot(), 'dist/cli.js'), 'listing', ...args], { encoding: 'utf8', timeout: 30_000 });
  const t = cli(['-I', dir, '-DEXTRA=2', '--config', join(dir, 'k.config'), '--format', 'tsv', src]);
  assert.equal(t.status, 0, t.stderr);
  assert.deepEqual(t.stdout.trimEnd().split('\n').map((l) => l.split('\t').slice(0, 3).join(' ')), ['.text 0 d2800060', '.text 4 d65f03c0', '.data 0 07']);
  assert.match(t.stdout.split('\n')[0], /\ta\.S:3$|\/a\.S:3$/);
  const x = cli(['-I', dir, '-DEXTRA=2', '--config', join(dir, 'k.config'), src]);
  assert.equal(x.status, 0);
  assert.match(x.stdout, /Disassembly of section \.text:/);
  assert.match(x.stdout, /d2800060 \tmov\tx0, #0x3/);
  const j = cli(['--format', 'json', '-I', dir, '-DEXTRA=2', '--config', join(dir, 'k.config'), src]);
  const data = JSON.parse(j.stdout);
  assert.deepEqual(data.sections.map((s: { name: string }) => s.name), ['.text', '.data']);
  assert.equal(data.sections[0].items[0].word, 'd2800060');
  assert.equal(data.sections[0].items[0].origin.line, 3);
  assert.deepEqual(data.diagnostics, []);
  writeFileSync(src, '\tfrob\n');
  const bad = cli([src]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /a\.S:1:2: error: unknown mnemonic `frob' -- `frob' \[asm\/unknown-mnemonic\]/);
  assert.equal(cli(['--format', 'xml', src]).status, 2);
  assert.equal(cli([]).status, 2);
});

test('incremental re-assembly after edits gives exactly the from-scratch result', () => {
  const file = '/t/incremental.S';
  const extra = [
    '\t.set\tSTEP, STEP + 1', '\t.globl\tfn3', 'late_label:', '\t.macro\tsave a, b', '\t.endm', '\t.if\tSTEP > 2', '\t.endif',
    '\tldr\tx0, =0x1234', '\t.ltorg', '\t.pushsection\t.rodata, "a"', '\t.popsection', '\tb\tlate_label', '1:', '\tb\t1b',
    '\t.byte\t1', '\t.p2align\t3', '\tfrob\tx0', '\tmov\tx0, #UNDEF_SYM', '\t.quad\tfn1 - .', '\t.rept\t3', '\t.endr',
    '\ttmp\t.req\tx9', '\t.unreq\ttmp', '\t.arch\tarmv8.1-a', '\tldadd\tx0, x1, [x2]', '\t.section\t.text.x, "ax"', '\t.text',
    '\t.else', '\t.weak\tfn2', '\t.size\tfn1, . - fn1', '\t.purgem\tguard', '\t.end', '\t.equiv\tSTEP, 3', '\t.irp\tr, 1, 2',
    ...['labels.S', 'loops.S', 'macros.S', 'conditionals.S'].flatMap((f) => readFileSync(join(repoRoot(), 'test-fixtures/asm', f), 'utf8').split('\n')),
  ];
  let lines = ('\t.set\tSTEP, 1\n' + generateSource(3000, 11)).split('\n');
  const rng = new Rng(42);
  const host = { readFile: () => undefined };
  let resumed = 0;
  for (let k = 0; k < 60; k++) {
    const at = 1 + rng.below(lines.length - 2);
    const kind = rng.below(5);
    if (kind === 0) lines[at] = lines[1 + rng.below(lines.length - 2)];
    else if (kind === 1) lines.splice(at, 0, extra[rng.below(extra.length)]);
    else if (kind === 2) lines.splice(at, 1);
    else if (kind === 3) lines[at] = extra[rng.below(extra.length)];
    else lines[at] = lines[at].replace(/#(\d+)/, (_m, n) => '#' + ((Number(n) + 1) % 4096));
    const text = lines.join('\n');
    const opts = { file, text, host, includePaths: [], defines: new Map<string, string>() };
    const t0 = process.hrtime.bigint();
    const inc = assemble(opts);
    const t1 = process.hrtime.bigint();
    const fresh = assemble({ ...opts, incremental: false });
    const t2 = process.hrtime.bigint();
    if (t1 - t0 < (t2 - t1) / 2n) resumed++;
    assert.equal(JSON.stringify(toJson(inc)), JSON.stringify(toJson(fresh)), `after edit ${k} (${['copy', 'insert', 'delete', 'replace', 'immediate'][kind]} at line ${at + 1})`);
    assert.deepEqual(inc.itemsAt(file, at).map((i) => i.offset), fresh.itemsAt(file, at).map((i) => i.offset));
  }
  assert.ok(resumed > 0, 'some edits resumed from a checkpoint');
});
