// SVE memory operands with a scalar base, as objdump prints them:
//   [xn|sp{, #imm, mul vl}]     SveMemVl: signed offset in vector lengths (omitted when 0);
//                               ld2-ld4/st2-st4 step by the register count
//   [xn|sp{, #imm}]             SveMemImm: byte offset (ld1r*, ld1rq*, ld1ro*) — mem.ts's MemImm
//   [xn|sp, xm{, lsl #s}]       SveMemReg: register offset scaled by the element size; xm = xzr is
//                               reserved except for the first-fault loads, which print it
// and the 4-bit SVE prefetch operation (SvePrfop) of prfb/prfh/prfw/prfd.
import { composite } from './fields';
import { gprName, parseGpr } from './gpr';
import { CLOSED, MemImm, OPEN, OPEN_IMM, parseBase, parseMem } from './mem';
import { sharedTable } from './name-tables';
import { BoundOperand, EncodeEnv, EncodeError, OperandSpec, fieldAccess, parseImmediate } from './operand';
import { Shape, shapeBit } from './token-shape';

const MEM = shapeBit(Shape.Mem);


/** An offset part that must be an immediate (`#n` or a bare expression), not a register. */
function immPart(s: string, env: EncodeEnv): number | EncodeError {
  if (parseGpr(s) !== null || /^[zpv]\d/i.test(s)) return new EncodeError(`expected an immediate offset '#imm', got '${s}'`);
  return Number(parseImmediate(s, env));
}

/** An error about a token of the sibling form's shape: operand -1, so the sibling's own error wins. */
const sibling = (msg: string, alt: boolean | undefined): EncodeError => new EncodeError(msg, alt ? -1 : undefined);

export interface SveMemVlOptions {
  /** The offset steps by this many vector lengths (ld2-ld4/st2-st4: the register count). */
  mul?: number;
  /** The mnemonic also has a register-offset form (SveMemReg with `alt`). */
  alt?: boolean;
}

/**
 * `[xn|sp{, #imm, mul vl}]`: the signed field(s) `imm` (MSB first) times `mul`. GNU as also takes
 * `[xn, #0]` (no `mul vl` when the offset is 0).
 */
export function SveMemVl(rnName: string, immNames: string | readonly string[], o: SveMemVlOptions = {}): OperandSpec {
  const mul = o.mul ?? 1;
  return (p) => {
    const rn = fieldAccess(p, rnName);
    const c = composite(p, immNames);
    const half = 2 ** (c.width - 1);
    const full = 2 ** c.width;
    const lo = -half * mul;
    const hi = (half - 1) * mul;
    const what = `'[xn|sp{, #imm, mul vl}]'`;
    const op: BoundOperand = {
      role: 'mem',
      fields: [rnName, ...c.names],
      optional: false,
      shapes: MEM,
      decode: (w) => {
        const raw = c.get(w);
        const n = rn.get(w);
        if (raw === 0) return CLOSED[n];
        return OPEN_IMM[n] + (raw >= half ? raw - full : raw) * mul + ', mul vl]';
      },
      encode: (tok, env) => {
        const m = parseMem(tok, what);
        // a vector base is a gather's or scatter's address: their rows say what is wrong with it
        if (/^z\d/i.test(m.parts[0] ?? '')) return new EncodeError('invalid addressing mode', -1);
        if (m.writeback) return new EncodeError(`unexpected '!': this form has no writeback`);
        const base = parseBase(m);
        let v = 0;
        if (m.parts.length > 1 && parseGpr(m.parts[1]) !== null) return sibling(`expected an immediate offset '#imm, mul vl', got '${m.parts[1]}'`, o.alt);
        // a vector offset is a gather's or scatter's address: their rows say what is wrong with it
        if (m.parts.length > 1 && /^z\d/i.test(m.parts[1])) return new EncodeError(`invalid addressing mode`, -1);
        if (m.parts.length === 3) {
          if (!/^mul\s+vl$/i.test(m.parts[2])) return new EncodeError(`expected ', mul vl' after the offset, got '${m.parts[2]}'`);
          const r = immPart(m.parts[1], env);
          if (r instanceof EncodeError) return r;
          v = r;
        } else if (m.parts.length === 2) {
          const r = immPart(m.parts[1], env);
          if (r instanceof EncodeError) return r;
          if (r !== 0) return new EncodeError(`expected '[xn|sp, #imm, mul vl]': the offset counts vector lengths`);
        } else if (m.parts.length !== 1) return new EncodeError(`expected ${what}, got '${tok!.trim()}'`);
        if (!Number.isInteger(v) || v < lo || v > hi) return new EncodeError(`offset out of range ${lo} to ${hi}`);
        if (v % mul !== 0) return new EncodeError(`offset must be a multiple of ${mul}`);
        const raw = v / mul;
        return { bits: (rn.set(base) | c.set(raw < 0 ? raw + full : raw)) >>> 0, mask: (rn.mask | c.mask) >>> 0 };
      },
    };
    return op;
  };
}

