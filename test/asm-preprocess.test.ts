// Unit tests of the C preprocessor stage (server/src/asm/preprocess.ts): strings in, values out,
// files from an in-memory host. Behaviour that GCC defines is checked against cpp itself by
// asm-cpp-differential.test.ts; here: origins, diagnostics, limits, caches and robustness.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinHeaderPath, predefinedMacros, preprocess } from '../server/src/asm/preprocess';
import { CachingHost, SourceCache, lexedBytes } from '../server/src/asm/source-cache';
import { evaluateIf } from '../server/src/asm/cpp-expr';
import { lexFile, lineTokens, tokenize } from '../server/src/asm/cpp-lexer';
import { DEFAULT_LIMITS, Limits, PreprocessOptions, PreprocessResult } from '../server/src/asm/types';
import { Rng } from './support/rng';

const MAIN = '/w/arch/arm64/kernel/main.S';

function pp(text: string, files: Record<string, string> = {}, extra: Partial<PreprocessOptions> = {}): PreprocessResult {
  const host = { readFile: (p: string) => files[p] };
  return preprocess({ file: MAIN, text, host, includePaths: ['/w/include'], defines: new Map(), ...extra }, new SourceCache());
}
const texts = (r: PreprocessResult): string[] => r.lines.map((l) => l.text.replace(/\s+/g, ' ').trim());
const codes = (r: PreprocessResult): string[] => r.diagnostics.map((d) => d.code);

test('plain lines pass through with their origin; comments and blank lines go', () => {
  const r = pp('\tmov x0, #16 // sixteen\n\n/* only a comment */\n1:\tb 1b /* loop */ ; nop\r\n\tret');
  assert.deepEqual(r.lines.map((l) => l.text), ['\tmov x0, #16', '1:\tb 1b            ; nop', '\tret']);
  assert.deepEqual(r.lines.map((l) => l.origin.loc.line), [0, 3, 4]);
  assert.deepEqual(r.lines[0].origin, { loc: { file: MAIN, line: 0, startCol: 0, endCol: 23 }, stack: [] });
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.files, [MAIN]);
});

test('assembly traps: # immediates, lone quotes, gas parameters and ; survive', () => {
  const r = pp([
    '#define OFF 16',
    '\tldr x0, [sp, #OFF]',
    "\tmov w1, #'a // not a comment: the quote runs to the end of the line",
    '\tstp \\ra, \\rb, [sp, #\\off + OFF] ; nop',
    '\\name\\()_start:',
    '# a comment line for gas, OFF expanded',
    '\t.ascii "OFF // kept"',
  ].join('\n'));
  assert.deepEqual(texts(r), [
    'ldr x0, [sp, #16]',
    "mov w1, #'a // not a comment: the quote runs to the end of the line",
    'stp \\ra, \\rb, [sp, #\\off + 16] ; nop',
    '\\name\\()_start:',
    '# a comment line for gas, 16 expanded',
    '.ascii "OFF // kept"',
  ]);
  assert.deepEqual(r.diagnostics, []);
});

test('a macro use carries a cpp-macro frame at the outermost name; multi-line uses keep the first line', () => {
  const r = pp([
    '#define SAVE(a, b) stp a, b, [sp, #-16]!',
    '#define WRAP(x) SAVE(x, x30)',
    '  WRAP(x29) ; nop',
    '\tSAVE(x0,',
    '\t     x1)',
    '\tnext',
    'cont \\',
    '  SAVE(x2, x3)',
  ].join('\n'));
  assert.deepEqual(texts(r), ['stp x29, x30, [sp, #-16]! ; nop', 'stp x0, x1, [sp, #-16]!', 'next', 'cont stp x2, x3, [sp, #-16]!']);
  assert.deepEqual(r.lines.map((l) => l.origin.loc.line), [2, 3, 5, 6]);
  assert.deepEqual(r.lines[0].origin.stack, [{ kind: 'cpp-macro', name: 'WRAP', at: { file: MAIN, line: 2, startCol: 2, endCol: 6 } }]);
  assert.deepEqual(r.lines[2].origin.stack, []);
  // the macro name on the continued physical line is located there
  assert.deepEqual(r.lines[3].origin.stack[0].at, { file: MAIN, line: 7, startCol: 2, endCol: 6 });
  assert.equal(r.lines[3].origin.loc.line, 6);
});

test('function-like name without ( is not expanded; a directive line stops the search', () => {
  const r = pp('#define F(x) <x>\nF\n#define L 7\n(L)\nF\n\n(1) tail');
  assert.deepEqual(texts(r), ['F', '(7)', '<1> tail']);
  assert.deepEqual(r.lines.map((l) => l.origin.loc.line), [1, 3, 4]);
});

