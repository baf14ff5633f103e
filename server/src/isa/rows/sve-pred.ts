// SVE predicate instructions of the 0x25 space: predicate logic (with objdump's mov/movs/not/nots),
// break and partition, ptrue/pfalse/ptest/pfirst/pnext, the FFR, counts of active elements and the
// inc/dec by them, while*, cterm*, and the unpredicated wide-immediate arithmetic with
// dup/fdup (printed as mov/fmov). The integer compares with an immediate live in sve-cmp.ts.
import { FpImm8, FpZero } from '../operands/fpimm';
import { R, W, X } from '../operands/gpr';
import { Imm } from '../operands/imm';
import { Tie } from '../operands/operand';
import { SveArithImm, SveArithShift } from '../operands/sve-imm';
import { PredPattern } from '../operands/sve-pattern';
import { P, PFix, Pg, SZ_HSD, Z } from '../operands/sve-reg';
import { RowSpec, group, row } from '../table';
import { SVE_FP_IMM_SIZES, movImmRows } from './sve-perm';

const PB = (reg: string) => PFix(reg, 'b');
const Pz = (reg: string) => Pg(reg, 'z');

// --- predicate logic: op S (bits 23:22), o2 (bit 9), o3 (bit 4) ----------------------------------------
const LOGIC = (opS: string, o2: string, o3: string) => `00100101 ${opS} 00 Pm:4 01 Pg:4 ${o2} Pn:4 ${o3} Pd:4`;
const PRED_LOG: readonly [string, string, string, string][] = [
  ['00', '0', '0', 'and'], ['00', '0', '1', 'bic'], ['00', '1', '0', 'eor'], ['00', '1', '1', 'sel'],
  ['10', '0', '0', 'orr'], ['10', '0', '1', 'orn'], ['10', '1', '0', 'nor'], ['10', '1', '1', 'nand'],
  ['01', '0', '0', 'ands'], ['01', '0', '1', 'bics'], ['01', '1', '0', 'eors'],
  ['11', '0', '0', 'orrs'], ['11', '0', '1', 'orns'], ['11', '1', '0', 'nors'], ['11', '1', '1', 'nands'],
];
const logic3 = [PB('Pd'), Pz('Pg'), PB('Pn'), PB('Pm')];
const predLog = group({ cls: 'sve_int_pred_log', feature: 'sve' }, [
  // aliases objdump prefers: mov/movs (orr/orrs with Pg = Pn = Pm; and/ands with Pn = Pm),
  // not/nots (eor/eors with Pm = Pg), mov (sel with Pm = Pd)
  row('mov', LOGIC('10', '0', '0'), [PB('Pd'), PB('Pn'), Tie('Pg', 'Pn'), Tie('Pm', 'Pn')], { aliasOf: 'orr' }),
  row('movs', LOGIC('11', '0', '0'), [PB('Pd'), PB('Pn'), Tie('Pg', 'Pn'), Tie('Pm', 'Pn')], { aliasOf: 'orrs' }),
  row('mov', LOGIC('00', '0', '0'), [PB('Pd'), Pz('Pg'), PB('Pn'), Tie('Pm', 'Pn')], { aliasOf: 'and' }),
  row('movs', LOGIC('01', '0', '0'), [PB('Pd'), Pz('Pg'), PB('Pn'), Tie('Pm', 'Pn')], { aliasOf: 'ands' }),
  row('not', LOGIC('00', '1', '0'), [PB('Pd'), Pz('Pg'), PB('Pn'), Tie('Pm', 'Pg')], { aliasOf: 'eor' }),
  row('nots', LOGIC('01', '1', '0'), [PB('Pd'), Pz('Pg'), PB('Pn'), Tie('Pm', 'Pg')], { aliasOf: 'eors' }),
  row('mov', LOGIC('00', '1', '1'), [PB('Pd'), Pg('Pg', 'm'), PB('Pn'), Tie('Pm', 'Pd')], { aliasOf: 'sel' }),
  ...PRED_LOG.map(([opS, o2, o3, m]) =>
    row(m, LOGIC(opS, o2, o3), m === 'sel' ? [PB('Pd'), PFix('Pg', ''), PB('Pn'), PB('Pm')] : logic3)),
]);

