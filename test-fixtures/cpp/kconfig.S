/* SPDX-License-Identifier: MIT */
/*
 * cpp fixture: IS_ENABLED / IS_BUILTIN / IS_MODULE by ordinary macro expansion, from our own
 * small include/linux/kconfig.h (the placeholder-argument technique the kernel uses).
 */
#include <linux/kconfig.h>

	.word	IS_ENABLED(CONFIG_DYNAMIC_FTRACE), IS_ENABLED(CONFIG_KPROBES), IS_ENABLED(CONFIG_MISSING)
	.word	IS_BUILTIN(CONFIG_KPROBES), IS_MODULE(CONFIG_KPROBES), IS_MODULE(CONFIG_DYNAMIC_FTRACE)
	.word	IS_REACHABLE(CONFIG_KPROBES)

#if IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_ARGS) && !IS_ENABLED(CONFIG_MISSING)
	with_args
#else
	without_args
#endif
#if IS_BUILTIN(CONFIG_KPROBES)
	never
#elif IS_MODULE(CONFIG_KPROBES)
	kprobes_module
#endif
#if IS_ENABLED(CONFIG_ARM64_BTI_KERNEL)
	bti	c
#endif
