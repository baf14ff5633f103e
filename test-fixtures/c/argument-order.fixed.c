// fixture-c: version=6.12
// SPDX-License-Identifier: GPL-2.0-only
/*
 * The three generators whose parameter order differs from the others:
 * gen_logical_immediate(type, variant, Rn, Rd, imm), gen_extr(variant, Rm, Rn, Rd, lsb)
 * and gen_data3(dst, src, reg1, reg2, ...) with src the addend Ra.
 */
#include <asm/insn.h>

static u32 fixture_mask(int dst, int src, u64 mask)
{
	/* written like the other generators: (Rd, Rn, imm, variant, type) */
	return aarch64_insn_gen_logical_immediate(AARCH64_INSN_LOGIC_AND, AARCH64_INSN_VARIANT_64BIT, src,	// expect: insn/argument-order 'dst'
						  dst,
						  mask);
}

static u32 fixture_mask_swapped(int dst, int src)
{
	/* the right leading pair, but Rd passed where Rn goes */
	return aarch64_insn_gen_logical_immediate(AARCH64_INSN_LOGIC_ORR,
						  AARCH64_INSN_VARIANT_64BIT,
						  src, dst, 0xff);	// expect: insn/argument-order 'dst'
}

static u32 fixture_rotate(int dst, int rn, int rm, u8 lsb)
{
	/* assembly order: EXTR Rd, Rn, Rm, #lsb */
	return aarch64_insn_gen_extr(AARCH64_INSN_VARIANT_64BIT, rm, rn, dst, lsb);	// expect: insn/argument-order 'dst'
}

static u32 fixture_mul(int dst, int a, int b)
{
	/* assembly order MADD Rd, Rn, Rm, Ra: the zero addend ends up as Rm */
	return aarch64_insn_gen_data3(dst, AARCH64_INSN_REG_ZR, a, b,	// expect: insn/argument-order 'a'
				      AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_DATA3_MADD);
}

static u32 fixture_right(int dst, int src, int a, int b)
{
	return aarch64_insn_gen_logical_immediate(AARCH64_INSN_LOGIC_EOR, AARCH64_INSN_VARIANT_32BIT,
						  src, dst, 0x0f0f0f0f) ^
	       aarch64_insn_gen_extr(AARCH64_INSN_VARIANT_64BIT, b, a, dst, 12) ^
	       aarch64_insn_gen_data3(dst, AARCH64_INSN_REG_ZR, a, b,
				      AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_DATA3_MSUB);
}
