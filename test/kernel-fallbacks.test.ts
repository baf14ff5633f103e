// The built-in kernel headers: their on-disk copies in test-fixtures/kernel/include/ (UPDATE_FIXTURES=1
// rewrites them), the macro lists, IS_ENABLED through the host cpp, the macros' meaning through the
// real aarch64 toolchain, and every fixture of test-fixtures/ assembling with GNU gcc/as using our
// headers and the era's generated asm-offsets/autoconf (test-fixtures/kernel/README.md).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { FALLBACK_MACROS, KERNEL_FALLBACK_HEADERS, fallbackHeaderForMacro, fallbackMacroNote } from '../server/src/asm/kernel-fallbacks';
import { formatAsmOffsetsHeader } from '../server/src/ftrace/asm-offsets';
import { EraName, KernelEra, findEra, formatAutoconfHeader } from '../server/src/ftrace/eras';
import { hasTool } from './support/gnu-oracle';
import { requireOracle } from './support/oracle-gate';
import { repoRoot } from './support/repo';

const GCC = process.env.AARCH64_GCC ?? 'aarch64-linux-gnu-gcc';
const OBJDUMP = process.env.AARCH64_OBJDUMP ?? 'aarch64-linux-gnu-objdump';
const CPP = process.env.HOST_CPP ?? 'cpp';
const haveGcc = hasTool(GCC);
const haveObjdump = hasTool(OBJDUMP);
const haveCpp = hasTool(CPP);

const ROOT = repoRoot();
const FIXTURES = join(ROOT, 'test-fixtures');
const KERNEL = join(FIXTURES, 'kernel');
const INCLUDE = join(KERNEL, 'include');

// --- the on-disk copies ------------------------------------------------------------------------

test('fallbacks: test-fixtures/kernel/include/ holds byte-identical copies', () => {
  const update = process.env.UPDATE_FIXTURES === '1';
  const stale: string[] = [];
  for (const [name, text] of KERNEL_FALLBACK_HEADERS) {
    const path = join(INCLUDE, name);
    if (update) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) stale.push(relative(ROOT, path));
  }
  const onDisk = listFiles(INCLUDE).map((p) => relative(INCLUDE, p).split('\\').join('/'));
  const extra = onDisk.filter((p) => !KERNEL_FALLBACK_HEADERS.has(p));
  assert.deepEqual(stale, [], 'regenerate with UPDATE_FIXTURES=1 npm test');
  assert.deepEqual(extra, [], 'headers in test-fixtures/kernel/include/ that are not built-in fallbacks');
});

test('fallbacks: the headers entry-ftrace.S of every era includes are all built in', () => {
  for (const file of fixtureFiles()) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^\s*#\s*include\s*<([^>]+)>/gm)) {
      assert.ok(KERNEL_FALLBACK_HEADERS.has(m[1]), `${relative(ROOT, file)} includes <${m[1]}>`);
    }
  }
  for (const [name, text] of KERNEL_FALLBACK_HEADERS) {
    for (const m of text.matchAll(/^\s*#\s*include\s*<([^>]+)>/gm)) assert.ok(KERNEL_FALLBACK_HEADERS.has(m[1]), `<${name}> includes <${m[1]}>`);
  }
});

