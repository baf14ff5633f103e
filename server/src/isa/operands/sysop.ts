// System instruction operands: SYS aliases (ic/dc/at/tlbi/cfp/dvp/cpp operation names, from the
// generated table), C<n> registers of sys/sysl, barrier options, PSTATE fields, BTI targets,
// SME mode selectors and literal keywords (psb csync).
import { Pattern } from '../pattern';
import { parseGpr } from './gpr';
import { Bits, EncodeError, OperandSpec, fieldAccess, hex, parseImmediate, requireTok } from './operand';
import { SYSOP_NAMES } from './sysop-names';

// --- SYS aliases -------------------------------------------------------------------------------

interface SysOpEntry {
  readonly mnemonic: string;
  readonly name: string;
  readonly reg: boolean;
}

let opByEnc: Map<number, SysOpEntry> | undefined;
let opByName: Map<string, number> | undefined;

function opTable(): Map<number, SysOpEntry> {
  if (!opByEnc) {
    const t = new Map<number, SysOpEntry>();
    for (const [enc, mnemonic, name, reg] of SYSOP_NAMES) t.set(enc, { mnemonic, name, reg });
    opByEnc = t;
  }
  return opByEnc;
}

/** `mnemonic name` (lower case) → op1:CRn:CRm:op2. */
function opEnc(mnemonic: string, name: string): number | undefined {
  if (!opByName) {
    opByName = new Map();
    for (const [enc, mn, n] of SYSOP_NAMES) opByName.set(mn + ' ' + n, enc);
  }
  return opByName.get(mnemonic + ' ' + name);
}

/** Mnemonics with SYS alias operations in the table (ic, dc, at, tlbi, …). */
export const SYSOP_MNEMONICS: readonly string[] = [...new Set(SYSOP_NAMES.map((e) => e[1]))];

const SYSOP_FIELDS = ['op1', 'CRn', 'CRm', 'op2'] as const;

/** Reader/writer of op1:CRn:CRm:op2 (14 bits, contiguous). */
function sysOpAccess(p: Pattern) {
  const f = SYSOP_FIELDS.map((n) => fieldAccess(p, n));
  const lo = f[3].f.lo;
  let mask = 0;
  for (const x of f) mask |= x.mask;
  if (mask >>> 0 !== (0x3fff * 2 ** lo) >>> 0) throw new Error('SYS alias fields must be contiguous op1:CRn:CRm:op2');
  return {
    get: (w: number) => (w >>> lo) & 0x3fff,
    set: (v: number) => ((v & 0x3fff) * 2 ** lo) >>> 0,
    mask: mask >>> 0,
  };
}

/** The operation name of a SYS alias (`dc civac, x0` → civac); the row applies only to its names. */
export function SysOpName(mnemonic: string): OperandSpec {
  return (p) => {
    const a = sysOpAccess(p);
    const table = opTable();
    return {
      role: 'sysop',
      fields: [...SYSOP_FIELDS],
      optional: false,
      decode: (w) => {
        const e = table.get(a.get(w));
        return e !== undefined && e.mnemonic === mnemonic ? e.name : null;
      },
      encode: (tok) => {
        const t = requireTok(tok, `a ${mnemonic} operation`);
        const enc = opEnc(mnemonic, t.toLowerCase());
        if (enc === undefined) return new EncodeError(`unknown ${mnemonic} operation '${t}'`);
        return { bits: a.set(enc), mask: a.mask };
      },
    };
  };
}

const X_NAMES = Array.from({ length: 32 }, (_, i) => (i === 31 ? 'xzr' : 'x' + i));

