// fixture-era: 5.5-with-regs
/*
 * aarch64-ftrace buggy fixture: callee-saved x28 used as scratch.
 *
 * A 2019 posting of the WITH_REGS series computed the callsite sp in x28
 * ("add x28, sp, #(S_FRAME_SIZE + 16)"); the merged version uses x10. x28
 * is callee-saved and live in the traced function's caller, and nothing
 * here saves or restores it, so every traced call returns with x28
 * overwritten by a stack address.
 *
 * Expected from the ABI checker:
 *   rule A1 (writes to x19-x28 need a matching save and restore) at
 *   "add x28, sp, #(S_FRAME_SIZE + 16)" in ftrace_regs_entry as expanded in
 *   ftrace_regs_caller and in ftrace_caller (the macro line is marked BUG);
 *   suggestion: use a temporary such as x10.
 */

#include <linux/linkage.h>
#include <asm/asm-offsets.h>
#include <asm/assembler.h>
#include <asm/insn.h>

	.macro	ftrace_regs_entry, allregs=0
	sub	sp, sp, #(S_FRAME_SIZE + 16)
	stp	x0, x1, [sp, #S_X0]
	stp	x2, x3, [sp, #S_X2]
	stp	x4, x5, [sp, #S_X4]
	stp	x6, x7, [sp, #S_X6]
	stp	x8, x9, [sp, #S_X8]
	.if	\allregs == 1
	stp	x10, x11, [sp, #S_X10]
	stp	x12, x13, [sp, #S_X12]
	stp	x14, x15, [sp, #S_X14]
	stp	x16, x17, [sp, #S_X16]
	stp	x18, x19, [sp, #S_X18]
	stp	x20, x21, [sp, #S_X20]
	stp	x22, x23, [sp, #S_X22]
	stp	x24, x25, [sp, #S_X24]
	stp	x26, x27, [sp, #S_X26]
	.endif
	str	x29, [sp, #S_FP]
	add	x28, sp, #(S_FRAME_SIZE + 16)	// BUG(A1): callee-saved x28 clobbered, never restored
	stp	x9, x28, [sp, #S_LR]
	str	x30, [sp, #S_PC]
	stp	x29, x9, [sp, #S_FRAME_SIZE]
	add	x29, sp, #S_FRAME_SIZE
	stp	x29, x30, [sp, #S_STACKFRAME]
	add	x29, sp, #S_STACKFRAME
	.endm

ENTRY(ftrace_regs_caller)
	ftrace_regs_entry	1
	b	ftrace_common
ENDPROC(ftrace_regs_caller)

ENTRY(ftrace_caller)
	ftrace_regs_entry	0
	b	ftrace_common
ENDPROC(ftrace_caller)

ENTRY(ftrace_common)
	sub	x0, x30, #AARCH64_INSN_SIZE
	mov	x1, x9
	ldr_l	x2, function_trace_op
	mov	x3, sp
GLOBAL(ftrace_call)
	bl	ftrace_stub
	ldp	x0, x1, [sp]
	ldp	x2, x3, [sp, #S_X2]
	ldp	x4, x5, [sp, #S_X4]
	ldp	x6, x7, [sp, #S_X6]
	ldr	x8, [sp, #S_X8]
	ldr	x29, [sp, #S_FP]
	ldr	x30, [sp, #S_LR]
	ldr	x9, [sp, #S_PC]
	add	sp, sp, #S_FRAME_SIZE + 16
	ret	x9
ENDPROC(ftrace_common)

ENTRY(ftrace_stub)
	ret
ENDPROC(ftrace_stub)
