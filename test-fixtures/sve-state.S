/*
 * SVE and SME register state spilled and filled the way arm64 kernel code does it: first as
 * .inst words that gas macros build from register numbers (for assemblers without SVE), then
 * the same operations as SVE/SME mnemonics under .arch / .arch_extension. Written for this
 * project's tests: test/asm-sve.test.ts compares every section with aarch64-linux-gnu-gcc -c
 * and each word's decoding with objdump's.
 *
 * Layout of the save area (x0 = z area, x1 = p area):
 *   z0..z31 at [x0, #n, mul vl]      p0..p15 at [x1, #n, mul vl]      FFR at [x1, #16, mul vl]
 * and a second, downward layout (x2 = end of the area) with negative VL offsets.
 */

#define FFR_SLOT	16
#define ZA_ROWS_REG	12	/* w12 walks the ZA rows */

	.arch	armv8-a

/* ---- operand checks ------------------------------------------------------------------------- */

	.macro	in_range v, lo, hi, what
	.if	((\v) < (\lo)) || ((\v) > (\hi))
	.error	"\what \v is not in [\lo, \hi]"
	.endif
	.endm

/* ---- encoders: one macro per instruction form --------------------------------------------- */

/* LDR/STR of a z or p register: imm9 is split, imm9h in bits 21:16 and imm9l in bits 12:10 */
	.macro	vl_spill_fill word, t, n, off
	in_range	\n, 0, 31, "base register"
	in_range	\off, -256, 255, "VL offset"
	.inst	(\word) | (\t) | ((\n) << 5) | (((\off) & 7) << 10) | ((((\off) >> 3) & 0x3f) << 16)
	.endm

	.macro	z_store z, n, off=0
	in_range	\z, 0, 31, "z register"
	vl_spill_fill	0xe5804000, \z, \n, \off
	.endm

	.macro	z_load z, n, off=0
	in_range	\z, 0, 31, "z register"
	vl_spill_fill	0x85804000, \z, \n, \off
	.endm

	.macro	p_store p, n, off=0
	in_range	\p, 0, 15, "p register"
	vl_spill_fill	0xe5800000, \p, \n, \off
	.endm

	.macro	p_load p, n, off=0
	in_range	\p, 0, 15, "p register"
	vl_spill_fill	0x85800000, \p, \n, \off
	.endm

/* RDFFR Pd.B (unpredicated), WRFFR Pn.B, SETFFR, PFALSE Pd.B */
	.macro	ffr_read p
	in_range	\p, 0, 15, "p register"
	.inst	0x2519f000 | (\p)
	.endm

	.macro	ffr_write p
	in_range	\p, 0, 15, "p register"
	.inst	0x25289000 | ((\p) << 5)
	.endm

	.macro	ffr_ones
	.inst	0x252c9000
	.endm

	.macro	p_zero p
	in_range	\p, 0, 15, "p register"
	.inst	0x2518e400 | (\p)
	.endm

/* RDVL Xd, #imm and RDSVL Xd, #imm: imm6 signed in bits 10:5 */
	.macro	vl_read x, mul
	in_range	\x, 0, 30, "x register"
	in_range	\mul, -32, 31, multiplier
	.inst	0x04bf5000 | (\x) | (((\mul) & 0x3f) << 5)
	.endm

	.macro	svl_read x, mul
	in_range	\x, 0, 30, "x register"
	in_range	\mul, -32, 31, multiplier
	.inst	0x04bf5800 | (\x) | (((\mul) & 0x3f) << 5)
	.endm

/* LDR/STR ZA[Wv, #off], [Xn, #off, mul vl]: one imm4 is both the row and the VL offset */
	.macro	za_row word, w, n, off
	in_range	\w, 12, 15, "slice register w"
	in_range	\n, 0, 31, "base register"
	in_range	\off, 0, 15, "row offset"
	.inst	(\word) | (((\w) - 12) << 13) | ((\n) << 5) | (\off)
	.endm

	.macro	za_store w, n, off=0
	za_row	0xe1200000, \w, \n, \off
	.endm

	.macro	za_load w, n, off=0
	za_row	0xe1000000, \w, \n, \off
	.endm

