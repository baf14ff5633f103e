// SVE loads and stores with a scalar base: contiguous (ld1*/st1*, first-fault, non-fault, non-temporal), structures (ld2-4/st2-4), load-and-replicate, and ldr/str of vector and predicate registers.
//
// Contiguous loads (0xa4/0xa5):
//   1010010 dtype:4 0 imm4 101 Pg Rn Zt        ld1*   [xn{, #imm, mul vl}]
//   1010010 dtype:4 1 imm4 101 Pg Rn Zt        ldnf1* [xn{, #imm, mul vl}]
//   1010010 dtype:4 Rm 010 Pg Rn Zt            ld1*   [xn, xm{, lsl #msz}]   (Rm = 31 reserved)
//   1010010 dtype:4 Rm 011 Pg Rn Zt            ldff1* [xn, xm{, lsl #msz}]   (xzr allowed)
//   1010010 msz opc 0 imm4 111 / msz opc Rm 110   ldnt1 (opc 0), ld2-ld4 (opc 1-3)
//   1010010 msz ssz 0 imm4 001 / msz ssz Rm 000   ld1rq (ssz 0, 16 bytes), ld1ro (ssz 1, 32 bytes)
// Unsized and prefetches (0x84/0x85, beside the 32-bit gathers):
//   1000010 dtypeh 1 imm6 1 dtypel Pg Rn Zt    ld1r*  [xn{, #imm6 * msize}]
//   1000010110 imm9h 0x0 imm9l Rn Zt|0Pt       ldr z (x = 1) / ldr p (x = 0)
//   1000010111 imm6 0 msz Pg Rn 0 prfop        prf*   [xn{, #imm, mul vl}]
//   1000010 msz 00 Rm 110 Pg Rn 0 prfop        prf*   [xn, xm{, lsl #msz}]
// Stores (0xe4/0xe5; the scatters there are in sve-ldst-gather.ts):
//   1110010 msz size 0 imm4 111 / msz size Rm 010    st1 (size >= msz)
//   1110010 msz opc 1 imm4 111 / msz opc Rm 011      stnt1 (opc 0), st2-st4 (opc 1-3)
//   1110010110 imm9h 0x0 imm9l Rn Zt|0Pt             str z / str p
import { Pg, PFix, ZFix } from '../operands/sve-reg';
import { SvePrfop } from '../operands/prefetch';
import { SveMemImm, SveMemReg, SveMemVl } from '../operands/sve-mem';
import { OperandSpec } from '../operands/operand';
import { VList } from '../operands/vlist';
import { arrangement } from '../operands/vreg';
import { RowSpec, group, row } from '../table';

const bin = (v: number, n: number): string => v.toString(2).padStart(n, '0');
const zl = (t: string, n = 1) => VList('Zt', n, t, { prefix: 'z' });
const PgZ = Pg('Pg', 'z');
const MSZ = 'bhwd';
const ELEM = 'bhsd';

/** dtype → mnemonic suffix, element type, log2 of the memory element size. */
const DTYPE: readonly [string, string, number][] = [
  ['b', 'b', 0], ['b', 'h', 0], ['b', 's', 0], ['b', 'd', 0],
  ['sw', 'd', 2], ['h', 'h', 1], ['h', 's', 1], ['h', 'd', 1],
  ['sh', 'd', 1], ['sh', 's', 1], ['w', 's', 2], ['w', 'd', 2],
  ['sb', 'd', 0], ['sb', 's', 0], ['sb', 'h', 0], ['d', 'd', 3],
];

/** One row per dtype: `pat(dtype bits)` and the memory operand for (msz). */
const byDtype = (prefix: string, pat: (d: string) => string, mem: (msz: number) => OperandSpec): RowSpec[] =>
  DTYPE.map(([sfx, t, msz], d) => row(prefix + sfx, pat(bin(d, 4)), [zl(t), PgZ, mem(msz)]));

const ld1 = group({ cls: 'sve_mem_cld_si', feature: 'sve' },
  byDtype('ld1', (d) => `1010010 dtype=${d} 0 imm4:4 101 Pg:3 Rn:5 Zt:5`, () => SveMemVl('Rn', 'imm4', { alt: true })));
const ldnf1 = group({ cls: 'sve_mem_cldnf_si', feature: 'sve' },
  byDtype('ldnf1', (d) => `1010010 dtype=${d} 1 imm4:4 101 Pg:3 Rn:5 Zt:5`, () => SveMemVl('Rn', 'imm4')));
const ld1ss = group({ cls: 'sve_mem_cld_ss', feature: 'sve' },
  byDtype('ld1', (d) => `1010010 dtype=${d} Rm:5 010 Pg:3 Rn:5 Zt:5`, (msz) => SveMemReg(msz, 'Rn', 'Rm', { alt: true })));
const ldff1 = group({ cls: 'sve_mem_cldff_ss', feature: 'sve' },
  byDtype('ldff1', (d) => `1010010 dtype=${d} Rm:5 011 Pg:3 Rn:5 Zt:5`, (msz) => SveMemReg(msz, 'Rn', 'Rm', { xzr: true })));
const ld1r = group({ cls: 'sve_mem_ld_dup', feature: 'sve' },
  byDtype('ld1r', (d) => `1000010 dtypeh=${d.slice(0, 2)} 1 imm6:6 1 dtypel=${d.slice(2)} Pg:3 Rn:5 Zt:5`, (msz) => SveMemImm('Rn', 'imm6', 1 << msz)));

