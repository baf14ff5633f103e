// AdvSIMD vector x indexed element: integer and FP multiply(-accumulate), long and saturating
// doubling forms, rdma, dot products (DotProd, I8MM, BF16), FHM, BF16 widening, complex FCMLA.
import { OperandSpec } from '../operands/operand';
import { VElem } from '../operands/velem';
import { Arrangement, V } from '../operands/vreg';
import { RowSpec, group, row } from '../table';
import { Rot } from '../operands/sve-rot';
import { Q_2H, Q_B, Q_H, Q_S, byField } from './simd-vec-common';

// h elements: Rm is 4 bits (v0..v15), index H:L:M; s: Rm = M:Rm, index H:L; d: Rm = M:Rm, index H
const EH = VElem('Rm', 'h', ['H', 'L', 'M']);
const ES = VElem(['M', 'Rm'], 's', ['H', 'L']);
const ED = VElem(['M', 'Rm'], 'd', 'H');

const elem = (u: number | string, size: string, opc: string, q = 'Q', l = 'L') => `0 ${q} ${u} 01111 ${size} ${l} M Rm:4 ${opc} H 0 Rn:5 Rd:5`;
const ops = (D: Arrangement, N: Arrangement, e: OperandSpec) => [V('Rd', D), V('Rn', N), e];

const Q1_2D = byField('Q', null, '2d');
const FIX = (t: string) => byField([], t);

// [U, opcode, mnemonic, feature]
const INT_SAME: readonly [number, string, string, string][] = [
  [0, '1000', 'mul', 'simd'],
  [1, '0000', 'mla', 'simd'],
  [1, '0100', 'mls', 'simd'],
  [0, '1100', 'sqdmulh', 'simd'],
  [0, '1101', 'sqrdmulh', 'simd'],
  [1, '1101', 'sqrdmlah', 'rdma'],
  [1, '1111', 'sqrdmlsh', 'rdma'],
];

const INT_LONG: readonly [number, string, string][] = [
  [0, '0010', 'smlal'], [0, '0011', 'sqdmlal'], [0, '0110', 'smlsl'], [0, '0111', 'sqdmlsl'],
  [0, '1010', 'smull'], [0, '1011', 'sqdmull'],
  [1, '0010', 'umlal'], [1, '0110', 'umlsl'], [1, '1010', 'umull'],
];

const intElem = group({ cls: 'asimdelem', feature: 'simd' }, [
  ...INT_SAME.flatMap(([u, opc, m, feature]) => [
    row(m, elem(u, '01', opc), ops(Q_H, Q_H, EH), { feature }),
    row(m, elem(u, '10', opc), ops(Q_S, Q_S, ES), { feature }),
  ]),
  ...INT_LONG.flatMap(([u, opc, m]) => ([0, 1] as const).flatMap((q) => [
    row(q ? m + '2' : m, elem(u, '01', opc, String(q)), ops(FIX('4s'), FIX(q ? '8h' : '4h'), EH)),
    row(q ? m + '2' : m, elem(u, '10', opc, String(q)), ops(FIX('2d'), FIX(q ? '4s' : '2s'), ES)),
  ])),
]);

const FP_ELEM: readonly [number, string, string][] = [[0, '0001', 'fmla'], [0, '0101', 'fmls'], [0, '1001', 'fmul'], [1, '1001', 'fmulx']];

const fpElem = [
  ...group({ cls: 'asimdelem', feature: 'simd' }, FP_ELEM.flatMap(([u, opc, m]) => [
    row(m, elem(u, '10', opc), ops(Q_S, Q_S, ES)),
    row(m, elem(u, '11', opc, 'Q', '0'), ops(Q1_2D, Q1_2D, ED)),
  ])),
  ...group({ cls: 'asimdelem', feature: 'fp16' }, FP_ELEM.map(([u, opc, m]) => row(m, elem(u, '00', opc), ops(Q_H, Q_H, EH)))),
  ...group({ cls: 'asimdelem', feature: 'fhm' }, ([[0, '0000', 'fmlal'], [0, '0100', 'fmlsl'], [1, '1000', 'fmlal2'], [1, '1100', 'fmlsl2']] as const).map(([u, opc, m]) =>
    row(m, elem(u, '10', opc), ops(Q_S, Q_2H, EH)))),
];

const E4B = VElem(['M', 'Rm'], '4b', ['H', 'L']);
const E2H = VElem(['M', 'Rm'], '2h', ['H', 'L']);

const dotElem = [
  ...group({ cls: 'asimdelem', feature: 'dotprod' }, [
    row('sdot', elem(0, '10', '1110'), ops(Q_S, Q_B, E4B)),
    row('udot', elem(1, '10', '1110'), ops(Q_S, Q_B, E4B)),
  ]),
  ...group({ cls: 'asimdelem', feature: 'i8mm' }, [
    row('sudot', elem(0, '00', '1111'), ops(Q_S, Q_B, E4B)),
    row('usdot', elem(0, '10', '1111'), ops(Q_S, Q_B, E4B)),
  ]),
  ...group({ cls: 'asimdelem', feature: 'bf16' }, [
    row('bfdot', elem(0, '01', '1111'), ops(Q_S, Q_H, E2H)),
    row('bfmlalb', elem(0, '11', '1111', '0'), ops(FIX('4s'), FIX('8h'), EH)),
    row('bfmlalt', elem(0, '11', '1111', '1'), ops(FIX('4s'), FIX('8h'), EH)),
  ]),
];

// FCMLA by element: h (index H:L, Rm = M:Rm; 4h only H = 0) and s (4s only, index H, L = 0)
const fcmlaElem = group({ cls: 'asimdelem', feature: 'fcma' }, [
  row('fcmla', '0 0 1 01111 01 L M Rm:4 0 rot:2 1 0 0 Rn:5 Rd:5', [...ops(FIX('4h'), FIX('4h'), VElem(['M', 'Rm'], 'h', 'L')), Rot()]),
  row('fcmla', '0 1 1 01111 01 L M Rm:4 0 rot:2 1 H 0 Rn:5 Rd:5', [...ops(FIX('8h'), FIX('8h'), VElem(['M', 'Rm'], 'h', ['H', 'L'])), Rot()]),
  row('fcmla', '0 1 1 01111 10 0 M Rm:4 0 rot:2 1 H 0 Rn:5 Rd:5', [...ops(FIX('4s'), FIX('4s'), VElem(['M', 'Rm'], 's', 'H')), Rot()]),
]);

export const SIMD_VEC_ELEM: RowSpec[] = [...intElem, ...fpElem, ...dotElem, ...fcmlaElem];