/* SMSTART/SMSTOP: MSR SVCR<SM|ZA|SMZA>, #on; CRm = mask << 1 | on (mask 1 = SM, 2 = ZA) */
#define SVCR_SM		1
#define SVCR_ZA		2
	.macro	svcr_set mask, on
	in_range	\mask, 1, 3, "SVCR mask"
	.inst	0xd503407f | ((((\mask) << 1) | (\on)) << 8)
	.endm

/*
 * \insn once per number from..to with \var standing for it: the body becomes a macro of its
 * own, and an .altmacro walk hands it each count as a plain number (so `z\n` works too).
 */
	.macro	for_regs var, from, to, insn:vararg
	.macro	for_regs_body \var
	\insn
	.endm
	.altmacro
	for_regs_walk	%(\from), %(\to)
	.noaltmacro
	.purgem	for_regs_body
	.endm

	.macro	for_regs_walk i, last
	.noaltmacro
	for_regs_body	\i
	.altmacro
	.if	(\i) < (\last)
	for_regs_walk	%((\i) + 1), \last
	.endif
	.endm

/* ---- the state functions, words only (assembles under plain armv8-a) --------------------- */

	.text
	.p2align	2
	.globl	sve_state_spill
	.type	sve_state_spill, %function
/* x0: z area, x1: p area, x2: non-zero to save the FFR */
sve_state_spill:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	z_store	\n, 0, \n
	.endr
	for_regs	n, 0, 15, p_store \n, 1, \n
	cbz	x2, 1f
	ffr_read	0
	b	2f
1:	p_zero	0
2:	p_store	0, 1, FFR_SLOT
	p_load	0, 1		// p0 back from its own slot
	ret
	.size	sve_state_spill, . - sve_state_spill

	.globl	sve_state_fill
	.type	sve_state_fill, %function
/* x0: z area, x1: p area, x2: non-zero to restore the FFR; loads a new z8-z15 on purpose */
// aarch64-ftrace: contract=none
sve_state_fill:
	.set	.Lz, 0
	.rept	32
	z_load	.Lz, 0, .Lz
	.set	.Lz, .Lz + 1
	.endr
	cbz	x2, 3f
	p_load	0, 1, FFR_SLOT
	ffr_write	0
	b	4f
3:	ffr_ones
4:	.irp	n, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0
	p_load	\n, 1, \n
	.endr
	ret
	.size	sve_state_fill, . - sve_state_fill

	.globl	sve_state_spill_down
	.type	sve_state_spill_down, %function
/* x2: end of the area; z registers below it at negative VL offsets, sp-based p spills */
sve_state_spill_down:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	z_store	\n, 2, \n - 32
	.endr
	z_store	31, 2, -256
	z_load	0, 2, 255
	p_store	15, 31, -1
	p_load	15, 31, -256
	ret
	.size	sve_state_spill_down, . - sve_state_spill_down

	.globl	sve_flush
	.type	sve_flush, %function
/* predicates and the FFR cleared, the vector length read */
sve_flush:
	for_regs	k, 0, 15, p_zero \k
	ffr_write	0
	vl_read	0, 1
	vl_read	1, -32
	vl_read	17, 31
	svl_read	2, 1
	ret
	.size	sve_flush, . - sve_flush

	.globl	sme_za_spill
	.type	sme_za_spill, %function
/* x0: buffer, x1: streaming vector length in bytes (rows to save) */
sme_za_spill:
	mov	w12, #0
5:	za_store	ZA_ROWS_REG, 0
	add	x0, x0, x1
	add	x12, x12, #1
	cmp	x1, x12
	b.ne	5b
	.irp	off, 0, 1, 7, 15
	za_store	13, 3, \off
	za_load	15, 3, \off
	.endr
	ret
	.size	sme_za_spill, . - sme_za_spill

	.globl	sme_modes
	.type	sme_modes, %function
/* streaming mode changes zero the z registers (d8-d15 among them) */
// aarch64-ftrace: contract=none
sme_modes:
	svcr_set	SVCR_SM | SVCR_ZA, 1
	svcr_set	SVCR_SM, 0
	svcr_set	SVCR_ZA, 1
	svcr_set	SVCR_ZA, 0
	svcr_set	SVCR_SM, 1
	svcr_set	SVCR_SM | SVCR_ZA, 0
	ret
	.size	sme_modes, . - sme_modes

/* ---- the same operations as SVE/SME mnemonics --------------------------------------------- */

	.pushsection	.text.sve_mnemonics, "ax"
	.arch	armv8.2-a+sve
