// fixture-c: version=6.12
// SPDX-License-Identifier: GPL-2.0-only
/*
 * bool/enum confusion in the instruction generators: the 2019 ftrace_modify_call()
 * passed 'true' where enum aarch64_insn_branch_type belongs.
 */
#include <linux/ftrace.h>
#include <asm/insn.h>
#include <asm/patching.h>

static int fixture_modify_call(struct dyn_ftrace *rec, unsigned long old_addr,
			       unsigned long addr)
{
	unsigned long pc = rec->ip;
	u32 old, new;

	old = aarch64_insn_gen_branch_imm(pc, old_addr, AARCH64_INSN_BRANCH_LINK);	// expect: insn/bool-as-enum 'true'
	new = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);

	return ftrace_modify_code(pc, old, new, true);
}

static u32 fixture_jump(unsigned long pc, unsigned long addr)
{
	return aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_NOLINK);	// expect: insn/bool-as-enum 'false'
}

static u32 fixture_load_literal(unsigned long pc, unsigned long addr)
{
	/* is64bit is the one bool parameter of the API */
	return aarch64_insn_gen_load_literal(pc, addr, AARCH64_INSN_REG_0, true);
}

static u32 fixture_mov(void)
{
	return aarch64_insn_gen_move_reg(AARCH64_INSN_REG_9, AARCH64_INSN_REG_LR,
					 AARCH64_INSN_VARIANT_64BIT);	// expect: insn/bool-as-enum 'true'
}
