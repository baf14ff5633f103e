// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runtime patching in the kernel's manner, for the LSP outline and lens tests
 * (written for this project).
 */
#include <linux/types.h>
#include "patching.h"

#define PATCH_RETRIES	3
#define PATCH_MASK(bits)				\
	((1UL << (bits)) - 1)

struct patch_slot {
	unsigned long pc;
	u32 old;
	u32 new;
};

enum patch_state {
	PATCH_IDLE,
	PATCH_ARMED,
};

typedef struct {
	int count;
} patch_stats_t;

/*
 * Writes one word, reading the old one back first when asked to.
 */
static int ftrace_modify_code(unsigned long pc, u32 old, u32 new, bool validate)
{
	u32 seen;

	if (validate) {
		if (aarch64_insn_read((void *)pc, &seen))
			return -EFAULT;
		if (seen != old)
			return -EINVAL;
	}
	if (aarch64_insn_patch_text_nosync((void *)pc, new))
		return -EPERM;
	return 0;
}

#ifdef CONFIG_DYNAMIC_FTRACE
int patch_call(unsigned long pc, unsigned long addr)
{
	u32 old, new;

	old = aarch64_insn_gen_nop();
	new = aarch64_insn_gen_branch_imm(pc, addr, AARCH64_INSN_BRANCH_LINK);
	return ftrace_modify_code(pc, old, new, true);
}
#else
int patch_call(unsigned long pc, unsigned long addr)
{
	return -ENODEV;
}
#endif

int patch_forward(unsigned long pc, u32 old, u32 new)
{
	return ftrace_modify_code(pc, old, new, true);
}
