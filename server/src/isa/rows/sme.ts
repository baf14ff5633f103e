// SME (as binutils 2.40 knows it): outer products, addha/addva, ZA tile slice moves (mova), ZA
// slice loads/stores, ZA array ldr/str, zero; and the SME instructions in SVE's spaces: psel, revd,
// sclamp/uclamp. smstart/smstop are msr aliases (branch-sys.ts); addsvl/addspl/rdsvl are in sve-int.ts.
import { SmeMemVl } from '../operands/sme-mem';
import { SveMemReg } from '../operands/sve-mem';
import { ZaArray, ZaSize, ZaSlice, ZaTile, ZaTileList } from '../operands/sme-za';
import { PselElem } from '../operands/sve-perm-elem';
import { PFix, Pg, Z, ZFix } from '../operands/sve-reg';
import { RowSpec, group, row } from '../table';

/** The tile number's bits at the bottom of the outer products and addha/addva: .s tiles 0-3, .d 0-7. */
const tileBits = (t: 's' | 'd') => (t === 's' ? '0 ZAda:2' : 'ZAda:3');
const S_A = [[0, 'a'], [1, 's']] as const;

// --- outer products: [bits 31-21, source elements, tile size, stem, feature, class] -----------------
const FP_MOP: readonly [string, string, 's' | 'd', string, string, string][] = [
  ['10000000100', 's', 's', 'fmop', 'sme', 'mortlach_f32f32_prod'],
  ['10000000110', 'd', 'd', 'fmop', 'sme-f64', 'mortlach_f64f64_prod'],
  ['10000001101', 'h', 's', 'fmop', 'sme', 'mortlach_f16f32_prod'],
  ['10000001100', 'h', 's', 'bfmop', 'sme', 'mortlach_b16f32_prod'],
];
// integer: [u0 (bit 24), u1 (bit 21), stem]; sz (bit 22) = 0: .s from .b, 1: .d from .h (sme-i64)
const INT_MOP: readonly [number, number, string][] = [[0, 0, 'smop'], [0, 1, 'sumop'], [1, 0, 'usmop'], [1, 1, 'umop']];
const INT_SIZES = [[0, 'b', 's', 'sme', 'mortlach_i8i32_prod'], [1, 'h', 'd', 'sme-i64', 'mortlach_i16i64_prod']] as const;

const mopOps = (t: 's' | 'd', e: string) => [ZaTile('ZAda', t), Pg('Pn', 'm'), Pg('Pm', 'm'), ZFix('Zn', e), ZFix('Zm', e)];

const outer: RowSpec[] = [
  ...FP_MOP.flatMap(([top, e, t, stem, feature, cls]) =>
    S_A.map(([s, sfx]) => row(stem + sfx, `${top} Zm:5 Pm:3 Pn:3 Zn:5 ${s} 0 ${tileBits(t)}`, mopOps(t, e), { cls, feature })),
  ),
  ...INT_SIZES.flatMap(([sz, e, t, feature, cls]) =>
    INT_MOP.flatMap(([u0, u1, stem]) =>
      S_A.map(([s, sfx]) =>
        row(stem + sfx, `1010000 ${u0} 1 ${sz} ${u1} Zm:5 Pm:3 Pn:3 Zn:5 ${s} 0 ${tileBits(t)}`, mopOps(t, e), { cls, feature }),
      ),
    ),
  ),
];

// --- addha/addva: add a vector to each row / column of a tile ------------------------------------
const addhv = [['s', 0, 'sme', 'mortlach_addhv_32'], ['d', 1, 'sme-i64', 'mortlach_addhv_64']] as const;
const addToTile: RowSpec[] = addhv.flatMap(([t, sz, feature, cls]) =>
  (['addha', 'addva'] as const).map((mn, v) =>
    row(mn, `11000000 1 ${sz} 0 1 000 ${v} Pm:3 Pn:3 Zn:5 00 ${tileBits(t)}`, [ZaTile('ZAda', t), Pg('Pn', 'm'), Pg('Pm', 'm'), ZFix('Zn', t)], { cls, feature }),
  ),
);

