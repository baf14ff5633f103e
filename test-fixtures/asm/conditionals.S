// Conditional assembly: .if/.elseif/.else/.endif, nested, the .ifXX family and .ifdef on
// labels and .set symbols.
	.text
	.set	LEVEL, 2
	.equ	FEATURE_A, 1
	.if	LEVEL == 1
	mov	x0, #1
	.elseif	LEVEL == 2
	mov	x0, #2
	.if	FEATURE_A
	mov	x1, #0xa
	.else
	mov	x1, #0xb
	.endif
	.else
	mov	x0, #3
	.endif

	.ifdef	FEATURE_A
	nop
	.endif
	.ifndef	FEATURE_B
	add	x2, x2, #1
	.endif
	.ifdef	early_label
	add	x3, x3, #1
	.endif
early_label:
	.ifdef	early_label
	add	x4, x4, #1
	.endif

	.ifeq	LEVEL - 2
	eor	x5, x5, x5
	.endif
	.ifne	LEVEL
	orr	x6, x6, #1
	.endif
	.ifge	LEVEL - 3
	brk	#1
	.endif
	.ifgt	LEVEL
	and	x7, x7, #0xff
	.endif
	.ifle	LEVEL
	brk	#2
	.endif
	.iflt	-LEVEL
	lsl	x8, x8, #3
	.endif

	.macro	pick reg, kind
	.ifc	\kind, add
	add	\reg, \reg, #1
	.endif
	.ifnc	\kind, add
	sub	\reg, \reg, #1
	.endif
	.ifb	\kind
	neg	\reg, \reg
	.endif
	.ifnb	\kind
	mvn	\reg, \reg
	.endif
	.endm
	pick	x9, add
	pick	x10, sub
	pick	x11

	.ifeqs	"abc", "abc"
	cmp	x0, #3
	.endif
	.ifnes	"abc", "abd"
	cmn	x0, #3
	.endif

	.if	0
	this is not assembled
	.macro	notdefined
	.endm
	.else
	.if	1
	tst	x1, #1
	.endif
	.endif
	.if	(1 << 4) | 3 == 19 && !0
	csel	x0, x1, x2, eq
	.endif
	ret