test('fallbacks: balanced conditionals and macros, own text', () => {
  for (const [name, text] of KERNEL_FALLBACK_HEADERS) {
    let cpp = 0;
    let gas = 0;
    for (const line of text.split('\n')) {
      if (/^\s*#\s*if/.test(line)) cpp++;
      if (/^\s*#\s*endif/.test(line)) cpp--;
      if (/^\s*\.macro\b/.test(line)) gas++;
      if (/^\s*\.endm\b/.test(line)) gas--;
      assert.ok(cpp >= 0 && gas >= 0 && gas <= 1, `${name}: ${line}`);
    }
    assert.equal(cpp, 0, `${name}: #if/#endif`);
    assert.equal(gas, 0, `${name}: .macro/.endm`);
    assert.match(text, /aarch64-ftrace built-in stand-in/, name);
    assert.doesNotMatch(text, /SPDX-License-Identifier|Copyright/, name);
    assert.ok(text.endsWith('\n'), name);
  }
});

test('fallbacks: the macro list of each header', () => {
  const names = (h: string) => FALLBACK_MACROS.get(h)!.map((m) => m.name);
  for (const m of ['SYM_FUNC_START', 'SYM_FUNC_END', 'SYM_FUNC_START_LOCAL', 'SYM_FUNC_START_NOALIGN', 'SYM_CODE_START', 'SYM_CODE_END',
    'SYM_CODE_START_LOCAL', 'SYM_INNER_LABEL', 'SYM_FUNC_ALIAS', 'SYM_DATA_START', 'SYM_DATA_END', 'ENTRY', 'ENDPROC', 'END', 'GLOBAL', 'ASM_NL', 'ALIGN']) {
    assert.ok(names('linux/linkage.h').includes(m), m);
  }
  assert.ok(names('asm/linkage.h').includes('SYM_TYPED_FUNC_START'));
  assert.ok(names('asm/linkage.h').includes('BTI_C'));
  assert.ok(names('linux/cfi_types.h').includes('SYM_TYPED_START'));
  for (const m of ['adr_l', 'ldr_l', 'str_l', 'ldr_this_cpu', 'adr_this_cpu', 'mov_q', 'get_current_task', 'NOKPROBE']) assert.ok(names('asm/assembler.h').includes(m), m);
  assert.equal(FALLBACK_MACROS.get('asm/assembler.h')!.find((m) => m.name === 'ldr_l')!.kind, 'gas');
  assert.equal(FALLBACK_MACROS.get('asm/assembler.h')!.find((m) => m.name === 'NOKPROBE')!.kind, 'cpp');
  assert.ok(names('linux/kconfig.h').includes('IS_ENABLED') && names('linux/kconfig.h').includes('__ARG_PLACEHOLDER_1'));
  assert.ok(names('linux/export.h').includes('EXPORT_SYMBOL_GPL'));
  assert.ok(names('asm/ftrace.h').includes('MCOUNT_INSN_SIZE'));
  assert.deepEqual(names('asm/asm-offsets.h'), []);
  assert.deepEqual(names('generated/asm-offsets.h'), []);
  for (const [h, list] of FALLBACK_MACROS) assert.ok(!list.some((m) => /_H$|_H__$/.test(m.name)), `${h}: include guard listed`);

  assert.equal(fallbackHeaderForMacro('SYM_FUNC_START'), 'asm/linkage.h');
  assert.equal(fallbackHeaderForMacro('SYM_CODE_START'), 'linux/linkage.h');
  assert.equal(fallbackHeaderForMacro('ldr_l'), 'asm/assembler.h');
  assert.equal(fallbackHeaderForMacro('AARCH64_INSN_SIZE'), 'asm/insn-def.h');
  assert.equal(fallbackHeaderForMacro('EXPORT_SYMBOL'), 'linux/export.h');
  assert.equal(fallbackHeaderForMacro('not_a_macro'), undefined);
  assert.equal(fallbackMacroNote('linux/linkage.h'), 'from the built-in fallback for <linux/linkage.h>');
});

// --- IS_ENABLED and friends through the host C preprocessor -----------------------------------

test('kconfig: IS_ENABLED/IS_BUILTIN/IS_MODULE/IS_REACHABLE through host cpp', (t) => {
  if (!requireOracle(t, haveCpp, 'the host C preprocessor (cpp)')) return;
  const src = [
    'a: IS_ENABLED(CONFIG_Y) IS_ENABLED(CONFIG_M) IS_ENABLED(CONFIG_N) IS_ENABLED(CONFIG_TWO)',
    'b: IS_BUILTIN(CONFIG_Y) IS_BUILTIN(CONFIG_M) IS_MODULE(CONFIG_Y) IS_MODULE(CONFIG_M)',
    'c: IS_REACHABLE(CONFIG_Y) IS_REACHABLE(CONFIG_M) IS_REACHABLE(CONFIG_N)',
    '#if IS_ENABLED(CONFIG_Y) && !IS_ENABLED(CONFIG_N)',
    'd: if-taken',
    '#endif',
    '#if IS_ENABLED(CONFIG_N) || IS_BUILTIN(CONFIG_M)',
    'e: must-not-appear',
    '#endif',
    '',
  ].join('\n');
  const run = (extra: string[]) => {
    const r = spawnSync(CPP, ['-P', '-undef', '-D__ASSEMBLY__', '-DCONFIG_Y=1', '-DCONFIG_M_MODULE=1', '-DCONFIG_TWO=2', ...extra, '-I', INCLUDE, '-include', 'linux/kconfig.h', '-'], { input: src, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '', 'cpp warnings');
    return r.stdout.split('\n').filter((l) => l.trim() !== '').join('\n');
  };
  assert.equal(run([]), ['a: 1 1 0 0', 'b: 1 0 0 1', 'c: 1 0 0', 'd: if-taken'].join('\n'));
  assert.match(run(['-DMODULE']), /^c: 1 1 0$/m, 'a module reaches =m options');
});

// --- the macros' meaning, checked with the real toolchain ---------------------------------------

test('linkage/assembler macros: what GNU as makes of them', (t) => {
  if (!requireOracle(t, haveGcc, `${GCC} (gcc-aarch64-linux-gnu)`) || !requireOracle(t, haveObjdump, 'GNU objdump for aarch64')) return;
  const src = String.raw`
#include <linux/linkage.h>
#include <linux/cfi_types.h>
#include <asm/assembler.h>
#include <asm/ftrace.h>
	.text
	nop
SYM_FUNC_START(f_global)
	ret
SYM_FUNC_END(f_global)
SYM_FUNC_ALIAS(f_alias, f_global)
SYM_FUNC_START_LOCAL(f_local)
	mov_q	x0, 0x12345678
	mov_q	x1, 0xffff800008000000
	mov_q	x2, 0x123456789abcdef0
	adr_l	x3, some_sym
	ldr_l	x4, some_sym
	ldr_l	x5, some_sym, x6
	str_l	x7, some_sym, x8
	ldr_this_cpu x9, some_sym, x10
	get_current_task x11
SYM_INNER_LABEL(f_inner, SYM_L_GLOBAL)
	ret
SYM_FUNC_END(f_local)
SYM_CODE_START(c_code)
	ret
SYM_CODE_END(c_code)
SYM_TYPED_FUNC_START(typed)
	ret
SYM_FUNC_END(typed)
ENTRY(old_style)
	b	f_local
ENDPROC(old_style)
EXPORT_SYMBOL_GPL(f_global)
NOKPROBE(f_global)
	.data
SYM_DATA_START(d_obj)
	.quad	MCOUNT_INSN_SIZE
SYM_DATA_END(d_obj)
`;
  const plain = assembleSource(src, []);
  const bti = assembleSource(src, ['CONFIG_ARM64_BTI_KERNEL', 'CONFIG_KPROBES']);
  const cfi = assembleSource(src, ['CONFIG_CFI_CLANG', 'CONFIG_FUNCTION_ALIGNMENT=8']);

  // symbol table: linkage, type, size, alignment
  const sym = (o: Dump, name: string) => o.symbols.get(name);
  assert.deepEqual(sym(plain, 'f_global'), { value: 4n, binding: 'g', type: 'F', size: 4n, section: '.text' });
  assert.deepEqual(sym(plain, 'f_alias'), { value: 4n, binding: 'g', type: 'F', size: 4n, section: '.text' });
  assert.equal(sym(plain, 'f_local')!.binding, 'l');
  assert.equal(sym(plain, 'f_local')!.type, 'F');
  assert.equal(sym(plain, 'f_inner')!.binding, 'g');
  assert.equal(sym(plain, 'f_inner')!.type, '');
  assert.equal(sym(plain, 'c_code')!.type, '', 'SYM_CODE_END gives STT_NOTYPE');
  assert.equal(sym(plain, 'old_style')!.type, 'F');
  assert.equal(sym(plain, 'd_obj')!.type, 'O');
  assert.equal(sym(plain, 'd_obj')!.size, 8n);
  for (const name of ['f_global', 'f_local', 'c_code', 'typed', 'old_style']) assert.equal(sym(plain, name)!.value % 4n, 0n, name);
  for (const name of ['f_global', 'f_local', 'c_code', 'typed']) assert.equal(sym(cfi, name)!.value % 8n, name === 'typed' ? 4n : 0n, `${name} with FUNCTION_ALIGNMENT=8`);

  // mov_q picks 2, 3 or 4 instructions
  const body = plain.text.filter((l) => l.addr >= sym(plain, 'f_local')!.value && l.addr < sym(plain, 'f_inner')!.value).map((l) => l.insn);
  assert.deepEqual(body.slice(0, 9), [
    'mov x0, #0x12340000',
    'movk x0, #0x5678',
    'mov x1, #0xffff8000ffffffff', // movn: the sign-extending :abs_g2_s: form
    'movk x1, #0x800, lsl #16',
    'movk x1, #0x0',
    'mov x2, #0x1234000000000000',
    'movk x2, #0x5678, lsl #32',
    'movk x2, #0x9abc, lsl #16',
    'movk x2, #0xdef0',
  ]);
  assert.deepEqual(body.slice(9).map((s) => s.replace(/ .*?(x\d+).*$/, ' $1')), [
    'adrp x3', 'add x3', 'adrp x4', 'ldr x4', 'adrp x6', 'ldr x5', 'adrp x8', 'str x7', 'adrp x9', 'add x9', 'mrs x10', 'ldr x9', 'mrs x11',
  ]);
  assert.match(body[body.length - 1], /^mrs x11, sp_el0$/);

  // BTI: SYM_FUNC_START* and SYM_TYPED_FUNC_START get "bti c", SYM_CODE_START and ENTRY do not
  const first = (o: Dump, name: string) => o.text.find((l) => l.addr === sym(o, name)!.value)!.insn;
  for (const name of ['f_global', 'f_local', 'typed']) {
    assert.equal(first(bti, name), 'bti c', name);
    assert.equal(first(plain, name) === 'bti c', false, name);
  }
  assert.equal(first(bti, 'c_code'), 'ret');
  assert.equal(first(bti, 'old_style').startsWith('b'), true);

  // kCFI puts the type hash word in front of the typed function
  assert.ok(cfi.relocs.some((r) => r.symbol === '__kcfi_typeid_typed' && r.type === 'R_AARCH64_ABS32' && r.offset === sym(cfi, 'typed')!.value - 4n));

  // exports and the kprobe blacklist
  assert.ok(plain.relocs.some((r) => r.section === '.export_symbol' && r.symbol === 'f_global'));
  assert.ok(sym(plain, '__export_symbol_f_global'));
  assert.ok(bti.relocs.some((r) => r.section === '_kprobe_blacklist' && r.symbol === 'f_global'));
  assert.ok(!plain.relocs.some((r) => r.section === '_kprobe_blacklist'), 'NOKPROBE is empty without CONFIG_KPROBES');
});

test('fallbacks: each header assembles on its own, with and without a config', (t) => {
  if (!requireOracle(t, haveGcc, `${GCC} (gcc-aarch64-linux-gnu)`) || !requireOracle(t, haveObjdump, 'GNU objdump for aarch64')) return;
  for (const name of KERNEL_FALLBACK_HEADERS.keys()) {
    for (const config of [[], era('newest').config, era('5.5-with-regs').config]) {
      const out = assembleSource(`#include <${name}>\n#include <${name}>\n\tnop\n`, config);
      assert.deepEqual(out.text.map((l) => l.insn), ['nop'], name);
    }
  }
});

// --- every fixture assembles --------------------------------------------------------------------

interface FixtureMeta {
  readonly era: KernelEra;
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

function fixtureMeta(file: string): FixtureMeta {
  const text = readFileSync(file, 'utf8');
  const eraName = /^\/\/ fixture-era: (\S+)$/m.exec(text)?.[1];
  assert.ok(eraName, `${relative(ROOT, file)}: no "// fixture-era:" line`);
  const era = findEra(eraName);
  assert.ok(era, `${relative(ROOT, file)}: unknown era ${eraName}`);
  const cfg = (/^\/\/ fixture-config: (.*)$/m.exec(text)?.[1] ?? '').split(/\s+/).filter(Boolean);
  return { era, add: cfg.filter((c) => c.startsWith('+')).map((c) => c.slice(1)), remove: cfg.filter((c) => c.startsWith('-')).map((c) => c.slice(1)) };
}

function fixtureFiles(): string[] {
  return [join(FIXTURES, 'entry-ftrace.S'), ...listFiles(KERNEL).filter((f) => f.endsWith('.S'))];
}

test('fixtures: each assembles for its era with the real toolchain (README command)', (t) => {
  if (!requireOracle(t, haveGcc, `${GCC} (gcc-aarch64-linux-gnu)`) || !requireOracle(t, haveObjdump, 'GNU objdump for aarch64')) return;
  const files = fixtureFiles();
  assert.ok(files.length >= 12, files.join('\n'));
  for (const file of files) {
    const meta = fixtureMeta(file);
    const out = assembleFile(file, meta.era, meta.add, meta.remove);
    t.diagnostic(`${relative(ROOT, file)} (era ${meta.era.name}${meta.add.length || meta.remove.length ? ', config changed' : ''}): ${out.text.length} instructions`);
    assert.ok(out.text.length > 0);
  }
});

test('fixtures: entry-ftrace.S in each configuration it covers', (t) => {
  if (!requireOracle(t, haveGcc, `${GCC} (gcc-aarch64-linux-gnu)`) || !requireOracle(t, haveObjdump, 'GNU objdump for aarch64')) return;
  const file = join(FIXTURES, 'entry-ftrace.S');
  const globals = (o: Dump) => [...o.symbols].filter(([, s]) => s.binding === 'g').map(([n]) => n).sort();

  const newest = assembleFile(file, era('newest'));
  assert.deepEqual(globals(newest), ['ftrace_caller', 'ftrace_stub', 'ftrace_stub_direct_tramp', 'ftrace_stub_graph', 'return_to_handler']);
  assert.equal(newest.symbols.get('ftrace_caller_direct')?.binding, 'l');
  assert.ok(!newest.symbols.has('ftrace_call'), 'CALL_OPS: no ftrace_call patch site');
  assert.equal(firstInsn(newest, 'ftrace_caller'), 'bti c');
  assert.deepEqual(insnsOf(newest, 'ftrace_stub_direct_tramp'), ['bti c', 'mov x10, x30', 'mov x30, x9', 'ret x10']);
  assert.ok(insnsOf(newest, 'ftrace_caller').includes('br x17'));
  assert.ok(insnsOf(newest, 'ftrace_caller').includes('sub sp, sp, #0x90'), 'FREGS_SIZE + 32 = 144');
  assert.ok(insnsOf(newest, 'ftrace_caller').includes('ret x9'));

  for (const name of ['6.13+', '6.12', '6.3-call-ops'] as const) assembleFile(file, era(name));

  const args = assembleFile(file, era('6.2-with-args'));
  assert.equal(args.symbols.get('ftrace_call')?.binding, 'g', 'ftrace_call patch site without CALL_OPS');
  assert.match(args.text.find((l) => l.addr === args.symbols.get('ftrace_call')!.value)!.insn, /^bl\b/);
  assert.ok(!args.symbols.has('ftrace_stub_direct_tramp'));

  const mcount = assembleFile(file, era('newest'), ['CONFIG_DYNAMIC_FTRACE'], ['CONFIG_DYNAMIC_FTRACE_WITH_ARGS', 'CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS', 'CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS']);
  for (const s of ['_mcount', 'ftrace_call', 'ftrace_graph_call', 'ftrace_graph_caller']) assert.ok(mcount.symbols.has(s), s);
  assert.equal(mcount.text.find((l) => l.addr === mcount.symbols.get('ftrace_call')!.value)!.insn, 'nop');

  const staticFtrace = assembleFile(file, era('newest'), [], ['CONFIG_DYNAMIC_FTRACE', 'CONFIG_DYNAMIC_FTRACE_WITH_ARGS']);
  assert.ok(!staticFtrace.symbols.has('ftrace_call') && staticFtrace.symbols.has('_mcount'));
});

test('fixtures: the older eras look as their era did', (t) => {
  if (!requireOracle(t, haveGcc, `${GCC} (gcc-aarch64-linux-gnu)`) || !requireOracle(t, haveObjdump, 'GNU objdump for aarch64')) return;
  const regs55 = assembleFile(join(KERNEL, 'entry-ftrace-5.5-with-regs.S'), era('5.5-with-regs'));
  for (const s of ['ftrace_regs_caller', 'ftrace_caller', 'ftrace_common', 'ftrace_call', 'ftrace_graph_call', 'ftrace_graph_caller', 'return_to_handler']) assert.ok(regs55.symbols.has(s), s);
  assert.equal(insnsOf(regs55, 'ftrace_caller')[0], 'sub sp, sp, #0x150', 'S_FRAME_SIZE (320) + 16');
  assert.ok(insnsOf(regs55, 'ftrace_common').includes('ret x9'));
  const regs510 = assembleFile(join(KERNEL, 'entry-ftrace-5.5-with-regs.S'), era('5.10'));
  assert.equal(insnsOf(regs510, 'ftrace_caller')[0], 'sub sp, sp, #0x160', 'S_FRAME_SIZE (336) + 16');

  const v61 = assembleFile(join(KERNEL, 'entry-ftrace-6.1.S'), era('6.1'));
  assert.equal(firstInsn(v61, 'ftrace_caller'), 'bti c');
  assert.equal(firstInsn(v61, 'ftrace_regs_caller'), 'bti c');
  assert.equal(firstInsn(v61, 'ftrace_stub'), 'bti c', 'SYM_TYPED_FUNC_START with BTI');
  assert.ok(!v61.symbols.has('ftrace_graph_call'));
  assert.equal(v61.symbols.get('ftrace_common')!.type, '', 'SYM_CODE_END: no function type');

  const mc = assembleFile(join(KERNEL, 'entry-ftrace-mcount.S'), era('mcount'));
  for (const s of ['_mcount', 'ftrace_caller', 'ftrace_call', 'ftrace_graph_call', 'ftrace_graph_caller', 'ftrace_stub', 'return_to_handler']) assert.ok(mc.symbols.has(s), s);
  assert.deepEqual(insnsOf(mc, '_mcount'), ['ret']);
  const mcStatic = assembleFile(join(KERNEL, 'entry-ftrace-mcount.S'), era('mcount'), [], ['CONFIG_DYNAMIC_FTRACE']);
  assert.ok(insnsOf(mcStatic, '_mcount').includes('blr x2'));
});

test('fixtures: every buggy variant names its bug and marks the instruction', (t) => {
  const dir = join(KERNEL, 'buggy');
  const files = readdirSync(dir).filter((f) => f.endsWith('.S'));
  assert.ok(files.length >= 6, files.join(' '));
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.match(text, /Expected from the ABI checker:\n \*   rule (A\d+)/, f);
    const rule = /Expected from the ABI checker:\n \*   rule (A\d+)/.exec(text)![1];
    const marked = text.split('\n').filter((l) => /\/\/ BUG\(A\d+\):/.test(l));
    assert.ok(marked.length >= 1, `${f}: no line marked // BUG(...)`);
    for (const l of marked) assert.match(l, new RegExp(`// BUG\\(${rule}\\):`), `${f}: ${l}`);
  }
  if (!requireOracle(t, haveGcc, `${GCC} (gcc-aarch64-linux-gnu)`) || !requireOracle(t, haveObjdump, 'GNU objdump for aarch64')) return;
  const bti = assembleFile(join(dir, 'missing-bti-c.S'), era('5.10'), ['CONFIG_ARM64_BTI', 'CONFIG_ARM64_BTI_KERNEL']);
  assert.notEqual(firstInsn(bti, 'ftrace_caller'), 'bti c');
  assert.equal(firstInsn(bti, 'ftrace_stub'), 'bti c', 'SYM_FUNC_START still gets its pad');
  const undef = assembleFile(join(dir, 'graph-caller-undefined-in-ifdef.S'), era('mcount'), [], ['CONFIG_DYNAMIC_FTRACE']);
  assert.ok(undef.relocs.some((r) => r.type === 'R_AARCH64_CONDBR19' && r.symbol === 'ftrace_graph_caller'));
  assert.equal(undef.symbols.get('ftrace_graph_caller')?.section, '*UND*');
});

// --- helpers -----------------------------------------------------------------------------------

function era(name: EraName): KernelEra {
  return findEra(name)!;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)]));
}

