// SVE floating-point instructions of the 0x64/0x65 space: arithmetic (predicated, unpredicated,
// indexed), complex, compares, conversions, rounding, reductions, fused multiply-add, the FP
// immediates, and SVE2/BF16/matrix FP forms.
// Element sizes are h/s/d from `size` (00 is reserved: the name tables' null entry drops the row).
import { FpT } from '../operands/fpreg';
import { FpZero } from '../operands/fpimm';
import { Imm } from '../operands/imm';
import { OperandSpec } from '../operands/operand';
import { FpImmPair } from '../operands/sve-fp-imm';
import { P, PFix, Pg, SZ_HSD, Z, ZFix } from '../operands/sve-reg';
import { VElem } from '../operands/velem';
import { Rot, RotOdd } from '../operands/sve-rot';
import { RowSpec, group, row } from '../table';

const zh = (r: string) => Z(r, SZ_HSD);
/** Scalar h/s/d register sized like the vectors (reductions). */
const vh = (r: string) => FpT(r, 'size', [null, 'h', 's', 'd']);

// --- predicated: Zdn = Zdn op Zm ------------------------------------------------------------------
const BIN_PRED: readonly [string, string][] = [
  ['0000', 'fadd'], ['0001', 'fsub'], ['0010', 'fmul'], ['0011', 'fsubr'], ['0100', 'fmaxnm'],
  ['0101', 'fminnm'], ['0110', 'fmax'], ['0111', 'fmin'], ['1000', 'fabd'], ['1001', 'fscale'],
  ['1010', 'fmulx'], ['1100', 'fdivr'], ['1101', 'fdiv'],
];
const binPred = group({ cls: 'sve_fp_2op_p_zds', feature: 'sve' }, BIN_PRED.map(([opc, m]) =>
  row(m, `01100101 size:2 00 ${opc} 100 Pg:3 Zm:5 Zdn:5`, [zh('Zdn'), Pg('Pg', 'm'), zh('Zdn'), zh('Zm')])));

// --- predicated with a one-bit immediate: [opc, mnemonic, value for 0, value for 1] -----------
const IMM_PRED: readonly [string, string, string, string][] = [
  ['000', 'fadd', '0.5', '1.0'], ['001', 'fsub', '0.5', '1.0'], ['010', 'fmul', '0.5', '2.0'],
  ['011', 'fsubr', '0.5', '1.0'], ['100', 'fmaxnm', '0.0', '1.0'], ['101', 'fminnm', '0.0', '1.0'],
  ['110', 'fmax', '0.0', '1.0'], ['111', 'fmin', '0.0', '1.0'],
];
const immPred = group({ cls: 'sve_fp_2op_i_p_zds', feature: 'sve' }, IMM_PRED.map(([opc, m, a, b]) =>
  row(m, `01100101 size:2 011 ${opc} 100 Pg:3 0000 i1 Zdn:5`, [zh('Zdn'), Pg('Pg', 'm'), zh('Zdn'), FpImmPair('i1', a, b)])));

// --- SVE2 pairwise (0x64) --------------------------------------------------------------------------
const PAIRWISE: readonly [string, string][] = [['000', 'faddp'], ['100', 'fmaxnmp'], ['101', 'fminnmp'], ['110', 'fmaxp'], ['111', 'fminp']];
const pairwise = group({ cls: 'sve_fp_pairwise', feature: 'sve2' }, PAIRWISE.map(([opc, m]) =>
  row(m, `01100100 size:2 010 ${opc} 100 Pg:3 Zm:5 Zdn:5`, [zh('Zdn'), Pg('Pg', 'm'), zh('Zdn'), zh('Zm')])));

// --- unpredicated --------------------------------------------------------------------------------
const UNPRED: readonly [string, string][] = [['000', 'fadd'], ['001', 'fsub'], ['010', 'fmul'], ['011', 'ftsmul'], ['110', 'frecps'], ['111', 'frsqrts']];
const unpred = group({ cls: 'sve_fp_3op_u_zd', feature: 'sve' }, [
  ...UNPRED.map(([opc, m]) => row(m, `01100101 size:2 0 Zm:5 000 ${opc} Zn:5 Zd:5`, [zh('Zd'), zh('Zn'), zh('Zm')])),
  row('ftmad', '01100101 size:2 010 imm3:3 100000 Zm:5 Zdn:5', [zh('Zdn'), zh('Zdn'), zh('Zm'), Imm('imm3')], { cls: 'sve_fp_ftmad' }),
  row('frecpe', '01100101 size:2 001 110 001100 Zn:5 Zd:5', [zh('Zd'), zh('Zn')], { cls: 'sve_fp_2op_u_zd' }),
  row('frsqrte', '01100101 size:2 001 111 001100 Zn:5 Zd:5', [zh('Zd'), zh('Zn')], { cls: 'sve_fp_2op_u_zd' }),
]);

