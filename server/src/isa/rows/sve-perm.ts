// SVE permutes, bitwise and wide immediates and copies of the 0x05 space: dup (indexed, scalar),
// insr, tbl/tbx, rev*, unpack, zip/uzp/trn, ext, splice, compact, sel, clast/last, cpy and fcpy,
// and/orr/eor/dupm with a bitmask immediate. objdump prints mov/fmov for dup, cpy, fcpy, sel
// (Zd = Zm) and dupm (when dup cannot make the value).
import { FpImm8, FpZero } from '../operands/fpimm';
import { FpT } from '../operands/fpreg';
import { W, X } from '../operands/gpr';
import { Imm } from '../operands/imm';
import { OperandSpec, Tie } from '../operands/operand';
import { SveArithImm, SveArithShift, SveElemSize, SveLimm, ZLimm, limmMovPreferred } from '../operands/sve-imm';
import { DupSource, ZDupT } from '../operands/sve-perm-elem';
import { RSize } from '../operands/sve-perm-gpr';
import { P, PFix, Pg, SZ_BHS, SZ_BHSD, SZ_D, SZ_HALF, SZ_HS, SZ_HSD, SZ_SD, Z, ZFix } from '../operands/sve-reg';
import { VList } from '../operands/vlist';
import { Arrangement } from '../operands/vreg';
import { RowSpec, group, row } from '../table';

const ALL = SZ_BHSD;
/** The half-size source of the unpacks (Zd.h from Zn.b …). */
const Vsz = (reg: string) => FpT(reg, 'size', ['b', 'h', 's', 'd']);
const ZL2 = (reg: string, t: Arrangement | string) => VList(reg, 2, t, { prefix: 'z' });

// --- bitwise logical immediate (opc: orr eor and dupm) ----------------------------------------------
// Decoding reads the element size from imm13 (one row each); encoding takes the size the register
// names, so there is one encode-only row per size (GNU as replicates the value to 64 bits and
// encodes the smallest element that repeats it).
const LIMM = 'N immr:6 imms:6';
const SIZES: readonly SveElemSize[] = ['b', 'h', 's', 'd'];
const LOG_IMM: readonly [string, string, string | null][] = [['00', 'orr', 'orn'], ['01', 'eor', 'eon'], ['10', 'and', 'bic']];

const limmPrefer = (_w: number, f: (n: string) => number) => limmMovPreferred(f('N'), f('immr'), f('imms'));

const logImm = group({ cls: 'sve_int_log_imm', feature: 'sve' }, LOG_IMM.map(([opc, m, inv]) => {
  const pat = `00000101 ${opc} 0000 ${LIMM} Zdn:5`;
  return [
    row(m, pat, [ZLimm('Zdn'), ZLimm('Zdn'), SveLimm()], { decodeOnly: true }),
    ...SIZES.map((s) => row(m, pat, [ZFix('Zdn', s), ZFix('Zdn', s), SveLimm(s)], { encodeOnly: true })),
    ...(inv ? SIZES.map((s) => row(inv, pat, [ZFix('Zdn', s), ZFix('Zdn', s), SveLimm(s, true)], { encodeOnly: true, aliasOf: m })) : []),
  ];
}));

const DUPM = `00000101 11 0000 ${LIMM} Zd:5`;
const dupm = group({ cls: 'sve_int_dup_mask_imm', feature: 'sve' }, [
  row('mov', DUPM, [ZLimm('Zd'), SveLimm()], { aliasOf: 'dupm', prefer: limmPrefer, decodeOnly: true }),
  row('dupm', DUPM, [ZLimm('Zd'), SveLimm()], { decodeOnly: true }),
  ...SIZES.flatMap((s, k) => [
    // GNU as takes `mov zd, #imm` for dupm only where dup (0x25 space) cannot make it — `when`
    // defers to dup's rows; never for bytes: dup makes every byte
    ...(k === 0 ? [] : [row('mov', DUPM, [ZFix('Zd', s), SveLimm(s)], {
      aliasOf: 'dupm', encodeOnly: true,
      when: (_w, f) => limmMovPreferred(f('N'), f('immr'), f('imms'), k),
    })]),
    row('dupm', DUPM, [ZFix('Zd', s), SveLimm(s)], { encodeOnly: true }),
  ]),
]);

