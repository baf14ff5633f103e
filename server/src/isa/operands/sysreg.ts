// System register operand of mrs/msr: the name GNU objdump prints for op0:op1:CRn:CRm:op2 (the
// generated table), else the generic s<op0>_<op1>_c<n>_c<m>_<op2>. The encoder takes the names
// (any case, either direction's spelling) and the generic form.
import { Pattern } from '../pattern';
import { composite } from './fields';
import { EncodeError, OperandSpec, requireTok } from './operand';
import { SYSREG_NAMES } from './sysreg-names';

const SYSREG_FIELDS = ['op0', 'op1', 'CRn', 'CRm', 'op2'] as const;

/** enc = op0:op1:CRn:CRm:op2 (16 bits) → name, made on first use (a thousand names: Maps, not 2^16 slots). */
let readNames: Map<number, string> | undefined;
let writeNames: Map<number, string> | undefined;
let byName: Map<string, number> | undefined;

function tables(): { read: Map<number, string>; write: Map<number, string> } {
  if (!readNames || !writeNames) {
    const read = new Map<number, string>();
    const write = new Map<number, string>();
    for (const [enc, name, dir] of SYSREG_NAMES) {
      if (dir & 1) read.set(enc, name);
      if (dir & 2) write.set(enc, name);
    }
    readNames = read;
    writeNames = write;
  }
  return { read: readNames, write: writeNames };
}

export function genericSysregName(enc: number): string {
  return `s${enc >>> 14}_${(enc >>> 11) & 7}_c${(enc >>> 7) & 15}_c${(enc >>> 3) & 15}_${enc & 7}`;
}

/**
 * Names GNU as 2.40 also takes that objdump never prints (found by assembling every name string in
 * libopcodes): alias → the printed name of the same register.
 */
const AS_ONLY_NAMES: Readonly<Record<string, string>> = {
  spsr_svc: 'spsr_el1',
  spsr_hyp: 'spsr_el2',
  trcextinselr: 'trcextinselr0',
};

/** Name → encoding (lower case), for both directions' names. */
export function sysregByName(name: string): number | undefined {
  if (!byName) {
    const m = new Map<string, number>();
    for (const [enc, n] of SYSREG_NAMES) if (!m.has(n)) m.set(n, enc);
    for (const [alias, n] of Object.entries(AS_ONLY_NAMES)) {
      const enc = m.get(n);
      if (enc !== undefined) m.set(alias, enc);
    }
    byName = m;
  }
  return byName.get(name);
}

/** Parses a system register name or s<op0>_<op1>_c<n>_c<m>_<op2>; the 16-bit encoding or undefined. */
export function parseSysreg(tok: string): number | undefined {
  const t = tok.trim().toLowerCase();
  const named = sysregByName(t);
  if (named !== undefined) return named;
  const m = /^s([0-3])_([0-7])_c(\d{1,2})_c(\d{1,2})_([0-7])$/.exec(t);
  if (!m) return undefined;
  const crn = Number(m[3]);
  const crm = Number(m[4]);
  if (crn > 15 || crm > 15) return undefined;
  return (Number(m[1]) << 14) | (Number(m[2]) << 11) | (crn << 7) | (crm << 3) | Number(m[5]);
}

/** Reader of the 16-bit op0:op1:CRn:CRm:op2 value; a shift and mask when the fields are contiguous. */
function encAccess(p: Pattern) {
  const c = composite(p, SYSREG_FIELDS);
  const op2 = p.fields.get('op2')!;
  const lo = op2.lo;
  const contiguous = c.width === 16 && c.mask === ((0xffff * 2 ** lo) >>> 0);
  const get = contiguous ? (w: number) => (w >>> lo) & 0xffff : c.get;
  return { get, set: c.set, mask: c.mask };
}

/** The system register of mrs (dir 'r') or msr (dir 'w'). */
export function SysReg(dir: 'r' | 'w'): OperandSpec {
  return (p) => {
    const a = encAccess(p);
    const t = tables();
    const names = dir === 'r' ? t.read : t.write;
    return {
      role: 'sysreg',
      fields: [...SYSREG_FIELDS],
      optional: false,
      decode: (w) => {
        const enc = a.get(w);
        return names.get(enc) ?? genericSysregName(enc);
      },
      encode: (tok) => {
        const s = requireTok(tok, 'a system register');
        const enc = parseSysreg(s);
        if (enc === undefined) return new EncodeError(`unknown system register '${s}' (expected a register name or s<op0>_<op1>_c<n>_c<m>_<op2>)`);
        return { bits: a.set(enc), mask: a.mask };
      },
    };
  };
}
