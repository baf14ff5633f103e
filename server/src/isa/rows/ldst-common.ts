// Small operand helpers shared by the load/store row files.
import { R, gprName, parseGpr } from '../operands/gpr';
import { EncodeError, NO_BITS, OperandSpec, fieldAccess, requireTok } from '../operands/operand';

const X_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 64, 'zr'));
const W_NAMES = Array.from({ length: 32 }, (_, i) => gprName(i, 32, 'zr'));

/**
 * A decode-only condition on some fields: objdump prints the word as undefined when it fails,
 * while gas still assembles the form (with a warning), so the encoder does not check it.
 */
export function DecodeCheck(names: readonly [string, string, string?], ok: (a: number, b: number, c: number) => boolean): OperandSpec {
  return (p) => {
    const g0 = fieldAccess(p, names[0]).get;
    const g1 = fieldAccess(p, names[1]).get;
    const g2 = names[2] !== undefined ? fieldAccess(p, names[2]).get : () => 0;
    return {
      role: 'other', fields: [], optional: true, hidden: true,
      decode: (w) => (ok(g0(w), g1(w), g2(w)) ? '' : null),
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

/**
 * The register after another one, as the second of a pair (casp's `x0, x1`): decodes field+1
 * (x30's partner is xzr); encodes nothing, but checks the token is that register.
 */
export function NextReg(name: string, width: 32 | 64): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    const names = width === 64 ? X_NAMES : W_NAMES;
    return {
      role: 'gpr',
      fields: [name],
      optional: false,
      decode: (w) => names[(a.get(w) + 1) & 31],
      encode: (tok, _env, acc) => {
        const t = requireTok(tok, 'the second register of the pair');
        const want = names[(a.get(acc) + 1) & 31];
        const r = parseGpr(t);
        if (!r || r.width !== width || r.is31 === 'sp' || r.num !== ((a.get(acc) + 1) & 31)) {
          return new EncodeError(`expected '${want}' (the register after the first of the pair), got '${t}'`);
        }
        return NO_BITS;
      },
    };
  };
}
