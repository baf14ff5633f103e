// SVE integer instructions of the 0x04 space (top byte 0x04): predicated and unpredicated
// arithmetic, reductions, shifts, multiply-add, bitwise ops (with SVE2's ternary forms and xar),
// index/address generation, vector-length arithmetic, movprfx and element counts.
import { FpT, Fp } from '../operands/fpreg';
import { Imm } from '../operands/imm';
import { Tie } from '../operands/operand';
import { MulImm, PredPattern } from '../operands/sve-pattern';
import { PFix, Pg, SZ_BHS, SZ_BHSD, SZ_D, SZ_HSD, SZ_SD, Z, ZFix } from '../operands/sve-reg';
import { TszShift, ZTsz } from '../operands/sve-tsz';
import { AdrMod, AdrVec } from '../operands/sve-int-adr';
import { W, X, Xsp } from '../operands/gpr';
import { Arrangement, arrangement } from '../operands/vreg';
import { RowSpec, group, row } from '../table';

const ALL = SZ_BHSD;
const SIZE_LETTERS = ['b', 'h', 's', 'd'] as const;
const Vd = FpT('Vd', 'size', SIZE_LETTERS);
const TSZ = ['tszh', 'tszl'];

type Op = readonly [bits: string, mnemonic: string, arr: Arrangement];

// --- predicated binary: Zdn = Zdn op Zm under Pg/m (bits 20:16) ------------------------------------
const BIN_PRED: readonly (readonly [string, ...Op])[] = [
  ['sve_int_bin_pred_arit_0', '00000', 'add', ALL], ['sve_int_bin_pred_arit_0', '00001', 'sub', ALL],
  ['sve_int_bin_pred_arit_0', '00011', 'subr', ALL],
  ['sve_int_bin_pred_arit_1', '01000', 'smax', ALL], ['sve_int_bin_pred_arit_1', '01001', 'umax', ALL],
  ['sve_int_bin_pred_arit_1', '01010', 'smin', ALL], ['sve_int_bin_pred_arit_1', '01011', 'umin', ALL],
  ['sve_int_bin_pred_arit_1', '01100', 'sabd', ALL], ['sve_int_bin_pred_arit_1', '01101', 'uabd', ALL],
  ['sve_int_bin_pred_arit_2', '10000', 'mul', ALL], ['sve_int_bin_pred_arit_2', '10010', 'smulh', ALL],
  ['sve_int_bin_pred_arit_2', '10011', 'umulh', ALL],
  ['sve_int_bin_pred_div', '10100', 'sdiv', SZ_SD], ['sve_int_bin_pred_div', '10101', 'udiv', SZ_SD],
  ['sve_int_bin_pred_div', '10110', 'sdivr', SZ_SD], ['sve_int_bin_pred_div', '10111', 'udivr', SZ_SD],
  ['sve_int_bin_pred_log', '11000', 'orr', ALL], ['sve_int_bin_pred_log', '11001', 'eor', ALL],
  ['sve_int_bin_pred_log', '11010', 'and', ALL], ['sve_int_bin_pred_log', '11011', 'bic', ALL],
];

const binPred = group({ feature: 'sve' }, BIN_PRED.map(([cls, opc, m, A]) =>
  row(m, `00000100 size:2 0 ${opc} 000 Pg:3 Zm:5 Zdn:5`, [Z('Zdn', A), Pg('Pg', 'm'), Z('Zdn', A), Z('Zm', A)], { cls })));

