// prfm/prfum prefetch operations: Rt = type:2 (pld, pli, pst) target:2 (l1..l3) policy:1 (keep,
// strm). Encodings without a name print as objdump does: `#0x06` (two hex digits).
import { EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';

const TYPES = ['pld', 'pli', 'pst'];
const TARGETS = ['l1', 'l2', 'l3'];
const POLICIES = ['keep', 'strm'];

/** Text of each of the 32 values. */
export const PRFOP_TEXT: readonly string[] = Array.from({ length: 32 }, (_, v) => {
  const type = v >> 3;
  const target = (v >> 1) & 3;
  if (type < 3 && target < 3) return TYPES[type] + TARGETS[target] + POLICIES[v & 1];
  return '#0x' + v.toString(16).padStart(2, '0');
});

const BY_NAME = new Map<string, number>();
PRFOP_TEXT.forEach((t, v) => {
  if (t[0] !== '#') BY_NAME.set(t, v);
});

/** The prefetch operation in field `name` (Rt). */
export function Prfop(name = 'Rt'): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    return {
      role: 'prefetch',
      fields: [name],
      optional: false,
      decode: (w) => PRFOP_TEXT[a.get(w)],
      encode: (tok, env) => {
        const t = requireTok(tok, 'a prefetch operation (pldl1keep … pstl3strm or #0..31)');
        const byName = BY_NAME.get(t.toLowerCase());
        if (byName !== undefined) return { bits: a.set(byName), mask: a.mask };
        if (/^p(ld|li|st)/i.test(t)) return new EncodeError(`unknown prefetch operation '${t}' (pldl1keep … pstl3strm or #0..31)`);
        const v = Number(parseImmediate(t, env));
        if (!Number.isInteger(v) || v < 0 || v > 31) return new EncodeError('prefetch operation out of range 0..31');
        return { bits: a.set(v), mask: a.mask };
      },
    };
  };
}
