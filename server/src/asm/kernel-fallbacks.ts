// Built-in kernel headers for the preprocessor: when an `#include` of one of these names is not
// found on disk, this text stands in. Each is our own cpp + gas source with the meaning of the
// kernel header of the same name, restricted to what arm64 ftrace assembly needs (linkage and
// BTI pads, assembler.h helpers, exports, kconfig tests, ftrace/insn constants).
// asm-offsets are deliberately empty here: their values come from ftrace/asm-offsets.ts.
// test-fixtures/kernel/include/ holds byte-identical copies (test/kernel-fallbacks.test.ts checks).

const ASM_LINKAGE_H = String.raw`/*
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
`;

const LINUX_LINKAGE_H = String.raw`/*
 * aarch64-ftrace built-in stand-in for <linux/linkage.h>: the SYM_* annotations
 * of kernel assembly (linkage, alignment, ELF type and size) and the older
 * ENTRY/ENDPROC/GLOBAL forms. <asm/linkage.h> overrides come first.
 */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

#include <asm/linkage.h>

/* Separates statements within one macro expansion. */
#ifndef ASM_NL
#define ASM_NL		;
#endif

#ifndef __ALIGN
#define __ALIGN		.balign 4
#define __ALIGN_STR	".balign 4"
#endif

#ifdef __ASSEMBLY__

#ifndef LINKER_SCRIPT
#define ALIGN		__ALIGN
#define ALIGN_STR	__ALIGN_STR
#endif

/* Annotations of v5.4 and older trees. */
#ifndef GLOBAL
#define GLOBAL(name)	.globl name ASM_NL name:
#endif
#ifndef ENTRY
#define ENTRY(name)	.globl name ASM_NL ALIGN ASM_NL name:
#endif
#ifndef WEAK
#define WEAK(name)	.weak name ASM_NL ALIGN ASM_NL name:
#endif
#ifndef END
#define END(name)	.size name, .-name
#endif
#ifndef ENDPROC
#define ENDPROC(name)	.type name, STT_FUNC ASM_NL END(name)
#endif

/* Linkage (SYM_L_*), alignment (SYM_A_*) and ELF type (SYM_T_*) of a symbol. */
#define SYM_L_GLOBAL(name)	.globl name
#define SYM_L_WEAK(name)	.weak name
#define SYM_L_LOCAL(name)
#define SYM_A_ALIGN		ALIGN
#define SYM_A_NONE
#ifndef SYM_T_FUNC
#define SYM_T_FUNC		STT_FUNC
#endif
#ifndef SYM_T_OBJECT
#define SYM_T_OBJECT		STT_OBJECT
#endif
#ifndef SYM_T_NONE
#define SYM_T_NONE		STT_NOTYPE
#endif

/* A label with its linkage and alignment; the variadic part is the alignment. */
#ifndef SYM_ENTRY
#define SYM_ENTRY(name, linkage, ...)	linkage(name) ASM_NL __VA_ARGS__ ASM_NL name:
#endif
#ifndef SYM_START
#define SYM_START(name, linkage, ...)	SYM_ENTRY(name, linkage, __VA_ARGS__)
#endif
/* ELF type and size; the size is also kept in .L__sym_size_<name> for aliases. */
#ifndef SYM_END
#define SYM_END(name, sym_type)				\
	.type name, sym_type ASM_NL			\
	.set .L__sym_size_##name, .-name ASM_NL		\
	.size name, .L__sym_size_##name
#endif

/* A label inside a function or code block: patch sites, second entry points. */
#ifndef SYM_INNER_LABEL_ALIGN
#define SYM_INNER_LABEL_ALIGN(name, linkage)	.type name, SYM_T_NONE ASM_NL SYM_ENTRY(name, linkage, SYM_A_ALIGN)
#endif
#ifndef SYM_INNER_LABEL
#define SYM_INNER_LABEL(name, linkage)		.type name, SYM_T_NONE ASM_NL SYM_ENTRY(name, linkage, SYM_A_NONE)
#endif

/* Functions that follow the AAPCS: SYM_FUNC_START ... SYM_FUNC_END. */
#ifndef SYM_FUNC_START
#define SYM_FUNC_START(name)			SYM_START(name, SYM_L_GLOBAL, SYM_A_ALIGN)
#endif
#ifndef SYM_FUNC_START_NOALIGN
#define SYM_FUNC_START_NOALIGN(name)		SYM_START(name, SYM_L_GLOBAL, SYM_A_NONE)
#endif
#ifndef SYM_FUNC_START_LOCAL
#define SYM_FUNC_START_LOCAL(name)		SYM_START(name, SYM_L_LOCAL, SYM_A_ALIGN)
#endif
#ifndef SYM_FUNC_START_LOCAL_NOALIGN
#define SYM_FUNC_START_LOCAL_NOALIGN(name)	SYM_START(name, SYM_L_LOCAL, SYM_A_NONE)
#endif
#ifndef SYM_FUNC_START_WEAK
#define SYM_FUNC_START_WEAK(name)		SYM_START(name, SYM_L_WEAK, SYM_A_ALIGN)
#endif
#ifndef SYM_FUNC_START_WEAK_NOALIGN
#define SYM_FUNC_START_WEAK_NOALIGN(name)	SYM_START(name, SYM_L_WEAK, SYM_A_NONE)
#endif
#ifndef SYM_FUNC_END
#define SYM_FUNC_END(name)			SYM_END(name, SYM_T_FUNC)
#endif

/* Another name for a symbol, written after the symbol's SYM_*_END (takes its type and size). */
#ifndef SYM_ALIAS
#define SYM_ALIAS(alias, name, sym_type, linkage)			\
	linkage(alias) ASM_NL						\
	.set alias, name ASM_NL						\
	.type alias, sym_type ASM_NL					\
	.set .L__sym_size_##alias, .L__sym_size_##name ASM_NL		\
	.size alias, .L__sym_size_##alias
#endif
#ifndef SYM_FUNC_ALIAS
#define SYM_FUNC_ALIAS(alias, name)		SYM_ALIAS(alias, name, SYM_T_FUNC, SYM_L_GLOBAL)
#endif
#ifndef SYM_FUNC_ALIAS_LOCAL
#define SYM_FUNC_ALIAS_LOCAL(alias, name)	SYM_ALIAS(alias, name, SYM_T_FUNC, SYM_L_LOCAL)
#endif
#ifndef SYM_FUNC_ALIAS_WEAK
#define SYM_FUNC_ALIAS_WEAK(alias, name)	SYM_ALIAS(alias, name, SYM_T_FUNC, SYM_L_WEAK)
#endif

/* Code with its own calling convention (trampolines, vectors): no BTI pad is added. */
#ifndef SYM_CODE_START
#define SYM_CODE_START(name)			SYM_START(name, SYM_L_GLOBAL, SYM_A_ALIGN)
#endif
#ifndef SYM_CODE_START_NOALIGN
#define SYM_CODE_START_NOALIGN(name)		SYM_START(name, SYM_L_GLOBAL, SYM_A_NONE)
#endif
#ifndef SYM_CODE_START_LOCAL
#define SYM_CODE_START_LOCAL(name)		SYM_START(name, SYM_L_LOCAL, SYM_A_ALIGN)
#endif
#ifndef SYM_CODE_START_LOCAL_NOALIGN
#define SYM_CODE_START_LOCAL_NOALIGN(name)	SYM_START(name, SYM_L_LOCAL, SYM_A_NONE)
#endif
#ifndef SYM_CODE_END
#define SYM_CODE_END(name)			SYM_END(name, SYM_T_NONE)
#endif

/* Data objects. */
#ifndef SYM_DATA_START
#define SYM_DATA_START(name)			SYM_START(name, SYM_L_GLOBAL, SYM_A_NONE)
#endif
#ifndef SYM_DATA_START_LOCAL
#define SYM_DATA_START_LOCAL(name)		SYM_START(name, SYM_L_LOCAL, SYM_A_NONE)
#endif
#ifndef SYM_DATA_END
#define SYM_DATA_END(name)			SYM_END(name, SYM_T_OBJECT)
#endif
#ifndef SYM_DATA_END_LABEL
#define SYM_DATA_END_LABEL(name, linkage, label)	\
	linkage(label) ASM_NL				\
	.type label, SYM_T_OBJECT ASM_NL		\
	label: ASM_NL					\
	SYM_END(name, SYM_T_OBJECT)
#endif
#ifndef SYM_DATA
#define SYM_DATA(name, ...)		SYM_DATA_START(name) ASM_NL __VA_ARGS__ ASM_NL SYM_DATA_END(name)
#endif
#ifndef SYM_DATA_LOCAL
#define SYM_DATA_LOCAL(name, ...)	SYM_DATA_START_LOCAL(name) ASM_NL __VA_ARGS__ ASM_NL SYM_DATA_END(name)
#endif

#endif /* __ASSEMBLY__ */

#endif /* _LINUX_LINKAGE_H */
`;