// --- copies of an immediate under a predicate: cpy (integer), fcpy -----------------------------------
const CPY_IMM = '00000101 size:2 01 Pg:4 0 M sh imm8:8 Zd:5';
const cpyImmOps = [Z('Zd'), Pg('Pg', { field: 'M' }), SveArithImm({ signed: true }), SveArithShift()];
// `#imm, lsl #8` written out: GNU as checks the value against the element size less 8 bits
const cpyImmLsl8 = [Z('Zd'), Pg('Pg', { field: 'M' }), SveArithImm({ signed: true, shifted: true }), SveArithShift(true)];
/** fcpy/fdup rows: size pattern, arrangement, how GNU as reads a `#0x…` bit pattern. */
export const SVE_FP_IMM_SIZES = [['size:2', SZ_HS, 's'], ['size=11', SZ_D, 'd']] as const;
/**
 * An integer immediate form of cpy or dup: `mov` (as objdump prints it) and the instruction, each
 * also with `#imm, lsl #8` written out (encode only).
 */
export function movImmRows(mnemonic: 'cpy' | 'dup', pattern: string, ops: readonly OperandSpec[], lsl8: readonly OperandSpec[]): RowSpec[] {
  return [
    row('mov', pattern, ops, { aliasOf: mnemonic }),
    row('mov', pattern, lsl8, { aliasOf: mnemonic, encodeOnly: true }),
    row(mnemonic, pattern, ops),
    row(mnemonic, pattern, lsl8, { encodeOnly: true }),
  ];
}
const cpyImm = [
  ...group({ cls: 'sve_int_dup_imm_pred', feature: 'sve' }, movImmRows('cpy', CPY_IMM, cpyImmOps, cpyImmLsl8)),
  // h/s and d rows: GNU as reads `#0x…` as a single's bits for h and s, a double's for d
  ...group({ cls: 'sve_int_dup_fpimm_pred', feature: 'sve' }, SVE_FP_IMM_SIZES.flatMap(([sz, A, t]) => {
    const pat = `00000101 ${sz} 01 Pg:4 110 imm8:8 Zd:5`;
    const ops = [Z('Zd', A), Pg('Pg', 'm'), FpImm8(t)];
    return [row('fmov', pat, ops, { aliasOf: 'fcpy' }), row('fcpy', pat, ops)];
  })),
  // `fmov zd.T, pg/m, #0.0` is cpy #0 (after fcpy's rows: another immediate gets their error)
  row('fmov', '00000101 size:2 01 Pg:4 0 1 0 00000000 Zd:5', [Z('Zd', SZ_HSD), Pg('Pg', 'm'), FpZero()], { cls: 'sve_int_dup_imm_pred', feature: 'sve', aliasOf: 'cpy', encodeOnly: true }),
];

// --- extract ------------------------------------------------------------------------------------------
const ext = [
  row('ext', '00000101 001 imm8h:5 000 imm8l:3 Zm:5 Zdn:5', [ZFix('Zdn', 'b'), ZFix('Zdn', 'b'), ZFix('Zm', 'b'), Imm(['imm8h', 'imm8l'])], { cls: 'sve_int_perm_extract_i', feature: 'sve' }),
  row('ext', '00000101 011 imm8h:5 000 imm8l:3 Zn:5 Zd:5', [ZFix('Zd', 'b'), ZL2('Zn', 'b'), Imm(['imm8h', 'imm8l'])], { cls: 'sve_intx_perm_extract_i', feature: 'sve2' }),
];

// --- unpredicated permutes of one vector (bit 21 = 1, bits 15:13 = 001) --------------------------------
const DUP_I = '00000101 imm2:2 1 tsz:5 001000 Zn:5 Zd:5';
const DUP_R = '00000101 size:2 1 00000 001110 Rn:5 Zd:5';
const permVec = [
  ...group({ cls: 'sve_int_perm_dup_i', feature: 'sve' }, [
    row('mov', DUP_I, [ZDupT('Zd'), DupSource('Zn', 'scalar')], { aliasOf: 'dup' }),
    row('mov', DUP_I, [ZDupT('Zd'), DupSource('Zn', 'elem')], { aliasOf: 'dup' }),
    row('dup', DUP_I, [ZDupT('Zd'), DupSource('Zn', 'elem')]),
  ]),
  ...group({ cls: 'sve_int_perm_dup_r', feature: 'sve' }, [
    row('mov', DUP_R, [Z('Zd'), RSize('Rn', 'sp')], { aliasOf: 'dup' }),
    row('dup', DUP_R, [Z('Zd'), RSize('Rn', 'sp')]),
  ]),
  // (GNU as also takes the table register without braces: the one-register list does)
  row('tbl', '00000101 size:2 1 Zm:5 001100 Zn:5 Zd:5', [Z('Zd'), VList('Zn', 1, ALL, { prefix: 'z' }), Z('Zm')], { cls: 'sve_int_perm_tbl', feature: 'sve' }),
  row('tbl', '00000101 size:2 1 Zm:5 001010 Zn:5 Zd:5', [Z('Zd'), ZL2('Zn', ALL), Z('Zm')], { cls: 'sve2_int_perm_tbl', feature: 'sve2' }),
  row('tbx', '00000101 size:2 1 Zm:5 001011 Zn:5 Zd:5', [Z('Zd'), Z('Zn'), Z('Zm')], { cls: 'sve2_int_perm_tbx', feature: 'sve2' }),
  row('insr', '00000101 size:2 1 00100 001110 Rm:5 Zdn:5', [Z('Zdn'), RSize('Rm', 'zr')], { cls: 'sve_int_perm_insrs', feature: 'sve' }),
  row('insr', '00000101 size:2 1 10100 001110 Vm:5 Zdn:5', [Z('Zdn'), Vsz('Vm')], { cls: 'sve_int_perm_insrv', feature: 'sve' }),
  ...group({ cls: 'sve_int_perm_unpk', feature: 'sve' }, ([['00', 'sunpklo'], ['01', 'sunpkhi'], ['10', 'uunpklo'], ['11', 'uunpkhi']] as const).map(([uh, m]) =>
    row(m, `00000101 size:2 1 100 ${uh} 001110 Zn:5 Zd:5`, [Z('Zd', SZ_HSD), Z('Zn', SZ_HALF)]))),
  row('rev', '00000101 size:2 1 11000 001110 Zn:5 Zd:5', [Z('Zd'), Z('Zn')], { cls: 'sve_int_perm_reverse_z', feature: 'sve' }),
];

