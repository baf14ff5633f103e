// SYNTAX TEST "source.aarch64-asm" "SVE and SME registers, predicates, patterns and ZA"

// SVE registers: z with an arrangement or an element, the governing predicate with /m or /z
    add     z0.b, p0/m, z0.b, z1.b
//  ^^^ keyword.other.instruction.aarch64-asm
//          ^^ variable.language.register.sve.aarch64-asm
//            ^^ storage.type.arrangement.aarch64-asm
//                ^^ variable.language.register.predicate.aarch64-asm
//                  ^^ storage.modifier.predication.aarch64-asm
//                            ^^ variable.language.register.sve.aarch64-asm
    ld1d    {z8.d}, p0/z, [x0, x1, lsl #3]
//          ^ punctuation.section.braces.begin.aarch64-asm
//           ^^ variable.language.register.sve.aarch64-asm
//             ^^ storage.type.arrangement.aarch64-asm
//               ^ punctuation.section.braces.end.aarch64-asm
//                  ^^ variable.language.register.predicate.aarch64-asm
//                    ^^ storage.modifier.predication.aarch64-asm
//                             ^^ variable.language.register.general.aarch64-asm
    LD1D    {Z0.D}, P1/Z, [X0, Z1.D, LSL #3]
//           ^^ variable.language.register.sve.aarch64-asm
//             ^^ storage.type.arrangement.aarch64-asm
//                  ^^ variable.language.register.predicate.aarch64-asm
//                    ^^ storage.modifier.predication.aarch64-asm
//                             ^^ variable.language.register.sve.aarch64-asm
//                               ^^ storage.type.arrangement.aarch64-asm
    ld4d    {z8.d-z11.d}, p0/z, [x2]
//           ^^ variable.language.register.sve.aarch64-asm
//                ^^^ variable.language.register.sve.aarch64-asm
//                   ^^ storage.type.arrangement.aarch64-asm
    mov     z0.d, z9.d[1]
//                ^^ variable.language.register.sve.aarch64-asm
//                  ^^ storage.type.arrangement.aarch64-asm
//                    ^ punctuation.section.brackets.begin.aarch64-asm
//                     ^ constant.numeric.integer.decimal.aarch64-asm
    ld1w    {z10.s}, p0/z, [z9.s, #4]
//                          ^^ variable.language.register.sve.aarch64-asm
//                            ^^ storage.type.arrangement.aarch64-asm
//                                 ^ constant.numeric.immediate.aarch64-asm
    mov     z31.q, q1
//          ^^^ variable.language.register.sve.aarch64-asm
//             ^^ storage.type.arrangement.aarch64-asm
    z40     .req x0
//  ^^^ entity.name.variable.register-alias.aarch64-asm
    mov     x0, z32
//              ^^^ variable.other.symbol.aarch64-asm - variable.language.register.sve.aarch64-asm
    mov     x0, p16
//              ^^^ variable.other.symbol.aarch64-asm - variable.language.register.predicate.aarch64-asm
// spills: VL-scaled offsets
    str     z8, [sp, #1, mul vl]
//          ^^ variable.language.register.sve.aarch64-asm
//               ^^ variable.language.register.general.aarch64-asm
//                    ^ constant.numeric.immediate.aarch64-asm
//                       ^^^^^^ keyword.operator.multiplier.aarch64-asm
    ldr     p15, [x1, #-3, MUL VL]
//          ^^^ variable.language.register.predicate.aarch64-asm
//                     ^^ constant.numeric.immediate.aarch64-asm
//                         ^^^^^^ keyword.operator.multiplier.aarch64-asm
    ldr     z1, [x0,#2,mul vl]
//          ^^ variable.language.register.sve.aarch64-asm
//                     ^^^^^^ keyword.operator.multiplier.aarch64-asm
// the first-fault register and predicate patterns
    rdffr   p0.b, p1/z
//  ^^^^^ keyword.other.instruction.aarch64-asm
//          ^^ variable.language.register.predicate.aarch64-asm
//            ^^ storage.type.arrangement.aarch64-asm
//                  ^^ storage.modifier.predication.aarch64-asm
    wrffr   p0.b
//          ^^ variable.language.register.predicate.aarch64-asm
    setffr
//  ^^^^^^ keyword.other.instruction.aarch64-asm
    ptrue   p0.s, vl64
//          ^^ variable.language.register.predicate.aarch64-asm
//                ^^^^ constant.language.predicate-pattern.aarch64-asm
    ptrue   p1.d, pow2
//                ^^^^ constant.language.predicate-pattern.aarch64-asm
    ptrues  p2.h, VL8
//                ^^^ constant.language.predicate-pattern.aarch64-asm
    ptrue   p3.b, mul3
//                ^^^^ constant.language.predicate-pattern.aarch64-asm
    cntb    x0, all, mul #4
//              ^^^ constant.language.predicate-pattern.aarch64-asm
//                   ^^^ keyword.operator.multiplier.aarch64-asm
//                        ^ constant.numeric.immediate.aarch64-asm
    sqincw  x0, w0, vl256, mul #16
//                  ^^^^^ constant.language.predicate-pattern.aarch64-asm
//                         ^^^ keyword.operator.multiplier.aarch64-asm
    cntd    x1, #28
//               ^^ constant.numeric.immediate.aarch64-asm
    b       all
//          ^^^ variable.other.symbol.aarch64-asm - constant.language.predicate-pattern.aarch64-asm
    .quad   vl64, pow2
//          ^^^^ variable.other.symbol.aarch64-asm - constant.language.predicate-pattern.aarch64-asm
//                ^^^^ variable.other.symbol.aarch64-asm - constant.language.predicate-pattern.aarch64-asm
    whilelo p0.d, xzr, x3
//  ^^^^^^^ keyword.other.instruction.aarch64-asm
//          ^^ variable.language.register.predicate.aarch64-asm
//                ^^^ variable.language.register.general.aarch64-asm
    b.first 1f
//  ^^^^^^^ keyword.control.branch.aarch64-asm
// SME: streaming mode, the ZA array, tiles and their slices
    smstart
//  ^^^^^^^ keyword.other.instruction.system.aarch64-asm
    smstart sm
//          ^^ variable.language.register.system.aarch64-asm
    smstop  za
//          ^^ variable.language.register.system.aarch64-asm
    msr     svcrsmza, #0
//          ^^^^^^^^ variable.language.register.system.aarch64-asm
    zero    {za}
//          ^ punctuation.section.braces.begin.aarch64-asm
//           ^^ variable.language.register.sve.aarch64-asm
//             ^ punctuation.section.braces.end.aarch64-asm
    zero    {za0.s, za1.s}
//           ^^^ variable.language.register.sve.aarch64-asm
//              ^^ storage.type.arrangement.aarch64-asm
//                  ^^^ variable.language.register.sve.aarch64-asm
    ldr     za[w12, 0], [x0]
//          ^^ variable.language.register.sve.aarch64-asm
//            ^ punctuation.section.brackets.begin.aarch64-asm
//             ^^^ variable.language.register.general.aarch64-asm
//                  ^ constant.numeric.integer.decimal.aarch64-asm
    str     za[w13, 15], [x1, #15, mul vl]
//          ^^ variable.language.register.sve.aarch64-asm
//             ^^^ variable.language.register.general.aarch64-asm
//                                 ^^^^^^ keyword.operator.multiplier.aarch64-asm
    mova    za0h.s[w12, 1], p0/m, z1.s
//          ^^^^ variable.language.register.sve.aarch64-asm
//              ^^ storage.type.arrangement.aarch64-asm
//                 ^^^ variable.language.register.general.aarch64-asm
//                          ^^ variable.language.register.predicate.aarch64-asm
//                            ^^ storage.modifier.predication.aarch64-asm
    mov     z2.d, p2/m, za7v.d[w14, 1]
//                      ^^^^ variable.language.register.sve.aarch64-asm
//                          ^^ storage.type.arrangement.aarch64-asm
    ld1q    {za15h.q[w15, 0]}, p0/z, [x0]
//           ^^^^^ variable.language.register.sve.aarch64-asm
//                ^^ storage.type.arrangement.aarch64-asm
    st1b    {ZA0V.B[W13, 3]}, p1, [x0, x1]
//           ^^^^ variable.language.register.sve.aarch64-asm
//               ^^ storage.type.arrangement.aarch64-asm
//                  ^^^ variable.language.register.general.aarch64-asm
    mov     x0, za16h
//              ^^^^^ variable.other.symbol.aarch64-asm - variable.language.register.sve.aarch64-asm
    ldr     zt0, [x0]
//          ^^^ variable.language.register.sve.aarch64-asm
// .inst words built by macros, registers from macro parameters
    .inst   0x2519f000 | (\p)
//          ^^^^^^^^^^ constant.numeric.integer.hexadecimal.aarch64-asm
//                        ^^ variable.parameter.macro.aarch64-asm
    str     z\n, [x0, #\n, mul vl]
//          ^ variable.language.register.aarch64-asm
//           ^^ variable.parameter.macro.aarch64-asm
//                         ^^^^^^ keyword.operator.multiplier.aarch64-asm
    ldr     p\n, [x1, #\n, mul vl]
//          ^ variable.language.register.aarch64-asm
//           ^^ variable.parameter.macro.aarch64-asm
    .arch   armv8.2-a+sve
//          ^^^^^^^^^^^^^ support.constant.architecture.aarch64-asm
    .arch_extension sme
//                  ^^^ support.constant.architecture.aarch64-asm
