/*
 * aarch64-ftrace built-in stand-in for <linux/kconfig.h>: IS_ENABLED() and its
 * relatives, usable both in #if and in C expressions. The configuration itself
 * comes from <generated/autoconf.h> (the built-in one is empty: the chosen
 * kernel era's config arrives as -D defines).
 */
#ifndef __LINUX_KCONFIG_H
#define __LINUX_KCONFIG_H

#include <generated/autoconf.h>

/*
 * For an option defined as 1, __ARG_PLACEHOLDER_##option pastes into
 * __ARG_PLACEHOLDER_1, which expands to "0," and so moves the 1 that follows
 * into the second argument slot. Any other spelling leaves one junk token in
 * the first slot, and the second slot keeps the default.
 */
#define __ARG_PLACEHOLDER_1			0,
#define __kconfig_second(ignored, val, ...)	val

#define __is_defined(x)				__kconfig_defined1(x)
#define __kconfig_defined1(x)			__kconfig_defined2(__ARG_PLACEHOLDER_##x)
#define __kconfig_defined2(arg1_or_junk)	__kconfig_second(arg1_or_junk 1, 0)

/* x and y are already 0 or 1 here */
#define __or(x, y)				__kconfig_or1(x, y)
#define __kconfig_or1(x, y)			__kconfig_or2(__ARG_PLACEHOLDER_##x, y)
#define __kconfig_or2(arg1_or_junk, y)		__kconfig_second(arg1_or_junk 1, y)

#define __and(x, y)				__kconfig_and1(x, y)
#define __kconfig_and1(x, y)			__kconfig_and2(__ARG_PLACEHOLDER_##x, y)
#define __kconfig_and2(arg1_or_junk, y)		__kconfig_second(arg1_or_junk y, 0)

/* =y */
#define IS_BUILTIN(option)	__is_defined(option)
/* =m */
#define IS_MODULE(option)	__is_defined(option##_MODULE)
/* =y, or =m when this file is itself built as a module */
#define IS_REACHABLE(option)	__or(IS_BUILTIN(option), __and(IS_MODULE(option), __is_defined(MODULE)))
/* =y or =m */
#define IS_ENABLED(option)	__or(IS_BUILTIN(option), IS_MODULE(option))

#endif /* __LINUX_KCONFIG_H */
