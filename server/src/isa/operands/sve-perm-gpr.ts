// The general register of SVE's scalar copies (dup/cpy/insr/lasta/clasta …): w for b/h/s
// elements, x for d, chosen by the row's size field.
import { gprName, parseGpr } from './gpr';
import { sharedTable } from './name-tables';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, requireTok } from './operand';
import { GPR_SHAPES } from './token-shape';

/** `wN`/`xN` by `size` (3 = x); register 31 is the zero register or sp. */
export function RSize(reg: string, r31: 'zr' | 'sp', sizeName = 'size'): OperandSpec {
  return (p) => {
    const r = fieldAccess(p, reg);
    const size = fieldAccess(p, sizeName);
    const table = sharedTable(`rsize:${r31}`, () => {
      const out: string[] = [];
      for (let s = 0; s < 4; s++) for (let n = 0; n < 32; n++) out.push(gprName(n, s === 3 ? 64 : 32, r31));
      return out;
    });
    const sp = r31 === 'sp';
    const op: BoundOperand = {
      role: 'gpr',
      fields: [reg],
      optional: false,
      shapes: (sp ? GPR_SHAPES.xsp | GPR_SHAPES.wsp : GPR_SHAPES.x | GPR_SHAPES.w) >>> 0,
      decode: (w) => table[(size.get(w) << 5) | r.get(w)],
      encode: (tok, _env, acc) => {
        const t = requireTok(tok, 'a general register');
        const g = parseGpr(t);
        const width = size.get(acc) === 3 ? 64 : 32;
        if (!g || g.width !== width || (g.is31 !== null && g.is31 !== r31)) {
          return new EncodeError(`expected a ${width}-bit general register${sp ? ' or ' + (width === 64 ? 'sp' : 'wsp') : ''} for these elements, got '${t}'`);
        }
        return { bits: r.set(g.num), mask: r.mask };
      },
    };
    return op;
  };
}