// --- reductions ----------------------------------------------------------------------------------
const RED: readonly [string, string][] = [['000', 'faddv'], ['100', 'fmaxnmv'], ['101', 'fminnmv'], ['110', 'fmaxv'], ['111', 'fminv']];
const reductions = group({ cls: 'sve_fp_fast_red', feature: 'sve' }, [
  ...RED.map(([opc, m]) => row(m, `01100101 size:2 000 ${opc} 001 Pg:3 Zn:5 Vd:5`, [vh('Vd'), PFix('Pg', ''), zh('Zn')])),
  row('fadda', '01100101 size:2 011 000 001 Pg:3 Zm:5 Vdn:5', [vh('Vdn'), PFix('Pg', ''), vh('Vdn'), zh('Zm')], { cls: 'sve_fp_slow_red' }),
]);

// --- compares ------------------------------------------------------------------------------------
const pd = (r: string) => P(r, SZ_HSD);
// [op:o2 (bits 15, 13), o3 (bit 4), mnemonic, assembler alias with the sources swapped]
const CMP: readonly [string, string, string, string | null][] = [
  ['00', '0', 'fcmge', 'fcmle'], ['00', '1', 'fcmgt', 'fcmlt'], ['01', '0', 'fcmeq', null], ['01', '1', 'fcmne', null],
  ['10', '0', 'fcmuo', null], ['10', '1', 'facge', 'facle'], ['11', '1', 'facgt', 'faclt'],
];
// [bits 18-16, bit 4, mnemonic]
const CMP0: readonly [string, string, string][] = [
  ['000', '0', 'fcmge'], ['000', '1', 'fcmgt'], ['001', '0', 'fcmlt'], ['001', '1', 'fcmle'], ['010', '0', 'fcmeq'], ['011', '0', 'fcmne'],
];
const compares = group({ cls: 'sve_fp_3op_p_pd', feature: 'sve' }, [
  ...CMP.flatMap(([oo, o3, m, alias]) => {
    const pat = `01100101 size:2 0 Zm:5 ${oo[0]} 1 ${oo[1]} Pg:3 Zn:5 ${o3} Pd:4`;
    const rows = [row(m, pat, [pd('Pd'), Pg('Pg', 'z'), zh('Zn'), zh('Zm')])];
    if (alias) rows.push(row(alias, pat, [pd('Pd'), Pg('Pg', 'z'), zh('Zm'), zh('Zn')], { aliasOf: m, encodeOnly: true }));
    return rows;
  }),
  ...CMP0.map(([opc, o3, m]) =>
    row(m, `01100101 size:2 010 ${opc} 001 Pg:3 Zn:5 ${o3} Pd:4`, [pd('Pd'), Pg('Pg', 'z'), zh('Zn'), FpZero()], { cls: 'sve_fp_2op_p_pd' })),
]);

// --- fused multiply-add --------------------------------------------------------------------------
const FMA = ['fmla', 'fmls', 'fnmla', 'fnmls'];
const FMAD = ['fmad', 'fmsb', 'fnmad', 'fnmsb'];
const opc2 = ['00', '01', '10', '11'];
const fma = group({ cls: 'sve_fp_3op_p_zds_a', feature: 'sve' }, [
  ...FMA.map((m, i) => row(m, `01100101 size:2 1 Zm:5 0 ${opc2[i]} Pg:3 Zn:5 Zda:5`, [zh('Zda'), Pg('Pg', 'm'), zh('Zn'), zh('Zm')])),
  ...FMAD.map((m, i) =>
    row(m, `01100101 size:2 1 Za:5 1 ${opc2[i]} Pg:3 Zm:5 Zdn:5`, [zh('Zdn'), Pg('Pg', 'm'), zh('Zm'), zh('Za')], { cls: 'sve_fp_3op_p_zds_b' })),
]);