// --- break and partition ----------------------------------------------------------------------------
const brk = [
  ...group({ cls: 'sve_int_brkp', feature: 'sve' }, ([['00', '0', 'brkpa'], ['00', '1', 'brkpb'], ['01', '0', 'brkpas'], ['01', '1', 'brkpbs']] as const).map(([bS, b, m]) =>
    row(m, `00100101 ${bS} 00 Pm:4 11 Pg:4 0 Pn:4 ${b} Pd:4`, logic3))),
  ...group({ cls: 'sve_int_break', feature: 'sve' }, [
    row('brka', '00100101 00 01 0000 01 Pg:4 0 Pn:4 M Pd:4', [PB('Pd'), Pg('Pg', { field: 'M' }), PB('Pn')]),
    row('brkb', '00100101 10 01 0000 01 Pg:4 0 Pn:4 M Pd:4', [PB('Pd'), Pg('Pg', { field: 'M' }), PB('Pn')]),
    row('brkas', '00100101 01 01 0000 01 Pg:4 0 Pn:4 0 Pd:4', [PB('Pd'), Pz('Pg'), PB('Pn')]),
    row('brkbs', '00100101 11 01 0000 01 Pg:4 0 Pn:4 0 Pd:4', [PB('Pd'), Pz('Pg'), PB('Pn')]),
  ]),
  ...group({ cls: 'sve_int_brkn', feature: 'sve' }, [
    row('brkn', '00100101 00 01 1000 01 Pg:4 0 Pn:4 0 Pdm:4', [PB('Pdm'), Pz('Pg'), PB('Pn'), PB('Pdm')]),
    row('brkns', '00100101 01 01 1000 01 Pg:4 0 Pn:4 0 Pdm:4', [PB('Pdm'), Pz('Pg'), PB('Pn'), PB('Pdm')]),
  ]),
];

// --- ptest, pfirst, ptrue, pfalse, FFR, pnext ---------------------------------------------------------
const predMisc = [
  row('ptest', '00100101 01 01 0000 11 Pg:4 0 Pn:4 0 0000', [PFix('Pg', ''), PB('Pn')], { cls: 'sve_int_ptest', feature: 'sve' }),
  row('pfirst', '00100101 01 01 1000 110000 0 Pg:4 0 Pdn:4', [PB('Pdn'), PFix('Pg', ''), PB('Pdn')], { cls: 'sve_int_pfirst', feature: 'sve' }),
  row('pnext', '00100101 size:2 01 1001 110001 0 Pv:4 0 Pdn:4', [P('Pdn'), PFix('Pv', ''), P('Pdn')], { cls: 'sve_int_pnext', feature: 'sve' }),
  ...group({ cls: 'sve_int_ptrue', feature: 'sve' }, [
    row('ptrue', '00100101 size:2 01 1000 111000 pattern:5 0 Pd:4', [P('Pd'), PredPattern('pattern', { omitAllWith: '' })]),
    row('ptrues', '00100101 size:2 01 1001 111000 pattern:5 0 Pd:4', [P('Pd'), PredPattern('pattern', { omitAllWith: '' })]),
  ]),
  row('pfalse', '00100101 00 01 1000 111001 00000 0 Pd:4', [PB('Pd')], { cls: 'sve_int_pfalse', feature: 'sve' }),
  ...group({ cls: 'sve_int_rdffr', feature: 'sve' }, [
    row('rdffr', '00100101 00 01 1000 111100 0 Pg:4 0 Pd:4', [PB('Pd'), Pz('Pg')]),
    row('rdffrs', '00100101 01 01 1000 111100 0 Pg:4 0 Pd:4', [PB('Pd'), Pz('Pg')]),
    row('rdffr', '00100101 00 01 1001 111100 0 0000 0 Pd:4', [PB('Pd')], { cls: 'sve_int_rdffr_2' }),
  ]),
  row('setffr', '00100101 00 10 1100 100100 0000000000', [], { cls: 'sve_int_setffr', feature: 'sve' }),
  row('wrffr', '00100101 00 10 1000 100100 0 Pn:4 00000', [PB('Pn')], { cls: 'sve_int_wrffr', feature: 'sve' }),
];


