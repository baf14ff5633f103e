// Other load/store forms: RCpc unscaled (ldapur…/stlur…, FEAT_LRCPC2), pointer-authenticated
// loads (ldraa/ldrab, FEAT_PAuth), memory tagging (stg, stzg, st2g, stz2g, ldg, stgm, stzgm,
// ldgm; FEAT_MTE — stgp is with the pairs).
import { R, X, Xsp } from '../operands/gpr';
import { MemBase, MemImm, PostImm } from '../operands/mem';
import { RowSpec, group, row } from '../table';

// --- RCpc unscaled: size:2 011001 opc:2 0 imm9 00 Rn Rt -------------------------------------------

const rcpc = (size: string, opc: string) => `${size} 011001 ${opc} 0 imm9:9 00 Rn:5 Rt:5`;
const off9 = MemImm('Rn', 'imm9', { signed: true });

const rcpcUnscaled = group({ cls: 'ldapstl_unscaled', feature: 'rcpc2' }, [
  row('stlurb', rcpc('00', '00'), [R('Rt', 0), off9]),
  row('ldapurb', rcpc('00', '01'), [R('Rt', 0), off9]),
  row('ldapursb', rcpc('00', '10'), [R('Rt', 1), off9]),
  row('ldapursb', rcpc('00', '11'), [R('Rt', 0), off9]),
  row('stlurh', rcpc('01', '00'), [R('Rt', 0), off9]),
  row('ldapurh', rcpc('01', '01'), [R('Rt', 0), off9]),
  row('ldapursh', rcpc('01', '10'), [R('Rt', 1), off9]),
  row('ldapursh', rcpc('01', '11'), [R('Rt', 0), off9]),
  row('stlur', rcpc('10', '00'), [R('Rt', 0), off9]),
  row('ldapur', rcpc('10', '01'), [R('Rt', 0), off9]),
  row('ldapursw', rcpc('10', '10'), [R('Rt', 1), off9]),
  row('stlur', rcpc('11', '00'), [R('Rt', 1), off9]),
  row('ldapur', rcpc('11', '01'), [R('Rt', 1), off9]),
]);

// --- ldraa/ldrab: 11 111 0 00 M S 1 imm9 W 1 Rn Rt, offset S:imm9 * 8 ---------------------------

const pac = (m: number, w: number) => `11 111 0 00 ${m} S 1 imm9:9 ${w} 1 Rn:5 Rt:5`;

const pacLoads = group({ cls: 'ldst_imm10', feature: 'pauth' }, ([0, 1] as const).flatMap((m) => {
  const mn = m ? 'ldrab' : 'ldraa';
  return [
    row(mn, pac(m, 0), [X('Rt'), MemImm('Rn', ['S', 'imm9'], { signed: true, scale: 8, preBits: 10 })]),
    row(mn, pac(m, 1), [X('Rt'), MemImm('Rn', ['S', 'imm9'], { signed: true, scale: 8, mode: 'pre', preZeroBare: true })]),
  ];
}));

// --- memory tags: 11011001 opc:2 1 imm9 op2:2 Rn Rt ----------------------------------------------

const tag = (opc: string, op2: string, imm = 'imm9:9') => `11011001 ${opc} 1 ${imm} ${op2} Rn:5 Rt:5`;

/** stg/stzg/st2g/stz2g: Xt|SP, offset imm9 * 16 in three indexing modes. */
const tagStores = (mn: string, opc: string) => [
  row(mn, tag(opc, '10'), [Xsp('Rt'), MemImm('Rn', 'imm9', { signed: true, scale: 16, preBits: 9 })]),
  row(mn, tag(opc, '11'), [Xsp('Rt'), MemImm('Rn', 'imm9', { signed: true, scale: 16, mode: 'pre' })]),
  row(mn, tag(opc, '01'), [Xsp('Rt'), MemBase('Rn', { postIndex: true }), PostImm('imm9', 16)]),
];

const tags = group({ cls: 'ldst_tag', feature: 'mte' }, [
  ...tagStores('stg', '00'),
  ...tagStores('stzg', '01'),
  ...tagStores('st2g', '10'),
  ...tagStores('stz2g', '11'),
  row('ldg', tag('01', '00'), [X('Rt'), MemImm('Rn', 'imm9', { signed: true, scale: 16 })]),
  row('stzgm', tag('00', '00', '000000000'), [X('Rt'), MemBase('Rn')]),
  row('stgm', tag('10', '00', '000000000'), [X('Rt'), MemBase('Rn')]),
  row('ldgm', tag('11', '00', '000000000'), [X('Rt'), MemBase('Rn')]),
]);

export const LDST_MISC: RowSpec[] = [...rcpcUnscaled, ...pacLoads, ...tags];
