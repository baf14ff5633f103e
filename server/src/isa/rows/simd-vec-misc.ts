// AdvSIMD vector two-register misc (integer, FP, FP16, BF16), across lanes, permute, ext, tbl/tbx.
import { Fp, FpSized } from '../operands/fpreg';
import { Imm } from '../operands/imm';
import { Arrangement, V } from '../operands/vreg';
import { VList } from '../operands/vlist';
import { RowSpec, group, row } from '../table';
import { ImmChoice } from '../operands/imm';
import { ALL, BH, BHS, FP_SD, Fixed, Q_B, Q_H, Q_S, byField, sizeQ } from './simd-vec-common';

const two = (A: Arrangement, B: Arrangement = A) => [V('Rd', A), V('Rn', B)];
const misc = (u: number, size: string, opc: string) => `0 Q ${u} 01110 ${size} 10000 ${opc} 10 Rn:5 Rd:5`;
const ZERO = Fixed('#0', '0');
const FZERO = Fixed('#0.0', '#0', '0.0', '0');

// --- two-register misc (integer) -----------------------------------------------------------------
// pairwise long: Vd 4h 8h 2s 4s 1d 2d from size:Q
const PW = byField(['size', 'Q'], '4h', '8h', '2s', '4s', '1d', '2d');

// [U, opcode, mnemonic, Vd arrangement, Vn arrangement, trailing #0]
const INT_MISC: readonly [number, string, string, Arrangement, Arrangement, boolean][] = [
  [0, '00000', 'rev64', BHS, BHS, false],
  [0, '00010', 'saddlp', PW, BHS, false],
  [0, '00011', 'suqadd', ALL, ALL, false],
  [0, '00100', 'cls', BHS, BHS, false],
  [0, '00110', 'sadalp', PW, BHS, false],
  [0, '00111', 'sqabs', ALL, ALL, false],
  [0, '01000', 'cmgt', ALL, ALL, true],
  [0, '01001', 'cmeq', ALL, ALL, true],
  [0, '01010', 'cmlt', ALL, ALL, true],
  [0, '01011', 'abs', ALL, ALL, false],
  [1, '00000', 'rev32', BH, BH, false],
  [1, '00010', 'uaddlp', PW, BHS, false],
  [1, '00011', 'usqadd', ALL, ALL, false],
  [1, '00100', 'clz', BHS, BHS, false],
  [1, '00110', 'uadalp', PW, BHS, false],
  [1, '00111', 'sqneg', ALL, ALL, false],
  [1, '01000', 'cmge', ALL, ALL, true],
  [1, '01001', 'cmle', ALL, ALL, true],
  [1, '01011', 'neg', ALL, ALL, false],
];

const NARROW_D = [byField('size', '8b', '4h', '2s'), byField('size', '16b', '8h', '4s')] as const;
const WIDE_N = byField('size', '8h', '4s', '2d');

const intMisc = group({ cls: 'asimdmisc', feature: 'simd' }, [
  ...INT_MISC.map(([u, opc, m, A, B, z]) => row(m, misc(u, 'size:2', opc), z ? [...two(A, B), ZERO] : two(A, B))),
  row('rev16', misc(0, '00', '00001'), two(Q_B)),
  row('cnt', misc(0, '00', '00101'), two(Q_B)),
  row('mvn', misc(1, '00', '00101'), two(Q_B), { aliasOf: 'not' }),
  row('not', misc(1, '00', '00101'), two(Q_B)),
  row('rbit', misc(1, '01', '00101'), two(Q_B)),
  // narrowing (xtn2 etc. write the upper half)
  ...([[0, '10010', 'xtn'], [0, '10100', 'sqxtn'], [1, '10010', 'sqxtun'], [1, '10100', 'uqxtn']] as const).flatMap(([u, opc, m]) =>
    ([0, 1] as const).map((q) => row(q ? m + '2' : m, misc(u, 'size:2', opc).replace('0 Q', `0 ${q}`), two(NARROW_D[q], WIDE_N)))),
  ...([0, 1] as const).map((q) =>
    row(q ? 'shll2' : 'shll', misc(1, 'size:2', '10011').replace('0 Q', `0 ${q}`), [...two(WIDE_N, NARROW_D[q]), ImmChoice('size', [8, 16, 32], true)])),
]);

