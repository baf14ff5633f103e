// Data processing (immediate): pc-rel addressing, add/sub, logical, move wide, bitfield, extract.
import { R, Rsp, X } from '../operands/gpr';
import { AddImm, AddImmShift, BitmaskImm, Imm, MovImm16, MovShift, MovWideValue, decodeBitmask } from '../operands/imm';
import { Label } from '../operands/label';
import { BoundOperand, EncodeError, OperandSpec, Tie, fieldAccess, parseImmediate, requireTok } from '../operands/operand';
import { RowSpec, group, row } from '../table';

const SF = [0, 1] as const;

/** objdump prints orr-immediate as mov unless a movz/movn could make the value. */
function movWidePossible(v: bigint, width: 32 | 64): boolean {
  const full = (1n << BigInt(width)) - 1n;
  for (const x of [v & full, ~v & full]) {
    for (let s = 0; s < width; s += 16) if ((x & ~(0xffffn << BigInt(s)) & full) === 0n) return true;
  }
  return false;
}

/** ARM's BFXPreferred(): ubfx/sbfx rather than ubfm/sbfm. */
function bfxPreferred(sf: number, uns: boolean, imms: number, immr: number): boolean {
  if (imms < immr) return false;
  if (imms === (sf ? 63 : 31)) return false;
  if (immr === 0) {
    if (!sf && (imms === 7 || imms === 15)) return false;
    if (sf && !uns && (imms === 7 || imms === 15 || imms === 31)) return false;
  }
  return true;
}

const pcrel = group({ cls: 'pcreladdr' }, [
  row('adr', '0 immlo:2 10000 immhi:19 Rd:5', [X('Rd'), Label(['immhi', 'immlo'], { scale: 1 })]),
  row('adrp', '1 immlo:2 10000 immhi:19 Rd:5', [X('Rd'), Label(['immhi', 'immlo'], { scale: 4096, page: true })]),
]);

const addsub = group({ cls: 'addsub_imm' }, SF.flatMap((sf) => {
  const p = (op: string, s: string, rn = 'Rn:5', rd = 'Rd:5') => `${sf} ${op} ${s} 100010 sh imm12:12 ${rn} ${rd}`;
  return [
    // `mov` names add #0 only with sp on a side (GNU as makes orr otherwise): both directions
    row('mov', p('0', '0', 'Rn:5', 'Rd:5'), [Rsp('Rd', sf), Rsp('Rn', sf)], {
      aliasOf: 'add', when: (_w, f) => (f('Rd') === 31 || f('Rn') === 31) && f('sh') === 0 && f('imm12') === 0,
    }),
    row('add', p('0', '0'), [Rsp('Rd', sf), Rsp('Rn', sf), AddImm(), AddImmShift()]),
    row('cmn', p('0', '1', 'Rn:5', 'Rd=11111'), [Rsp('Rn', sf), AddImm(), AddImmShift()], { aliasOf: 'adds' }),
    row('adds', p('0', '1'), [R('Rd', sf), Rsp('Rn', sf), AddImm(), AddImmShift()]),
    row('sub', p('1', '0'), [Rsp('Rd', sf), Rsp('Rn', sf), AddImm(), AddImmShift()]),
    row('cmp', p('1', '1', 'Rn:5', 'Rd=11111'), [Rsp('Rn', sf), AddImm(), AddImmShift()], { aliasOf: 'subs' }),
    row('subs', p('1', '1'), [R('Rd', sf), Rsp('Rn', sf), AddImm(), AddImmShift()]),
  ];
}));

const logical = group({ cls: 'log_imm' }, SF.flatMap((sf) => {
  const w = (sf ? 64 : 32) as 32 | 64;
  const n = sf ? 'N' : '0';
  const p = (opc: string, rn = 'Rn:5', rd = 'Rd:5') => `${sf} ${opc} 100100 ${n} immr:6 imms:6 ${rn} ${rd}`;
  const imm = BitmaskImm(w);
  return [
    row('and', p('00'), [Rsp('Rd', sf), R('Rn', sf), imm]),
    row('mov', p('01', 'Rn=11111'), [Rsp('Rd', sf), imm], {
      aliasOf: 'orr',
      prefer: (_w, f) => {
        const v = decodeBitmask(sf ? f('N') : 0, f('immr'), f('imms'), w);
        return v !== null && (f('Rd') === 31 || !movWidePossible(v, w));
      },
    }),
    row('orr', p('01'), [Rsp('Rd', sf), R('Rn', sf), imm]),
    row('eor', p('10'), [Rsp('Rd', sf), R('Rn', sf), imm]),
    row('tst', p('11', 'Rn:5', 'Rd=11111'), [R('Rn', sf), imm], { aliasOf: 'ands' }),
    row('ands', p('11'), [R('Rd', sf), R('Rn', sf), imm]),
  ];
}));

