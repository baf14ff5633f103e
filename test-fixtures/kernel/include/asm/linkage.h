/*
 * aarch64-ftrace built-in stand-in for the arm64 <asm/linkage.h>: function
 * alignment, and the BTI landing pad that SYM_FUNC_START* put first when the
 * kernel is built with CONFIG_ARM64_BTI_KERNEL.
 */
#ifndef __ASM_LINKAGE_H
#define __ASM_LINKAGE_H

/* Functions start on CONFIG_FUNCTION_ALIGNMENT (8 with CALL_OPS), else on 4 bytes. */
#ifdef CONFIG_FUNCTION_ALIGNMENT
#define __ALIGN		.balign CONFIG_FUNCTION_ALIGNMENT
#else
#define __ALIGN		.balign 4
#endif
#define __arm64_linkage_str2(x)	#x
#define __arm64_linkage_str(x)	__arm64_linkage_str2(x)
#define __ALIGN_STR	__arm64_linkage_str(__ALIGN)

#ifdef __ASSEMBLY__
/*
 * With BTI, an indirect branch (BLR, or BR through x16/x17 as PLTs do) must
 * land on BTI C; functions that C may call through a pointer start with one.
 * SYM_CODE_START gets no pad: code with its own convention adds its own.
 */
#ifdef CONFIG_ARM64_BTI_KERNEL
#define BTI_C		bti c ;
#else
#define BTI_C
#endif

#define SYM_FUNC_START(name)			SYM_START(name, SYM_L_GLOBAL, SYM_A_ALIGN) BTI_C
#define SYM_FUNC_START_NOALIGN(name)		SYM_START(name, SYM_L_GLOBAL, SYM_A_NONE) BTI_C
#define SYM_FUNC_START_LOCAL(name)		SYM_START(name, SYM_L_LOCAL, SYM_A_ALIGN) BTI_C
#define SYM_FUNC_START_LOCAL_NOALIGN(name)	SYM_START(name, SYM_L_LOCAL, SYM_A_NONE) BTI_C
#define SYM_FUNC_START_WEAK(name)		SYM_START(name, SYM_L_WEAK, SYM_A_ALIGN) BTI_C
#define SYM_FUNC_START_WEAK_NOALIGN(name)	SYM_START(name, SYM_L_WEAK, SYM_A_NONE) BTI_C
/* SYM_TYPED_START comes from <linux/cfi_types.h> */
#define SYM_TYPED_FUNC_START(name)		SYM_TYPED_START(name, SYM_L_GLOBAL, SYM_A_ALIGN) BTI_C
#endif /* __ASSEMBLY__ */

#endif /* __ASM_LINKAGE_H */
