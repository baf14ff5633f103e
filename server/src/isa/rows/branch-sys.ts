// Branches, exception generation and system instructions (op0 bits 28:26 = 101), and udf.
import { COND_NAMES } from '../operands/cond';
import { W, X, XOptional, Xsp } from '../operands/gpr';
import { Imm } from '../operands/imm';
import { Label } from '../operands/label';
import { SysReg } from '../operands/sysreg';
import {
  BarrierNxsOption, BarrierOption, BtiTarget, CReg, Keyword, OptionalCrm, PStateImm, PStateName, SYSOP_MNEMONICS,
  SmeMode, SysOpName, SysOpReg,
} from '../operands/sysop';
import { RowSpec, group, row } from '../table';

const bits = (v: number, n: number) => v.toString(2).padStart(n, '0');

// --- unconditional branch (immediate) -----------------------------------------------------------

const branchImm = group({ cls: 'branch_imm' }, [
  row('b', 'op=0 00101 imm26:26', [Label('imm26', { scale: 4 })]),
  row('bl', 'op=1 00101 imm26:26', [Label('imm26', { scale: 4 })]),
]);

// --- conditional branch ------------------------------------------------------------------------

/** Other condition spellings GNU as takes (objdump lists them in its comment). */
const COND_ALIASES: Record<string, number> = {
  hs: 2, lo: 3, none: 0, any: 1, nlast: 2, last: 3, ul: 3, first: 4, nfrst: 5, pmore: 8, plast: 9, tcont: 10, tstop: 11,
};

const condBranch = group({ cls: 'condbranch' }, [
  ...COND_NAMES.map((c, i) => row('b.' + c, `01010100 imm19:19 o0=0 cond=${bits(i, 4)}`, [Label('imm19', { scale: 4 })])),
  ...COND_NAMES.map((c, i) =>
    row('bc.' + c, `01010100 imm19:19 o0=1 cond=${bits(i, 4)}`, [Label('imm19', { scale: 4 })], { feature: 'hbc' })),
  // encoder-only spellings: same words as the rows above, which win decoding (same fixed bits, earlier)
  ...Object.entries(COND_ALIASES).flatMap(([c, i]) => [
    row('b.' + c, `01010100 imm19:19 o0=0 cond=${bits(i, 4)}`, [Label('imm19', { scale: 4 })], { encodeOnly: true }),
    row('bc.' + c, `01010100 imm19:19 o0=1 cond=${bits(i, 4)}`, [Label('imm19', { scale: 4 })], { encodeOnly: true, feature: 'hbc' }),
  ]),
  // legacy `beq`, `bne`, … (no dot; GNU as has no `bal`/`bnv`)
  ...[...COND_NAMES.slice(0, 14).map((c, i) => [c, i] as const), ['hs', 2] as const, ['lo', 3] as const].map(([c, i]) =>
    row('b' + c, `01010100 imm19:19 o0=0 cond=${bits(i, 4)}`, [Label('imm19', { scale: 4 })], { encodeOnly: true })),
]);

// --- compare / test and branch -----------------------------------------------------------------

const compBranch = group({ cls: 'compbranch' }, [
  row('cbz', 'sf=0 011010 op=0 imm19:19 Rt:5', [W('Rt'), Label('imm19', { scale: 4 })]),
  row('cbz', 'sf=1 011010 op=0 imm19:19 Rt:5', [X('Rt'), Label('imm19', { scale: 4 })]),
  row('cbnz', 'sf=0 011010 op=1 imm19:19 Rt:5', [W('Rt'), Label('imm19', { scale: 4 })]),
  row('cbnz', 'sf=1 011010 op=1 imm19:19 Rt:5', [X('Rt'), Label('imm19', { scale: 4 })]),
]);

// b5 = 0 prints a w register (the more specific row wins); as picks b5 from the bit number, so
// `tbz x0, #3` encodes with b5 = 0 through the x row.
const testBranch = group({ cls: 'testbranch' }, [
  row('tbz', 'b5=0 011011 op=0 b40:5 imm14:14 Rt:5', [W('Rt'), Imm('b40'), Label('imm14', { scale: 4 })]),
  row('tbz', 'b5 011011 op=0 b40:5 imm14:14 Rt:5', [X('Rt'), Imm(['b5', 'b40']), Label('imm14', { scale: 4 })]),
  row('tbnz', 'b5=0 011011 op=1 b40:5 imm14:14 Rt:5', [W('Rt'), Imm('b40'), Label('imm14', { scale: 4 })]),
  row('tbnz', 'b5 011011 op=1 b40:5 imm14:14 Rt:5', [X('Rt'), Imm(['b5', 'b40']), Label('imm14', { scale: 4 })]),
]);

// --- unconditional branch (register) -----------------------------------------------------------

const br = (opc: string, op3: string, rn: string, op4: string) => `1101011 opc=${opc} op2=11111 op3=${op3} ${rn} ${op4}`;