/** `[xn|sp{, #imm}]`: an unsigned (or signed) byte offset of field(s) `imm` times `scale`. */
export const SveMemImm = (rnName: string, immNames: string | readonly string[], scale: number, signed = false): OperandSpec =>
  MemImm(rnName, immNames, { scale, signed });

export interface SveMemRegOptions {
  /**
   * xm = xzr is valid (the first-fault loads): objdump prints `xzr`, and GNU as takes `[xn]` and
   * `[xn, #0]` for it. Otherwise Rm = 31 is reserved and xzr is refused.
   */
  xzr?: boolean;
  /** The mnemonic also has an immediate-offset form (SveMemVl with `alt`, or SveMemImm). */
  alt?: boolean;
  /** `lsl #shift` may be left out (GNU as takes `[xn, xm]` for SME's ZA slice loads/stores). */
  lslOptional?: boolean;
}

/** `[xn|sp, xm{, lsl #shift}]`: `lsl #shift` is required when shift > 0, and `lsl #0` is accepted. */
export function SveMemReg(shift: number, rnName = 'Rn', rmName = 'Rm', o: SveMemRegOptions = {}): OperandSpec {
  return (p) => {
    const rn = fieldAccess(p, rnName);
    const rm = fieldAccess(p, rmName);
    const tail = shift === 0 ? ']' : `, lsl #${shift}]`;
    // the text after the base, per Rm (null = reserved)
    const rest = sharedTable(`svememreg:${shift}:${o.xzr ? 1 : 0}`, () =>
      Array.from({ length: 32 }, (_, m) => (m === 31 && !o.xzr ? null : ', ' + gprName(m, 64, 'zr') + tail)));
    const what = shift === 0 ? `'[xn|sp, xm]'` : `'[xn|sp, xm, lsl #${shift}]'`;
    const op: BoundOperand = {
      role: 'mem',
      fields: [rnName, rmName],
      optional: false,
      shapes: MEM,
      decode: (w) => {
        const r = rest[rm.get(w)];
        return r === null ? null : OPEN[rn.get(w)] + r;
      },
      encode: (tok, env) => {
        const m = parseMem(tok, what);
        // a vector base is a gather's or scatter's address: their rows say what is wrong with it
        if (/^z\d/i.test(m.parts[0] ?? '')) return new EncodeError('invalid addressing mode', -1);
        if (m.writeback) return new EncodeError(`unexpected '!': this form has no writeback`);
        const base = parseBase(m);
        let num: number;
        const r = m.parts.length > 1 ? parseGpr(m.parts[1]) : null;
        if (r === null) {
          // no index register: only the first-fault loads take that (as xzr)
          if (!o.xzr || m.parts.length > 2) return sibling(`expected ${what}, got '${tok!.trim()}'`, o.alt);
          if (m.parts.length === 2) {
            const v = immPart(m.parts[1], env);
            if (v instanceof EncodeError) return v;
            if (v !== 0) return new EncodeError(`expected ${what}, got '${tok!.trim()}'`);
          }
          num = 31;
        } else {
          if (m.parts.length > 3) return new EncodeError(`expected ${what}, got '${tok!.trim()}'`);
          if (r.width !== 64 || r.is31 === 'sp') return new EncodeError(`expected an index register xm, got '${m.parts[1]}'`);
          if (r.is31 === 'zr' && !o.xzr) return new EncodeError(`index register xzr is not allowed here`);
          if (m.parts.length === 3) {
            const sm = /^lsl\s*(.*)$/i.exec(m.parts[2]);
            if (!sm || sm[1] === '') return new EncodeError(`expected 'lsl #${shift}' after the index register, got '${m.parts[2]}'`);
            const a = Number(parseImmediate(sm[1], env));
            if (a !== shift) return new EncodeError(`shift amount must be #${shift}`);
          } else if (shift !== 0 && !o.lslOptional) return new EncodeError(`expected 'lsl #${shift}' after the index register`);
          num = r.num;
        }
        return { bits: (rn.set(base) | rm.set(num)) >>> 0, mask: (rn.mask | rm.mask) >>> 0 };
      },
    };
    return op;
  };
}
