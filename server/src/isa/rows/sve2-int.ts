// SVE2 integer instructions of the 0x44 space: integer multiply-add (indexed and vectors), dot
// products, saturating doubling multiplies, pairwise and halving arithmetic, shifts and complex
// integer arithmetic, and SVE's sdot/udot (SME's sclamp/uclamp, also here, are in sme.ts).
import { Rot } from '../operands/sve-rot';
import { Pg, Z, ZFix as ZF, ZT } from '../operands/sve-reg';
import { VElem } from '../operands/velem';
import { RowSpec, group, row } from '../table';

// element sizes by `size`: the long forms' accumulator (T) and sources (Tb); the 4-way dot products
const WIDE = (r: string) => ZT(r, 'size', [null, 'h', 's', 'd']);
const HALF = (r: string) => ZT(r, 'size', [null, 'b', 'h', 's']);
const DOT_ACC = (r: string) => ZT(r, 'size', [null, null, 's', 'd']);
const DOT_SRC = (r: string) => ZT(r, 'size', [null, null, 'b', 'h']);

const vec = (op6: string) => `01000100 size:2 0 Zm:5 ${op6} Zn:5 Zda:5`;

// ---- unpredicated, three vectors (bit 21 = 0) ----

// [bits 15:11, base] of the long multiply-adds; bottom/top (b/t) is bit 10
const LONG_VEC: readonly [string, string][] = [
  ['01000', 'smlal'], ['01001', 'umlal'], ['01010', 'smlsl'], ['01011', 'umlsl'],
  ['01100', 'sqdmlal'], ['01101', 'sqdmlsl'],
];

const vectors = [
  ...group({ cls: 'sve_intx_dot', feature: 'sve' }, [
    row('sdot', vec('000000'), [DOT_ACC('Zda'), DOT_SRC('Zn'), DOT_SRC('Zm')]),
    row('udot', vec('000001'), [DOT_ACC('Zda'), DOT_SRC('Zn'), DOT_SRC('Zm')]),
  ]),
  ...group({ cls: 'sve_int_dot_mixed', feature: 'sve-i8mm' }, [
    row('usdot', '01000100 size=10 0 Zm:5 011110 Zn:5 Zda:5', [ZF('Zda', 's'), ZF('Zn', 'b'), ZF('Zm', 'b')]),
  ]),
  ...group({ cls: 'sve2_int_mla', feature: 'sve2' }, [
    row('sqrdmlah', vec('011100'), [Z('Zda'), Z('Zn'), Z('Zm')]),
    row('sqrdmlsh', vec('011101'), [Z('Zda'), Z('Zn'), Z('Zm')]),
  ]),
  ...group({ cls: 'sve2_int_mla_long', feature: 'sve2' }, [
    row('sqdmlalbt', vec('000010'), [WIDE('Zda'), HALF('Zn'), HALF('Zm')]),
    row('sqdmlslbt', vec('000011'), [WIDE('Zda'), HALF('Zn'), HALF('Zm')]),
    ...LONG_VEC.flatMap(([op, m]) => [
      row(m + 'b', vec(op + '0'), [WIDE('Zda'), HALF('Zn'), HALF('Zm')]),
      row(m + 't', vec(op + '1'), [WIDE('Zda'), HALF('Zn'), HALF('Zm')]),
    ]),
  ]),
  ...group({ cls: 'sve2_cintx_dot', feature: 'sve2' }, [
    row('cdot', vec('0001 rot:2'), [DOT_ACC('Zda'), DOT_SRC('Zn'), DOT_SRC('Zm'), Rot()]),
  ]),
  ...group({ cls: 'sve2_int_cmla', feature: 'sve2' }, [
    row('cmla', vec('0010 rot:2'), [Z('Zda'), Z('Zn'), Z('Zm'), Rot()]),
    row('sqrdcmlah', vec('0011 rot:2'), [Z('Zda'), Z('Zn'), Z('Zm'), Rot()]),
  ]),
];

