#ifndef __ASM_OFFSETS_H__
#define __ASM_OFFSETS_H__
/*
 * asm-offsets of the built-in table for era 6.13+, written by aarch64-ftrace
 * (formatAsmOffsetsHeader in server/src/ftrace/asm-offsets.ts), not by a kernel build.
 */

#define S_X0 0 /* offsetof(struct pt_regs, regs[0]) */
#define S_X2 16 /* offsetof(struct pt_regs, regs[2]) */
#define S_X4 32 /* offsetof(struct pt_regs, regs[4]) */
#define S_X6 48 /* offsetof(struct pt_regs, regs[6]) */
#define S_X8 64 /* offsetof(struct pt_regs, regs[8]) */
#define S_X10 80 /* offsetof(struct pt_regs, regs[10]) */
#define S_X12 96 /* offsetof(struct pt_regs, regs[12]) */
#define S_X14 112 /* offsetof(struct pt_regs, regs[14]) */
#define S_X16 128 /* offsetof(struct pt_regs, regs[16]) */
#define S_X18 144 /* offsetof(struct pt_regs, regs[18]) */
#define S_X20 160 /* offsetof(struct pt_regs, regs[20]) */
#define S_X22 176 /* offsetof(struct pt_regs, regs[22]) */
#define S_X24 192 /* offsetof(struct pt_regs, regs[24]) */
#define S_X26 208 /* offsetof(struct pt_regs, regs[26]) */
#define S_X28 224 /* offsetof(struct pt_regs, regs[28]) */
#define S_FP 232 /* offsetof(struct pt_regs, regs[29]) */
#define S_LR 240 /* offsetof(struct pt_regs, regs[30]) */
#define S_SP 248 /* offsetof(struct pt_regs, sp) */
#define S_PC 256 /* offsetof(struct pt_regs, pc) */
#define S_PSTATE 264 /* offsetof(struct pt_regs, pstate) */
#define S_SYSCALLNO 280 /* offsetof(struct pt_regs, syscallno) */
#define S_PMR 284 /* offsetof(struct pt_regs, pmr) */
#define S_SDEI_TTBR1 288 /* offsetof(struct pt_regs, sdei_ttbr1) */
#define S_STACKFRAME 296 /* offsetof(struct pt_regs, stackframe) */
#define S_STACKFRAME_TYPE 312 /* offsetof(struct pt_regs, stackframe.type) */
#define PT_REGS_SIZE 336 /* sizeof(struct pt_regs) */

#define FREGS_X0 0 /* offsetof(struct __arch_ftrace_regs, regs[0]) */
#define FREGS_X2 16 /* offsetof(struct __arch_ftrace_regs, regs[2]) */
#define FREGS_X4 32 /* offsetof(struct __arch_ftrace_regs, regs[4]) */
#define FREGS_X6 48 /* offsetof(struct __arch_ftrace_regs, regs[6]) */
#define FREGS_X8 64 /* offsetof(struct __arch_ftrace_regs, regs[8]) */
#define FREGS_DIRECT_TRAMP 72 /* offsetof(struct __arch_ftrace_regs, direct_tramp) */
#define FREGS_FP 80 /* offsetof(struct __arch_ftrace_regs, fp) */
#define FREGS_LR 88 /* offsetof(struct __arch_ftrace_regs, lr) */
#define FREGS_SP 96 /* offsetof(struct __arch_ftrace_regs, sp) */
#define FREGS_PC 104 /* offsetof(struct __arch_ftrace_regs, pc) */
#define FREGS_SIZE 112 /* sizeof(struct __arch_ftrace_regs) */

#define FTRACE_OPS_FUNC 0 /* offsetof(struct ftrace_ops, func) */
#define FTRACE_OPS_DIRECT_CALL 208 /* offsetof(struct ftrace_ops, direct_call) */

#endif
