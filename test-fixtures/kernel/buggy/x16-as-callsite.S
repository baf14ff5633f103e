// fixture-era: 6.2-with-args
/*
 * aarch64-ftrace buggy fixture: x16 taken for something the callsite set.
 *
 * This ftrace_caller computes the ip it hands to the tracer from x16, as
 * if x16 pointed at the callsite. Nothing at the callsite writes x16: when
 * the traced function is a module far from the kernel, its BL reaches us
 * through the module's ftrace PLT (adrp x16; add x16, x16, #lo12; br x16)
 * and x16 holds the PLT's own target; otherwise it holds whatever the
 * traced function's caller left there. The ip must come from x30.
 *
 * Expected from the ABI checker:
 *   rule A7 (x16 is PLT scratch at entry) at "sub x0, x16, ..." in
 *   ftrace_caller, the line marked BUG: x16 is read with its entry value.
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

	sub	x0, x16, #AARCH64_INSN_SIZE	// BUG(A7): x16 is PLT scratch, not the callsite
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
	ret	x9
SYM_CODE_END(ftrace_caller)

SYM_FUNC_START(ftrace_stub)
	ret
SYM_FUNC_END(ftrace_stub)
