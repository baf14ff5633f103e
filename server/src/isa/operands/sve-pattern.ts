// SVE predicate constraints (`vl64`, `pow2`, `all`, or `#n` for the unnamed values) and the
// `mul #n` multiplier of the element-count instructions.
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';

const NAMES: readonly string[] = [
  'pow2', 'vl1', 'vl2', 'vl3', 'vl4', 'vl5', 'vl6', 'vl7', 'vl8', 'vl16', 'vl32', 'vl64', 'vl128', 'vl256',
  ...Array.from({ length: 15 }, (_, k) => `#${k + 14}`), 'mul4', 'mul3', 'all',
];
const BY_NAME = new Map(NAMES.map((n, v) => [n, v] as const));
const ALL = 31;

export interface PatternOptions {
  /**
   * objdump leaves `all` out when this field (the `mul` multiplier) is 0, or always when '' — and
   * the assembler takes the pattern as absent then.
   */
  omitAllWith?: string;
}

/** The 5-bit predicate constraint. */
export function PredPattern(name = 'pattern', o: PatternOptions = {}): OperandSpec {
  return (p) => {
    const f = fieldAccess(p, name);
    const m = o.omitAllWith ? fieldAccess(p, o.omitAllWith) : null;
    const omit = o.omitAllWith !== undefined;
    const op: BoundOperand = {
      role: 'pattern',
      fields: [name],
      optional: omit,
      decode: (w) => {
        const v = f.get(w);
        if (v === ALL && omit && (!m || m.get(w) === 0)) return '';
        return NAMES[v];
      },
      encode: (tok, env) => {
        if (tok === undefined) return { bits: f.set(ALL), mask: f.mask };
        const t = requireTok(tok, 'a predicate pattern').toLowerCase();
        const v = BY_NAME.get(t);
        if (v !== undefined) return { bits: f.set(v), mask: f.mask };
        if (t.startsWith('#') || /^[0-9]/.test(t)) {
          const n = Number(parseImmediate(t, env));
          if (Number.isInteger(n) && n >= 0 && n <= 31) return { bits: f.set(n), mask: f.mask };
          return new EncodeError(`predicate pattern out of range 0 to 31`);
        }
        return new EncodeError(`expected a predicate pattern (pow2, vl1…vl256, mul4, mul3, all or #n), got '${t}'`);
      },
    };
    return op;
  };
}

/** `mul #n` (n = field + 1, 1..16); omitted when 1. */
export function MulImm(name = 'imm4'): OperandSpec {
  return (p) => {
    const f = fieldAccess(p, name);
    const op: BoundOperand = {
      role: 'imm',
      fields: [name],
      optional: true,
      decode: (w) => {
        const v = f.get(w);
        return v === 0 ? '' : `mul #${v + 1}`;
      },
      encode: (tok, env) => {
        if (tok === undefined) return { bits: 0, mask: f.mask };
        // (gas's scrubber leaves `mul#4`)
        const m = /^mul(?:\s+|(?=#))(.+)$/i.exec(requireTok(tok, "'mul #n'"));
        if (!m) return new EncodeError(`expected 'mul #n', got '${tok.trim()}'`);
        const n = Number(parseImmediate(m[1], env));
        if (!Number.isInteger(n) || n < 1 || n > f.max + 1) return new EncodeError(`multiplier out of range 1 to ${f.max + 1}`);
        return { bits: f.set(n - 1), mask: f.mask };
      },
    };
    return op;
  };
}