test('include search: the includer\'s directory first for "…", include paths for <…>, then builtin headers', () => {
  const files = {
    '/w/arch/arm64/kernel/local.h': 'local_dir',
    '/w/include/local.h': 'include_dir',
    '/w/include/asm/a.h': '#include "b.h"\na_h',
    '/w/include/asm/b.h': 'b_h',
    '/w/other/asm/c.h': 'c_h_first',
    '/w/include/asm/c.h': 'c_h_second',
  };
  const builtinHeaders = new Map([['asm/asm-offsets.h', '#define S_FP 232\nfallback_body'], ['local.h', 'never']]);
  const r = pp('#include "local.h"\n#include <local.h>\n#include <asm/a.h>\n#include <asm/c.h>\n#include <asm/asm-offsets.h>\nldr x0, [sp, #S_FP]', files, {
    includePaths: ['/w/other', '/w/include'],
    builtinHeaders,
  });
  assert.deepEqual(texts(r), ['local_dir', 'include_dir', 'b_h', 'a_h', 'c_h_first', 'fallback_body', 'ldr x0, [sp, #232]']);
  assert.deepEqual(r.files, [MAIN, '/w/arch/arm64/kernel/local.h', '/w/include/local.h', '/w/include/asm/a.h', '/w/include/asm/b.h', '/w/other/asm/c.h', builtinHeaderPath('asm/asm-offsets.h')]);
  const b = r.lines[2].origin;
  assert.equal(b.loc.file, '/w/include/asm/b.h');
  assert.deepEqual(b.stack.map((f) => [f.kind, f.name, f.at.file, f.at.line]), [
    ['include', 'asm/a.h', MAIN, 2],
    ['include', 'b.h', '/w/include/asm/a.h', 0],
  ]);
  assert.equal(r.lines[6].viaFallback, 'S_FP');
  assert.equal(r.macros.get('S_FP')?.fromFallback, true);
  assert.equal(r.macros.get('S_FP')?.origin.loc.file, builtinHeaderPath('asm/asm-offsets.h'));
  assert.equal(r.lines[0].viaFallback, undefined);
});

test('a missing include is a warning and processing goes on', () => {
  const r = pp('before\n#include <asm/nope.h>\n#include "nope2.h"\nafter');
  assert.deepEqual(texts(r), ['before', 'after']);
  assert.deepEqual(codes(r), ['cpp/missing-include', 'cpp/missing-include']);
  assert.equal(r.diagnostics[0].severity, 'warning');
  assert.equal(r.diagnostics[0].origin.loc.line, 1);
  assert.match(r.diagnostics[0].message, /<asm\/nope\.h>/);
});

test('include cycles end with a warning; guards, #pragma once and re-entry before a guard are not cycles', () => {
  const cyc = pp('#include <a.h>\nend', { '/w/include/a.h': 'a\n#include <b.h>', '/w/include/b.h': 'b\n#include <a.h>' });
  assert.deepEqual(codes(cyc), ['cpp/include-cycle']);
  assert.deepEqual(texts(cyc), ['a', 'b', 'a', 'b', 'end']);
  const guarded = pp('#include <g.h>\n#include <g.h>\n#include <o.h>\n#include <o.h>\nG O', {
    '/w/include/g.h': '#ifndef G\n#define G 1\n#include <g.h>\ng_body\n#endif',
    '/w/include/o.h': '#pragma once\n#include <o.h>\n#define O 2\no_body',
  });
  assert.deepEqual(codes(guarded), []);
  assert.deepEqual(texts(guarded), ['g_body', 'o_body', '1 2']);
  const self = pp('#include <s.h>\nS', { '/w/include/s.h': '#include <p.h>\n#ifndef S\n#define S 3\ns_body\n#endif', '/w/include/p.h': '#ifndef P\n#define P\n#include <s.h>\np_body\n#endif' });
  assert.deepEqual(codes(self), []);
  assert.deepEqual(texts(self), ['s_body', 'p_body', '3']);
});

test('include depth is capped by limits.maxIncludeDepth', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 100; i++) files[`/w/include/d${i}.h`] = `#include <d${i + 1}.h>\nd${i}`;
  const r = pp('#include <d0.h>', files, { limits: { ...DEFAULT_LIMITS, maxIncludeDepth: 10 } });
  assert.deepEqual(codes(r), ['cpp/include-depth']);
  assert.equal(r.lines.length, 9);
});

