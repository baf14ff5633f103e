// fixture-era: 5.10
// fixture-config: +CONFIG_ARM64_BTI +CONFIG_ARM64_BTI_KERNEL
/*
 * aarch64-ftrace buggy fixture: missing BTI landing pads (fixed upstream by
 * 35b6b28e6998 "arm64: ftrace: add missing BTIs", v5.16-rc4).
 *
 * With CONFIG_ARM64_BTI_KERNEL, a callsite in a module far from the kernel
 * reaches ftrace_caller/ftrace_regs_caller through a module PLT, which ends
 * in "br x16". SYM_CODE_START adds no landing pad, so the first instruction
 * of each trampoline must be "bti c" (BTI C accepts BLR and BR x16/x17);
 * without it the PLT's branch takes a Branch Target exception.
 *
 * Expected from the ABI checker:
 *   rule A6 (entry reachable by BR/BLR starts with bti c/jc or paciasp) at
 *   the first instruction of ftrace_regs_caller and of ftrace_caller, the
 *   "sub sp, sp, #(S_FRAME_SIZE + 16)" each gets from ftrace_regs_entry
 *   (the invocation lines are marked BUG). ftrace_common is reached by a
 *   direct "b" and needs no pad.
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
	stp	x28, x29, [sp, #S_X28]
	.else
	str	x29, [sp, #S_FP]
	.endif
	add	x10, sp, #(S_FRAME_SIZE + 16)
	stp	x9, x10, [sp, #S_LR]
	str	x30, [sp, #S_PC]
	stp	x29, x9, [sp, #S_FRAME_SIZE]
	add	x29, sp, #S_FRAME_SIZE
	stp	x29, x30, [sp, #S_STACKFRAME]
	add	x29, sp, #S_STACKFRAME
	.endm

SYM_CODE_START(ftrace_regs_caller)
	ftrace_regs_entry	1		// BUG(A6): no bti c before the first instruction
	b	ftrace_common
SYM_CODE_END(ftrace_regs_caller)

SYM_CODE_START(ftrace_caller)
	ftrace_regs_entry	0		// BUG(A6): no bti c before the first instruction
	b	ftrace_common
SYM_CODE_END(ftrace_caller)

SYM_CODE_START(ftrace_common)
	sub	x0, x30, #AARCH64_INSN_SIZE
	mov	x1, x9
	ldr_l	x2, function_trace_op
	mov	x3, sp
SYM_INNER_LABEL(ftrace_call, SYM_L_GLOBAL)
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
SYM_CODE_END(ftrace_common)

SYM_FUNC_START(ftrace_stub)
	ret
SYM_FUNC_END(ftrace_stub)
