// Small operand helpers shared by the load/store row files.
import { R, parseGpr } from '../operands/gpr';
import { EncodeError, NO_BITS, OperandSpec, fieldAccess } from '../operands/operand';

/** A field objdump ignores: decodes to nothing, encodes all ones (what gas writes). */
export function Ones(name: string): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    return {
      role: 'other', fields: [], optional: true, hidden: true,
      decode: () => '',
      encode: () => ({ bits: a.mask, mask: a.mask }),
    };
  };
}

/**
 * A decode-only condition on some fields: objdump prints the word as undefined when it fails,
 * while gas still assembles the form (with a warning), so the encoder does not check it.
 */
export function DecodeCheck(names: readonly string[], ok: (...values: number[]) => boolean): OperandSpec {
  return (p) => {
    const fs = names.map((n) => fieldAccess(p, n).get);
    return {
      role: 'other', fields: [], optional: true, hidden: true,
      decode: (w) => (ok(...fs.map((g) => g(w))) ? '' : null),
      encode: () => NO_BITS,
    };
  };
}

/** The first register of a casp pair: even-numbered (objdump: odd is undefined; gas: an error). */
export function EvenR(name: string, sf: 0 | 1): OperandSpec {
  return (p) => {
    const inner = R(name, sf)(p);
    const a = fieldAccess(p, name);
    return {
      ...inner,
      decode: (w, env) => ((a.get(w) & 1) === 0 ? inner.decode(w, env) : null),
      encode: (tok, env, acc) => {
        // the parity first: the same message from the w and x rows
        const r = tok === undefined ? null : parseGpr(tok.trim());
        if (r && r.num & 1) return new EncodeError(`the register pair must start with an even-numbered register, got '${tok!.trim()}'`);
        return inner.encode(tok, env, acc);
      },
    };
  };
}

/** Rt of ld64b/st64b*: x0..x22, even (gas checks it; objdump prints any). */
export function Ls64Rt(name = 'Rt'): OperandSpec {
  return (p) => {
    const inner = R(name, 1)(p);
    const a = fieldAccess(p, name);
    return {
      ...inner,
      encode: (tok, env, acc) => {
        const b = inner.encode(tok, env, acc);
        if (b instanceof EncodeError) return b;
        const n = a.get(b.bits);
        if (n & 1 || n > 22) return new EncodeError(`the 64-byte transfer register must be an even register x0..x22, got '${tok!.trim()}'`);
        return b;
      },
    };
  };
}
