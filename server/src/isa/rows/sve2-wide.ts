// SVE2 integer instructions of the 0x45 space: widening and narrowing arithmetic, shifts by
// immediate, saturating extracts, complex integer add, crypto, bit permutes, histograms, matches
// and the SVE integer matrix multiplies.
import { OperandSpec } from '../operands/operand';
import { P, Pg, SZ_BHSD, SZ_HALF, SZ_HSD, Z, ZFix, ZT } from '../operands/sve-reg';
import { RotOdd } from '../operands/sve-rot';
import { TszShift, ZTsz } from '../operands/sve-tsz';
import { arrangement } from '../operands/vreg';
import { RowSpec, group, row } from '../table';

type Shape = 'long' | 'wide' | 'narrow' | 'same';
const SHAPES: Record<Shape, (d: string, n: string, m: string) => OperandSpec[]> = {
  long: (d, n, m) => [Z(d, SZ_HSD), Z(n, SZ_HALF), Z(m, SZ_HALF)],
  wide: (d, n, m) => [Z(d, SZ_HSD), Z(n, SZ_HSD), Z(m, SZ_HALF)],
  narrow: (d, n, m) => [Z(d, SZ_HALF), Z(n, SZ_HSD), Z(m, SZ_HSD)],
  same: (d, n, m) => [Z(d, SZ_BHSD), Z(n, SZ_BHSD), Z(m, SZ_BHSD)],
};

// --- three registers, element size from `size`: [bit 21, bits 15:10, mnemonic, shape, cls] -----
const SIZED: readonly [string, string, string, Shape, string][] = [
  // add/subtract long, absolute difference long
  ['0', '000000', 'saddlb', 'long', 'sve_intx_cons_arith_long'],
  ['0', '000001', 'saddlt', 'long', 'sve_intx_cons_arith_long'],
  ['0', '000010', 'uaddlb', 'long', 'sve_intx_cons_arith_long'],
  ['0', '000011', 'uaddlt', 'long', 'sve_intx_cons_arith_long'],
  ['0', '000100', 'ssublb', 'long', 'sve_intx_cons_arith_long'],
  ['0', '000101', 'ssublt', 'long', 'sve_intx_cons_arith_long'],
  ['0', '000110', 'usublb', 'long', 'sve_intx_cons_arith_long'],
  ['0', '000111', 'usublt', 'long', 'sve_intx_cons_arith_long'],
  ['0', '001100', 'sabdlb', 'long', 'sve_intx_cons_arith_long'],
  ['0', '001101', 'sabdlt', 'long', 'sve_intx_cons_arith_long'],
  ['0', '001110', 'uabdlb', 'long', 'sve_intx_cons_arith_long'],
  ['0', '001111', 'uabdlt', 'long', 'sve_intx_cons_arith_long'],
  // add/subtract wide
  ['0', '010000', 'saddwb', 'wide', 'sve_intx_cons_arith_wide'],
  ['0', '010001', 'saddwt', 'wide', 'sve_intx_cons_arith_wide'],
  ['0', '010010', 'uaddwb', 'wide', 'sve_intx_cons_arith_wide'],
  ['0', '010011', 'uaddwt', 'wide', 'sve_intx_cons_arith_wide'],
  ['0', '010100', 'ssubwb', 'wide', 'sve_intx_cons_arith_wide'],
  ['0', '010101', 'ssubwt', 'wide', 'sve_intx_cons_arith_wide'],
  ['0', '010110', 'usubwb', 'wide', 'sve_intx_cons_arith_wide'],
  ['0', '010111', 'usubwt', 'wide', 'sve_intx_cons_arith_wide'],
  // multiply long (pmullb/pmullt below: their sizes differ)
  ['0', '011000', 'sqdmullb', 'long', 'sve_intx_cons_mul_long'],
  ['0', '011001', 'sqdmullt', 'long', 'sve_intx_cons_mul_long'],
  ['0', '011100', 'smullb', 'long', 'sve_intx_cons_mul_long'],
  ['0', '011101', 'smullt', 'long', 'sve_intx_cons_mul_long'],
  ['0', '011110', 'umullb', 'long', 'sve_intx_cons_mul_long'],
  ['0', '011111', 'umullt', 'long', 'sve_intx_cons_mul_long'],
  // interleaving add/subtract long, exclusive-or interleaving
  ['0', '100000', 'saddlbt', 'long', 'sve_intx_clong'],
  ['0', '100010', 'ssublbt', 'long', 'sve_intx_clong'],
  ['0', '100011', 'ssubltb', 'long', 'sve_intx_clong'],
  ['0', '100100', 'eorbt', 'same', 'sve_intx_eorx'],
  ['0', '100101', 'eortb', 'same', 'sve_intx_eorx'],
  // absolute difference and accumulate (long)
  ['0', '110000', 'sabalb', 'long', 'sve_intx_aba_long'],
  ['0', '110001', 'sabalt', 'long', 'sve_intx_aba_long'],
  ['0', '110010', 'uabalb', 'long', 'sve_intx_aba_long'],
  ['0', '110011', 'uabalt', 'long', 'sve_intx_aba_long'],
  ['0', '111110', 'saba', 'same', 'sve_intx_aba'],
  ['0', '111111', 'uaba', 'same', 'sve_intx_aba'],
  // add/subtract high narrow
  ['1', '011000', 'addhnb', 'narrow', 'sve_intx_arith_narrow'],
  ['1', '011001', 'addhnt', 'narrow', 'sve_intx_arith_narrow'],
  ['1', '011010', 'raddhnb', 'narrow', 'sve_intx_arith_narrow'],
  ['1', '011011', 'raddhnt', 'narrow', 'sve_intx_arith_narrow'],
  ['1', '011100', 'subhnb', 'narrow', 'sve_intx_arith_narrow'],
  ['1', '011101', 'subhnt', 'narrow', 'sve_intx_arith_narrow'],
  ['1', '011110', 'rsubhnb', 'narrow', 'sve_intx_arith_narrow'],
  ['1', '011111', 'rsubhnt', 'narrow', 'sve_intx_arith_narrow'],
];

