// SYNTAX TEST "source.aarch64-asm" "labels, local labels and label references"

ftrace_stub:
// <----------- entity.name.label.aarch64-asm
//         ^ punctuation.separator.label.aarch64-asm
__arm64_tramp:  ret
// <------------- entity.name.label.aarch64-asm - keyword.other.instruction.aarch64-asm
//           ^ punctuation.separator.label.aarch64-asm
//              ^^^ keyword.control.branch.aarch64-asm
1:  b.eq    1b
// <- entity.name.label.numeric.aarch64-asm
// <~- punctuation.separator.label.aarch64-asm
//  ^^^^ keyword.control.branch.aarch64-asm
//          ^^ variable.other.label.numeric.aarch64-asm - entity.name.label.numeric.aarch64-asm
2:
// <- entity.name.label.numeric.aarch64-asm
    cbnz    x0, 2b
//              ^^ variable.other.label.numeric.aarch64-asm
    tbz     w1, #3, 3f
//                  ^^ variable.other.label.numeric.aarch64-asm
.Lftrace_skip:
// <------------- entity.name.label.local.aarch64-asm
.Lagain: ldr x0, [x1]
// <------- entity.name.label.local.aarch64-asm
//       ^^^ keyword.other.instruction.aarch64-asm
    b       .Lagain
//          ^^^^^^^ variable.other.label.local.aarch64-asm
outer: inner: nop
// <----- entity.name.label.aarch64-asm
//     ^^^^^ entity.name.label.aarch64-asm
//            ^^^ keyword.other.instruction.aarch64-asm
3:  .word   1b - .
// <- entity.name.label.numeric.aarch64-asm
//  ^^^^^ keyword.other.directive.data.aarch64-asm
//          ^^ variable.other.label.numeric.aarch64-asm
//               ^ variable.language.location-counter.aarch64-asm
    nop ; 4: ret
//        ^ entity.name.label.numeric.aarch64-asm
//           ^^^ keyword.control.branch.aarch64-asm
    mov x0, x1  // 5: in a comment is not a label
//                 ^ comment.line.double-slash.aarch64-asm - entity.name.label.numeric.aarch64-asm
    add x0, x0, #:lo12:sym
//                ^^^^ - entity.name.label.aarch64-asm
    .quad   0x1f, 1f
//          ^^^^ constant.numeric.integer.hexadecimal.aarch64-asm - variable.other.label.numeric.aarch64-asm
//                ^^ variable.other.label.numeric.aarch64-asm
	b	1f
// ^^ variable.other.label.numeric.aarch64-asm
