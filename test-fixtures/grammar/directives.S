// SYNTAX TEST "source.aarch64-asm" "assembler directives"

    .text
//  ^^^^^ meta.directive.aarch64-asm keyword.other.directive.section.aarch64-asm
    .section .text.ftrace_trampoline, "ax", %progbits
//  ^^^^^^^^ keyword.other.directive.section.aarch64-asm
//           ^^^^^^^^^^^^^^^^^^^^^^^ entity.name.section.aarch64-asm
//                                  ^ punctuation.separator.comma.aarch64-asm
//                                    ^ string.quoted.double.aarch64-asm punctuation.definition.string.begin.aarch64-asm
//                                     ^^ string.quoted.double.aarch64-asm
//                                          ^^^^^^^^^ support.constant.type-specifier.aarch64-asm
    .pushsection ".rodata.patch", "a", @progbits
//  ^^^^^^^^^^^^ keyword.other.directive.section.aarch64-asm
//               ^^^^^^^^^^^^^^^ entity.name.section.aarch64-asm
//                                     ^^^^^^^^^ support.constant.type-specifier.aarch64-asm
    .popsection
//  ^^^^^^^^^^^ keyword.other.directive.section.aarch64-asm
    .previous
//  ^^^^^^^^^ keyword.other.directive.section.aarch64-asm
    .data
//  ^^^^^ keyword.other.directive.section.aarch64-asm

    .align  3
//  ^^^^^^ keyword.other.directive.layout.aarch64-asm
//          ^ constant.numeric.integer.decimal.aarch64-asm
    .p2align 4, 0, 8
//  ^^^^^^^^ keyword.other.directive.layout.aarch64-asm
    .balign 8
//  ^^^^^^^ keyword.other.directive.layout.aarch64-asm
    .skip   16
//  ^^^^^ keyword.other.directive.layout.aarch64-asm
    .space  4 * 8, 0
//  ^^^^^^ keyword.other.directive.layout.aarch64-asm
    .fill   2, 4, 0xd503201f
//  ^^^^^ keyword.other.directive.layout.aarch64-asm
//                ^^^^^^^^^^ constant.numeric.integer.hexadecimal.aarch64-asm
    .org    . + 0x80
//  ^^^^ keyword.other.directive.layout.aarch64-asm
//          ^ variable.language.location-counter.aarch64-asm
//            ^ keyword.operator.arithmetic.aarch64-asm

    .byte   0x1f, 'a, '\n, 0b1010
//  ^^^^^ keyword.other.directive.data.aarch64-asm
//                ^^ constant.character.aarch64-asm
//                    ^^^ constant.character.aarch64-asm
//                         ^^^^^^ constant.numeric.integer.binary.aarch64-asm
    .hword  -1
//  ^^^^^^ keyword.other.directive.data.aarch64-asm
//          ^ keyword.operator.arithmetic.aarch64-asm
//           ^ constant.numeric.integer.decimal.aarch64-asm
    .short  0
//  ^^^^^^ keyword.other.directive.data.aarch64-asm
    .word   0xd503233f
//  ^^^^^ keyword.other.directive.data.aarch64-asm
    .long   ftrace_stub - .
//  ^^^^^ keyword.other.directive.data.aarch64-asm
//          ^^^^^^^^^^^ variable.other.symbol.aarch64-asm
    .int    42
//  ^^^^ keyword.other.directive.data.aarch64-asm
    .quad   0xffff800008000000
//  ^^^^^ keyword.other.directive.data.aarch64-asm
    .inst   0xd503201f      // nop
//  ^^^^^ keyword.other.directive.data.aarch64-asm
    .double 1.5, 2.0e10
//  ^^^^^^^ keyword.other.directive.data.aarch64-asm
//          ^^^ constant.numeric.float.aarch64-asm
//               ^^^^^^ constant.numeric.float.aarch64-asm
    .ascii  "ftrace\t"
//  ^^^^^^ keyword.other.directive.data.aarch64-asm
//          ^ string.quoted.double.aarch64-asm punctuation.definition.string.begin.aarch64-asm
//           ^^^^^^ string.quoted.double.aarch64-asm
//                 ^^ string.quoted.double.aarch64-asm constant.character.escape.aarch64-asm
//                   ^ string.quoted.double.aarch64-asm punctuation.definition.string.end.aarch64-asm
    .asciz  "say \"hi\"; // not a comment"
//  ^^^^^^ keyword.other.directive.data.aarch64-asm
//               ^^ constant.character.escape.aarch64-asm
//                     ^ string.quoted.double.aarch64-asm - punctuation.separator.statement.aarch64-asm
//                       ^^ string.quoted.double.aarch64-asm - comment.line.double-slash.aarch64-asm
    .string "\101\x42"
//  ^^^^^^^ keyword.other.directive.data.aarch64-asm
//           ^^^^ constant.character.escape.aarch64-asm
//               ^^^^ constant.character.escape.aarch64-asm

    .global ftrace_caller
