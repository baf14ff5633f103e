// SYNTAX TEST "source.aarch64-asm" "A64 instructions, registers and operands"

    mov     x0, x1
//  ^^^ meta.instruction.aarch64-asm keyword.other.instruction.aarch64-asm
//          ^^ variable.language.register.general.aarch64-asm
//            ^ punctuation.separator.comma.aarch64-asm
    MOV     X29, SP
//  ^^^ keyword.other.instruction.aarch64-asm
//          ^^^ variable.language.register.general.aarch64-asm
//               ^^ variable.language.register.general.aarch64-asm
    add     w0, wsp, wzr
//          ^^ variable.language.register.general.aarch64-asm
//              ^^^ variable.language.register.general.aarch64-asm
//                   ^^^ variable.language.register.general.aarch64-asm
    orr     x30, xzr, lr
//          ^^^ variable.language.register.general.aarch64-asm
//               ^^^ variable.language.register.general.aarch64-asm
//                    ^^ variable.language.register.general.aarch64-asm
    mov     fp, ip0
//          ^^ variable.language.register.general.aarch64-asm
//              ^^^ variable.language.register.general.aarch64-asm
    mov     ip1, x31
//          ^^^ variable.language.register.general.aarch64-asm
//               ^^^ variable.other.symbol.aarch64-asm - variable.language.register.general.aarch64-asm
    ldp     x29, x30, [sp], #16
