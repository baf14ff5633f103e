// Load/store single register: unsigned offset, unscaled (ldur…), pre/post-index, unprivileged
// (ldtr…), register offset, and literal; general registers, prfm/prfum and FP/SIMD b/h/s/d/q.
//   size:2 111 V 01 opc:2 imm12 Rn Rt            unsigned offset (scaled by the access size)
//   size:2 111 V 00 opc:2 0 imm9 mode:2 Rn Rt    mode 00 unscaled, 01 post, 10 unprivileged, 11 pre
//   size:2 111 V 00 opc:2 1 Rm option S 10 Rn Rt register offset
//   opc:2 011 V 00 imm19 Rt                      literal
// gas turns `ldr x0, [x1, #off]` with an offset the scaled form cannot hold into ldur (and prfm
// into prfum): encode-only rows after the scaled ones do the same.
import { W, X } from '../operands/gpr';
import { Fp, ScalarSize } from '../operands/fpreg';
import { Label } from '../operands/label';
import { MemBase, MemImm, MemReg, PostImm } from '../operands/mem';
import { OperandSpec } from '../operands/operand';
import { Prfop } from '../operands/prefetch';
import { RowSpec, group, row } from '../table';

type RtKind = 'w' | 'x' | 'prfm' | ScalarSize;

interface Access {
  readonly size: string; // bits 31:30
  readonly v: 0 | 1;
  readonly opc: string; // bits 23:22
  readonly store: boolean;
  /** Mnemonic tail after ldr/str/ldur/…: 'b', 'h', 'sb', 'sh', 'sw' or ''. */
  readonly tail: string;
  readonly rt: RtKind;
  /** log2 of the access size. */
  readonly shift: number;
}

const acc = (size: string, v: 0 | 1, opc: string, store: boolean, tail: string, rt: RtKind, shift: number): Access => ({ size, v, opc, store, tail, rt, shift });

/** Every (size, V, opc) of the single-register classes that some addressing mode defines. */
const ACCESSES: readonly Access[] = [
  acc('00', 0, '00', true, 'b', 'w', 0),
  acc('00', 0, '01', false, 'b', 'w', 0),
  acc('00', 0, '10', false, 'sb', 'x', 0),
  acc('00', 0, '11', false, 'sb', 'w', 0),
  acc('01', 0, '00', true, 'h', 'w', 1),
  acc('01', 0, '01', false, 'h', 'w', 1),
  acc('01', 0, '10', false, 'sh', 'x', 1),
  acc('01', 0, '11', false, 'sh', 'w', 1),
  acc('10', 0, '00', true, '', 'w', 2),
  acc('10', 0, '01', false, '', 'w', 2),
  acc('10', 0, '10', false, 'sw', 'x', 2),
  acc('11', 0, '00', true, '', 'x', 3),
  acc('11', 0, '01', false, '', 'x', 3),
  acc('11', 0, '10', false, '', 'prfm', 3),
  acc('00', 1, '00', true, '', 'b', 0),
  acc('00', 1, '01', false, '', 'b', 0),
  acc('01', 1, '00', true, '', 'h', 1),
  acc('01', 1, '01', false, '', 'h', 1),
  acc('10', 1, '00', true, '', 's', 2),
  acc('10', 1, '01', false, '', 's', 2),
  acc('11', 1, '00', true, '', 'd', 3),
  acc('11', 1, '01', false, '', 'd', 3),
  acc('00', 1, '10', true, '', 'q', 4),
  acc('00', 1, '11', false, '', 'q', 4),
];

function rtOperand(k: RtKind): OperandSpec {
  switch (k) {
    case 'w': return W('Rt');
    case 'x': return X('Rt');
    case 'prfm': return Prfop('Rt');
    default: return Fp(k, 'Rt');
  }
}

/** ldr/str, ldur/stur, ldtr/sttr + tail; prfm/prfum. */
function mnemonic(a: Access, infix: 'r' | 'ur' | 'tr'): string {
  if (a.rt === 'prfm') return infix === 'ur' ? 'prfum' : 'prfm';
  return (a.store ? 'st' : 'ld') + infix + a.tail;
}

const feat = (a: Access) => ({ feature: a.v ? 'fp' : 'base' });

/** Literal forms exist for ldr w/x/s/d/q, ldrsw and prfm. */
const hasLiteral = (a: Access) =>
  (!a.store && a.tail === '' && a.rt !== 'b' && a.rt !== 'h') || a.tail === 'sw' || a.rt === 'prfm';