// --- counts of active elements, and inc/dec by them ---------------------------------------------------
const INC_DEC: readonly [string, string][] = [['1000', 'sqincp'], ['1001', 'uqincp'], ['1010', 'sqdecp'], ['1011', 'uqdecp'], ['1100', 'incp'], ['1101', 'decp']];
const count = [
  row('cntp', '00100101 size:2 100 000 10 Pg:4 0 Pn:4 Rd:5', [X('Rd'), PFix('Pg', ''), P('Pn')], { cls: 'sve_int_pcount_pred', feature: 'sve' }),
  ...group({ cls: 'sve_int_count_v_sat', feature: 'sve' }, INC_DEC.flatMap(([opc, m]) => [
    row(m, `00100101 size:2 10 ${opc} 10000 00 Pm:4 Zdn:5`, [Z('Zdn', SZ_HSD), P('Pm', SZ_HSD)]),
    // GNU as takes the predicate without its element size here
    row(m, `00100101 size:2 10 ${opc} 10000 00 Pm:4 Zdn:5`, [Z('Zdn', SZ_HSD), PFix('Pm', '')], { encodeOnly: true }),
  ])),
  ...group({ cls: 'sve_int_count_r_sat', feature: 'sve' }, INC_DEC.flatMap(([opc, m]) => {
    const sat = m.startsWith('sq') || m.startsWith('uq');
    const signed = m.startsWith('sq');
    return [
      row(m, `00100101 size:2 10 ${opc} 10001 ${sat ? '1' : '0'} 0 Pm:4 Rdn:5`, [X('Rdn'), P('Pm')]),
      // the 32-bit saturating forms: `sqincp xdn, pm.t, wdn` (sign-extends) / `uqincp wdn, pm.t`
      ...(sat ? [row(m, `00100101 size:2 10 ${opc} 10001 0 0 Pm:4 Rdn:5`, signed ? [X('Rdn'), P('Pm'), W('Rdn')] : [W('Rdn'), P('Pm')])] : []),
    ];
  })),
];

// --- while and cterm ------------------------------------------------------------------------------------
const WHILE: readonly [string, string, string, string][] = [
  ['0', '0', '0', 'whilege'], ['0', '0', '1', 'whilegt'], ['0', '1', '0', 'whilelt'], ['0', '1', '1', 'whilele'],
  ['1', '0', '0', 'whilehs'], ['1', '0', '1', 'whilehi'], ['1', '1', '0', 'whilelo'], ['1', '1', '1', 'whilels'],
];
const whiles = [
  ...group({ cls: 'sve_int_while_rr', feature: 'sve' }, WHILE.flatMap(([u, lt, eq, m]) => ([0, 1] as const).map((sf) =>
    row(m, `00100101 size:2 1 Rm:5 000 ${sf} ${u} ${lt} Rn:5 ${eq} Pd:4`, [P('Pd'), R('Rn', sf), R('Rm', sf)],
      { feature: lt === '1' ? 'sve' : 'sve2' })))),
  ...group({ cls: 'sve_int_whilenc', feature: 'sve2' }, [
    row('whilewr', '00100101 size:2 1 Rm:5 001100 Rn:5 0 Pd:4', [P('Pd'), X('Rn'), X('Rm')]),
    row('whilerw', '00100101 size:2 1 Rm:5 001100 Rn:5 1 Pd:4', [P('Pd'), X('Rn'), X('Rm')]),
  ]),
  ...group({ cls: 'sve_int_cterm', feature: 'sve' }, ([0, 1] as const).flatMap((sz) => [
    row('ctermeq', `00100101 1 ${sz} 1 Rm:5 001000 Rn:5 0 0000`, [R('Rn', sz), R('Rm', sz)]),
    row('ctermne', `00100101 1 ${sz} 1 Rm:5 001000 Rn:5 1 0000`, [R('Rn', sz), R('Rm', sz)]),
  ])),
];

