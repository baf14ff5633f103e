// Unit tests of the ISA core's pieces: patterns, expressions, structured decode, robustness.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExprError, ROWS, decode, decodeText, encode, evalExpr, isEncodeFailure } from '../server/src/isa';
import { parsePattern } from '../server/src/isa/pattern';
import { Rng } from './support/rng';

test('pattern: mask, value and fields', () => {
  const p = parsePattern('sf 0 0 100010 sh imm12:12 Rn:5 Rd=11111');
  assert.equal(p.mask >>> 0, 0x7f80001f);
  assert.equal(p.value >>> 0, 0x1100001f);
  assert.deepEqual(p.fields.get('imm12'), { name: 'imm12', lo: 10, width: 12 });
  assert.throws(() => parsePattern('1 0'), /2 bits, expected 32/);
  assert.throws(() => parsePattern('Rd:5 Rd:5 x:22'), /field Rd twice/);
});

test('expressions: gas precedence and bases', () => {
  assert.equal(evalExpr('8 * 6'), 48n);
  assert.equal(evalExpr('1 + 2 * 3'), 7n);
  assert.equal(evalExpr('1 | 2 + 4'), 7n); // | binds tighter than + in gas
  assert.equal(evalExpr('(1 << 12) - 1'), 4095n);
  assert.equal(evalExpr('0x10 + 010 + 0b11'), 16n + 8n + 3n);
  assert.equal(evalExpr('-1'), -1n);
  assert.equal(evalExpr('S_X2 + 8', (n) => (n === 'S_X2' ? 16n : undefined)), 24n);
  const fails = (text: string, re: RegExp) =>
    assert.throws(() => evalExpr(text), (e: unknown) => e instanceof ExprError && re.test(e.message));
  fails('UNKNOWN', /undefined symbol 'UNKNOWN'/);
  fails('1 +', /missing operand/);
  fails('4 / 0', /division by zero/);
});

test('decode: structure, fields and the alias relation', () => {
  const d = decode(0x91000420, 0x1000n)!; // add x0, x1, #0x1
  assert.equal(d.text, 'add x0, x1, #0x1');
  assert.equal(d.cls, 'addsub_imm');
  assert.deepEqual(d.operands.map((o) => [o.text, o.role]), [['x0', 'gpr'], ['x1', 'gpr'], ['#0x1', 'imm']]);
  assert.deepEqual(d.fields.find((f) => f.name === 'imm12'), { name: 'imm12', hi: 21, lo: 10, value: 1, fixed: false });
  assert.equal(d.fields.reduce((n, f) => n + f.hi - f.lo + 1, 0), 32);
  const m = decode(0x910003fd)!; // mov x29, sp
  assert.equal(m.text, 'mov x29, sp');
  assert.deepEqual(m.aliasOf, { mnemonic: 'add', text: 'add x29, sp, #0x0' });
  assert.equal(decode(0x00000000, 0n)?.text ?? '<undefined>', decodeText(0) ?? '<undefined>');
});

test('decode: PC-relative targets are absolute 64-bit addresses', () => {
  // adrp x0, <page> at a kernel address: wraps in 64 bits, never loses precision
  assert.equal(decodeText(0x90000000, 0xffff800080001234n), 'adrp x0, 0xffff800080001000');
  assert.equal(decodeText(0x10ffffe0, 0xffff800080000000n), 'adr x0, 0xffff80007ffffffc'); // objdump's text
  assert.equal(decodeText(0x100fffe0, 0xffff800080000004n), 'adr x0, 0xffff800080020000');
});

test('decode: no word throws (1,000,000 seeded random words and every row fill)', () => {
  const rng = new Rng(42);
  for (let i = 0; i < 1_000_000; i++) decodeText(rng.u32(), 0xffff800080000000n);
  for (const r of ROWS) for (let i = 0; i < 64; i++) decode(((rng.u32() & ~r.mask) | r.value) >>> 0, 0n);
});

test('encode: decode(encode(x)) for kernel-style inputs, with symbols', () => {
  const r = encode('sub sp, sp, #S_FRAME', { pc: 0n, resolve: (n) => (n === 'S_FRAME' ? 0x150n : undefined) });
  assert.ok(!isEncodeFailure(r));
  assert.equal(decodeText(r.word), 'sub sp, sp, #0x150');
  const adr = encode('adr x1, .+0x40', { pc: 0xffff800080000000n });
  assert.ok(!isEncodeFailure(adr));
  assert.equal(decodeText(adr.word, 0xffff800080000000n), 'adr x1, 0xffff800080000040');
  const far = encode('adr x1, .+0x100000', { pc: 0n });
  assert.ok(isEncodeFailure(far));
  assert.match(far.error, /target out of range \(±1 MiB from the pc\)/);
});