const LINUX_CFI_TYPES_H = String.raw`/*
 * aarch64-ftrace built-in stand-in for <linux/cfi_types.h>: SYM_TYPED_START for
 * assembly functions that C calls through a pointer. With kCFI (clang,
 * CONFIG_CFI_CLANG) the 32-bit type hash __kcfi_typeid_<name> sits in the four
 * bytes before the function; otherwise it is a plain SYM_START.
 */
#ifndef _LINUX_CFI_TYPES_H
#define _LINUX_CFI_TYPES_H

#ifdef __ASSEMBLY__
#include <linux/linkage.h>

#ifdef CONFIG_CFI_CLANG
#ifndef __CFI_TYPE
#define __CFI_TYPE(name)			.4byte __kcfi_typeid_##name
#endif
#define SYM_TYPED_ENTRY(name, linkage, ...)	\
	linkage(name) ASM_NL			\
	__VA_ARGS__ ASM_NL			\
	__CFI_TYPE(name) ASM_NL			\
	name:
#define SYM_TYPED_START(name, linkage, ...)	SYM_TYPED_ENTRY(name, linkage, __VA_ARGS__)
#else
#define SYM_TYPED_START(name, linkage, ...)	SYM_START(name, linkage, __VA_ARGS__)
#endif

#ifndef SYM_TYPED_FUNC_START
#define SYM_TYPED_FUNC_START(name)		SYM_TYPED_START(name, SYM_L_GLOBAL, SYM_A_ALIGN)
#endif
#endif /* __ASSEMBLY__ */

#endif /* _LINUX_CFI_TYPES_H */
`;

