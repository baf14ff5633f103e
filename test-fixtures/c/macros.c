// fixture-c: version=newest
// SPDX-License-Identifier: GPL-2.0-only
/*
 * Generator calls behind function-like macros, as a JIT writes them: parameters, token pasting
 * and conditional variants are not constant, so nothing is reported in the bodies; the uses
 * with constant arguments are folded and checked where the macro is used.
 */
#include <asm/insn.h>

#define FX_R(x)		AARCH64_INSN_REG_##x
#define FX_ZR		AARCH64_INSN_REG_ZR
#define FX_SP		AARCH64_INSN_REG_SP
#define FX_VARIANT(sf)	((sf) ? AARCH64_INSN_VARIANT_64BIT : AARCH64_INSN_VARIANT_32BIT)
#define FX_SIZE(sf)	((sf) ? AARCH64_INSN_SIZE_64 : AARCH64_INSN_SIZE_32)

#define FX_CBZ(sf, Rt, imm19) \
	aarch64_insn_gen_comp_branch_imm(0, (imm19) << 2, Rt, FX_VARIANT(sf), \
					 AARCH64_INSN_BRANCH_COMP_ZERO)
#define FX_LS_PAIR(Rt, Rt2, Rn, offset, ls, type) \
	aarch64_insn_gen_load_store_pair(Rt, Rt2, Rn, offset, AARCH64_INSN_VARIANT_64BIT, \
					 AARCH64_INSN_LDST_##ls##_PAIR_##type)
#define FX_PUSH(Rt, Rt2, Rn)	FX_LS_PAIR(Rt, Rt2, Rn, -16, STORE, PRE_INDEX)
#define FX_MADD(sf, Rd, Ra, Rn, Rm) \
	aarch64_insn_gen_data3(Rd, Ra, Rn, Rm, FX_VARIANT(sf), AARCH64_INSN_DATA3_MADD)
#define FX_MUL(sf, Rd, Rn, Rm)	FX_MADD(sf, Rd, FX_ZR, Rn, Rm)
#define FX_LOGIC_IMM(sf, Rd, Rn, imm, type) \
	aarch64_insn_gen_logical_immediate(AARCH64_INSN_LOGIC_##type, FX_VARIANT(sf), Rn, Rd, imm)
#define FX_LDXR(sf, Rt, Rn) \
	aarch64_insn_gen_load_store_ex(Rt, Rn, FX_ZR, FX_SIZE(sf), AARCH64_INSN_LDST_LOAD_EX)
#define FX_STADD(sf, Rn, Rs) \
	aarch64_insn_gen_atomic_ld_op(FX_ZR, Rn, Rs, FX_SIZE(sf), AARCH64_INSN_MEM_ATOMIC_ADD, \
				      AARCH64_INSN_MEM_ORDER_NONE)
#define FX_HINT(x)		aarch64_insn_gen_hint(x)
#define FX_BTI_C		FX_HINT(AARCH64_INSN_HINT_BTIC)

static void fixture_emit(u32 *buf, int sf, int dst, int src, u64 imm, int off)
{
	buf[0] = FX_BTI_C;
	buf[1] = FX_PUSH(FX_R(29), FX_R(30), FX_SP);
	buf[2] = FX_MUL(sf, dst, src, dst);
	buf[3] = FX_LOGIC_IMM(sf, dst, src, imm, AND);
	buf[4] = FX_CBZ(sf, dst, off);
	buf[5] = FX_LDXR(sf, dst, src);
	buf[6] = FX_STADD(sf, src, dst);
}

static void fixture_emit_constant(u32 *buf)
{
	buf[0] = FX_PUSH(FX_R(29), FX_R(30), FX_SP);
	buf[1] = FX_LS_PAIR(FX_R(0), FX_R(1), FX_SP, 12, STORE, PRE_INDEX);	// expect: insn/break-fault '12'
	buf[2] = FX_CBZ(1, FX_R(3), 0x40000);	// expect: insn/break-fault 'FX_CBZ(1, FX_R(3), 0x40000)'
	buf[3] = FX_MUL(1, FX_R(0), FX_R(1), FX_R(2));
	buf[4] = FX_HINT(0x22);	// expect: insn/int-as-enum '0x22'
}
