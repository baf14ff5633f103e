// SYNTAX TEST "source.aarch64-asm" "C preprocessor lines and the '#' immediate trap"

#include <asm/assembler.h>
// <- meta.preprocessor.include.aarch64-asm keyword.control.directive.include.aarch64-asm punctuation.definition.directive.aarch64-asm
// <~------- meta.preprocessor.include.aarch64-asm keyword.control.directive.include.aarch64-asm
//       ^^^^^^^^^^^^^^^^^ meta.preprocessor.include.aarch64-asm string.quoted.other.lt-gt.include.aarch64-asm
#include "ftrace-offsets.h"	// local header
//       ^^^^^^^^^^^^^^^^^^ meta.preprocessor.include.aarch64-asm string.quoted.double.include.aarch64-asm
//                          ^^ comment.line.double-slash.aarch64-asm punctuation.definition.comment.aarch64-asm
  #  include <linux/linkage.h>
//^ keyword.control.directive.include.aarch64-asm punctuation.definition.directive.aarch64-asm
//   ^^^^^^^ keyword.control.directive.include.aarch64-asm
//           ^^^^^^^^^^^^^^^^^ string.quoted.other.lt-gt.include.aarch64-asm

#define FREGS_SIZE	0x80
// <- meta.preprocessor.macro.aarch64-asm keyword.control.directive.define.aarch64-asm punctuation.definition.directive.aarch64-asm
// <~------ keyword.control.directive.define.aarch64-asm
//      ^^^^^^^^^^ entity.name.constant.preprocessor.aarch64-asm
//                 ^^^^ meta.preprocessor.macro.aarch64-asm constant.numeric.integer.hexadecimal.aarch64-asm
#define FREGS_X2	(2 * 8)
//      ^^^^^^^^ entity.name.constant.preprocessor.aarch64-asm
//               ^ punctuation.section.parens.begin.aarch64-asm
//                ^ constant.numeric.integer.decimal.aarch64-asm
//                  ^ keyword.operator.arithmetic.aarch64-asm
//                     ^ punctuation.section.parens.end.aarch64-asm
#define IMM_FOUR  #4
// <- punctuation.definition.directive.aarch64-asm
//                ^^ meta.preprocessor.macro.aarch64-asm - keyword.control.directive.define.aarch64-asm punctuation.definition.directive.aarch64-asm
//                ^ punctuation.definition.immediate.aarch64-asm
//                 ^ constant.numeric.immediate.aarch64-asm
#define PAIR_OFF(n)	((n) * 16)
//      ^^^^^^^^ entity.name.constant.preprocessor.aarch64-asm
//              ^^^ meta.preprocessor.macro.aarch64-asm
//              ^ punctuation.section.parens.begin.aarch64-asm
//               ^ variable.parameter.preprocessor.aarch64-asm
//                ^ punctuation.section.parens.end.aarch64-asm
#define SAVE_PAIR(ra, rb, off)	\
//                ^^ variable.parameter.preprocessor.aarch64-asm
//                  ^ punctuation.separator.comma.aarch64-asm
//                    ^^ variable.parameter.preprocessor.aarch64-asm
//                             ^ meta.preprocessor.macro.aarch64-asm constant.character.escape.line-continuation.aarch64-asm
	stp	ra, rb, [sp, #off] ;	\
// <~--- meta.preprocessor.macro.aarch64-asm meta.instruction.aarch64-asm keyword.other.instruction.aarch64-asm
//                ^^^^ meta.preprocessor.macro.aarch64-asm
//                      ^ meta.preprocessor.macro.aarch64-asm punctuation.separator.statement.aarch64-asm
//                        ^ meta.preprocessor.macro.aarch64-asm constant.character.escape.line-continuation.aarch64-asm
	nop
// <~--- meta.preprocessor.macro.aarch64-asm keyword.other.instruction.aarch64-asm
    mov     x0, #0
//  ^^^ keyword.other.instruction.aarch64-asm - meta.preprocessor.macro.aarch64-asm
//              ^ punctuation.definition.immediate.aarch64-asm - meta.preprocessor.macro.aarch64-asm punctuation.definition.directive.aarch64-asm
//               ^ constant.numeric.immediate.aarch64-asm
    ldr     x0, [sp, #FREGS_X2]
//                   ^^^^^^^^^ - meta.preprocessor.macro.aarch64-asm punctuation.definition.directive.aarch64-asm
//                   ^ punctuation.definition.immediate.aarch64-asm
//                    ^^^^^^^^ variable.other.constant.aarch64-asm
#undef FREGS_SIZE
// <- meta.preprocessor.undef.aarch64-asm keyword.control.directive.undef.aarch64-asm punctuation.definition.directive.aarch64-asm
// <~----- keyword.control.directive.undef.aarch64-asm
//     ^^^^^^^^^^ entity.name.constant.preprocessor.aarch64-asm

#ifdef CONFIG_DYNAMIC_FTRACE_WITH_ARGS
// <- meta.preprocessor.conditional.aarch64-asm keyword.control.directive.conditional.aarch64-asm punctuation.definition.directive.aarch64-asm
// <~----- keyword.control.directive.conditional.aarch64-asm
//     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.preprocessor.conditional.aarch64-asm variable.other.constant.aarch64-asm
#ifndef __ASSEMBLY__
// <~------ keyword.control.directive.conditional.aarch64-asm
#if defined(CONFIG_ARM64_PTR_AUTH) && !defined(__KVM_NVHE_HYPERVISOR__)
// <~-- keyword.control.directive.conditional.aarch64-asm
//  ^^^^^^^ keyword.operator.defined.aarch64-asm
//         ^ punctuation.section.parens.begin.aarch64-asm
//                                 ^^ keyword.operator.logical.aarch64-asm
//                                    ^ keyword.operator.logical.aarch64-asm
//                                     ^^^^^^^ keyword.operator.defined.aarch64-asm
#elif CONFIG_ARM64_VA_BITS > 48 || \
// <~---- keyword.control.directive.conditional.aarch64-asm
//                         ^ keyword.operator.comparison.aarch64-asm
//                              ^^ keyword.operator.logical.aarch64-asm
//                                 ^ constant.character.escape.line-continuation.aarch64-asm
	defined(CONFIG_FOO)
// <~------- meta.preprocessor.conditional.aarch64-asm keyword.operator.defined.aarch64-asm
#else
// <- keyword.control.directive.conditional.aarch64-asm punctuation.definition.directive.aarch64-asm
// <~---- keyword.control.directive.conditional.aarch64-asm
#endif /* CONFIG_ARM64_PTR_AUTH */
// <~----- keyword.control.directive.conditional.aarch64-asm
//     ^^ comment.block.aarch64-asm punctuation.definition.comment.begin.aarch64-asm
#endif
#endif
#error "ftrace needs a frame pointer"
// <- meta.preprocessor.diagnostic.aarch64-asm keyword.control.directive.diagnostic.aarch64-asm punctuation.definition.directive.aarch64-asm
// <~----- keyword.control.directive.diagnostic.aarch64-asm
//     ^^^^^^^^^^^^^ meta.preprocessor.diagnostic.aarch64-asm string.unquoted.preprocessor.message.aarch64-asm
#warning don't use this
// <~------- keyword.control.directive.diagnostic.aarch64-asm
//       ^^^^^ string.unquoted.preprocessor.message.aarch64-asm - constant.character.aarch64-asm
#pragma once
// <- meta.preprocessor.aarch64-asm keyword.control.directive.aarch64-asm punctuation.definition.directive.aarch64-asm
// <~------ meta.preprocessor.aarch64-asm keyword.control.directive.aarch64-asm
# 12 "arch/arm64/kernel/fake.S" 2
// <- meta.preprocessor.line-marker.aarch64-asm punctuation.definition.directive.aarch64-asm
//^^ meta.preprocessor.line-marker.aarch64-asm constant.numeric.integer.decimal.aarch64-asm
//   ^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.preprocessor.line-marker.aarch64-asm string.quoted.double.aarch64-asm
//                              ^ constant.numeric.integer.decimal.aarch64-asm