// --- unary predicated ----------------------------------------------------------------------------
// [bits 21-16, mnemonic]
const UNARY: readonly [string, string][] = [
  ['000000', 'frintn'], ['000001', 'frintp'], ['000010', 'frintm'], ['000011', 'frintz'], ['000100', 'frinta'],
  ['000110', 'frintx'], ['000111', 'frinti'], ['001100', 'frecpx'], ['001101', 'fsqrt'],
];
const unary = group({ cls: 'sve_fp_2op_p_zd_a', feature: 'sve' }, [
  ...UNARY.map(([opc, m]) => row(m, `01100101 size:2 ${opc} 101 Pg:3 Zn:5 Zd:5`, [zh('Zd'), Pg('Pg', 'm'), zh('Zn')])),
  row('flogb', '01100101 00 011 size:2 0 101 Pg:3 Zn:5 Zd:5', [zh('Zd'), Pg('Pg', 'm'), zh('Zn')], { cls: 'sve_fp_2op_p_zd_c', feature: 'sve2' }),
]);

// --- conversions with fixed sizes: [bits 23-16, mnemonic, Zd size, Zn size, feature] -------------
type Cvt = readonly [number, string, string, string, string?];
const CVT: readonly Cvt[] = [
  [0x88, 'fcvt', 'h', 's'], [0x89, 'fcvt', 's', 'h'], [0xc8, 'fcvt', 'h', 'd'], [0xc9, 'fcvt', 'd', 'h'],
  [0xca, 'fcvt', 's', 'd'], [0xcb, 'fcvt', 'd', 's'],
  [0x8a, 'bfcvt', 'h', 's', 'sve-bf16'], [0x0a, 'fcvtx', 's', 'd', 'sve2'],
  [0x52, 'scvtf', 'h', 'h'], [0x54, 'scvtf', 'h', 's'], [0x56, 'scvtf', 'h', 'd'], [0x94, 'scvtf', 's', 's'],
  [0xd0, 'scvtf', 'd', 's'], [0xd4, 'scvtf', 's', 'd'], [0xd6, 'scvtf', 'd', 'd'],
  [0x5a, 'fcvtzs', 'h', 'h'], [0x5c, 'fcvtzs', 's', 'h'], [0x5e, 'fcvtzs', 'd', 'h'], [0x9c, 'fcvtzs', 's', 's'],
  [0xd8, 'fcvtzs', 's', 'd'], [0xdc, 'fcvtzs', 'd', 's'], [0xde, 'fcvtzs', 'd', 'd'],
];
// SVE2 narrowing to / widening from the odd elements (0x64)
const CVT2: readonly Cvt[] = [
  [0x88, 'fcvtnt', 'h', 's'], [0xca, 'fcvtnt', 's', 'd'], [0x89, 'fcvtlt', 's', 'h'], [0xcb, 'fcvtlt', 'd', 's'],
  [0x0a, 'fcvtxnt', 's', 'd'], [0x8a, 'bfcvtnt', 'h', 's', 'sve-bf16'],
];
const byte8 = (v: number) => v.toString(2).padStart(8, '0');
const cvtRow = (pre: string, [b, m, d, n, feature]: Cvt, dflt: string) =>
  row(m, `${pre} ${byte8(b)} 101 Pg:3 Zn:5 Zd:5`, [ZFix('Zd', d), Pg('Pg', 'm'), ZFix('Zn', n)], { feature: feature ?? dflt });
const convert = group({ cls: 'sve_fp_2op_p_zd_b', feature: 'sve' }, [
  // the integer conversions' unsigned twin is the next opcode (bit 16)
  ...CVT.flatMap((c) => {
    const u = c[1] === 'scvtf' ? 'ucvtf' : c[1] === 'fcvtzs' ? 'fcvtzu' : null;
    return u ? [cvtRow('01100101', c, 'sve'), cvtRow('01100101', [c[0] | 1, u, c[2], c[3]], 'sve')] : [cvtRow('01100101', c, 'sve')];
  }),
  ...CVT2.map((c) => cvtRow('01100100', c, 'sve2')),
]);

// --- complex -------------------------------------------------------------------------------------
const complex = group({ cls: 'sve_fp_fcmla', feature: 'sve' }, [
  row('fcmla', '01100100 size:2 0 Zm:5 0 rot:2 Pg:3 Zn:5 Zda:5', [zh('Zda'), Pg('Pg', 'm'), zh('Zn'), zh('Zm'), Rot()]),
  row('fcadd', '01100100 size:2 00000 rot 100 Pg:3 Zm:5 Zdn:5', [zh('Zdn'), Pg('Pg', 'm'), zh('Zdn'), zh('Zm'), RotOdd()], { cls: 'sve_fp_fcadd' }),
  row('fcmla', '01100100 10 1 i2:2 Zm:3 0001 rot:2 Zn:5 Zda:5', [ZFix('Zda', 'h'), ZFix('Zn', 'h'), VElem('Zm', 'h', 'i2', 'z'), Rot()], { cls: 'sve_fp_fcmla_by_indexed_elem' }),
  row('fcmla', '01100100 11 1 i1 Zm:4 0001 rot:2 Zn:5 Zda:5', [ZFix('Zda', 's'), ZFix('Zn', 's'), VElem('Zm', 's', 'i1', 'z'), Rot()], { cls: 'sve_fp_fcmla_by_indexed_elem' }),
]);

