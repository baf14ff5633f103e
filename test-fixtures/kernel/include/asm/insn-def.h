/* aarch64-ftrace built-in stand-in for the arm64 <asm/insn-def.h> (v5.16+). */
#ifndef __ASM_INSN_DEF_H
#define __ASM_INSN_DEF_H

/* Every A64 instruction is 4 bytes. */
#define AARCH64_INSN_SIZE		4

#endif /* __ASM_INSN_DEF_H */
