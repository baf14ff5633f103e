// AdvSIMD structure loads/stores and MOPS (memory copy / set).
//
// Multiple structures (ld1-ld4, st1-st4), no offset / post-index (#imm = bytes, or xm):
//   0 Q 0011000 L 000000 opcode:4 size:2 Rn:5 Rt:5
//   0 Q 0011001 L 0 Rm:5 opcode:4 size:2 Rn:5 Rt:5          (Rm = 11111: #imm)
// Single structure (one lane, ld1-ld4/st1-st4) and load-and-replicate (ld1r-ld4r):
//   0 Q 0011010 L R 00000 opcode:3 S size:2 Rn:5 Rt:5
//   0 Q 0011011 L R Rm:5 opcode:3 S size:2 Rn:5 Rt:5        (Rm = 11111: #imm)
//   structures = opcode<0>:R + 1; lane index b: Q:S:size, h: Q:S:size<1>, s: Q:S, d: Q
// MOPS:
//   00 011 o 01 op1:2 0 Rs:5 op2:4 01 Rn:5 Rd:5   cpy{f}: o = 0 cpyf, 1 cpy; op1 = p/m/e
//   00 011 o 01 11 0 Rs:5 op2:4 01 Rn:5 Rd:5       set{g}: o = 0 set, 1 setg; op2<3:2> = p/m/e
import { MemBase } from '../operands/mem';
import { LdstList, PostBytes, PostReg } from '../operands/mem-simd';
import { MopsReg } from '../operands/mops';
import { OperandSpec } from '../operands/operand';
import { VList } from '../operands/vlist';
import { arrangement } from '../operands/vreg';
import { RowSpec, group, row } from '../table';

/** size:Q arrangements; 1d only for ld1/st1 and the replicating loads. */
const ARR_1D = arrangement(['size', 'Q'], { '8b': 0, '16b': 1, '4h': 2, '8h': 3, '2s': 4, '4s': 5, '1d': 6, '2d': 7 });
const ARR = arrangement(['size', 'Q'], { '8b': 0, '16b': 1, '4h': 2, '8h': 3, '2s': 4, '4s': 5, '2d': 7 });

type Mode = 'none' | 'imm' | 'reg';

/** The address operands of a mode: `[xn|sp]`, `[xn|sp], #bytes`, `[xn|sp], xm`. */
function addr(mode: Mode, bytes: OperandSpec): OperandSpec[] {
  const base = MemBase('Rn', { postIndex: true });
  return mode === 'none' ? [base] : mode === 'imm' ? [base, bytes] : [base, PostReg('Rm')];
}

/** Bits 23..16 after the op bits: post, L and the Rm slot. */
function mid(mode: Mode): { post: string; rm: string } {
  return mode === 'none' ? { post: '0', rm: '00000' } : mode === 'imm' ? { post: '1', rm: '11111' } : { post: '1', rm: 'Rm:5' };
}

// --- multiple structures -------------------------------------------------------------------------

const MULTI: readonly { n: number; regs: number; opcode: string }[] = [
  { n: 1, regs: 1, opcode: '0111' },
  { n: 1, regs: 2, opcode: '1010' },
  { n: 1, regs: 3, opcode: '0110' },
  { n: 1, regs: 4, opcode: '0010' },
  { n: 2, regs: 2, opcode: '1000' },
  { n: 3, regs: 3, opcode: '0100' },
  { n: 4, regs: 4, opcode: '0000' },
];

function multiRows(mode: Mode): RowSpec[] {
  const { post, rm } = mid(mode);
  return [1, 0].flatMap((l) =>
    MULTI.map(({ n, regs, opcode }) => {
      const mn = (l ? 'ld' : 'st') + n;
      const pat = `0 Q 001100 post=${post} L=${l} 0 ${rm === 'Rm:5' ? rm : 'Rm=' + rm} opcode=${opcode} size:2 Rn:5 Rt:5`;
      const list = LdstList(VList('Rt', regs, n === 1 ? ARR_1D : ARR), n === 1 ? { count: regs } : {});
      return row(mn, pat, [list, ...addr(mode, PostBytes(['Q'], [8 * regs, 16 * regs]))]);
    }),
  );
}

const multiple = group({ cls: 'asisdlse', feature: 'simd' }, multiRows('none'));
const multiplePost = group({ cls: 'asisdlsep', feature: 'simd' }, [...multiRows('imm'), ...multiRows('reg')]);

// --- single structure ----------------------------------------------------------------------------

