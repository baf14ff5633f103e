/* SPDX-License-Identifier: MIT */
#ifndef __FIXTURE_ASM_FRAME_H
#define __FIXTURE_ASM_FRAME_H

#include <asm/regs.h>

#define FRAME_REGS	4

	.macro	frame_push, n
	sub	sp, sp, #(\n * 16)
	.endm
	frame_h_included_once

#endif
