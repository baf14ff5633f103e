// fixture-c: version=6.12
// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runtime patches of ftrace callsites. Concurrent modification is architecturally safe only
 * when the old and the new word are each B, BL, NOP, BRK, SVC, HVC or SMC; the MOV X9, LR is
 * written once, before the code can run.
 */
#include <linux/ftrace.h>
#include <asm/insn.h>
#include <asm/patching.h>

/* the early two-instruction enable: patches the MOV at runtime */
static int fixture_make_call(struct dyn_ftrace *rec, unsigned long addr)
{
	unsigned long pc = rec->ip;
	u32 old, new;

	old = aarch64_insn_gen_nop();
	new = aarch64_insn_gen_move_reg(AARCH64_INSN_REG_9, AARCH64_INSN_REG_LR,
					AARCH64_INSN_VARIANT_64BIT);
	if (ftrace_modify_code(pc - AARCH64_INSN_SIZE, old, new, true))	// expect: ftrace/non-cmodx-patch 'new'
		return -EINVAL;

	old = aarch64_insn_gen_nop();
	new = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);
	return ftrace_modify_code(pc, old, new, true);
}

/* the merged design: the MOV goes in at init */
int ftrace_init_nop(struct module *mod, struct dyn_ftrace *rec)
{
	unsigned long pc = rec->ip - AARCH64_INSN_SIZE;
	u32 old, new;

	old = aarch64_insn_gen_nop();
	new = aarch64_insn_gen_move_reg(AARCH64_INSN_REG_9, AARCH64_INSN_REG_LR,
					AARCH64_INSN_VARIANT_64BIT);
	return ftrace_modify_code(pc, old, new, true);
}

int ftrace_update_ftrace_func(ftrace_func_t func)
{
	unsigned long pc = (unsigned long)&ftrace_call;
	u32 new;

	new = aarch64_insn_gen_branch_imm(pc, (unsigned long)func, AARCH64_INSN_BRANCH_LINK);
	/* ftrace_call is the one trampoline site the kernel writes blind: no diagnostic */
	return ftrace_modify_code(pc, 0, new, false);
}

static void fixture_landing_pads(void *addr)
{
	aarch64_insn_patch_text_nosync(addr, aarch64_insn_gen_nop());
	aarch64_insn_patch_text_nosync(addr, aarch64_insn_gen_hint(AARCH64_INSN_HINT_BTIC));	// expect: ftrace/non-cmodx-patch 'aarch64_insn_gen_hint(AARCH64_INSN_HINT_BTIC)'
}

static int __init fixture_early(void *addr)
{
	return aarch64_insn_patch_text_nosync(addr, aarch64_insn_gen_hint(AARCH64_INSN_HINT_BTIC));
}
