// SYNTAX TEST "source.aarch64-asm" "comments and ';' statement separators"

// a whole-line comment; the ';' here is just text
// <-- comment.line.double-slash.aarch64-asm punctuation.definition.comment.aarch64-asm
//                     ^ comment.line.double-slash.aarch64-asm - punctuation.separator.statement.aarch64-asm
    mov     x9, x30         // save the return address
//  ^^^ keyword.other.instruction.aarch64-asm - comment.line.double-slash.aarch64-asm comment.block.aarch64-asm
//                          ^^ comment.line.double-slash.aarch64-asm punctuation.definition.comment.aarch64-asm
//                             ^^^^ comment.line.double-slash.aarch64-asm
    nop; nop
//  ^^^ meta.instruction.aarch64-asm keyword.other.instruction.aarch64-asm
//     ^ punctuation.separator.statement.aarch64-asm - comment.line.double-slash.aarch64-asm
//       ^^^ meta.instruction.aarch64-asm keyword.other.instruction.aarch64-asm
    isb ; mov x0, #1 ; ret
//  ^^^ keyword.other.instruction.system.aarch64-asm
//      ^ punctuation.separator.statement.aarch64-asm
//        ^^^ keyword.other.instruction.aarch64-asm
//                ^^ - comment.line.double-slash.aarch64-asm comment.block.aarch64-asm
//                   ^ punctuation.separator.statement.aarch64-asm
//                     ^^^ keyword.control.branch.aarch64-asm
/* A block comment at the start of a line
// <-- comment.block.aarch64-asm punctuation.definition.comment.begin.aarch64-asm
    mov x0, #0 ; this is still comment text
//  ^^^ comment.block.aarch64-asm - keyword.other.instruction.aarch64-asm
//             ^ comment.block.aarch64-asm - punctuation.separator.statement.aarch64-asm
 * ldr x1, [sp]  // still inside
// ^^^ comment.block.aarch64-asm
//               ^^ comment.block.aarch64-asm - comment.line.double-slash.aarch64-asm
 */ ret
// <~-- comment.block.aarch64-asm punctuation.definition.comment.end.aarch64-asm
//  ^^^ keyword.control.branch.aarch64-asm - comment.block.aarch64-asm
    add x0, x0, #8  /* inline */ ; sub x1, x1, #8
//  ^^^ keyword.other.instruction.aarch64-asm
//                  ^^ meta.instruction.aarch64-asm comment.block.aarch64-asm punctuation.definition.comment.begin.aarch64-asm
//                     ^^^^^^ comment.block.aarch64-asm
//                            ^^ comment.block.aarch64-asm punctuation.definition.comment.end.aarch64-asm
//                               ^ punctuation.separator.statement.aarch64-asm
//                                 ^^^ keyword.other.instruction.aarch64-asm
//                                             ^^ - comment.block.aarch64-asm
    ldr x2, [x0, /* offset */ #16]
//                  ^^^^^^ comment.block.aarch64-asm
//                            ^^^ - comment.block.aarch64-asm
//                               ^ punctuation.section.brackets.end.aarch64-asm
    add x0, x0, #1 /* a comment that
//                 ^^ comment.block.aarch64-asm
       spans two lines */ , x3
//     ^^^^^ comment.block.aarch64-asm
//                     ^^ punctuation.definition.comment.end.aarch64-asm