// --- zip/uzp/trn: predicates, vectors, and the 128-bit element forms of f64mm -----------------------
const ZIP: readonly [string, string][] = [['000', 'zip1'], ['001', 'zip2'], ['010', 'uzp1'], ['011', 'uzp2'], ['100', 'trn1'], ['101', 'trn2']];
const ZIP_Q: readonly [string, string][] = [['000', 'zip1'], ['001', 'zip2'], ['010', 'uzp1'], ['011', 'uzp2'], ['110', 'trn1'], ['111', 'trn2']];
const permPred = [
  ...group({ cls: 'sve_int_perm_bin_perm_pp', feature: 'sve' }, ZIP.map(([opc, m]) =>
    row(m, `00000101 size:2 10 Pm:4 010 ${opc} 0 Pn:4 0 Pd:4`, [P('Pd'), P('Pn'), P('Pm')]))),
  row('rev', '00000101 size:2 11 0100 010000 0 Pn:4 0 Pd:4', [P('Pd'), P('Pn')], { cls: 'sve_int_perm_reverse_p', feature: 'sve' }),
  ...group({ cls: 'sve_int_perm_punpk', feature: 'sve' }, [
    row('punpklo', '00000101 00 11 0000 010000 0 Pn:4 0 Pd:4', [PFix('Pd', 'h'), PFix('Pn', 'b')]),
    row('punpkhi', '00000101 00 11 0001 010000 0 Pn:4 0 Pd:4', [PFix('Pd', 'h'), PFix('Pn', 'b')]),
  ]),
  ...group({ cls: 'sve_int_perm_bin_perm_zz', feature: 'sve' }, ZIP.map(([opc, m]) =>
    row(m, `00000101 size:2 1 Zm:5 011 ${opc} Zn:5 Zd:5`, [Z('Zd'), Z('Zn'), Z('Zm')]))),
  ...group({ cls: 'sve_int_perm_bin_perm_128_zz', feature: 'sve-f64mm' }, ZIP_Q.map(([opc, m]) =>
    row(m, `00000101 10 1 Zm:5 000 ${opc} Zn:5 Zd:5`, [ZFix('Zd', 'q'), ZFix('Zn', 'q'), ZFix('Zm', 'q')]))),
];

