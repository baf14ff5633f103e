// gas macros: defaults, :req, :vararg, \@, \(), named and positional arguments, .exitm,
// .purgem, nesting, recursion with a terminating condition, macros that define macros.
	.text
	.macro	save_pair r1, r2, off=16
	stp	\r1, \r2, [sp, #-\off]!
	.endm

	.macro	restore_pair r1:req, r2:req, off=16
	ldp	\r1, \r2, [sp], #\off
	.endm

	.macro	call_each fn:req, args:vararg
	.irp	a, \args
	mov	x0, #\a
	bl	\fn
	.endr
	.endm

	.macro	uniq
	b	.Lskip\@
	nop
.Lskip\@:
	.endm

	.macro	regn base, n
	mov	\base\()\n, #\n
	.endm

	.macro	upto n
	.if	\n > 3
	.exitm
	.endif
	add	x1, x1, #\n
	upto	\n+1
	.endm

	.macro	countdown n
	.if	\n
	sub	x1, x1, #\n
	countdown	\n-1
	.endif
	.endm

	.macro	defmac name, insn
	.macro	\name reg
	\insn	\reg, \reg, #1
	.endm
	.endm

	.globl	macro_demo
macro_demo:
	save_pair	x29, x30
	save_pair	x19, x20, 32
	save_pair	r2=x22, r1=x21
	restore_pair	x21, x22
	restore_pair	x19, x20, off=32
	restore_pair	x29, x30
	call_each	external_fn, 1, 2, 3
	uniq
	uniq
	regn	x, 3
	regn	w, 7
	upto	0
	countdown	4
	defmac	inc_it, add
	defmac	dec_it, sub
	inc_it	x5
	dec_it	w6
	.purgem	inc_it
	.macro	inc_it reg
	add	\reg, \reg, #2
	.endm
	inc_it	x7
	ret

	.macro	SYM_FUNC_START name
	.globl	\name
	.type	\name, %function
	.p2align	2
\name:
	.endm

	.macro	SYM_FUNC_END name
	.size	\name, . - \name
	.endm

SYM_FUNC_START demo_fn
	mov	x0, xzr
	ret
SYM_FUNC_END demo_fn

	.macro	quoted s
	.ascii	"\s"
	.endm
	.data
	quoted	"a b c"
	quoted	hello
	.byte	0
