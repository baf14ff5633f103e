// fixture-c: version=5.10
// SPDX-License-Identifier: GPL-2.0-only
/*
 * Instruction stores into text at runtime. Kernel text is read-only and must be written through
 * the patching helpers; instruction words written into a module PLT need I-cache maintenance
 * before anything branches to them. Stores at module load and data literals need neither.
 */
#include <linux/ftrace.h>
#include <linux/module.h>
#include <asm/cacheflush.h>
#include <asm/insn.h>
#include <asm/patching.h>

/* the lazily filled trampoline of the 4.x code, missing its maintenance */
static int fixture_install_plt(struct module *mod, unsigned long *addr)
{
	struct plt_entry *dst = mod->arch.ftrace_trampoline;
	struct plt_entry trampoline = get_plt_entry(*addr, dst);

	if (!plt_entries_equal(dst, &trampoline)) {
		*dst = trampoline;	// expect: ftrace/missing-cache-maintenance '*dst'
		smp_wmb();
	}
	*addr = (unsigned long)dst;
	return 0;
}

/* the same with the maintenance the fix added */
static int fixture_install_plt_flushed(struct module *mod, unsigned long *addr)
{
	struct plt_entry *dst = mod->arch.ftrace_trampoline;
	struct plt_entry trampoline = get_plt_entry(*addr, dst);

	if (!plt_entries_equal(dst, &trampoline)) {
		*dst = trampoline;
		flush_icache_range((unsigned long)&dst[0], (unsigned long)&dst[1]);
	}
	*addr = (unsigned long)dst;
	return 0;
}

/* memcpy into a PLT without maintenance, and aarch64_insn_write without it */
static void fixture_copy_plt(struct plt_entry *plt, const struct plt_entry *src)
{
	memcpy(plt, src, sizeof(*src));	// expect: ftrace/missing-cache-maintenance 'memcpy(plt, src, sizeof(*src))'
}

int ftrace_make_call(struct dyn_ftrace *rec, unsigned long addr)
{
	unsigned long pc = rec->ip;
	u32 new;

	if (fixture_install_plt(rec->arch.mod, &addr))
		return -EINVAL;
	fixture_copy_plt(rec->arch.mod->arch.ftrace_trampoline, NULL);
	new = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);
	aarch64_insn_write((void *)pc, new);	// expect: ftrace/missing-cache-maintenance 'aarch64_insn_write((void *)pc, new)'
	return 0;
}

/* a store straight into kernel text */
int ftrace_make_nop(struct module *mod, struct dyn_ftrace *rec, unsigned long addr)
{
	unsigned long pc = rec->ip;

	*(u32 *)pc = cpu_to_le32(aarch64_insn_gen_nop());	// expect: ftrace/direct-text-write '*(u32 *)pc'
	return 0;
}

int ftrace_update_ftrace_func(ftrace_func_t func)
{
	u32 *site = (u32 *)&ftrace_call;

	site[0] = aarch64_insn_gen_branch_imm((unsigned long)site, (unsigned long)func, AARCH64_INSN_BRANCH_LINK);	// expect: ftrace/direct-text-write 'site[0]'
	return 0;
}

/* the CALL_OPS literal is data: a literal write needs no I-cache maintenance */
static void fixture_set_ops(struct dyn_ftrace *rec, const struct ftrace_ops *ops)
{
	unsigned long literal = ALIGN_DOWN(rec->ip - 12, 8);

	aarch64_insn_write_literal_u64((void *)literal, (unsigned long)ops);
}

/* the module loader fills PLTs before the code runs, and flushes afterwards */
static void __init_plt(struct plt_entry *plt, unsigned long addr)
{
	*plt = get_plt_entry(addr, plt);
}

int module_init_ftrace_plt(const Elf_Ehdr *hdr, const Elf_Shdr *sechdrs, struct module *mod)
{
	struct plt_entry *plts = (void *)sechdrs->sh_addr;

	__init_plt(&plts[FTRACE_PLT_IDX], FTRACE_ADDR);
	mod->arch.ftrace_trampolines = plts;
	return 0;
}

/* writes into ordinary memory are not text writes */
static void fixture_fill_buffer(u32 *buf, int n, struct dyn_ftrace *rec)
{
	int i;

	for (i = 0; i < n; i++)
		buf[i] = aarch64_insn_gen_nop();
	aarch64_insn_patch_text_nosync((void *)rec->ip, buf[0]);
}

/* a JIT's PLT holds its target as data loaded by LDR: updating it needs no I-cache maintenance */
struct fixture_jit_plt {
	__le32 ldr;
	__le32 br;
	u64 target;
};

static int fixture_jit_retarget(struct fixture_jit_plt *plt, u64 target, void *ip, u32 insn)
{
	WRITE_ONCE(plt->target, target);
	return aarch64_insn_patch_text_nosync(ip, insn);
}

/* returning the write hands the maintenance to the caller (a debugger core flushes after it) */
static int fixture_set_breakpoint(unsigned long addr)
{
	return aarch64_insn_write((void *)addr, AARCH64_BREAK_FAULT);
}
