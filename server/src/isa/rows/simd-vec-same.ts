// AdvSIMD vector three-register forms: three same (integer, logical, FP, FP16), three same extra
// (rdma, dot products, matrix multiplies, complex FP, BF16), FHM widening FP multiply-add, and
// three different (long / wide / narrow, with the '2' upper-half forms).
import { Tie } from '../operands/operand';
import { Arrangement, V } from '../operands/vreg';
import { RowSpec, group, row } from '../table';
import { Rot, RotOdd } from '../operands/sve-rot';
import { ALL, BHS, FP_SD, HS, Q_2H, Q_B, Q_H, Q_S, byField, sizeQ } from './simd-vec-common';

const same3 = (A: Arrangement, B: Arrangement = A, C: Arrangement = B) => [V('Rd', A), V('Rn', B), V('Rm', C)];

// --- three same (integer) ------------------------------------------------------------------------
// [opcode, U=0 mnemonic, U=1 mnemonic, arrangement(s)]
const INT_SAME: readonly [string, string | null, string | null, Arrangement][] = [
  ['00000', 'shadd', 'uhadd', BHS],
  ['00001', 'sqadd', 'uqadd', ALL],
  ['00010', 'srhadd', 'urhadd', BHS],
  ['00100', 'shsub', 'uhsub', BHS],
  ['00101', 'sqsub', 'uqsub', ALL],
  ['00110', 'cmgt', 'cmhi', ALL],
  ['00111', 'cmge', 'cmhs', ALL],
  ['01000', 'sshl', 'ushl', ALL],
  ['01001', 'sqshl', 'uqshl', ALL],
  ['01010', 'srshl', 'urshl', ALL],
  ['01011', 'sqrshl', 'uqrshl', ALL],
  ['01100', 'smax', 'umax', BHS],
  ['01101', 'smin', 'umin', BHS],
  ['01110', 'sabd', 'uabd', BHS],
  ['01111', 'saba', 'uaba', BHS],
  ['10000', 'add', 'sub', ALL],
  ['10001', 'cmtst', 'cmeq', ALL],
  ['10010', 'mla', 'mls', BHS],
  ['10011', 'mul', null, BHS],
  ['10100', 'smaxp', 'umaxp', BHS],
  ['10101', 'sminp', 'uminp', BHS],
  ['10110', 'sqdmulh', 'sqrdmulh', HS],
  ['10111', 'addp', null, ALL],
];

const intSame = group({ cls: 'asimdsame', feature: 'simd' }, [
  ...INT_SAME.flatMap(([opc, m0, m1, A]) =>
    ([[0, m0], [1, m1]] as const).flatMap(([u, m]) =>
      m === null ? [] : [row(m, `0 Q ${u} 01110 size:2 1 Rm:5 ${opc} 1 Rn:5 Rd:5`, same3(A))],
    ),
  ),
  row('pmul', '0 Q 1 01110 size=00 1 Rm:5 10011 1 Rn:5 Rd:5', same3(Q_B)),
  // logical (size selects the operation)
  row('and', '0 Q 0 01110 size=00 1 Rm:5 00011 1 Rn:5 Rd:5', same3(Q_B)),
  row('bic', '0 Q 0 01110 size=01 1 Rm:5 00011 1 Rn:5 Rd:5', same3(Q_B)),
  row('mov', '0 Q 0 01110 size=10 1 Rm:5 00011 1 Rn:5 Rd:5', [V('Rd', Q_B), V('Rn', Q_B), Tie('Rm', 'Rn')], { aliasOf: 'orr' }),
  row('orr', '0 Q 0 01110 size=10 1 Rm:5 00011 1 Rn:5 Rd:5', same3(Q_B)),
  row('orn', '0 Q 0 01110 size=11 1 Rm:5 00011 1 Rn:5 Rd:5', same3(Q_B)),
  row('eor', '0 Q 1 01110 size=00 1 Rm:5 00011 1 Rn:5 Rd:5', same3(Q_B)),
  row('bsl', '0 Q 1 01110 size=01 1 Rm:5 00011 1 Rn:5 Rd:5', same3(Q_B)),
  row('bit', '0 Q 1 01110 size=10 1 Rm:5 00011 1 Rn:5 Rd:5', same3(Q_B)),
  row('bif', '0 Q 1 01110 size=11 1 Rm:5 00011 1 Rn:5 Rd:5', same3(Q_B)),
]);

