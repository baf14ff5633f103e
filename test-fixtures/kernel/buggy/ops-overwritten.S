// fixture-era: 6.3-call-ops
/*
 * aarch64-ftrace buggy fixture: the ftrace_ops pointer in x11 overwritten
 * before the callback is called with it.
 *
 * With CALL_OPS ftrace_caller finds the callsite's ftrace_ops in the
 * literal before the traced function and keeps it in x11 until it calls
 * ops->func. Here the entry sp is kept in x11 instead of x10, so the
 * callback gets the stack address as its ops and ops->func is read from
 * the traced function's stack.
 *
 * Expected from the ABI checker:
 *   rule A7 (x11 used as ops after being overwritten) at "mov x11, sp" in
 *   ftrace_caller, the line marked BUG; the ops load and "mov x2, x11" are
 *   related.
 */

#include <linux/linkage.h>
#include <asm/asm-offsets.h>
#include <asm/assembler.h>
#include <asm/insn.h>

SYM_CODE_START(ftrace_caller)
	bti	c
	bic	x11, x30, 0x7
	ldr	x11, [x11, #-(4 * AARCH64_INSN_SIZE)]

	mov	x11, sp				// BUG(A7): x11 holds the ops
	sub	sp, sp, #(FREGS_SIZE + 32)
	stp	x0, x1, [sp, #FREGS_X0]
	stp	x2, x3, [sp, #FREGS_X2]
	stp	x4, x5, [sp, #FREGS_X4]
	stp	x6, x7, [sp, #FREGS_X6]
	str	x8,     [sp, #FREGS_X8]
	str	x29, [sp, #FREGS_FP]
	str	x9,  [sp, #FREGS_LR]
	str	x11, [sp, #FREGS_SP]
	str	x30, [sp, #FREGS_PC]
	stp	x29, x9, [sp, #FREGS_SIZE + 16]
	add	x29, sp, #FREGS_SIZE + 16
	stp	x29, x30, [sp, #FREGS_SIZE]
	add	x29, sp, #FREGS_SIZE

	sub	x0, x30, #AARCH64_INSN_SIZE
	mov	x1, x9
	mov	x3, sp
	mov	x2, x11
	ldr	x4, [x2, #FTRACE_OPS_FUNC]
	blr	x4

	ldp	x0, x1, [sp, #FREGS_X0]
	ldp	x2, x3, [sp, #FREGS_X2]
	ldp	x4, x5, [sp, #FREGS_X4]
	ldp	x6, x7, [sp, #FREGS_X6]
	ldr	x8,     [sp, #FREGS_X8]
	ldr	x29, [sp, #FREGS_FP]
	ldr	x30, [sp, #FREGS_LR]
	ldr	x9,  [sp, #FREGS_PC]
	add	sp, sp, #FREGS_SIZE + 32
	ret	x9
SYM_CODE_END(ftrace_caller)
