// Scalar floating point: data processing (1, 2, 3 sources), immediate moves, compares, conditional
// compare/select, and conversions between FP and integer / fixed-point registers.
// ftype (bits 23:22) selects the precision: 00 single, 01 double, 11 half (FEAT_FP16), 10 reserved;
// each precision gets its own rows (fixed ftype), so reserved values match no row.
import { R, W, X } from '../operands/gpr';
import { Cond } from '../operands/cond';
import { Fp } from '../operands/fpreg';
import { FBits, FpImm8, FpZero, VD1 } from '../operands/fpimm';
import { Imm } from '../operands/imm';
import { RowSpec, group, row } from '../table';

interface FType {
  readonly t: string; // ftype bits
  readonly s: 'h' | 's' | 'd';
  readonly feature: string;
}

const S: FType = { t: '00', s: 's', feature: 'fp' };
const D: FType = { t: '01', s: 'd', feature: 'fp' };
const H: FType = { t: '11', s: 'h', feature: 'fp16' };
const FTYPES = [S, D, H];
const SF = [0, 1] as const;

/** 'an s register', 'a d register' (for error messages). */
const regWhat = (ft: FType) => (ft.s === 'd' ? 'a d register' : `an ${ft.s} register`);

const opts = (ft: FType, extra: object = {}) => ({ feature: ft.feature, ...extra });

// --- data processing, 1 source: M 0 S 11110 ftype 1 opcode:6 10000 Rn Rd ------------------------

const DP1_OPS: readonly [string, string][] = [
  ['fmov', '000000'], ['fabs', '000001'], ['fneg', '000010'], ['fsqrt', '000011'],
  ['frintn', '001000'], ['frintp', '001001'], ['frintm', '001010'], ['frintz', '001011'],
  ['frinta', '001100'], ['frintx', '001110'], ['frinti', '001111'],
];
const FRINTTS_OPS: readonly [string, string][] = [
  ['frint32z', '010000'], ['frint32x', '010001'], ['frint64z', '010010'], ['frint64x', '010011'],
];

const dp1 = group({ cls: 'floatdp1' }, [
  ...FTYPES.flatMap((ft) =>
    DP1_OPS.map(([m, op]) => row(m, `000 11110 ${ft.t} 1 ${op} 10000 Rn:5 Rd:5`, [Fp(ft.s, 'Rd'), Fp(ft.s, 'Rn')], opts(ft))),
  ),
  ...[S, D].flatMap((ft) =>
    FRINTTS_OPS.map(([m, op]) => row(m, `000 11110 ${ft.t} 1 ${op} 10000 Rn:5 Rd:5`, [Fp(ft.s, 'Rd'), Fp(ft.s, 'Rn')], { feature: 'frintts' })),
  ),
  // fcvt: source precision in ftype, destination in opc (bits 16:15)
  ...FTYPES.flatMap((src) =>
    FTYPES.filter((dst) => dst !== src).map((dst) =>
      row('fcvt', `000 11110 ${src.t} 1 0001 ${dst.t} 10000 Rn:5 Rd:5`, [Fp(dst.s, 'Rd'), Fp(src.s, 'Rn')], { feature: 'fp' }),
    ),
  ),
  row('bfcvt', '000 11110 01 1 000110 10000 Rn:5 Rd:5', [Fp('h', 'Rd'), Fp('s', 'Rn')], { feature: 'bf16' }),
]);

// --- data processing, 2 sources: M 0 S 11110 ftype 1 Rm opcode:4 10 Rn Rd -----------------------

const DP2_OPS: readonly [string, string][] = [
  ['fmul', '0000'], ['fdiv', '0001'], ['fadd', '0010'], ['fsub', '0011'], ['fmax', '0100'],
  ['fmin', '0101'], ['fmaxnm', '0110'], ['fminnm', '0111'], ['fnmul', '1000'],
];

