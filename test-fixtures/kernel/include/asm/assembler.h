/*
 * aarch64-ftrace built-in stand-in for the arm64 <asm/assembler.h>, limited to
 * the helpers ftrace assembly uses: PC-relative symbol access (adr_l, ldr_l,
 * str_l), per-CPU access, the current task, 64-bit constants, NOKPROBE.
 */
#ifndef __ASM_ASSEMBLER_H
#define __ASM_ASSEMBLER_H

#ifndef __ASSEMBLY__
#error "<asm/assembler.h> is for assembly sources only"
#endif

#include <linux/export.h>
#include <asm/asm-offsets.h>

/*
 * Address or contents of a symbol within +/-4 GiB of the PC (ADRP + :lo12:).
 * With tmp, the page address goes to tmp; str_l always needs one.
 */
	.macro	adr_l, dst, sym, tmp=
	.ifnb	\tmp
	adrp	\tmp, \sym
	add	\dst, \tmp, :lo12:\sym
	.else
	adrp	\dst, \sym
	add	\dst, \dst, :lo12:\sym
	.endif
	.endm

	.macro	ldr_l, dst, sym, tmp=
	.ifnb	\tmp
	adrp	\tmp, \sym
	ldr	\dst, [\tmp, :lo12:\sym]
	.else
	adrp	\dst, \sym
	ldr	\dst, [\dst, :lo12:\sym]
	.endif
	.endm

	.macro	str_l, src, sym, tmp
	adrp	\tmp, \sym
	str	\src, [\tmp, :lo12:\sym]
	.endm

/*
 * This CPU's per-CPU offset. The kernel patches the read to TPIDR_EL2 when it
 * runs at EL2 (VHE); TPIDR_EL1 is the baseline modelled here.
 */
	.macro	get_this_cpu_offset, dst
	mrs	\dst, tpidr_el1
	.endm

	.macro	this_cpu_offset, dst
	get_this_cpu_offset \dst
	.endm

/* dst = this CPU's copy of the per-CPU variable sym (address / value); tmp is clobbered. */
	.macro	adr_this_cpu, dst, sym, tmp
	adrp	\tmp, \sym
	add	\dst, \tmp, #:lo12:\sym
	get_this_cpu_offset \tmp
	add	\dst, \dst, \tmp
	.endm

	.macro	ldr_this_cpu, dst, sym, tmp
	adr_l	\dst, \sym
	get_this_cpu_offset \tmp
	ldr	\dst, [\dst, \tmp]
	.endm

/* The running task: the kernel keeps it in SP_EL0. */
	.macro	get_current_task, rd
	mrs	\rd, sp_el0
	.endm

/*
 * A 64-bit constant in as few MOVZ/MOVK as its sign-extended width allows:
 * 2 for 32 bits, 3 for 48 bits, otherwise 4.
 */
	.macro	mov_q, reg, val
	.if	(((\val) >> 31) == 0 || ((\val) >> 31) == 0x1ffffffff)
	movz	\reg, :abs_g1_s:\val
	movk	\reg, :abs_g0_nc:\val
	.elseif	(((\val) >> 47) == 0 || ((\val) >> 47) == 0x1ffff)
	movz	\reg, :abs_g2_s:\val
	movk	\reg, :abs_g1_nc:\val
	movk	\reg, :abs_g0_nc:\val
	.else
	movz	\reg, :abs_g3:\val
	movk	\reg, :abs_g2_nc:\val
	movk	\reg, :abs_g1_nc:\val
	movk	\reg, :abs_g0_nc:\val
	.endif
	.endm

/* Keep kprobes off a symbol: its address goes into the _kprobe_blacklist section. */
#ifdef CONFIG_KPROBES
#define NOKPROBE(x)				\
	.pushsection "_kprobe_blacklist", "aw" ;	\
	.quad	x ;				\
	.popsection ;
#else
#define NOKPROBE(x)
#endif

#endif /* __ASM_ASSEMBLER_H */
