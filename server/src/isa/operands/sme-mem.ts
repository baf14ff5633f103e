// SME memory operands: `[xn|sp, xm{, lsl #s}]` of ZA slice loads/stores (xzr allowed and printed;
// gas also takes `[xn]` and an omitted `lsl`), and `[xn|sp{, #imm, mul vl}]` of ZA ldr/str, whose
// immediate is the ZA vector offset (the same field: the encoder's field check ties the two;
// gas also takes it without `mul vl`).
import { gprName, parseGpr } from './gpr';
import { sharedTable } from './name-tables';
import { parseBase, parseMem } from './mem';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, tryParseImmediate } from './operand';
import { Shape, shapeBit } from './token-shape';

const MEM = shapeBit(Shape.Mem);
const OPEN = Array.from({ length: 32 }, (_, i) => '[' + gprName(i, 64, 'sp'));
const XZR_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 64, 'zr'));

/** `[xn|sp, xm{, lsl #shift}]` (the lsl printed when shift > 0). */
export function SmeMemReg(shift: number, rnName = 'Rn', rmName = 'Rm'): OperandSpec {
  return (p) => {
    const rn = fieldAccess(p, rnName);
    const rm = fieldAccess(p, rmName);
    const tail = shift ? `, lsl #${shift}]` : ']';
    // index = Rn << 5 | Rm
    const table = sharedTable(`smemreg:${shift}`, () => Array.from({ length: 1024 }, (_, k) => `${OPEN[k >>> 5]}, ${XZR_NAMES[k & 31]}${tail}`));
    const nlo = rn.f.lo;
    const mlo = rm.f.lo;
    const what = `'[xn|sp{, xm${shift ? `, lsl #${shift}` : ''}}]'`;
    const op: BoundOperand = {
      role: 'mem',
      fields: [rnName, rmName],
      optional: false,
      shapes: MEM,
      decode: (w) => table[(((w >>> nlo) & 31) << 5) | ((w >>> mlo) & 31)],
      encode: (tok, env) => {
        const m = parseMem(tok, what);
        if (m.writeback || m.parts.length > 3) return new EncodeError(`expected ${what}, got '${tok!.trim()}'`);
        const base = parseBase(m);
        let index = 31;
        if (m.parts.length === 2 && m.parts[1][0] === '#') {
          // gas takes `[xn, #imm]` as `[xn, xzr]`, dropping the immediate; only #0 means that
          const z = tryParseImmediate(m.parts[1], env);
          if (z instanceof EncodeError) return z;
          if (z !== 0n) return new EncodeError(`expected ${what}: this form has no immediate offset, got '${m.parts[1]}'`);
        } else if (m.parts.length >= 2) {
          const r = parseGpr(m.parts[1]);
          if (!r || r.width !== 64 || r.is31 === 'sp') return new EncodeError(`expected an offset register xm or xzr, got '${m.parts[1]}'`);
          index = r.num;
        }
        if (m.parts.length === 3) {
          const s = /^lsl\s*(#?.+)$/i.exec(m.parts[2]);
          const a = s ? tryParseImmediate(s[1], env) : null;
          if (a instanceof EncodeError) return a;
          if (a === null || Number(a) !== shift) return new EncodeError(`expected 'lsl #${shift}' after the offset register, got '${m.parts[2]}'`);
        }
        return { bits: (rn.set(base) | rm.set(index)) >>> 0, mask: (rn.mask | rm.mask) >>> 0 };
      },
    };
    return op;
  };
}

/** `[xn|sp{, #imm, mul vl}]`: offset in vector lengths, omitted when 0; follows the ZaArray that sets it. */
export function SmeMemVl(rnName: string, immName: string): OperandSpec {
  return (p) => {
    const rn = fieldAccess(p, rnName);
    const imm = fieldAccess(p, immName);
    const n = imm.max + 1;
    const table = sharedTable(`smemvl:${n}`, () =>
      Array.from({ length: 32 * n }, (_, k) => {
        const off = k % n;
        return `${OPEN[Math.floor(k / n)]}${off ? `, #${off}, mul vl` : ''}]`;
      }),
    );
    const nlo = rn.f.lo;
    const ilo = imm.f.lo;
    const im = imm.max;
    const what = `'[xn|sp{, #imm, mul vl}]'`;
    const op: BoundOperand = {
      role: 'mem',
      fields: [rnName, immName],
      optional: false,
      shapes: MEM,
      decode: (w) => table[((w >>> nlo) & 31) * n + ((w >>> ilo) & im)],
      encode: (tok, env, acc) => {
        const m = parseMem(tok, what);
        if (m.writeback || m.parts.length > 3) return new EncodeError(`expected ${what}, got '${tok!.trim()}'`);
        const base = parseBase(m);
        let off = 0;
        // gas also takes the offset without `mul vl`
        if (m.parts.length >= 2) {
          if (m.parts.length === 3 && !/^mul\s+vl$/i.test(m.parts[2])) return new EncodeError(`expected 'mul vl' after the offset, got '${m.parts[2]}'`);
          const v = tryParseImmediate(m.parts[1], env);
          if (v instanceof EncodeError) return v;
          off = Number(v);
          if (off < 0 || off > im) return new EncodeError(`offset out of range 0..${im}`);
        }
        // the ZA operand before it has set the shared field
        if (imm.get(acc) !== off) return new EncodeError(`the offset must equal the ZA vector offset (#${imm.get(acc)})`);
        return { bits: (rn.set(base) | imm.set(off)) >>> 0, mask: (rn.mask | imm.mask) >>> 0 };
      },
    };
    return op;
  };
}