const dp2 = group({ cls: 'floatdp2' }, FTYPES.flatMap((ft) =>
  DP2_OPS.map(([m, op]) =>
    row(m, `000 11110 ${ft.t} 1 Rm:5 ${op} 10 Rn:5 Rd:5`, [Fp(ft.s, 'Rd'), Fp(ft.s, 'Rn'), Fp(ft.s, 'Rm')], opts(ft)),
  ),
));

// --- data processing, 3 sources: M 0 S 11111 ftype o1 Rm o0 Ra Rn Rd -----------------------------

const DP3_OPS: readonly [string, string, string][] = [
  ['fmadd', '0', '0'], ['fmsub', '0', '1'], ['fnmadd', '1', '0'], ['fnmsub', '1', '1'],
];

const dp3 = group({ cls: 'floatdp3' }, FTYPES.flatMap((ft) =>
  DP3_OPS.map(([m, o1, o0]) =>
    row(m, `000 11111 ${ft.t} ${o1} Rm:5 ${o0} Ra:5 Rn:5 Rd:5`,
      [Fp(ft.s, 'Rd'), Fp(ft.s, 'Rn'), Fp(ft.s, 'Rm'), Fp(ft.s, 'Ra')], opts(ft)),
  ),
));

// --- immediate: M 0 S 11110 ftype 1 imm8 100 imm5=00000 Rd ---------------------------------------

/** What fmov <ft> takes besides an immediate (for error messages). */
const FMOV_SRC = { s: 'an s or w register', d: 'a d or x register', h: 'an h, w or x register' };

const fimm = group({ cls: 'floatimm' }, FTYPES.map((ft) =>
  row('fmov', `000 11110 ${ft.t} 1 imm8:8 100 00000 Rd:5`, [Fp(ft.s, 'Rd'), FpImm8(ft.s, 'imm8', FMOV_SRC[ft.s])], opts(ft)),
));

// --- compare: M 0 S 11110 ftype 1 Rm op=00 1000 Rn opcode2 (E, zero, 000) -------------------------

const fcmp = group({ cls: 'floatcmp' }, FTYPES.flatMap((ft) => [
  // the #0.0 forms first: on a bad second operand their error names both choices
  row('fcmp', `000 11110 ${ft.t} 1 xxxxx 001000 Rn:5 01000`, [Fp(ft.s, 'Rn'), FpZero(regWhat(ft))], opts(ft)),
  row('fcmp', `000 11110 ${ft.t} 1 Rm:5 001000 Rn:5 00000`, [Fp(ft.s, 'Rn'), Fp(ft.s, 'Rm')], opts(ft)),
  row('fcmpe', `000 11110 ${ft.t} 1 xxxxx 001000 Rn:5 11000`, [Fp(ft.s, 'Rn'), FpZero(regWhat(ft))], opts(ft)),
  row('fcmpe', `000 11110 ${ft.t} 1 Rm:5 001000 Rn:5 10000`, [Fp(ft.s, 'Rn'), Fp(ft.s, 'Rm')], opts(ft)),
]));

// --- conditional compare / select ----------------------------------------------------------------

const fccmp = group({ cls: 'floatccmp' }, FTYPES.flatMap((ft) =>
  (['fccmp', 'fccmpe'] as const).map((m, op) =>
    row(m, `000 11110 ${ft.t} 1 Rm:5 cond:4 01 Rn:5 ${op} nzcv:4`,
      [Fp(ft.s, 'Rn'), Fp(ft.s, 'Rm'), Imm('nzcv', { hex: true }), Cond()], opts(ft)),
  ),
));

const fcsel = group({ cls: 'floatsel' }, FTYPES.map((ft) =>
  row('fcsel', `000 11110 ${ft.t} 1 Rm:5 cond:4 11 Rn:5 Rd:5`, [Fp(ft.s, 'Rd'), Fp(ft.s, 'Rn'), Fp(ft.s, 'Rm'), Cond()], opts(ft)),
));

// --- FP <-> integer: sf 0 S 11110 ftype 1 rmode opcode:3 000000 Rn Rd ----------------------------

