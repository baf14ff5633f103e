// fixture-c: version=6.12
// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kconfig names in preprocessor tests and IS_ENABLED(): an undefined name is never set, so the
 * test is silently false. Checked here against the built-in ftrace/arm64 list (no kernel tree):
 * only near misses of names it holds are flagged, other names are left alone.
 */
#include <linux/ftrace.h>
#include <linux/kconfig.h>
#include <asm/insn.h>

#define CONFIG_FIXTURE_LOCAL_SWITCH 1

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_REGS	// expect: kconfig/unknown-symbol 'CONFIG_DYNAMIC_FTRACE_WITH_REG'
static const int fixture_regs = 1;
#endif

#if defined(CONFIG_ARM64_BTI_KERNEL) || IS_ENABLED(CONFIG_SHADOW_CALL_STACK)	// expect: kconfig/unknown-symbol 'CONFIG_ARM64_BTI_KERNL'
static const int fixture_pads = 1;
#elif IS_ENABLED(CONFIG_FUNCTION_GRAPH_TRACER) && !defined(CONFIG_NUMA)
static const int fixture_pads = 0;
#endif

#ifndef CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS	// expect: kconfig/unknown-symbol 'CONFIG_DYNAMIC_FTRACE_WITH_CALL_OP'
#define FIXTURE_NO_OPS 1
#endif

#if defined(CONFIG_FIXTURE_LOCAL_SWITCH) && defined(CONFIG_KPROBES_MODULE)
#define FIXTURE_BOTH 1
#endif

/* real names near listed ones: a longer choice option, an erratum number */
#if defined(CONFIG_ARM64_VA_BITS_52) || defined(CONFIG_ARM64_ERRATUM_845719)
#define FIXTURE_NEAR_BUT_REAL 1
#endif

static struct plt_entry *fixture_get_plt(struct module *mod)
{
	/* the name a 2019 cleanup got wrong: the REGS PLT was never chosen */
	if (IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_REGS))	// expect: kconfig/unknown-symbol 'CONFIG_FTRACE_WITH_REGS'
		return mod->arch.ftrace_trampolines;
	if (IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_REGS) || IS_MODULE(CONFIG_HOTPLUG_CPU))
		return NULL;
	return NULL;
}
