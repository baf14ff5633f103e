// Registers of the MOPS memory copy/set instructions (cpy*, set*, setg*), as objdump prints them:
//   'addr'  `[xN]!`  destination / source address, written back (x0..x30)
//   'wb'    `xN!`    the count, written back (x0..x30)
//   'plain' `xN`     set's value register (x0..x30 or xzr)
// The registers of one instruction must all differ (objdump: undefined otherwise; gas: "the three
// register operands must be distinct from one another"): each operand checks itself against the
// fields of the operands before it.
import { parseGpr } from './gpr';
import { parseMem } from './mem';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, requireTok } from './operand';
import { sharedTable } from './name-tables';

export type MopsStyle = 'addr' | 'wb' | 'plain';

export function MopsReg(name: string, style: MopsStyle, distinctFrom: readonly string[] = []): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    if (distinctFrom.length > 2) throw new Error('MopsReg: at most two earlier registers');
    const others = distinctFrom.map((n) => fieldAccess(p, n).get);
    const [o1, o2] = others;
    const names = sharedTable(`mops:${style}`, () =>
      Array.from({ length: 32 }, (_, i) => {
        if (i === 31) return style === 'plain' ? 'xzr' : null;
        return style === 'addr' ? `[x${i}]!` : style === 'wb' ? `x${i}!` : `x${i}`;
      }),
    );
    const what = style === 'addr' ? "an address '[xn]!' (x0..x30)" : style === 'wb' ? "a register 'xn!' (x0..x30)" : 'a 64-bit register x0..x30 or xzr';
    const op: BoundOperand = {
      role: style === 'addr' ? 'mem' : 'gpr',
      fields: [name],
      optional: false,
      decode: others.length === 0
        ? (w) => names[a.get(w)]
        : others.length === 1
          ? (w) => {
              const n = a.get(w);
              return n === o1(w) ? null : names[n];
            }
          : (w) => {
              const n = a.get(w);
              return n === o1(w) || n === o2(w) ? null : names[n];
            },
      encode: (tok, _env, acc) => {
        const t = requireTok(tok, what);
        let reg = t;
        if (style === 'addr') {
          const m = parseMem(t, "'[xn]!'");
          if (!m.writeback || m.parts.length !== 1) return new EncodeError(`expected ${what}, got '${t}'`);
          reg = m.parts[0];
        } else if (style === 'wb') {
          if (t[t.length - 1] !== '!') return new EncodeError(`expected ${what} (with '!'), got '${t}'`);
          reg = t.slice(0, -1).trim();
        }
        const r = parseGpr(reg);
        if (!r || r.width !== 64 || r.is31 === 'sp' || (r.is31 === 'zr' && style !== 'plain')) {
          return new EncodeError(`expected ${what}, got '${t}'`);
        }
        for (const g of others) {
          if (g(acc) === r.num) return new EncodeError(`the three register operands must be distinct from one another ('${reg}' is used twice)`);
        }
        return { bits: a.set(r.num), mask: a.mask };
      },
    };
    return op;
  };
}
