// The ABI checker's rules on small sources built with the test mini assembler: each rule fires
// where it should (code, line, message, related locations, fix) and stays silent on correct code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../server/src/asm/types';
import { analyzeProgram, checkProgram } from '../server/src/analysis/check';
import { CONTRACTS, CONTRACT_NAMES } from '../server/src/analysis/contracts';
import { RULES, RULE_CODES } from '../server/src/analysis/rules';
import { miniProgram } from './support/mini-asm';

const FILE = '/t/tramp.S';

function check(src: string, opts: { config?: string[]; contracts?: Record<string, string> } = {}): Diagnostic[] {
  return checkProgram(miniProgram(src, { file: FILE, config: opts.config, contracts: opts.contracts }));
}

/** `code@line` (1-based) of each diagnostic. */
const where = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code}@${d.origin.loc.line + 1}`);

/** The 1-based line of the first line containing `needle` (or matching it). */
function lineOf(src: string, needle: string | RegExp, nth = 1): number {
  const lines = src.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if ((typeof needle === 'string' ? lines[i].includes(needle) : needle.test(lines[i])) && ++seen === nth) return i + 1;
  throw new Error(`no line with ${needle}`);
}

function applyFix(src: string, d: Diagnostic): string {
  const fix = d.fixes?.[0];
  assert.ok(fix, `no fix on ${d.code}`);
  const lines = src.split('\n');
  // edits on one line each, applied right to left
  for (const e of [...fix.edits].sort((a, b) => b.loc.line - a.loc.line || b.loc.startCol - a.loc.startCol)) {
    const l = lines[e.loc.line] ?? '';
    const text = l.slice(0, e.loc.startCol) + e.newText + l.slice(e.loc.endCol);
    lines.splice(e.loc.line, 1, ...text.split('\n'));
  }
  return lines.join('\n');
}

// A WITH_ARGS-shaped entry trampoline (offsets as in struct ftrace_regs).
const DEFS = `
#define FREGS_X0 0
#define FREGS_X2 16
#define FREGS_X4 32
#define FREGS_X6 48
#define FREGS_X8 64
#define FREGS_DIRECT_TRAMP 72
#define FREGS_FP 80
#define FREGS_LR 88
#define FREGS_SP 96
#define FREGS_PC 104
#define FREGS_SIZE 112
`;
const ENTRY = `${DEFS}
	.text
