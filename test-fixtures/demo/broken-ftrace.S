/*
 * aarch64-ftrace demo: the WITH_ARGS ftrace_caller of test-fixtures/entry-ftrace.S,
 * cut down (no CALL_OPS, no direct calls) and broken on purpose in two places that
 * a review can miss. `npm run demo` shows what `check` says about them:
 *   - x2/x3 are reloaded from the slot where x4/x5 were saved;
 *   - x19, callee-saved, is used as a scratch register and never restored.
 * Written for this project, not taken from the kernel.
 */
// aarch64-ftrace: era=6.2-with-args

#include <linux/linkage.h>
#include <linux/cfi_types.h>
#include <asm/asm-offsets.h>
#include <asm/assembler.h>

SYM_CODE_START(ftrace_caller)
	bti	c

	mov	x10, sp					// sp at the callsite
	sub	sp, sp, #(FREGS_SIZE + 32)

	stp	x0, x1, [sp, #FREGS_X0]
	stp	x2, x3, [sp, #FREGS_X2]
	stp	x4, x5, [sp, #FREGS_X4]
	stp	x6, x7, [sp, #FREGS_X6]
	str	x8,     [sp, #FREGS_X8]

	str	x29, [sp, #FREGS_FP]
	str	x9,  [sp, #FREGS_LR]
	str	x10, [sp, #FREGS_SP]
	str	x30, [sp, #FREGS_PC]

	stp	x29, x9, [sp, #FREGS_SIZE + 16]
	add	x29, sp, #FREGS_SIZE + 16
	stp	x29, x30, [sp, #FREGS_SIZE]
	add	x29, sp, #FREGS_SIZE

	/* func(ip, parent_ip, op, fregs) */
	sub	x0, x30, #AARCH64_INSN_SIZE
	mov	x1, x9
	mov	x19, sp					// bug: x19 is callee-saved
	mov	x3, x19
	ldr_l	x2, function_trace_op

SYM_INNER_LABEL(ftrace_call, SYM_L_GLOBAL)
	bl	ftrace_stub				// patched: bl <tracer>

	ldp	x0, x1, [sp, #FREGS_X0]
	ldp	x2, x3, [sp, #FREGS_X4]			// bug: x4/x5's slot
	ldp	x4, x5, [sp, #FREGS_X4]
	ldp	x6, x7, [sp, #FREGS_X6]
	ldr	x8,     [sp, #FREGS_X8]
	ldr	x29, [sp, #FREGS_FP]

	ldr	x30, [sp, #FREGS_LR]			// parent lr
	ldr	x9,  [sp, #FREGS_PC]			// resume pc

	add	sp, sp, #FREGS_SIZE + 32
	ret	x9
SYM_CODE_END(ftrace_caller)

SYM_TYPED_FUNC_START(ftrace_stub)
	ret
SYM_FUNC_END(ftrace_stub)
