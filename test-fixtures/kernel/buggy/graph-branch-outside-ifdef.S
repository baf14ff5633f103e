// fixture-era: mcount
// fixture-config: -CONFIG_DYNAMIC_FTRACE
/*
 * aarch64-ftrace buggy fixture: a branch to a label that is defined under
 * a condition the branch is not under.
 *
 * Static ftrace: _mcount checks the graph hooks and branches to
 * ftrace_graph_caller whatever the configuration, but ftrace_graph_caller
 * is only assembled with CONFIG_FUNCTION_GRAPH_TRACER. This configuration
 * has the graph tracer and links; one without it fails with
 * "relocation truncated to fit: R_AARCH64_CONDBR19 against undefined
 * symbol" (the shape of the #ifdef slip fixed after the WITH_REGS merge).
 *
 * Expected from the ABI checker:
 *   rule A10 (branch targets defined under the same conditions) at
 *   "b.ne ftrace_graph_caller" in _mcount, the line marked BUG; the
 *   definition and its #ifdef line are related.
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
	ldr_l	x2, ftrace_graph_return
	adr	x0, ftrace_stub
	cmp	x0, x2
	b.ne	ftrace_graph_caller		// BUG(A10): only defined with CONFIG_FUNCTION_GRAPH_TRACER
	mcount_exit
ENDPROC(_mcount)

ENTRY(ftrace_stub)
	ret
ENDPROC(ftrace_stub)

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
