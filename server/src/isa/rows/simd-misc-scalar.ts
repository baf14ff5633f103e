// AdvSIMD scalar classes: three same (integer, FP, FP16, rdma extra), three different, two-register
// misc (and FP16), pairwise, copy (dup / its mov alias), x indexed element, shift by immediate.
import { FpImm5 } from '../operands/simd-copy';
import { FpImmh, ShiftImm, ZeroImm } from '../operands/simd-imm';
import { Fp, FpT } from '../operands/fpreg';
import { VT } from '../operands/vreg';
import { VElem, VElemImm5 } from '../operands/velem';
import { OperandSpec } from '../operands/operand';
import { RowSpec, group, row } from '../table';

type Sz = 'b' | 'h' | 's' | 'd';
const BHSD: readonly Sz[] = ['b', 'h', 's', 'd'];

/** Scalar register sized by `field` (value i → BHSD[i]), restricted to `allowed`. */
const bySize = (reg: string, allowed: readonly Sz[], field = 'size'): OperandSpec =>
  FpT(reg, field, BHSD.map((s) => (allowed.includes(s) ? s : null)), reg !== 'Rd');
/** Scalar register sized by sz: 0 → s, 1 → d. */
const bySz = (reg: string) => FpT(reg, 'sz', ['s', 'd'], reg !== 'Rd');
const H = (reg: string) => Fp('h', reg);

const ZERO = ZeroImm(false);
const FZERO = ZeroImm(true);

// --- three same ----------------------------------------------------------------------------------
/** [U, opcode, mnemonic, sizes] */
const INT_SAME: readonly [number, string, string, readonly Sz[]][] = [
  [0, '00001', 'sqadd', BHSD], [1, '00001', 'uqadd', BHSD],
  [0, '00101', 'sqsub', BHSD], [1, '00101', 'uqsub', BHSD],
  [0, '00110', 'cmgt', ['d']], [1, '00110', 'cmhi', ['d']],
  [0, '00111', 'cmge', ['d']], [1, '00111', 'cmhs', ['d']],
  [0, '01000', 'sshl', ['d']], [1, '01000', 'ushl', ['d']],
  [0, '01001', 'sqshl', BHSD], [1, '01001', 'uqshl', BHSD],
  [0, '01010', 'srshl', ['d']], [1, '01010', 'urshl', ['d']],
  [0, '01011', 'sqrshl', BHSD], [1, '01011', 'uqrshl', BHSD],
  [0, '10000', 'add', ['d']], [1, '10000', 'sub', ['d']],
  [0, '10001', 'cmtst', ['d']], [1, '10001', 'cmeq', ['d']],
  [0, '10110', 'sqdmulh', ['h', 's']], [1, '10110', 'sqrdmulh', ['h', 's']],
];

/** FP three same: [U, o1 (size<1>), opcode<2:0>, mnemonic]; the same list serves the FP16 forms. */
const FP_SAME: readonly [number, number, string, string][] = [
  [0, 0, '011', 'fmulx'], [0, 0, '100', 'fcmeq'], [0, 0, '111', 'frecps'], [0, 1, '111', 'frsqrts'],
  [1, 0, '100', 'fcmge'], [1, 0, '101', 'facge'], [1, 1, '010', 'fabd'], [1, 1, '100', 'fcmgt'], [1, 1, '101', 'facgt'],
];

const same = group({ cls: 'asisdsame', feature: 'simd' }, [
  ...INT_SAME.map(([u, opc, m, sz]) =>
    row(m, `01 ${u} 11110 size:2 1 Rm:5 ${opc} 1 Rn:5 Rd:5`, [bySize('Rd', sz), bySize('Rn', sz), bySize('Rm', sz)]),
  ),
  ...FP_SAME.map(([u, o1, opc, m]) => row(m, `01 ${u} 11110 ${o1} sz 1 Rm:5 11 ${opc} 1 Rn:5 Rd:5`, [bySz('Rd'), bySz('Rn'), bySz('Rm')])),
]);

