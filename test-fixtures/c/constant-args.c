// fixture-c: version=6.12
// SPDX-License-Identifier: GPL-2.0-only
/*
 * Constant arguments the generators reject (AARCH64_BREAK_FAULT, i.e. brk #0x100 gets
 * patched in) or encode silently wrong. Addresses are as a 6.12 kernel lays them out.
 */
#include <linux/sizes.h>
#include <asm/insn.h>

#define FIXTURE_TEXT		0xffff800080000000UL
#define FIXTURE_CALLSITE	(FIXTURE_TEXT + 0x10004)
#define FIXTURE_FAR		(FIXTURE_CALLSITE + SZ_128M)

static u32 fixture_far_call(void)
{
	/* 128 MiB forward is one word too far: [-128M, 128M) */
	return aarch64_insn_gen_branch_imm(FIXTURE_CALLSITE, FIXTURE_FAR,	// expect: insn/break-fault 'FIXTURE_FAR'
					   AARCH64_INSN_BRANCH_LINK);
}

static u32 fixture_back_call(void)
{
	/* 128 MiB backward is the last reachable word */
	return aarch64_insn_gen_branch_imm(FIXTURE_CALLSITE, FIXTURE_CALLSITE - SZ_128M,
					   AARCH64_INSN_BRANCH_LINK);
}

static u32 fixture_unaligned(void)
{
	return aarch64_insn_gen_branch_imm(FIXTURE_CALLSITE + 2, FIXTURE_TEXT,	// expect: insn/break-fault 'FIXTURE_CALLSITE + 2'
					   AARCH64_INSN_BRANCH_NOLINK);
}

static u32 fixture_cond(void)
{
	/* out of range is only pr_err'd: the word branches 1 MiB back */
	return aarch64_insn_gen_cond_branch_imm(FIXTURE_CALLSITE, FIXTURE_CALLSITE + SZ_2M,	// expect: insn/out-of-range 'FIXTURE_CALLSITE + SZ_2M'
						AARCH64_INSN_COND_NE);
}

static u32 fixture_movz(int reg)
{
	/* 16 bits only, whatever the register */
	return aarch64_insn_gen_movewide(reg, 0x12345, 0, AARCH64_INSN_VARIANT_64BIT,	// expect: insn/break-fault '0x12345'
					 AARCH64_INSN_MOVEWIDE_ZERO);
}

static u32 fixture_movk_shift(int reg)
{
	return aarch64_insn_gen_movewide(reg, 0xffff, 32, AARCH64_INSN_VARIANT_32BIT,	// expect: insn/break-fault '32'
					 AARCH64_INSN_MOVEWIDE_KEEP);
}

static u32 fixture_add(int dst, int src)
{
	/* above 4095 the low 12 bits must be zero (LSL #12) */
	return aarch64_insn_gen_add_sub_imm(dst, src, 0x1001, AARCH64_INSN_VARIANT_64BIT,	// expect: insn/break-fault '0x1001'
					    AARCH64_INSN_ADSB_ADD);
}

static u32 fixture_add_ok(int dst, int src)
{
	return aarch64_insn_gen_add_sub_imm(dst, src, 0x1000, AARCH64_INSN_VARIANT_64BIT,
					    AARCH64_INSN_ADSB_ADD);
}

static u32 fixture_pair(int a, int b)
{
	/* 64-bit pairs move by multiples of 8 */
	return aarch64_insn_gen_load_store_pair(a, b, AARCH64_INSN_REG_SP, 12,	// expect: insn/break-fault '12'
						AARCH64_INSN_VARIANT_64BIT,
						AARCH64_INSN_LDST_STORE_PAIR_PRE_INDEX);
}

static u32 fixture_mask(int dst, int src)
{
	/* 0x12345 is no bitmask immediate */
	return aarch64_insn_gen_logical_immediate(AARCH64_INSN_LOGIC_AND, AARCH64_INSN_VARIANT_64BIT,
						  src, dst, 0x12345);	// expect: insn/break-fault '0x12345'
}

static u32 fixture_store_imm(int reg)
{
	/* an 8-byte store takes offsets that are multiples of 8 */
	return aarch64_insn_gen_load_store_imm(reg, AARCH64_INSN_REG_SP, 12,	// expect: insn/break-fault '12'
					       AARCH64_INSN_SIZE_64, AARCH64_INSN_LDST_STORE_IMM_OFFSET);
}

static u32 fixture_unknown_pc(unsigned long pc, unsigned long addr, int reg)
{
	/* nothing is known about the offset: no diagnostic */
	return aarch64_insn_gen_comp_branch_imm(pc, addr, reg, AARCH64_INSN_VARIANT_64BIT,
						AARCH64_INSN_BRANCH_COMP_NONZERO);
}
