// fixture-era: mcount
// fixture-config: -CONFIG_DYNAMIC_FTRACE
/*
 * aarch64-ftrace buggy fixture: a branch to a label that the active #ifdef
 * arm does not define.
 *
 * Static ftrace (no CONFIG_DYNAMIC_FTRACE) with the graph tracer: _mcount
 * branches to ftrace_graph_caller, but ftrace_graph_caller sits inside the
 * CONFIG_DYNAMIC_FTRACE arm. The file still assembles (the branch becomes
 * an R_AARCH64_CONDBR19 relocation against an undefined symbol); the link
 * fails with "relocation truncated to fit: R_AARCH64_CONDBR19 against
 * undefined symbol". The same kind of #ifdef slip was fixed upstream after
 * the WITH_REGS merge (Fixes: 3b23e4991fb6).
 *
 * Expected from the ABI checker:
 *   rule A10 (branch targets defined under the same conditions) at
 *   "b.ne ftrace_graph_caller" in _mcount, the line marked BUG: the label is
 *   only defined when CONFIG_DYNAMIC_FTRACE is set, and this arm is built
 *   when it is not.
 */

#include <linux/linkage.h>
#include <asm/assembler.h>
#include <asm/insn.h>

	.macro	mcount_enter
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	.endm

	.macro	mcount_exit
	ldp	x29, x30, [sp], #16
	ret
	.endm

#ifndef CONFIG_DYNAMIC_FTRACE
ENTRY(_mcount)
	mcount_enter
	ldr_l	x2, ftrace_trace_function
	adr	x0, ftrace_stub
	cmp	x0, x2
	b.eq	skip_ftrace_call
	ldr	x0, [x29, #8]
	sub	x0, x0, #AARCH64_INSN_SIZE
	ldr	x1, [x29]
	ldr	x1, [x1, #8]
	blr	x2
skip_ftrace_call:
#ifdef CONFIG_FUNCTION_GRAPH_TRACER
	ldr_l	x2, ftrace_graph_return
	cmp	x0, x2
	b.ne	ftrace_graph_caller		// BUG(A10): ftrace_graph_caller undefined in this configuration
#endif
	mcount_exit
ENDPROC(_mcount)

#else /* CONFIG_DYNAMIC_FTRACE */
ENTRY(_mcount)
	ret
ENDPROC(_mcount)

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
ENTRY(ftrace_graph_caller)
	ldr	x0, [x29, #8]
	sub	x0, x0, #AARCH64_INSN_SIZE
	ldr	x1, [x29]
	add	x1, x1, #8
	ldr	x2, [x29]
	ldr	x2, [x2]
	bl	prepare_ftrace_return
	mcount_exit
ENDPROC(ftrace_graph_caller)
#endif
#endif /* CONFIG_DYNAMIC_FTRACE */

ENTRY(ftrace_stub)
	ret
ENDPROC(ftrace_stub)
