// fixture-c: version=6.12
// SPDX-License-Identifier: GPL-2.0-only
/*
 * Plain integers where an insn.h enum belongs. Hint constants are pre-shifted by 5:
 * 0x22 is the hint number of BTI C, the constant is 0x22 << 5.
 */
#include <asm/insn.h>

#define FIXTURE_LINK	1

static u32 fixture_lr_saver(void)
{
	return aarch64_insn_gen_move_reg(AARCH64_INSN_REG_9,	// expect: insn/int-as-enum '9'
					 AARCH64_INSN_REG_30,	// expect: insn/int-as-enum '30'
					 AARCH64_INSN_VARIANT_64BIT);
}

static u32 fixture_call(unsigned long pc, unsigned long addr)
{
	return aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);	// expect: insn/int-as-enum '1'
}

static u32 fixture_call_macro(unsigned long pc, unsigned long addr)
{
	return aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);	// expect: insn/int-as-enum 'FIXTURE_LINK'
}

static u32 fixture_landing_pad(void)
{
	return aarch64_insn_gen_hint(AARCH64_INSN_HINT_BTIC);	// expect: insn/int-as-enum '0x22'
}

static u32 fixture_barrier(void)
{
	return aarch64_insn_gen_dmb(AARCH64_INSN_MB_ISH);	// expect: insn/int-as-enum '3'
}

static u32 fixture_ret(void)
{
	/* 7 is no aarch64_insn_branch_type: reported, no fix; the generator fails */
	return aarch64_insn_gen_branch_reg(AARCH64_INSN_REG_LR, 7);	// expect: insn/int-as-enum '7'
}

static u32 fixture_numbers_are_fine(int reg)
{
	/* imm and shift are plain numbers */
	return aarch64_insn_gen_movewide(reg, 0x1234, 16, AARCH64_INSN_VARIANT_64BIT,
					 AARCH64_INSN_MOVEWIDE_KEEP);
}
