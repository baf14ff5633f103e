// Operands of the AdvSIMD copy group (dup, ins, umov, smov and their mov aliases) whose element
// size comes from imm5 (its lowest set bit): the vector arrangement with Q, the general register
// (w, or x for 64-bit elements) and the scalar register of the scalar dup/mov.
import { parseGpr } from './gpr';
import { sharedTable } from './name-tables';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, requireTok } from './operand';
import { imm5Size } from './velem';
import { parseVectorReg } from './vreg';

const ARR: readonly (readonly [string | null, string])[] = [['8b', '16b'], ['4h', '8h'], ['2s', '4s'], [null, '2d']];
const SCALAR = 'bhsd';

/** imm5 bits that decide the size s: bit s set and the bits below it clear. */
const markerMask = (s: number) => (2 << s) - 1;

/** `vN.<T>` of dup: T from imm5's element size and Q (1d and the 128-bit size reserved). */
export function VImm5Q(reg: string, imm5Name = 'imm5', qName = 'Q'): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const i5 = fieldAccess(p, imm5Name);
    const q = fieldAccess(p, qName);
    const table = sharedTable('dup-imm5q', () => {
      const out: (string | null)[] = [];
      for (let v = 0; v < 64; v++) {
        const s = imm5Size(v >> 1);
        const t = s < 4 ? ARR[s][v & 1] : null;
        for (let i = 0; i < 32; i++) out.push(t === null ? null : `v${i}.${t}`);
      }
      return out;
    });
    const byName = new Map<string, { s: number; q: number }>();
    ARR.forEach(([a, b], s) => {
      if (a) byName.set(a, { s, q: 0 });
      byName.set(b, { s, q: 1 });
    });
    const what = 'a vector register vN.8b/16b/4h/8h/2s/4s/2d';
    const rlo = r.f.lo;
    const ilo = i5.f.lo;
    const qlo = q.f.lo;
    const op: BoundOperand = {
      role: 'vreg',
      fields: [reg, imm5Name, qName],
      optional: false,
      decode: (w) => table[(((((w >>> ilo) & 31) << 1) | ((w >>> qlo) & 1)) << 5) | ((w >>> rlo) & 31)],
      encode: (tok) => {
        const t = requireTok(tok, what);
        const v = parseVectorReg(t);
        const e = v ? byName.get(v.arr) : undefined;
        if (!v || !e) return new EncodeError(`expected ${what}, got '${t}'`);
        return {
          bits: (r.set(v.num) | i5.set(1 << e.s) | q.set(e.q)) >>> 0,
          mask: (r.mask | i5.set(markerMask(e.s)) | q.mask) >>> 0,
        };
      },
    };
    return op;
  };
}

/**
 * The general register of dup (general) / ins (general): w for b/h/s elements, x for d; the size
 * comes from imm5 (set by the vector operand before it when encoding).
 */
export function GprImm5(reg: string, imm5Name = 'imm5'): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const i5 = fieldAccess(p, imm5Name);
    const table = sharedTable('gpr-imm5', () => {
      const out: (string | null)[] = [];
      for (let v = 0; v < 32; v++) {
        const s = imm5Size(v);
        for (let i = 0; i < 32; i++) out.push(s > 3 ? null : (s === 3 ? 'x' : 'w') + (i === 31 ? 'zr' : i));
      }
      return out;
    });
    const rlo = r.f.lo;
    const ilo = i5.f.lo;
    const op: BoundOperand = {
      role: 'gpr',
      fields: [reg],
      optional: false,
      decode: (w) => table[(((w >>> ilo) & 31) << 5) | ((w >>> rlo) & 31)],
      encode: (tok, _env, acc) => {
        const t = requireTok(tok, 'a general register');
        const g = parseGpr(t);
        const s = imm5Size(i5.get(acc));
        if (s > 3) return new EncodeError('the element size must be given first');
        const width = s === 3 ? 64 : 32;
        if (!g || g.width !== width || g.is31 === 'sp') return new EncodeError(`expected a ${width}-bit general register for ${SCALAR[s]} elements, got '${t}'`);
        return { bits: r.set(g.num), mask: r.mask };
      },
    };
    return op;
  };
}

/** The scalar register of the scalar dup/mov (`mov h0, v1.h[3]`): b/h/s/d from imm5. */
export function FpImm5(reg: string, imm5Name = 'imm5'): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const i5 = fieldAccess(p, imm5Name);
    const table = sharedTable('scalar-imm5', () => {
      const out: (string | null)[] = [];
      for (let v = 0; v < 32; v++) {
        const s = imm5Size(v);
        for (let i = 0; i < 32; i++) out.push(s > 3 ? null : SCALAR[s] + i);
      }
      return out;
    });
    const rlo = r.f.lo;
    const ilo = i5.f.lo;
    const what = 'a b/h/s/d register';
    const op: BoundOperand = {
      role: 'fpreg',
      fields: [reg, imm5Name],
      optional: false,
      decode: (w) => table[(((w >>> ilo) & 31) << 5) | ((w >>> rlo) & 31)],
      encode: (tok) => {
        const t = requireTok(tok, what);
        const m = /^([bhsd])(\d\d?)$/i.exec(t);
        const num = m ? Number(m[2]) : NaN;
        if (!m || num > 31 || (m[2].length === 2 && m[2][0] === '0')) return new EncodeError(`expected ${what}, got '${t}'`);
        const s = SCALAR.indexOf(m[1].toLowerCase());
        return { bits: (r.set(num) | i5.set(1 << s)) >>> 0, mask: (r.mask | i5.set(markerMask(s))) >>> 0 };
      },
    };
    return op;
  };
}
