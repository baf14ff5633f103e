/* SPDX-License-Identifier: GPL-2.0 */
/* Assembler macros in the shape of arm64's assembler.h, written for the LSP tests. */
#ifndef __ASM_ASM_MACROS_H
#define __ASM_ASM_MACROS_H

/* headers kbuild generates: absent from a source tree without a build directory */
#include <asm/cpucap-defs.h>
#include <generated/test-only-defs.h>

/* BTI for assemblers that do not know the instruction */
	.macro	bti, targets
	.equ	.L__bti_c, 34
	.equ	.L__bti_j, 36
	.equ	.L__bti_jc, 38
	hint	#.L__bti_\targets
	.endm

	.macro	adr_l, dst, sym
	adrp	\dst, \sym
	add	\dst, \dst, :lo12:\sym
	.endm

#endif