// --- three same (FP): [U, a, opcode<2:0>, mnemonic] -------------------------------------------
const FP_SAME: readonly [number, number, string, string][] = [
  [0, 0, '000', 'fmaxnm'], [0, 0, '001', 'fmla'], [0, 0, '010', 'fadd'], [0, 0, '011', 'fmulx'],
  [0, 0, '100', 'fcmeq'], [0, 0, '110', 'fmax'], [0, 0, '111', 'frecps'],
  [0, 1, '000', 'fminnm'], [0, 1, '001', 'fmls'], [0, 1, '010', 'fsub'], [0, 1, '110', 'fmin'], [0, 1, '111', 'frsqrts'],
  [1, 0, '000', 'fmaxnmp'], [1, 0, '010', 'faddp'], [1, 0, '011', 'fmul'], [1, 0, '100', 'fcmge'],
  [1, 0, '101', 'facge'], [1, 0, '110', 'fmaxp'], [1, 0, '111', 'fdiv'],
  [1, 1, '000', 'fminnmp'], [1, 1, '010', 'fabd'], [1, 1, '100', 'fcmgt'], [1, 1, '101', 'facgt'], [1, 1, '110', 'fminp'],
];

const fpSame = group({ cls: 'asimdsame', feature: 'simd' }, FP_SAME.map(([u, a, opc, m]) =>
  row(m, `0 Q ${u} 01110 ${a} sz 1 Rm:5 11${opc} 1 Rn:5 Rd:5`, same3(FP_SD))));

const fp16Same = group({ cls: 'asimdsamefp16', feature: 'fp16' }, FP_SAME.map(([u, a, opc, m]) =>
  row(m, `0 Q ${u} 01110 ${a} 10 Rm:5 00 ${opc} 1 Rn:5 Rd:5`, same3(Q_H))));

// FHM: fmlal/fmlsl (lower halves) and fmlal2/fmlsl2 (upper halves), 2s/4s from 2h/4h
const fhm = group({ cls: 'asimdsame', feature: 'fhm' }, [
  row('fmlal', '0 Q 0 01110 0 x 1 Rm:5 11101 1 Rn:5 Rd:5', same3(Q_S, Q_2H)),
  row('fmlsl', '0 Q 0 01110 1 x 1 Rm:5 11101 1 Rn:5 Rd:5', same3(Q_S, Q_2H)),
  row('fmlal2', '0 Q 1 01110 0 x 1 Rm:5 11001 1 Rn:5 Rd:5', same3(Q_S, Q_2H)),
  row('fmlsl2', '0 Q 1 01110 1 x 1 Rm:5 11001 1 Rn:5 Rd:5', same3(Q_S, Q_2H)),
]);

// --- three same extra ----------------------------------------------------------------------------
const Q1_4S = byField('Q', null, '4s');
const Q1_8H = byField('Q', null, '8h');
const Q1_16B = byField('Q', null, '16b');
const FCMLA_T = sizeQ('4h', '8h', '2s', '4s', '2d');

const same2 = (u: number, size: string, opc: string) => `0 Q ${u} 01110 ${size} 0 Rm:5 1 ${opc} 1 Rn:5 Rd:5`;

const sameExtra = [
  ...group({ cls: 'asimdsame2', feature: 'rdma' }, [
    row('sqrdmlah', same2(1, 'size:2', '0000'), same3(HS)),
    row('sqrdmlsh', same2(1, 'size:2', '0001'), same3(HS)),
  ]),
  ...group({ cls: 'asimdsame2', feature: 'dotprod' }, [
    row('sdot', same2(0, '10', '0010'), same3(Q_S, Q_B)),
    row('udot', same2(1, '10', '0010'), same3(Q_S, Q_B)),
  ]),
  ...group({ cls: 'asimdsame2', feature: 'i8mm' }, [
    row('usdot', same2(0, '10', '0011'), same3(Q_S, Q_B)),
    row('smmla', same2(0, '10', '0100'), same3(Q1_4S, Q1_16B)),
    row('ummla', same2(1, '10', '0100'), same3(Q1_4S, Q1_16B)),
    row('usmmla', same2(0, '10', '0101'), same3(Q1_4S, Q1_16B)),
  ]),
  ...group({ cls: 'asimdsame2', feature: 'fcma' }, [
    row('fcmla', same2(1, 'size:2', '10 rot:2'), [...same3(FCMLA_T), Rot()]),
    row('fcadd', same2(1, 'size:2', '11 rot 0'), [...same3(FCMLA_T), RotOdd()]),
  ]),
  ...group({ cls: 'asimdsame2', feature: 'bf16' }, [
    row('bfdot', same2(1, '01', '1111'), same3(Q_S, Q_H)),
    row('bfmlalb', same2(1, '11', '1111').replace('0 Q', '0 0'), same3(byField([], '4s'), byField([], '8h'))),
    row('bfmlalt', same2(1, '11', '1111').replace('0 Q', '0 1'), same3(byField([], '4s'), byField([], '8h'))),
    row('bfmmla', same2(1, '01', '1101'), same3(Q1_4S, Q1_8H)),
  ]),
];