/** Xt of a SYS alias: printed for operations that take an address/value, else absent (Rt = 31). */
export function SysOpReg(rtName = 'Rt'): OperandSpec {
  return (p) => {
    const a = sysOpAccess(p);
    const rt = fieldAccess(p, rtName);
    const table = opTable();
    return {
      role: 'gpr',
      fields: [rtName],
      optional: true,
      decode: (w) => {
        const e = table.get(a.get(w));
        if (e === undefined) return null;
        return e.reg ? X_NAMES[rt.get(w)] : '';
      },
      encode: (tok, _env, acc) => {
        const e = table.get(a.get(acc));
        if (e === undefined) return new EncodeError('unknown operation');
        if (!e.reg) {
          if (tok !== undefined) return new EncodeError(`'${e.mnemonic} ${e.name}' takes no register`);
          return { bits: rt.set(31), mask: rt.mask };
        }
        if (tok === undefined) return new EncodeError(`'${e.mnemonic} ${e.name}' needs a 64-bit general register`);
        const r = parseGpr(tok.trim());
        if (!r || r.width !== 64 || r.is31 === 'sp') return new EncodeError(`expected a 64-bit general register, got '${tok.trim()}'`);
        return { bits: rt.set(r.num), mask: rt.mask };
      },
    };
  };
}

// --- sys/sysl C<n> -----------------------------------------------------------------------------

const C_NAMES = Array.from({ length: 16 }, (_, i) => 'C' + i);

/** `C<n>` (objdump prints a capital C; as takes either case). */
export function CReg(name: string): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    return {
      role: 'other',
      fields: [name],
      optional: false,
      decode: (w) => C_NAMES[a.get(w)],
      encode: (tok) => {
        const t = requireTok(tok, 'a C register (C0..C15)');
        const m = /^[cC](\d{1,2})$/.exec(t);
        const n = m ? Number(m[1]) : -1;
        if (n < 0 || n > 15) return new EncodeError(`expected a C register C0..C15, got '${t}'`);
        return { bits: a.set(n), mask: a.mask };
      },
    };
  };
}

// --- barriers ----------------------------------------------------------------------------------

const BARRIER_NAMES: readonly (string | undefined)[] = [
  undefined, 'oshld', 'oshst', 'osh', undefined, 'nshld', 'nshst', 'nsh',
  undefined, 'ishld', 'ishst', 'ish', undefined, 'ld', 'st', 'sy',
];
const HEX2 = Array.from({ length: 16 }, (_, i) => '#0x' + i.toString(16).padStart(2, '0'));
const HEX1 = Array.from({ length: 16 }, (_, i) => '#' + hex(i));

function immIn(tok: string, env: Parameters<typeof parseImmediate>[1], lo: number, hi: number): number | EncodeError {
  const v = parseImmediate(tok, env);
  if (v < BigInt(lo) || v > BigInt(hi)) return new EncodeError(`immediate out of range ${lo}..${hi}`);
  return Number(v);
}

/** dsb/dmb option: a name (sy, ish, …) or `#0x0c` for the unnamed values. */
export function BarrierOption(name = 'CRm'): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    const text = BARRIER_NAMES.map((n, i) => n ?? HEX2[i]);
    return {
      role: 'barrier',
      fields: [name],
      optional: false,
      decode: (w) => text[a.get(w)],
      encode: (tok, env) => {
        const t = requireTok(tok, 'a barrier option');
        const i = BARRIER_NAMES.indexOf(t.toLowerCase());
        if (i >= 0) return { bits: a.set(i), mask: a.mask };
        if (/^[a-z]/i.test(t)) return new EncodeError(`unknown barrier option '${t}' (sy, st, ld, ish, ishst, ishld, nsh, nshst, nshld, osh, oshst, oshld or #0..15)`);
        const v = immIn(t, env, 0, 15);
        if (v instanceof EncodeError) return v;
        return { bits: a.set(v), mask: a.mask };
      },
    };
  };
}

const NXS_NAMES = ['oshnxs', 'nshnxs', 'ishnxs', 'synxs'];

