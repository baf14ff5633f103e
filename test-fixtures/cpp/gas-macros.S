/* SPDX-License-Identifier: MIT */
/*
 * cpp fixture: kernel-style assembly — cpp macros that expand to several gas statements
 * joined by ;, gas .macro bodies with \param and \(), continuation lines in #define.
 */
#define ASM_NL		;
#define SYM_L_GLOBAL(name)	.globl name
#define SYM_ENTRY(name, linkage, align...)	\
	linkage(name) ASM_NL			\
	.balign align ASM_NL			\
	name:
#define SYM_CODE_START(name)	SYM_ENTRY(name, SYM_L_GLOBAL, 4)
#define SYM_CODE_END(name)	.type name, %function ASM_NL .size name, .-name
#define FREGS_X0	0
#define FREGS_LR	(8 * 30)
#define FREGS_SIZE	(8 * 32)
#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)
#define ALT_ENTRY(feature, insn)	.pushsection .altinstructions, "a" ASM_NL .word 661f - . , feature ASM_NL .popsection ASM_NL 661: insn
#define PARAM_AFTER_BACKSLASH(val)	.long \val - .

	.macro	ftrace_regs_entry, allregs
	sub	sp, sp, #FREGS_SIZE
	stp	x0, x1, [sp, #FREGS_X0]
	.if	\allregs == 1
	str	x30, [sp, #FREGS_LR]
	.endif
	.endm

	.macro	emit_label, prefix, n
\prefix\()_\n:
	.endm

SYM_CODE_START(ftrace_caller)
	bti	c
	ftrace_regs_entry	1
	emit_label	.Lftrace, 1
	ALT_ENTRY(3, nop)
	.ascii	__stringify(FREGS_SIZE), __stringify(a, b , c)
	PARAM_AFTER_BACKSLASH(x)
	ret
SYM_CODE_END(ftrace_caller)