interface Dump {
  readonly symbols: Map<string, { value: bigint; binding: string; type: string; size: bigint; section: string }>;
  readonly text: { addr: bigint; insn: string }[];
  readonly relocs: { section: string; offset: bigint; type: string; symbol: string }[];
}

/**
 * Assembles with the README's command: -I <era build dir>/include -I test-fixtures/kernel/include
 * -include linux/kconfig.h. A changed config gets a temporary build dir with its own autoconf.h.
 */
function assembleFile(file: string, e: KernelEra, add: readonly string[] = [], remove: readonly string[] = []): Dump {
  const tmp = mkdtempSync(join(tmpdir(), 'a64-fixture-'));
  try {
    let buildInclude = join(KERNEL, 'build', e.name, 'include');
    if (add.length || remove.length) {
      const config = [...e.config.filter((c) => !remove.includes(c.replace(/=.*$/, ''))), ...add.filter((c) => !e.config.includes(c))];
      buildInclude = join(tmp, 'include');
      mkdirSync(join(buildInclude, 'generated'), { recursive: true });
      writeFileSync(join(buildInclude, 'generated', 'autoconf.h'), formatAutoconfHeader({ ...e, config }));
      writeFileSync(join(buildInclude, 'generated', 'asm-offsets.h'), formatAsmOffsetsHeader(e));
    }
    return assembleWith(file, ['-I', buildInclude], tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Assembles a snippet with only our headers, the newest era's offsets and the given config. */
function assembleSource(src: string, config: readonly string[]): Dump {
  const tmp = mkdtempSync(join(tmpdir(), 'a64-snippet-'));
  try {
    const gen = join(tmp, 'include', 'generated');
    mkdirSync(gen, { recursive: true });
    const e = era('newest');
    writeFileSync(join(gen, 'autoconf.h'), formatAutoconfHeader({ ...e, config }));
    writeFileSync(join(gen, 'asm-offsets.h'), formatAsmOffsetsHeader(e));
    const file = join(tmp, 'snippet.S');
    writeFileSync(file, src);
    return assembleWith(file, ['-I', join(tmp, 'include')], tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function assembleWith(file: string, includeArgs: string[], tmp: string): Dump {
  const obj = join(tmp, 'out.o');
  const args = ['-c', '-x', 'assembler-with-cpp', '-D__ASSEMBLY__', ...includeArgs, '-I', INCLUDE, '-include', 'linux/kconfig.h', file, '-o', obj];
  const r = spawnSync(GCC, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${GCC} ${args.join(' ')}\n${r.stderr}`);
  assert.equal(r.stderr.trim(), '', `${relative(ROOT, file)}: warnings from ${GCC}`);
  // two runs: with -d, objdump lists only the disassembled sections' relocations (inline)
  const d = spawnSync(OBJDUMP, ['-d', '-t', '--no-show-raw-insn', obj], { encoding: 'utf8' });
  assert.equal(d.status, 0, d.stderr);
  const rel = spawnSync(OBJDUMP, ['-r', obj], { encoding: 'utf8' });
  assert.equal(rel.status, 0, rel.stderr);
  return parseDump(d.stdout + '\n' + rel.stdout);
}

function parseDump(out: string): Dump {
  const symbols: Dump['symbols'] = new Map();
  const text: Dump['text'] = [];
  const relocs: Dump['relocs'] = [];
  let relocSection = '';
  let disSection = '';
  for (const line of out.split('\n')) {
    // 0000000000000004 g     F .text	0000000000000004 f_global
    const s = /^([0-9a-f]{16}) (.)(.)(.)(.)(.)(.)(.) (\S+)\t([0-9a-f]{16}) (\S+)$/.exec(line);
    if (s) {
      symbols.set(s[11], { value: BigInt('0x' + s[1]), binding: s[2].trim(), type: s[8].trim(), size: BigInt('0x' + s[10]), section: s[9] });
      continue;
    }
    const sec = /^RELOCATION RECORDS FOR \[(.+)\]:$/.exec(line);
    if (sec) relocSection = sec[1];
    const rel = /^([0-9a-f]{16}) (R_AARCH64_\w+)\s+([^\s+-]+)/.exec(line);
    if (rel && relocSection) relocs.push({ section: relocSection, offset: BigInt('0x' + rel[1]), type: rel[2], symbol: rel[3] });
    const dis = /^Disassembly of section (.+):$/.exec(line);
    if (dis) disSection = dis[1];
    const ins = /^\s+([0-9a-f]+):\t(.*)$/.exec(line);
    if (ins && disSection === '.text') text.push({ addr: BigInt('0x' + ins[1]), insn: ins[2].replace(/\s*\/\/.*$/, '').replace(/\s*<[^>]*>/g, '').replace(/\s+/g, ' ').trim() });
  }
  return { symbols, text, relocs };
}

function insnsOf(o: Dump, name: string): string[] {
  const s = o.symbols.get(name);
  assert.ok(s, `no symbol ${name}`);
  const starts = [...o.symbols.values()].filter((x) => x.section === '.text' && x.value > s.value).map((x) => x.value);
  const end = s.size > 0n ? s.value + s.size : starts.length ? starts.reduce((a, b) => (a < b ? a : b)) : BigInt(Number.MAX_SAFE_INTEGER);
  return o.text.filter((l) => l.addr >= s.value && l.addr < end).map((l) => l.insn);
}

function firstInsn(o: Dump, name: string): string {
  return insnsOf(o, name)[0];
}
