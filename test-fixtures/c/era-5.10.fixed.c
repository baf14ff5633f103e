// fixture-c: version=5.10
// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checked against a 5.10 tree: enum values and generators of that release.
 */
#include <asm/insn.h>

static u32 fixture_high_mask(int dst, int src)
{
	/*
	 * Before 5.18 the rotation of a 64-bit bitmask came from the 32-bit fls():
	 * 0x8000000000000001 is encoded as 0x300000000.
	 */
	return aarch64_insn_gen_logical_immediate(AARCH64_INSN_LOGIC_AND, AARCH64_INSN_VARIANT_64BIT,
						  src, dst, 0x8000000000000001UL);	// expect: insn/out-of-range '0x8000000000000001UL'
}

static u32 fixture_pop(void)
{
	/* in 5.10, 4 is LOAD_PAIR_POST_INDEX (6.x: LOAD_PAIR_PRE_INDEX) */
	return aarch64_insn_gen_load_store_pair(AARCH64_INSN_REG_FP, AARCH64_INSN_REG_LR,
						AARCH64_INSN_REG_SP, 16, AARCH64_INSN_VARIANT_64BIT,
						AARCH64_INSN_LDST_LOAD_PAIR_POST_INDEX);	// expect: insn/int-as-enum '4'
}

static u32 fixture_store_imm(int reg)
{
	return aarch64_insn_gen_load_store_imm(reg, AARCH64_INSN_REG_SP, 8,	// expect: insn/not-in-era 'aarch64_insn_gen_load_store_imm'
					       AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_STORE_IMM_OFFSET);	// expect: insn/not-in-era 'AARCH64_INSN_LDST_STORE_IMM_OFFSET'
}

static u32 fixture_clear_bhb(void)
{
	return aarch64_insn_gen_hint(AARCH64_INSN_HINT_CLEARBHB);	// expect: insn/not-in-era 'AARCH64_INSN_HINT_CLEARBHB'
}

static u32 fixture_prefetch(int base)
{
	/* still in 5.10 */
	return aarch64_insn_gen_prefetch(base, AARCH64_INSN_PRFM_TYPE_PLD, AARCH64_INSN_PRFM_TARGET_L1,
					 AARCH64_INSN_PRFM_POLICY_KEEP) ^
	       aarch64_insn_gen_hint(AARCH64_INSN_HINT_PACIASP);
}