// ---- by indexed element (bit 21 = 1) ----
// Index and Zm by size: h = i3h (bit 22):i3l (20:19), z0-z7; s = i2 (20:19), z0-z7; d = i1 (20), z0-z15.
const IX_H = (op6: string) => `01000100 0 i3h 1 i3l:2 Zm:3 ${op6} Zn:5 Zda:5`;
const IX_S = (op6: string) => `01000100 10 1 i2:2 Zm:3 ${op6} Zn:5 Zda:5`;
const IX_D = (op6: string) => `01000100 11 1 i1 Zm:4 ${op6} Zn:5 Zda:5`;
// h[i3h:i3l] (the long forms' i3h is 2 bits and i3l 1: the same kind)
const EL_H = VElem('Zm', 'h', ['i3h', 'i3l'], 'z');
const EL_S = (t: 'b' | 'h' | 's') => VElem('Zm', t, 'i2', 'z');
const EL_D = (t: 'h' | 's' | 'd') => VElem('Zm', t, 'i1', 'z');

// [bits 15:10, mnemonic, class] of the same-size forms (h, s, d)
const SAME_IX: readonly [string, string, string][] = [
  ['000010', 'mla', 'mla'], ['000011', 'mls', 'mla'], ['000100', 'sqrdmlah', 'mla'], ['000101', 'sqrdmlsh', 'mla'],
  ['111100', 'sqdmulh', 'mul'], ['111101', 'sqrdmulh', 'mul'], ['111110', 'mul', 'mul'],
];
// [bits 15:12, base, class] of the long forms: s ← h[i3h (20:19):i3l (11)], d ← s[i2h (20):i2l (11)];
// bottom/top (b/t) is bit 10
const LONG_IX: readonly [string, string, string][] = [
  ['0010', 'sqdmlal', 'mla'], ['0011', 'sqdmlsl', 'mla'],
  ['1000', 'smlal', 'mla'], ['1001', 'umlal', 'mla'], ['1010', 'smlsl', 'mla'], ['1011', 'umlsl', 'mla'],
  ['1100', 'smull', 'mul'], ['1101', 'umull', 'mul'], ['1110', 'sqdmull', 'mul'],
];
const EL_LD = VElem('Zm', 's', ['i2h', 'i2l'], 'z');

const indexed = [
  ...group({ cls: 'sve_intx_dot_by_indexed_elem', feature: 'sve' }, (['sdot', 'udot'] as const).flatMap((m, u) => [
    row(m, IX_S(`00000${u}`), [ZF('Zda', 's'), ZF('Zn', 'b'), EL_S('b')]),
    row(m, IX_D(`00000${u}`), [ZF('Zda', 'd'), ZF('Zn', 'h'), EL_D('h')]),
  ])),
  ...group({ cls: 'sve_int_dot_mixed_indexed', feature: 'sve-i8mm' }, [
    row('usdot', IX_S('000110'), [ZF('Zda', 's'), ZF('Zn', 'b'), EL_S('b')]),
    row('sudot', IX_S('000111'), [ZF('Zda', 's'), ZF('Zn', 'b'), EL_S('b')]),
  ]),
  ...group({ feature: 'sve2' }, SAME_IX.flatMap(([op, m, c]) => group({ cls: `sve2_int_${c}_by_indexed_elem` }, [
    row(m, IX_H(op), [ZF('Zda', 'h'), ZF('Zn', 'h'), EL_H]),
    row(m, IX_S(op), [ZF('Zda', 's'), ZF('Zn', 's'), EL_S('s')]),
    row(m, IX_D(op), [ZF('Zda', 'd'), ZF('Zn', 'd'), EL_D('d')]),
  ]))),
  ...group({ feature: 'sve2' }, LONG_IX.flatMap(([op, m, c]) => group({ cls: `sve2_int_${c}_long_by_indexed_elem` }, [0, 1].flatMap((t) => [
    row(m + 'bt'[t], `01000100 10 1 i3h:2 Zm:3 ${op} i3l ${t} Zn:5 Zda:5`, [ZF('Zda', 's'), ZF('Zn', 'h'), EL_H]),
    row(m + 'bt'[t], `01000100 11 1 i2h Zm:4 ${op} i2l ${t} Zn:5 Zda:5`, [ZF('Zda', 'd'), ZF('Zn', 's'), EL_LD]),
  ])))),
  ...group({ cls: 'sve2_cintx_dot_by_indexed_elem', feature: 'sve2' }, [
    row('cdot', IX_S('0100 rot:2'), [ZF('Zda', 's'), ZF('Zn', 'b'), EL_S('b'), Rot()]),
    row('cdot', IX_D('0100 rot:2'), [ZF('Zda', 'd'), ZF('Zn', 'h'), EL_D('h'), Rot()]),
  ]),
  ...group({ cls: 'sve2_cmla_by_indexed_elem', feature: 'sve2' }, (['cmla', 'sqrdcmlah'] as const).flatMap((m, s) => [
    row(m, IX_S(`011${s} rot:2`), [ZF('Zda', 'h'), ZF('Zn', 'h'), EL_S('h'), Rot()]),
    row(m, IX_D(`011${s} rot:2`), [ZF('Zda', 's'), ZF('Zn', 's'), EL_D('s'), Rot()]),
  ])),
];