test('#include_next and computed includes', () => {
  const r = pp('#include <x.h>\n#define H <y.h>\n#include H\n#define Q "y.h"\n#include Q', {
    '/w/first/x.h': 'first\n#include_next <x.h>',
    '/w/include/x.h': 'second',
    '/w/include/y.h': 'why',
  }, { includePaths: ['/w/first', '/w/include'] });
  assert.deepEqual(texts(r), ['first', 'second', 'why', 'why']);
  assert.deepEqual(codes(r), []);
});

test('IS_ENABLED works by expansion from a kconfig.h supplied as a builtin header', () => {
  const kconfig = [
    '#define __ARG_PLACEHOLDER_1 0,',
    '#define __take_second_arg(__ignored, val, ...) val',
    '#define __is_defined(x) ___is_defined(x)',
    '#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)',
    '#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)',
    '#define __or(x, y) ___or(x, y)',
    '#define ___or(x, y) ____or(__ARG_PLACEHOLDER_##x, y)',
    '#define ____or(arg1_or_junk, y) __take_second_arg(arg1_or_junk 1, y)',
    '#define IS_BUILTIN(option) __is_defined(option)',
    '#define IS_MODULE(option) __is_defined(option##_MODULE)',
    '#define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))',
  ].join('\n');
  const r = pp('#if IS_ENABLED(CONFIG_A) && IS_ENABLED(CONFIG_M) && !IS_ENABLED(CONFIG_N)\nyes IS_ENABLED(CONFIG_A) IS_BUILTIN(CONFIG_M) IS_MODULE(CONFIG_M)\n#endif\nplain', {}, {
    builtinHeaders: new Map([['linux/kconfig.h', kconfig]]),
    forcedIncludes: ['linux/kconfig.h'],
    defines: new Map([['CONFIG_A', '1'], ['CONFIG_M_MODULE', '1']]),
  });
  assert.deepEqual(texts(r), ['yes 1 0 1', 'plain']);
  assert.equal(r.lines[0].viaFallback, 'IS_ENABLED');
  assert.equal(r.lines[1].viaFallback, undefined);
  assert.deepEqual(codes(r), []);
  assert.equal(r.macros.get('IS_ENABLED')?.fromFallback, true);
  assert.equal(r.macros.get('CONFIG_A')?.fromFallback, undefined);
});

test('predefined macros: __ASSEMBLY__ and what aarch64-linux-gnu-gcc defines; -D definitions', () => {
  const r = pp('__ASSEMBLY__ __ASSEMBLER__ __aarch64__ __AARCH64EL__ __GNUC__ __LP64__ __CHAR_UNSIGNED__ __x86_64__ FOO BAR(3) EMPTY.', {}, {
    defines: new Map([['FOO', '1'], ['BAR(x)', '(x + 1)'], ['EMPTY', '']]),
  });
  assert.deepEqual(texts(r), ['1 1 1 1 12 1 1 __x86_64__ 1 (3 + 1) .']);
  assert.equal(r.macros.get('__aarch64__')?.origin.loc.file, '<built-in>');
  assert.equal(r.macros.get('FOO')?.origin.loc.file, '<command-line>');
  assert.ok(predefinedMacros().size > 300);
});

test('macro table: definitions with the location of their name', () => {
  const r = pp('\n  #  define  S_X(n) ((n) * 8)\n#define A 1\n#undef A\n#define V(a, b...) b');
  const m = r.macros.get('S_X')!;
  assert.deepEqual([m.params, m.body, m.variadic], [['n'], '((n) * 8)', undefined]);
  assert.deepEqual(m.origin, { loc: { file: MAIN, line: 1, startCol: 13, endCol: 16 }, stack: [] });
  assert.equal(r.macros.has('A'), false);
  assert.deepEqual([r.macros.get('V')!.params, r.macros.get('V')!.variadic], [['a', 'b'], true]);
  assert.deepEqual(JSON.parse(JSON.stringify(m)).name, 'S_X');
});

test('redefinition warns unless the definition is the same', () => {
  const r = pp('#define A 1\n#define A  1\n#define A 2\n#define F(x) x\n#define F(y) y');
  assert.deepEqual(codes(r), ['cpp/macro-redefined', 'cpp/macro-redefined']);
  assert.equal(r.diagnostics[0].origin.loc.line, 2);
  assert.equal(r.diagnostics[0].related?.[0].origin.loc.line, 0);
});

