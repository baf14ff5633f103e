// The one-bit FP immediates of SVE's predicated arithmetic with an immediate (fadd #0.5/#1.0,
// fmul #0.5/#2.0, fmax #0.0/#1.0): a field bit chooses one of two constants.
import { parseFpLiteral } from './fpimm';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, requireTok } from './operand';

/** `#a` (field 0) or `#b` (field 1); a and b as objdump prints them ('0.5', '1.0'). */
export function FpImmPair(name: string, a: string, b: string): OperandSpec {
  const texts = ['#' + a, '#' + b];
  const values = [Number(a), Number(b)];
  const what = `#${a} or #${b}`;
  return (p) => {
    const f = fieldAccess(p, name);
    const op: BoundOperand = {
      role: 'fpimm',
      fields: [name],
      optional: false,
      decode: (w) => texts[f.get(w)],
      encode: (tok) => {
        const t = requireTok(tok, what);
        // GNU as reads the value as a single-precision literal (also `#0x3f000000`) and rejects -0.0
        const v = parseFpLiteral(t, 's');
        const i = v === null || Object.is(v, -0) ? -1 : values.indexOf(v);
        if (i < 0) return new EncodeError(`floating-point value must be ${a} or ${b}, got '${t}'`);
        return { bits: f.set(i), mask: f.mask };
      },
    };
    return op;
  };
}