const ASM_ASSEMBLER_H = String.raw`/*
 * aarch64-ftrace built-in stand-in for the arm64 <asm/assembler.h>, limited to
 * the helpers ftrace assembly uses: PC-relative symbol access (adr_l, ldr_l,
 * str_l), per-CPU access, the current task, 64-bit constants, NOKPROBE.
 */
#ifndef __ASM_ASSEMBLER_H
#define __ASM_ASSEMBLER_H

#ifndef __ASSEMBLY__
#error "<asm/assembler.h> is for assembly sources only"
#endif

#include <linux/export.h>
#include <asm/asm-offsets.h>

/*
 * Address or contents of a symbol within +/-4 GiB of the PC (ADRP + :lo12:).
 * With tmp, the page address goes to tmp; str_l always needs one.
 */
	.macro	adr_l, dst, sym, tmp=
	.ifnb	\tmp
	adrp	\tmp, \sym
	add	\dst, \tmp, :lo12:\sym
	.else
	adrp	\dst, \sym
	add	\dst, \dst, :lo12:\sym
	.endif
	.endm

	.macro	ldr_l, dst, sym, tmp=
	.ifnb	\tmp
	adrp	\tmp, \sym
	ldr	\dst, [\tmp, :lo12:\sym]
	.else
	adrp	\dst, \sym
	ldr	\dst, [\dst, :lo12:\sym]
	.endif
	.endm

	.macro	str_l, src, sym, tmp
	adrp	\tmp, \sym
	str	\src, [\tmp, :lo12:\sym]
	.endm

/*
 * This CPU's per-CPU offset. The kernel patches the read to TPIDR_EL2 when it
 * runs at EL2 (VHE); TPIDR_EL1 is the baseline modelled here.
 */
	.macro	get_this_cpu_offset, dst
	mrs	\dst, tpidr_el1
	.endm

	.macro	this_cpu_offset, dst
	get_this_cpu_offset \dst
	.endm

/* dst = this CPU's copy of the per-CPU variable sym (address / value); tmp is clobbered. */
	.macro	adr_this_cpu, dst, sym, tmp
	adrp	\tmp, \sym
	add	\dst, \tmp, #:lo12:\sym
	get_this_cpu_offset \tmp
	add	\dst, \dst, \tmp
	.endm

	.macro	ldr_this_cpu, dst, sym, tmp
	adr_l	\dst, \sym
	get_this_cpu_offset \tmp
	ldr	\dst, [\dst, \tmp]
	.endm

/* The running task: the kernel keeps it in SP_EL0. */
	.macro	get_current_task, rd
	mrs	\rd, sp_el0
	.endm

/*
 * A 64-bit constant in as few MOVZ/MOVK as its sign-extended width allows:
 * 2 for 32 bits, 3 for 48 bits, otherwise 4.
 */
	.macro	mov_q, reg, val
	.if	(((\val) >> 31) == 0 || ((\val) >> 31) == 0x1ffffffff)
	movz	\reg, :abs_g1_s:\val
	movk	\reg, :abs_g0_nc:\val
	.elseif	(((\val) >> 47) == 0 || ((\val) >> 47) == 0x1ffff)
	movz	\reg, :abs_g2_s:\val
	movk	\reg, :abs_g1_nc:\val
	movk	\reg, :abs_g0_nc:\val
	.else
	movz	\reg, :abs_g3:\val
	movk	\reg, :abs_g2_nc:\val
	movk	\reg, :abs_g1_nc:\val
	movk	\reg, :abs_g0_nc:\val
	.endif
	.endm

/* Keep kprobes off a symbol: its address goes into the _kprobe_blacklist section. */
#ifdef CONFIG_KPROBES
#define NOKPROBE(x)				\
	.pushsection "_kprobe_blacklist", "aw" ;	\
	.quad	x ;				\
	.popsection ;
#else
#define NOKPROBE(x)
#endif

#endif /* __ASM_ASSEMBLER_H */
`;

