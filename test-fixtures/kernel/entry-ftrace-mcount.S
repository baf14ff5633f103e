// fixture-era: mcount
/*
 * aarch64-ftrace test fixture: arm64 ftrace entry code of the -pg/_mcount era
 * (v3.16 to v5.4): static ftrace through _mcount, dynamic ftrace through
 * ftrace_caller with the ftrace_call and ftrace_graph_call NOP patch sites.
 * ENTRY/ENDPROC/GLOBAL annotations as trees of that time used. Written for
 * this project's tests, not taken from the kernel.
 */

#include <linux/linkage.h>
#include <asm/assembler.h>
#include <asm/ftrace.h>
#include <asm/insn.h>

/*
 * GCC -pg puts this after each function's prologue:
 *
 *	mov	x0, x30
 *	bl	_mcount
 *
 * x0 is not used: with frame pointers (always on for arm64) the frame
 * records give both addresses. After mcount_enter:
 *
 *	sp = x29 -> +0 traced function's fp   +8 return into the traced function
 *	[x29]    -> +0 parent's fp            +8 traced function's return address
 *
 * This is an ordinary AAPCS call: x0-x18 may be clobbered, x19-x29 and sp
 * must come back unchanged, and we return with a plain ret.
 */
	.macro	mcount_enter
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	.endm

	.macro	mcount_exit
	ldp	x29, x30, [sp], #16
	ret
	.endm

	/* pc of the traced function: its "bl _mcount" */
	.macro	mcount_get_pc0, reg
	sub	\reg, x30, #AARCH64_INSN_SIZE
	.endm

	.macro	mcount_get_pc, reg
	ldr	\reg, [x29, #8]
	sub	\reg, \reg, #AARCH64_INSN_SIZE
	.endm

	/* the traced function's return address, unadjusted */
	.macro	mcount_get_lr, reg
	ldr	\reg, [x29]
	ldr	\reg, [\reg, #8]
	.endm

	/* where that return address is saved (the graph tracer rewrites it) */
	.macro	mcount_get_lr_addr, reg
	ldr	\reg, [x29]
	add	\reg, \reg, #8
	.endm

	.macro	mcount_get_parent_fp, reg
	ldr	\reg, [x29]
	ldr	\reg, [\reg]
	.endm

#ifndef CONFIG_DYNAMIC_FTRACE
/*
 * Static ftrace: every call reaches _mcount, which checks whether a tracer
 * or the graph tracer is installed.
 */
ENTRY(_mcount)
	mcount_enter

	ldr_l	x2, ftrace_trace_function
	adr	x0, ftrace_stub
	cmp	x0, x2					// tracer installed?
	b.eq	skip_ftrace_call

	mcount_get_pc	x0
	mcount_get_lr	x1
	blr	x2					// tracer(pc, parent)

skip_ftrace_call:
#ifdef CONFIG_FUNCTION_GRAPH_TRACER
	ldr_l	x2, ftrace_graph_return
	cmp	x0, x2					// x0 still ftrace_stub
	b.ne	ftrace_graph_caller

	ldr_l	x2, ftrace_graph_entry
	adr_l	x0, ftrace_graph_entry_stub
	cmp	x0, x2
	b.ne	ftrace_graph_caller
#endif
	mcount_exit
ENDPROC(_mcount)
EXPORT_SYMBOL(_mcount)
NOKPROBE(_mcount)

#else /* CONFIG_DYNAMIC_FTRACE */
/*
 * Dynamic ftrace: the boot code turns every "bl _mcount" into a NOP, and
 * tracing a function turns it into "bl ftrace_caller" (or a module PLT).
 */
ENTRY(_mcount)
	ret
ENDPROC(_mcount)
EXPORT_SYMBOL(_mcount)
NOKPROBE(_mcount)

ENTRY(ftrace_caller)
	mcount_enter

	mcount_get_pc0	x0				// ip
	mcount_get_lr	x1				// parent_ip

GLOBAL(ftrace_call)
	nop						// patched: bl <tracer>

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
GLOBAL(ftrace_graph_call)
	nop						// patched: b ftrace_graph_caller
#endif

	mcount_exit
ENDPROC(ftrace_caller)
#endif /* CONFIG_DYNAMIC_FTRACE */

ENTRY(ftrace_stub)
	ret
ENDPROC(ftrace_stub)

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
/*
 * Reached from _mcount (b.ne) or from the ftrace_graph_call site (b): point
 * the traced function's saved return address at return_to_handler.
 */
ENTRY(ftrace_graph_caller)
	mcount_get_pc		x0			// pc
	mcount_get_lr_addr	x1			// &saved lr
	mcount_get_parent_fp	x2			// parent fp
	bl	prepare_ftrace_return
	mcount_exit
ENDPROC(ftrace_graph_caller)

/*
 * The traced function returns here instead of to its caller. Keep x0-x7
 * (return values) in a 64-byte area, ask the tracer for the real return
 * address, and go there.
 */
ENTRY(return_to_handler)
	sub	sp, sp, #64
	stp	x0, x1, [sp]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]

	mov	x0, x29					// traced function's fp
	bl	ftrace_return_to_handler
	mov	x30, x0					// the real return address

	ldp	x0, x1, [sp]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	add	sp, sp, #64
	ret
END(return_to_handler)
#endif /* CONFIG_FUNCTION_GRAPH_TRACER */
