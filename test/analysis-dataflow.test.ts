// The checker's model of instructions (effects from the decoder's operands) and its dataflow:
// sp-relative values, stack slots through pre/post-index pairs, AAPCS at calls, joins, bounds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCfg } from '../server/src/analysis/cfg';
import { solve, stateBefore } from '../server/src/analysis/dataflow';
import { D8, NZCV, SP, effectsOfWord } from '../server/src/analysis/effects';
import { describeVal, isEntry } from '../server/src/analysis/values';
import { encode, isEncodeFailure } from '../server/src/isa';
import { miniProgram } from './support/mini-asm';

function fx(text: string) {
  const r = encode(text, { pc: 0n });
  if (isEncodeFailure(r)) throw new Error(`${text}: ${r.error}`);
  return effectsOfWord(r.word);
}

test('effects: reads, writes, memory and writeback from the decoder operands', () => {
  const stp = fx('stp x29, x30, [sp, #-16]!');
  assert.deepEqual([stp.flow, stp.mem?.load, stp.mem?.base, stp.mem?.offset, stp.mem?.writeback, stp.mem?.regs, stp.mem?.size], ['next', false, SP, -16, -16, [29, 30], 8]);
  assert.deepEqual([...stp.reads].sort((a, b) => a - b), [29, 30, SP]);
  assert.deepEqual(stp.writes, [SP]);
  const ldp = fx('ldp x29, x30, [sp], #16');
  assert.deepEqual([ldp.mem?.load, ldp.mem?.offset, ldp.mem?.writeback], [true, 0, 16]);
  assert.deepEqual([...ldp.writes].sort((a, b) => a - b), [29, 30, SP]);
  assert.deepEqual(fx('ldr x9, [sp, #256]').writes, [9]);
  assert.deepEqual(fx('str xzr, [sp, #72]').mem?.regs, [-1]);
  assert.equal(fx('ldr w0, [sp, #8]').mem?.narrow, true);
  assert.equal(fx('ldrb w0, [sp, #8]').mem?.size, 1);
  assert.deepEqual(fx('ldr x0, [x1, x2, lsl #3]').mem?.offset, null);
  assert.deepEqual(fx('stp d8, d9, [sp, #-16]!').mem?.regs, [D8, D8 + 1]);
  assert.deepEqual(fx('ldp q8, q9, [sp]').mem?.size, 16);
  // stores read their data, exclusives write a status
  assert.deepEqual(fx('stxr w1, x2, [x3]').writes, [1]);
  assert.deepEqual([...fx('ldadd x0, x1, [x2]').reads].sort(), [0, 2]);
  assert.deepEqual(fx('ldadd x0, x1, [x2]').writes, [1]);
  assert.deepEqual(fx('cas x0, x1, [x2]').writes, [0]);
  // flags
  assert.deepEqual(fx('cmp x0, x1').writes, [NZCV]);
  assert.deepEqual(fx('b.ne 0x40').reads, [NZCV]);
  assert.ok(fx('csel x0, x1, x2, eq').reads.includes(NZCV));
  // control
  assert.deepEqual([fx('bl 0x1000').flow, fx('bl 0x1000').targetOff, fx('bl 0x1000').writes], ['call', 0x1000, [30]]);
  assert.deepEqual([fx('ret').flow, fx('ret').reg], ['ret', 30]);
  assert.deepEqual([fx('ret x9').flow, fx('ret x9').reg], ['ret', 9]);
  assert.deepEqual([fx('br x17').flow, fx('blr x4').flow], ['ijump', 'icall']);
  assert.deepEqual([fx('cbnz x17, 0x40').flow, fx('cbnz x17, 0x40').reads], ['cond', [17]]);
  assert.equal(fx('tbz w0, #3, 0x20').targetOff, 0x20);
  assert.deepEqual([fx('udf #0').flow, fx('brk #0x800').flow], ['stop', 'stop']);
  assert.equal(effectsOfWord(0xffffffff).flow, 'stop', 'an undefined encoding');
  // landing pads
  assert.equal(fx('bti c').landing, 'c');
  assert.equal(fx('hint #34').landing, 'c');
  assert.equal(fx('bti jc').landing, 'jc');
  assert.equal(fx('paciasp').landing, 'pac');
  // value shapes
  assert.deepEqual(fx('mov x9, x30').op, { k: 'copy', dst: 9, src: 30 });
  assert.deepEqual(fx('mov x10, sp').op, { k: 'copy', dst: 10, src: SP });
  assert.deepEqual(fx('sub sp, sp, #352').op, { k: 'addi', dst: SP, src: SP, imm: -352 });
  assert.deepEqual(fx('add sp, sp, #1, lsl #12').op, { k: 'addi', dst: SP, src: SP, imm: 4096 });
  assert.deepEqual(fx('mov x0, #5').op, { k: 'const', dst: 0, value: 5n });
  assert.equal(fx('movk x0, #5, lsl #16').reads.includes(0), true);
  // FP registers outside d8–d15 are not tracked
  assert.deepEqual(fx('fmov d0, x1').writes, []);
  assert.deepEqual(fx('fmov d8, x1').writes, [D8]);
});