const LINUX_EXPORT_H = String.raw`/*
 * aarch64-ftrace built-in stand-in for <linux/export.h> as seen from assembly:
 * EXPORT_SYMBOL* record the symbol, its license and namespace in the
 * .export_symbol section, from which modpost builds the export tables.
 */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include <linux/linkage.h>

#ifdef __ASSEMBLY__
#define __EXPORT_SYMBOL(sym, license, ns)		\
	.pushsection ".export_symbol", "a" ASM_NL	\
	__export_symbol_##sym: ASM_NL			\
	.asciz license ASM_NL				\
	.asciz ns ASM_NL				\
	.balign 8 ASM_NL				\
	.quad sym ASM_NL				\
	.popsection

#define EXPORT_SYMBOL(sym)		__EXPORT_SYMBOL(sym, "", "")
#define EXPORT_SYMBOL_GPL(sym)		__EXPORT_SYMBOL(sym, "GPL", "")
/* ns is a string literal, as in current kernels */
#define EXPORT_SYMBOL_NS(sym, ns)	__EXPORT_SYMBOL(sym, "", ns)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	__EXPORT_SYMBOL(sym, "GPL", ns)
#endif /* __ASSEMBLY__ */

#endif /* _LINUX_EXPORT_H */
`;

const ASM_EXPORT_H = String.raw`/* aarch64-ftrace built-in stand-in: older trees export from assembly through this header. */
#include <linux/export.h>
`;