// --- reductions to a scalar (bits 20:16), and predicated movprfx ----------------------------------
const reduce = group({ feature: 'sve' }, [
  row('saddv', '00000100 size:2 0 00000 001 Pg:3 Zn:5 Vd:5', [Fp('d', 'Vd'), PFix('Pg', ''), Z('Zn', SZ_BHS)], { cls: 'sve_int_reduce_0' }),
  row('uaddv', '00000100 size:2 0 00001 001 Pg:3 Zn:5 Vd:5', [Fp('d', 'Vd'), PFix('Pg', ''), Z('Zn')], { cls: 'sve_int_reduce_0' }),
  ...([
    ['01000', 'smaxv', 'sve_int_reduce_1'], ['01001', 'umaxv', 'sve_int_reduce_1'],
    ['01010', 'sminv', 'sve_int_reduce_1'], ['01011', 'uminv', 'sve_int_reduce_1'],
    ['11000', 'orv', 'sve_int_reduce_2'], ['11001', 'eorv', 'sve_int_reduce_2'], ['11010', 'andv', 'sve_int_reduce_2'],
  ] as const).map(([opc, m, cls]) =>
    row(m, `00000100 size:2 0 ${opc} 001 Pg:3 Zn:5 Vd:5`, [Vd, PFix('Pg', ''), Z('Zn')], { cls })),
  row('movprfx', '00000100 size:2 0 100 0 M 001 Pg:3 Zn:5 Zd:5', [Z('Zd'), Pg('Pg', { field: 'M' }), Z('Zn')], { cls: 'sve_int_movprfx_pred' }),
]);

// --- predicated shifts: by immediate (tsz), by vector, by wide (64-bit) elements -------------------
const SHIFT_IMM_PRED: readonly [string, string, 'right' | 'left', string][] = [
  ['0000', 'asr', 'right', 'sve'], ['0001', 'lsr', 'right', 'sve'], ['0011', 'lsl', 'left', 'sve'],
  ['0100', 'asrd', 'right', 'sve'], ['0110', 'sqshl', 'left', 'sve2'], ['0111', 'uqshl', 'left', 'sve2'],
  ['1100', 'srshr', 'right', 'sve2'], ['1101', 'urshr', 'right', 'sve2'], ['1111', 'sqshlu', 'left', 'sve2'],
];

const shiftPred = group({}, [
  ...SHIFT_IMM_PRED.map(([opc, m, dir, feature]) =>
    row(m, `00000100 tszh:2 00 ${opc} 100 Pg:3 tszl:2 imm3:3 Zdn:5`,
      [ZTsz('Zdn', TSZ), Pg('Pg', 'm'), ZTsz('Zdn', TSZ), TszShift(TSZ, 'imm3', dir)], { cls: 'sve_int_bin_pred_shift_0', feature })),
  ...([['000', 'asr'], ['001', 'lsr'], ['011', 'lsl'], ['100', 'asrr'], ['101', 'lsrr'], ['111', 'lslr']] as const).map(([opc, m]) =>
    row(m, `00000100 size:2 010 ${opc} 100 Pg:3 Zm:5 Zdn:5`, [Z('Zdn'), Pg('Pg', 'm'), Z('Zdn'), Z('Zm')],
      { cls: 'sve_int_bin_pred_shift_1', feature: 'sve' })),
  ...([['000', 'asr'], ['001', 'lsr'], ['011', 'lsl']] as const).map(([opc, m]) =>
    row(m, `00000100 size:2 011 ${opc} 100 Pg:3 Zm:5 Zdn:5`, [Z('Zdn', SZ_BHS), Pg('Pg', 'm'), Z('Zdn', SZ_BHS), ZFix('Zm', 'd')],
      { cls: 'sve_int_bin_pred_shift_2', feature: 'sve' })),
]);

// --- unary predicated (bits 19:16) ------------------------------------------------------------------
const UNARY: readonly Op[] = [
  ['0000', 'sxtb', SZ_HSD], ['0001', 'uxtb', SZ_HSD], ['0010', 'sxth', SZ_SD], ['0011', 'uxth', SZ_SD],
  ['0100', 'sxtw', SZ_D], ['0101', 'uxtw', SZ_D], ['0110', 'abs', ALL], ['0111', 'neg', ALL],
  ['1000', 'cls', ALL], ['1001', 'clz', ALL], ['1010', 'cnt', ALL], ['1011', 'cnot', ALL],
  ['1100', 'fabs', SZ_HSD], ['1101', 'fneg', SZ_HSD], ['1110', 'not', ALL],
];

const unary = group({ feature: 'sve' }, UNARY.map(([opc, m, A]) =>
  row(m, `00000100 size:2 01 ${opc} 101 Pg:3 Zn:5 Zd:5`, [Z('Zd', A), Pg('Pg', 'm'), Z('Zn', A)],
    { cls: opc[0] === '0' ? 'sve_int_un_pred_arit_0' : 'sve_int_un_pred_arit_1' })));