test('dataflow: sp, frame records and save slots through pre/post-index pairs', () => {
  const src = `
SYM_FUNC_START(f)
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	mov	x19, x0
	bl	g
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
SYM_FUNC_END(f)
`;
  const p = miniProgram(src, { file: '/t.S' });
  const cfg = buildCfg(p);
  const env = { scs: false };
  const flow = solve(cfg, 0, env);
  assert.equal(flow.gaveUp, false);
  const at = (i: number) => stateBefore(cfg, flow, env, i)!;
  // before bl g (index 4)
  const s = at(4);
  assert.equal(describeVal(s.vals[SP]), 'sp at entry − 32');
  assert.equal(s.stackOffset(29), -32);
  assert.ok(isEntry(s.slots.get(-32)!.val, 29) && isEntry(s.slots.get(-24)!.val, 30));
  assert.ok(isEntry(s.slots.get(-16)!.val, 19) && isEntry(s.slots.get(-8)!.val, 20));
  assert.equal(s.vals[19].k, 'e');
  assert.equal(s.sites[19], 3);
  // after the call: x0/x1 results, x2..x17 destroyed, x19 kept, sp kept
  const t = at(5);
  assert.equal(t.vals[0].k, 'res');
  assert.equal(t.vals[9].k, 'x');
  assert.equal(t.vals[30].k, 'x');
  assert.equal(t.vals[NZCV].k, 'x');
  assert.equal(describeVal(t.vals[SP]), 'sp at entry − 32');
  // at ret: everything back
  const r = at(7);
  for (const reg of [19, 20, 29, 30, SP]) assert.ok(isEntry(r.vals[reg], reg), `x${reg}`);
  assert.equal(t.vals[18].k, 'x', 'x18 is a temporary without SCS');
  assert.ok(isEntry(stateBefore(cfg, solve(cfg, 0, { scs: true }), { scs: true }, 5)!.vals[18], 18), 'x18 kept under SCS');
});

test('dataflow: joins keep what all paths agree on; loops reach a fixed point', () => {
  const src = `
SYM_FUNC_START(f)
	mov	x9, #1
	cbz	x0, 1f
	mov	x9, #2
	mov	x10, #3
1:	mov	x11, x9
2:	sub	x0, x0, #1
	add	x12, x12, #1
	cbnz	x0, 2b
	ret
SYM_FUNC_END(f)
`;
  const p = miniProgram(src, { file: '/t.S' });
  const cfg = buildCfg(p);
  const env = { scs: false };
  const flow = solve(cfg, 0, env);
  assert.equal(flow.gaveUp, false);
  const s = stateBefore(cfg, flow, env, 4)!;
  assert.equal(s.vals[9].k, 'u', 'x9 is 1 or 2');
  assert.equal(s.vals[10].k, 'u');
  const end = stateBefore(cfg, flow, env, 8)!;
  assert.equal(end.vals[12].k, 'u', 'x12 grows in the loop');
  assert.ok(isEntry(end.vals[SP], SP));
  assert.ok(flow.visits < 20, `visits ${flow.visits}`);
});
