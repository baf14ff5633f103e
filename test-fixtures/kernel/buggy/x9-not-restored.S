// fixture-era: 6.2-with-args
/*
 * aarch64-ftrace buggy fixture: x9 not restored before "ret x9".
 *
 * A WITH_ARGS ftrace_caller that reloads x0-x8, fp and lr but forgets the
 * resume pc: x9 still holds whatever the callback left in it (x9 is a
 * temporary under the AAPCS), so "ret x9" jumps to garbage instead of back
 * into the traced function. The restore set x0-x8, x29, x30, then x9 from
 * FREGS_PC is the contract of every WITH_REGS/WITH_ARGS trampoline.
 *
 * Expected from the ABI checker:
 *   rule A3 (state on exit) at "ret x9" in ftrace_caller, the line marked
 *   BUG: x9 is not the saved pc [sp, #FREGS_PC]; its last definition is the
 *   call "bl ftrace_stub" (ftrace_call), which clobbers it.
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
						// (no "ldr x9, [sp, #FREGS_PC]")
	add	sp, sp, #FREGS_SIZE + 32
	ret	x9				// BUG(A3): x9 clobbered by the call, never reloaded
SYM_CODE_END(ftrace_caller)

SYM_FUNC_START(ftrace_stub)
	ret
SYM_FUNC_END(ftrace_stub)