/** Per msz: non-temporal (1 register) and structure (2-4) forms, loads or stores. */
function multi(ld: boolean): RowSpec[] {
  const top = ld ? '1010010' : '1110010';
  const b20 = ld ? '0' : '1';
  const [ssOp, pg] = ld ? ['110', PgZ] : ['011', PFix('Pg', '')];
  const out: RowSpec[] = [];
  for (let msz = 0; msz < 4; msz++) {
    for (let n = 1; n <= 4; n++) {
      const mn = (ld ? (n === 1 ? 'ldnt1' : 'ld' + n) : n === 1 ? 'stnt1' : 'st' + n) + MSZ[msz];
      const cls = `sve_mem_${ld ? (n === 1 ? 'cldnt' : 'eld') : n === 1 ? 'cstnt' : 'est'}`;
      const head = `${top} msz=${bin(msz, 2)} opc=${bin(n - 1, 2)}`;
      const list = zl(ELEM[msz], n);
      out.push(
        row(mn, `${head} ${b20} imm4:4 111 Pg:3 Rn:5 Zt:5`, [list, pg, SveMemVl('Rn', 'imm4', { mul: n, alt: true })], { cls: cls + '_si' }),
        row(mn, `${head} Rm:5 ${ssOp} Pg:3 Rn:5 Zt:5`, [list, pg, SveMemReg(msz, 'Rn', 'Rm', { alt: true })], { cls: cls + '_ss' }),
      );
    }
  }
  return out;
}

const structs = group({ feature: 'sve' }, [...multi(true), ...multi(false)]);

/** ld1rq (16 bytes, sve) and ld1ro (32 bytes, f64mm): load one block and replicate it. */
const ldRep = [0, 1].flatMap((ssz) =>
  group({ feature: ssz ? 'sve-f64mm' : 'sve' }, [0, 1, 2, 3].flatMap((msz) => {
    const mn = (ssz ? 'ld1ro' : 'ld1rq') + MSZ[msz];
    const head = `1010010 msz=${bin(msz, 2)} ssz=${bin(ssz, 2)}`;
    // the register form first: it defers an immediate to the other row, and MemImm's error about a
    // register offset would otherwise win the tie
    return [
      row(mn, `${head} Rm:5 000 Pg:3 Rn:5 Zt:5`, [zl(ELEM[msz]), PgZ, SveMemReg(msz, 'Rn', 'Rm', { alt: true })], { cls: 'sve_mem_ldqr_ss' }),
      row(mn, `${head} 0 imm4:4 001 Pg:3 Rn:5 Zt:5`, [zl(ELEM[msz]), PgZ, SveMemImm('Rn', 'imm4', 16 << ssz, true)], { cls: 'sve_mem_ldqr_si' }),
    ];
  })),
);

/** st1: the vector's element size is at least the memory element size. */
const st1 = group({ feature: 'sve' }, [0, 1, 2, 3].flatMap((msz) => {
  const sizes: Record<string, number> = {};
  for (let s = msz; s < 4; s++) sizes[ELEM[s]] = s;
  const list = VList('Zt', 1, arrangement('size', sizes), { prefix: 'z' });
  const head = `1110010 msz=${bin(msz, 2)} size:2`;
  return [
    row('st1' + MSZ[msz], `${head} 0 imm4:4 111 Pg:3 Rn:5 Zt:5`, [list, PFix('Pg', ''), SveMemVl('Rn', 'imm4', { alt: true })], { cls: 'sve_mem_cst_si' }),
    row('st1' + MSZ[msz], `${head} Rm:5 010 Pg:3 Rn:5 Zt:5`, [list, PFix('Pg', ''), SveMemReg(msz, 'Rn', 'Rm', { alt: true })], { cls: 'sve_mem_cst_ss' }),
  ];
}));

/** ldr/str of a whole vector or predicate register: 9-bit signed offset in vector lengths. */
const fillSpill = group({ feature: 'sve' }, [
  row('ldr', '1000010110 imm9h:6 000 imm9l:3 Rn:5 0 Pt:4', [PFix('Pt', ''), SveMemVl('Rn', ['imm9h', 'imm9l'])], { cls: 'sve_mem_32b_pfill' }),
  row('ldr', '1000010110 imm9h:6 010 imm9l:3 Rn:5 Zt:5', [ZFix('Zt', ''), SveMemVl('Rn', ['imm9h', 'imm9l'])], { cls: 'sve_mem_32b_fill' }),
  row('str', '1110010110 imm9h:6 000 imm9l:3 Rn:5 0 Pt:4', [PFix('Pt', ''), SveMemVl('Rn', ['imm9h', 'imm9l'])], { cls: 'sve_mem_pspill' }),
  row('str', '1110010110 imm9h:6 010 imm9l:3 Rn:5 Zt:5', [ZFix('Zt', ''), SveMemVl('Rn', ['imm9h', 'imm9l'])], { cls: 'sve_mem_spill' }),
]);

/** prfb/prfh/prfw/prfd with a scalar base (the vector-base forms are gathers). */
const prf = group({ feature: 'sve' }, [0, 1, 2, 3].flatMap((msz) => [
  row('prf' + MSZ[msz], `1000010111 imm6:6 0 msz=${bin(msz, 2)} Pg:3 Rn:5 0 prfop:4`, [SvePrfop(), PFix('Pg', ''), SveMemVl('Rn', 'imm6', { alt: true })], { cls: 'sve_mem_prfm_si' }),
  row('prf' + MSZ[msz], `1000010 msz=${bin(msz, 2)} 00 Rm:5 110 Pg:3 Rn:5 0 prfop:4`, [SvePrfop(), PFix('Pg', ''), SveMemReg(msz, 'Rn', 'Rm', { alt: true })], { cls: 'sve_mem_prfm_ss' }),
]));

export const SVE_LDST_CONTIG: RowSpec[] = [
  ...ld1, ...ldnf1, ...ld1ss, ...ldff1, ...ld1r, ...structs, ...ldRep, ...st1, ...fillSpill, ...prf,
];
