// fixture-c: version=6.12
// SPDX-License-Identifier: GPL-2.0-only
/*
 * Callsite patching in the style of a 6.12 arch/arm64/kernel/ftrace.c, written for the tests:
 * every generator call here is well typed and every runtime patch is a CMODX-safe pair.
 * No diagnostic is expected anywhere in this file.
 */
#include <linux/ftrace.h>
#include <linux/module.h>
#include <asm/insn.h>
#include <asm/patching.h>

#define FIXTURE_NOP		0xd503201f
#define FIXTURE_MOV_X9_LR	0xaa1e03e9

static const u32 fixture_plt_tail = 0xd61f0200;
static const __le32 fixture_pads[] = { 0xd503245f, 0xd503233f };

static int fixture_modify_code(unsigned long pc, u32 old, u32 new, bool validate)
{
	u32 replaced;

	if (validate) {
		if (aarch64_insn_read((void *)pc, &replaced))
			return -EFAULT;
		if (replaced != old)
			return -EINVAL;
	}
	if (aarch64_insn_patch_text_nosync((void *)pc, new))
		return -EPERM;
	return 0;
}

static bool fixture_reachable(unsigned long addr, unsigned long pc)
{
	long offset = (long)addr - (long)pc;

	return offset >= -SZ_128M && offset < SZ_128M;
}

int fixture_make_call(struct dyn_ftrace *rec, unsigned long addr)
{
	unsigned long pc = rec->ip;
	u32 old, new;

	old = aarch64_insn_gen_nop();
	new = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);
	return fixture_modify_code(pc, old, new, true);
}

int fixture_make_nop(struct module *mod, struct dyn_ftrace *rec, unsigned long addr)
{
	unsigned long pc = rec->ip;
	u32 old, new;

	old = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);
	new = aarch64_insn_gen_nop();
	return ftrace_modify_code(pc, old, new, true);
}

int fixture_modify_call(struct dyn_ftrace *rec, unsigned long old_addr, unsigned long addr)
{
	unsigned long pc = rec->ip;
	u32 old, new;

	old = aarch64_insn_gen_branch_imm(pc, old_addr, AARCH64_INSN_BRANCH_LINK);
	new = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);
	return ftrace_modify_code(pc, old, new, true);
}

int fixture_enable_graph(unsigned long pc, unsigned long graph_caller, bool enable)
{
	u32 branch = aarch64_insn_gen_branch_imm(pc, graph_caller, AARCH64_INSN_BRANCH_NOLINK);
	u32 nop = aarch64_insn_gen_nop();

	return enable ? ftrace_modify_code(pc, nop, branch, true) :
			ftrace_modify_code(pc, branch, nop, true);
}

u32 fixture_plt_words(u64 dst, void *pc, u32 *words)
{
	words[0] = aarch64_insn_gen_adr((u64)pc, dst, AARCH64_INSN_REG_16, AARCH64_INSN_ADR_TYPE_ADRP);
	words[1] = aarch64_insn_gen_add_sub_imm(AARCH64_INSN_REG_16, AARCH64_INSN_REG_16, dst % SZ_4K,
						AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_ADSB_ADD);
	words[2] = aarch64_insn_gen_branch_reg(AARCH64_INSN_REG_16, AARCH64_INSN_BRANCH_NOLINK);
	return words[2];
}

u32 fixture_lr_saver(void)
{
	return aarch64_insn_gen_move_reg(AARCH64_INSN_REG_9, AARCH64_INSN_REG_LR,
					 AARCH64_INSN_VARIANT_64BIT);
}

u32 fixture_frame(void)
{
	return aarch64_insn_gen_load_store_pair(AARCH64_INSN_REG_FP, AARCH64_INSN_REG_LR,
						AARCH64_INSN_REG_SP, -16, AARCH64_INSN_VARIANT_64BIT,
						AARCH64_INSN_LDST_STORE_PAIR_PRE_INDEX) ^
	       aarch64_insn_gen_add_sub_imm(AARCH64_INSN_REG_FP, AARCH64_INSN_REG_SP, 0,
					    AARCH64_INSN_VARIANT_64BIT, AARCH64_INSN_ADSB_ADD) ^
	       aarch64_insn_gen_hint(AARCH64_INSN_HINT_BTIC) ^
	       aarch64_insn_gen_logical_immediate(AARCH64_INSN_LOGIC_AND, AARCH64_INSN_VARIANT_64BIT,
						  AARCH64_INSN_REG_30, AARCH64_INSN_REG_11, ~7UL) ^
	       aarch64_insn_gen_dmb(AARCH64_INSN_MB_ISH);
}
