/* SPDX-License-Identifier: GPL-2.0 */
/* Symbol annotations in the shape of the kernel's, written for the LSP tests. */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

#define ASM_NL		;
#define SYM_T_FUNC	STT_FUNC
#define SYM_T_NONE	STT_NOTYPE

#define SYM_ENTRY(name, linkage)	\
	linkage name ASM_NL		\
	name:

#define SYM_START(name, linkage)	\
	.p2align 2 ASM_NL		\
	SYM_ENTRY(name, linkage)

/* no comma between the name and the type: GNU as takes it either way */
#define SYM_END(name, sym_type)				\
	.type name sym_type ASM_NL			\
	.set .L__sym_size_##name, .-name ASM_NL		\
	.size name, .L__sym_size_##name

#define SYM_CODE_START(name)	SYM_START(name, .globl)
#define SYM_CODE_END(name)	SYM_END(name, SYM_T_NONE)
#define SYM_FUNC_START(name)	SYM_START(name, .globl)
#define SYM_FUNC_END(name)	SYM_END(name, SYM_T_FUNC)

#endif