// --- indexed multiply(-add): per element size, the index and Zm fields -------------------------
const byElem = (m: string, op: string): RowSpec[] => {
  const dst = m === 'fmul' ? 'Zd' : 'Zda';
  const ops = (t: 'h' | 's' | 'd', idx: string | string[]): OperandSpec[] => [ZFix(dst, t), ZFix('Zn', t), VElem('Zm', t, idx, 'z')];
  return [
    row(m, `01100100 0 i3h 1 i3l:2 Zm:3 ${op} Zn:5 ${dst}:5`, ops('h', ['i3h', 'i3l'])),
    row(m, `01100100 1 0 1 i2:2 Zm:3 ${op} Zn:5 ${dst}:5`, ops('s', 'i2')),
    row(m, `01100100 1 1 1 i1 Zm:4 ${op} Zn:5 ${dst}:5`, ops('d', 'i1')),
  ];
};
const indexed = group({ cls: 'sve_fp_fma_by_indexed_elem', feature: 'sve' }, [
  ...byElem('fmla', '000000'),
  ...byElem('fmls', '000001'),
  ...group({ cls: 'sve_fp_fmul_by_indexed_elem' }, byElem('fmul', '001000')),
]);

// --- widening multiply-add (SVE2 fmlalb…, BF16) and matrix multiplies --------------------------
const wideVec = (m: string, bits: string, feature: string, cls = 'sve_fp_fma_w') =>
  row(m, `01100100 ${bits.slice(0, 3)} Zm:5 ${bits.slice(3)} Zn:5 Zda:5`, [ZFix('Zda', 's'), ZFix('Zn', 'h'), ZFix('Zm', 'h')], { feature, cls });
const wideIdx = (m: string, hi: string, mid: string, t: string, feature: string) =>
  row(m, `01100100 ${hi} i3h:2 Zm:3 ${mid} i3l ${t} Zn:5 Zda:5`, [ZFix('Zda', 's'), ZFix('Zn', 'h'), VElem('Zm', 'h', ['i3h', 'i3l'], 'z')], { feature });
const widening = group({ cls: 'sve_fp_fma_w_by_indexed_elem' }, [
  wideVec('fmlalb', '101100000', 'sve2'), wideVec('fmlalt', '101100001', 'sve2'),
  wideVec('fmlslb', '101101000', 'sve2'), wideVec('fmlslt', '101101001', 'sve2'),
  wideVec('bfmlalb', '111100000', 'sve-bf16'), wideVec('bfmlalt', '111100001', 'sve-bf16'),
  wideIdx('fmlalb', '101', '0100', '0', 'sve2'), wideIdx('fmlalt', '101', '0100', '1', 'sve2'),
  wideIdx('fmlslb', '101', '0110', '0', 'sve2'), wideIdx('fmlslt', '101', '0110', '1', 'sve2'),
  wideIdx('bfmlalb', '111', '0100', '0', 'sve-bf16'), wideIdx('bfmlalt', '111', '0100', '1', 'sve-bf16'),
  wideVec('bfdot', '011100000', 'sve-bf16', 'sve_fp_fdot'),
  row('bfdot', '01100100 011 i2:2 Zm:3 010000 Zn:5 Zda:5', [ZFix('Zda', 's'), ZFix('Zn', 'h'), VElem('Zm', 'h', 'i2', 'z')], { feature: 'sve-bf16', cls: 'sve_fp_fdot_by_indexed_elem' }),
  wideVec('bfmmla', '011111001', 'sve-bf16', 'sve_fp_mmla'),
  row('fmmla', '01100100 101 Zm:5 111001 Zn:5 Zda:5', [ZFix('Zda', 's'), ZFix('Zn', 's'), ZFix('Zm', 's')], { feature: 'sve-f32mm', cls: 'sve_fp_mmla' }),
  row('fmmla', '01100100 111 Zm:5 111001 Zn:5 Zda:5', [ZFix('Zda', 'd'), ZFix('Zn', 'd'), ZFix('Zm', 'd')], { feature: 'sve-f64mm', cls: 'sve_fp_mmla' }),
]);

export const SVE_FP: RowSpec[] = [
  ...binPred, ...immPred, ...pairwise, ...unpred, ...reductions, ...compares, ...fma, ...unary,
  ...convert, ...complex, ...indexed, ...widening,
];
