/* SPDX-License-Identifier: MIT */
/*
 * cpp fixture: "…" and <…> includes, nested includes, include guards, #pragma once,
 * #include_next, computed includes, a header that includes itself.
 * Include paths (in order): include/override, include.
 */
#include "local.h"
#include <asm/frame.h>
#include <asm/frame.h>
#include "asm/frame.h"
#include <once.h>
#include <once.h>
#include <layered.h>
#define HEADER <asm/regs.h>
#include HEADER
#define QUOTED "local.h"
#include QUOTED
#include <asm/selfish.h>

	frame_push	FRAME_REGS
	ldr	x0, [sp, #REG_OFFSET(3)]
	.word	LOCAL_VALUE, ONCE_COUNT, LAYER_BASE, LAYER_OVERRIDE, SELFISH
	.word	__INCLUDE_LEVEL__, __LINE__
