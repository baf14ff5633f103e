// AdvSIMD vector copy (dup, ins, umov, smov and their mov aliases), modified immediate (movi,
// mvni, orr, bic, fmov) and shift by immediate (with the sxtl/uxtl aliases and the '2' forms).
import { W, X } from '../operands/gpr';
import { GprImm5, VImm5Q } from '../operands/simd-copy';
import { LslZero, ModFpImm, ModImm64, ModImm8, ModLsl, ModMsl, ShiftImm, VImmh } from '../operands/simd-imm';
import { Fp } from '../operands/fpreg';
import { VT } from '../operands/vreg';
import { VElemImm5 } from '../operands/velem';
import { RowSpec, group, row } from '../table';

// --- copy ----------------------------------------------------------------------------------------
const cp = (q: string, op: string, imm4: string) => `0 ${q} ${op} 01110000 imm5:5 0 ${imm4} 1 Rn:5 Rd:5`;

const copy = group({ cls: 'asimdins', feature: 'simd' }, [
  row('dup', cp('Q', '0', '0000'), [VImm5Q('Rd'), VElemImm5('Rn')]),
  row('dup', cp('Q', '0', '0001'), [VImm5Q('Rd'), GprImm5('Rn')]),
  row('mov', cp('1', '0', '0011'), [VElemImm5('Rd'), GprImm5('Rn')], { aliasOf: 'ins' }),
  row('ins', cp('1', '0', '0011'), [VElemImm5('Rd'), GprImm5('Rn')]),
  row('mov', cp('0', '0', '0111'), [W('Rd'), VElemImm5('Rn', 'imm5', { sizes: ['s'] })], { aliasOf: 'umov' }),
  row('mov', cp('1', '0', '0111'), [X('Rd'), VElemImm5('Rn', 'imm5', { sizes: ['d'] })], { aliasOf: 'umov' }),
  row('umov', cp('0', '0', '0111'), [W('Rd'), VElemImm5('Rn', 'imm5', { sizes: ['b', 'h', 's'] })]),
  row('umov', cp('1', '0', '0111'), [X('Rd'), VElemImm5('Rn', 'imm5', { sizes: ['d'] })]),
  row('smov', cp('0', '0', '0101'), [W('Rd'), VElemImm5('Rn', 'imm5', { sizes: ['b', 'h'] })]),
  row('smov', cp('1', '0', '0101'), [X('Rd'), VElemImm5('Rn', 'imm5', { sizes: ['b', 'h', 's'] })]),
  row('mov', cp('1', '1', 'imm4:4'), [VElemImm5('Rd'), VElemImm5('Rn', 'imm5', { indexFrom: 'imm4' })], { aliasOf: 'ins' }),
  row('ins', cp('1', '1', 'imm4:4'), [VElemImm5('Rd'), VElemImm5('Rn', 'imm5', { indexFrom: 'imm4' })]),
]);

// --- modified immediate --------------------------------------------------------------------------
const mi = (op: string, cmode: string, o2 = '0', q = 'Q') => `0 ${q} ${op} 0111100000 abc:3 ${cmode} ${o2} 1 defgh:5 Rd:5`;
const Q_B = VT('Rd', 'Q', ['8b', '16b']);
const Q_H = VT('Rd', 'Q', ['4h', '8h']);
const Q_S = VT('Rd', 'Q', ['2s', '4s']);

const modimm = group({ cls: 'asimdimm', feature: 'simd' }, [
  // op = 0
  row('movi', mi('0', '0 cm:2 0'), [Q_S, ModImm8(), ModLsl('cm')]),
  row('orr', mi('0', '0 cm:2 1'), [Q_S, ModImm8(), ModLsl('cm')]),
  row('movi', mi('0', '10 cm 0'), [Q_H, ModImm8(), ModLsl('cm')]),
  row('orr', mi('0', '10 cm 1'), [Q_H, ModImm8(), ModLsl('cm')]),
  row('movi', mi('0', '110 cm'), [Q_S, ModImm8(), ModMsl('cm')]),
  row('movi', mi('0', '1110'), [Q_B, ModImm8(), LslZero()]),
  row('fmov', mi('0', '1111'), [Q_S, ModFpImm('s')]),
  row('fmov', mi('0', '1111', '1'), [Q_H, ModFpImm('h')], { feature: 'fp16' }),
  // op = 1
  row('mvni', mi('1', '0 cm:2 0'), [Q_S, ModImm8(), ModLsl('cm')]),
  row('bic', mi('1', '0 cm:2 1'), [Q_S, ModImm8(), ModLsl('cm')]),
  row('mvni', mi('1', '10 cm 0'), [Q_H, ModImm8(), ModLsl('cm')]),
  row('bic', mi('1', '10 cm 1'), [Q_H, ModImm8(), ModLsl('cm')]),
  row('mvni', mi('1', '110 cm'), [Q_S, ModImm8(), ModMsl('cm')]),
  row('movi', mi('1', '1110', '0', '0'), [Fp('d', 'Rd'), ModImm64()]),
  row('movi', mi('1', '1110', '0', '1'), [VT('Rd', [], ['2d']), ModImm64()]),
  row('fmov', mi('1', '1111', '0', '1'), [VT('Rd', [], ['2d']), ModFpImm('d')]),
]);

