// Editor-test fixture: lower-case .s (no preprocessor) also opens as aarch64-asm.
	.text
	.globl	f
f:
	nop
	ret
