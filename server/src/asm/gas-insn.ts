// What the front end needs to know about instructions beyond the encoder: which operands are
// PC-relative targets (from the table's rows), the relocation operators (`:lo12:sym` …), and the
// ELF relocation each use of a symbol becomes, as GNU as 2.40 emits them.
import { ROWS } from '../isa';

let labelPositions: Map<string, Set<number>> | undefined;

/** Visible operand positions that are branch/literal targets in some row of the mnemonic. */
export function labelOperandIndexes(mnemonic: string): ReadonlySet<number> | undefined {
  if (!labelPositions) {
    labelPositions = new Map();
    for (const r of ROWS) {
      if (r.decodeOnly) continue;
      let i = 0;
      for (const o of r.operands) {
        if (o.hidden) continue;
        if (o.role === 'label') {
          let s = labelPositions.get(r.mnemonic);
          if (!s) labelPositions.set(r.mnemonic, (s = new Set()));
          s.add(i);
        }
        i++;
      }
    }
  }
  return labelPositions.get(mnemonic);
}

/** The relocation of a PC-relative target operand of `mnemonic`. */
export function branchRelocation(mnemonic: string): string {
  if (mnemonic === 'b') return 'R_AARCH64_JUMP26';
  if (mnemonic === 'bl') return 'R_AARCH64_CALL26';
  if (mnemonic === 'tbz' || mnemonic === 'tbnz') return 'R_AARCH64_TSTBR14';
  if (mnemonic === 'adr') return 'R_AARCH64_ADR_PREL_LO21';
  if (mnemonic === 'adrp') return 'R_AARCH64_ADR_PREL_PG_HI21';
  if (mnemonic === 'cbz' || mnemonic === 'cbnz' || mnemonic.startsWith('b.') || mnemonic.startsWith('bc.')) return 'R_AARCH64_CONDBR19';
  return 'R_AARCH64_LD_PREL_LO19';
}

/** Access size in bits of a load/store for :lo12: (from the mnemonic and the transfer register). */
export function accessBits(mnemonic: string, firstOperand: string): number | undefined {
  const m = mnemonic;
  if (/^(ldrb|strb|ldrsb|ldurb|sturb|ldursb)$/.test(m)) return 8;
  if (/^(ldrh|strh|ldrsh|ldurh|sturh|ldursh)$/.test(m)) return 16;
  if (m === 'ldrsw' || m === 'ldursw') return 32;
  if (m === 'prfm' || m === 'prfum') return 64;
  if (/^(ldr|str|ldur|stur)$/.test(m)) {
    const r = firstOperand.trim().toLowerCase()[0];
    return ({ w: 32, x: 64, b: 8, h: 16, s: 32, d: 64, q: 128 } as Record<string, number>)[r];
  }
  return undefined;
}

export interface RelocOperator {
  /** Operator name, lowercased ('lo12', 'abs_g1_nc' …). */
  readonly op: string;
  /** The expression after the operator. */
  readonly expr: string;
  /** Operand text with `#:op:expr` replaced by `#0` (prefix + '#0' + suffix). */
  readonly prefix: string;
  readonly suffix: string;
}

const OPERATOR = /#?\s*:([A-Za-z0-9_]+):/;

/** Finds a relocation operator in one operand token. */
export function findRelocOperator(tok: string): RelocOperator | undefined {
  const m = OPERATOR.exec(tok);
  if (!m) return undefined;
  const start = m.index;
  const exprStart = start + m[0].length;
  // inside brackets the expression ends at the closing bracket
  const before = tok.slice(0, start);
  const inBracket = before.lastIndexOf('[') > before.lastIndexOf(']');
  let end = tok.length;
  if (inBracket) {
    const close = tok.indexOf(']', exprStart);
    if (close >= 0) end = close;
  }
  return { op: m[1].toLowerCase(), expr: tok.slice(exprStart, end).trim(), prefix: before, suffix: tok.slice(end) };
}

/** Move-wide group shifts of the :abs_gN: / :prel_gN: operators and their TLS kin (:tprel_g1:, :gottprel_g0_nc: …). */
export function moveWideShift(op: string): number | undefined {
  const m = /^(?:abs|prel|tprel|dtprel|gottprel)_g([0-3])(?:_nc|_s)?$/.exec(op);
  return m ? Number(m[1]) * 16 : undefined;
}

