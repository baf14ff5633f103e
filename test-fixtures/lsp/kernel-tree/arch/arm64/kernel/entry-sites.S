/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Function entries, #if arms and gas macro bodies in the kernel's manner, for the LSP hover
 * tests: one function laid out as the compiler lays out a traced one, one plain .S function.
 */
#include <linux/linkage.h>

	.macro	never_used, reg
	str	\reg, [sp, #-16]!
	.endm

	.macro	pad_twice
	.if	0
	mov	x0, x1
	.endif
	nop
	.endm

SYM_CODE_START(ftrace_caller)
	bti	c
	mov	x10, x30
	ret	x9
SYM_CODE_END(ftrace_caller)

#ifdef CONFIG_NOT_IN_ANY_CONFIG
	mov	x1, x2
#endif

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS
	mov	x3, x4
#else
	mov	x5, x6
#endif

	/* the two pre-function NOPs of the ops literal, then BTI, MOV slot, BL slot */
	.p2align 3
	nop
	nop
SYM_FUNC_START(traced_fn)
	bti	c
	nop
	nop
	ret
SYM_FUNC_END(traced_fn)

SYM_FUNC_START(plain_fn)
	bti	c
	pad_twice
	pad_twice
	ret
SYM_FUNC_END(plain_fn)