// --- multiply-add: mla/mls (Zda += Zn*Zm), mad/msb (Zdn = Za + Zdn*Zm) --------------------------------
const mulAdd = group({ feature: 'sve' }, [
  row('mla', '00000100 size:2 0 Zm:5 010 Pg:3 Zn:5 Zda:5', [Z('Zda'), Pg('Pg', 'm'), Z('Zn'), Z('Zm')], { cls: 'sve_int_mlas_vvv_pred' }),
  row('mls', '00000100 size:2 0 Zm:5 011 Pg:3 Zn:5 Zda:5', [Z('Zda'), Pg('Pg', 'm'), Z('Zn'), Z('Zm')], { cls: 'sve_int_mlas_vvv_pred' }),
  row('mad', '00000100 size:2 0 Zm:5 110 Pg:3 Za:5 Zdn:5', [Z('Zdn'), Pg('Pg', 'm'), Z('Zm'), Z('Za')], { cls: 'sve_int_mladdsub_vvv_pred' }),
  row('msb', '00000100 size:2 0 Zm:5 111 Pg:3 Za:5 Zdn:5', [Z('Zdn'), Pg('Pg', 'm'), Z('Zm'), Z('Za')], { cls: 'sve_int_mladdsub_vvv_pred' }),
]);

// --- unpredicated three-register arithmetic (bits 15:10) ------------------------------------------
const UNPRED: readonly (readonly [string, ...Op])[] = [
  ['sve', '000000', 'add', ALL], ['sve', '000001', 'sub', ALL], ['sve', '000100', 'sqadd', ALL],
  ['sve', '000101', 'uqadd', ALL], ['sve', '000110', 'sqsub', ALL], ['sve', '000111', 'uqsub', ALL],
  ['sve2', '011000', 'mul', ALL], ['sve2', '011001', 'pmul', arrangement('size', { b: 0 })],
  ['sve2', '011010', 'smulh', ALL], ['sve2', '011011', 'umulh', ALL],
  ['sve2', '011100', 'sqdmulh', ALL], ['sve2', '011101', 'sqrdmulh', ALL],
];

const unpred = group({}, UNPRED.map(([feature, opc, m, A]) =>
  row(m, `00000100 size:2 1 Zm:5 ${opc} Zn:5 Zd:5`, [Z('Zd', A), Z('Zn', A), Z('Zm', A)],
    { cls: feature === 'sve' ? 'sve_int_bin_cons_arit_0' : 'sve_int_mul_b', feature })));

// --- unpredicated bitwise (.d only), SVE2 ternary ops and xar -------------------------------------
const zd = (r: string) => ZFix(r, 'd');
const bitwise = group({ feature: 'sve', cls: 'sve_int_bin_cons_log' }, [
  row('and', '00000100 00 1 Zm:5 001100 Zn:5 Zd:5', [zd('Zd'), zd('Zn'), zd('Zm')]),
  // objdump prints orr with Zn = Zm as mov
  row('mov', '00000100 01 1 Zm:5 001100 Zn:5 Zd:5', [zd('Zd'), zd('Zn'), Tie('Zm', 'Zn')], { aliasOf: 'orr' }),
  row('orr', '00000100 01 1 Zm:5 001100 Zn:5 Zd:5', [zd('Zd'), zd('Zn'), zd('Zm')]),
  row('eor', '00000100 10 1 Zm:5 001100 Zn:5 Zd:5', [zd('Zd'), zd('Zn'), zd('Zm')]),
  row('bic', '00000100 11 1 Zm:5 001100 Zn:5 Zd:5', [zd('Zd'), zd('Zn'), zd('Zm')]),
]);

const ternary = group({ feature: 'sve2', cls: 'sve2_int_bitwise_ternary' }, [
  ...([['00', '0', 'eor3'], ['01', '0', 'bcax'], ['00', '1', 'bsl'], ['01', '1', 'bsl1n'], ['10', '1', 'bsl2n'], ['11', '1', 'nbsl']] as const)
    .map(([opc, o2, m]) => row(m, `00000100 ${opc} 1 Zm:5 00111 ${o2} Zk:5 Zdn:5`, [zd('Zdn'), zd('Zdn'), zd('Zm'), zd('Zk')])),
  row('xar', '00000100 tszh:2 1 tszl:2 imm3:3 001101 Zm:5 Zdn:5',
    [ZTsz('Zdn', TSZ), ZTsz('Zdn', TSZ), ZTsz('Zm', TSZ), TszShift(TSZ, 'imm3', 'right')], { cls: 'sve2_int_rotate_imm' }),
]);

