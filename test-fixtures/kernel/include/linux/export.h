/*
 * aarch64-ftrace built-in stand-in for <linux/export.h> as seen from assembly:
 * EXPORT_SYMBOL* record the symbol, its license and namespace in the
 * .export_symbol section, from which modpost builds the export tables.
 */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include <linux/linkage.h>

#ifdef __ASSEMBLY__
#define __EXPORT_SYMBOL(sym, license, ns)		\
	.pushsection ".export_symbol", "a" ASM_NL	\
	__export_symbol_##sym: ASM_NL			\
	.asciz license ASM_NL				\
	.asciz ns ASM_NL				\
	.balign 8 ASM_NL				\
	.quad sym ASM_NL				\
	.popsection

#define EXPORT_SYMBOL(sym)		__EXPORT_SYMBOL(sym, "", "")
#define EXPORT_SYMBOL_GPL(sym)		__EXPORT_SYMBOL(sym, "GPL", "")
/* ns is a string literal, as in current kernels */
#define EXPORT_SYMBOL_NS(sym, ns)	__EXPORT_SYMBOL(sym, "", ns)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	__EXPORT_SYMBOL(sym, "GPL", ns)
#endif /* __ASSEMBLY__ */

#endif /* _LINUX_EXPORT_H */
