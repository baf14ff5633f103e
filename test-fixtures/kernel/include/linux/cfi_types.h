/*
 * aarch64-ftrace built-in stand-in for <linux/cfi_types.h>: SYM_TYPED_START for
 * assembly functions that C calls through a pointer. With kCFI (clang,
 * CONFIG_CFI_CLANG) the 32-bit type hash __kcfi_typeid_<name> sits in the four
 * bytes before the function; otherwise it is a plain SYM_START.
 */
#ifndef _LINUX_CFI_TYPES_H
#define _LINUX_CFI_TYPES_H

#ifdef __ASSEMBLY__
#include <linux/linkage.h>

#ifdef CONFIG_CFI_CLANG
#ifndef __CFI_TYPE
#define __CFI_TYPE(name)			.4byte __kcfi_typeid_##name
#endif
#define SYM_TYPED_ENTRY(name, linkage, ...)	\
	linkage(name) ASM_NL			\
	__VA_ARGS__ ASM_NL			\
	__CFI_TYPE(name) ASM_NL			\
	name:
#define SYM_TYPED_START(name, linkage, ...)	SYM_TYPED_ENTRY(name, linkage, __VA_ARGS__)
#else
#define SYM_TYPED_START(name, linkage, ...)	SYM_START(name, linkage, __VA_ARGS__)
#endif

#ifndef SYM_TYPED_FUNC_START
#define SYM_TYPED_FUNC_START(name)		SYM_TYPED_START(name, SYM_L_GLOBAL, SYM_A_ALIGN)
#endif
#endif /* __ASSEMBLY__ */

#endif /* _LINUX_CFI_TYPES_H */
