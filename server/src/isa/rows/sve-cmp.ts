// SVE integer compares into predicates: vectors, wide elements and immediates.
import { Imm } from '../operands/imm';
import { P, Pg, SZ_BHS, Z, ZFix } from '../operands/sve-reg';
import { RowSpec, group, row } from '../table';

// --- vectors (sve_int_cmp_0): [bit 15, bit 13, ne, mnemonic, reversed alias GNU as takes] --------
const VEC: readonly [number, number, number, string, string | null][] = [
  [0, 0, 0, 'cmphs', 'cmpls'],
  [0, 0, 1, 'cmphi', 'cmplo'],
  [1, 0, 0, 'cmpge', 'cmple'],
  [1, 0, 1, 'cmpgt', 'cmplt'],
  [1, 1, 0, 'cmpeq', null],
  [1, 1, 1, 'cmpne', null],
];

const vectors = group({ cls: 'sve_int_cmp_0', feature: 'sve' }, [
  ...VEC.flatMap(([op, o2, ne, m, rev]) => {
    const pattern = `00100100 size:2 0 Zm:5 ${op} 0 ${o2} Pg:3 Zn:5 ${ne} Pd:4`;
    const rows = [row(m, pattern, [P('Pd'), Pg('Pg', 'z'), Z('Zn'), Z('Zm')])];
    // `cmple pd, pg/z, zn, zm` is cmpge with the vectors swapped (objdump prints cmpge)
    if (rev) rows.push(row(rev, pattern, [P('Pd'), Pg('Pg', 'z'), Z('Zm'), Z('Zn')], { aliasOf: m, encodeOnly: true }));
    return rows;
  }),
]);

// --- wide elements (sve_int_cmp_0 eq/ne, sve_int_cmp_1 the others): [bits 15-13, ne, mnemonic] ---
const WIDE: readonly [string, number, string][] = [
  ['001', 0, 'cmpeq'], ['001', 1, 'cmpne'],
  ['010', 0, 'cmpge'], ['010', 1, 'cmpgt'],
  ['011', 0, 'cmplt'], ['011', 1, 'cmple'],
  ['110', 0, 'cmphs'], ['110', 1, 'cmphi'],
  ['111', 0, 'cmplo'], ['111', 1, 'cmpls'],
];

const wide = group({ cls: 'sve_int_cmp_1', feature: 'sve' }, [
  ...WIDE.map(([opc, ne, m]) =>
    row(m, `00100100 size:2 0 Zm:5 ${opc} Pg:3 Zn:5 ${ne} Pd:4`, [P('Pd', SZ_BHS), Pg('Pg', 'z'), Z('Zn', SZ_BHS), ZFix('Zm', 'd')]),
  ),
]);

// --- unsigned immediate 0..127 (sve_int_ucmp_vi): [lt, ne, mnemonic] -----------------------------
const UIMM: readonly [number, number, string][] = [[0, 0, 'cmphs'], [0, 1, 'cmphi'], [1, 0, 'cmplo'], [1, 1, 'cmpls']];

const unsignedImm = group({ cls: 'sve_int_ucmp_vi', feature: 'sve' }, [
  ...UIMM.map(([lt, ne, m]) =>
    row(m, `00100100 size:2 1 imm7:7 ${lt} Pg:3 Zn:5 ${ne} Pd:4`, [P('Pd'), Pg('Pg', 'z'), Z('Zn'), Imm('imm7')]),
  ),
]);

// --- signed immediate -16..15 (sve_int_scmp_vi): [bit 15, bit 13, ne, mnemonic] ------------------
const SIMM: readonly [number, number, number, string][] = [
  [0, 0, 0, 'cmpge'], [0, 0, 1, 'cmpgt'], [0, 1, 0, 'cmplt'], [0, 1, 1, 'cmple'], [1, 0, 0, 'cmpeq'], [1, 0, 1, 'cmpne'],
];

const signedImm = group({ cls: 'sve_int_scmp_vi', feature: 'sve' }, [
  ...SIMM.map(([op, o2, ne, m]) =>
    row(m, `00100101 size:2 0 imm5:5 ${op} 0 ${o2} Pg:3 Zn:5 ${ne} Pd:4`, [P('Pd'), Pg('Pg', 'z'), Z('Zn'), Imm('imm5', { signed: true })]),
  ),
]);

export const SVE_CMP: RowSpec[] = [...vectors, ...wide, ...unsignedImm, ...signedImm];
