// Prefetch operations: type (pld, pli, pst), target (l1..l3) and policy (keep, strm) packed in a
// field; the values without a name print as objdump does — `#0x06` for prfm/prfum's 5 bits,
// `#6` for SVE's 4 bits (type pld/pst only).
import { EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';

const TARGETS = ['l1', 'l2', 'l3'];
const POLICIES = ['keep', 'strm'];

interface PrefetchNames {
  readonly text: readonly string[];
  readonly byName: ReadonlyMap<string, number>;
  /** The names' prefixes (a misspelt name is reported as one). */
  readonly types: RegExp;
  readonly what: string;
}

function names(types: readonly string[], bits: number, unnamed: (v: number) => string): PrefetchNames {
  const text = Array.from({ length: 2 ** bits }, (_, v) => {
    const type = v >> 3;
    const target = (v >> 1) & 3;
    return type < types.length && target < 3 ? types[type] + TARGETS[target] + POLICIES[v & 1] : unnamed(v);
  });
  const byName = new Map<string, number>();
  text.forEach((t, v) => {
    if (t[0] !== '#') byName.set(t, v);
  });
  const what = `pldl1keep … pstl3strm or #0..${2 ** bits - 1}`;
  return { text, byName, types: new RegExp(`^(${types.join('|')})`, 'i'), what };
}

const A64 = names(['pld', 'pli', 'pst'], 5, (v) => '#0x' + v.toString(16).padStart(2, '0'));
// (SVE's type bit is bit 3: pld 0, pst 1)
const SVE = names(['pld', 'pst'], 4, (v) => '#' + v);

function prefetchOp(n: PrefetchNames, name: string): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    const max = n.text.length - 1;
    return {
      role: 'prefetch',
      fields: [name],
      optional: false,
      decode: (w) => n.text[a.get(w)],
      encode: (tok, env) => {
        const t = requireTok(tok, `a prefetch operation (${n.what})`);
        const byName = n.byName.get(t.toLowerCase());
        if (byName !== undefined) return { bits: a.set(byName), mask: a.mask };
        if (n.types.test(t)) return new EncodeError(`unknown prefetch operation '${t}' (${n.what})`);
        const v = Number(parseImmediate(t, env));
        if (!Number.isInteger(v) || v < 0 || v > max) return new EncodeError(`prefetch operation out of range 0..${max}`);
        return { bits: a.set(v), mask: a.mask };
      },
    };
  };
}

/** The prefetch operation of prfm/prfum in field `name` (Rt). */
export const Prfop = (name = 'Rt'): OperandSpec => prefetchOp(A64, name);

/** The SVE prefetch operation in field `name` (4 bits). */
export const SvePrfop = (name = 'prfop'): OperandSpec => prefetchOp(SVE, name);
