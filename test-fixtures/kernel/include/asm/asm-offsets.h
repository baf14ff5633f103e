/*
 * aarch64-ftrace built-in stand-in for <asm/asm-offsets.h>: as in the kernel,
 * it only pulls in the build's generated header.
 */
#include <generated/asm-offsets.h>