// --- index: start and step each an immediate or a register (w for b/h/s, x for d) ------------------
const simm5 = (f: string) => Imm(f, { signed: true });
const index = group({ feature: 'sve' }, [
  row('index', '00000100 size:2 1 imm5b:5 010000 imm5:5 Zd:5', [Z('Zd'), simm5('imm5'), simm5('imm5b')], { cls: 'sve_int_index_ii' }),
  ...([[SZ_BHS, W, 'size:2'], [SZ_D, X, 'size=11']] as const).flatMap(([A, R, size]) => [
    row('index', `00000100 ${size} 1 imm5:5 010001 Rn:5 Zd:5`, [Z('Zd', A), R('Rn'), simm5('imm5')], { cls: 'sve_int_index_ri' }),
    row('index', `00000100 ${size} 1 Rm:5 010010 imm5:5 Zd:5`, [Z('Zd', A), simm5('imm5'), R('Rm')], { cls: 'sve_int_index_ir' }),
    row('index', `00000100 ${size} 1 Rm:5 010011 Rn:5 Zd:5`, [Z('Zd', A), R('Rn'), R('Rm')], { cls: 'sve_int_index_rr' }),
  ]),
]);

// --- vector-length arithmetic: addvl/addpl/rdvl (SVE), addsvl/addspl/rdsvl (SME, streaming VL) ------
const simm6 = Imm('imm6', { signed: true });
const vl = group({}, [
  ...([['0', 'vl', 'sve'], ['1', 'svl', 'sme']] as const).flatMap(([s, v, feature]) => [
    row(`add${v}`, `00000100 0 0 1 Rn:5 0101${s} imm6:6 Rd:5`, [Xsp('Rd'), Xsp('Rn'), simm6], { cls: `sve_int_arith_${v}`, feature }),
    row(`add${v.replace('vl', 'pl')}`, `00000100 0 1 1 Rn:5 0101${s} imm6:6 Rd:5`, [Xsp('Rd'), Xsp('Rn'), simm6], { cls: `sve_int_arith_${v}`, feature }),
    row(`rd${v}`, `00000100 1 0 1 11111 0101${s} imm6:6 Rd:5`, [X('Rd'), simm6], { cls: `sve_int_read_${v}_a`, feature }),
  ]),
]);

// --- adr: vector base plus scaled vector offset ----------------------------------------------------
const ADR: readonly [string, 's' | 'd', AdrMod][] = [['00', 'd', 'sxtw'], ['01', 'd', 'uxtw'], ['10', 's', 'lsl'], ['11', 'd', 'lsl']];
const adr = group({ feature: 'sve', cls: 'sve_int_bin_cons_misc_0_a' }, ADR.map(([opc, t, mod]) =>
  row('adr', `00000100 ${opc} 1 Zm:5 1010 msz:2 Zn:5 Zd:5`, [ZFix('Zd', t), AdrVec('Zn', 'Zm', 'msz', t, mod)])));

// --- ftssel, fexpa, unpredicated movprfx -----------------------------------------------------------
const misc = group({ feature: 'sve' }, [
  row('ftssel', '00000100 size:2 1 Zm:5 101100 Zn:5 Zd:5', [Z('Zd', SZ_HSD), Z('Zn', SZ_HSD), Z('Zm', SZ_HSD)], { cls: 'sve_int_bin_cons_misc_0_b' }),
  row('fexpa', '00000100 size:2 1 00000 101110 Zn:5 Zd:5', [Z('Zd', SZ_HSD), Z('Zn', SZ_HSD)], { cls: 'sve_int_bin_cons_misc_0_c' }),
  row('movprfx', '00000100 00 1 00000 101111 Zn:5 Zd:5', [ZFix('Zd', ''), ZFix('Zn', '')], { cls: 'sve_int_bin_cons_misc_0_d' }),
]);

