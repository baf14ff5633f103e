// Loops and aliases: .rept/.irp/.irpc nested, .req/.unreq, .inst, counters with .set.
	.text
	.rept	3
	nop
	.endr
	.set	i, 0
	.rept	4
	add	x0, x0, #i
	.set	i, i + 1
	.endr
	.irp	reg, x1, x2, x3
	.irpc	n, 123
	add	\reg, \reg, #\n
	.endr
	.endr
	.irp	r, 19 20 21
	str	x\r, [sp, #8*(\r-19)]
	.endr
	.irpc	c, "ab"
	.byte	'\c
	.endr
	.p2align	2
	.rept	2
	.rept	2
	mul	x4, x4, x5
	.endr
	udiv	x6, x7, x8
	.endr
	.rept	0
	brk	#0
	.endr
tmp	.req	x9
cnt	.req	w10
	mov	tmp, #5
	add	tmp, tmp, cnt, uxtw
	.unreq	tmp
tmp	.req	x11
	mov	tmp, #6
	fp_	.req	x29
	mov	fp_, sp
	.inst	0xd503233f
	.inst	0xd50323bf + 0
	stp	x29, x30, [sp, #-16]!
	.set	CNT, 5
	.rept	CNT
	.byte	CNT
	.set	CNT, CNT - 1
	.endr
	.p2align	2
	ret