// --- two-register misc (FP) ------------------------------------------------------------------------
// [U, a, opcode, mnemonic, compare with #0.0]; all have FP16 forms
const FP_MISC: readonly [number, number, string, string, boolean][] = [
  [0, 0, '11000', 'frintn', false],
  [0, 0, '11001', 'frintm', false],
  [0, 0, '11010', 'fcvtns', false],
  [0, 0, '11011', 'fcvtms', false],
  [0, 0, '11100', 'fcvtas', false],
  [0, 0, '11101', 'scvtf', false],
  [0, 1, '01100', 'fcmgt', true],
  [0, 1, '01101', 'fcmeq', true],
  [0, 1, '01110', 'fcmlt', true],
  [0, 1, '01111', 'fabs', false],
  [0, 1, '11000', 'frintp', false],
  [0, 1, '11001', 'frintz', false],
  [0, 1, '11010', 'fcvtps', false],
  [0, 1, '11011', 'fcvtzs', false],
  [0, 1, '11101', 'frecpe', false],
  [1, 0, '11000', 'frinta', false],
  [1, 0, '11001', 'frintx', false],
  [1, 0, '11010', 'fcvtnu', false],
  [1, 0, '11011', 'fcvtmu', false],
  [1, 0, '11100', 'fcvtau', false],
  [1, 0, '11101', 'ucvtf', false],
  [1, 1, '01100', 'fcmge', true],
  [1, 1, '01101', 'fcmle', true],
  [1, 1, '01111', 'fneg', false],
  [1, 1, '11001', 'frinti', false],
  [1, 1, '11010', 'fcvtpu', false],
  [1, 1, '11011', 'fcvtzu', false],
  [1, 1, '11101', 'frsqrte', false],
  [1, 1, '11111', 'fsqrt', false],
];

const fpMisc = group({ cls: 'asimdmisc', feature: 'simd' }, [
  ...FP_MISC.map(([u, a, opc, m, z]) => row(m, misc(u, `${a} sz`, opc), z ? [...two(FP_SD), FZERO] : two(FP_SD))),
  row('urecpe', misc(0, '1 0', '11100'), two(Q_S)),
  row('ursqrte', misc(1, '1 0', '11100'), two(Q_S)),
  ...group({ feature: 'frintts' }, [
    row('frint32z', misc(0, '0 sz', '11110'), two(FP_SD)),
    row('frint64z', misc(0, '0 sz', '11111'), two(FP_SD)),
    row('frint32x', misc(1, '0 sz', '11110'), two(FP_SD)),
    row('frint64x', misc(1, '0 sz', '11111'), two(FP_SD)),
  ]),
  // FP narrow / long
  row('fcvtn', misc(0, '0 sz', '10110').replace('0 Q', '0 0'), two(byField('sz', '4h', '2s'), byField('sz', '4s', '2d'))),
  row('fcvtn2', misc(0, '0 sz', '10110').replace('0 Q', '0 1'), two(byField('sz', '8h', '4s'), byField('sz', '4s', '2d'))),
  row('fcvtl', misc(0, '0 sz', '10111').replace('0 Q', '0 0'), two(byField('sz', '4s', '2d'), byField('sz', '4h', '2s'))),
  row('fcvtl2', misc(0, '0 sz', '10111').replace('0 Q', '0 1'), two(byField('sz', '4s', '2d'), byField('sz', '8h', '4s'))),
  row('fcvtxn', misc(1, '0 1', '10110').replace('0 Q', '0 0'), two(byField([], '2s'), byField([], '2d'))),
  row('fcvtxn2', misc(1, '0 1', '10110').replace('0 Q', '0 1'), two(byField([], '4s'), byField([], '2d'))),
  ...group({ feature: 'bf16' }, [
    row('bfcvtn', misc(0, '10', '10110').replace('0 Q', '0 0'), two(byField([], '4h'), byField([], '4s'))),
    row('bfcvtn2', misc(0, '10', '10110').replace('0 Q', '0 1'), two(byField([], '8h'), byField([], '4s'))),
  ]),
]);