const branchReg = group({ cls: 'branch_reg' }, [
  row('br', br('0000', '000000', 'Rn:5', 'op4=00000'), [X('Rn')]),
  row('blr', br('0001', '000000', 'Rn:5', 'op4=00000'), [X('Rn')]),
  row('ret', br('0010', '000000', 'Rn:5', 'op4=00000'), [XOptional('Rn', 30)]),
  row('eret', br('0100', '000000', 'Rn=11111', 'op4=00000'), []),
  row('drps', br('0101', '000000', 'Rn=11111', 'op4=00000'), []),
  ...group({ feature: 'pauth' }, [
    row('braaz', br('0000', '000010', 'Rn:5', 'Rm=11111'), [X('Rn')]),
    row('brabz', br('0000', '000011', 'Rn:5', 'Rm=11111'), [X('Rn')]),
    row('blraaz', br('0001', '000010', 'Rn:5', 'Rm=11111'), [X('Rn')]),
    row('blrabz', br('0001', '000011', 'Rn:5', 'Rm=11111'), [X('Rn')]),
    row('retaa', br('0010', '000010', 'Rn=11111', 'Rm=11111'), []),
    row('retab', br('0010', '000011', 'Rn=11111', 'Rm=11111'), []),
    row('eretaa', br('0100', '000010', 'Rn=11111', 'Rm=11111'), []),
    row('eretab', br('0100', '000011', 'Rn=11111', 'Rm=11111'), []),
    row('braa', br('1000', '000010', 'Rn:5', 'Rm:5'), [X('Rn'), Xsp('Rm')]),
    row('brab', br('1000', '000011', 'Rn:5', 'Rm:5'), [X('Rn'), Xsp('Rm')]),
    row('blraa', br('1001', '000010', 'Rn:5', 'Rm:5'), [X('Rn'), Xsp('Rm')]),
    row('blrab', br('1001', '000011', 'Rn:5', 'Rm:5'), [X('Rn'), Xsp('Rm')]),
  ]),
]);

// --- exception generation ----------------------------------------------------------------------

const exc = (opc: string, ll: string) => `11010100 opc=${opc} imm16:16 op2=000 LL=${ll}`;

const exception = group({ cls: 'exception' }, [
  row('svc', exc('000', '01'), [Imm('imm16', { hex: true })]),
  row('hvc', exc('000', '10'), [Imm('imm16', { hex: true })]),
  row('smc', exc('000', '11'), [Imm('imm16', { hex: true })]),
  row('brk', exc('001', '00'), [Imm('imm16', { hex: true })]),
  row('hlt', exc('010', '00'), [Imm('imm16', { hex: true })]),
  row('tcancel', exc('011', '00'), [Imm('imm16')], { feature: 'tme' }),
  row('dcps1', exc('101', '01'), [Imm('imm16', { hex: true, omitWhen: 0 })]),
  row('dcps2', exc('101', '10'), [Imm('imm16', { hex: true, omitWhen: 0 })]),
  row('dcps3', exc('101', '11'), [Imm('imm16', { hex: true, omitWhen: 0 })]),
]);

const udf = group({ cls: 'udf' }, [row('udf', '0000000000000000 imm16:16', [Imm('imm16')])]);

// --- hints -------------------------------------------------------------------------------------

const hintPat = (crmOp2: string) => `1101010100 L=0 op0=00 op1=011 CRn=0010 ${crmOp2} Rt=11111`;
const hintAt = (imm7: number) => hintPat(`CRm=${bits(imm7 >> 3, 4)} op2=${bits(imm7 & 7, 3)}`);
const hint = (mn: string, imm7: number, feature = 'base') => row(mn, hintAt(imm7), [], { aliasOf: 'hint', feature });

const hints = group({ cls: 'sys_hint' }, [
  hint('nop', 0), hint('yield', 1), hint('wfe', 2), hint('wfi', 3), hint('sev', 4), hint('sevl', 5),
  hint('xpaclri', 7, 'pauth'), hint('pacia1716', 8, 'pauth'), hint('pacib1716', 10, 'pauth'),
  hint('autia1716', 12, 'pauth'), hint('autib1716', 14, 'pauth'),
  hint('esb', 16, 'ras'),
  row('psb', hintAt(17), [Keyword('csync')], { aliasOf: 'hint', feature: 'profile' }),
  row('tsb', hintAt(18), [Keyword('csync')], { aliasOf: 'hint', feature: 'trf' }),
  hint('csdb', 20), hint('clearbhb', 22, 'clearbhb'),
  hint('paciaz', 24, 'pauth'), hint('paciasp', 25, 'pauth'), hint('pacibz', 26, 'pauth'), hint('pacibsp', 27, 'pauth'),
  hint('autiaz', 28, 'pauth'), hint('autiasp', 29, 'pauth'), hint('autibz', 30, 'pauth'), hint('autibsp', 31, 'pauth'),
  row('bti', hintPat('CRm=0100 tgt:2 0'), [BtiTarget()], { aliasOf: 'hint', feature: 'bti' }),
  row('hint', hintPat('CRm:4 op2:3'), [Imm(['CRm', 'op2'], { hex: true })]),
  // GNU as takes dgh; objdump 2.40 prints `hint #0x6` (the hint row wins decoding)
  row('dgh', hintAt(6), [], { aliasOf: 'hint', encodeOnly: true }),
]);