const LINUX_KCONFIG_H = String.raw`/*
 * aarch64-ftrace built-in stand-in for <linux/kconfig.h>: IS_ENABLED() and its
 * relatives, usable both in #if and in C expressions. The configuration itself
 * comes from <generated/autoconf.h> (the built-in one is empty: the chosen
 * kernel era's config arrives as -D defines).
 */
#ifndef __LINUX_KCONFIG_H
#define __LINUX_KCONFIG_H

#include <generated/autoconf.h>

/*
 * For an option defined as 1, __ARG_PLACEHOLDER_##option pastes into
 * __ARG_PLACEHOLDER_1, which expands to "0," and so moves the 1 that follows
 * into the second argument slot. Any other spelling leaves one junk token in
 * the first slot, and the second slot keeps the default.
 */
#define __ARG_PLACEHOLDER_1			0,
#define __kconfig_second(ignored, val, ...)	val

#define __is_defined(x)				__kconfig_defined1(x)
#define __kconfig_defined1(x)			__kconfig_defined2(__ARG_PLACEHOLDER_##x)
#define __kconfig_defined2(arg1_or_junk)	__kconfig_second(arg1_or_junk 1, 0)

/* x and y are already 0 or 1 here */
#define __or(x, y)				__kconfig_or1(x, y)
#define __kconfig_or1(x, y)			__kconfig_or2(__ARG_PLACEHOLDER_##x, y)
#define __kconfig_or2(arg1_or_junk, y)		__kconfig_second(arg1_or_junk 1, y)

#define __and(x, y)				__kconfig_and1(x, y)
#define __kconfig_and1(x, y)			__kconfig_and2(__ARG_PLACEHOLDER_##x, y)
#define __kconfig_and2(arg1_or_junk, y)		__kconfig_second(arg1_or_junk y, 0)

/* =y */
#define IS_BUILTIN(option)	__is_defined(option)
/* =m */
#define IS_MODULE(option)	__is_defined(option##_MODULE)
/* =y, or =m when this file is itself built as a module */
#define IS_REACHABLE(option)	__or(IS_BUILTIN(option), __and(IS_MODULE(option), __is_defined(MODULE)))
/* =y or =m */
#define IS_ENABLED(option)	__or(IS_BUILTIN(option), IS_MODULE(option))

#endif /* __LINUX_KCONFIG_H */
`;

const GENERATED_AUTOCONF_H = String.raw`/*
 * aarch64-ftrace built-in stand-in for a build's include/generated/autoconf.h:
 * empty. The CONFIG_* symbols come from the selected kernel era (or settings).
 */
`;

const ASM_ASM_OFFSETS_H = String.raw`/*
 * aarch64-ftrace built-in stand-in for <asm/asm-offsets.h>: as in the kernel,
 * it only pulls in the build's generated header.
 */
#include <generated/asm-offsets.h>
`;

const GENERATED_ASM_OFFSETS_H = String.raw`/*
 * aarch64-ftrace built-in stand-in for a build's include/generated/asm-offsets.h:
 * empty. S_*, PT_REGS_SIZE, FREGS_* and FTRACE_OPS_* are supplied as symbols by
 * the asm-offsets provider (the era's built-in table or a build directory).
 */
`;

const ASM_INSN_DEF_H = String.raw`/* aarch64-ftrace built-in stand-in for the arm64 <asm/insn-def.h> (v5.16+). */
#ifndef __ASM_INSN_DEF_H
#define __ASM_INSN_DEF_H

/* Every A64 instruction is 4 bytes. */
#define AARCH64_INSN_SIZE		4

#endif /* __ASM_INSN_DEF_H */
`;

const ASM_INSN_H = String.raw`/*
 * aarch64-ftrace built-in stand-in for the arm64 <asm/insn.h>; assembly only
 * needs AARCH64_INSN_SIZE from it (defined in <asm/insn-def.h> since v5.16).
 */
#ifndef __ASM_INSN_H
#define __ASM_INSN_H

#include <asm/insn-def.h>

#endif /* __ASM_INSN_H */
`;

