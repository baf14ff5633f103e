// fixture-c: version=6.12
// SPDX-License-Identifier: GPL-2.0-only
/*
 * Branch range guards: a BL reaches when target - pc lies in [-SZ_128M, SZ_128M).
 * Positive cases compute the offset backwards or get a bound off by one; negative cases are
 * correct guards and comparisons that only look alike.
 */
#include <linux/sizes.h>
#include <asm/insn.h>

/* the 2022 helper's shape: correct */
static bool fixture_reachable(unsigned long addr, unsigned long pc)
{
	long offset = (long)addr - (long)pc;

	return offset >= -SZ_128M && offset < SZ_128M;
}

/* the pre-2022 open-coded check: the offset is computed backwards */
static bool fixture_needs_plt(struct dyn_ftrace *rec, unsigned long addr)
{
	unsigned long pc = rec->ip;
	long offset = (long)pc - (long)addr;	// expect: ftrace/branch-range-form '(long)pc - (long)addr'

	return offset < -SZ_128M || offset >= SZ_128M;
}

/* bounds off by one, in either direction */
static bool fixture_in_reach(unsigned long target, unsigned long pc)
{
	long off = target - pc;

	if (off <= SZ_128M && off >= -SZ_128M)	// expect: ftrace/branch-range-form 'off <= SZ_128M'
		return true;
	return false;
}

static bool fixture_too_far(unsigned long pc, unsigned long dest)
{
	long delta = dest - pc;

	return delta > SZ_128M || delta <= -SZ_128M;	// expect: ftrace/branch-range-form 'delta > SZ_128M'; ftrace/branch-range-form 'delta <= -SZ_128M'
}

/* the constant on the left, and a conditional branch's range */
static bool fixture_cond_reach(unsigned long pc, unsigned long addr)
{
	return -SZ_1M < (long)(addr - pc) && (long)(addr - pc) < SZ_1M;	// expect: ftrace/branch-range-form '-SZ_1M < (long)(addr - pc)'
}

/* not range guards: sizes, differences of non-addresses, other constants */
static bool fixture_not_guards(unsigned long start, unsigned long end, size_t size, long offset)
{
	if (size > SZ_128M)
		return false;
	if (end - start >= SZ_1M)
		return false;
	return offset <= SZ_128M - AARCH64_INSN_SIZE;
}
