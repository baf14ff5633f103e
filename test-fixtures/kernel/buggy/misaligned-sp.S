// fixture-era: 6.2-with-args
/*
 * aarch64-ftrace buggy fixture: misaligned stack pointer.
 *
 * ftrace_caller reserves FREGS_SIZE + 24 bytes (136) instead of
 * FREGS_SIZE + 32: sp is no longer 16-byte aligned when the callback runs,
 * which the AAPCS forbids and which faults on the first sp-based access when
 * the kernel enables SP alignment checking. The matching add restores sp
 * exactly, so only the alignment is wrong.
 *
 * Expected from the ABI checker:
 *   rule A4 (sp adjustments multiples of 16) at
 *   "sub sp, sp, #(FREGS_SIZE + 24)" in ftrace_caller, the line marked BUG:
 *   the adjustment is 136 (FREGS_SIZE = 112 + 24), not a multiple of 16;
 *   the "add sp, sp, #FREGS_SIZE + 24" before "ret x9" is related.
 */

#include <linux/linkage.h>
#include <asm/asm-offsets.h>
#include <asm/assembler.h>
#include <asm/insn.h>

SYM_CODE_START(ftrace_caller)
	bti	c
	mov	x10, sp
	sub	sp, sp, #(FREGS_SIZE + 24)	// BUG(A4): 136 bytes, sp no longer 16-byte aligned

	stp	x0, x1, [sp, #FREGS_X0]
	stp	x2, x3, [sp, #FREGS_X2]
	stp	x4, x5, [sp, #FREGS_X4]
	stp	x6, x7, [sp, #FREGS_X6]
	str	x8,     [sp, #FREGS_X8]
	str	x29, [sp, #FREGS_FP]
	str	x9,  [sp, #FREGS_LR]
	str	x10, [sp, #FREGS_SP]
	str	x30, [sp, #FREGS_PC]

	// the 24 spare bytes hold one frame record, the callsite's {fp, x9}
	stp	x29, x9, [sp, #FREGS_SIZE + 8]
	add	x29, sp, #FREGS_SIZE + 8

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
	add	sp, sp, #FREGS_SIZE + 24
	ret	x9
SYM_CODE_END(ftrace_caller)

SYM_FUNC_START(ftrace_stub)
	ret
SYM_FUNC_END(ftrace_stub)