test('directive diagnostics: #error, #warning, bad #if, unbalanced and unterminated groups', () => {
  const r = pp('#error stop here\n#warning careful\n#if 1 +\n#endif\n#if (2\n#endif\n#if 1/0\n#endif\n#else\n#endif\n#ifdef\n#endif\n#define 3 x\n#define F(a, a) a\n#if 1\nstill');
  assert.deepEqual(codes(r), [
    'cpp/error', 'cpp/warning', 'cpp/if-expression', 'cpp/if-expression', 'cpp/if-expression', 'cpp/unbalanced-conditional',
    'cpp/unbalanced-conditional', 'cpp/if-expression', 'cpp/bad-define', 'cpp/bad-define', 'cpp/unterminated-conditional',
  ]);
  assert.equal(r.diagnostics[0].message, '#error stop here');
  assert.equal(r.diagnostics[0].severity, 'error');
  assert.equal(r.diagnostics[1].severity, 'warning');
  assert.deepEqual(texts(r), ['still']);
});

test('wrong argument counts and unterminated invocations are errors; the name is kept', () => {
  const r = pp('#define F(a, b) a b\nF(1) x\nF(1, 2, 3) y\nF(1,\n2');
  assert.deepEqual(texts(r), ['F x', 'F y', 'F']);
  assert.deepEqual(codes(r), ['cpp/macro-arguments', 'cpp/macro-arguments', 'cpp/unterminated-arguments']);
});

test('__LINE__, __FILE__, __COUNTER__, __INCLUDE_LEVEL__ and #line', () => {
  const r = pp('__LINE__ __FILE__\n#define L __LINE__\nL __COUNTER__ __COUNTER__\n#line 100 "renamed.S"\n__LINE__ __FILE__ __INCLUDE_LEVEL__\n#include <i.h>', {
    '/w/include/i.h': '__INCLUDE_LEVEL__ __LINE__',
  });
  assert.deepEqual(texts(r), [`1 "${MAIN}"`, '3 0 1', '100 "renamed.S" 0', '1 1']);
});

test('#if arithmetic follows C and GCC for AArch64', () => {
  const v = (e: string) => {
    const r = evaluateIf(tokenize(e));
    assert.equal(r.error, undefined, `${e}: ${r.error}`);
    return r.value;
  };
  assert.equal(v('1 + 2 * 3 == 7'), true);
  assert.equal(v('-1 > 0u'), true);
  assert.equal(v("'\\377' > 0"), true); // plain char is unsigned on arm64
  assert.equal(v("'a' - 98 > 0"), true); // and GCC keeps a char constant unsigned in #if
  assert.equal(v("'ab' == 24930"), true);
  assert.equal(v('0x8000000000000000 > 0'), true);
  assert.equal(v('(1 ? -1 : 0u) > 0'), true);
  assert.equal(v('-7 / 2 == -3 && -7 % 2 == -1'), true);
  assert.equal(v('1 << 64 == 0 && -8 >> 1 == -4 && 1 >> -1 == 2'), true);
  assert.equal(v('0 && 1 / 0'), false);
  assert.equal(v('0b101 == 5 && 010 == 8 && 10ULL == 10'), true);
  for (const [e, msg] of [['1 / 0', /division by zero/], ['1.5', /floating/], ['2 3', /missing binary operator/], ['1 ? 2', /without following ':'/], ['(1', /missing '\)'/], ['08', /octal/], ['1 = 1', /not valid/], ['12xyz', /invalid suffix/]] as const) {
    assert.match(evaluateIf(tokenize(e)).error ?? '', msg, e);
  }
  assert.match(evaluateIf(tokenize('('.repeat(100000) + '1' + ')'.repeat(100000))).error ?? '', /nested too deeply/);
});

test('exponential macros stop at the limit with a diagnostic', () => {
  const defs = ['#define A0 x x'];
  for (let i = 1; i <= 40; i++) defs.push(`#define A${i} A${i - 1} A${i - 1}`);
  const limits: Limits = { ...DEFAULT_LIMITS, maxLineLength: 100_000 };
  const r = pp([...defs, 'A40', 'after', 'A3'].join('\n'), {}, { limits });
  assert.ok(codes(r).includes('cpp/expansion-too-large'));
  assert.ok(r.lines.every((l) => l.text.length <= limits.maxLineLength));
  assert.deepEqual(texts(r).slice(-2), ['after', 'x x x x x x x x x x x x x x x x']);
  // a line that is just long is cut where the limit says
  const long = pp('#define W wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww\n' + 'W '.repeat(50), {}, { limits: { ...DEFAULT_LIMITS, maxLineLength: 200 } });
  assert.ok(codes(long).includes('cpp/line-too-long'));
  assert.ok(long.lines[0].text.length <= 200);
});