const sameFp16 = group({ cls: 'asisdsamefp16', feature: 'fp16' }, [
  ...FP_SAME.map(([u, a, opc, m]) => row(m, `01 ${u} 11110 ${a} 10 Rm:5 00 ${opc} 1 Rn:5 Rd:5`, [H('Rd'), H('Rn'), H('Rm')])),
]);

const same2 = group({ cls: 'asisdsame2', feature: 'rdma' }, [
  row('sqrdmlah', '01 1 11110 size:2 0 Rm:5 1 0000 1 Rn:5 Rd:5', [bySize('Rd', ['h', 's']), bySize('Rn', ['h', 's']), bySize('Rm', ['h', 's'])]),
  row('sqrdmlsh', '01 1 11110 size:2 0 Rm:5 1 0001 1 Rn:5 Rd:5', [bySize('Rd', ['h', 's']), bySize('Rn', ['h', 's']), bySize('Rm', ['h', 's'])]),
]);

// --- three different -----------------------------------------------------------------------------
const WIDE_D = (reg: string) => FpT(reg, 'size', [null, 's', 'd', null]);
const NARROW_N = (reg: string) => FpT(reg, 'size', [null, 'h', 's', null], true);

const diff = group({ cls: 'asisddiff', feature: 'simd' }, [
  ...([['1001', 'sqdmlal'], ['1011', 'sqdmlsl'], ['1101', 'sqdmull']] as const).map(([opc, m]) =>
    row(m, `01 0 11110 size:2 1 Rm:5 ${opc} 00 Rn:5 Rd:5`, [WIDE_D('Rd'), NARROW_N('Rn'), NARROW_N('Rm')]),
  ),
]);

// --- two-register misc ---------------------------------------------------------------------------
/** Integer: [U, opcode, mnemonic, sizes, 'zero' = compare against #0] */
const INT_MISC: readonly [number, string, string, readonly Sz[], boolean][] = [
  [0, '00011', 'suqadd', BHSD, false], [1, '00011', 'usqadd', BHSD, false],
  [0, '00111', 'sqabs', BHSD, false], [1, '00111', 'sqneg', BHSD, false],
  [0, '01000', 'cmgt', ['d'], true], [1, '01000', 'cmge', ['d'], true],
  [0, '01001', 'cmeq', ['d'], true], [1, '01001', 'cmle', ['d'], true],
  [0, '01010', 'cmlt', ['d'], true],
  [0, '01011', 'abs', ['d'], false], [1, '01011', 'neg', ['d'], false],
];

/** Narrowing: [U, opcode, mnemonic]: Rd b/h/s ← Rn h/s/d. */
const NARROW_MISC: readonly [number, string, string][] = [
  [0, '10100', 'sqxtn'], [1, '10010', 'sqxtun'], [1, '10100', 'uqxtn'],
];

/** FP: [U, size<1> (FP16: a), opcode, mnemonic, 'zero' = compare against #0.0] */
const FP_MISC: readonly [number, number, string, string, boolean][] = [
  [0, 0, '11010', 'fcvtns', false], [0, 0, '11011', 'fcvtms', false], [0, 0, '11100', 'fcvtas', false], [0, 0, '11101', 'scvtf', false],
  [0, 1, '01100', 'fcmgt', true], [0, 1, '01101', 'fcmeq', true], [0, 1, '01110', 'fcmlt', true],
  [0, 1, '11010', 'fcvtps', false], [0, 1, '11011', 'fcvtzs', false], [0, 1, '11101', 'frecpe', false], [0, 1, '11111', 'frecpx', false],
  [1, 0, '11010', 'fcvtnu', false], [1, 0, '11011', 'fcvtmu', false], [1, 0, '11100', 'fcvtau', false], [1, 0, '11101', 'ucvtf', false],
  [1, 1, '01100', 'fcmge', true], [1, 1, '01101', 'fcmle', true],
  [1, 1, '11010', 'fcvtpu', false], [1, 1, '11011', 'fcvtzu', false], [1, 1, '11101', 'frsqrte', false],
];

