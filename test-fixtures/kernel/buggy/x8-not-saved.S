// fixture-era: 6.2-with-args
/*
 * aarch64-ftrace buggy fixture: x8 not saved.
 *
 * x8 is the AAPCS indirect result register: a function returning a large
 * struct receives the result's address there, so it is live at the callsite
 * and ftrace must hand it back unchanged (the trampolines save x0-x8, not
 * x0-x7). This ftrace_caller skips "str x8, [sp, #FREGS_X8]" but still
 * reloads the slot, so the traced function gets stack garbage in x8.
 *
 * Expected from the ABI checker:
 *   rule A3 (x0-x8 restored from the save area) at "ldr x8, [sp, #FREGS_X8]"
 *   in ftrace_caller, the line marked BUG: the slot FREGS_X8 is read but no
 *   path from the entry stores x8 (or anything) to it, so x8 on exit is not
 *   its entry value.
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
						// (no "str x8, [sp, #FREGS_X8]")
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
	ldr	x8,     [sp, #FREGS_X8]		// BUG(A3): slot never written, x8 was not saved
	ldr	x29, [sp, #FREGS_FP]
	ldr	x30, [sp, #FREGS_LR]
	ldr	x9,  [sp, #FREGS_PC]
	add	sp, sp, #FREGS_SIZE + 32
	ret	x9
SYM_CODE_END(ftrace_caller)

SYM_FUNC_START(ftrace_stub)
	ret
SYM_FUNC_END(ftrace_stub)
