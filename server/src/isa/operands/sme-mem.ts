// SME's `[xn|sp{, #imm, mul vl}]` of ZA ldr/str, whose immediate is the ZA vector offset (the same
// field: the encoder's field check ties the two; gas also takes it without `mul vl`). The ZA slice
// loads/stores take SVE's `[xn|sp, xm{, lsl #s}]` (sve-mem.ts, with xzr and an optional lsl).
import { sharedTable } from './name-tables';
import { OPEN, parseBase, parseMem } from './mem';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, tryParseImmediate } from './operand';
import { Shape, shapeBit } from './token-shape';

const MEM = shapeBit(Shape.Mem);

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
