/* SPDX-License-Identifier: MIT */
/*
 * cpp fixture: what assembly does that C does not. Immediates with # in the middle of a line,
 * unbalanced quotes, // and block comments, gas macro parameters, ; separators.
 */
#define OFFSET		16
#define SHIFT(x)	lsl #x

	mov	x0, #OFFSET			// an immediate: # mid-line is not a directive
	add	x1, x2, x3, SHIFT(4)
	mov	w0, #'a'			/* a character */
	mov	w1, #'a				// gas allows one quote; cpp keeps the rest of the line
	mov	w2, #'/' ; mov w3, #' '	// comment after two
	ldr	x4, =0x1234 ; /* comment between */ ldr x5, =OFFSET
	.ascii	"OFFSET is not expanded in a string // nor is this a comment"
	.ascii	"escaped \" quote OFFSET"
	b	1f /* a block comment
	          spread over lines */ ; nop
1:	ret
	mov	x6, \
		#OFFSET			// continued line
	.word	1b, 2f, 0x10UL, 1e3, .1, 1.5e-3
2:	nop
	.macro	save_pair, ra, rb, off
	stp	\ra, \rb, [sp, #\off + OFFSET]
	.endm
	.macro	label_for, name
\name\()_start:
	.word	\name\()_end - \name\()_start
	.endm
	save_pair	x19, x20, 32
	.pushsection	.rodata, "a", %progbits
	.popsection
#define DOLLAR		$
	.word	a$b, DOLLAR
	@ not a comment in arm64 gas, but cpp does not care: OFFSET
/* stars ** in a comment / and slashes */
	mov	x7, #(OFFSET / 2)	/**/	// two comments
# this line starts with # and is not a directive: OFFSET
#	so is this one
#!not a directive either
#
	adr	x8, .Lsym ; .Lsym: ret