//  ^^^^^^^ keyword.other.directive.symbol.aarch64-asm
    .globl  ftrace_graph_caller
//  ^^^^^^ keyword.other.directive.symbol.aarch64-asm
    .weak   arch_ftrace_hook
//  ^^^^^ keyword.other.directive.symbol.aarch64-asm
    .local  tramp_tmp
//  ^^^^^^ keyword.other.directive.symbol.aarch64-asm
    .type   ftrace_caller, %function
//  ^^^^^ keyword.other.directive.symbol.aarch64-asm
//                         ^^^^^^^^^ support.constant.type-specifier.aarch64-asm
    .type   ftrace_ops_list, @object
//                           ^^^^^^^ support.constant.type-specifier.aarch64-asm
    .size   ftrace_caller, . - ftrace_caller
//  ^^^^^ keyword.other.directive.symbol.aarch64-asm
//                         ^ variable.language.location-counter.aarch64-asm
    .set    FTRACE_FRAME, 0x20
//  ^^^^ keyword.other.directive.symbol.aarch64-asm
//          ^^^^^^^^^^^^ entity.name.constant.aarch64-asm
//                        ^^^^ constant.numeric.integer.hexadecimal.aarch64-asm
    .equ    S_LR, 30 * 8
//  ^^^^ keyword.other.directive.symbol.aarch64-asm
//          ^^^^ entity.name.constant.aarch64-asm
    .equiv  TRAMP_SZ, 16
//          ^^^^^^^^ entity.name.constant.aarch64-asm
PLT_SIZE = 0x10
// <-------- entity.name.constant.aarch64-asm
//       ^ keyword.operator.assignment.aarch64-asm
//         ^^^^ constant.numeric.integer.hexadecimal.aarch64-asm
.Lpatch_off = . - ftrace_caller
// <----------- entity.name.constant.aarch64-asm
//          ^ keyword.operator.assignment.aarch64-asm

    .arch   armv8.3-a+pauth
//  ^^^^^ keyword.other.directive.arch.aarch64-asm
//          ^^^^^^^^^^^^^^^ support.constant.architecture.aarch64-asm
    .arch_extension memtag
//  ^^^^^^^^^^^^^^^ keyword.other.directive.arch.aarch64-asm
//                  ^^^^^^ support.constant.architecture.aarch64-asm
    .cpu    cortex-a53
//  ^^^^ keyword.other.directive.arch.aarch64-asm
//          ^^^^^^^^^^ support.constant.architecture.aarch64-asm
    .cfi_startproc
//  ^^^^^^^^^^^^^^ keyword.other.directive.cfi.aarch64-asm
    .cfi_def_cfa_offset 16
//  ^^^^^^^^^^^^^^^^^^^ keyword.other.directive.cfi.aarch64-asm
    .variant_pcs ftrace_caller
//  ^^^^^^^^^^^^ keyword.other.directive.symbol.aarch64-asm
    .ltorg
//  ^^^^^^ keyword.other.directive.layout.aarch64-asm
    .my_custom_thing 1, 2
//  ^^^^^^^^^^^^^^^^ meta.directive.aarch64-asm keyword.other.directive.aarch64-asm
    .include "macros.inc"
//  ^^^^^^^^ keyword.other.directive.aarch64-asm
//            ^^^^^^^^^^ string.quoted.double.aarch64-asm

    .if     FTRACE_FRAME > 16
//  ^^^ keyword.control.directive.conditional.aarch64-asm
//                       ^ keyword.operator.comparison.aarch64-asm
    .elseif FTRACE_FRAME == 16
//  ^^^^^^^ keyword.control.directive.conditional.aarch64-asm
//                       ^^ keyword.operator.comparison.aarch64-asm
    .else
//  ^^^^^ keyword.control.directive.conditional.aarch64-asm
    .endif
//  ^^^^^^ keyword.control.directive.conditional.aarch64-asm
    .ifdef  CONFIG_FOO
//  ^^^^^^ keyword.control.directive.conditional.aarch64-asm
    .ifndef CONFIG_BAR
//  ^^^^^^^ keyword.control.directive.conditional.aarch64-asm
    .endif
    .endif
    .rept   4
//  ^^^^^ keyword.control.directive.loop.aarch64-asm
    nop
    .endr
//  ^^^^^ keyword.control.directive.loop.aarch64-asm
    .irp    n, 19, 21, 23
//  ^^^^ meta.directive.aarch64-asm keyword.control.directive.loop.aarch64-asm
//          ^ variable.parameter.loop.aarch64-asm
//             ^^ constant.numeric.integer.decimal.aarch64-asm
    .irpc   c, 0123
//  ^^^^^ keyword.control.directive.loop.aarch64-asm
//          ^ variable.parameter.loop.aarch64-asm
    .endr
    .endr
    .2byte  0x1234
//  ^^^^^^ keyword.other.directive.data.aarch64-asm