// --- unpredicated shifts: by wide elements, by immediate -------------------------------------------
const SHIFTS = [['00', 'asr', 'right'], ['01', 'lsr', 'right'], ['11', 'lsl', 'left']] as const;
const shiftUnpred = group({ feature: 'sve' }, [
  ...SHIFTS.map(([opc, m]) =>
    row(m, `00000100 size:2 1 Zm:5 1000 ${opc} Zn:5 Zd:5`, [Z('Zd', SZ_BHS), Z('Zn', SZ_BHS), ZFix('Zm', 'd')], { cls: 'sve_int_bin_cons_shift_a' })),
  ...SHIFTS.map(([opc, m, dir]) =>
    row(m, `00000100 tszh:2 1 tszl:2 imm3:3 1001 ${opc} Zn:5 Zd:5`, [ZTsz('Zd', TSZ), ZTsz('Zn', TSZ), TszShift(TSZ, 'imm3', dir)],
      { cls: 'sve_int_bin_cons_shift_b' })),
]);

// --- element counts: cnt, inc/dec (scalar, vector), saturating inc/dec (scalar 32/64, vector) ----
// size 00..11 names the element (b h w d); the vector forms have no b
const count = group({ feature: 'sve' }, ['00', '01', '10', '11'].flatMap((sz, k) => {
  const sfx = 'bhwd'[k];
  const pat = [PredPattern('pattern', { omitAllWith: 'imm4' }), MulImm('imm4')];
  const vec = ZFix('Zdn', SIZE_LETTERS[k]);
  const sat = [['00', 'sqinc', 's'], ['01', 'uqinc', 'u'], ['10', 'sqdec', 's'], ['11', 'uqdec', 'u']] as const;
  return [
    row(`cnt${sfx}`, `00000100 ${sz} 1 0 imm4:4 111000 pattern:5 Rd:5`, [X('Rd'), ...pat], { cls: 'sve_int_pred_pattern_a' }),
    row(`inc${sfx}`, `00000100 ${sz} 1 1 imm4:4 111000 pattern:5 Rdn:5`, [X('Rdn'), ...pat], { cls: 'sve_int_pred_pattern_b' }),
    row(`dec${sfx}`, `00000100 ${sz} 1 1 imm4:4 111001 pattern:5 Rdn:5`, [X('Rdn'), ...pat], { cls: 'sve_int_pred_pattern_b' }),
    ...sat.flatMap(([du, m, su]) => [
      row(`${m}${sfx}`, `00000100 ${sz} 1 1 imm4:4 1111 ${du} pattern:5 Rdn:5`, [X('Rdn'), ...pat], { cls: 'sve_int_pred_pattern_b' }),
      // 32-bit: the signed forms write the sign-extended result to the x register
      row(`${m}${sfx}`, `00000100 ${sz} 1 0 imm4:4 1111 ${du} pattern:5 Rdn:5`,
        su === 's' ? [X('Rdn'), W('Rdn'), ...pat] : [W('Rdn'), ...pat], { cls: 'sve_int_pred_pattern_b' }),
    ]),
    ...(k === 0 ? [] : [
      row(`inc${sfx}`, `00000100 ${sz} 1 1 imm4:4 110000 pattern:5 Zdn:5`, [vec, ...pat], { cls: 'sve_int_countvlv1' }),
      row(`dec${sfx}`, `00000100 ${sz} 1 1 imm4:4 110001 pattern:5 Zdn:5`, [vec, ...pat], { cls: 'sve_int_countvlv1' }),
      ...sat.map(([du, m]) =>
        row(`${m}${sfx}`, `00000100 ${sz} 1 0 imm4:4 1100 ${du} pattern:5 Zdn:5`, [vec, ...pat], { cls: 'sve_int_countvlv0' })),
    ]),
  ];
}));

export const SVE_INT: RowSpec[] = [
  ...binPred, ...reduce, ...shiftPred, ...unary, ...mulAdd, ...unpred, ...bitwise, ...ternary, ...index, ...vl, ...adr,
  ...misc, ...shiftUnpred, ...count,
];
