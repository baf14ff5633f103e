// fixture-era: mcount
/*
 * aarch64-ftrace buggy fixture: exception state read in a trampoline.
 *
 * An out-of-tree livepatch series (2015) had its ftrace entry save and
 * restore SPSR_EL1. This mcount-era ftrace_caller reads SPSR_EL1 to hand
 * it to the tracer. The trampoline runs inside an ordinary call of the
 * traced function: SPSR_EL1 describes whatever exception the kernel last
 * took, not the traced call, and mainline trampolines never touch it.
 *
 * Expected from the ABI checker:
 *   rule A8 (mrs/msr of SPSR_EL1/ELR_EL1/DAIF in ftrace trampolines) at
 *   "mrs x2, spsr_el1" in ftrace_caller, the line marked BUG.
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
	ret
ENDPROC(_mcount)

ENTRY(ftrace_caller)
	mcount_enter
	sub	x0, x30, #AARCH64_INSN_SIZE
	ldr	x1, [x29]
	ldr	x1, [x1, #8]
	mrs	x2, spsr_el1			// BUG(A8): not the traced call's state
GLOBAL(ftrace_call)
	nop
	mcount_exit
ENDPROC(ftrace_caller)

ENTRY(ftrace_stub)
	ret
ENDPROC(ftrace_stub)