SYM_CODE_START(ftrace_caller)
	bti	c
	mov	x10, sp
	sub	sp, sp, #(FREGS_SIZE + 32)
	stp	x0, x1, [sp, #FREGS_X0]
	stp	x2, x3, [sp, #FREGS_X2]
	stp	x4, x5, [sp, #FREGS_X4]
	stp	x6, x7, [sp, #FREGS_X6]
	str	x8, [sp, #FREGS_X8]
	str	xzr, [sp, #FREGS_DIRECT_TRAMP]
	str	x29, [sp, #FREGS_FP]
	str	x9, [sp, #FREGS_LR]
	str	x10, [sp, #FREGS_SP]
	str	x30, [sp, #FREGS_PC]
	stp	x29, x9, [sp, #FREGS_SIZE + 16]
	add	x29, sp, #FREGS_SIZE + 16
	stp	x29, x30, [sp, #FREGS_SIZE]
	add	x29, sp, #FREGS_SIZE
	sub	x0, x30, #4
	mov	x1, x9
	mov	x3, sp
ftrace_call:
	bl	ftrace_stub
	ldp	x0, x1, [sp, #FREGS_X0]
	ldp	x2, x3, [sp, #FREGS_X2]
	ldp	x4, x5, [sp, #FREGS_X4]
	ldp	x6, x7, [sp, #FREGS_X6]
	ldr	x8, [sp, #FREGS_X8]
	ldr	x29, [sp, #FREGS_FP]
	ldr	x17, [sp, #FREGS_DIRECT_TRAMP]
	cbnz	x17, ftrace_caller_direct_late
	ldr	x30, [sp, #FREGS_LR]
	ldr	x9, [sp, #FREGS_PC]
	add	sp, sp, #FREGS_SIZE + 32
	ret	x9
ftrace_caller_direct_late:
	ldr	x9, [sp, #FREGS_LR]
	ldr	x30, [sp, #FREGS_PC]
	add	sp, sp, #FREGS_SIZE + 32
	br	x17
SYM_CODE_END(ftrace_caller)

SYM_FUNC_START(ftrace_stub)
	ret
SYM_FUNC_END(ftrace_stub)
`;

test('analysis: a correct WITH_ARGS trampoline gives nothing, under every config switch', () => {
  for (const config of [[], ['CONFIG_SHADOW_CALL_STACK'], ['CONFIG_ARM64_BTI_KERNEL'], ['CONFIG_SHADOW_CALL_STACK', 'CONFIG_ARM64_BTI_KERNEL']]) {
    assert.deepEqual(where(check(ENTRY, { config })), [], config.join(' '));
  }
  const r = analyzeProgram(miniProgram(ENTRY, { file: FILE }));
  assert.equal(r.style, 'patchable');
  assert.deepEqual(
    r.entries.map((e) => `${e.symbol}:${e.contract}:${e.source}`),
    ['ftrace_caller:ftrace-entry:kernel-name', 'ftrace_call:continuation:kernel-name', 'ftrace_caller_direct_late:continuation:kernel-name', 'ftrace_stub:aapcs:kernel-name'],
  );
});

test('analysis: argument-not-restored at the exit, with saved/clobbered locations and a restore fix', () => {
  const src = ENTRY.replace('\tldp\tx2, x3, [sp, #FREGS_X2]\n', '');
  const ds = check(src);
  const ret = lineOf(src, 'ret\tx9');
  const br = lineOf(src, 'br\tx17');
  assert.deepEqual(where(ds), [`abi/argument-not-restored@${ret}`, `abi/argument-not-restored@${br}`]);
  const d = ds[0];
  assert.match(d.message, /^x2, x3 are saved but not restored before this exit: ftrace_caller \(contract ftrace-entry\)/);
  assert.match(d.message, /Path ftrace_caller → ftrace_call → line \d+\./);
  assert.deepEqual(
    (d.related ?? []).map((r) => `${r.origin.loc.line + 1}: ${r.message}`),
    [`${lineOf(src, 'stp\tx2, x3')}: x2, x3 saved here`, `${lineOf(src, 'bl\tftrace_stub')}: x2, x3 destroyed by this call`],
  );
  // the fix restores from the save slot before sp is released, in the file's own spelling
  const fixed = applyFix(src, d);
  assert.match(fixed, /\tldp\tx2, x3, \[sp, #FREGS_X2\]\n\tadd\tsp, sp, #FREGS_SIZE \+ 32\n\tret\tx9/);
  assert.deepEqual(where(check(fixed)).filter((w) => !w.endsWith(`@${br + 1}`)), []);
});

test('analysis: restore-slot-mismatch at the load, with the slot fix', () => {
  const src = ENTRY.replace('ldp\tx2, x3, [sp, #FREGS_X2]', 'ldp\tx2, x3, [sp, #FREGS_X4]');
  const ds = check(src);
  const at = lineOf(src, 'ldp\tx2, x3, [sp, #FREGS_X4]');
  assert.deepEqual(where(ds), [`abi/restore-slot-mismatch@${at}`]);
  assert.match(ds[0].message, /^x2, x3 are restored from the slots where x4, x5 were saved/);
  const fixed = applyFix(src, ds[0]);
  assert.equal(fixed, ENTRY);
});

test('analysis: callee-saved registers as scratch, at the write; x29 not restored, at the exit', () => {
  const scratch = ENTRY.replace('mov\tx10, sp', 'mov\tx28, sp').replace('str\tx10, [sp, #FREGS_SP]', 'str\tx28, [sp, #FREGS_SP]');
  const ds = check(scratch);
  assert.deepEqual(where(ds), [`abi/callee-saved-clobbered@${lineOf(scratch, 'mov\tx28, sp')}`]);
  assert.match(ds[0].message, /x28 \(callee-saved\) is overwritten here and never saved, so it is the entry sp at the exit at line \d+ \(`ret x9`\)/);
  assert.match(ds[0].message, /use a scratch register \(x9–x15\)/);

  const fp = ENTRY.replace('\tldr\tx29, [sp, #FREGS_FP]\n', '');
  assert.deepEqual(where(check(fp)), [`abi/callee-saved-clobbered@${lineOf(fp, 'ret\tx9')}`, `abi/callee-saved-clobbered@${lineOf(fp, 'br\tx17')}`]);

  // saved, overwritten, restored: fine
  const ok = `
SYM_FUNC_START(f)
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	str	x19, [sp, #16]
	mov	x19, x0
	bl	g
	mov	x0, x19
	ldr	x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
SYM_FUNC_END(f)
`;
  assert.deepEqual(where(check(ok)), []);
  // saved, overwritten, not restored: at the write, with the restore fix
  const notRestored = ok.replace('\tldr\tx19, [sp, #16]\n', '');
  const ds2 = check(notRestored);
  assert.deepEqual(where(ds2), [`abi/callee-saved-clobbered@${lineOf(notRestored, 'mov\tx19, x0')}`]);
  assert.match(applyFix(notRestored, ds2[0]), /\tldr\tx19, \[sp, #16\]\n\tldp\tx29, x30, \[sp\], #32/);
});

test('analysis: lr-convention for ftrace entries, direct calls, AAPCS functions and return_to_handler', () => {
  const plain = ENTRY.replace('\tret\tx9', '\tret');
  const ds = check(plain);
  assert.deepEqual(where(ds), [`abi/lr-convention@${lineOf(plain, /^\tret$/)}`]);
  assert.match(ds[0].message, /returns through x30, which holds the parent LR \(the entry x9\): control skips the traced function/);
  assert.equal(applyFix(plain, ds[0]), ENTRY.replace('\tret\tx9', '\tret\tx9'));

  // the late direct path must hand over x9 = parent LR, x30 = resume address
  const swapped = ENTRY.replace('ldr\tx9, [sp, #FREGS_LR]\n\tldr\tx30, [sp, #FREGS_PC]', 'ldr\tx9, [sp, #FREGS_PC]\n\tldr\tx30, [sp, #FREGS_LR]');
  assert.deepEqual(where(check(swapped)), [`abi/lr-convention@${lineOf(swapped, 'br\tx17')}`]);

  // x30 restored from the wrong slot before ret x9
  const lr = ENTRY.replace('ldr\tx30, [sp, #FREGS_LR]', 'ldr\tx30, [sp, #FREGS_PC]');
  assert.match(check(lr).map((d) => d.message).join('\n'), /resumes the traced function with x30 = the entry value of x30; it must hold the parent LR/);

  // an AAPCS function that loses its return address
  const aapcs = `
SYM_FUNC_START(f)
	bl	g
	ret
SYM_FUNC_END(f)
`;
  const d2 = check(aapcs);
  assert.deepEqual(where(d2), [`abi/lr-convention@${lineOf(aapcs, /^\tret$/)}`]);
  assert.match(d2[0].message, /f \(contract aapcs\) returns through x30, which holds a value destroyed by a call/);

  // the direct trampoline
  const tramp = `
SYM_CODE_START(ftrace_stub_direct_tramp)
	bti	c
	mov	x10, x30
	mov	x30, x9
	ret	x10
SYM_CODE_END(ftrace_stub_direct_tramp)
`;
  assert.deepEqual(where(check(tramp, { config: ['CONFIG_ARM64_BTI_KERNEL'] })), []);
  assert.deepEqual(where(check(tramp.replace('ret\tx10', 'ret\tx9'))), [`abi/lr-convention@${lineOf(tramp, 'ret\tx10')}`]);

  const r2h = `
SYM_CODE_START(return_to_handler)
	sub	sp, sp, #64
	stp	x0, x1, [sp]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	mov	x0, x29
	bl	ftrace_return_to_handler
	mov	x30, x0
	ldp	x0, x1, [sp]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	add	sp, sp, #64
	ret
SYM_CODE_END(return_to_handler)
`;
  assert.deepEqual(where(check(r2h, { config: ['CONFIG_ARM64_BTI_KERNEL'] })), [], 'reached by RET: no landing pad');
  const noMov = r2h.replace('\tmov\tx30, x0\n', '');
  assert.deepEqual(where(check(noMov)), [`abi/lr-convention@${lineOf(noMov, /^\tret$/)}`]);
});

test('analysis: stack-misaligned at the adjustment, stack-imbalance at the last sp change', () => {
  const odd = ENTRY.replace(/FREGS_SIZE \+ 32/g, 'FREGS_SIZE + 24');
  const ds = check(odd);
  assert.ok(where(ds).includes(`abi/stack-misaligned@${lineOf(odd, 'sub\tsp, sp')}`), where(ds).join(' '));
  assert.match(ds.find((d) => d.code === 'abi/stack-misaligned')!.message, /sp is sp at entry − 136 \(not 16-byte aligned\) at the sp-based access at line \d+/);

  const unbalanced = ENTRY.replace('add\tsp, sp, #FREGS_SIZE + 32\n\tret', 'add\tsp, sp, #FREGS_SIZE + 16\n\tret');
  const d2 = check(unbalanced);
  assert.deepEqual(where(d2), [`abi/stack-imbalance@${lineOf(unbalanced, 'add\tsp, sp, #FREGS_SIZE + 16')}`]);
  assert.match(d2[0].message, /sp is sp at entry − 16 at the exit at line \d+ \(`ret x9`\), not the entry sp/);

  // misaligned at a call
  const call = `
SYM_FUNC_START(f)
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	sub	sp, sp, #8
	bl	g
	add	sp, sp, #8
	ldp	x29, x30, [sp], #16
	ret
SYM_FUNC_END(f)
`;
  assert.deepEqual(where(check(call)), [`abi/stack-misaligned@${lineOf(call, 'sub\tsp, sp, #8')}`]);
});

test('analysis: missing-bti under CONFIG_ARM64_BTI_KERNEL, with the insert fix', () => {
  const src = ENTRY.replace('\tbti\tc\n', '');
  assert.deepEqual(where(check(src)), [], 'no BTI config, no rule');
  const ds = check(src, { config: ['CONFIG_ARM64_BTI_KERNEL'] });
  assert.deepEqual(where(ds), [`abi/missing-bti@${lineOf(src, 'mov\tx10, sp')}`]);
  assert.match(ds[0].message, /ftrace_caller \(contract ftrace-entry\) is entered through a module PLT \(`br x16`\)/);
  assert.equal(applyFix(src, ds[0]), ENTRY);
  // bti j does not accept BLR; paciasp is an implicit bti c
  assert.match(check(ENTRY.replace('bti\tc', 'bti\tj'), { config: ['CONFIG_ARM64_BTI_KERNEL'] })[0].message, /`bti j` accepts BR only/);
  assert.deepEqual(where(check(ENTRY.replace('bti\tc', 'bti\tjc'), { config: ['CONFIG_ARM64_BTI_KERNEL'] })), []);
  // ftrace_stub is called through pointers; other functions are not presumed to be
  const fn = `
	.globl	ftrace_stub
	.type	ftrace_stub, %function
ftrace_stub:
	ret
	.globl	g
	.type	g, %function
g:
	ret
`;
  assert.deepEqual(where(check(fn, { config: ['CONFIG_ARM64_BTI_KERNEL'] })), [`abi/missing-bti@${lineOf(fn, /^\tret$/)}`]);
});

test('analysis: scs-clobbered under CONFIG_SHADOW_CALL_STACK at the write', () => {
  const src = ENTRY.replace('\tmov\tx1, x9\n', '\tmov\tx1, x9\n\tmov\tx18, x1\n');
  assert.deepEqual(where(check(src)), [], 'without SCS x18 is a temporary');
  const ds = check(src, { config: ['CONFIG_SHADOW_CALL_STACK'] });
  assert.deepEqual(where(ds), [`abi/scs-clobbered@${lineOf(src, 'mov\tx18, x1')}`]);
  assert.match(ds[0].message, /x18 holds the shadow call stack pointer \(CONFIG_SHADOW_CALL_STACK\)/);
});

test('analysis: reads after a call: x16/x17 and other caller-saved registers; results are fine', () => {
  const ip = ENTRY.replace('\tbl\tftrace_stub\n', '\tbl\tftrace_stub\n\tmov\tx10, x16\n');
  const ds = check(ip);
  assert.deepEqual(where(ds), [`abi/ip-reg-across-call@${lineOf(ip, 'mov\tx10, x16')}`]);
  assert.equal(ds[0].severity, 'warning');
  assert.deepEqual((ds[0].related ?? []).map((r) => r.origin.loc.line + 1), [lineOf(ip, 'bl\tftrace_stub')]);

  const x2 = ENTRY.replace('\tbl\tftrace_stub\n', '\tbl\tftrace_stub\n\tadd\tx10, x2, #1\n');
  assert.deepEqual(where(check(x2)), [`abi/clobbered-read-after-call@${lineOf(x2, 'add\tx10, x2, #1')}`]);
  const flags = ENTRY.replace('\tbl\tftrace_stub\n', '\tbl\tftrace_stub\n\tcset\tx10, eq\n');
  assert.match(check(flags)[0].message, /the flags \(NZCV\) is read here/);
  // x0/x1 are the result; x19 survives
  const results = ENTRY.replace('\tbl\tftrace_stub\n', '\tbl\tftrace_stub\n\tadd\tx10, x0, x1\n\tmov\tx11, x19\n');
  assert.deepEqual(where(check(results)), []);
  // set again after the call: fine
  const reset = ENTRY.replace('\tbl\tftrace_stub\n', '\tbl\tftrace_stub\n\tmov\tx16, #1\n\tmov\tx10, x16\n');
  assert.deepEqual(where(check(reset)), []);
});

test('analysis: frame-record at calls', () => {
  const src = `
SYM_FUNC_START(f)
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	add	x29, x29, #32
	bl	g
	ldp	x29, x30, [sp], #16
	ret
SYM_FUNC_END(f)
`;
  const ds = check(src);
  assert.ok(where(ds).includes(`abi/frame-record@${lineOf(src, 'bl\tg')}`), where(ds).join(' '));
  // the caller's frame pointer untouched is fine (return_to_handler calls without its own record)
  assert.deepEqual(where(check(src.replace('\tadd\tx29, x29, #32\n', ''))), []);
});

test('analysis: fp-not-restored for d8–d15', () => {
  const src = `
SYM_FUNC_START(f)
	fmov	d8, x0
	ret
SYM_FUNC_END(f)
`;
  assert.deepEqual(where(check(src)), [`abi/fp-not-restored@${lineOf(src, 'fmov')}`]);
  const saved = `
SYM_FUNC_START(f)
	stp	d8, d9, [sp, #-16]!
	fmov	d8, x0
	fmov	d0, x1
	ldp	d8, d9, [sp], #16
	ret
SYM_FUNC_END(f)
`;
  assert.deepEqual(where(check(saved)), []);
});

test('analysis: contracts by kernel name and era, by setting and by comment', () => {
  // the mcount era's ftrace_caller is an ordinary AAPCS callee returning with plain ret
  const mcount = `
SYM_FUNC_START(ftrace_caller)
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	sub	x0, x30, #4
	ldr	x1, [x29]
	ldr	x1, [x1, #8]
ftrace_call:
	nop
ftrace_graph_call:
	nop
	ldp	x29, x30, [sp], #16
	ret
SYM_FUNC_END(ftrace_caller)

SYM_FUNC_START(ftrace_graph_caller)
	ldr	x0, [x29, #8]
	bl	prepare_ftrace_return
	ldp	x29, x30, [sp], #16
	ret
SYM_FUNC_END(ftrace_graph_caller)
`;
  const r = analyzeProgram(miniProgram(mcount, { file: FILE }));
  assert.equal(r.style, 'mcount');
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.entries.filter((e) => e.contract !== 'continuation').map((e) => `${e.symbol}:${e.contract}`), ['ftrace_caller:mcount']);
  // the ftrace_call NOP is a call: x2 does not survive it
  const read = mcount.replace('ftrace_graph_call:\n\tnop\n', 'ftrace_graph_call:\n\tnop\n\tmov\tx10, x2\n');
  assert.deepEqual(where(check(read)), [`abi/clobbered-read-after-call@${lineOf(read, 'mov\tx10, x2')}`]);

  // a trampoline of our own, declared by a comment
  const own = `
	// aarch64-ftrace: contract=ftrace-entry
my_tramp:
	mov	x10, x30
	mov	x30, x9
	ret	x10
`;
  assert.deepEqual(where(check(own)), []);
  assert.deepEqual(where(check(own.replace('ret\tx10', 'ret'))), [`abi/lr-convention@${lineOf(own, 'ret\tx10')}`]);
  // by setting (the comment wins over it)
  const bare = own.replace('\t// aarch64-ftrace: contract=ftrace-entry\n', '');
  assert.deepEqual(where(check(bare)), [], 'no contract: not checked');
  assert.deepEqual(where(check(bare.replace('ret\tx10', 'ret'), { contracts: { my_tramp: 'ftrace-entry' } })), [`abi/lr-convention@${lineOf(bare, 'ret\tx10')}`]);
  assert.deepEqual(where(check(own, { contracts: { my_tramp: 'aapcs' } })), []);
  // contract=none silences a kernel name
  const off = `
	// aarch64-ftrace: contract=none
SYM_CODE_START(ftrace_caller)
	ret
SYM_CODE_END(ftrace_caller)
`;
  assert.deepEqual(where(check(off)), []);
  // an unknown name is reported where it is written
  const bad = own.replace('contract=ftrace-entry', 'contract=ftrace-entyr');
  const ds = check(bad);
  assert.deepEqual(where(ds), [`abi/unknown-contract@${lineOf(bad, 'contract=')}`]);
});

test('analysis: bounded on loops, unknown indirect targets and code that is not code', () => {
  const loop = `
SYM_FUNC_START(f)
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
1:	sub	sp, sp, #16
	str	x0, [sp]
	cbnz	x0, 1b
	mov	sp, x29
	ldp	x29, x30, [sp], #16
	ret
SYM_FUNC_END(f)
`;
  const r = analyzeProgram(miniProgram(loop, { file: FILE }));
  assert.ok(r.entries.every((e) => !e.gaveUp));
  assert.deepEqual(where(r.diagnostics), []);
  // a register branch leaves the code; data words stop the flow
  const ind = `
SYM_FUNC_START(f)
	adr	x16, 1f
	br	x16
1:	.word	0x12345678
	ret
SYM_FUNC_END(f)
`;
  assert.deepEqual(where(check(ind)), []);
  // arbitrary words (most undefined or odd) under every contract: no crash, no hang
  const origin = (line: number) => ({ loc: { file: FILE, line, startCol: 0, endCol: 0 }, stack: [] });
  let x = 12345;
  const instructions = Array.from({ length: 4000 }, (_, i) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return { address: BigInt(i * 4), word: x, section: '.text', origin: origin(i) };
  });
  for (const contract of CONTRACT_NAMES) {
    const symbols = new Map(Array.from({ length: 40 }, (_, k) => [`s${k}`, { name: `s${k}`, section: '.text', address: BigInt(k * 400), defined: true, global: true }] as const));
    const p = { file: FILE, instructions, symbols, config: new Set(['CONFIG_SHADOW_CALL_STACK', 'CONFIG_ARM64_BTI_KERNEL']), contractOverrides: new Map([...symbols.keys()].map((k) => [k, contract] as const)) };
    const res = analyzeProgram(p);
    assert.ok(res.entries.length === 40, contract);
  }
});

test('analysis: every rule and contract is documented once', () => {
  for (const code of RULE_CODES) {
    assert.equal(RULES[code].code, code);
    assert.ok(RULES[code].doc.length > 60, code);
    assert.match(code, /^abi\/[a-z-]+$/);
  }
  for (const name of CONTRACT_NAMES) assert.ok(CONTRACTS[name].doc.length > 40, name);
  const issue = [
    'abi/callee-saved-clobbered', 'abi/argument-not-restored', 'abi/fp-not-restored', 'abi/lr-convention', 'abi/scs-clobbered', 'abi/stack-imbalance',
    'abi/stack-misaligned', 'abi/restore-slot-mismatch', 'abi/missing-bti', 'abi/ip-reg-across-call', 'abi/clobbered-read-after-call', 'abi/frame-record',
  ];
  for (const c of issue) assert.ok(RULE_CODES.includes(c as never), c);
  assert.deepEqual([...CONTRACT_NAMES].sort(), ['aapcs', 'continuation', 'ftrace-direct', 'ftrace-entry', 'mcount', 'none', 'return-to-handler']);
});
