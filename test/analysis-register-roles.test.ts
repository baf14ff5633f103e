// What ftrace trampolines keep in their free registers (checklist A7) and must not touch (A8), on
// small sources built with the test mini assembler; and the register roles the contracts state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../server/src/asm/types';
import { checkProgram } from '../server/src/analysis/check';
import { CONTRACTS, CONTRACT_NAMES, contractOverrides } from '../server/src/analysis/contracts';
import { miniProgram } from './support/mini-asm';

const FILE = '/t/roles.S';
const check = (src: string, config: string[] = []): Diagnostic[] => checkProgram(miniProgram(src, { file: FILE, config }));
const where = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.code}@${d.origin.loc.line + 1}`);
const lineOf = (src: string, needle: string) => src.split('\n').findIndex((l) => l.includes(needle)) + 1;

// A CALL_OPS + DIRECT_CALLS ftrace_caller in the 6.5+ shape (ftrace_regs offsets, ops fields).
const CALL_OPS = `
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
#define FTRACE_OPS_FUNC 0
#define FTRACE_OPS_DIRECT_CALL 40
	.text
SYM_CODE_START(ftrace_caller)
	bti	c
	bic	x11, x30, #0x7
	ldr	x11, [x11, #-16]
	ldr	x17, [x11, #FTRACE_OPS_DIRECT_CALL]
	cbnz	x17, ftrace_caller_direct
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
	mov	x2, x11
	ldr	x4, [x2, #FTRACE_OPS_FUNC]
	blr	x4
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
ftrace_caller_direct:
	br	x17
SYM_CODE_END(ftrace_caller)
`;

const insertAfter = (src: string, needle: string, text: string) => src.replace(needle, `${needle}\n${text}`);

test('roles: the CALL_OPS + DIRECT_CALLS trampoline is clean, with and without SCS and BTI', () => {
  for (const config of [[], ['CONFIG_SHADOW_CALL_STACK', 'CONFIG_ARM64_BTI_KERNEL']]) assert.deepEqual(where(check(CALL_OPS, config)), []);
});

test('roles: x16 read with its entry value (module PLT scratch), not when stored or written first', () => {
  const read = insertAfter(CALL_OPS, '\tbti\tc', '\tadd\tx12, x16, #8');
  const ds = check(read);
  assert.deepEqual(where(ds), [`abi/plt-scratch-read@${lineOf(read, 'add\tx12, x16')}`]);
  assert.match(ds[0].message, /x16 .*ftrace_caller \(contract ftrace-entry\).*module PLT.*Path ftrace_caller/);
  // saving every register into a save area is not a use; writing it first makes it ours
  assert.deepEqual(where(check(insertAfter(CALL_OPS, '\tstr\tx8, [sp, #FREGS_X8]', '\tstp\tx16, x17, [sp, #FREGS_SIZE - 16]'))), []);
  assert.deepEqual(where(check(insertAfter(CALL_OPS, '\tbti\tc', '\tmov\tx16, #1\n\tadd\tx12, x16, #8'))), []);
  // an AAPCS function is not entered through a module PLT that ftrace set up
  assert.deepEqual(where(check('SYM_FUNC_START(f)\n\tmov\tx0, x16\n\tret\nSYM_FUNC_END(f)\n')), []);
});

test('roles: x17 written between its load and br x17, at the write with load and branch related', () => {
  const late = insertAfter(CALL_OPS, '\tldr\tx17, [sp, #FREGS_DIRECT_TRAMP]', '\tmov\tx17, sp');
  const ds = check(late);
  assert.deepEqual(where(ds), [`abi/direct-target-clobbered@${lineOf(late, 'mov\tx17, sp')}`]);
  assert.deepEqual(ds[0].related?.map((r) => `${r.origin.loc.line + 1}: ${r.message}`), [
    `${lineOf(late, 'ldr\tx17, [sp, #FREGS_DIRECT_TRAMP]')}: x17 loaded with the direct trampoline here`,
    `${lineOf(late, 'br\tx17')}: branch through x17`,
  ]);
  assert.match(ds[0].message, /contract ftrace-entry/);
  const early = insertAfter(CALL_OPS, 'ftrace_caller_direct:', '\tadd\tx17, x17, #4');
  assert.deepEqual(where(check(early)), [`abi/direct-target-clobbered@${lineOf(early, 'add\tx17, x17, #4')}`]);
  // a computed x17 (never loaded) is an ordinary indirect branch
  assert.deepEqual(where(check('// aarch64-ftrace: contract=ftrace-entry\ntramp:\n\tadr\tx17, 1f\n\tbr\tx17\n1:\tret\tx9\n')), []);
});

test('roles: x11 (the ops) overwritten and then used, at the write; bic before the load is fine', () => {
  const src = insertAfter(CALL_OPS, '\tmov\tx10, sp', '\tmov\tx11, x10');
  const ds = check(src);
  assert.deepEqual(where(ds), [`abi/ops-clobbered@${lineOf(src, 'mov\tx11, x10')}`]);
  assert.deepEqual(ds[0].related?.map((r) => r.origin.loc.line + 1), [lineOf(src, 'ldr\tx11, [x11, #-16]'), lineOf(src, 'mov\tx2, x11')]);
  // reloaded before the use: fine
  assert.deepEqual(where(check(insertAfter(src, '\tmov\tx11, x10', '\tldr\tx11, [x30, #-16]'))), []);
});

test('roles: SPSR/ELR/DAIF in ftrace trampolines only', () => {
  for (const insn of ['mrs\tx12, spsr_el1', 'msr\telr_el1, x12', 'msr\tdaifset, #2', 'msr\tdaifclr, #3', 'mrs\tx12, daif']) {
    const src = insertAfter(CALL_OPS, '\tbti\tc', `\t${insn}`);
    const ds = check(src);
    assert.deepEqual(where(ds), [`abi/exception-state-access@${lineOf(src, insn)}`], insn);
    assert.match(ds[0].message, /contract ftrace-entry/);
  }
  // an ordinary function may (it is the kernel's business there)
  assert.deepEqual(where(check('SYM_FUNC_START(f)\n\tmrs\tx0, daif\n\tmsr\tdaifset, #2\n\tret\nSYM_FUNC_END(f)\n')), []);
});

test('roles: each contract states its entry roles and conventions once, for the hovers', () => {
  const fe = CONTRACTS['ftrace-entry'];
  assert.match(fe.entryRoles[9], /parent LR/);
  assert.match(fe.entryRoles[30], /resume address/);
  assert.match(fe.entryRoles[16], /PLT/);
  assert.match(fe.entryRoles[18], /shadow call stack/);
  assert.match(fe.conventions[10], /entry sp/);
  assert.match(fe.conventions[11], /ftrace_ops/);
  assert.match(fe.conventions[17], /direct trampoline/);
  assert.match(CONTRACTS['ftrace-direct'].entryRoles[17], /own address/);
  assert.match(CONTRACTS['return-to-handler'].entryRoles[0], /return value 0/);
  for (const name of CONTRACT_NAMES) for (const r of CONTRACTS[name].meaninglessAtEntry) assert.ok(CONTRACTS[name].entryRoles[r], `${name}: x${r} has a role`);
});

test('roles: per-symbol overrides from settings are validated', () => {
  const r = contractOverrides({ my_tramp: 'ftrace-entry', other: 'ftrace-entyr', 'bad name': 'aapcs' });
  assert.deepEqual([...r.overrides], [['my_tramp', 'ftrace-entry']]);
  assert.equal(r.problems.length, 2);
  assert.match(r.problems[0], /unknown contract 'ftrace-entyr' for other; known: aapcs, mcount/);
  assert.match(r.problems[1], /'bad name' is not a symbol name/);
});
