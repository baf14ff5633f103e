// SVE gathers, scatters and prefetches: vector-plus-immediate and scalar-plus-vector loads and
// stores, the SVE2 non-temporal gathers/scatters (vector plus scalar), and the prf* forms with a
// vector in the address (the scalar-base prefetches are in sve-ldst-contig.ts).
import { VList } from '../operands/vlist';
import { GatherMod, GatherScalarVec, GatherVecImm, GatherVecScalar } from '../operands/sve-gather';
import { SvePrfop } from '../operands/prefetch';
import { PFix, Pg } from '../operands/sve-reg';
import { OperandSpec } from '../operands/operand';
import { RowSpec, group, row } from '../table';

/** The transfer list `{zt.T}` (GNU as also takes a bare `zt.T`). */
const zlist = (t: 's' | 'd') => VList('Zt', 1, t, { prefix: 'z' });

const bits = (v: number, n: number): string => v.toString(2).padStart(n, '0');

// element kinds: [load mnemonic suffix, msz, U (1 = zero-extending)]; 32-bit elements take no
// sign-extended words nor doublewords
type Elem = readonly [string, number, number];
const ELEM_S: readonly Elem[] = [['sb', 0, 0], ['b', 0, 1], ['sh', 1, 0], ['h', 1, 1], ['w', 2, 1]];
const ELEM_D: readonly Elem[] = [...ELEM_S, ['sw', 2, 0], ['d', 3, 1]];

// --- gather loads: ld1* and the first-faulting ldff1* -------------------------------------------
// Scalar-plus-vector forms: [bits 22-21 (xs = the uxtw/sxtw field), bit 15, offset modifier,
// scaled (shift = msz)]
type SvForm = readonly [string, string, GatherMod, boolean];
const XS: GatherMod = { xs: 'xs' };
const SV_S: readonly SvForm[] = [['xs 0', '0', XS, false], ['xs 1', '0', XS, true]];
const SV_D: readonly SvForm[] = [...SV_S, ['10', '1', 'none', false], ['11', '1', 'lsl', true]];

function gathers(top: string, t: 's' | 'd', elems: readonly Elem[], forms: readonly SvForm[]): RowSpec[] {
  return elems.flatMap(([sfx, msz, u]) =>
    [0, 1].flatMap((ff) => {
      const m = `ld${ff ? 'ff' : ''}1${sfx}`;
      const op = bits(msz, 2);
      const tail = `${u} ${ff} Pg:3`;
      const list = [zlist(t), Pg('Pg', 'z')];
      return [
        ...forms
          .filter(([, , , scaled]) => !scaled || msz > 0)
          .map(([b2221, b15, mod, scaled]) =>
            row(m, `${top} ${op} ${b2221} Zm:5 ${b15} ${tail} Rn:5 Zt:5`, [...list, GatherScalarVec('Rn', 'Zm', t, mod, scaled ? msz : 0)]),
          ),
        row(m, `${top} ${op} 01 imm5:5 1 ${tail} Zn:5 Zt:5`, [...list, GatherVecImm('Zn', 'imm5', t, 1 << msz)]),
      ];
    }),
  );
}

const gather32 = group({ cls: 'sve_mem_32b_gld', feature: 'sve' }, gathers('1000010', 's', ELEM_S, SV_S));
const gather64 = group({ cls: 'sve_mem_64b_gld', feature: 'sve' }, gathers('1100010', 'd', ELEM_D, SV_D));

// --- SVE2 non-temporal gathers (vector plus scalar) ---------------------------------------------
const gatherNt = group({ cls: 'sve2_mem_gldnt_vs', feature: 'sve2' }, [
  ...ELEM_S.map(([sfx, msz, u]) =>
    row(`ldnt1${sfx}`, `1000010 ${bits(msz, 2)} 00 Rm:5 10 ${u} Pg:3 Zn:5 Zt:5`, [zlist('s'), Pg('Pg', 'z'), GatherVecScalar('Zn', 'Rm', 's')]),
  ),
  ...ELEM_D.map(([sfx, msz, u]) =>
    row(`ldnt1${sfx}`, `1100010 ${bits(msz, 2)} 00 Rm:5 1 ${u} 0 Pg:3 Zn:5 Zt:5`, [zlist('d'), Pg('Pg', 'z'), GatherVecScalar('Zn', 'Rm', 'd')]),
  ),
]);

