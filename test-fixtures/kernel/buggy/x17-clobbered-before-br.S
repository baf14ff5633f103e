// fixture-era: 6.12
/*
 * aarch64-ftrace buggy fixture: the direct trampoline address in x17
 * overwritten before "br x17".
 *
 * On the late direct-call path ftrace_caller has loaded fregs->direct_tramp
 * into x17 and must keep it until "br x17". This version releases the
 * frame through x17 (add x17, sp, ...; mov sp, x17), so the branch goes to
 * the traced function's stack instead of the trampoline.
 *
 * Expected from the ABI checker:
 *   rule A7 (x17 kept from its load to br x17) at "add x17, sp, ..." on the
 *   ftrace_caller_direct_late path, the line marked BUG; the load
 *   "ldr x17, [sp, #FREGS_DIRECT_TRAMP]" and "br x17" are related.
 */

#include <linux/linkage.h>
#include <asm/asm-offsets.h>
#include <asm/assembler.h>
#include <asm/insn.h>

SYM_CODE_START(ftrace_caller)
	bti	c
	bic	x11, x30, 0x7
	ldr	x11, [x11, #-(4 * AARCH64_INSN_SIZE)]
	ldr	x17, [x11, #FTRACE_OPS_DIRECT_CALL]
	cbnz	x17, ftrace_caller_direct

	mov	x10, sp
	sub	sp, sp, #(FREGS_SIZE + 32)
	stp	x0, x1, [sp, #FREGS_X0]
	stp	x2, x3, [sp, #FREGS_X2]
	stp	x4, x5, [sp, #FREGS_X4]
	stp	x6, x7, [sp, #FREGS_X6]
	str	x8,     [sp, #FREGS_X8]
	str	xzr, [sp, #FREGS_DIRECT_TRAMP]
	str	x29, [sp, #FREGS_FP]
	str	x9,  [sp, #FREGS_LR]
	str	x10, [sp, #FREGS_SP]
	str	x30, [sp, #FREGS_PC]
	stp	x29, x9, [sp, #FREGS_SIZE + 16]
	add	x29, sp, #FREGS_SIZE + 16
	stp	x29, x30, [sp, #FREGS_SIZE]
	add	x29, sp, #FREGS_SIZE

	sub	x0, x30, #AARCH64_INSN_SIZE
	mov	x1, x9
	mov	x3, sp
	mov	x2, x11
	ldr	x4, [x2, #FTRACE_OPS_FUNC]
	blr	x4

	ldp	x0, x1, [sp, #FREGS_X0]
	ldp	x2, x3, [sp, #FREGS_X2]
	ldp	x4, x5, [sp, #FREGS_X4]
	ldp	x6, x7, [sp, #FREGS_X6]
	ldr	x8,     [sp, #FREGS_X8]
	ldr	x29, [sp, #FREGS_FP]
	ldr	x17, [sp, #FREGS_DIRECT_TRAMP]
	cbnz	x17, ftrace_caller_direct_late
	ldr	x30, [sp, #FREGS_LR]
	ldr	x9,  [sp, #FREGS_PC]
	add	sp, sp, #FREGS_SIZE + 32
	ret	x9

SYM_INNER_LABEL(ftrace_caller_direct_late, SYM_L_LOCAL)
	ldr	x9,  [sp, #FREGS_LR]
	ldr	x30, [sp, #FREGS_PC]
	add	x17, sp, #FREGS_SIZE + 32	// BUG(A7): x17 still holds the direct trampoline
	mov	sp, x17
SYM_INNER_LABEL(ftrace_caller_direct, SYM_L_LOCAL)
	br	x17
SYM_CODE_END(ftrace_caller)