const sized = SIZED.map(([b21, opc, m, shape, cls]) =>
  row(m, `01000101 size:2 ${b21} Zm:5 ${opc} Zn:5 Zd:5`, SHAPES[shape]('Zd', 'Zn', 'Zm'), { cls, feature: 'sve2' }));

// pmullb/pmullt: size 01 → h from b, 11 → d from s; size 00 is the 128-bit form of SVE2-AES
const pmull = group({ cls: 'sve_intx_cons_mul_long' }, (['b', 't'] as const).flatMap((bt, t) => [
  row(`pmull${bt}`, `01000101 size:2 0 Zm:5 01101${t} Zn:5 Zd:5`,
    [ZT('Zd', 'size', [null, 'h', null, 'd']), ZT('Zn', 'size', [null, 'b', null, 's']), ZT('Zm', 'size', [null, 'b', null, 's'])],
    { feature: 'sve2' }),
  row(`pmull${bt}`, `01000101 size=00 0 Zm:5 01101${t} Zn:5 Zd:5`, [ZFix('Zd', 'q'), ZFix('Zn', 'd'), ZFix('Zm', 'd')],
    { feature: 'sve2-aes' }),
]));

// bit permutes (SVE2-BITPERM)
const bitperm = group({ cls: 'sve_intx_perm_bit', feature: 'sve2-bitperm' }, [
  ['00', 'bext'], ['01', 'bdep'], ['10', 'bgrp'],
].map(([opc, m]) => row(m, `01000101 size:2 0 Zm:5 1011 ${opc} Zn:5 Zd:5`, SHAPES.same('Zd', 'Zn', 'Zm'))));

