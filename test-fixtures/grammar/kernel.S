// SYNTAX TEST "source.aarch64-asm" "Linux kernel linkage macros and assembler.h helpers"

SYM_FUNC_START(ftrace_caller)
// <-------------- support.function.macro.kernel.aarch64-asm
//            ^ punctuation.section.parens.begin.aarch64-asm
//             ^^^^^^^^^^^^^ entity.name.function.aarch64-asm
//                          ^ punctuation.section.parens.end.aarch64-asm
SYM_CODE_START(ftrace_common)
// <-------------- support.function.macro.kernel.aarch64-asm
//             ^^^^^^^^^^^^^ entity.name.function.aarch64-asm
SYM_TYPED_FUNC_START(ftrace_stub)
// <-------------------- support.function.macro.kernel.aarch64-asm
//                   ^^^^^^^^^^^ entity.name.function.aarch64-asm
SYM_FUNC_START_LOCAL(__ftrace_tramp_helper)
// <-------------------- support.function.macro.kernel.aarch64-asm
//                   ^^^^^^^^^^^^^^^^^^^^^ entity.name.function.aarch64-asm
SYM_INNER_LABEL(ftrace_call, SYM_L_GLOBAL)
// <--------------- support.function.macro.kernel.aarch64-asm
//              ^^^^^^^^^^^ entity.name.function.aarch64-asm
//                         ^ punctuation.separator.comma.aarch64-asm
//                           ^^^^^^^^^^^^ support.constant.kernel.aarch64-asm - entity.name.function.aarch64-asm
SYM_FUNC_ALIAS(ftrace_stub_graph, ftrace_stub)
//             ^^^^^^^^^^^^^^^^^ entity.name.function.aarch64-asm
//                                ^^^^^^^^^^^ entity.name.function.aarch64-asm
SYM_DATA_START(ftrace_trampoline_table)
// <-------------- support.function.macro.kernel.aarch64-asm
//             ^^^^^^^^^^^^^^^^^^^^^^^ entity.name.variable.aarch64-asm
SYM_FUNC_END(ftrace_caller)
// <------------ support.function.macro.kernel.aarch64-asm
//           ^^^^^^^^^^^^^ entity.name.function.aarch64-asm
SYM_CODE_END(ftrace_common)
// <------------ support.function.macro.kernel.aarch64-asm
ENTRY(old_style_entry)
// <----- support.function.macro.kernel.aarch64-asm
//    ^^^^^^^^^^^^^^^ entity.name.function.aarch64-asm
ENDPROC(old_style_entry)
// <------- support.function.macro.kernel.aarch64-asm
//      ^^^^^^^^^^^^^^^ entity.name.function.aarch64-asm
EXPORT_SYMBOL(ftrace_stub)
// <------------- support.function.macro.kernel.aarch64-asm
//            ^^^^^^^^^^^ entity.name.function.aarch64-asm
EXPORT_SYMBOL_GPL(ftrace_caller)
// <----------------- support.function.macro.kernel.aarch64-asm
NOKPROBE(ftrace_caller)
// <-------- support.function.macro.kernel.aarch64-asm
//       ^^^^^^^^^^^^^ entity.name.function.aarch64-asm
SYM_FUNC_START(\name\()_entry)
//             ^^^^^ entity.name.function.aarch64-asm variable.parameter.macro.aarch64-asm
//                  ^^^ keyword.operator.concatenation.aarch64-asm
    ALTERNATIVE("nop", "bti c", ARM64_HAS_BTI)
//  ^^^^^^^^^^^ meta.function-call.aarch64-asm entity.name.function.call.aarch64-asm
//             ^ punctuation.section.parens.begin.aarch64-asm
//              ^^^^^ string.quoted.double.aarch64-asm
//                              ^^^^^^^^^^^^^ variable.other.constant.aarch64-asm
    _ASM_EXTABLE_UACCESS(1b, 9f)
//  ^^^^^^^^^^^^^^^^^^^^ entity.name.function.call.aarch64-asm
//                       ^^ variable.other.label.numeric.aarch64-asm

    ldr_l   x0, ftrace_ops_list
//  ^^^^^ meta.instruction.aarch64-asm support.function.macro.aarch64-asm
//              ^^^^^^^^^^^^^^^ variable.other.symbol.aarch64-asm
    adr_l   x1, ftrace_list_end
//  ^^^^^ support.function.macro.aarch64-asm
    str_l   x2, ftrace_trace_function, x3
//  ^^^^^ support.function.macro.aarch64-asm
    ldr_this_cpu x0, irq_stack_ptr, x1
//  ^^^^^^^^^^^^ support.function.macro.aarch64-asm
    adr_this_cpu x0, cpu_number, x1
//  ^^^^^^^^^^^^ support.function.macro.aarch64-asm
    mov_q   x0, 0xffff800008000000
//  ^^^^^ support.function.macro.aarch64-asm
//              ^^^^^^^^^^^^^^^^^^ constant.numeric.integer.hexadecimal.aarch64-asm
    get_current_task x1
//  ^^^^^^^^^^^^^^^^ support.function.macro.aarch64-asm
//                   ^^ variable.language.register.general.aarch64-asm
    ret_to_user
//  ^^^^^^^^^^^ support.function.macro.aarch64-asm - keyword.control.branch.aarch64-asm
alternative_if ARM64_HAS_ADDRESS_AUTH
// <-------------- support.function.macro.aarch64-asm
//             ^^^^^^^^^^^^^^^^^^^^^^ variable.other.constant.aarch64-asm
    frame_push 4
//  ^^^^^^^^^^ support.function.macro.aarch64-asm

SYM_CODE_START(ftrace_regs_caller)
    sub     sp, sp, #FREGS_SIZE
    stp     x0, x1, [sp, #FREGS_X0]
//  ^^^ keyword.other.instruction.aarch64-asm
//                       ^^^^^^^^^ - punctuation.definition.directive.aarch64-asm keyword.control.directive.conditional.aarch64-asm
//                        ^^^^^^^^ variable.other.constant.aarch64-asm
    str     x30, [sp, #FREGS_LR]
    mov     x0, x30                 // parent ip
    sub     x0, x0, #AARCH64_INSN_SIZE
    ldr_l   x2, function_trace_op
//  ^^^^^ support.function.macro.aarch64-asm
SYM_INNER_LABEL(ftrace_regs_call, SYM_L_GLOBAL)
    bl      ftrace_stub
//  ^^ keyword.control.branch.aarch64-asm
    ldp     x0, x1, [sp, #FREGS_X0]
    add     sp, sp, #FREGS_SIZE
    ret     x9
SYM_CODE_END(ftrace_regs_caller)
//           ^^^^^^^^^^^^^^^^^^ entity.name.function.aarch64-asm