// ---- predicated (bit 21 = 0, bits 15:13 = 100 / 101) ----
// [bits 20:16, mnemonic] of `op zdn.T, pg/m, zdn.T, zm.T` with bits 15:13 = 100
const PRED_100: readonly [string, string][] = [
  ['00010', 'srshl'], ['00011', 'urshl'], ['00110', 'srshlr'], ['00111', 'urshlr'],
  ['01000', 'sqshl'], ['01001', 'uqshl'], ['01010', 'sqrshl'], ['01011', 'uqrshl'],
  ['01100', 'sqshlr'], ['01101', 'uqshlr'], ['01110', 'sqrshlr'], ['01111', 'uqrshlr'],
  ['10000', 'shadd'], ['10001', 'uhadd'], ['10010', 'shsub'], ['10011', 'uhsub'],
  ['10100', 'srhadd'], ['10101', 'urhadd'], ['10110', 'shsubr'], ['10111', 'uhsubr'],
  ['11000', 'sqadd'], ['11001', 'uqadd'], ['11010', 'sqsub'], ['11011', 'uqsub'],
  ['11100', 'suqadd'], ['11101', 'usqadd'], ['11110', 'sqsubr'], ['11111', 'uqsubr'],
];
// the same shape with bits 15:13 = 101: pairwise arithmetic
const PRED_101: readonly [string, string][] = [
  ['10001', 'addp'], ['10100', 'smaxp'], ['10101', 'umaxp'], ['10110', 'sminp'], ['10111', 'uminp'],
];

const binPred = (op5: string, hi: string) => `01000100 size:2 0 ${op5} ${hi} Pg:3 Zm:5 Zdn:5`;
const BIN = [Z('Zdn'), Pg('Pg', 'm'), Z('Zdn'), Z('Zm')];

const predicated = [
  ...group({ cls: 'sve2_int_arith_pred', feature: 'sve2' }, [
    ...PRED_100.map(([op, m]) => row(m, binPred(op, '100'), BIN)),
    ...PRED_101.map(([op, m]) => row(m, binPred(op, '101'), BIN)),
  ]),
  ...group({ cls: 'sve2_int_sadd_long_accum_pairwise', feature: 'sve2' }, [
    row('sadalp', '01000100 size:2 0 00100 101 Pg:3 Zn:5 Zda:5', [WIDE('Zda'), Pg('Pg', 'm'), HALF('Zn')]),
    row('uadalp', '01000100 size:2 0 00101 101 Pg:3 Zn:5 Zda:5', [WIDE('Zda'), Pg('Pg', 'm'), HALF('Zn')]),
  ]),
  ...group({ cls: 'sve2_int_un_pred_arit', feature: 'sve2' }, [
    row('urecpe', '01000100 size=10 0 00000 101 Pg:3 Zn:5 Zd:5', [ZF('Zd', 's'), Pg('Pg', 'm'), ZF('Zn', 's')]),
    row('ursqrte', '01000100 size=10 0 00001 101 Pg:3 Zn:5 Zd:5', [ZF('Zd', 's'), Pg('Pg', 'm'), ZF('Zn', 's')]),
    row('sqabs', '01000100 size:2 0 01000 101 Pg:3 Zn:5 Zd:5', [Z('Zd'), Pg('Pg', 'm'), Z('Zn')]),
    row('sqneg', '01000100 size:2 0 01001 101 Pg:3 Zn:5 Zd:5', [Z('Zd'), Pg('Pg', 'm'), Z('Zn')]),
  ]),
];

export const SVE2_INT: RowSpec[] = [...vectors, ...indexed, ...predicated];
