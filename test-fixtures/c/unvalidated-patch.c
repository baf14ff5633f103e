// fixture-c: version=6.12
// SPDX-License-Identifier: GPL-2.0-only
/*
 * validate = false in ftrace_modify_code(): the kernel writes blind only at ftrace_call
 * (ftrace_update_ftrace_func) and on the mcount module-load path of ftrace_make_nop, where a
 * callsite may still branch through a generic module PLT. Anywhere else the old word is checked.
 */
#include <linux/ftrace.h>
#include <linux/module.h>
#include <asm/insn.h>

int ftrace_update_ftrace_func(ftrace_func_t func)
{
	unsigned long pc = (unsigned long)&ftrace_call;
	u32 new = aarch64_insn_gen_branch_imm(pc, (unsigned long)func, AARCH64_INSN_BRANCH_LINK);

	return ftrace_modify_code(pc, 0, new, false);
}

static int fixture_make_nop(struct module *mod, struct dyn_ftrace *rec, unsigned long addr)
{
	unsigned long pc = rec->ip;
	u32 old = 0, new = aarch64_insn_gen_nop();

	/* mcount: at module load the callsite may branch to the loader's PLT for _mcount */
	if (!IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_ARGS) && mod)
		return ftrace_modify_code(pc, 0, new, false);

	if (!ftrace_find_callable_addr(rec, mod, &addr))
		return -EINVAL;
	old = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);
	return ftrace_modify_code(pc, old, new, true);
}

/* enabling a callsite blind: a word left there by anything else is silently overwritten */
static int fixture_make_call(struct dyn_ftrace *rec, unsigned long addr)
{
	unsigned long pc = rec->ip;
	u32 old = aarch64_insn_gen_nop();
	u32 new;

	if (!ftrace_find_callable_addr(rec, NULL, &addr))
		return -EINVAL;
	new = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);
	return ftrace_modify_code(pc, old, new, false);	// expect: ftrace/unvalidated-patch 'false'
}

/* blind with no old word at all: flagged, but "validate" would compare against 0, so no fix */
static int fixture_graph_blind(unsigned long pc, unsigned long graph_caller)
{
	u32 branch = aarch64_insn_gen_branch_imm(pc, graph_caller, AARCH64_INSN_BRANCH_NOLINK);

	return ftrace_modify_code(pc, 0, branch, false);	// expect: ftrace/unvalidated-patch 'false'
}

/* the module-load exception needs the module: without it, the path is an ordinary disable */
static int fixture_make_nop_runtime(struct module *mod, struct dyn_ftrace *rec, unsigned long addr)
{
	unsigned long pc = rec->ip;
	u32 old, new = aarch64_insn_gen_nop();

	if (!ftrace_find_callable_addr(rec, mod, &addr))
		return -EINVAL;
	old = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);
	if (!mod)
		return ftrace_modify_code(pc, old, new, false);	// expect: ftrace/unvalidated-patch 'false'
	return ftrace_modify_code(pc, old, new, true);
}