/** GNU as's message for an operator it does not know ("at operand N" is added where the operand is known). */
export const UNKNOWN_MODIFIER = 'unknown relocation modifier';
/** GNU as's message for a TLS load/store offset whose access size has no relocation (it counts the offset inside the address as the next operand). */
export const SIZE_QUALIFIER = 'relocation qualifier does not match instruction size';

/**
 * The TLS operators (GNU as's reloc table for LP64): the relocation by instruction kind —
 * 'page' adrp, 'adr', 'lit' a PC-relative load, 'add', 'ldst' a load/store offset (its size
 * added), 'movw' movz/movk.
 */
const TLS_OPERATORS: Record<string, Partial<Record<'page' | 'adr' | 'lit' | 'add' | 'ldst' | 'movw', string>>> = {
  tlsdesc: { page: 'TLSDESC_ADR_PAGE21', adr: 'TLSDESC_ADR_PREL21', lit: 'TLSDESC_LD_PREL19' },
  tlsdesc_lo12: { add: 'TLSDESC_ADD_LO12', ldst: 'TLSDESC_LD64_LO12' },
  tlsgd: { page: 'TLSGD_ADR_PAGE21', adr: 'TLSGD_ADR_PREL21' },
  tlsgd_lo12: { add: 'TLSGD_ADD_LO12_NC' },
  tlsldm: { page: 'TLSLD_ADR_PAGE21', adr: 'TLSLD_ADR_PREL21' },
  tlsldm_lo12_nc: { add: 'TLSLD_ADD_LO12_NC' },
  gottprel: { page: 'TLSIE_ADR_GOTTPREL_PAGE21', lit: 'TLSIE_LD_GOTTPREL_PREL19' },
  gottprel_lo12: { ldst: 'TLSIE_LD64_GOTTPREL_LO12_NC' },
  gottprel_g1: { movw: 'TLSIE_MOVW_GOTTPREL_G1' },
  gottprel_g0_nc: { movw: 'TLSIE_MOVW_GOTTPREL_G0_NC' },
};
for (const [model, rel] of [['tprel', 'TLSLE'], ['dtprel', 'TLSLD']] as const) {
  const R = model.toUpperCase();
  for (const g of ['g2', 'g1', 'g1_nc', 'g0', 'g0_nc']) TLS_OPERATORS[`${model}_${g}`] = { movw: `${rel}_MOVW_${R}_${g.toUpperCase()}` };
  TLS_OPERATORS[`${model}_hi12`] = { add: `${rel}_ADD_${R}_HI12` };
  // (the load/store forms take the access size: R_AARCH64_TLSLE_LDST64_TPREL_LO12 …)
  TLS_OPERATORS[`${model}_lo12`] = { add: `${rel}_ADD_${R}_LO12`, ldst: `${rel}_LDST*_${R}_LO12` };
  TLS_OPERATORS[`${model}_lo12_nc`] = { add: `${rel}_ADD_${R}_LO12_NC`, ldst: `${rel}_LDST*_${R}_LO12_NC` };
}

function tlsRelocation(op: string, mnemonic: string, firstOperand: string, literal: boolean): string | { error: string } | undefined {
  const forms = TLS_OPERATORS[op];
  if (!forms) return undefined;
  const kind = mnemonic === 'adrp' ? 'page' : mnemonic === 'adr' ? 'adr' : mnemonic === 'add' ? 'add' : /^mov[zk]$/.test(mnemonic) ? 'movw' : literal ? 'lit' : 'ldst';
  const r = forms[kind];
  if (r === undefined) return { error: `relocation :${op}: cannot be used with '${mnemonic}'` };
  if (!r.includes('*')) return `R_AARCH64_${r}`;
  const bits = accessBits(mnemonic, firstOperand);
  if (bits === undefined || bits > 64) return { error: SIZE_QUALIFIER };
  return `R_AARCH64_${r.replace('*', String(bits))}`;
}

/** GNU as's message for a signed or checked group on MOVK (which keeps the other bits: only _nc groups and unchecked ones fit). */
export const NOT_FOR_MOVK = 'the specified relocation type is not allowed for MOVK';

