// Condition codes, spelled as GNU objdump prints them (cs/cc, not hs/lo).
import { EncodeError, OperandSpec, fieldAccess, requireTok } from './operand';

export const COND_NAMES = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];

export function parseCond(tok: string): number {
  const t = tok.trim().toLowerCase();
  if (t === 'hs') return 2;
  if (t === 'lo') return 3;
  return COND_NAMES.indexOf(t);
}

/** A condition operand; `invert` for the cset/cinc/cneg family, whose text is the inverse of the field. */
export function Cond(name = 'cond', invert = false): OperandSpec {
  return (p) => {
    const c = fieldAccess(p, name);
    return {
      role: 'cond',
      fields: [name],
      optional: false,
      decode: (w) => COND_NAMES[invert ? c.get(w) ^ 1 : c.get(w)],
      encode: (tok) => {
        const n = parseCond(requireTok(tok, 'a condition'));
        if (n < 0) return new EncodeError(`expected a condition (eq, ne, cs/hs, cc/lo, …), got '${tok}'`);
        if (invert && n >= 14) return new EncodeError(`condition '${tok}' cannot be inverted`);
        return { bits: c.set(invert ? n ^ 1 : n), mask: c.mask };
      },
    };
  };
}
