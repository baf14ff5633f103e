// fixture-era: newest
/*
 * aarch64-ftrace test fixture: arm64 ftrace entry code in the style of current
 * mainline arch/arm64/kernel/entry-ftrace.S. Written for this project's tests,
 * not taken from the kernel.
 *
 * Configurations it covers (all assemble, see test-fixtures/kernel/README.md):
 *   DYNAMIC_FTRACE_WITH_ARGS                 ftrace_caller + ftrace_call patch site
 *   ... + DYNAMIC_FTRACE_WITH_CALL_OPS       ops literal before each function
 *   ... + DYNAMIC_FTRACE_WITH_DIRECT_CALLS   x17 direct trampolines (era default)
 *   -pg / _mcount (no WITH_ARGS)             ftrace_call + ftrace_graph_call sites
 */

#include <linux/linkage.h>
#include <linux/cfi_types.h>
#include <asm/asm-offsets.h>
#include <asm/assembler.h>
#include <asm/ftrace.h>
#include <asm/insn.h>

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_ARGS
/*
 * Callsites are compiled with -fpatchable-function-entry (2 NOPs, or 4,2 with
 * CALL_OPS). Once traced they read
 *
 *	mov	x9, x30
 *	bl	ftrace_caller		// or a module PLT, or a direct trampoline
 *
 * so on entry:
 *	x0-x8	arguments of the traced function (live)
 *	x9	the traced function's return address (parent_ip)
 *	x10-x17	free (AAPCS temporaries; x16/x17 may hold PLT state)
 *	x18	shadow call stack pointer (live)
 *	x19-x29	callee-saved, x29 the traced function's caller frame
 *	x30	address after the callsite BL (where the traced function resumes)
 *	sp	the traced function's entry sp, 16-byte aligned
 *
 * We hand callbacks a struct ftrace_regs and push two frame records above it,
 * one for the callsite ({x29, x9}) and one for ourselves ({x29, x30}), so that
 * a backtrace taken in a callback walks through both.
 */
