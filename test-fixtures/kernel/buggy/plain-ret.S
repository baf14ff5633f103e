// fixture-era: 6.2-with-args
/*
 * aarch64-ftrace buggy fixture: plain "ret" out of a WITH_ARGS trampoline.
 *
 * After the restores x30 holds the parent's return address and x9 the
 * resume pc in the traced function. Returning with "ret" (through x30)
 * skips the traced function altogether and returns to its caller with
 * the arguments still in x0-x7 as results. The exit must be "ret x9".
 *
 * Expected from the ABI checker:
 *   rule A5 (exit through x9, or br x17 for direct calls) at the "ret" in
 *   ftrace_caller, the line marked BUG: ret uses x30 (= saved FREGS_LR, the
 *   parent lr), not x9 (= saved FREGS_PC).
 */

#include <linux/linkage.h>
#include <asm/asm-offsets.h>
#include <asm/assembler.h>
#include <asm/insn.h>

SYM_CODE_START(ftrace_caller)
	bti	c
	mov	x10, sp
	sub	sp, sp, #(FREGS_SIZE + 32)

	stp	x0, x1, [sp, #FREGS_X0]
	stp	x2, x3, [sp, #FREGS_X2]
	stp	x4, x5, [sp, #FREGS_X4]
	stp	x6, x7, [sp, #FREGS_X6]
	str	x8,     [sp, #FREGS_X8]
	str	x29, [sp, #FREGS_FP]
	str	x9,  [sp, #FREGS_LR]
	str	x10, [sp, #FREGS_SP]
	str	x30, [sp, #FREGS_PC]

	stp	x29, x9, [sp, #FREGS_SIZE + 16]
	add	x29, sp, #FREGS_SIZE + 16
	stp	x29, x30, [sp, #FREGS_SIZE]
	add	x29, sp, #FREGS_SIZE

	sub	x0, x30, #AARCH64_INSN_SIZE
	mov	x1, x9
	ldr_l	x2, function_trace_op
	mov	x3, sp
SYM_INNER_LABEL(ftrace_call, SYM_L_GLOBAL)
	bl	ftrace_stub

	ldp	x0, x1, [sp, #FREGS_X0]
	ldp	x2, x3, [sp, #FREGS_X2]
	ldp	x4, x5, [sp, #FREGS_X4]
	ldp	x6, x7, [sp, #FREGS_X6]
	ldr	x8,     [sp, #FREGS_X8]
	ldr	x29, [sp, #FREGS_FP]
	ldr	x30, [sp, #FREGS_LR]
	ldr	x9,  [sp, #FREGS_PC]
	add	sp, sp, #FREGS_SIZE + 32
	ret					// BUG(A5): returns to the parent, skipping the traced function
SYM_CODE_END(ftrace_caller)

SYM_FUNC_START(ftrace_stub)
	ret
SYM_FUNC_END(ftrace_stub)
