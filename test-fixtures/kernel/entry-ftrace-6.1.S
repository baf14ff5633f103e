// fixture-era: 6.1
/*
 * aarch64-ftrace test fixture: arm64 ftrace entry code as of v6.1 (the last
 * DYNAMIC_FTRACE_WITH_REGS design): SYM_* annotations, "bti c" at both entry
 * trampolines (they are reached through module PLTs by BR x16), PT_REGS_SIZE,
 * kCFI-typed ftrace_stub/ftrace_stub_graph, and no ftrace_graph_call site in
 * the WITH_REGS path (the graph tracer is an ftrace_ops callback there).
 * Written for this project's tests, not taken from the kernel.
 */

#include <linux/linkage.h>
#include <linux/cfi_types.h>
#include <asm/asm-offsets.h>
#include <asm/assembler.h>
#include <asm/ftrace.h>
#include <asm/insn.h>

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_REGS
/*
 * Callsite once traced: "mov x9, x30; bl ftrace_caller" (or ftrace_regs_caller,
 * or a module PLT in front of either).
 *
 * Live on entry: x0-x8 (arguments), x18 (shadow call stack), x19-x29, x30
 * (resume address) and x9 (parent return address). Free: x10-x17.
 *
 * Stack while a callback runs, from sp up:
 *	struct pt_regs			PT_REGS_SIZE bytes, our frame record at
 *					S_STACKFRAME
 *	{callsite fp, parent lr}	16 bytes, the callsite's frame record
 */
	.macro	ftrace_regs_entry, allregs=0
	sub	sp, sp, #(PT_REGS_SIZE + 16)

	stp	x0, x1, [sp, #S_X0]
	stp	x2, x3, [sp, #S_X2]
	stp	x4, x5, [sp, #S_X4]
	stp	x6, x7, [sp, #S_X6]
	stp	x8, x9, [sp, #S_X8]			// x9 rides along with x8

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

	add	x10, sp, #(PT_REGS_SIZE + 16)		// the callsite sp
	stp	x9, x10, [sp, #S_LR]			// regs[30], sp
	str	x30, [sp, #S_PC]			// pc: resume address

	stp	x29, x9, [sp, #PT_REGS_SIZE]		// callsite frame record
	add	x29, sp, #PT_REGS_SIZE

	stp	x29, x30, [sp, #S_STACKFRAME]		// our frame record
	add	x29, sp, #S_STACKFRAME
	.endm

SYM_CODE_START(ftrace_regs_caller)
	bti	c
	ftrace_regs_entry	1
	b	ftrace_common
SYM_CODE_END(ftrace_regs_caller)

SYM_CODE_START(ftrace_caller)
	bti	c
	ftrace_regs_entry	0
	b	ftrace_common
SYM_CODE_END(ftrace_caller)

SYM_CODE_START(ftrace_common)
	sub	x0, x30, #AARCH64_INSN_SIZE		// ip: the callsite BL
	mov	x1, x9					// parent_ip
	ldr_l	x2, function_trace_op			// op
	mov	x3, sp					// regs

SYM_INNER_LABEL(ftrace_call, SYM_L_GLOBAL)
	bl	ftrace_stub				// patched: bl <tracer>

	/*
	 * C kept x19-x29. The traced function needs its arguments and fp back,
	 * and lr/pc as the callbacks left them in pt_regs.
	 */
	ldp	x0, x1, [sp, #S_X0]
	ldp	x2, x3, [sp, #S_X2]
	ldp	x4, x5, [sp, #S_X4]
	ldp	x6, x7, [sp, #S_X6]
	ldr	x8, [sp, #S_X8]

	ldr	x29, [sp, #S_FP]
	ldr	x30, [sp, #S_LR]
	ldr	x9, [sp, #S_PC]

	add	sp, sp, #PT_REGS_SIZE + 16
	ret	x9
SYM_CODE_END(ftrace_common)

#else /* !CONFIG_DYNAMIC_FTRACE_WITH_REGS */

/* -pg: "mov x0, x30; bl _mcount" after each prologue; x0 is not used. */
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

SYM_FUNC_START(_mcount)
	ret
SYM_FUNC_END(_mcount)
EXPORT_SYMBOL(_mcount)
NOKPROBE(_mcount)

SYM_FUNC_START(ftrace_caller)
	mcount_enter
	mcount_get_pc0	x0
	mcount_get_lr	x1
SYM_INNER_LABEL(ftrace_call, SYM_L_GLOBAL)
	nop						// patched: bl <tracer>
#ifdef CONFIG_FUNCTION_GRAPH_TRACER
SYM_INNER_LABEL(ftrace_graph_call, SYM_L_GLOBAL)
	nop						// patched: b ftrace_graph_caller
#endif
	mcount_exit
SYM_FUNC_END(ftrace_caller)

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
SYM_FUNC_START(ftrace_graph_caller)
	mcount_get_pc		x0
	mcount_get_lr_addr	x1
	mcount_get_parent_fp	x2
	bl	prepare_ftrace_return
	mcount_exit
SYM_FUNC_END(ftrace_graph_caller)
#endif

#endif /* CONFIG_DYNAMIC_FTRACE_WITH_REGS */

/* Both stubs are called through pointers: typed for kCFI. */
SYM_TYPED_FUNC_START(ftrace_stub)
	ret
SYM_FUNC_END(ftrace_stub)

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
SYM_TYPED_FUNC_START(ftrace_stub_graph)
	ret
SYM_FUNC_END(ftrace_stub_graph)

/* Reached by the traced function's RET: keep x0-x7, then jump to the real lr. */
SYM_CODE_START(return_to_handler)
	sub	sp, sp, #64
	stp	x0, x1, [sp]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]

	mov	x0, x29
	bl	ftrace_return_to_handler
	mov	x30, x0

	ldp	x0, x1, [sp]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	add	sp, sp, #64
	ret
SYM_CODE_END(return_to_handler)
#endif /* CONFIG_FUNCTION_GRAPH_TRACER */
