/*
 * aarch64-ftrace built-in stand-in for the arm64 <asm/insn.h>; assembly only
 * needs AARCH64_INSN_SIZE from it (defined in <asm/insn-def.h> since v5.16).
 */
#ifndef __ASM_INSN_H
#define __ASM_INSN_H

#include <asm/insn-def.h>

#endif /* __ASM_INSN_H */