// --- barriers and other op0 = 0 system instructions -------------------------------------------

const sys0 = (op1: string, crn: string, crm: string, op2: string, rt = 'Rt=11111') =>
  `1101010100 L=0 op0=00 op1=${op1} CRn=${crn} ${crm} op2=${op2} ${rt}`;

const barriers = group({ cls: 'sys_barrier' }, [
  row('ssbb', sys0('011', '0011', 'CRm=0000', '100'), [], { aliasOf: 'dsb' }),
  row('pssbb', sys0('011', '0011', 'CRm=0100', '100'), [], { aliasOf: 'dsb' }),
  row('dsb', sys0('011', '0011', 'CRm:4', '100'), [BarrierOption()]),
  row('dsb', sys0('011', '0011', 'imm2:2 10', '001'), [BarrierNxsOption()], { feature: 'xs' }),
  row('dmb', sys0('011', '0011', 'CRm:4', '101'), [BarrierOption()]),
  row('isb', sys0('011', '0011', 'CRm:4', '110'), [OptionalCrm('CRm', true)]),
  row('clrex', sys0('011', '0011', 'CRm:4', '010'), [OptionalCrm('CRm')]),
  row('sb', sys0('011', '0011', 'CRm=0000', '111'), [], { feature: 'sb' }),
  row('tcommit', sys0('011', '0011', 'CRm=0000', '011'), [], { feature: 'tme' }),
]);

const pstate = group({ cls: 'sys_pstate' }, [
  row('cfinv', sys0('000', '0100', 'CRm=0000', '000'), [], { feature: 'flagm' }),
  row('xaflag', sys0('000', '0100', 'CRm=0000', '001'), [], { feature: 'flagm2' }),
  row('axflag', sys0('000', '0100', 'CRm=0000', '010'), [], { feature: 'flagm2' }),
  row('smstart', sys0('011', '0100', '0 sel:2 1', '011'), [SmeMode()], { feature: 'sme', aliasOf: 'msr' }),
  row('smstop', sys0('011', '0100', '0 sel:2 0', '011'), [SmeMode()], { feature: 'sme', aliasOf: 'msr' }),
  row('msr', '1101010100 L=0 op0=00 op1:3 CRn=0100 CRm:4 op2:3 Rt=11111', [PStateName(), PStateImm()]),
]);

const sysMisc = group({ cls: 'sys_misc' }, [
  row('wfet', sys0('011', '0001', 'CRm=0000', '000', 'Rt:5'), [X('Rt')], { feature: 'wfxt' }),
  row('wfit', sys0('011', '0001', 'CRm=0000', '001', 'Rt:5'), [X('Rt')], { feature: 'wfxt' }),
  row('tstart', '1101010100 L=1 op0=00 op1=011 CRn=0011 CRm=0000 op2=011 Rt:5', [X('Rt')], { feature: 'tme' }),
  row('ttest', '1101010100 L=1 op0=00 op1=011 CRn=0011 CRm=0001 op2=011 Rt:5', [X('Rt')], { feature: 'tme' }),
]);

// --- sys/sysl and their aliases ----------------------------------------------------------------

const SYS = '1101010100 L=0 op0=01 op1:3 CRn:4 CRm:4 op2:3 Rt:5';
const SYSL = '1101010100 L=1 op0=01 op1:3 CRn:4 CRm:4 op2:3 Rt:5';

const sysIns = group({ cls: 'sys_ins' }, [
  ...SYSOP_MNEMONICS.map((mn) =>
    row(mn, SYS, [SysOpName(mn), SysOpReg()], { aliasOf: 'sys', feature: mn === 'cfp' || mn === 'dvp' || mn === 'cpp' ? 'predres' : 'base' })),
  row('sys', SYS, [Imm('op1'), CReg('CRn'), CReg('CRm'), Imm('op2'), XOptional('Rt', 31)]),
  row('sysl', SYSL, [X('Rt'), Imm('op1'), CReg('CRn'), CReg('CRm'), Imm('op2')]),
]);

// --- mrs/msr (register) ------------------------------------------------------------------------

const sysReg = group({ cls: 'sys_reg' }, [
  row('msr', '1101010100 L=0 op0:2 op1:3 CRn:4 CRm:4 op2:3 Rt:5', [SysReg('w'), X('Rt')]),
  row('mrs', '1101010100 L=1 op0:2 op1:3 CRn:4 CRm:4 op2:3 Rt:5', [X('Rt'), SysReg('r')]),
]);

export const BRANCH_SYS: RowSpec[] = [
  ...branchImm, ...condBranch, ...compBranch, ...testBranch, ...branchReg, ...exception, ...udf,
  ...hints, ...barriers, ...pstate, ...sysMisc, ...sysIns, ...sysReg,
];
