// Labels: numeric local labels (1:, 1b, 1f), .L labels, forward references, .set after use,
// branches and PC-relative forms inside a section, and relocations to other sections and
// external or global symbols.
	.text
	.globl	entry
	.weak	weak_fn
entry:
1:	cbz	x0, 1f
	sub	x0, x0, #1
	b	1b
1:	cbnz	x1, 2f
	tbz	x2, #5, 1b
	tbnz	w3, #31, 2f
	b.ne	1b
2:	adr	x4, 1b
	adr	x5, .Lfar
	ldr	x6, .Lpool
	ldr	w7, .Lpool
	ldrsw	x8, .Lpool
	prfm	pldl1keep, .Lpool
	b	.Lfar
	bl	local_fn
	bl	entry
	b	weak_fn
	bl	external_fn
	b	external_fn + 16
	adrp	x9, data_sym
	add	x9, x9, :lo12:data_sym
	ldr	x10, [x9, :lo12:data_sym]
	ldr	w10, [x9, #:lo12:data_sym]
	ldrb	w11, [x9, :lo12:external_var]
	ldrh	w11, [x9, :lo12:external_var]
	str	q0, [x9, :lo12:external_var]
	adrp	x12, local_fn
	adr	x13, data_sym
	movz	x14, #:abs_g3:external_var
	movk	x14, #:abs_g2_nc:external_var
	movk	x14, #:abs_g1_nc:external_var
	movk	x14, #:abs_g0_nc:external_var
	mov	x15, #FORWARD_CONST
	add	x15, x15, #(.Lend - entry) & 0xfff
	ldr	x16, [x17, #FORWARD_CONST * 2]
	.set	FORWARD_CONST, 12
	b.eq	.Lfar
	.p2align	4
.Lfar:
	nop
local_fn:
	ret
weak_fn:
	ret
	.p2align	3
.Lpool:
	.quad	0x1122334455667788
	.quad	entry
	.quad	.Lfar
	.quad	external_var + 8
	.word	.Lend - entry
	.word	data_sym - .
	.word	external_var - .
	.hword	0x1234
	.hword	external_var
	.byte	1, 2, 3, 4
.Lend:
	// absolute targets: known ones are the offset itself, later ones a relocation against *ABS*
	b	0x100
	.set	ABS_TARGET, 0x40
	cbz	x3, ABS_TARGET
	bl	LATE_TARGET
	.set	LATE_TARGET, 0x80
	.data
	.p2align	3
	.word	7
data_sym:
	.quad	entry
	.quad	local_fn
	.word	.Lfar - .
	.word	data_sym - .