// --- mova between a vector and a tile slice: [size, Q, element size] -------------------------------
// objdump always prints the `mov` alias; gas takes both spellings. Q only tells .d from .q.
const SLICE_SIZES: readonly [string, string, ZaSize][] = [['00', 'x', 'b'], ['01', 'x', 'h'], ['10', 'x', 's'], ['11', '0', 'd'], ['11', '1', 'q']];
const mova: RowSpec[] = SLICE_SIZES.flatMap(([size, q, t]) => {
  const ins = `11000000 size=${size} 00000 ${q} V Rs:2 Pg:3 Zn:5 0 ZAd:4`;
  const ext = `11000000 size=${size} 00001 ${q} V Rs:2 Pg:3 0 ZAn:4 Zd:5`;
  const insOps = [ZaSlice('V', 'Rs', 'ZAd', t), Pg('Pg', 'm'), ZFix('Zn', t)];
  const extOps = [ZFix('Zd', t), Pg('Pg', 'm'), ZaSlice('V', 'Rs', 'ZAn', t)];
  return [
    row('mov', ins, insOps, { cls: 'mortlach_insert_pred', aliasOf: 'mova' }),
    row('mova', ins, insOps, { cls: 'mortlach_insert_pred' }),
    row('mov', ext, extOps, { cls: 'mortlach_extract_pred', aliasOf: 'mova' }),
    row('mova', ext, extOps, { cls: 'mortlach_extract_pred' }),
  ];
});

// --- ld1/st1 of a tile slice: [bit 24, msz, mnemonic suffix, element size, lsl amount] -------------
const LDST_SIZES: readonly [number, string, string, ZaSize, number][] = [
  [0, '00', 'b', 'b', 0], [0, '01', 'h', 'h', 1], [0, '10', 'w', 's', 2], [0, '11', 'd', 'd', 3], [1, '11', 'q', 'q', 4],
];
const sliceLdst: RowSpec[] = LDST_SIZES.flatMap(([hi, msz, sfx, t, shift]) =>
  ([['ld1', 0, 'mortlach_contig_load'], ['st1', 1, 'mortlach_contig_store']] as const).map(([mn, l, cls]) =>
    row(mn + sfx, `1110000 ${hi} ${msz} ${l} Rm:5 V Rs:2 Pg:3 Rn:5 0 ZAt:4`, [ZaSlice('V', 'Rs', 'ZAt', t, { braces: true }), l ? PFix('Pg', '') : Pg('Pg', 'z'), SveMemReg(shift, 'Rn', 'Rm', { xzr: true, lslOptional: true })], { cls }),
  ),
);

const sme = group({ feature: 'sme' }, [
  outer,
  addToTile,
  mova,
  sliceLdst,
  // ldr/str of a ZA array vector; the address offset is the vector offset (one field)
  row('ldr', '1110000100 0 00000 0 Rv:2 000 Rn:5 0 off:4', [ZaArray('Rv', 'off'), SmeMemVl('Rn', 'off')], { cls: 'mortlach_mem' }),
  row('str', '1110000100 1 00000 0 Rv:2 000 Rn:5 0 off:4', [ZaArray('Rv', 'off'), SmeMemVl('Rn', 'off')], { cls: 'mortlach_mem' }),
  row('zero', '11000000 00001000 00000000 imm8:8', [ZaTileList('imm8')], { cls: 'mortlach_zero' }),
  // in SVE's spaces; objdump ignores psel's bits 9 and 4
  row('psel', '00100101 i1 tszh 1 tszl:3 Rv:2 01 Pn:4 x Pm:4 x Pd:4', [PFix('Pd', ''), PFix('Pn', ''), PselElem('Pm', ['i1', 'tszh', 'tszl'], 'Rv')], { cls: 'sme_psel' }),
  row('revd', '00000101 00101110 100 Pg:3 Zn:5 Zd:5', [ZFix('Zd', 'q'), Pg('Pg', 'm'), ZFix('Zn', 'q')], { cls: 'sve_int_perm_revd' }),
  row('sclamp', '01000100 size:2 0 Zm:5 11000 0 Zn:5 Zd:5', [Z('Zd'), Z('Zn'), Z('Zm')], { cls: 'sve_int_clamp' }),
  row('uclamp', '01000100 size:2 0 Zm:5 11000 1 Zn:5 Zd:5', [Z('Zd'), Z('Zn'), Z('Zm')], { cls: 'sve_int_clamp' }),
]);

export const SME: RowSpec[] = sme;
