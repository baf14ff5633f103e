/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An ftrace-entry trampoline in the kernel's manner, for the LSP tests.
 */
#include <linux/linkage.h>
#include <asm/asm-macros.h>

	.macro	save_pair, a, b, off
	stp	\a, \b, [sp, #\off]
	.endm

	/* a macro whose body invokes another one, and writes one word itself */
	.macro	save_args
	save_pair	x0, x1, 0
	save_pair	x2, x3, 16
	stp	x4, x5, [sp, #32]
	.endm

// aarch64-ftrace: contract=ftrace-entry symbol=test_tramp
SYM_CODE_START(test_tramp)
	bti	c
#ifdef CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS
	bic	x11, x30, 0x7
	ldr	x11, [x11, #-16]
#endif
	sub	sp, sp, #64
	stp	x29, x30, [sp, #48]
	save_args
	mov	x1, x9
	adr_l	x2, test_ops
	ldp	x0, x1, [sp]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #64
	mov	x10, x30
	mov	x30, x9
	ret	x10
SYM_CODE_END(test_tramp)

SYM_FUNC_START(test_helper)
	save_args
	save_args
	ret
SYM_FUNC_END(test_helper)