const misc = group({ cls: 'asisdmisc', feature: 'simd' }, [
  ...INT_MISC.map(([u, opc, m, sz, zero]) =>
    row(m, `01 ${u} 11110 size:2 10000 ${opc} 10 Rn:5 Rd:5`, zero ? [bySize('Rd', sz), bySize('Rn', sz), ZERO] : [bySize('Rd', sz), bySize('Rn', sz)]),
  ),
  ...NARROW_MISC.map(([u, opc, m]) =>
    row(m, `01 ${u} 11110 size:2 10000 ${opc} 10 Rn:5 Rd:5`, [bySize('Rd', ['b', 'h', 's']), FpT('Rn', 'size', ['h', 's', 'd', null], true)]),
  ),
  row('fcvtxn', '01 1 11110 0 sz=1 10000 10110 10 Rn:5 Rd:5', [Fp('s', 'Rd'), Fp('d', 'Rn')]),
  ...FP_MISC.map(([u, o1, opc, m, zero]) =>
    row(m, `01 ${u} 11110 ${o1} sz 10000 ${opc} 10 Rn:5 Rd:5`, zero ? [bySz('Rd'), bySz('Rn'), FZERO] : [bySz('Rd'), bySz('Rn')]),
  ),
]);

const miscFp16 = group({ cls: 'asisdmiscfp16', feature: 'fp16' }, [
  ...FP_MISC.map(([u, a, opc, m, zero]) =>
    row(m, `01 ${u} 11110 ${a} 111100 ${opc} 10 Rn:5 Rd:5`, zero ? [H('Rd'), H('Rn'), FZERO] : [H('Rd'), H('Rn')]),
  ),
]);

// --- pairwise ------------------------------------------------------------------------------------
const pair = group({ cls: 'asisdpair', feature: 'simd' }, [
  row('addp', '01 0 11110 size=11 11000 11011 10 Rn:5 Rd:5', [Fp('d', 'Rd'), VT('Rn', [], ['2d'])]),
  ...([[0, '01100', 'fmaxnmp'], [0, '01101', 'faddp'], [0, '01111', 'fmaxp'], [1, '01100', 'fminnmp'], [1, '01111', 'fminp']] as const).flatMap(
    ([o1, opc, m]) => [
      row(m, `01 0 11110 ${o1} sz=0 11000 ${opc} 10 Rn:5 Rd:5`, [Fp('h', 'Rd'), VT('Rn', [], ['2h'])], { feature: 'fp16' }),
      row(m, `01 1 11110 ${o1} sz 11000 ${opc} 10 Rn:5 Rd:5`, [bySz('Rd'), VT('Rn', 'sz', ['2s', '2d'], true)]),
    ],
  ),
]);

// --- copy ----------------------------------------------------------------------------------------
const copy = group({ cls: 'asisdone', feature: 'simd' }, [
  row('mov', '01 0 11110000 imm5:5 0 0000 1 Rn:5 Rd:5', [FpImm5('Rd'), VElemImm5('Rn')], { aliasOf: 'dup' }),
  row('dup', '01 0 11110000 imm5:5 0 0000 1 Rn:5 Rd:5', [FpImm5('Rd'), VElemImm5('Rn')]),
]);

// --- x indexed element ---------------------------------------------------------------------------
const ix = (u: number, size: string, opc: string, rm = 'M Rm:4') => `01 ${u} 11111 ${size} L ${rm} ${opc} H 0 Rn:5 Rd:5`;
const ELEM_H = VElem('Rm', 'h', ['H', 'L', 'M']);
const ELEM_S = VElem(['M', 'Rm'], 's', ['H', 'L']);
const ELEM_D = VElem(['M', 'Rm'], 'd', ['H']);