// before the logical rows, movz before movn: the order in which GNU as tries `mov Rd, #imm`
const movewide = group({ cls: 'movewide' }, SF.flatMap((sf) => {
  const w = (sf ? 64 : 32) as 32 | 64;
  const hw = sf ? 'hw:2' : '0 hw:1';
  const p = (opc: string) => `${sf} ${opc} 100101 ${hw} imm16:16 Rd:5`;
  return [
    row('mov', p('10'), [R('Rd', sf), MovWideValue(w, false)], {
      aliasOf: 'movz', prefer: (_w, f) => !(f('imm16') === 0 && f('hw') !== 0),
    }),
    row('movz', p('10'), [R('Rd', sf), MovImm16(), MovShift()]),
    row('mov', p('00'), [R('Rd', sf), MovWideValue(w, true)], {
      aliasOf: 'movn', prefer: (_w, f) => !(f('imm16') === 0 && f('hw') !== 0) && (sf === 1 || f('imm16') !== 0xffff),
    }),
    row('movn', p('00'), [R('Rd', sf), MovImm16(), MovShift()]),
    row('movk', p('11'), [R('Rd', sf), MovImm16(), MovShift()]),
  ];
}));

const bitfield = group({ cls: 'bitfield' }, SF.flatMap((sf) => {
  const top = sf ? 63 : 31;
  const n = sf ? '1' : '0';
  const p = (opc: string, immr = 'immr:6', imms = 'imms:6') => `${sf} ${opc} 100110 ${n} ${immr} ${imms} Rn:5 Rd:5`;
  const rd = R('Rd', sf);
  const rn = R('Rn', sf);
  const ones = (k: number) => k.toString(2).padStart(6, '0');
  const immr = Imm('immr');
  const imms = Imm('imms');
  // lsb/width forms: lsb = (size - immr) mod size for *fiz/bfi, immr for *fx/bfxil
  const lsbIns = IzLsb(sf);
  const widthIns = IzWidth(sf);
  const widthExt = FxWidth(sf);
  return [
    row('asr', p('00', 'immr:6', `imms=${ones(top)}`), [rd, rn, Imm('immr')], { aliasOf: 'sbfm' }),
    row('sxtb', p('00', 'immr=000000', 'imms=000111'), [rd, R('Rn', 0)], { aliasOf: 'sbfm' }),
    row('sxth', p('00', 'immr=000000', 'imms=001111'), [rd, R('Rn', 0)], { aliasOf: 'sbfm' }),
    ...(sf ? [row('sxtw', p('00', 'immr=000000', 'imms=011111'), [rd, R('Rn', 0)], { aliasOf: 'sbfm' })] : []),
    row('sbfiz', p('00'), [rd, rn, lsbIns, widthIns], { aliasOf: 'sbfm', prefer: (_w, f) => f('imms') < f('immr') }),
    row('sbfx', p('00'), [rd, rn, immr, widthExt], { aliasOf: 'sbfm', prefer: (_w, f) => bfxPreferred(sf, false, f('imms'), f('immr')) }),
    row('sbfm', p('00'), [rd, rn, immr, imms]),
    row('bfc', p('01', 'immr:6', 'imms:6').replace('Rn:5', 'Rn=11111'), [rd, lsbIns, widthIns], { aliasOf: 'bfm', prefer: (_w, f) => f('imms') < f('immr') }),
    row('bfi', p('01'), [rd, rn, lsbIns, widthIns], { aliasOf: 'bfm', prefer: (_w, f) => f('imms') < f('immr') }),
    row('bfxil', p('01'), [rd, rn, immr, widthExt], { aliasOf: 'bfm', prefer: (_w, f) => f('imms') >= f('immr') }),
    row('bfm', p('01'), [rd, rn, immr, imms]),
    row('lsl', p('10'), [rd, rn, LslAmount(sf)], { aliasOf: 'ubfm', prefer: (_w, f) => f('imms') !== top && f('imms') + 1 === f('immr') }),
    row('lsr', p('10', 'immr:6', `imms=${ones(top)}`), [rd, rn, Imm('immr')], { aliasOf: 'ubfm' }),
    ...(sf ? [] : [
      row('uxtb', p('10', 'immr=000000', 'imms=000111'), [rd, rn], { aliasOf: 'ubfm' }),
      row('uxth', p('10', 'immr=000000', 'imms=001111'), [rd, rn], { aliasOf: 'ubfm' }),
      // GNU as also takes a 64-bit destination and makes the same 32-bit word; objdump never prints it
      row('uxtb', p('10', 'immr=000000', 'imms=000111'), [X('Rd'), rn], { aliasOf: 'ubfm', encodeOnly: true }),
      row('uxth', p('10', 'immr=000000', 'imms=001111'), [X('Rd'), rn], { aliasOf: 'ubfm', encodeOnly: true }),
    ]),
    row('ubfiz', p('10'), [rd, rn, lsbIns, widthIns], { aliasOf: 'ubfm', prefer: (_w, f) => f('imms') < f('immr') }),
    row('ubfx', p('10'), [rd, rn, immr, widthExt], { aliasOf: 'ubfm', prefer: (_w, f) => bfxPreferred(sf, true, f('imms'), f('immr')) }),
    row('ubfm', p('10'), [rd, rn, immr, imms]),
  ].map((r) => (sf ? r : { ...r, opts: { ...r.opts, when: fits32 } }));
}));