const ASM_FTRACE_H = String.raw`/*
 * aarch64-ftrace built-in stand-in for the arm64 <asm/ftrace.h>, assembly part.
 * FTRACE_OPS_FUNC, FTRACE_OPS_DIRECT_CALL and the FREGS_* offsets are not here:
 * they are asm-offsets, supplied by the asm-offsets provider.
 */
#ifndef __ASM_FTRACE_H
#define __ASM_FTRACE_H

#include <asm/insn.h>

#define HAVE_FUNCTION_GRAPH_FP_TEST

#if defined(CONFIG_DYNAMIC_FTRACE_WITH_REGS) || defined(CONFIG_DYNAMIC_FTRACE_WITH_ARGS)
#define ARCH_SUPPORTS_FTRACE_OPS 1
#else
#define MCOUNT_ADDR		((unsigned long)_mcount)
#endif

/* The callsite instruction ftrace patches (the BL) is one instruction. */
#define MCOUNT_INSN_SIZE	AARCH64_INSN_SIZE

/* Module PLT slots: the ftrace_regs_caller one exists only with WITH_REGS (v5.5-v6.1). */
#define FTRACE_PLT_IDX		0
#ifdef CONFIG_DYNAMIC_FTRACE_WITH_REGS
#define FTRACE_REGS_PLT_IDX	1
#define NR_FTRACE_PLTS		2
#else
#define NR_FTRACE_PLTS		1
#endif

#endif /* __ASM_FTRACE_H */
`;

/** Built-in headers by include name, architecture headers before the generic ones. */
export const KERNEL_FALLBACK_HEADERS: ReadonlyMap<string, string> = new Map([
  ['asm/linkage.h', ASM_LINKAGE_H],
  ['linux/linkage.h', LINUX_LINKAGE_H],
  ['linux/cfi_types.h', LINUX_CFI_TYPES_H],
  ['asm/assembler.h', ASM_ASSEMBLER_H],
  ['linux/export.h', LINUX_EXPORT_H],
  ['asm/export.h', ASM_EXPORT_H],
  ['asm-generic/export.h', ASM_EXPORT_H],
  ['linux/kconfig.h', LINUX_KCONFIG_H],
  ['generated/autoconf.h', GENERATED_AUTOCONF_H],
  ['asm/asm-offsets.h', ASM_ASM_OFFSETS_H],
  ['generated/asm-offsets.h', GENERATED_ASM_OFFSETS_H],
  ['asm/insn.h', ASM_INSN_H],
  ['asm/insn-def.h', ASM_INSN_DEF_H],
  ['asm/ftrace.h', ASM_FTRACE_H],
]);

export interface FallbackMacro {
  readonly name: string;
  readonly kind: 'cpp' | 'gas';
  /** 0-based line of the definition in the header text. */
  readonly line: number;
}

const CPP_DEFINE = /^\s*#\s*define\s+([A-Za-z_]\w*)/;
const CPP_GUARD = /^\s*#\s*ifndef\s+([A-Za-z_]\w*)\s*$/;
const GAS_MACRO = /^\s*\.macro\s+([A-Za-z_.$][\w.$]*)/;

function macrosOf(text: string): FallbackMacro[] {
  const lines = text.split('\n');
  let guard: string | undefined;
  for (const l of lines) {
    const m = CPP_GUARD.exec(l);
    if (m) {
      guard = m[1];
      break;
    }
    if (/^\s*#/.test(l)) break;
  }
  const out: FallbackMacro[] = [];
  const seen = new Set<string>();
  lines.forEach((l, line) => {
    const m = CPP_DEFINE.exec(l) ?? GAS_MACRO.exec(l);
    if (!m || m[1] === guard || seen.has(m[1])) return;
    seen.add(m[1]);
    out.push({ name: m[1], kind: l.trimStart().startsWith('.') ? 'gas' : 'cpp', line });
  });
  return out;
}

/** The macros (cpp and gas) each built-in header defines, its include guard left out. */
export const FALLBACK_MACROS: ReadonlyMap<string, readonly FallbackMacro[]> = new Map(
  [...KERNEL_FALLBACK_HEADERS].map(([name, text]) => [name, macrosOf(text)]),
);

/**
 * The built-in header that supplies a macro, e.g. 'SYM_CODE_START' → 'linux/linkage.h'.
 * Where both an asm/ and a generic header define it, the asm/ one wins (it is read first).
 */
export function fallbackHeaderForMacro(name: string): string | undefined {
  for (const [header, macros] of FALLBACK_MACROS) if (macros.some((m) => m.name === name)) return header;
  return undefined;
}

/** Hover text for a macro that came from a built-in header. */
export function fallbackMacroNote(header: string): string {
  return `from the built-in fallback for <${header}>`;
}
