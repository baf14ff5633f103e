/*
 * aarch64-ftrace built-in stand-in for a build's include/generated/asm-offsets.h:
 * empty. S_*, PT_REGS_SIZE, FREGS_* and FTRACE_OPS_* are supplied as symbols by
 * the asm-offsets provider (the era's built-in table or a build directory).
 */