// add/subtract with carry long: bit 23 picks sbc, bit 22 the element size (s, d)
const SD = arrangement('sz', { s: 0, d: 1 });
const carry = group({ cls: 'sve_intx_adc_long', feature: 'sve2' }, [
  ['0', '0', 'adclb'], ['0', '1', 'adclt'], ['1', '0', 'sbclb'], ['1', '1', 'sbclt'],
].map(([s, t, m]) => row(m, `01000101 ${s} sz 0 Zm:5 11010 ${t} Zn:5 Zd:5`, [Z('Zd', SD), Z('Zn', SD), Z('Zm', SD)])));

// complex integer add with rotate (Zdn twice, then Zm in the Zn position)
const cadd = group({ cls: 'sve_intx_cadd', feature: 'sve2' }, [
  ['0', 'cadd'], ['1', 'sqcadd'],
].map(([op, m]) => row(m, `01000101 size:2 0 0000 ${op} 11011 rot Zm:5 Zdn:5`,
  [Z('Zdn'), Z('Zdn'), Z('Zm'), RotOdd('rot')])));

// --- shifts by immediate (element size from tsz, see sve-tsz.ts) -------------------------------
const TSZ2 = ['tszh', 'tszl'];
// shift right and accumulate, shift and insert: tszh is 2 bits (b h s d)
const shiftAcc = group({ feature: 'sve2' }, ([
  ['000', 'ssra', 'right', 'sve_intx_sra'],
  ['001', 'usra', 'right', 'sve_intx_sra'],
  ['010', 'srsra', 'right', 'sve_intx_sra'],
  ['011', 'ursra', 'right', 'sve_intx_sra'],
  ['100', 'sri', 'right', 'sve_intx_shift_insert'],
  ['101', 'sli', 'left', 'sve_intx_shift_insert'],
] as const).map(([opc, m, dir, cls]) => row(m, `01000101 tszh:2 0 tszl:2 imm3:3 111 ${opc} Zn:5 Zd:5`,
  [ZTsz('Zd', TSZ2), ZTsz('Zn', TSZ2), TszShift(TSZ2, 'imm3', dir)], { cls })));

// shift left long: tszh is 1 bit (the narrow element b h s), the destination twice as wide
const shiftLong = group({ cls: 'sve_intx_shift_long', feature: 'sve2' }, [
  ['00', 'sshllb'], ['01', 'sshllt'], ['10', 'ushllb'], ['11', 'ushllt'],
].map(([opc, m]) => row(m, `01000101 0 tszh 0 tszl:2 imm3:3 1010 ${opc} Zn:5 Zd:5`,
  [ZTsz('Zd', TSZ2, 'wide'), ZTsz('Zn', TSZ2), TszShift(TSZ2, 'imm3', 'left')])));

// shift right narrow: [bits 13:10, mnemonic]
const NARROW_SHIFT: readonly [string, string][] = [
  ['0000', 'sqshrunb'], ['0001', 'sqshrunt'], ['0010', 'sqrshrunb'], ['0011', 'sqrshrunt'],
  ['0100', 'shrnb'], ['0101', 'shrnt'], ['0110', 'rshrnb'], ['0111', 'rshrnt'],
  ['1000', 'sqshrnb'], ['1001', 'sqshrnt'], ['1010', 'sqrshrnb'], ['1011', 'sqrshrnt'],
  ['1100', 'uqshrnb'], ['1101', 'uqshrnt'], ['1110', 'uqrshrnb'], ['1111', 'uqrshrnt'],
];
const shiftNarrow = group({ cls: 'sve_intx_shift_narrow', feature: 'sve2' }, NARROW_SHIFT.map(([opc, m]) =>
  row(m, `01000101 0 tszh 1 tszl:2 imm3:3 00 ${opc} Zn:5 Zd:5`,
    [ZTsz('Zd', TSZ2), ZTsz('Zn', TSZ2, 'wide'), TszShift(TSZ2, 'imm3', 'right')])));