/** ELF relocation for an operator used by `mnemonic` (`literal`: in a PC-relative operand, not an offset), or an error message. */
export function operatorRelocation(op: string, mnemonic: string, firstOperand: string, literal = false): string | { error: string } {
  if (mnemonic === 'movk' && /^(?:abs_g[0-2]_s|prel_g[0-3]|tprel_g[0-2])$/.test(op)) return { error: NOT_FOR_MOVK };
  const tls = tlsRelocation(op, mnemonic, firstOperand, literal);
  if (tls !== undefined) return tls;
  const mw = /^(abs|prel)_g([0-3])(_nc|_s)?$/.exec(op);
  if (mw) {
    const [, kind, g, sfx] = mw;
    if (kind === 'abs') {
      if (sfx === '_s') return g === '3' ? { error: `relocation :${op}: is not supported` } : `R_AARCH64_MOVW_SABS_G${g}`;
      if (sfx === '_nc') return g === '3' ? { error: `relocation :${op}: is not supported` } : `R_AARCH64_MOVW_UABS_G${g}_NC`;
      return `R_AARCH64_MOVW_UABS_G${g}`;
    }
    if (sfx === '_s') return { error: `relocation :${op}: is not supported` };
    return `R_AARCH64_MOVW_PREL_G${g}${sfx === '_nc' ? '_NC' : ''}`;
  }
  switch (op) {
    case 'lo12': {
      if (mnemonic === 'add' || mnemonic === 'adds') return 'R_AARCH64_ADD_ABS_LO12_NC';
      const bits = accessBits(mnemonic, firstOperand);
      if (bits === undefined) return { error: `relocation :lo12: cannot be used with '${mnemonic}'` };
      return `R_AARCH64_LDST${bits}_ABS_LO12_NC`;
    }
    case 'pg_hi21':
      return 'R_AARCH64_ADR_PREL_PG_HI21';
    case 'pg_hi21_nc':
      return 'R_AARCH64_ADR_PREL_PG_HI21_NC';
    case 'got':
      return mnemonic === 'adrp' ? 'R_AARCH64_ADR_GOT_PAGE' : 'R_AARCH64_GOT_LD_PREL19';
    case 'got_lo12':
      return firstOperand.trim().toLowerCase().startsWith('w') ? 'R_AARCH64_LD32_GOT_LO12_NC' : 'R_AARCH64_LD64_GOT_LO12_NC';
    case 'gotpage_lo15':
      return 'R_AARCH64_LD64_GOTPAGE_LO15';
  }
  return { error: UNKNOWN_MODIFIER };
}

/**
 * The field value an operator takes from an absolute value (no relocation needed), as gas's
 * md_apply_fix puts it in: :abs_gN: checks the value fits unsigned in 16(N+1) bits and
 * :abs_gN_s: signed, a negative one making the instruction MOVN of its complement and any other
 * MOVZ (`mnemonic`: the one to encode); `error` is gas's message, the field still written.
 */
export function operatorValue(op: string, v: bigint, mnemonic: string): { field: bigint; mnemonic: string; error?: string } | undefined {
  if (op === 'lo12') return { field: v & 0xfffn, mnemonic };
  const m = /^abs_g([0-3])(_nc|_s)?$/.exec(op);
  if (!m) return undefined;
  const bits = 16n * BigInt(Number(m[1]) + 1);
  const sh = bits - 16n;
  let value = BigInt.asIntN(64, v);
  let error: string | undefined;
  if (m[2] === '_s') {
    const lim = 1n << (bits - 1n);
    if (value < -lim || value >= lim) error = 'signed value out of range';
    if (mnemonic === 'movz' || mnemonic === 'movn') {
      mnemonic = value < 0n ? 'movn' : 'movz';
      if (value < 0n) value = ~value;
    }
  } else if (m[2] === undefined && bits < 64n && BigInt.asUintN(64, value) >= 1n << bits) error = 'unsigned value out of range';
  return { field: (BigInt.asUintN(64, value) >> sh) & 0xffffn, mnemonic, ...(error ? { error } : {}) };
}

/** Data relocations by size: absolute and PC-relative. */
export function dataRelocation(size: number, pcrel: boolean): string | undefined {
  if (size === 8) return pcrel ? 'R_AARCH64_PREL64' : 'R_AARCH64_ABS64';
  if (size === 4) return pcrel ? 'R_AARCH64_PREL32' : 'R_AARCH64_ABS32';
  if (size === 2) return pcrel ? 'R_AARCH64_PREL16' : 'R_AARCH64_ABS16';
  return undefined;
}