const elem = group({ cls: 'asisdelem', feature: 'simd' }, [
  ...([['0011', 'sqdmlal'], ['0111', 'sqdmlsl'], ['1011', 'sqdmull']] as const).flatMap(([opc, m]) => [
    row(m, ix(0, 'size=01', opc), [Fp('s', 'Rd'), Fp('h', 'Rn'), ELEM_H]),
    row(m, ix(0, 'size=10', opc, 'M:1 Rm:4'), [Fp('d', 'Rd'), Fp('s', 'Rn'), ELEM_S]),
  ]),
  ...([[0, '1100', 'sqdmulh', 'simd'], [0, '1101', 'sqrdmulh', 'simd'], [1, '1101', 'sqrdmlah', 'rdma'], [1, '1111', 'sqrdmlsh', 'rdma']] as const).flatMap(
    ([u, opc, m, feature]) => [
      row(m, ix(u, 'size=01', opc), [H('Rd'), H('Rn'), ELEM_H], { feature }),
      row(m, ix(u, 'size=10', opc, 'M:1 Rm:4'), [Fp('s', 'Rd'), Fp('s', 'Rn'), ELEM_S], { feature }),
    ],
  ),
  ...([[0, '0001', 'fmla'], [0, '0101', 'fmls'], [0, '1001', 'fmul'], [1, '1001', 'fmulx']] as const).flatMap(([u, opc, m]) => [
    row(m, ix(u, 'size=00', opc), [H('Rd'), H('Rn'), ELEM_H], { feature: 'fp16' }),
    row(m, ix(u, 'size=10', opc, 'M:1 Rm:4'), [Fp('s', 'Rd'), Fp('s', 'Rn'), ELEM_S]),
    row(m, ix(u, 'size=11', opc, 'M:1 Rm:4').replace(' L ', ' L=0 '), [Fp('d', 'Rd'), Fp('d', 'Rn'), ELEM_D]),
  ]),
]);

// --- shift by immediate --------------------------------------------------------------------------
const sh = (u: number, opc: string) => `01 ${u} 111110 immh:4 immb:3 ${opc} 1 Rn:5 Rd:5`;
const D = [3];
const F = { follows: true };
const ALL = [0, 1, 2, 3];
const NARROW = [0, 1, 2];
/** [U, opcode, mnemonic, sizes, kind] */
const SAME_SHIFTS: readonly [number, string, string, readonly number[], 'right' | 'left'][] = [
  [0, '00000', 'sshr', D, 'right'], [1, '00000', 'ushr', D, 'right'],
  [0, '00010', 'ssra', D, 'right'], [1, '00010', 'usra', D, 'right'],
  [0, '00100', 'srshr', D, 'right'], [1, '00100', 'urshr', D, 'right'],
  [0, '00110', 'srsra', D, 'right'], [1, '00110', 'ursra', D, 'right'],
  [1, '01000', 'sri', D, 'right'],
  [0, '01010', 'shl', D, 'left'], [1, '01010', 'sli', D, 'left'],
  [1, '01100', 'sqshlu', ALL, 'left'],
  [0, '01110', 'sqshl', ALL, 'left'], [1, '01110', 'uqshl', ALL, 'left'],
];
const NARROW_SHIFTS: readonly [number, string, string][] = [
  [1, '10000', 'sqshrun'], [1, '10001', 'sqrshrun'],
  [0, '10010', 'sqshrn'], [1, '10010', 'uqshrn'],
  [0, '10011', 'sqrshrn'], [1, '10011', 'uqrshrn'],
];

const shift = group({ cls: 'asisdshf', feature: 'simd' }, [
  ...SAME_SHIFTS.map(([u, opc, m, sz, kind]) => row(m, sh(u, opc), [FpImmh('Rd', 'same', sz), FpImmh('Rn', 'same', sz, F), ShiftImm(kind)])),
  ...NARROW_SHIFTS.map(([u, opc, m]) => row(m, sh(u, opc), [FpImmh('Rd', 'same', NARROW), FpImmh('Rn', 'wide', NARROW, F), ShiftImm('right')])),
  ...([[0, '11100', 'scvtf'], [1, '11100', 'ucvtf'], [0, '11111', 'fcvtzs'], [1, '11111', 'fcvtzu']] as const).flatMap(([u, opc, m]) => [
    row(m, sh(u, opc), [FpImmh('Rd', 'same', [1]), FpImmh('Rn', 'same', [1], F), ShiftImm('right')], { feature: 'fp16' }),
    row(m, sh(u, opc), [FpImmh('Rd', 'same', [2, 3]), FpImmh('Rn', 'same', [2, 3], F), ShiftImm('right')]),
  ]),
]);

export const SIMD_MISC_SCALAR: RowSpec[] = [...same, ...sameFp16, ...same2, ...diff, ...misc, ...miscFp16, ...pair, ...copy, ...elem, ...shift];
