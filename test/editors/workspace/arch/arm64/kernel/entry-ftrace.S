/* SPDX-License-Identifier: GPL-2.0-only */
/* Editor-test fixture: a cut-down arch/arm64/kernel/entry-ftrace.S. */
#include <linux/linkage.h>

SYM_CODE_START(ftrace_caller)
	bti	c
	sub	sp, sp, #FREGS_SIZE
	stp	x0, x1, [sp, #FREGS_X0]
	mov	x0, x30
	ret
SYM_CODE_END(ftrace_caller)
