// SVE/SME instructions in the checker's register model: z registers overlap v (a write of z8
// changes d8), predicates and ZA are not tracked, SVE addresses read their x base, x/w index and
// z base or index, and VL-sized accesses have no byte offset. Every word comes from GNU as
// (binutils 2.40, -march=armv9.3-a+sme+…), written here with its objdump text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCfg } from '../server/src/analysis/cfg';
import { checkProgram } from '../server/src/analysis/check';
import { solve, stateBefore } from '../server/src/analysis/dataflow';
import { D8, NZCV, SP, effectsOfWord } from '../server/src/analysis/effects';
import { programFromAssembly } from '../server/src/analysis/program';
import { isEntry } from '../server/src/analysis/values';
import { assemble } from '../server/src/asm/gas';
import { diskHost } from '../server/src/disk-host';
import { decodeText } from '../server/src/isa';

const sorted = (a: readonly number[]) => [...new Set(a)].sort((x, y) => x - y);

/** [GNU as word, objdump text, reads, writes] (register numbers as in effects.ts). */
const CASES: [number, string, number[], number[]][] = [
  // z registers: z8–z15 are d8–d15 (tracked), others are not
  [0x04000028, 'add z8.b, p0/m, z8.b, z1.b', [D8], [D8]],
  [0x04024029, 'mla z9.b, p0/m, z1.b, z2.b', [D8 + 1], [D8 + 1]],
  [0x05e03869, 'mov z9.d, x3', [3], [D8 + 1]],
  [0x05382128, 'mov z8.d, z9.d[1]', [D8 + 1], [D8]],
  [0x0520c100, 'mov z0.b, p0/m, z8.b', [D8], []],
  [0x04002029, 'saddv d9, p0, z1.b', [], [D8 + 1]],
  // destructive scalars
  [0x0430e3e2, 'incb x2', [2], [2]],
  [0x05f0a023, 'clasta x3, p0, x3, z1.d', [3], [3]],
  [0x04bf5021, 'rdvl x1, #1', [], [1]],
  [0x043f57df, 'addvl sp, sp, #-2', [SP], [SP]],
  // predicates are not tracked; compares, whiles, ptest and the …s forms set the flags
  [0x25221c20, 'whilelo p0.b, x1, x2', [1, 2], [NZCV]],
  [0x25e12000, 'ctermeq x0, x1', [0, 1], [NZCV]],
  [0x2401a400, 'cmpeq p0.b, p1/z, z0.b, z1.b', [], [NZCV]],
  [0x25434440, 'ands p0.b, p1/z, p2.b, p3.b', [], [NZCV]],
  [0x25034440, 'and p0.b, p1/z, p2.b, p3.b', [], []],
  [0x65816400, 'fcmeq p0.s, p1/z, z0.s, z1.s', [], []],
  [0x2550c020, 'ptest p0, p1.b', [], [NZCV]],
  // memory: x base, x index, z base and z index are read; loads write their z registers
  [0xe58047e8, 'str z8, [sp, #1, mul vl]', [D8, SP], []],
  [0x85bf5869, 'ldr z9, [x3, #-2, mul vl]', [3], [D8 + 1]],
  [0x85bf1401, 'ldr p1, [x0, #-3, mul vl]', [0], []],
  [0xa5e14008, 'ld1d {z8.d}, p0/z, [x0, x1, lsl #3]', [0, 1], [D8]],
  [0xc5e9c000, 'ld1d {z0.d}, p0/z, [x0, z9.d, lsl #3]', [0, D8 + 1], []],
  [0x8521c12a, 'ld1w {z10.s}, p0/z, [z9.s, #4]', [D8 + 1], [D8 + 2]],
  [0xc582c020, 'ldnt1d {z0.d}, p0/z, [z1.d, x2]', [2], []],
  [0xa5e0e048, 'ld4d {z8.d-z11.d}, p0/z, [x2]', [2], [D8, D8 + 1, D8 + 2, D8 + 3]],
  [0xe5f0e048, 'st4d {z8.d-z11.d}, p0, [x2]', [2, D8, D8 + 1, D8 + 2, D8 + 3], []],
  [0xa5e0e01e, 'ld4d {z30.d, z31.d, z0.d, z1.d}, p0/z, [x0]', [0], []],
  [0xe401a000, 'st1b {z0.d}, p0, [x0, z1.d]', [0], []],
  // SME: the slice index w12–w15 is read, ZA itself is not tracked
  [0xe1000000, 'ldr za[w12, 0], [x0]', [0, 12], []],
  [0xe10060a3, 'ldr za[w15, 3], [x5, #3, mul vl]', [5, 15], []],
  [0xc0822009, 'mov z9.s, p0/m, za0h.s[w13, 0]', [13], [D8 + 1]],
  [0xe0814000, 'ld1w {za0h.s[w14, 0]}, p0/z, [x0, x1, lsl #2]', [0, 1, 14], []],
  [0xc00800ff, 'zero {za}', [], []],
  // streaming mode changes zero the z registers; smstart za does not touch them
  [0xd503477f, 'smstart', [], [D8, D8 + 1, D8 + 2, D8 + 3, D8 + 4, D8 + 5, D8 + 6, D8 + 7]],
  [0xd503427f, 'smstop sm', [], [D8, D8 + 1, D8 + 2, D8 + 3, D8 + 4, D8 + 5, D8 + 6, D8 + 7]],
  [0xd503457f, 'smstart za', [], []],
  // the index register of a base A64 register offset is read too
  [0xf8627820, 'ldr x0, [x1, x2, lsl #3]', [1, 2], [0]],
];