//                    ^ punctuation.section.brackets.begin.aarch64-asm
//                       ^ punctuation.section.brackets.end.aarch64-asm
//                          ^ punctuation.definition.immediate.aarch64-asm
//                           ^^ constant.numeric.immediate.aarch64-asm
    stp     x29, x30, [sp, #-16]!
//                          ^^^ constant.numeric.immediate.aarch64-asm
//                              ^ keyword.operator.writeback.aarch64-asm
    sub     sp, sp, #0x10
//                   ^^^^ constant.numeric.immediate.aarch64-asm
    mov     x0, #+3
//               ^^ constant.numeric.immediate.aarch64-asm

    b       ftrace_stub
//  ^ keyword.control.branch.aarch64-asm
//          ^^^^^^^^^^^ variable.other.symbol.aarch64-asm
    bl      ftrace_graph_func
//  ^^ keyword.control.branch.aarch64-asm
    br      x16
//  ^^ keyword.control.branch.aarch64-asm
    blr     x2
//  ^^^ keyword.control.branch.aarch64-asm
    ret     x9
//  ^^^ keyword.control.branch.aarch64-asm
    cbz     x0, 1f
//  ^^^ keyword.control.branch.aarch64-asm
    cbnz    w1, 1f
//  ^^^^ keyword.control.branch.aarch64-asm
    tbnz    x0, #63, 1f
//  ^^^^ keyword.control.branch.aarch64-asm
    b.ne    1f
//  ^^^^ keyword.control.branch.aarch64-asm
    b.hs    1f
//  ^^^^ keyword.control.branch.aarch64-asm
    B.EQ    1f
//  ^^^^ keyword.control.branch.aarch64-asm
    bc.eq   1f
//  ^^^^^ keyword.control.branch.aarch64-asm
    eret
//  ^^^^ keyword.control.branch.aarch64-asm
    braa    x16, x17
//  ^^^^ keyword.control.branch.aarch64-asm
    retaa
//  ^^^^^ keyword.control.branch.aarch64-asm
    brk     #0x800
//  ^^^ keyword.other.instruction.aarch64-asm
    retry_loop  x0
//  ^^^^^^^^^^ keyword.other.instruction.aarch64-asm - keyword.control.branch.aarch64-asm

    csel    x0, x1, x2, eq
//  ^^^^ keyword.other.instruction.conditional.aarch64-asm
//                      ^^ constant.language.condition.aarch64-asm
    csinc   w0, w1, w2, hs
//                      ^^ constant.language.condition.aarch64-asm
    cset    w0, lo
//  ^^^^ keyword.other.instruction.conditional.aarch64-asm
//              ^^ constant.language.condition.aarch64-asm
    ccmp    x0, #0, #4, ne
//  ^^^^ keyword.other.instruction.conditional.aarch64-asm
//                      ^^ constant.language.condition.aarch64-asm
    csetm   x3, ls
//              ^^ constant.language.condition.aarch64-asm
    cinc    x0, x0, GT
//                  ^^ constant.language.condition.aarch64-asm
    mov     x0, lo
//              ^^ variable.other.symbol.aarch64-asm - constant.language.condition.aarch64-asm

    mrs     x0, sctlr_el1
//  ^^^ keyword.other.instruction.system.aarch64-asm
//              ^^^^^^^^^ variable.language.register.system.aarch64-asm
    msr     tpidr_el1, x1
//  ^^^ keyword.other.instruction.system.aarch64-asm
//          ^^^^^^^^^ variable.language.register.system.aarch64-asm
    mrs     x1, daif
//              ^^^^ variable.language.register.system.aarch64-asm
    msr     daifset, #3
//          ^^^^^^^ variable.language.register.system.aarch64-asm
    mrs     x2, nzcv
//              ^^^^ variable.language.register.system.aarch64-asm
    msr     s3_0_c1_c0_0, x0
//          ^^^^^^^^^^^^ variable.language.register.system.aarch64-asm
    mov     x0, s3_4_c15_c2_7
//              ^^^^^^^^^^^^^ variable.language.register.system.aarch64-asm
    mrs_s   x0, SYS_ICC_PMR_EL1
//  ^^^^^ keyword.other.instruction.system.aarch64-asm
//              ^^^^^^^^^^^^^^^ variable.language.register.system.aarch64-asm
    isb
//  ^^^ keyword.other.instruction.system.aarch64-asm
    dsb     ish
//  ^^^ keyword.other.instruction.system.aarch64-asm
//          ^^^ constant.language.system-operation.aarch64-asm
    dmb     ishld
//          ^^^^^ constant.language.system-operation.aarch64-asm
    tlbi    vmalle1is
//          ^^^^^^^^^ constant.language.system-operation.aarch64-asm
    dc      civac, x0
//          ^^^^^ constant.language.system-operation.aarch64-asm
    ic      ivau, x1
//          ^^^^ constant.language.system-operation.aarch64-asm
    bti     jc
//          ^^ constant.language.system-operation.aarch64-asm
    sys     #0, c7, c5, #0
//              ^^ constant.language.system-operation.aarch64-asm
    b       finalise_el2
//          ^^^^^^^^^^^^ variable.other.symbol.aarch64-asm - variable.language.register.system.aarch64-asm

    ld1     {v0.16b-v3.16b}, [x0], #64
//          ^ punctuation.section.braces.begin.aarch64-asm
//           ^^ variable.language.register.simd.aarch64-asm
//             ^^^^ storage.type.arrangement.aarch64-asm
//                 ^ keyword.operator.arithmetic.aarch64-asm
//                        ^ punctuation.section.braces.end.aarch64-asm
    ins     v2.s[1], w3
//          ^^ variable.language.register.simd.aarch64-asm
//            ^^ storage.type.arrangement.aarch64-asm
//              ^ punctuation.section.brackets.begin.aarch64-asm
//               ^ constant.numeric.integer.decimal.aarch64-asm
    fadd    v1.2d, v2.2d, v31.2d
//            ^^^ storage.type.arrangement.aarch64-asm
//                        ^^^ variable.language.register.simd.aarch64-asm
    ldr     q0, [x1]
//          ^^ variable.language.register.simd.aarch64-asm
    fmov    d1, #1.0
//          ^^ variable.language.register.simd.aarch64-asm
//               ^^^ constant.numeric.immediate.aarch64-asm
    fcvt    h2, s3
//          ^^ variable.language.register.simd.aarch64-asm
//              ^^ variable.language.register.simd.aarch64-asm
    mov     b31, v4.b[0]
//          ^^^ variable.language.register.simd.aarch64-asm
    ld1d    z0.d, p0/z, [x0, #1, mul vl]
//          ^^ variable.language.register.sve.aarch64-asm
//            ^^ storage.type.arrangement.aarch64-asm
//                ^^ variable.language.register.predicate.aarch64-asm
//                  ^^ storage.modifier.predication.aarch64-asm
//                               ^^^^^^ keyword.operator.multiplier.aarch64-asm
    mov     z1.s, p15/m, z2.s
//                ^^^ variable.language.register.predicate.aarch64-asm
//                   ^^ storage.modifier.predication.aarch64-asm
    ptrue   p1.b
//          ^^ variable.language.register.predicate.aarch64-asm
//            ^^ storage.type.arrangement.aarch64-asm
    rdffr   p2.b, ffr
//                ^^^ variable.language.register.sve.aarch64-asm

    add     x0, x1, x2, lsl #3
//                      ^^^ keyword.operator.shift.aarch64-asm
    orr     x0, x1, x2, ROR #8
//                      ^^^ keyword.operator.shift.aarch64-asm
    sub     x0, x1, w2, uxtw #2
//                      ^^^^ keyword.operator.extend.aarch64-asm
    ldr     x0, [x1, w2, sxtw #3]
//                       ^^^^ keyword.operator.extend.aarch64-asm
    add     x0, x1, x2, sxtx
//                      ^^^^ keyword.operator.extend.aarch64-asm
    movi    v0.4s, #0xff, msl #8
//                        ^^^ keyword.operator.shift.aarch64-asm
    asr     x0, x1, #2
//  ^^^ keyword.other.instruction.aarch64-asm - keyword.operator.shift.aarch64-asm

    adrp    x0, :pg_hi21:ftrace_ops
//              ^^^^^^^^^ keyword.operator.relocation.aarch64-asm
//                       ^^^^^^^^^^ variable.other.symbol.aarch64-asm
    add     x0, x0, #:lo12:ftrace_ops
//                  ^ punctuation.definition.immediate.aarch64-asm
//                   ^^^^^^ keyword.operator.relocation.aarch64-asm
    ldr     x1, [x0, :got_lo12:sym]
//                   ^^^^^^^^^^ keyword.operator.relocation.aarch64-asm
    adrp    x1, :got:sym
//              ^^^^^ keyword.operator.relocation.aarch64-asm
    movz    x0, #:abs_g1_nc:sym, lsl #16
//               ^^^^^^^^^^^ keyword.operator.relocation.aarch64-asm
    movk    x0, #:abs_g0:sym
//               ^^^^^^^^ keyword.operator.relocation.aarch64-asm
    ldr     x0, =0xffff0000
//              ^ keyword.operator.literal-pool.aarch64-asm
//               ^^^^^^^^^^ constant.numeric.integer.hexadecimal.aarch64-asm
    mov     x0, #(1 << 12) | 0x7
//               ^ punctuation.section.parens.begin.aarch64-asm
//                  ^^ keyword.operator.bitwise.shift.aarch64-asm
//                       ^ punctuation.section.parens.end.aarch64-asm
//                         ^ keyword.operator.bitwise.aarch64-asm
    mov     x1, #~0 & 0xff
//               ^ keyword.operator.bitwise.aarch64-asm
//                  ^ keyword.operator.bitwise.aarch64-asm
    mov     w0, #'A'
//               ^^^ constant.character.aarch64-asm
    mov     x0, #FTRACE_FRAME + 8
//               ^^^^^^^^^^^^ variable.other.constant.aarch64-asm
//                            ^ keyword.operator.arithmetic.aarch64-asm
    and     x0, x0, #0b1111
//                   ^^^^^^ constant.numeric.immediate.aarch64-asm
	ldr	x2, [sp, #16]
// <~--- keyword.other.instruction.aarch64-asm
//   ^^ variable.language.register.general.aarch64-asm
//             ^^ constant.numeric.immediate.aarch64-asm
