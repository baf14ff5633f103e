// fixture-era: 5.5-with-regs
/*
 * aarch64-ftrace test fixture: arm64 ftrace entry code as designed for
 * DYNAMIC_FTRACE_WITH_REGS in 2019 (merged for v5.5): ftrace_regs_caller and
 * ftrace_caller build a struct pt_regs (S_* offsets, S_FRAME_SIZE) and share
 * ftrace_common. Annotated with ENTRY/ENDPROC/GLOBAL as trees of that time
 * were. Written for this project's tests, not taken from the kernel.
 * Also assembles for era 5.10 (same offsets names, S_FRAME_SIZE 336).
 */

#include <linux/linkage.h>
#include <asm/asm-offsets.h>
#include <asm/assembler.h>
#include <asm/ftrace.h>
#include <asm/insn.h>

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_REGS
/*
 * -fpatchable-function-entry=2 leaves two NOPs before each prologue;
 * ftrace_init_nop() turns the first into "mov x9, x30" once, and enabling a
 * callsite turns the second into "bl ftrace_caller" or "bl ftrace_regs_caller".
 *
 * Entry state: x0-x8 live arguments, x9 = parent return address, x30 = the
 * instruction after the callsite BL, x19-x29 callee-saved and live,
 * x10-x18 free (nothing here uses x18 as a platform register), sp as the
 * traced function received it.
 *
 * Frame: a pt_regs at sp, and 16 bytes above it for the callsite frame
 * record {x29, x9}; our own frame record {x29, x30} is pt_regs.stackframe.
 */
	.macro	ftrace_regs_entry, allregs=0
	sub	sp, sp, #(S_FRAME_SIZE + 16)

	/* arguments, and x9 so that the pair store stays simple */
	stp	x0, x1, [sp, #S_X0]
	stp	x2, x3, [sp, #S_X2]
	stp	x4, x5, [sp, #S_X4]
	stp	x6, x7, [sp, #S_X6]
	stp	x8, x9, [sp, #S_X8]

	/* the full set for ftrace_regs_caller; fp alone otherwise */
	.if	\allregs == 1
	stp	x10, x11, [sp, #S_X10]
	stp	x12, x13, [sp, #S_X12]
	stp	x14, x15, [sp, #S_X14]
	stp	x16, x17, [sp, #S_X16]
	stp	x18, x19, [sp, #S_X18]
	stp	x20, x21, [sp, #S_X20]
	stp	x22, x23, [sp, #S_X22]
	stp	x24, x25, [sp, #S_X24]
	stp	x26, x27, [sp, #S_X26]
	stp	x28, x29, [sp, #S_X28]
	.else
	str	x29, [sp, #S_FP]
	.endif

	/* regs->regs[30] = parent lr, regs->sp = callsite sp */
	add	x10, sp, #(S_FRAME_SIZE + 16)
	stp	x9, x10, [sp, #S_LR]

	/* regs->pc = where the traced function resumes */
	str	x30, [sp, #S_PC]

	/* callsite frame record above pt_regs */
	stp	x29, x9, [sp, #S_FRAME_SIZE]
	add	x29, sp, #S_FRAME_SIZE

	/* our frame record in pt_regs.stackframe */
	stp	x29, x30, [sp, #S_STACKFRAME]
	add	x29, sp, #S_STACKFRAME
	.endm

ENTRY(ftrace_regs_caller)
	ftrace_regs_entry	1
	b	ftrace_common
ENDPROC(ftrace_regs_caller)

ENTRY(ftrace_caller)
	ftrace_regs_entry	0
	b	ftrace_common
ENDPROC(ftrace_caller)

ENTRY(ftrace_common)
	sub	x0, x30, #AARCH64_INSN_SIZE		// ip: the callsite BL
	mov	x1, x9					// parent_ip
	ldr_l	x2, function_trace_op			// op
	mov	x3, sp					// regs

GLOBAL(ftrace_call)
	bl	ftrace_stub				// patched: bl <tracer>

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
GLOBAL(ftrace_graph_call)
	nop						// patched: b ftrace_graph_caller
#endif

/*
 * x19-x29 survived the call (AAPCS). Give the traced function back its
 * arguments and fp, and the lr/pc a callback may have rewritten.
 */
ftrace_common_return:
	ldp	x0, x1, [sp]
	ldp	x2, x3, [sp, #S_X2]
	ldp	x4, x5, [sp, #S_X4]
	ldp	x6, x7, [sp, #S_X6]
	ldr	x8, [sp, #S_X8]

	ldr	x29, [sp, #S_FP]
	ldr	x30, [sp, #S_LR]
	ldr	x9, [sp, #S_PC]

	add	sp, sp, #S_FRAME_SIZE + 16
	ret	x9
ENDPROC(ftrace_common)

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
ENTRY(ftrace_graph_caller)
	ldr	x0, [sp, #S_PC]
	sub	x0, x0, #AARCH64_INSN_SIZE		// ip
	add	x1, sp, #S_LR				// &regs->regs[30]: the lr to replace
	ldr	x2, [sp, #S_FRAME_SIZE]			// callsite fp
	bl	prepare_ftrace_return
	b	ftrace_common_return
ENDPROC(ftrace_graph_caller)
#endif

#else /* !CONFIG_DYNAMIC_FTRACE_WITH_REGS */

/* -pg: mov x0, x30; bl _mcount after the prologue (x0 unused). */
	.macro	mcount_enter
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	.endm

	.macro	mcount_exit
	ldp	x29, x30, [sp], #16
	ret
	.endm

	.macro	mcount_get_pc0, reg
	sub	\reg, x30, #AARCH64_INSN_SIZE
	.endm

	.macro	mcount_get_pc, reg
	ldr	\reg, [x29, #8]
	sub	\reg, \reg, #AARCH64_INSN_SIZE
	.endm

	.macro	mcount_get_lr, reg
	ldr	\reg, [x29]
	ldr	\reg, [\reg, #8]
	.endm

	.macro	mcount_get_lr_addr, reg
	ldr	\reg, [x29]
	add	\reg, \reg, #8
	.endm

	.macro	mcount_get_parent_fp, reg
	ldr	\reg, [x29]
	ldr	\reg, [\reg]
	.endm

ENTRY(_mcount)
	ret
ENDPROC(_mcount)
EXPORT_SYMBOL(_mcount)
NOKPROBE(_mcount)

ENTRY(ftrace_caller)
	mcount_enter
	mcount_get_pc0	x0
	mcount_get_lr	x1
GLOBAL(ftrace_call)
	nop						// patched: bl <tracer>
#ifdef CONFIG_FUNCTION_GRAPH_TRACER
GLOBAL(ftrace_graph_call)
	nop						// patched: b ftrace_graph_caller
#endif
	mcount_exit
ENDPROC(ftrace_caller)

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
ENTRY(ftrace_graph_caller)
	mcount_get_pc		x0
	mcount_get_lr_addr	x1
	mcount_get_parent_fp	x2
	bl	prepare_ftrace_return
	mcount_exit
ENDPROC(ftrace_graph_caller)
#endif

#endif /* CONFIG_DYNAMIC_FTRACE_WITH_REGS */

ENTRY(ftrace_stub)
	ret
ENDPROC(ftrace_stub)

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
/* Return values x0-x7 kept in a 64-byte area around the handler call. */
ENTRY(return_to_handler)
	sub	sp, sp, #64
	stp	x0, x1, [sp]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]

	mov	x0, x29					// the traced function's fp
	bl	ftrace_return_to_handler		// returns the original lr
	mov	x30, x0

	ldp	x0, x1, [sp]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	add	sp, sp, #64
	ret
END(return_to_handler)
#endif /* CONFIG_FUNCTION_GRAPH_TRACER */