const unsignedOpts = (a: Access) => ({
  scale: 2 ** a.shift,
  regShift: a.shift,
  ...(a.rt === 'prfm' ? {} : { preBits: 9, preScale: 1 }),
  literalAlt: hasLiteral(a),
});

// --- unsigned offset --------------------------------------------------------------------------

const unsignedOffset = group({ cls: 'ldst_pos' }, ACCESSES.map((a) =>
  row(mnemonic(a, 'r'), `${a.size} 111 ${a.v} 01 ${a.opc} imm12:12 Rn:5 Rt:5`,
    [rtOperand(a.rt), MemImm('Rn', 'imm12', unsignedOpts(a))], feat(a)),
));

// --- unscaled, post-index, unprivileged, pre-index (imm9) ---------------------------------------

const imm9 = (a: Access, mode: string) => `${a.size} 111 ${a.v} 00 ${a.opc} 0 imm9:9 ${mode} Rn:5 Rt:5`;

const unscaled = group({ cls: 'ldst_unscaled' }, ACCESSES.map((a) =>
  row(mnemonic(a, 'ur'), imm9(a, '00'), [rtOperand(a.rt), MemImm('Rn', 'imm9', { signed: true })], feat(a)),
));

const indexed = ACCESSES.filter((a) => a.rt !== 'prfm');

const postIndex = group({ cls: 'ldst_imm9' }, indexed.map((a) =>
  row(mnemonic(a, 'r'), imm9(a, '01'), [rtOperand(a.rt), MemBase('Rn', { postIndex: true }), PostImm('imm9')], feat(a)),
));

const preIndex = group({ cls: 'ldst_imm9' }, indexed.map((a) =>
  row(mnemonic(a, 'r'), imm9(a, '11'), [rtOperand(a.rt), MemImm('Rn', 'imm9', { signed: true, mode: 'pre' })], feat(a)),
));

const unprivileged = group({ cls: 'ldst_unpriv' }, indexed.filter((a) => a.v === 0).map((a) =>
  row(mnemonic(a, 'tr'), imm9(a, '10'), [rtOperand(a.rt), MemImm('Rn', 'imm9', { signed: true })], feat(a)),
));

/** gas: `ldr`/`str`/`prfm` with an offset the scaled form cannot hold → the unscaled encoding. */
const unscaledFallback = group({ cls: 'ldst_unscaled' }, ACCESSES.map((a) =>
  row(mnemonic(a, 'r'), imm9(a, '00'), [rtOperand(a.rt), MemImm('Rn', 'imm9', { signed: true })], { ...feat(a), encodeOnly: true }),
));

// --- register offset ----------------------------------------------------------------------------

const registerOffset = group({ cls: 'ldst_regoff' }, ACCESSES.map((a) =>
  row(mnemonic(a, 'r'), `${a.size} 111 ${a.v} 00 ${a.opc} 1 Rm:5 option:3 S 10 Rn:5 Rt:5`, [rtOperand(a.rt), MemReg(a.shift)], feat(a)),
));

// --- literal ------------------------------------------------------------------------------------

const lit = (opc: string, v: 0 | 1) => `${opc} 011 ${v} 00 imm19:19 Rt:5`;
const target = Label('imm19', { scale: 4 });

const literal = group({ cls: 'loadlit' }, [
  row('ldr', lit('00', 0), [W('Rt'), target]),
  row('ldr', lit('01', 0), [X('Rt'), target]),
  row('ldrsw', lit('10', 0), [X('Rt'), target]),
  row('prfm', lit('11', 0), [Prfop('Rt'), target]),
  row('ldr', lit('00', 1), [Fp('s', 'Rt'), target], { feature: 'fp' }),
  row('ldr', lit('01', 1), [Fp('d', 'Rt'), target], { feature: 'fp' }),
  row('ldr', lit('10', 1), [Fp('q', 'Rt'), target], { feature: 'fp' }),
]);

// Encoder order per mnemonic: the scaled offset first (gas's choice), then the other forms, the
// unscaled fallback last.
export const LDST_SINGLE: RowSpec[] = [
  ...unsignedOffset, ...preIndex, ...postIndex, ...registerOffset, ...unscaled, ...unprivileged, ...literal, ...unscaledFallback,
];