// --- unpredicated wide immediates (bits 21:19 = 1xx, bits 15:14 = 11) --------------------------------
const ARITH_IMM: readonly [string, string][] = [
  ['000', 'add'], ['001', 'sub'], ['011', 'subr'], ['100', 'sqadd'], ['101', 'uqadd'], ['110', 'sqsub'], ['111', 'uqsub'],
];
const MINMAX_IMM: readonly [string, string, boolean][] = [['00', 'smax', true], ['01', 'umax', false], ['10', 'smin', true], ['11', 'umin', false]];
const DUP = '00100101 size:2 111 000 11 sh imm8:8 Zd:5';
const dupOps = [Z('Zd'), SveArithImm({ signed: true }), SveArithShift()];
// `#imm, lsl #8` written out: GNU as checks the value against the element size less 8 bits
const dupLsl8 = [Z('Zd'), SveArithImm({ signed: true, shifted: true }), SveArithShift(true)];
const wideImm = [
  ...group({ cls: 'sve_int_arith_imm0', feature: 'sve' }, ARITH_IMM.flatMap(([opc, m]) => {
    const pat = `00100101 size:2 100 ${opc} 11 sh imm8:8 Zdn:5`;
    return [
      row(m, pat, [Z('Zdn'), Z('Zdn'), SveArithImm({ signed: false }), SveArithShift()]),
      row(m, pat, [Z('Zdn'), Z('Zdn'), SveArithImm({ signed: false, shifted: true }), SveArithShift(true)], { encodeOnly: true }),
    ];
  })),
  ...group({ cls: 'sve_int_arith_imm1', feature: 'sve' }, MINMAX_IMM.map(([opc, m, signed]) =>
    row(m, `00100101 size:2 101 0 ${opc} 11 0 imm8:8 Zdn:5`, [Z('Zdn'), Z('Zdn'), Imm('imm8', { signed })]))),
  row('mul', '00100101 size:2 110 000 11 0 imm8:8 Zdn:5', [Z('Zdn'), Z('Zdn'), Imm('imm8', { signed: true })], { cls: 'sve_int_arith_imm2', feature: 'sve' }),
  ...group({ cls: 'sve_int_dup_imm', feature: 'sve' }, movImmRows('dup', DUP, dupOps, dupLsl8)),
  ...group({ cls: 'sve_int_dup_fpimm', feature: 'sve' }, SVE_FP_IMM_SIZES.flatMap(([sz, A, t]) => {
    const pat = `00100101 ${sz} 111 001 11 0 imm8:8 Zd:5`;
    const ops = [Z('Zd', A), FpImm8(t)];
    return [row('fmov', pat, ops, { aliasOf: 'fdup' }), row('fdup', pat, ops)];
  })),
  // `fmov zd.T, #0.0` is dup #0 (after fdup's rows: another immediate gets their error)
  row('fmov', '00100101 size:2 111 000 11 0 00000000 Zd:5', [Z('Zd', SZ_HSD), FpZero()], { cls: 'sve_int_dup_imm', feature: 'sve', aliasOf: 'dup', encodeOnly: true }),
];

export const SVE_PRED: RowSpec[] = [...predLog, ...brk, ...predMisc, ...count, ...whiles, ...wideImm];
