// Load/store exclusive, load-acquire/store-release (and LORegion forms), compare-and-swap.
//   size:2 001000 o2 L o1 Rs:5 o0 Rt2:5 Rn:5 Rt:5
//   o2 o1 = 00: stxr/stlxr/ldxr/ldaxr      01: stxp/ldxp… (size 1x), casp… (size 0x)
//           10: stllr/stlr/ldlar/ldar      11: cas…
// Fields the form does not use are "should be 11111"; objdump checks some of them and ignores
// others (which then decode whatever they hold), so each row fixes exactly the ones GNU checks
// (ldar, ldarb: Rt2 and Rs<3:0> only; ldarh: Rt2 and Rs).
import { R, W } from '../operands/gpr';
import { MemBase } from '../operands/mem';
import { Fill } from '../operands/operand';
import { RowSpec, group, row } from '../table';
import { EvenR, NextReg } from './ldst-common';

const SIZES = [
  { size: '00', tail: 'b', sf: 0 },
  { size: '01', tail: 'h', sf: 0 },
  { size: '10', tail: '', sf: 0 },
  { size: '11', tail: '', sf: 1 },
] as const;

const p = (size: string, o2: number, l: number, o1: number, rs: string, o0: number, rt2: string) =>
  `${size} 001000 ${o2} ${l} ${o1} ${rs} ${o0} ${rt2} Rn:5 Rt:5`;

const ONES = [Fill('Rs', -1), Fill('Rt2', -1)];

const exclusive = group({ cls: 'ldstexcl', feature: 'base' }, SIZES.flatMap(({ size, tail, sf }) => [
  row('stxr' + tail, p(size, 0, 0, 0, 'Rs:5', 0, 'Rt2:5'), [W('Rs'), R('Rt', sf), MemBase('Rn'), Fill('Rt2', -1)]),
  row('stlxr' + tail, p(size, 0, 0, 0, 'Rs:5', 1, 'Rt2:5'), [W('Rs'), R('Rt', sf), MemBase('Rn'), Fill('Rt2', -1)]),
  row('ldxr' + tail, p(size, 0, 1, 0, 'Rs:5', 0, 'Rt2:5'), [R('Rt', sf), MemBase('Rn'), ...ONES]),
  row('ldaxr' + tail, p(size, 0, 1, 0, 'Rs:5', 1, 'Rt2:5'), [R('Rt', sf), MemBase('Rn'), ...ONES]),
  row('stllr' + tail, p(size, 1, 0, 0, 'Rs:5', 0, 'Rt2:5'), [R('Rt', sf), MemBase('Rn'), ...ONES], { feature: 'lor' }),
  row('stlr' + tail, p(size, 1, 0, 0, 'Rs:5', 1, 'Rt2:5'), [R('Rt', sf), MemBase('Rn'), ...ONES]),
  row('ldlar' + tail, p(size, 1, 1, 0, 'Rs:5', 0, 'Rt2:5'), [R('Rt', sf), MemBase('Rn'), ...ONES], { feature: 'lor' }),
  size === '01'
    ? row('ldar' + tail, p(size, 1, 1, 0, '11111', 1, '11111'), [R('Rt', sf), MemBase('Rn')])
    : row('ldar' + tail, p(size, 1, 1, 0, 'rs4 1111', 1, '11111'), [R('Rt', sf), MemBase('Rn'), Fill('rs4', -1)]),
]));

const pairExclusive = group({ cls: 'ldstexcl', feature: 'base' }, ([0, 1] as const).flatMap((sf) => {
  const size = sf ? '11' : '10';
  return [
    row('stxp', p(size, 0, 0, 1, 'Rs:5', 0, 'Rt2:5'), [W('Rs'), R('Rt', sf), R('Rt2', sf), MemBase('Rn')]),
    row('stlxp', p(size, 0, 0, 1, 'Rs:5', 1, 'Rt2:5'), [W('Rs'), R('Rt', sf), R('Rt2', sf), MemBase('Rn')]),
    row('ldxp', p(size, 0, 1, 1, 'Rs:5', 0, 'Rt2:5'), [R('Rt', sf), R('Rt2', sf), MemBase('Rn'), Fill('Rs', -1)]),
    row('ldaxp', p(size, 0, 1, 1, 'Rs:5', 1, 'Rt2:5'), [R('Rt', sf), R('Rt2', sf), MemBase('Rn'), Fill('Rs', -1)]),
  ];
}));

/** casp{a}{l}: pairs of consecutive registers, the first even. */
const casp = group({ cls: 'lse_atomic', feature: 'lse' }, ([0, 1] as const).flatMap((sf) => {
  const size = sf ? '01' : '00';
  const ops = [EvenR('Rs', sf), NextReg('Rs', sf ? 64 : 32), EvenR('Rt', sf), NextReg('Rt', sf ? 64 : 32), MemBase('Rn')];
  return [
    row('casp', p(size, 0, 0, 1, 'Rs:5', 0, '11111'), ops),
    row('caspl', p(size, 0, 0, 1, 'Rs:5', 1, '11111'), ops),
    row('caspa', p(size, 0, 1, 1, 'Rs:5', 0, '11111'), ops),
    row('caspal', p(size, 0, 1, 1, 'Rs:5', 1, '11111'), ops),
  ];
}));

const cas = group({ cls: 'lse_atomic', feature: 'lse' }, SIZES.flatMap(({ size, tail, sf }) => {
  const ops = [R('Rs', sf), R('Rt', sf), MemBase('Rn')];
  return [
    row('cas' + tail, p(size, 1, 0, 1, 'Rs:5', 0, '11111'), ops),
    row('casl' + tail, p(size, 1, 0, 1, 'Rs:5', 1, '11111'), ops),
    row('casa' + tail, p(size, 1, 1, 1, 'Rs:5', 0, '11111'), ops),
    row('casal' + tail, p(size, 1, 1, 1, 'Rs:5', 1, '11111'), ops),
  ];
}));

export const LDST_EXCL: RowSpec[] = [...exclusive, ...pairExclusive, ...casp, ...cas];