sve_mn_spill:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	str	z\n, [x0, #\n, mul vl]
	.endr
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	str	p\n, [x1, #\n, MUL VL]
	.endr
	cbz	x2, 1f
	rdffr	p0.b
	b	2f
1:	pfalse	p0.b
2:	str	p0, [x1, #FFR_SLOT, mul vl]
	ldr	p0, [x1]
	ret

sve_mn_fill:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ldr	z\n, [x0,#\n,mul vl]
	.endr
	cbz	x2, 3f
	ldr	p0, [x1, #FFR_SLOT, mul vl]
	wrffr	p0.b
	b	4f
3:	setffr
4:	.irp	n, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0
	ldr	P\n, [x1, #\n, mul vl]
	.endr
	str	z31, [x2, #-256, mul vl]
	ldr	z0, [x2, #255, mul vl]
	str	p15, [sp, #-1, mul vl]
	ldr	p15, [sp, #-256, mul vl]
	rdvl	x0, #1
	rdvl	x1, #-32
	ret

/* predicated code around the state: governing predicates, patterns, VL arithmetic */
sve_mn_copy:
	ptrue	p0.b
	ptrue	p1.s, vl64
	ptrue	p2.d, pow2
	ptrue	p3.h, VL8
	cntd	x4
	cntb	x5, all, mul #4
	whilelo	p0.d, xzr, x3
6:	ld1d	{z0.d}, p0/z, [x1, x3, lsl #3]
	ld1d	{ z1.d }, p0/Z, [x1, x3, LSL #3]
	add	z0.d, p0/m, z0.d, z1.d
	st1d	{z0.d}, p0, [x2, x3, lsl #3]
	incd	x3
	whilelo	p0.d, x3, x4
	b.first	6b
	addvl	sp, sp, #-2
	str	z8, [sp]
	str	z9, [sp, #1, mul vl]
	ldr	z9, [sp, #1, mul vl]
	ldr	z8, [sp]
	addvl	sp, sp, #2
	addpl	x0, x0, #2
	ret

/* SME: streaming mode, ZA rows, the SVE vector length in streaming mode */
	.arch_extension	sme
sme_mn:
	smstart
	smstart	sm
	smstart	za
	smstop
	smstop	sm
	smstop	za
	rdsvl	x2, #1
	addsvl	sp, sp, #-1
	mov	w12, #0
7:	str	za[w12, 0], [x0]
	add	x0, x0, x1
	add	x12, x12, #1
	cmp	x1, x12
	b.ne	7b
	.irp	off, 0, 1, 7, 15
	str	za[w13, \off], [x3, #\off, mul vl]
	ldr	za[w15, \off], [x3, #\off, mul vl]
	.endr
	zero	{za}
	ld1b	{za0h.b[w12, 0]}, p0/z, [x0]
	st1w	{za1v.s[w13, 3]}, p1, [x0, x1, lsl #2]
	mova	za0h.s[w12, 1], p0/m, z1.s
	mova	z2.d, p2/m, za7v.d[w14, 1]
	ret
	.popsection

/* .arch_extension on top of armv8-a, the loops of mnemonics through for_regs */
	.pushsection	.text.sve_ext, "ax"
	.arch	armv8-a
	.arch_extension	sve
	for_regs	n, 0, 31, str z\n, [x3, #\n - 32, mul vl]
	for_regs	n, 8, 15, ldr p\n, [x4, #-\n, mul vl]
	rdffr	p0.b
	setffr
	.arch_extension	sme
	for_regs	w, 12, 15, str za[w\w, 0], [x5]
	smstop
	.popsection

/* the armv9-a spelling: SVE2 comes with the level, SME with +sme */
	.pushsection	.text.sve_v9, "ax"
	.arch	armv9-a+sme
	rdffr	p1.b, p2/z
	rdffrs	p1.b, p2/z
	wrffr	p5.b
	smstart
	str	za[w14, 2], [sp, #2, mul vl]
	smstop
	.popsection

/* a table of the entry points (relocations) and the words' count */
	.section	.rodata, "a"
	.p2align	3
sve_state_entries:
	.quad	sve_state_spill, sve_state_fill, sve_flush, sme_za_spill, sme_modes
	.word	(sve_flush - sve_state_spill) / 4