/** FP → integer conversions, by rmode:opcode. */
const F2I_OPS: readonly [string, string][] = [
  ['fcvtns', '00 000'], ['fcvtnu', '00 001'], ['fcvtas', '00 100'], ['fcvtau', '00 101'],
  ['fcvtps', '01 000'], ['fcvtpu', '01 001'], ['fcvtms', '10 000'], ['fcvtmu', '10 001'],
  ['fcvtzs', '11 000'], ['fcvtzu', '11 001'],
];
const I2F_OPS: readonly [string, string][] = [['scvtf', '00 010'], ['ucvtf', '00 011']];

const f2i = (sf: 0 | 1, ft: FType, rmodeOpc: string) => `${sf} 0 0 11110 ${ft.t} 1 ${rmodeOpc} 000000 Rn:5 Rd:5`;

const float2int = group({ cls: 'float2int' }, [
  // fmov between general and FP registers (same width; h with either width)
  row('fmov', f2i(0, S, '00 110'), [W('Rd'), Fp('s', 'Rn')], { feature: 'fp' }),
  row('fmov', f2i(0, S, '00 111'), [Fp('s', 'Rd'), W('Rn')], { feature: 'fp' }),
  row('fmov', f2i(1, D, '00 110'), [X('Rd'), Fp('d', 'Rn')], { feature: 'fp' }),
  row('fmov', f2i(1, D, '00 111'), [Fp('d', 'Rd'), X('Rn')], { feature: 'fp' }),
  ...SF.flatMap((sf) => [
    row('fmov', f2i(sf, H, '00 110'), [R('Rd', sf), Fp('h', 'Rn')], { feature: 'fp16' }),
    row('fmov', f2i(sf, H, '00 111'), [Fp('h', 'Rd'), R('Rn', sf)], { feature: 'fp16' }),
  ]),
  row('fmov', '1 0 0 11110 10 1 01 110 000000 Rn:5 Rd:5', [X('Rd'), VD1('Rn')], { feature: 'fp' }),
  row('fmov', '1 0 0 11110 10 1 01 111 000000 Rn:5 Rd:5', [VD1('Rd'), X('Rn')], { feature: 'fp' }),
  row('fjcvtzs', f2i(0, D, '11 110'), [W('Rd'), Fp('d', 'Rn')], { feature: 'jscvt' }),
  ...SF.flatMap((sf) => FTYPES.flatMap((ft) => [
    ...F2I_OPS.map(([m, op]) => row(m, f2i(sf, ft, op), [R('Rd', sf), Fp(ft.s, 'Rn')], opts(ft))),
    ...I2F_OPS.map(([m, op]) => row(m, f2i(sf, ft, op), [Fp(ft.s, 'Rd'), R('Rn', sf)], opts(ft))),
  ])),
]);

// --- FP <-> fixed point: sf 0 S 11110 ftype 0 rmode opcode:3 scale:6 Rn Rd -----------------------

const float2fix = group({ cls: 'float2fix' }, SF.flatMap((sf) => FTYPES.flatMap((ft) => {
  const p = (rmodeOpc: string) => `${sf} 0 0 11110 ${ft.t} 0 ${rmodeOpc} scale:6 Rn:5 Rd:5`;
  const width = sf ? 64 : 32;
  return [
    row('fcvtzs', p('11 000'), [R('Rd', sf), Fp(ft.s, 'Rn'), FBits(width)], opts(ft)),
    row('fcvtzu', p('11 001'), [R('Rd', sf), Fp(ft.s, 'Rn'), FBits(width)], opts(ft)),
    row('scvtf', p('00 010'), [Fp(ft.s, 'Rd'), R('Rn', sf), FBits(width)], opts(ft)),
    row('ucvtf', p('00 011'), [Fp(ft.s, 'Rd'), R('Rn', sf), FBits(width)], opts(ft)),
  ];
})));

// fimm before dp1: `fmov s0, <bad>` then reports the immediate form's error, which names both choices
export const FP: RowSpec[] = [...fimm, ...dp1, ...dp2, ...dp3, ...fcmp, ...fccmp, ...fcsel, ...float2int, ...float2fix];
