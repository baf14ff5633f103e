// Sections and data: .section/.pushsection/.popsection/.previous, .text/.data/.bss,
// flags, data directives, strings, alignment (NOP padding in code), .org, .fill, .skip, .zero.
	.text
	nop
	.pushsection	.rodata.tbl, "a"
	.p2align	3
table:	.quad	1, 2, 3
	.popsection
	mov	x0, #1
	.section	.init.text, "ax", %progbits
init_fn:
	.byte	1
	.align	3
	ret
	.previous
	mov	x1, #2
	.previous
	ret
	.section	".data.rel", "aw"
	.2byte	1, 2
	.4byte	3
	.8byte	4
	.short	-1
	.int	-2
	.long	0xdeadbeef
	.xword	-3
	.byte	'a, 'b'
	.ascii	"plain", "two\n"
	.asciz	"zero\t\"q\"\\ \101\x42"
	.string	"str"
	.balign	8, 0xee
	.balignw	8, 0x1234
	.balignl	16, 0xcafef00d
	.p2align	5, 0x77, 4
	.p2align	4, 0x55
	.skip	3
	.space	2, 0xab
	.zero	5
	.fill	3, 2, 0x0102
	.fill	2, 8, 0xffffffff
	.fill	2
	.org	. + 7, 0x99
	.byte	0x42
	.bss
	.p2align	4
bss_buf:
	.skip	64
	.text
	.byte	9
	.p2align	4
	bl	init_fn
	.p2align	3, , 2
	.balign	16
	.inst	0xd503201f, 0xd65f03c0
	.section	.text.unlikely, "ax"
	.byte	5
	.p2align	4
	.pushsection	.discard.notes, ""
	.word	11
	.pushsection	.nested, "a"
	.word	12
	.popsection
	.word	13
	.popsection
	ret
