// Literal pools: `ldr Rt, =expr` entries shared by value, written at .ltorg (4-, 8-, then
// 16-byte entries, each aligned) and at the end of each section; absolute targets.
	.text
	.globl	lit_demo
lit_demo:
	ldr	x0, =0x1122334455667788
	ldr	w1, =0x12345678
	ldr	x2, =external_sym
	ldr	x3, =0x1122334455667788
	ldr	x4, =5
	ldr	x5, =lit_demo + 8
	ldr	x6, =.Llocal
	ret
	.ltorg
.Llocal:
	ldr	x7, =.Llocal
	ldr	q0, =0
	ldr	s1, =0x3f800000
	ldr	d2, =-1
	nop
	.data
	.quad	1
	ldr	x8, =7
	.section	.text.other, "ax"
	ldr	w9, =(1 << 20) - 1
	b	lit_demo
