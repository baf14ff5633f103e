// Load/store pair: ldp/stp (w, x, s, d, q), ldpsw, ldnp/stnp, stgp (MTE), in every indexing mode.
//   opc:2 101 V mode:3 L imm7 Rt2 Rn Rt      mode 000 no-allocate offset, 001 post, 010 offset, 011 pre
// The offset is imm7 scaled by the register size (16 for stgp).
import { X, W } from '../operands/gpr';
import { Fp } from '../operands/fpreg';
import { MemBase, MemImm, PostImm } from '../operands/mem';
import { OperandSpec } from '../operands/operand';
import { RowSpec, row } from '../table';
import { DecodeCheck } from './ldst-common';

interface PairKind {
  readonly opc: string;
  readonly v: 0 | 1;
  readonly l: 0 | 1;
  readonly mn: string;
  /** Mnemonic of the no-allocate (mode 000) form, when there is one. */
  readonly np?: string;
  readonly reg: (f: string) => OperandSpec;
  readonly scale: number;
  readonly feature: string;
  /** ldpsw: objdump treats Rt = Rt2 as undefined. */
  readonly distinct?: boolean;
}

const fp = (s: 's' | 'd' | 'q') => (f: string) => Fp(s, f);

const KINDS: readonly PairKind[] = [
  { opc: '00', v: 0, l: 0, mn: 'stp', np: 'stnp', reg: W, scale: 4, feature: 'base' },
  { opc: '00', v: 0, l: 1, mn: 'ldp', np: 'ldnp', reg: W, scale: 4, feature: 'base' },
  { opc: '10', v: 0, l: 0, mn: 'stp', np: 'stnp', reg: X, scale: 8, feature: 'base' },
  { opc: '10', v: 0, l: 1, mn: 'ldp', np: 'ldnp', reg: X, scale: 8, feature: 'base' },
  { opc: '01', v: 0, l: 1, mn: 'ldpsw', reg: X, scale: 4, feature: 'base', distinct: true },
  { opc: '01', v: 0, l: 0, mn: 'stgp', reg: X, scale: 16, feature: 'mte' },
  { opc: '00', v: 1, l: 0, mn: 'stp', np: 'stnp', reg: fp('s'), scale: 4, feature: 'fp' },
  { opc: '00', v: 1, l: 1, mn: 'ldp', np: 'ldnp', reg: fp('s'), scale: 4, feature: 'fp' },
  { opc: '01', v: 1, l: 0, mn: 'stp', np: 'stnp', reg: fp('d'), scale: 8, feature: 'fp' },
  { opc: '01', v: 1, l: 1, mn: 'ldp', np: 'ldnp', reg: fp('d'), scale: 8, feature: 'fp' },
  { opc: '10', v: 1, l: 0, mn: 'stp', np: 'stnp', reg: fp('q'), scale: 16, feature: 'fp' },
  { opc: '10', v: 1, l: 1, mn: 'ldp', np: 'ldnp', reg: fp('q'), scale: 16, feature: 'fp' },
];

const pat = (k: PairKind, mode: string) => `${k.opc} 101 ${k.v} ${mode} ${k.l} imm7:7 Rt2:5 Rn:5 Rt:5`;

/**
 * ldpsw: objdump prints Rt = Rt2, and with writeback a base (other than sp) equal to either, as
 * undefined; gas assembles them with a warning.
 */
const ldpswCheck = (writeback: boolean): OperandSpec[] => [
  writeback
    ? DecodeCheck(['Rt', 'Rt2', 'Rn'], (t, t2, n) => t !== t2 && (n === 31 || (n !== t && n !== t2)))
    : DecodeCheck(['Rt', 'Rt2'], (t, t2) => t !== t2),
];

function opts(k: PairKind, cls: string) {
  return { cls, feature: k.feature };
}

const checks = (k: PairKind, writeback: boolean) => (k.distinct ? ldpswCheck(writeback) : []);

const offset = KINDS.map((k) =>
  row(k.mn, pat(k, '010'), [k.reg('Rt'), k.reg('Rt2'), MemImm('Rn', 'imm7', { signed: true, scale: k.scale, preBits: 7 }), ...checks(k, false)], opts(k, 'ldstpair_off')),
);
const pre = KINDS.map((k) =>
  row(k.mn, pat(k, '011'), [k.reg('Rt'), k.reg('Rt2'), MemImm('Rn', 'imm7', { signed: true, scale: k.scale, mode: 'pre' }), ...checks(k, true)], opts(k, 'ldstpair_indexed')),
);
const post = KINDS.map((k) =>
  row(k.mn, pat(k, '001'), [k.reg('Rt'), k.reg('Rt2'), MemBase('Rn', { postIndex: true }), PostImm('imm7', k.scale), ...checks(k, true)], opts(k, 'ldstpair_indexed')),
);
const noAllocate = KINDS.filter((k) => k.np).map((k) =>
  row(k.np!, pat(k, '000'), [k.reg('Rt'), k.reg('Rt2'), MemImm('Rn', 'imm7', { signed: true, scale: k.scale })], opts(k, 'ldstnapair_offs')),
);

export const LDST_PAIR: RowSpec[] = [...offset, ...pre, ...post, ...noAllocate];