// --- scatter stores: st1* (bits 15-13 = 1 xs 0 for 32-bit offsets, 101 otherwise) ----------------
const SIZES = ['b', 'h', 'w', 'd'];
const scatter = group({ cls: 'sve_mem_sst', feature: 'sve' }, [
  ...SIZES.flatMap((sfx, msz) => {
    const m = `st1${sfx}`;
    const head = `1110010 ${bits(msz, 2)}`;
    const tail = 'Pg:3 Rn:5 Zt:5';
    const sv = (b2221: string, b1513: string, t: 's' | 'd', mod: GatherMod, shift: number) =>
      row(m, `${head} ${b2221} Zm:5 ${b1513} ${tail}`, [zlist(t), PFix('Pg', ''), GatherScalarVec('Rn', 'Zm', t, mod, shift)]);
    const vi = (b2221: string, t: 's' | 'd') =>
      row(m, `${head} ${b2221} imm5:5 101 Pg:3 Zn:5 Zt:5`, [zlist(t), PFix('Pg', ''), GatherVecImm('Zn', 'imm5', t, 1 << msz)]);
    const out = [sv('00', '1 xs 0', 'd', XS, 0), sv('00', '101', 'd', 'none', 0), vi('10', 'd')];
    if (msz > 0) out.push(sv('01', '1 xs 0', 'd', XS, msz), sv('01', '101', 'd', 'lsl', msz));
    if (msz < 3) out.push(sv('10', '1 xs 0', 's', XS, 0), vi('11', 's'));
    if (msz === 1 || msz === 2) out.push(sv('11', '1 xs 0', 's', XS, msz));
    return out;
  }),
]);

// --- SVE2 non-temporal scatters -----------------------------------------------------------------
const scatterNt = group({ cls: 'sve2_mem_sstnt_vs', feature: 'sve2' }, [
  ...SIZES.flatMap((sfx, msz) => {
    const nt = (b2221: string, t: 's' | 'd') =>
      row(`stnt1${sfx}`, `1110010 ${bits(msz, 2)} ${b2221} Rm:5 001 Pg:3 Zn:5 Zt:5`, [zlist(t), PFix('Pg', ''), GatherVecScalar('Zn', 'Rm', t)]);
    return msz < 3 ? [nt('00', 'd'), nt('10', 's')] : [nt('00', 'd')];
  }),
]);

// --- prefetches with a vector in the address ----------------------------------------------------
const prf = (m: string, pattern: string, mem: OperandSpec) => row(m, pattern, [SvePrfop('prfop'), PFix('Pg', ''), mem]);
const prefetch = group({ cls: 'sve_mem_prfm_gather', feature: 'sve' }, [
  ...SIZES.flatMap((sfx, msz) => {
    const m = `prf${sfx}`;
    const ms = bits(msz, 2);
    return [
      prf(m, `10000100 0 xs 1 Zm:5 0 ${ms} Pg:3 Rn:5 0 prfop:4`, GatherScalarVec('Rn', 'Zm', 's', XS, msz)),
      prf(m, `1000010 ${ms} 00 imm5:5 111 Pg:3 Zn:5 0 prfop:4`, GatherVecImm('Zn', 'imm5', 's', 1 << msz)),
      prf(m, `11000100 0 xs 1 Zm:5 0 ${ms} Pg:3 Rn:5 0 prfop:4`, GatherScalarVec('Rn', 'Zm', 'd', XS, msz)),
      prf(m, `11000100 0 11 Zm:5 1 ${ms} Pg:3 Rn:5 0 prfop:4`, GatherScalarVec('Rn', 'Zm', 'd', msz ? 'lsl' : 'none', msz)),
      prf(m, `1100010 ${ms} 00 imm5:5 111 Pg:3 Zn:5 0 prfop:4`, GatherVecImm('Zn', 'imm5', 'd', 1 << msz)),
    ];
  }),
]);

export const SVE_LDST_GATHER: RowSpec[] = [...gather32, ...gather64, ...gatherNt, ...scatter, ...scatterNt, ...prefetch];