const ELEMS: readonly { t: 'b' | 'h' | 's' | 'd'; opc: string; tail: string; index: readonly string[]; bytes: number }[] = [
  { t: 'b', opc: '00', tail: 'S size:2', index: ['Q', 'S', 'size'], bytes: 1 },
  { t: 'h', opc: '01', tail: 'S sz1 size0=0', index: ['Q', 'S', 'sz1'], bytes: 2 },
  { t: 's', opc: '10', tail: 'S size=00', index: ['Q', 'S'], bytes: 4 },
  { t: 'd', opc: '10', tail: 'S=0 size=01', index: ['Q'], bytes: 8 },
];

function singlePattern(mode: Mode, l: number, n: number, opc2: string, tail: string): string {
  const { post, rm } = mid(mode);
  const o0 = (n - 1) >> 1;
  const r = (n - 1) & 1;
  return `0 Q 001101 post=${post} L=${l} R=${r} ${rm === 'Rm:5' ? rm : 'Rm=' + rm} opcode=${opc2}${o0} ${tail} Rn:5 Rt:5`;
}

function singleRows(mode: Mode): RowSpec[] {
  return [1, 0].flatMap((l) =>
    [1, 2, 3, 4].flatMap((n) =>
      ELEMS.map(({ t, opc, tail, index, bytes }) =>
        row((l ? 'ld' : 'st') + n, singlePattern(mode, l, n, opc, tail), [
          LdstList(VList('Rt', n, t, { index }), { lane: t }),
          ...addr(mode, PostBytes([], [n * bytes])),
        ]),
      ),
    ),
  );
}

function replicateRows(mode: Mode): RowSpec[] {
  return [1, 2, 3, 4].map((n) =>
    row(`ld${n}r`, singlePattern(mode, 1, n, '11', 'S=0 size:2'), [
      VList('Rt', n, ARR_1D),
      ...addr(mode, PostBytes(['size'], [n, 2 * n, 4 * n, 8 * n])),
    ]),
  );
}

const single = group({ cls: 'asisdlso', feature: 'simd' }, [...singleRows('none'), ...replicateRows('none')]);
const singlePost = group({ cls: 'asisdlsop', feature: 'simd' }, [
  ...singleRows('imm'), ...replicateRows('imm'), ...singleRows('reg'), ...replicateRows('reg'),
]);

// --- MOPS ----------------------------------------------------------------------------------------

const STAGES = ['p', 'm', 'e'] as const;
const bin = (v: number, w: number) => v.toString(2).padStart(w, '0');

/** cpy option suffixes by op2: bits 1:0 read/write unprivileged (wt/rt/t), bits 3:2 non-temporal (wn/rn/n). */
const CPY_T = ['', 'wt', 'rt', 't'];
const CPY_N = ['', 'wn', 'rn', 'n'];
const SET_OPT = ['', 't', 'n', 'tn'];

const cpyRows = (o: number, name: string) =>
  STAGES.flatMap((st, op1) =>
    Array.from({ length: 16 }, (_, op2) =>
      row(name + st + CPY_T[op2 & 3] + CPY_N[op2 >> 2], `sz=00 011 o=${o} 01 op1=${bin(op1, 2)} 0 Rs:5 op2=${bin(op2, 4)} 01 Rn:5 Rd:5`, [
        MopsReg('Rd', 'addr'),
        MopsReg('Rs', 'addr', ['Rd']),
        MopsReg('Rn', 'wb', ['Rd', 'Rs']),
      ]),
    ),
  );

const setRows = (o: number, name: string) =>
  STAGES.flatMap((st, stage) =>
    SET_OPT.map((opt, k) =>
      row(name + st + opt, `sz=00 011 o=${o} 01 op1=11 0 Rs:5 op2=${bin(stage, 2)}${bin(k, 2)} 01 Rn:5 Rd:5`, [
        MopsReg('Rd', 'addr'),
        MopsReg('Rn', 'wb', ['Rd']),
        MopsReg('Rs', 'plain', ['Rd', 'Rn']),
      ]),
    ),
  );

const mops = group({ cls: 'mops', feature: 'mops' }, [
  ...group({ cls: 'mops_cpy' }, [...cpyRows(0, 'cpyf'), ...cpyRows(1, 'cpy')]),
  ...group({ cls: 'mops_set' }, [...setRows(0, 'set'), ...setRows(1, 'setg')]),
]);

export const SIMD_LDST: RowSpec[] = [...multiple, ...multiplePost, ...single, ...singlePost, ...mops];
