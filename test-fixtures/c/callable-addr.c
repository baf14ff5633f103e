// fixture-c: version=5.10
// SPDX-License-Identifier: GPL-2.0-only
/*
 * Callsite words built from differently resolved addresses. A callsite more than 128M from the
 * trampoline holds a BL to its module's ftrace PLT, so every word ftrace writes there or expects
 * to find there must name the address after the same resolution.
 */
#include <linux/ftrace.h>
#include <linux/module.h>
#include <asm/insn.h>

static struct plt_entry *fixture_plt_for(struct module *mod, unsigned long addr);

/* enabling resolves through the module PLT when the trampoline is out of reach */
int ftrace_make_call(struct dyn_ftrace *rec, unsigned long addr)
{
	unsigned long pc = rec->ip;
	long offset = (long)addr - (long)pc;
	struct plt_entry *dst;
	u32 old, new;

	if (offset < -SZ_128M || offset >= SZ_128M) {
		dst = fixture_plt_for(rec->arch.mod, addr);
		addr = (unsigned long)dst;
	}
	old = aarch64_insn_gen_nop();
	new = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);
	return ftrace_modify_code(pc, old, new, true);
}

/* disabling expects a BL to the trampoline itself: a far callsite never holds that */
int ftrace_make_nop(struct module *mod, struct dyn_ftrace *rec, unsigned long addr)
{
	unsigned long pc = rec->ip;
	u32 old, new;

	old = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);	// expect: ftrace/callable-addr-mismatch 'addr'
	new = aarch64_insn_gen_nop();
	return ftrace_modify_code(pc, old, new, true);
}

/* one call resolving one address and not the other */
int ftrace_modify_call(struct dyn_ftrace *rec, unsigned long old_addr, unsigned long addr)
{
	unsigned long pc = rec->ip;
	u32 old, new;

	if (!ftrace_find_callable_addr(rec, NULL, &addr))
		return -EINVAL;
	old = aarch64_insn_gen_branch_imm(pc, old_addr, AARCH64_INSN_BRANCH_LINK);	// expect: ftrace/callable-addr-mismatch 'old_addr'
	new = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);
	return ftrace_modify_code(pc, old, new, true);
}

/* not callsites: the trampoline's own sites are in the kernel image, next to their targets */
int ftrace_modify_graph_caller(bool enable)
{
	unsigned long pc = (unsigned long)&ftrace_graph_call;
	u32 branch, nop;

	branch = aarch64_insn_gen_branch_imm(pc, (unsigned long)ftrace_graph_caller, AARCH64_INSN_BRANCH_NOLINK);
	nop = aarch64_insn_gen_nop();
	if (enable)
		return ftrace_modify_code(pc, nop, branch, true);
	return ftrace_modify_code(pc, branch, nop, true);
}
