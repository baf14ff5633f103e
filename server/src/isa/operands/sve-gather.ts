// SVE gather/scatter addresses with a vector, as objdump prints them:
//   [zn.T{, #imm}]               GatherVecImm: vector base plus imm5 × element bytes (0 omitted)
//   [xn|sp, zm.T{, mod}]         GatherScalarVec: scalar base plus a vector of offsets; mod is
//                                `uxtw`/`sxtw` (field xs) with `#shift` when scaled, `lsl #shift`,
//                                or nothing (64-bit unscaled offsets)
//   [zn.T, xm]                   GatherVecScalar: the SVE2 non-temporal forms (xzr printed)
// Texts come from tables built once per shape: decoding only indexes them.
import { gprName, parseGpr } from './gpr';
import { OPEN_REG, parseBase, parseMem } from './mem';
import { sharedTable } from './name-tables';
import { BoundOperand, EncodeEnv, EncodeError, OperandSpec, fieldAccess, parseImmediate } from './operand';
import { parseSveReg } from './sve-reg';
import { Shape, shapeBit } from './token-shape';

const MEM = shapeBit(Shape.Mem);
// decoded texts are a register part and the rest, joined per word (the product tables of every
// register pair would cost megabytes for words a kernel rarely holds)
const OFFSETS = Array.from({ length: 32 }, (_, i) => `${gprName(i, 64, 'zr')}]`);

/** A part of the address that must be `zN.<t>`: its number, or an error. */
function zPart(s: string, t: string, role: string): number | EncodeError {
  const z = parseSveReg(s, 'z');
  if (!z) return new EncodeError(`expected the ${role} z<n>.${t}, got '${s}'`);
  if (z.suffix !== t) return new EncodeError(`expected the ${role} z${z.num}.${t} (elements of the other operands), got '${s}'`);
  return z.num;
}

// The kinds of address, from the parts' first letters: a token of another kind is for a sibling
// row (operand index -1: the encoder prefers the error of the row of the token's kind).
const isZ = (s: string | undefined): boolean => s !== undefined && (s[0] === 'z' || s[0] === 'Z');
function otherKind(what: string): EncodeError {
  return new EncodeError(`this form takes an address ${what}`, -1);
}

/** The address `[zN.T{, …}]` of a vector-base form: its parts and the base's number, or why not. */
function vectorBase(tok: string | undefined, what: string, t: string): { m: ReturnType<typeof parseMem>; n: number } | EncodeError {
  const m = parseMem(tok, what);
  if (m.writeback) return new EncodeError(`unexpected '!': this form has no writeback`);
  if (!isZ(m.parts[0])) return otherKind(what);
  if (m.parts.length > 2) return new EncodeError(`expected ${what}, got '${tok!.trim()}'`);
  const n = zPart(m.parts[0], t, 'base vector');
  return n instanceof EncodeError ? n : { m, n };
}

/** `[zn.T{, #imm}]`: imm = field `immName` × `scale` (0 printed as the bare `[zn.T]`). */
export function GatherVecImm(znName: string, immName: string, t: 's' | 'd', scale: number): OperandSpec {
  return (p) => {
    const zn = fieldAccess(p, znName);
    const imm = fieldAccess(p, immName);
    const count = imm.max + 1;
    // the text is a register part and an offset part: two small tables, not their product
    const regs = sharedTable(`gvi-r:${t}`, () => Array.from({ length: 32 }, (_, n) => `[z${n}.${t}`));
    const offs = sharedTable(`gvi-o:${scale}:${count}`, () => Array.from({ length: count }, (_, i) => (i === 0 ? ']' : `, #${i * scale}]`)));
    const zlo = zn.f.lo;
    const ilo = imm.f.lo;
    const im = imm.max;
    const hi = im * scale;
    const what = `'[zn.${t}{, #imm}]'`;
    const op: BoundOperand = {
      role: 'mem',
      fields: [znName, immName],
      optional: false,
      shapes: MEM,
      decode: (w) => regs[(w >>> zlo) & 31] + offs[(w >>> ilo) & im],
      encode: (tok, env) => {
        const b = vectorBase(tok, what, t);
        if (b instanceof EncodeError) return b;
        const { m, n } = b;
        let v = 0;
        if (m.parts.length === 2) {
          v = Number(parseImmediate(m.parts[1], env));
          if (!Number.isInteger(v) || v < 0 || v > hi) return new EncodeError(`immediate offset out of range 0 to ${hi}`);
          if (v % scale !== 0) return new EncodeError(`immediate offset must be a multiple of ${scale}`);
        }
        return { bits: (zn.set(n) | imm.set(v / scale)) >>> 0, mask: (zn.mask | imm.mask) >>> 0 };
      },
    };
    return op;
  };
}

/** How the offsets of GatherScalarVec are extended: `uxtw`/`sxtw` by field, `lsl`, or not at all. */
export type GatherMod = { readonly xs: string } | 'lsl' | 'none';

/** Reads `uxtw`, `sxtw #1`, `lsl#3`, `uxtw 2`: the operator and the amount (0 when absent; lsl needs one). */
function parseMod(s: string, env: EncodeEnv): { op: string; amount: number } | EncodeError | null {
  const m = /^(uxtw|sxtw|lsl)\b\s*(.*)$/i.exec(s);
  if (!m) return null;
  const op = m[1].toLowerCase();
  if (m[2] === '' && op === 'lsl') return new EncodeError(`missing shift amount after 'lsl'`);
  return { op, amount: m[2] === '' ? 0 : Number(parseImmediate(m[2], env)) };
}