test('deep nesting of macro arguments is capped by maxMacroDepth, not the JS stack', () => {
  const nest = (n: number) => pp('#define F(x) x\n' + 'F('.repeat(n) + '1' + ')'.repeat(n) + '\nafter');
  const r = nest(500);
  assert.deepEqual(codes(r), ['cpp/macro-depth']);
  assert.deepEqual(texts(r).slice(-1), ['after']);
  // deeper still: collecting the arguments again at every level is quadratic; the work cap ends it
  assert.deepEqual(codes(nest(20000)), ['cpp/expansion-too-large']);
  const chain = ['#define M0 end'];
  for (let i = 1; i < 300; i++) chain.push(`#define M${i} M${i - 1}`);
  const c = pp(chain.join('\n') + '\nM299');
  assert.ok(codes(c).includes('cpp/macro-depth'));
});

test('binary junk and NUL bytes give diagnostics, never exceptions', () => {
  const r = pp('mov x0, #1\0\0 ; nop\n/* open comment\n\0');
  assert.deepEqual(texts(r), ['mov x0, #1 ; nop']);
  assert.deepEqual(codes(r), ['cpp/null-character', 'cpp/unterminated-comment']);
  const rng = new Rng(0x5eed);
  for (let round = 0; round < 40; round++) {
    const pieces = ['#', 'define ', 'if ', 'include ', '(', ')', ',', '##', '"', "'", '\\', '\n', '/*', '*/', '//', 'A', 'B', '__VA_ARGS__', '...', '\0', ' ', 'x', '1', 'elif ', 'endif', 'defined', 'else'];
    let text = '';
    for (let i = 0; i < 400; i++) text += rng.below(4) === 0 ? String.fromCharCode(rng.below(256)) : pieces[rng.below(pieces.length)];
    const out = pp(text, { '/w/include/x.h': text });
    assert.ok(Array.isArray(out.lines));
  }
});

test('the source cache lexes an unchanged include once; CachingHost reads a path once', () => {
  const cache = new SourceCache();
  let reads = 0;
  const files: Record<string, string> = { '/w/include/h.h': '#define H 1\nh_body H' };
  const host = new CachingHost({ readFile: (p) => (reads++, files[p]) });
  const opts: PreprocessOptions = { file: MAIN, text: '#include <h.h>\n#include <h.h>\nmain', host, includePaths: ['/w/include'], defines: new Map() };
  const first = preprocess(opts, cache);
  const second = preprocess(opts, cache);
  assert.deepEqual(texts(first), texts(second));
  assert.deepEqual(texts(first), ['h_body 1', 'h_body 1', 'main']);
  // the main text is lexed per document (again from its first changed line after an edit);
  // h.h once, then from the cache; the second run of the same text is the remembered one
  assert.equal(cache.misses, 1);
  assert.equal(cache.hits, 1);
  assert.equal(reads, 1);
  preprocess({ ...opts, incremental: false }, cache);
  assert.equal(cache.hits, 3);
  files['/w/include/h.h'] = '#define H 2\nh_body H';
  host.invalidate('/w/include/h.h');
  assert.deepEqual(texts(preprocess(opts, cache)), ['h_body 2', 'h_body 2', 'main']);
  assert.equal(reads, 2);
});

test('a host that throws is a missing file', () => {
  const r = preprocess({ file: MAIN, text: '#include <x.h>\nok', host: { readFile: () => { throw new Error('EACCES'); } }, includePaths: ['/w'], defines: new Map() }, new SourceCache());
  assert.deepEqual(texts(r), ['ok']);
  assert.deepEqual(codes(r), ['cpp/missing-include']);
});

test('the source cache keeps its lexed files within its byte budget, least recently used out first', () => {
  const file = (k: number) => `#define F${k} ${k}\n` + 'mov x0, #1 // body\n'.repeat(200);
  const one = lexedBytes(lexFile(file(0)));
  const cache = new SourceCache(one * 4);
  for (let k = 0; k < 3; k++) cache.lex(file(k));
  for (let k = 3; k < 20; k++) {
    cache.lex(file(0)); // kept in use: never the one evicted
    cache.lex(file(k));
    assert.ok(cache.bytes <= cache.maxBytes, `${cache.bytes} bytes held, budget ${cache.maxBytes}`);
  }
  const misses = cache.misses;
  cache.lex(file(0));
  cache.lex(file(19));
  assert.equal(cache.misses, misses, 'the recently used files are still there');
  cache.lex(file(1));
  assert.equal(cache.misses, misses + 1, 'an old one was evicted');
  // tokens made while a file is used count at its next use
  const lexed = cache.lex(file(19));
  const before = lexedBytes(lexed);
  for (const L of lexed.lines) lineTokens(L);
  assert.ok(lexedBytes(lexed) > before);
});