SYM_CODE_START(ftrace_caller)
	bti	c

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS
	/*
	 * The ops pointer is the 8-aligned literal ahead of the function: x30 is
	 * 16 or 20 bytes past it, so round x30 down to 8 and look 16 bytes back.
	 */
	bic	x11, x30, 0x7
	ldr	x11, [x11, #-(4 * AARCH64_INSN_SIZE)]		// x11 = ops

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS
	/* An ops with a direct trampoline is served before anything is saved. */
	ldr	x17, [x11, #FTRACE_OPS_DIRECT_CALL]
	cbnz	x17, ftrace_caller_direct
#endif
#endif

	mov	x10, sp					// sp at the callsite

	/* struct ftrace_regs, then two frame records above it */
	sub	sp, sp, #(FREGS_SIZE + 32)

	stp	x0, x1, [sp, #FREGS_X0]
	stp	x2, x3, [sp, #FREGS_X2]
	stp	x4, x5, [sp, #FREGS_X4]
	stp	x6, x7, [sp, #FREGS_X6]
	str	x8,     [sp, #FREGS_X8]

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS
	str	xzr, [sp, #FREGS_DIRECT_TRAMP]		// no late direct call yet
#endif

	str	x29, [sp, #FREGS_FP]
	str	x9,  [sp, #FREGS_LR]
	str	x10, [sp, #FREGS_SP]
	str	x30, [sp, #FREGS_PC]

	/* callsite record {fp, parent lr}, then ours {fp, resume pc} */
	stp	x29, x9, [sp, #FREGS_SIZE + 16]
	add	x29, sp, #FREGS_SIZE + 16
	stp	x29, x30, [sp, #FREGS_SIZE]
	add	x29, sp, #FREGS_SIZE

	/* func(ip, parent_ip, op, fregs) */
	sub	x0, x30, #AARCH64_INSN_SIZE		// ip: the callsite BL
	mov	x1, x9					// parent_ip
	mov	x3, sp					// fregs

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS
	mov	x2, x11
	ldr	x4, [x2, #FTRACE_OPS_FUNC]
	blr	x4
#else
	ldr_l	x2, function_trace_op

SYM_INNER_LABEL(ftrace_call, SYM_L_GLOBAL)
	bl	ftrace_stub				// patched: bl <tracer>
#endif

	/*
	 * The callee kept x19-x29 for us. Reload what the traced function still
	 * needs: its arguments, its frame pointer, and lr/pc (which a callback
	 * may have changed).
	 */
	ldp	x0, x1, [sp, #FREGS_X0]
	ldp	x2, x3, [sp, #FREGS_X2]
	ldp	x4, x5, [sp, #FREGS_X4]
	ldp	x6, x7, [sp, #FREGS_X6]
	ldr	x8,     [sp, #FREGS_X8]
	ldr	x29, [sp, #FREGS_FP]

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS
	ldr	x17, [sp, #FREGS_DIRECT_TRAMP]
	cbnz	x17, ftrace_caller_direct_late
#endif

	ldr	x30, [sp, #FREGS_LR]			// parent lr
	ldr	x9,  [sp, #FREGS_PC]			// resume pc

	add	sp, sp, #FREGS_SIZE + 32
	ret	x9

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS
SYM_INNER_LABEL(ftrace_caller_direct_late, SYM_L_LOCAL)
	/*
	 * A callback asked for a direct trampoline. Arguments and fp are back;
	 * hand over in the trampoline convention: x9 = parent lr, x30 = resume pc.
	 */
	ldr	x9,  [sp, #FREGS_LR]
	ldr	x30, [sp, #FREGS_PC]
	add	sp, sp, #FREGS_SIZE + 32

SYM_INNER_LABEL(ftrace_caller_direct, SYM_L_LOCAL)
	/* br x17 may land on bti c or paciasp and keeps the return stack balanced */
	br	x17
#endif
SYM_CODE_END(ftrace_caller)

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS
/* The smallest direct trampoline: return to the traced function untouched. */
SYM_CODE_START(ftrace_stub_direct_tramp)
	bti	c
	mov	x10, x30				// resume pc
	mov	x30, x9					// parent lr back in place
	ret	x10
SYM_CODE_END(ftrace_stub_direct_tramp)
#endif

#else /* !CONFIG_DYNAMIC_FTRACE_WITH_ARGS */

/*
 * -pg: after its prologue each function runs
 *
 *	mov	x0, x30
 *	bl	_mcount
 *
 * The kernel ignores x0 and walks the frame records instead (arm64 always
 * builds with frame pointers). Right after mcount_enter:
 *
 *	x29 -> { traced function's fp, return into the traced function }
 *	[x29] -> { parent's fp, traced function's return address }
 */
	.macro	mcount_enter
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	.endm

	.macro	mcount_exit
	ldp	x29, x30, [sp], #16
	ret
	.endm

	/* address of the BL that brought us here */
	.macro	mcount_bl_addr, rd, rn
	sub	\rd, \rn, #AARCH64_INSN_SIZE
	.endm

	.macro	mcount_get_pc0, reg			// from our own lr
	mcount_bl_addr \reg, x30
	.endm

	.macro	mcount_get_pc, reg			// from our frame record
	ldr	\reg, [x29, #8]
	mcount_bl_addr \reg, \reg
	.endm

	.macro	mcount_get_lr, reg			// traced function's return address
	ldr	\reg, [x29]
	ldr	\reg, [\reg, #8]
	.endm

	.macro	mcount_get_lr_addr, reg			// where that address is saved
	ldr	\reg, [x29]
	add	\reg, \reg, #8
	.endm

	.macro	mcount_get_parent_fp, reg
	ldr	\reg, [x29]
	ldr	\reg, [\reg]
	.endm

#ifndef CONFIG_DYNAMIC_FTRACE
/* Static ftrace: _mcount itself decides whether anything is traced. */
SYM_FUNC_START(_mcount)
	mcount_enter

	ldr_l	x2, ftrace_trace_function
	adr	x0, ftrace_stub
	cmp	x0, x2
	b.eq	.Lskip_ftrace_call

	mcount_get_pc	x0
	mcount_get_lr	x1
	blr	x2					// tracer(pc, parent)

.Lskip_ftrace_call:
#ifdef CONFIG_FUNCTION_GRAPH_TRACER
	ldr_l	x2, ftrace_graph_return
	cmp	x0, x2
	b.ne	ftrace_graph_caller

	ldr_l	x2, ftrace_graph_entry
	adr_l	x0, ftrace_graph_entry_stub
	cmp	x0, x2
	b.ne	ftrace_graph_caller
#endif
	mcount_exit
SYM_FUNC_END(_mcount)
EXPORT_SYMBOL(_mcount)
NOKPROBE(_mcount)

#else /* CONFIG_DYNAMIC_FTRACE */
/* Every bl _mcount becomes a NOP at boot; _mcount only has to exist. */
SYM_FUNC_START(_mcount)
	ret
SYM_FUNC_END(_mcount)
EXPORT_SYMBOL(_mcount)
NOKPROBE(_mcount)

/* Traced callsites are patched to bl ftrace_caller. */
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
#endif /* CONFIG_DYNAMIC_FTRACE */

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
/* Swap the traced function's saved return address for return_to_handler. */
SYM_FUNC_START(ftrace_graph_caller)
	mcount_get_pc		x0
	mcount_get_lr_addr	x1
	mcount_get_parent_fp	x2
	bl	prepare_ftrace_return			// (pc, &lr, parent fp)
	mcount_exit
SYM_FUNC_END(ftrace_graph_caller)
#endif

#endif /* CONFIG_DYNAMIC_FTRACE_WITH_ARGS */

/* Called through function pointers, so typed for kCFI. */
SYM_TYPED_FUNC_START(ftrace_stub)
	ret
SYM_FUNC_END(ftrace_stub)

#ifdef CONFIG_FUNCTION_GRAPH_TRACER
SYM_TYPED_FUNC_START(ftrace_stub_graph)
	ret
SYM_FUNC_END(ftrace_stub_graph)

/*
 * The graph tracer points a traced function's return address here. Keep the
 * return values (x0-x7), let the tracer record the exit and tell us where to
 * really go. Reached by RET, so no landing pad.
 */
SYM_CODE_START(return_to_handler)
	sub	sp, sp, #FREGS_SIZE
	stp	x0, x1, [sp, #FREGS_X0]
	stp	x2, x3, [sp, #FREGS_X2]
	stp	x4, x5, [sp, #FREGS_X4]
	stp	x6, x7, [sp, #FREGS_X6]
	str	x29, [sp, #FREGS_FP]

	mov	x0, sp
	bl	ftrace_return_to_handler		// returns the original lr
	mov	x30, x0

	ldp	x0, x1, [sp, #FREGS_X0]
	ldp	x2, x3, [sp, #FREGS_X2]
	ldp	x4, x5, [sp, #FREGS_X4]
	ldp	x6, x7, [sp, #FREGS_X6]
	add	sp, sp, #FREGS_SIZE
	ret
SYM_CODE_END(return_to_handler)
#endif /* CONFIG_FUNCTION_GRAPH_TRACER */
