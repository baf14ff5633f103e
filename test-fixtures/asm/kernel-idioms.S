// Idioms of arm64 kernel assembly, written for this project in the kernel's manner: alternative
// sequences with .org size checks across sections, exception tables, adr_l/ldr_l, .inst with
// computed fields, register save/restore with .irp, bug tables, sysregs.
#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)
#define ARM64_HAS_PAN		7

	.macro	altinstruction_entry orig_offset, alt_offset, feature, orig_len, alt_len
	.word	\orig_offset - .
	.word	\alt_offset - .
	.hword	\feature
	.byte	\orig_len
	.byte	\alt_len
	.endm

	.macro	alternative_insn insn1, insn2, cap, enable = 1
	.if	\enable
661:	\insn1
662:	.pushsection	.altinstructions, "a"
	altinstruction_entry	661b, 663f, \cap, 662b-661b, 664f-663f
	.popsection
	.pushsection	.altinstr_replacement, "ax"
663:	\insn2
664:	.org	. - (664b-663b) + (662b-661b)
	.org	. - (662b-661b) + (664b-663b)
	.popsection
	.endif
	.endm

	.macro	_asm_extable, insn, fixup
	.pushsection	__ex_table, "a"
	.align	2
	.long	(\insn - .), (\fixup - .)
	.popsection
	.endm

	.macro	adr_l, dst, sym
	adrp	\dst, \sym
	add	\dst, \dst, :lo12:\sym
	.endm

	.macro	ldr_l, dst, sym, tmp=
	.ifb	\tmp
	adrp	\dst, \sym
	ldr	\dst, [\dst, :lo12:\sym]
	.else
	adrp	\tmp, \sym
	ldr	\dst, [\tmp, :lo12:\sym]
	.endif
	.endm

	.macro	save_regs base
	.irp	n, 19, 21, 23, 25, 27
	str	x\n, [\base, #8 * (\n - 19)]
	.endr
	.endm

#define __emit_inst(x)		.inst (x)
#define sys_reg(op0, op1, crn, crm, op2) \
	(((op0) << 19) | ((op1) << 16) | ((crn) << 12) | ((crm) << 8) | ((op2) << 5))
#define SET_PSTATE_PAN(x)	__emit_inst(0xd500401f | (0x4 << 16) | (0x3 << 5) | ((!!x) << 8))

	.text
	.globl	idioms
	.type	idioms, %function
idioms:
	alternative_insn	nop, SET_PSTATE_PAN(1), ARM64_HAS_PAN
	alternative_insn	"dmb ish", "dsb ish", 3
	alternative_insn	"mov x0, #1", "mov x0, #2", 4, enable = 0
1:	ldr	x1, [x0]
2:	_asm_extable	1b, 9f
	adr_l	x2, some_table
	ldr_l	x3, some_var
	ldr_l	x4, some_var, x5
	mrs	x6, sctlr_el1
	msr	tpidr_el1, x6
	mrs	x7, s3_0_c1_c0_0
	save_regs	sp
	__emit_inst(0xd5380000 | sys_reg(3, 0, 0, 7, 2))
	.pushsection	__bug_table, "aw"
	.align	2
	.long	14472f - .
	.short	0x0800
	.popsection
14472:	brk	#0x800
9:	mov	x0, #-14
	ret
	.size	idioms, . - idioms
	.pushsection	.rodata, "a"
	.asciz	__stringify(ARM64_HAS_PAN)
	.popsection
