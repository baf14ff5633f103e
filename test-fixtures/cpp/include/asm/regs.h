#if !defined(__FIXTURE_ASM_REGS_H)
#define __FIXTURE_ASM_REGS_H
#define REG_OFFSET(n)	((n) * 8)
	regs_h_level	__INCLUDE_LEVEL__
#endif