/** dsb nXS option (CRm = imm2:10): a name, or `#16|#20|#24|#28`. */
export function BarrierNxsOption(name = 'imm2'): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    return {
      role: 'barrier',
      fields: [name],
      optional: false,
      decode: (w) => NXS_NAMES[a.get(w)],
      encode: (tok, env) => {
        const t = requireTok(tok, 'a barrier option');
        const i = NXS_NAMES.indexOf(t.toLowerCase());
        if (i >= 0) return { bits: a.set(i), mask: a.mask };
        if (/^[a-z]/i.test(t)) return new EncodeError(`unknown nXS barrier option '${t}' (oshnxs, nshnxs, ishnxs, synxs or #16, #20, #24, #28)`);
        const v = Number(parseImmediate(t, env));
        if (v !== 16 && v !== 20 && v !== 24 && v !== 28) return new EncodeError('nXS barrier immediate must be 16, 20, 24 or 28');
        return { bits: a.set((v - 16) / 4), mask: a.mask };
      },
    };
  };
}

/** isb/clrex option: absent for 15 (isb sy), else `#0x<n>`. */
export function OptionalCrm(name = 'CRm', allowSy = false): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    return {
      role: 'barrier',
      fields: [name],
      optional: true,
      decode: (w) => {
        const v = a.get(w);
        return v === 15 ? '' : HEX1[v];
      },
      encode: (tok, env) => {
        if (tok === undefined) return { bits: a.set(15), mask: a.mask };
        const t = tok.trim();
        if (allowSy && t.toLowerCase() === 'sy') return { bits: a.set(15), mask: a.mask };
        if (/^[a-z]/i.test(t)) return new EncodeError(`expected ${allowSy ? "'sy' or " : ''}an immediate #0..15, got '${t}'`);
        const v = immIn(t, env, 0, 15);
        if (v instanceof EncodeError) return v;
        return { bits: a.set(v), mask: a.mask };
      },
    };
  };
}

// --- PSTATE (msr immediate) ---------------------------------------------------------------------

interface PStateField {
  readonly name: string;
  readonly op1: number;
  readonly op2: number;
  /** Largest immediate; objdump prints the name only for CRm <= max. */
  readonly max: number;
  /** svcr* fields: CRm = 0:sel:imm (the encoder's spelling; objdump prints smstart/smstop). */
  readonly svcrSel?: number;
}

const PSTATE_FIELDS: readonly PStateField[] = [
  { name: 'uao', op1: 0, op2: 3, max: 1 },
  { name: 'pan', op1: 0, op2: 4, max: 1 },
  { name: 'spsel', op1: 0, op2: 5, max: 1 },
  { name: 'allint', op1: 1, op2: 0, max: 1 },
  { name: 'ssbs', op1: 3, op2: 1, max: 1 },
  { name: 'dit', op1: 3, op2: 2, max: 1 },
  { name: 'tco', op1: 3, op2: 4, max: 1 },
  { name: 'daifset', op1: 3, op2: 6, max: 15 },
  { name: 'daifclr', op1: 3, op2: 7, max: 15 },
  { name: 'svcrsm', op1: 3, op2: 3, max: 1, svcrSel: 1 },
  { name: 'svcrza', op1: 3, op2: 3, max: 1, svcrSel: 2 },
  { name: 'svcrsmza', op1: 3, op2: 3, max: 1, svcrSel: 3 },
];

/** op1:op2 → field, for decoding (svcr fields excluded: objdump prints smstart/smstop). */
const PSTATE_BY_OP = (() => {
  const t = new Array<PStateField | undefined>(64).fill(undefined);
  for (const f of PSTATE_FIELDS) if (f.svcrSel === undefined) t[(f.op1 << 3) | f.op2] = f;
  return t;
})();