// --- three different ------------------------------------------------------------------------------
const NARROW = [byField('size', '8b', '4h', '2s'), byField('size', '16b', '8h', '4s')] as const;
const WIDE = byField('size', '8h', '4s', '2d');
const WIDE_HS = byField('size', null, '4s', '2d');
const NARROW_HS = [byField('size', null, '4h', '2s'), byField('size', null, '8h', '4s')] as const;

type DiffKind = 'long' | 'wide' | 'narrow';
// [opcode, U=0, U=1, kind, only h/s sizes]
const DIFF: readonly [string, string | null, string | null, DiffKind, boolean][] = [
  ['0000', 'saddl', 'uaddl', 'long', false],
  ['0001', 'saddw', 'uaddw', 'wide', false],
  ['0010', 'ssubl', 'usubl', 'long', false],
  ['0011', 'ssubw', 'usubw', 'wide', false],
  ['0100', 'addhn', 'raddhn', 'narrow', false],
  ['0101', 'sabal', 'uabal', 'long', false],
  ['0110', 'subhn', 'rsubhn', 'narrow', false],
  ['0111', 'sabdl', 'uabdl', 'long', false],
  ['1000', 'smlal', 'umlal', 'long', false],
  ['1001', 'sqdmlal', null, 'long', true],
  ['1010', 'smlsl', 'umlsl', 'long', false],
  ['1011', 'sqdmlsl', null, 'long', true],
  ['1100', 'smull', 'umull', 'long', false],
  ['1101', 'sqdmull', null, 'long', true],
];

function diffOps(kind: DiffKind, q: 0 | 1, hs: boolean) {
  const N = (hs ? NARROW_HS : NARROW)[q];
  const Wd = hs ? WIDE_HS : WIDE;
  if (kind === 'long') return same3(Wd, N, N);
  if (kind === 'wide') return same3(Wd, Wd, N);
  return same3(N, Wd, Wd);
}

const diff = group({ cls: 'asimddiff', feature: 'simd' }, [
  ...DIFF.flatMap(([opc, m0, m1, kind, hs]) =>
    ([[0, m0], [1, m1]] as const).flatMap(([u, m]) =>
      m === null ? [] : ([0, 1] as const).map((q) =>
        row(q ? m + '2' : m, `0 ${q} ${u} 01110 size:2 1 Rm:5 ${opc} 00 Rn:5 Rd:5`, diffOps(kind, q, hs)))),
  ),
  row('pmull', '0 0 0 01110 size=00 1 Rm:5 1110 00 Rn:5 Rd:5', same3(byField([], '8h'), byField([], '8b'))),
  row('pmull2', '0 1 0 01110 size=00 1 Rm:5 1110 00 Rn:5 Rd:5', same3(byField([], '8h'), byField([], '16b'))),
  row('pmull', '0 0 0 01110 size=11 1 Rm:5 1110 00 Rn:5 Rd:5', same3(byField([], '1q'), byField([], '1d')), { feature: 'crypto' }),
  row('pmull2', '0 1 0 01110 size=11 1 Rm:5 1110 00 Rn:5 Rd:5', same3(byField([], '1q'), byField([], '2d')), { feature: 'crypto' }),
]);

export const SIMD_VEC_SAME: RowSpec[] = [...intSame, ...fpSame, ...fp16Same, ...fhm, ...sameExtra, ...diff];
