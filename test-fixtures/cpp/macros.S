/* SPDX-License-Identifier: MIT */
/*
 * cpp fixture: object-like and function-like macros, # and ##, rescanning and blue paint.
 * Compared line by line with `cpp -x assembler-with-cpp` by test/asm-cpp-differential.test.ts.
 */
#define FRAME_SIZE	64
#define PT_REGS_SIZE	(FRAME_SIZE * 5)
#define S_X(n)		((n) * 8)
#define REG(n)		x##n
#define WREG(n)		w ## n
#define STR(x)		#x
#define XSTR(x)		STR(x)
#define CAT(a, b)	a ## b
#define XCAT(a, b)	CAT(a, b)
#define EMPTY
#define MINUS		-

	sub	sp, sp, #PT_REGS_SIZE
	stp	REG(0), REG(1), [sp, #S_X(0)]
	stp	REG(2), REG(3), [sp, #S_X(2)]	// two at a time
	mov	WREG(9), #FRAME_SIZE
	ldr	x0, =XSTR(FRAME_SIZE)
	.asciz	STR(  spaced   "quoted\n"   'c'   \backslash  )
	.asciz	STR()
	.asciz	XSTR(EMPTY a EMPTY b)
	.asciz	XSTR(S_X(3))
	b	CAT(.L, done)
	b	XCAT(.Lexit_, FRAME_SIZE)
	mov	x0, #-MINUS 1
	mov	x1, #MINUS-1
	.word	CAT(0x, 10), CAT(1, e), CAT(, x), CAT(y, )

/* a name that is not followed by ( stays as it is */
#define CALLER(fn)	bl fn
	mov	x2, CALLER
	CALLER (my_func)
	CALLER
	(next_line_func)

/* rescanning: the result is scanned again with the rest of the line */
#define APPLY(f, x)	f(x)
#define DOUBLE(x)	add x, x, x
	APPLY(DOUBLE, x3)
#define LPAREN		(
	DOUBLE LPAREN x4)
#define ID(x)		x
	ID(DOUBLE)(x5)
	ID(DOUBLE LPAREN x6))

/* blue paint: a macro never expands inside its own expansion */
#define loop		loop + 1
#define ping		pong
#define pong		ping
	.word	loop, ping, pong
#define f(x)		x f
	f(1)(2)(3)
#define g		f
	g(g)(4)

/* arguments spread over several lines */
	APPLY(DOUBLE,
	      x7)
	stp	REG(
		8), REG(9),
		[sp, #16]
	nop
.Ldone:
