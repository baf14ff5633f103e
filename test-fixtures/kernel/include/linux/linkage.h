/*
 * aarch64-ftrace built-in stand-in for <linux/linkage.h>: the SYM_* annotations
 * of kernel assembly (linkage, alignment, ELF type and size) and the older
 * ENTRY/ENDPROC/GLOBAL forms. <asm/linkage.h> overrides come first.
 */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

#include <asm/linkage.h>

/* Separates statements within one macro expansion. */
#ifndef ASM_NL
#define ASM_NL		;
#endif

#ifndef __ALIGN
#define __ALIGN		.balign 4
#define __ALIGN_STR	".balign 4"
#endif

#ifdef __ASSEMBLY__

#ifndef LINKER_SCRIPT
#define ALIGN		__ALIGN
#define ALIGN_STR	__ALIGN_STR
#endif

/* Annotations of v5.4 and older trees. */
#ifndef GLOBAL
#define GLOBAL(name)	.globl name ASM_NL name:
#endif
#ifndef ENTRY
#define ENTRY(name)	.globl name ASM_NL ALIGN ASM_NL name:
#endif
#ifndef WEAK
#define WEAK(name)	.weak name ASM_NL ALIGN ASM_NL name:
#endif
#ifndef END
#define END(name)	.size name, .-name
#endif
#ifndef ENDPROC
#define ENDPROC(name)	.type name, STT_FUNC ASM_NL END(name)
#endif

/* Linkage (SYM_L_*), alignment (SYM_A_*) and ELF type (SYM_T_*) of a symbol. */
#define SYM_L_GLOBAL(name)	.globl name
#define SYM_L_WEAK(name)	.weak name
#define SYM_L_LOCAL(name)
#define SYM_A_ALIGN		ALIGN
#define SYM_A_NONE
#ifndef SYM_T_FUNC
#define SYM_T_FUNC		STT_FUNC
#endif
#ifndef SYM_T_OBJECT
#define SYM_T_OBJECT		STT_OBJECT
#endif
#ifndef SYM_T_NONE
#define SYM_T_NONE		STT_NOTYPE
#endif

/* A label with its linkage and alignment; the variadic part is the alignment. */
#ifndef SYM_ENTRY
#define SYM_ENTRY(name, linkage, ...)	linkage(name) ASM_NL __VA_ARGS__ ASM_NL name:
#endif
#ifndef SYM_START
#define SYM_START(name, linkage, ...)	SYM_ENTRY(name, linkage, __VA_ARGS__)
#endif
/* ELF type and size; the size is also kept in .L__sym_size_<name> for aliases. */
#ifndef SYM_END
#define SYM_END(name, sym_type)				\
	.type name, sym_type ASM_NL			\
	.set .L__sym_size_##name, .-name ASM_NL		\
	.size name, .L__sym_size_##name
#endif

/* A label inside a function or code block: patch sites, second entry points. */
#ifndef SYM_INNER_LABEL_ALIGN
#define SYM_INNER_LABEL_ALIGN(name, linkage)	.type name, SYM_T_NONE ASM_NL SYM_ENTRY(name, linkage, SYM_A_ALIGN)
#endif
#ifndef SYM_INNER_LABEL
#define SYM_INNER_LABEL(name, linkage)		.type name, SYM_T_NONE ASM_NL SYM_ENTRY(name, linkage, SYM_A_NONE)
#endif

/* Functions that follow the AAPCS: SYM_FUNC_START ... SYM_FUNC_END. */
#ifndef SYM_FUNC_START
#define SYM_FUNC_START(name)			SYM_START(name, SYM_L_GLOBAL, SYM_A_ALIGN)
#endif
#ifndef SYM_FUNC_START_NOALIGN
#define SYM_FUNC_START_NOALIGN(name)		SYM_START(name, SYM_L_GLOBAL, SYM_A_NONE)
#endif
#ifndef SYM_FUNC_START_LOCAL
#define SYM_FUNC_START_LOCAL(name)		SYM_START(name, SYM_L_LOCAL, SYM_A_ALIGN)
#endif
#ifndef SYM_FUNC_START_LOCAL_NOALIGN
#define SYM_FUNC_START_LOCAL_NOALIGN(name)	SYM_START(name, SYM_L_LOCAL, SYM_A_NONE)
#endif
#ifndef SYM_FUNC_START_WEAK
#define SYM_FUNC_START_WEAK(name)		SYM_START(name, SYM_L_WEAK, SYM_A_ALIGN)
#endif
#ifndef SYM_FUNC_START_WEAK_NOALIGN
#define SYM_FUNC_START_WEAK_NOALIGN(name)	SYM_START(name, SYM_L_WEAK, SYM_A_NONE)
#endif
#ifndef SYM_FUNC_END
#define SYM_FUNC_END(name)			SYM_END(name, SYM_T_FUNC)
#endif

