// Subsections (.subsection, .text N, .pushsection NAME, N) laid out after one another, with
// alignment that depends on where each starts, and gas's alternate macro syntax (.altmacro):
// %expr arguments, <strings>, bare parameter names, LOCAL labels; then .noaltmacro again.
	.text
entry:
	adr	x0, table_end
	b	slow_path
	.subsection 2
slow_path:
	.byte	0x11
	.balign	8
	mov	x1, #3
	b	entry
	.subsection 1
	.word	slow_path - entry
	.pushsection .text, 3
	.quad	entry
	ldr	x2, =0x123456789a
	.popsection
	cbnz	x0, slow_path
	.previous
	ret
	.data 1
table:	.word	1, 2
table_end:
	.data
	.word	table_end - table

	.altmacro
	.macro	save_pair a, b, off
	LOCAL	skip
	stp	x\a, x\b, [sp, #off]
	cbz	x\a, skip
	add	x\a, x\a, #off / 8
skip:
	.endm
	.text 1
	.irp	n, %0, %2, %4
	save_pair \n, %(\n + 1), %(\n * 8)
	.endr
	.macro	str_of s
	.pushsection .rodata.str, "a"
	.ascii	s
	.popsection
	.endm
	str_of	<"a, b!>c">
	str_of	"tail"
	.noaltmacro
	.macro	plain r
	add	\r, \r, #1
	.endm
	plain	x9