/** 32-bit bitfield forms: immr and imms above 31 are reserved. */
function fits32(_w: number, f: (n: string) => number): boolean {
  return f('immr') < 32 && f('imms') < 32;
}


/** `#lsb` of sbfiz/ubfiz/bfi/bfc: lsb = -immr mod size. */
function IzLsb(sf: number): OperandSpec {
  const size = sf ? 64 : 32;
  return (p) => {
    const immr = fieldAccess(p, 'immr');
    const op: BoundOperand = {
      role: 'imm', fields: ['immr'], optional: false,
      decode: (w) => '#' + ((size - immr.get(w)) % size),
      encode: (tok, env) => {
        const v = Number(parseImmediate(requireTok(tok, 'an lsb'), env));
        if (v < 0 || v >= size) return new EncodeError(`lsb out of range 0..${size - 1}`);
        return { bits: immr.set((size - v) % size), mask: immr.mask };
      },
    };
    return op;
  };
}

/** `#width` of sbfiz/ubfiz/bfi/bfc: imms = width - 1, within the bits above lsb (read back from immr). */
function IzWidth(sf: number): OperandSpec {
  const size = sf ? 64 : 32;
  return (p) => {
    const immr = fieldAccess(p, 'immr');
    const imms = fieldAccess(p, 'imms');
    return {
      role: 'imm', fields: ['imms'], optional: false,
      decode: (w) => '#' + (imms.get(w) + 1),
      encode: (tok, env, acc) => {
        const v = Number(parseImmediate(requireTok(tok, 'a width'), env));
        const lsb = (size - immr.get(acc)) % size;
        if (v < 1 || lsb + v > size) return new EncodeError(`width out of range 1..${size - lsb}`);
        return { bits: imms.set(v - 1), mask: imms.mask };
      },
    };
  };
}

/** `#width` of sbfx/ubfx/bfxil: width = imms - immr + 1 (encodes imms from immr = lsb). */
function FxWidth(sf: number): OperandSpec {
  const size = sf ? 64 : 32;
  return (p) => {
    const immr = fieldAccess(p, 'immr');
    const imms = fieldAccess(p, 'imms');
    return {
      role: 'imm', fields: ['imms'], optional: false,
      decode: (w) => '#' + (imms.get(w) - immr.get(w) + 1),
      encode: (tok, env, acc) => {
        const v = Number(parseImmediate(requireTok(tok, 'a width'), env));
        const lsb = immr.get(acc);
        if (v < 1 || lsb + v > size) return new EncodeError(`width out of range 1..${size - lsb}`);
        return { bits: imms.set(lsb + v - 1), mask: imms.mask };
      },
    };
  };
}

/** `#shift` of lsl: immr = -shift mod size, imms = size - 1 - shift. */
function LslAmount(sf: number): OperandSpec {
  const size = sf ? 64 : 32;
  return (p) => {
    const immr = fieldAccess(p, 'immr');
    const imms = fieldAccess(p, 'imms');
    return {
      role: 'imm', fields: ['immr', 'imms'], optional: false,
      decode: (w) => '#' + (size - 1 - imms.get(w)),
      encode: (tok, env) => {
        const v = Number(parseImmediate(requireTok(tok, 'a shift amount'), env));
        if (v < 0 || v >= size) return new EncodeError(`shift amount out of range 0..${size - 1}`);
        return { bits: immr.set((size - v) % size) | imms.set(size - 1 - v), mask: immr.mask | imms.mask };
      },
    };
  };
}

const extract = group({ cls: 'extract' }, SF.flatMap((sf) => {
  const n = sf ? '1' : '0';
  const p = `${sf} 00 100111 ${n} 0 Rm:5 imms:6 Rn:5 Rd:5`;
  const lim = (_w: number, f: (n: string) => number) => sf === 1 || f('imms') < 32;
  return [
    row('ror', p, [R('Rd', sf), R('Rn', sf), Imm('imms'), Tie('Rm', 'Rn')], { aliasOf: 'extr', when: lim, prefer: (_w, f) => f('Rn') === f('Rm') }),
    row('extr', p, [R('Rd', sf), R('Rn', sf), R('Rm', sf), Imm('imms')], { when: lim }),
  ];
}));

export const DP_IMM: RowSpec[] = [...pcrel, ...addsub, ...movewide, ...logical, ...bitfield, ...extract];