// --- shift by immediate --------------------------------------------------------------------------
const sh = (q: string, u: number, opc: string) => `0 ${q} ${u} 011110 immh:4 immb:3 ${opc} 1 Rn:5 Rd:5`;
const ALL = [0, 1, 2, 3];
const F = { follows: true };
const NARROW = [0, 1, 2];

/** [opcode, U=0 mnemonic, U=1 mnemonic, 'right' | 'left'] for same-size shifts. */
const SAME_SHIFTS: readonly [string, string | null, string | null, 'right' | 'left'][] = [
  ['00000', 'sshr', 'ushr', 'right'],
  ['00010', 'ssra', 'usra', 'right'],
  ['00100', 'srshr', 'urshr', 'right'],
  ['00110', 'srsra', 'ursra', 'right'],
  ['01000', null, 'sri', 'right'],
  ['01010', 'shl', 'sli', 'left'],
  ['01100', null, 'sqshlu', 'left'],
  ['01110', 'sqshl', 'uqshl', 'left'],
];

/** Narrowing: [opcode, U=0 mnemonic, U=1 mnemonic]. */
const NARROW_SHIFTS: readonly [string, string | null, string | null][] = [
  ['10000', 'shrn', 'sqshrun'],
  ['10001', 'rshrn', 'sqrshrun'],
  ['10010', 'sqshrn', 'uqshrn'],
  ['10011', 'sqrshrn', 'uqrshrn'],
];

const byU = (m0: string | null, m1: string | null, f: (u: 0 | 1, m: string) => RowSpec[]): RowSpec[] =>
  ([[0, m0], [1, m1]] as const).flatMap(([u, m]) => (m === null ? [] : f(u, m)));

const shift = group({ cls: 'asimdshf', feature: 'simd' }, [
  ...SAME_SHIFTS.flatMap(([opc, m0, m1, kind]) =>
    byU(m0, m1, (u, m) => [row(m, sh('Q', u, opc), [VImmh('Rd', 'same', ALL), VImmh('Rn', 'same', ALL, F), ShiftImm(kind)])]),
  ),
  ...NARROW_SHIFTS.flatMap(([opc, m0, m1]) =>
    byU(m0, m1, (u, m) => [
      row(m, sh('Q=0', u, opc), [VImmh('Rd', 'same', NARROW), VImmh('Rn', 'wide', NARROW, F), ShiftImm('right')]),
      row(m + '2', sh('Q=1', u, opc), [VImmh('Rd', 'same', NARROW), VImmh('Rn', 'wide', NARROW, F), ShiftImm('right')]),
    ]),
  ),
  // lengthening: sxtl/uxtl when the shift is 0
  ...byU('sshll', 'ushll', (u, m) => {
    const x = u ? 'uxtl' : 'sxtl';
    const zero = { aliasOf: m, prefer: (_w: number, f: (n: string) => number) => f('immb') === 0 && (f('immh') & (f('immh') - 1)) === 0 };
    return [
      row(x, sh('Q=0', u, '10100'), [VImmh('Rd', 'wide', NARROW), VImmh('Rn', 'same', NARROW, F)], zero),
      row(m, sh('Q=0', u, '10100'), [VImmh('Rd', 'wide', NARROW), VImmh('Rn', 'same', NARROW, F), ShiftImm('left')]),
      row(x + '2', sh('Q=1', u, '10100'), [VImmh('Rd', 'wide', NARROW), VImmh('Rn', 'same', NARROW, F)], { ...zero, aliasOf: m + '2' }),
      row(m + '2', sh('Q=1', u, '10100'), [VImmh('Rd', 'wide', NARROW), VImmh('Rn', 'same', NARROW, F), ShiftImm('left')]),
    ];
  }),
  // fixed-point conversions: #fbits = the right-shift amount
  ...([['11100', 'scvtf', 'ucvtf'], ['11111', 'fcvtzs', 'fcvtzu']] as const).flatMap(([opc, m0, m1]) =>
    byU(m0, m1, (u, m) => [
      row(m, sh('Q', u, opc), [VImmh('Rd', 'same', [1]), VImmh('Rn', 'same', [1], F), ShiftImm('right')], { feature: 'fp16' }),
      row(m, sh('Q', u, opc), [VImmh('Rd', 'same', [2, 3]), VImmh('Rn', 'same', [2, 3], F), ShiftImm('right')]),
    ]),
  ),
]);

export const SIMD_MISC_VEC: RowSpec[] = [...copy, ...modimm, ...shift];