/**
 * `[xn|sp, zm.T{, mod}]`. With `{ xs }` the modifier is `uxtw` (xs = 0) or `sxtw` (xs = 1) with
 * `#shift` when shift > 0; 'lsl' prints `lsl #shift` (no modifier when shift is 0, as prfb);
 * 'none' prints no modifier (GNU as also takes `lsl #0`).
 */
export function GatherScalarVec(rnName: string, zmName: string, t: 's' | 'd', mod: GatherMod, shift: number): OperandSpec {
  return (p) => {
    const rn = fieldAccess(p, rnName);
    const zm = fieldAccess(p, zmName);
    const xs = typeof mod === 'object' ? fieldAccess(p, mod.xs) : null;
    const amount = shift ? ` #${shift}` : '';
    const tails = xs ? [`, uxtw${amount}]`, `, sxtw${amount}]`] : [mod === 'lsl' && shift ? `, lsl #${shift}]` : ']'];
    const table = sharedTable(`gsv:${t}:${tails.join('|')}`, () => {
      const out: string[] = [];
      for (const tail of tails) for (let m = 0; m < 32; m++) out.push(`z${m}.${t}${tail}`);
      return out;
    });
    const nlo = rn.f.lo;
    const mlo = zm.f.lo;
    const xlo = xs ? xs.f.lo : 0;
    const scaled = mod === 'lsl' && shift > 0;
    const what = xs ? `'[xn|sp, zm.${t}, uxtw|sxtw${amount}]'` : scaled ? `'[xn|sp, zm.${t}, lsl #${shift}]'` : `'[xn|sp, zm.${t}]'`;
    const op: BoundOperand = {
      role: 'mem',
      fields: xs ? [rnName, zmName, xs.f.name] : [rnName, zmName],
      optional: false,
      shapes: MEM,
      decode: xs
        ? (w) => OPEN_REG[(w >>> nlo) & 31] + table[(((w >>> xlo) & 1) << 5) | ((w >>> mlo) & 31)]
        : (w) => OPEN_REG[(w >>> nlo) & 31] + table[(w >>> mlo) & 31],
      encode: (tok, env) => {
        const m = parseMem(tok, what);
        if (m.writeback) return new EncodeError(`unexpected '!': this form has no writeback`);
        if (isZ(m.parts[0]) || m.parts.length < 2 || !isZ(m.parts[1])) return otherKind(what);
        if (m.parts.length > 3) return new EncodeError(`expected ${what}, got '${tok!.trim()}'`);
        const base = parseBase(m);
        const n = zPart(m.parts[1], t, 'offset vector');
        if (n instanceof EncodeError) return n;
        const md = m.parts.length === 3 ? parseMod(m.parts[2], env) : null;
        if (md instanceof EncodeError) return md;
        if (m.parts.length === 3 && !md) return new EncodeError(`expected ${what}, got '${tok!.trim()}'`);
        let bits = (rn.set(base) | zm.set(n)) >>> 0;
        let mask = (rn.mask | zm.mask) >>> 0;
        if (xs) {
          if (!md || md.op === 'lsl') return new EncodeError(`expected ${what}: 32-bit offsets are extended by uxtw or sxtw`);
          if (md.amount !== shift) return new EncodeError(shift ? `shift amount must be #${shift} (the element size)` : `this form takes unscaled offsets (no shift)`);
          bits = (bits | xs.set(md.op === 'sxtw' ? 1 : 0)) >>> 0;
          mask = (mask | xs.mask) >>> 0;
        } else if (md) {
          if (md.op !== 'lsl') return new EncodeError(`expected ${what}: ${md.op} takes 32-bit offsets`);
          if (md.amount !== (scaled ? shift : 0)) return new EncodeError(scaled ? `shift amount must be #${shift} (the element size)` : `this form takes unscaled offsets (no shift)`);
        } else if (scaled) return new EncodeError(`expected 'lsl #${shift}' after the offset vector`);
        return { bits, mask };
      },
    };
    return op;
  };
}

/** `[z0.t, `, …, `[z31.t, `: the head of a vector-base address with a register offset, by base register. */
export const vectorBaseTexts = (t: 's' | 'd'): readonly string[] => sharedTable(`z-base:${t}`, () => Array.from({ length: 32 }, (_, n) => `[z${n}.${t}, `));

/** `[zn.T, xm]`: xm = xzr is printed; GNU as takes `[zn.T]` for it. */
export function GatherVecScalar(znName: string, rmName: string, t: 's' | 'd'): OperandSpec {
  return (p) => {
    const zn = fieldAccess(p, znName);
    const rm = fieldAccess(p, rmName);
    const regs = vectorBaseTexts(t);
    const nlo = zn.f.lo;
    const mlo = rm.f.lo;
    const what = `'[zn.${t}{, xm}]'`;
    const op: BoundOperand = {
      role: 'mem',
      fields: [znName, rmName],
      optional: false,
      shapes: MEM,
      decode: (w) => regs[(w >>> nlo) & 31] + OFFSETS[(w >>> mlo) & 31],
      encode: (tok) => {
        const b = vectorBase(tok, what, t);
        if (b instanceof EncodeError) return b;
        const { m, n } = b;
        let r = 31;
        if (m.parts.length === 2) {
          const g = parseGpr(m.parts[1]);
          if (!g) return m.parts[1][0] === '#' ? otherKind(what) : new EncodeError(`expected an offset register xm, got '${m.parts[1]}'`);
          if (g.width !== 64 || g.is31 === 'sp') return new EncodeError(`expected an offset register x0-x30 or xzr, got '${m.parts[1]}'`);
          r = g.num;
        }
        return { bits: (zn.set(n) | rm.set(r)) >>> 0, mask: (zn.mask | rm.mask) >>> 0 };
      },
    };
    return op;
  };
}
