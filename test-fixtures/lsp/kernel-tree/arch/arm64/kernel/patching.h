/* SPDX-License-Identifier: GPL-2.0-only */
/* Declarations for patching.c, written for the LSP tests. */
#ifndef __PATCHING_H
#define __PATCHING_H

int patch_call(unsigned long pc, unsigned long addr);
int patch_forward(unsigned long pc, u32 old, u32 new);

#endif