test('effects: SVE/SME registers read and written', () => {
  for (const [w, text, reads, writes] of CASES) {
    // (the text each case names is the word's)
    assert.equal(decodeText(w, 0n), text);
    const fx = effectsOfWord(w);
    assert.equal(fx.flow, 'next', text);
    assert.deepEqual(sorted(fx.reads), sorted(reads), `${text}: reads`);
    assert.deepEqual(sorted(fx.writes), sorted(writes), `${text}: writes`);
  }
});

test('effects: SVE memory accesses have a base but no byte offset or data slots', () => {
  const str = effectsOfWord(0xe58047e8); // str z8, [sp, #1, mul vl]
  assert.deepEqual([str.mem?.base, str.mem?.offset, str.mem?.load, str.mem?.regs], [SP, null, false, []]);
  const st1 = effectsOfWord(0xe5e0e3e0); // st1d {z0.d}, p0, [sp]
  assert.deepEqual([st1.mem?.base, st1.mem?.offset, st1.mem?.writeback], [SP, null, undefined]);
  const ld = effectsOfWord(0xa5e14008); // ld1d {z8.d}, p0/z, [x0, x1, lsl #3]
  assert.deepEqual([ld.mem?.base, ld.mem?.offset, ld.mem?.load, ld.mem?.regs], [0, null, true, []]);
  assert.equal(effectsOfWord(0xe1000000).mem?.load, true, 'ldr za[w12, 0], [x0]');
  assert.equal(effectsOfWord(0x8521c12a).mem, undefined, 'a vector base is no stack address');
  assert.equal(effectsOfWord(0xc4618000).reads.length, 0, 'prfb pldl1keep, p0, [x0, z1.d]: prefetches read nothing, as prfm');
});

function program(body: string) {
  const text = `\t.text\n\t.globl\tf\n\t.type\tf, %function\nf:\n${body}\t.size\tf, . - f\n`;
  const r = assemble({ file: '/t/sve.S', text, host: diskHost, includePaths: [], defines: new Map() });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  return { text, p: programFromAssembly(r, { file: '/t/sve.S', text }) };
}

const where = (text: string, p: ReturnType<typeof program>['p']) =>
  checkProgram(p).map((d) => `${d.code}@${text.split('\n')[d.origin.loc.line].trim().split('//')[1]?.trim() ?? d.origin.loc.line + 1}`);

test('checker: z8–z15 writes are d8–d15 writes; SVE index registers are reads', () => {
  const { text, p } = program(`\tstp\tx29, x30, [sp, #-16]!
\tmov\tx29, sp
\t.inst\t0x05e03869\t// mov z9.d, x3
\tbl\tg
\t.inst\t0xa5e24000\t// ld1d {z0.d}, p0/z, [x0, x2, lsl #3]
\t.inst\t0xe1000000\t// ldr za[w12, 0], [x0]
\tldp\tx29, x30, [sp], #16
\tret
`);
  assert.deepEqual(where(text, p).sort(), [
    'abi/clobbered-read-after-call@ld1d {z0.d}, p0/z, [x0, x2, lsl #3]',
    'abi/clobbered-read-after-call@ldr za[w12, 0], [x0]',
    'abi/fp-not-restored@mov z9.d, x3',
  ]);
});

test('dataflow: an SVE store to the stack forgets the save slots (its size is VL-dependent)', () => {
  const { p } = program(`\tstp\tx19, x20, [sp, #-16]!
\t.inst\t0x04bf5021\t// rdvl x1, #1
\t.inst\t0xe5e0e3e0\t// st1d {z0.d}, p0, [sp]
\tldp\tx19, x20, [sp], #16
\tret
`);
  const cfg = buildCfg(p);
  const env = { scs: false };
  const flow = solve(cfg, 0, env);
  const before = (i: number) => stateBefore(cfg, flow, env, i)!;
  assert.equal(before(1).vals[1].k, 'e', 'x1 at entry before rdvl');
  assert.equal(before(2).vals[1].k, 'u', 'rdvl wrote x1');
  assert.ok(isEntry(before(2).slots.get(-16)!.val, 19), 'x19 saved before the SVE store');
  assert.equal(before(3).slots.size, 0, 'no slot survives st1d to [sp]');
  assert.equal(before(3).stackOffset(SP), -16, 'sp itself is kept');
});
