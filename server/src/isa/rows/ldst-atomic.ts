// Atomic memory operations (LSE): ld<op>{a}{l}{b|h}, their st<op> aliases, swp; ldapr (RCpc);
// ld64b/st64b/st64bv/st64bv0 (LS64).
//   size:2 111 0 00 A R 1 Rs:5 o3 opc:3 00 Rn:5 Rt:5
import { R, X } from '../operands/gpr';
import { MemBase } from '../operands/mem';
import { RowSpec, group, row } from '../table';
import { Ls64Rt } from './ldst-common';

const SIZES = [
  { size: '00', tail: 'b', sf: 0 },
  { size: '01', tail: 'h', sf: 0 },
  { size: '10', tail: '', sf: 0 },
  { size: '11', tail: '', sf: 1 },
] as const;

const OPS = ['add', 'clr', 'eor', 'set', 'smax', 'smin', 'umax', 'umin'];
const ORDER = [
  { a: 0, r: 0, s: '' },
  { a: 0, r: 1, s: 'l' },
  { a: 1, r: 0, s: 'a' },
  { a: 1, r: 1, s: 'al' },
] as const;

const p = (size: string, a: number, r: number, rs: string, o3: number, opc: string, rt = 'Rt:5') =>
  `${size} 111 0 00 ${a} ${r} 1 ${rs} ${o3} ${opc} 00 Rn:5 ${rt}`;

const bits3 = (n: number) => n.toString(2).padStart(3, '0');

const atomics = group({ cls: 'lse_atomic', feature: 'lse' }, SIZES.flatMap(({ size, tail, sf }) =>
  ORDER.flatMap(({ a, r, s }) => [
    ...OPS.flatMap((op, i) => [
      // st<op>{l}: the load's result discarded (Rt = zr), without acquire
      ...(a === 0
        ? [row(`st${op}${s}${tail}`, p(size, a, r, 'Rs:5', 0, bits3(i), '11111'), [R('Rs', sf), MemBase('Rn')], { aliasOf: `ld${op}${s}${tail}` })]
        : []),
      row(`ld${op}${s}${tail}`, p(size, a, r, 'Rs:5', 0, bits3(i)), [R('Rs', sf), R('Rt', sf), MemBase('Rn')]),
    ]),
    row(`swp${s}${tail}`, p(size, a, r, 'Rs:5', 1, '000'), [R('Rs', sf), R('Rt', sf), MemBase('Rn')]),
  ]),
));

const ldapr = group({ cls: 'ldstexcl', feature: 'rcpc' }, SIZES.map(({ size, tail, sf }) =>
  row('ldapr' + tail, p(size, 1, 0, '11111', 1, '100'), [R('Rt', sf), MemBase('Rn')]),
));

const ls64 = group({ cls: 'ldst_ls64', feature: 'ls64' }, [
  row('ld64b', p('11', 0, 0, '11111', 1, '101'), [Ls64Rt(), MemBase('Rn')]),
  row('st64b', p('11', 0, 0, '11111', 1, '001'), [Ls64Rt(), MemBase('Rn')]),
  row('st64bv', p('11', 0, 0, 'Rs:5', 1, '011'), [X('Rs'), Ls64Rt(), MemBase('Rn')]),
  row('st64bv0', p('11', 0, 0, 'Rs:5', 1, '010'), [X('Rs'), Ls64Rt(), MemBase('Rn')]),
]);

export const LDST_ATOMIC: RowSpec[] = [...atomics, ...ldapr, ...ls64];