/** The PSTATE field name of `msr <field>, #imm`; decodes only when CRm is in the field's range. */
export function PStateName(op1 = 'op1', op2 = 'op2', crm = 'CRm'): OperandSpec {
  return (p) => {
    const a1 = fieldAccess(p, op1);
    const a2 = fieldAccess(p, op2);
    const am = fieldAccess(p, crm);
    return {
      role: 'pstate',
      fields: [op1, op2],
      optional: false,
      decode: (w) => {
        const f = PSTATE_BY_OP[(a1.get(w) << 3) | a2.get(w)];
        return f !== undefined && am.get(w) <= f.max ? f.name : null;
      },
      encode: (tok) => {
        const t = requireTok(tok, 'a PSTATE field');
        const f = PSTATE_FIELDS.find((x) => x.name === t.toLowerCase());
        if (!f) return new EncodeError(`unknown system register or PSTATE field '${t}'`);
        // svcr fields also fix CRm<3:1> (0:sel), which PStateImm reads back
        const sel = f.svcrSel !== undefined ? am.set(f.svcrSel << 1) : 0;
        return { bits: a1.set(f.op1) | a2.set(f.op2) | sel, mask: a1.mask | a2.mask | (f.svcrSel !== undefined ? am.set(14) : 0) };
      },
    };
  };
}

/** The `#imm` of `msr <pstate field>, #imm` (CRm); range checked against the field set before it. */
export function PStateImm(op1 = 'op1', op2 = 'op2', crm = 'CRm'): OperandSpec {
  return (p) => {
    const a1 = fieldAccess(p, op1);
    const a2 = fieldAccess(p, op2);
    const am = fieldAccess(p, crm);
    return {
      role: 'imm',
      fields: [crm],
      optional: false,
      decode: (w) => HEX1[am.get(w)],
      encode: (tok, env, acc): Bits | EncodeError => {
        const t = requireTok(tok, 'an immediate');
        const o1 = a1.get(acc);
        const o2 = a2.get(acc);
        const sel = am.get(acc) >>> 1;
        const f = PSTATE_FIELDS.find((x) => x.op1 === o1 && x.op2 === o2 && (x.svcrSel === undefined || x.svcrSel === sel));
        const max = f?.max ?? 15;
        const v = immIn(t, env, 0, max);
        if (v instanceof EncodeError) return v;
        const base = f?.svcrSel !== undefined ? f.svcrSel << 1 : 0;
        return { bits: am.set(base | v), mask: am.mask };
      },
    };
  };
}

// --- hints, SME, keywords ----------------------------------------------------------------------

const BTI_TARGETS = ['', 'c', 'j', 'jc'];

/** `bti` target: absent, c, j or jc (op2 = tgt:0). */
export function BtiTarget(name = 'tgt'): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    return {
      role: 'other',
      fields: [name],
      optional: true,
      decode: (w) => BTI_TARGETS[a.get(w)],
      encode: (tok) => {
        if (tok === undefined) return { bits: 0, mask: a.mask };
        const i = BTI_TARGETS.indexOf(tok.trim().toLowerCase());
        if (i <= 0) return new EncodeError(`expected a BTI target c, j or jc, got '${tok.trim()}'`);
        return { bits: a.set(i), mask: a.mask };
      },
    };
  };
}

const SME_MODES: readonly (string | null)[] = [null, 'sm', 'za', ''];

/** smstart/smstop mode: sm, za, or absent for both. */
export function SmeMode(name = 'sel'): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    return {
      role: 'other',
      fields: [name],
      optional: true,
      decode: (w) => SME_MODES[a.get(w)],
      encode: (tok) => {
        if (tok === undefined) return { bits: a.set(3), mask: a.mask };
        const t = tok.trim().toLowerCase();
        const i = t === 'sm' ? 1 : t === 'za' ? 2 : -1;
        if (i < 0) return new EncodeError(`expected 'sm' or 'za', got '${tok.trim()}'`);
        return { bits: a.set(i), mask: a.mask };
      },
    };
  };
}

/** A fixed word operand (`psb csync`): no bits. */
export function Keyword(word: string): OperandSpec {
  return () => ({
    role: 'other',
    fields: [],
    optional: false,
    decode: () => word,
    encode: (tok) => {
      const t = requireTok(tok, `'${word}'`);
      if (t.toLowerCase() !== word) return new EncodeError(`expected '${word}', got '${t}'`);
      return { bits: 0, mask: 0 };
    },
  });
}