// saturating extract narrow: tsz must have exactly one bit set (001 b, 010 h, 100 s)
const XTN_D = [null, 'b', 'h', null, 's', null, null, null];
const XTN_N = [null, 'h', 's', null, 'd', null, null, null];
const extractNarrow = group({ cls: 'sve_intx_extract_narrow', feature: 'sve2' }, [
  ['000', 'sqxtnb'], ['001', 'sqxtnt'], ['010', 'uqxtnb'], ['011', 'uqxtnt'], ['100', 'sqxtunb'], ['101', 'sqxtunt'],
].map(([opc, m]) => row(m, `01000101 0 tszh 1 tszl:2 000 010 ${opc} Zn:5 Zd:5`,
  [ZT('Zd', TSZ2, XTN_D), ZT('Zn', TSZ2, XTN_N)])));

// --- character match, histograms -----------------------------------------------------------------
const BH = arrangement('sz', { b: 0, h: 1 });
const match = group({ cls: 'sve_intx_match', feature: 'sve2' }, [
  ['0', 'match'], ['1', 'nmatch'],
].map(([op, m]) => row(m, `01000101 0 sz 1 Zm:5 100 Pg:3 Zn:5 ${op} Pd:4`,
  [P('Pd', BH), Pg('Pg', 'z'), Z('Zn', BH), Z('Zm', BH)])));

const hist = [
  row('histseg', '01000101 00 1 Zm:5 101000 Zn:5 Zd:5', [ZFix('Zd', 'b'), ZFix('Zn', 'b'), ZFix('Zm', 'b')],
    { cls: 'sve_intx_histseg', feature: 'sve2' }),
  row('histcnt', '01000101 1 sz 1 Zm:5 110 Pg:3 Zn:5 Zd:5', [Z('Zd', SD), Pg('Pg', 'z'), Z('Zn', SD), Z('Zm', SD)],
    { cls: 'sve_intx_histcnt', feature: 'sve2' }),
];

// --- crypto ------------------------------------------------------------------------------------------
const crypto = [
  ...[['0', 'aesmc'], ['1', 'aesimc']].map(([op, m]) =>
    row(m, `01000101 00100000 11100 ${op} 00000 Zdn:5`, [ZFix('Zdn', 'b'), ZFix('Zdn', 'b')], { cls: 'sve_crypto_unary', feature: 'sve2-aes' })),
  ...[['0', 'aese'], ['1', 'aesd']].map(([op, m]) =>
    row(m, `01000101 00100010 11100 ${op} Zm:5 Zdn:5`, [ZFix('Zdn', 'b'), ZFix('Zdn', 'b'), ZFix('Zm', 'b')],
      { cls: 'sve_crypto_binary_dest', feature: 'sve2-aes' })),
  row('sm4e', '01000101 00100011 111000 Zm:5 Zdn:5', [ZFix('Zdn', 's'), ZFix('Zdn', 's'), ZFix('Zm', 's')],
    { cls: 'sve_crypto_binary_dest', feature: 'sve2-sm4' }),
  row('sm4ekey', '01000101 001 Zm:5 111100 Zn:5 Zd:5', [ZFix('Zd', 's'), ZFix('Zn', 's'), ZFix('Zm', 's')],
    { cls: 'sve_crypto_binary_const', feature: 'sve2-sm4' }),
  row('rax1', '01000101 001 Zm:5 111101 Zn:5 Zd:5', [ZFix('Zd', 'd'), ZFix('Zn', 'd'), ZFix('Zm', 'd')],
    { cls: 'sve_crypto_binary_const', feature: 'sve2-sha3' }),
];

// --- integer matrix multiply-accumulate (I8MM): .s from .b ----------------------------------------
const mmla = group({ cls: 'sve_intx_mmla', feature: 'sve-i8mm' }, [
  ['00', 'smmla'], ['10', 'usmmla'], ['11', 'ummla'],
].map(([uu, m]) => row(m, `01000101 ${uu} 0 Zm:5 100110 Zn:5 Zd:5`, [ZFix('Zd', 's'), ZFix('Zn', 'b'), ZFix('Zm', 'b')])));

export const SVE2_WIDE: RowSpec[] = [
  ...sized, ...pmull, ...bitperm, ...carry, ...cadd, ...shiftAcc, ...shiftLong, ...shiftNarrow, ...extractNarrow,
  ...match, ...hist, ...crypto, ...mmla,
];