/* Another name for a symbol, written after the symbol's SYM_*_END (takes its type and size). */
#ifndef SYM_ALIAS
#define SYM_ALIAS(alias, name, sym_type, linkage)			\
	linkage(alias) ASM_NL						\
	.set alias, name ASM_NL						\
	.type alias, sym_type ASM_NL					\
	.set .L__sym_size_##alias, .L__sym_size_##name ASM_NL		\
	.size alias, .L__sym_size_##alias
#endif
#ifndef SYM_FUNC_ALIAS
#define SYM_FUNC_ALIAS(alias, name)		SYM_ALIAS(alias, name, SYM_T_FUNC, SYM_L_GLOBAL)
#endif
#ifndef SYM_FUNC_ALIAS_LOCAL
#define SYM_FUNC_ALIAS_LOCAL(alias, name)	SYM_ALIAS(alias, name, SYM_T_FUNC, SYM_L_LOCAL)
#endif
#ifndef SYM_FUNC_ALIAS_WEAK
#define SYM_FUNC_ALIAS_WEAK(alias, name)	SYM_ALIAS(alias, name, SYM_T_FUNC, SYM_L_WEAK)
#endif

/* Code with its own calling convention (trampolines, vectors): no BTI pad is added. */
#ifndef SYM_CODE_START
#define SYM_CODE_START(name)			SYM_START(name, SYM_L_GLOBAL, SYM_A_ALIGN)
#endif
#ifndef SYM_CODE_START_NOALIGN
#define SYM_CODE_START_NOALIGN(name)		SYM_START(name, SYM_L_GLOBAL, SYM_A_NONE)
#endif
#ifndef SYM_CODE_START_LOCAL
#define SYM_CODE_START_LOCAL(name)		SYM_START(name, SYM_L_LOCAL, SYM_A_ALIGN)
#endif
#ifndef SYM_CODE_START_LOCAL_NOALIGN
#define SYM_CODE_START_LOCAL_NOALIGN(name)	SYM_START(name, SYM_L_LOCAL, SYM_A_NONE)
#endif
#ifndef SYM_CODE_END
#define SYM_CODE_END(name)			SYM_END(name, SYM_T_NONE)
#endif

/* Data objects. */
#ifndef SYM_DATA_START
#define SYM_DATA_START(name)			SYM_START(name, SYM_L_GLOBAL, SYM_A_NONE)
#endif
#ifndef SYM_DATA_START_LOCAL
#define SYM_DATA_START_LOCAL(name)		SYM_START(name, SYM_L_LOCAL, SYM_A_NONE)
#endif
#ifndef SYM_DATA_END
#define SYM_DATA_END(name)			SYM_END(name, SYM_T_OBJECT)
#endif
#ifndef SYM_DATA_END_LABEL
#define SYM_DATA_END_LABEL(name, linkage, label)	\
	linkage(label) ASM_NL				\
	.type label, SYM_T_OBJECT ASM_NL		\
	label: ASM_NL					\
	SYM_END(name, SYM_T_OBJECT)
#endif
#ifndef SYM_DATA
#define SYM_DATA(name, ...)		SYM_DATA_START(name) ASM_NL __VA_ARGS__ ASM_NL SYM_DATA_END(name)
#endif
#ifndef SYM_DATA_LOCAL
#define SYM_DATA_LOCAL(name, ...)	SYM_DATA_START_LOCAL(name) ASM_NL __VA_ARGS__ ASM_NL SYM_DATA_END(name)
#endif

#endif /* __ASSEMBLY__ */

#endif /* _LINUX_LINKAGE_H */