const fp16Misc = group({ cls: 'asimdmiscfp16', feature: 'fp16' }, FP_MISC.map(([u, a, opc, m, z]) =>
  row(m, `0 Q ${u} 01110 ${a} 1111 00 ${opc} 10 Rn:5 Rd:5`, z ? [...two(Q_H), FZERO] : two(Q_H))));

// --- across lanes --------------------------------------------------------------------------------
const ACROSS_T = sizeQ('8b', '16b', '4h', '8h', '4s');
const all = (u: number, size: string, opc: string) => `0 Q ${u} 01110 ${size} 11000 ${opc} 10 Rn:5 Rd:5`;
const across = group({ cls: 'asimdall', feature: 'simd' }, [
  ...([[0, '00011', 'saddlv', true], [0, '01010', 'smaxv', false], [0, '11010', 'sminv', false], [0, '11011', 'addv', false],
    [1, '00011', 'uaddlv', true], [1, '01010', 'umaxv', false], [1, '11010', 'uminv', false]] as const).map(([u, opc, m, long]) =>
    row(m, all(u, 'size:2', opc), [FpSized('Rd', 'size', long ? { 0: 'h', 1: 's', 2: 'd' } : { 0: 'b', 1: 'h', 2: 's' }), V('Rn', ACROSS_T)])),
  ...([[0, '01100', 'fmaxnmv'], [1, '01100', 'fminnmv'], [0, '01111', 'fmaxv'], [1, '01111', 'fminv']] as const).flatMap(([a, opc, m]) => [
    row(m, all(1, `${a} 0`, opc).replace('0 Q', '0 1'), [Fp('s', 'Rd'), V('Rn', byField([], '4s'))]),
    row(m, all(0, `${a} 0`, opc), [Fp('h', 'Rd'), V('Rn', Q_H)], { cls: 'asimdallfp16', feature: 'fp16' }),
  ]),
]);

// --- permute, ext, table lookup ----------------------------------------------------------------
const perm = group({ cls: 'asimdperm', feature: 'simd' },
  ([['001', 'uzp1'], ['010', 'trn1'], ['011', 'zip1'], ['101', 'uzp2'], ['110', 'trn2'], ['111', 'zip2']] as const).map(([opc, m]) =>
    row(m, `0 Q 0 01110 size:2 0 Rm:5 0 ${opc} 10 Rn:5 Rd:5`, [V('Rd', ALL), V('Rn', ALL), V('Rm', ALL)])));

const ext = group({ cls: 'asimdext', feature: 'simd' }, [
  row('ext', '0 0 101110 00 0 Rm:5 0 0 imm4:3 0 Rn:5 Rd:5', [V('Rd', byField([], '8b')), V('Rn', byField([], '8b')), V('Rm', byField([], '8b')), Imm('imm4')]),
  row('ext', '0 1 101110 00 0 Rm:5 0 imm4:4 0 Rn:5 Rd:5', [V('Rd', byField([], '16b')), V('Rn', byField([], '16b')), V('Rm', byField([], '16b')), Imm('imm4')]),
]);

const tbl = group({ cls: 'asimdtbl', feature: 'simd' }, ([['tbl', 0], ['tbx', 1]] as const).map(([m, op]) =>
  row(m, `0 Q 001110 00 0 Rm:5 0 len:2 ${op} 00 Rn:5 Rd:5`, [V('Rd', Q_B), VList('Rn', { field: 'len', add: 1 }, '16b'), V('Rm', Q_B)])));

export const SIMD_VEC_MISC: RowSpec[] = [...intMisc, ...fpMisc, ...fp16Misc, ...across, ...perm, ...ext, ...tbl];
