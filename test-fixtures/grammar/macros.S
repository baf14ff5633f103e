// SYNTAX TEST "source.aarch64-asm" "gas macros, macro parameters and .req aliases"

    .macro  ftrace_regs_entry, allregs
//  ^^^^^^ meta.directive.macro.aarch64-asm keyword.control.directive.macro.aarch64-asm
//          ^^^^^^^^^^^^^^^^^ entity.name.function.macro.aarch64-asm
//                           ^ punctuation.separator.comma.aarch64-asm
//                             ^^^^^^^ variable.parameter.macro.aarch64-asm
    .macro  save_pair first, second=x1, off:req, rest:vararg
//          ^^^^^^^^^ entity.name.function.macro.aarch64-asm
//                    ^^^^^ variable.parameter.macro.aarch64-asm
//                           ^^^^^^ variable.parameter.macro.aarch64-asm
//                                 ^ keyword.operator.assignment.aarch64-asm
//                                  ^^ variable.language.register.general.aarch64-asm
//                                      ^^^ variable.parameter.macro.aarch64-asm
//                                         ^ punctuation.separator.qualifier.aarch64-asm
//                                          ^^^ storage.modifier.macro-qualifier.aarch64-asm
//                                               ^^^^ variable.parameter.macro.aarch64-asm
//                                                    ^^^^^^ storage.modifier.macro-qualifier.aarch64-asm
    .macro  pad_count n=0x10    // trailing comment
//                    ^ variable.parameter.macro.aarch64-asm
//                      ^^^^ constant.numeric.integer.hexadecimal.aarch64-asm
//                              ^^ comment.line.double-slash.aarch64-asm
    stp     \first, \second, [sp, #\off]
//  ^^^ keyword.other.instruction.aarch64-asm
//          ^^^^^^ variable.parameter.macro.aarch64-asm
//                ^ punctuation.separator.comma.aarch64-asm
//                  ^^^^^^^ variable.parameter.macro.aarch64-asm
//                           ^ punctuation.section.brackets.begin.aarch64-asm
//                            ^^ variable.language.register.general.aarch64-asm
//                                ^ punctuation.definition.immediate.aarch64-asm
//                                 ^^^^ variable.parameter.macro.aarch64-asm
//                                     ^ punctuation.section.brackets.end.aarch64-asm
    ldr_l   \dst, \sym
//  ^^^^^ support.function.macro.aarch64-asm
//          ^^^^ variable.parameter.macro.aarch64-asm
//                ^^^^ variable.parameter.macro.aarch64-asm
    stp     x\n, x\()\m, [sp, #16 * \n]
//          ^ variable.language.register.aarch64-asm
//           ^^ variable.parameter.macro.aarch64-asm
//               ^ variable.language.register.aarch64-asm
//                ^^^ keyword.operator.concatenation.aarch64-asm
//                   ^^ variable.parameter.macro.aarch64-asm
//                            ^^^ - variable.parameter.macro.aarch64-asm
//                             ^^ constant.numeric.immediate.aarch64-asm
//                                ^ keyword.operator.arithmetic.aarch64-asm
//                                    ^ punctuation.section.brackets.end.aarch64-asm
    ldr     \reg, [sp, #S_X0] ; ret
//          ^^^^ variable.parameter.macro.aarch64-asm
//                 ^^ variable.language.register.general.aarch64-asm
//                      ^^^^ variable.other.constant.aarch64-asm
//                            ^ punctuation.separator.statement.aarch64-asm
//                              ^^^ keyword.control.branch.aarch64-asm
    \op     x0, x1
//  ^^^ meta.instruction.aarch64-asm keyword.other.instruction.aarch64-asm variable.parameter.macro.aarch64-asm
//              ^^ variable.language.register.general.aarch64-asm
    ld\()\sz    w0, [x1]
//  ^^ keyword.other.instruction.aarch64-asm
//       ^^^ keyword.other.instruction.aarch64-asm variable.parameter.macro.aarch64-asm
//              ^^ variable.language.register.general.aarch64-asm
\label\()_done:
// <------ entity.name.label.aarch64-asm variable.parameter.macro.aarch64-asm
//       ^^^^^ entity.name.label.aarch64-asm
//            ^ punctuation.separator.label.aarch64-asm
.Lskip_\@:
// <------- entity.name.label.local.aarch64-asm
//     ^^ entity.name.label.local.aarch64-asm variable.language.macro-counter.aarch64-asm
    b.ne    .Lskip_\@
//          ^^^^^^^ variable.other.label.local.aarch64-asm
//                 ^^ variable.language.macro-counter.aarch64-asm
    b.\cond  1f
//  ^^ keyword.control.branch.aarch64-asm
//    ^^^^^ keyword.control.branch.aarch64-asm variable.parameter.macro.aarch64-asm
    fcmp\().\size d0, d1
//  ^^^^ keyword.other.instruction.aarch64-asm
//         ^^^^^^ keyword.other.instruction.aarch64-asm
//                ^^ variable.language.register.simd.aarch64-asm
    save_pair first=x0, second=x1, off=16
//  ^^^^^^^^^ keyword.other.instruction.aarch64-asm
//            ^^^^^ variable.other.symbol.aarch64-asm
//                 ^ keyword.operator.assignment.aarch64-asm - keyword.operator.literal-pool.aarch64-asm
//                  ^^ variable.language.register.general.aarch64-asm
//                                    ^ keyword.operator.assignment.aarch64-asm
    .arch   \arch_name
//  ^^^^^ meta.directive.aarch64-asm keyword.other.directive.arch.aarch64-asm
//          ^^^^^^^^^^ variable.parameter.macro.aarch64-asm
    .if     \allregs == 1
//          ^^^^^^^^ variable.parameter.macro.aarch64-asm
    .set    \label\()_size, 8
//          ^^^^^^ entity.name.constant.aarch64-asm variable.parameter.macro.aarch64-asm
    .irp    \var, 0, 1
//          ^^^^ variable.parameter.loop.aarch64-asm variable.parameter.macro.aarch64-asm
    .ifc    \first, x0
//  ^^^^ keyword.control.directive.conditional.aarch64-asm
    .exitm
//  ^^^^^^ keyword.control.directive.macro.aarch64-asm
    .endif
    .endr
    .endm
//  ^^^^^ keyword.control.directive.macro.aarch64-asm
    .purgem pad_count
//  ^^^^^^^ keyword.control.directive.macro.aarch64-asm

tmp     .req    x9
// <--- meta.directive.aarch64-asm entity.name.variable.register-alias.aarch64-asm
//      ^^^^ keyword.other.directive.symbol.aarch64-asm
//              ^^ variable.language.register.general.aarch64-asm
vtmp    .req    v16
// <---- entity.name.variable.register-alias.aarch64-asm
//              ^^^ variable.language.register.simd.aarch64-asm
    mov     tmp, #1
//  ^^^ keyword.other.instruction.aarch64-asm
//          ^^^ variable.other.symbol.aarch64-asm - entity.name.variable.register-alias.aarch64-asm
    .unreq  tmp
//  ^^^^^^ keyword.other.directive.symbol.aarch64-asm
//          ^^^ variable.other.register-alias.aarch64-asm
    .unreq  vtmp
//          ^^^^ variable.other.register-alias.aarch64-asm
