// fixture-c: version=6.12
// SPDX-License-Identifier: GPL-2.0-only
/*
 * Constants of the wrong insn.h enum: same numeric domain, different meaning.
 */
#include <asm/insn.h>

static u32 fixture_load(int dst, int base, int idx)
{
	/* VARIANT_64BIT is 1, which as a size means SIZE_16 */
	return aarch64_insn_gen_load_store_reg(dst, base, idx,
					       AARCH64_INSN_SIZE_64,	// expect: insn/wrong-enum 'AARCH64_INSN_VARIANT_64BIT'
					       AARCH64_INSN_LDST_LOAD_REG_OFFSET);
}

static u32 fixture_store(int src, int base, int idx)
{
	/* AARCH64_INSN_SIZE is the instruction size in bytes (4), not a size_type */
	return aarch64_insn_gen_load_store_reg(src, base, idx, AARCH64_INSN_SIZE_32,	// expect: insn/wrong-enum 'AARCH64_INSN_SIZE'
					       AARCH64_INSN_LDST_STORE_REG_OFFSET);
}

static u32 fixture_copy(int dst, int src)
{
	return aarch64_insn_gen_move_reg(dst, src, AARCH64_INSN_VARIANT_64BIT);	// expect: insn/wrong-enum 'AARCH64_INSN_SIZE_64'
}

static u32 fixture_copy_sp(int dst)
{
	/* register 31 in an ORR is XZR: this copies zero, not the stack pointer */
	return aarch64_insn_gen_move_reg(dst, AARCH64_INSN_REG_SP,	// expect: insn/wrong-enum 'AARCH64_INSN_REG_SP'
					 AARCH64_INSN_VARIANT_64BIT);
}

static u32 fixture_load_from_sp(int dst)
{
	/* the base of a load is SP when 31: REG_ZR says something else */
	return aarch64_insn_gen_load_store_pair(dst, dst, AARCH64_INSN_REG_SP, 16,	// expect: insn/zr-as-sp 'AARCH64_INSN_REG_ZR'
						AARCH64_INSN_VARIANT_64BIT,
						AARCH64_INSN_LDST_LOAD_PAIR_POST_INDEX);
}

static u32 fixture_drop_slot(void)
{
	/* SIZE_64 is the size type 3, not the 8 bytes of a slot */
	return aarch64_insn_gen_add_sub_imm(AARCH64_INSN_REG_SP, AARCH64_INSN_REG_SP,
					    AARCH64_INSN_SIZE_64,	// expect: insn/enum-as-number 'AARCH64_INSN_SIZE_64'
					    AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_ADSB_ADD);
}

static u32 fixture_return(unsigned long pc, unsigned long addr)
{
	/* gen_branch_imm only does B and BL */
	return aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_RETURN);	// expect: insn/wrong-enum 'AARCH64_INSN_BRANCH_RETURN'
}

static u32 fixture_outer_barrier(void)
{
	return aarch64_insn_gen_dmb(AARCH64_INSN_MB_OSH);	// expect: insn/wrong-enum 'AARCH64_INSN_MB_OSH'
}

static u32 fixture_right(int dst, int base)
{
	return aarch64_insn_gen_load_store_pair(dst, dst, AARCH64_INSN_REG_SP, -16,
						AARCH64_INSN_VARIANT_64BIT,
						AARCH64_INSN_LDST_STORE_PAIR_PRE_INDEX) ^
	       aarch64_insn_gen_load_store_ex(dst, base, AARCH64_INSN_REG_ZR,
					      AARCH64_INSN_SIZE_32, AARCH64_INSN_LDST_LOAD_EX) ^
	       aarch64_insn_gen_add_sub_imm(AARCH64_INSN_REG_ZR, base, 1,
					    AARCH64_INSN_VARIANT_64BIT,
					    AARCH64_INSN_ADSB_SUB_SETFLAGS);
}