// --- predicated permutes (bits 21:20 = 1x, bits 15:13 = 10x) -----------------------------------------
const Pg3 = PFix('Pg', '');
const CPY_V = '00000101 size:2 10 0000 100 Pg:3 Vn:5 Zd:5';
const CPY_R = '00000101 size:2 10 1000 101 Pg:3 Rn:5 Zd:5';
/** Scalar forms whose general register comes first: w rows (b/h/s) and x rows (d). */
const byGpr = (m: string, pat: (size: string) => string, ops: (r: typeof W, A: Arrangement) => RowSpec['operands']) => [
  row(m, pat('size:2'), ops(W, SZ_BHS)),
  row(m, pat('size=11'), ops(X, SZ_D)),
];
const permPredicated = [
  ...group({ cls: 'sve_int_perm_cpy_v', feature: 'sve' }, [
    row('mov', CPY_V, [Z('Zd'), Pg('Pg', 'm'), Vsz('Vn')], { aliasOf: 'cpy' }),
    row('cpy', CPY_V, [Z('Zd'), Pg('Pg', 'm'), Vsz('Vn')]),
  ]),
  row('compact', '00000101 size:2 10 0001 100 Pg:3 Zn:5 Zd:5', [Z('Zd', SZ_SD), Pg3, Z('Zn', SZ_SD)], { cls: 'sve_int_perm_compact', feature: 'sve' }),
  ...group({ cls: 'sve_int_perm_last_v', feature: 'sve' }, [
    row('lasta', '00000101 size:2 10 0010 100 Pg:3 Zn:5 Vd:5', [Vsz('Vd'), Pg3, Z('Zn')]),
    row('lastb', '00000101 size:2 10 0011 100 Pg:3 Zn:5 Vd:5', [Vsz('Vd'), Pg3, Z('Zn')]),
  ]),
  ...group({ cls: 'sve_int_perm_rev', feature: 'sve' }, ([['00', 'revb', SZ_HSD], ['01', 'revh', SZ_SD], ['10', 'revw', SZ_D], ['11', 'rbit', ALL]] as const).map(([opc, m, A]) =>
    row(m, `00000101 size:2 10 01 ${opc} 100 Pg:3 Zn:5 Zd:5`, [Z('Zd', A), Pg('Pg', 'm'), Z('Zn', A)]))),
  ...group({ cls: 'sve_int_perm_clast_zz', feature: 'sve' }, [
    row('clasta', '00000101 size:2 10 1000 100 Pg:3 Zm:5 Zdn:5', [Z('Zdn'), Pg3, Z('Zdn'), Z('Zm')]),
    row('clastb', '00000101 size:2 10 1001 100 Pg:3 Zm:5 Zdn:5', [Z('Zdn'), Pg3, Z('Zdn'), Z('Zm')]),
  ]),
  ...group({ cls: 'sve_int_perm_clast_vz', feature: 'sve' }, [
    row('clasta', '00000101 size:2 10 1010 100 Pg:3 Zm:5 Vdn:5', [Vsz('Vdn'), Pg3, Vsz('Vdn'), Z('Zm')]),
    row('clastb', '00000101 size:2 10 1011 100 Pg:3 Zm:5 Vdn:5', [Vsz('Vdn'), Pg3, Vsz('Vdn'), Z('Zm')]),
  ]),
  row('splice', '00000101 size:2 10 1100 100 Pg:3 Zm:5 Zdn:5', [Z('Zdn'), Pg3, Z('Zdn'), Z('Zm')], { cls: 'sve_int_perm_splice', feature: 'sve' }),
  row('splice', '00000101 size:2 10 1101 100 Pg:3 Zn:5 Zd:5', [Z('Zd'), Pg3, ZL2('Zn', ALL)], { cls: 'sve_intx_perm_splice', feature: 'sve2' }),
  ...group({ cls: 'sve_int_perm_last_r', feature: 'sve' }, [
    ...byGpr('lasta', (s) => `00000101 ${s} 10 0000 101 Pg:3 Zn:5 Rd:5`, (R, A) => [R('Rd'), Pg3, Z('Zn', A)]),
    ...byGpr('lastb', (s) => `00000101 ${s} 10 0001 101 Pg:3 Zn:5 Rd:5`, (R, A) => [R('Rd'), Pg3, Z('Zn', A)]),
  ]),
  ...group({ cls: 'sve_int_perm_cpy_r', feature: 'sve' }, [
    row('mov', CPY_R, [Z('Zd'), Pg('Pg', 'm'), RSize('Rn', 'sp')], { aliasOf: 'cpy' }),
    row('cpy', CPY_R, [Z('Zd'), Pg('Pg', 'm'), RSize('Rn', 'sp')]),
  ]),
  ...group({ cls: 'sve_int_perm_clast_rz', feature: 'sve' }, [
    ...byGpr('clasta', (s) => `00000101 ${s} 11 0000 101 Pg:3 Zm:5 Rdn:5`, (R, A) => [R('Rdn'), Pg3, R('Rdn'), Z('Zm', A)]),
    ...byGpr('clastb', (s) => `00000101 ${s} 11 0001 101 Pg:3 Zm:5 Rdn:5`, (R, A) => [R('Rdn'), Pg3, R('Rdn'), Z('Zm', A)]),
  ]),
];

// --- sel (vectors); `mov zd, pg/m, zn` when Zd = Zm ----------------------------------------------------
const SEL = '00000101 size:2 1 Zm:5 11 Pg:4 Zn:5 Zd:5';
const sel = group({ cls: 'sve_int_sel_vvv', feature: 'sve' }, [
  row('mov', SEL, [Z('Zd'), Pg('Pg', 'm'), Z('Zn'), Tie('Zm', 'Zd')], { aliasOf: 'sel' }),
  row('sel', SEL, [Z('Zd'), PFix('Pg', ''), Z('Zn'), Z('Zm')]),
]);

export const SVE_PERM: RowSpec[] = [
  ...logImm, ...dupm, ...cpyImm, ...ext, ...permVec, ...permPred, ...permPredicated, ...sel,
];
