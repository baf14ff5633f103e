/*
 * aarch64-ftrace built-in stand-in for the arm64 <asm/ftrace.h>, assembly part.
 * FTRACE_OPS_FUNC, FTRACE_OPS_DIRECT_CALL and the FREGS_* offsets are not here:
 * they are asm-offsets, supplied by the asm-offsets provider.
 */
#ifndef __ASM_FTRACE_H
#define __ASM_FTRACE_H

#include <asm/insn.h>

#define HAVE_FUNCTION_GRAPH_FP_TEST

#if defined(CONFIG_DYNAMIC_FTRACE_WITH_REGS) || defined(CONFIG_DYNAMIC_FTRACE_WITH_ARGS)
#define ARCH_SUPPORTS_FTRACE_OPS 1
#else
#define MCOUNT_ADDR		((unsigned long)_mcount)
#endif

/* The callsite instruction ftrace patches (the BL) is one instruction. */
#define MCOUNT_INSN_SIZE	AARCH64_INSN_SIZE

/* Module PLT slots: the ftrace_regs_caller one exists only with WITH_REGS (v5.5-v6.1). */
#define FTRACE_PLT_IDX		0
#ifdef CONFIG_DYNAMIC_FTRACE_WITH_REGS
#define FTRACE_REGS_PLT_IDX	1
#define NR_FTRACE_PLTS		2
#else
#define NR_FTRACE_PLTS		1
#endif

#endif /* __ASM_FTRACE_H */
