// Post-index operands of the AdvSIMD structure loads/stores (ld1…ld4, st1…st4, ld1r…ld4r), the
// part after the base `[xn|sp]` (which is MemBase with postIndex):
//   `#imm`  PostBytes: the immediate is fixed, the number of bytes transferred (objdump prints
//           it; gas accepts only that value), chosen by fields such as Q or size
//   `xm`    PostReg: a 64-bit register x0..x30 (Rm = 31 is the immediate form)
// and LdstList, the register list of the forms that have both shapes (encoder errors).
import { composite } from './fields';
import { gprName, parseGpr } from './gpr';
import { BoundOperand, EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';
import { parseVList } from './vlist';

/**
 * `#bytes` where bytes = table[value of `fields`] (MSB first; no fields = the constant table[0]).
 * Encoding reads the fields from the bits of the operands before it (the register list), so the
 * list must come first.
 */
export function PostBytes(fields: readonly string[], table: readonly number[]): OperandSpec {
  return (p) => {
    const c = fields.length ? composite(p, fields) : null;
    const texts = table.map((n) => '#' + n);
    if (c && table.length !== 2 ** c.width) throw new Error(`PostBytes: table needs ${2 ** c.width} entries`);
    const op: BoundOperand = {
      role: 'imm',
      fields: [...fields],
      optional: false,
      decode: c ? (w) => texts[c.get(w)] : () => texts[0],
      encode: (tok, env, acc) => {
        const t = requireTok(tok, 'a post-index amount #imm or register xm');
        const want = table[c ? c.get(acc) : 0];
        if (t[0] !== '#' && parseGpr(t) !== null) return new EncodeError(`expected a post-index amount #${want}, got '${t}'`);
        const v = parseImmediate(t, env);
        if (v !== BigInt(want)) return new EncodeError(`post-index amount must be #${want} (the bytes transferred), got '${t}'`);
        return { bits: 0, mask: 0 };
      },
    };
    return op;
  };
}

const X_NAMES = Array.from({ length: 32 }, (_, i) => (i === 31 ? null : gprName(i, 64, 'zr')));

/** The post-index register `xm` (x0..x30; Rm = 31 is the immediate form, so xzr is refused). */
export function PostReg(name = 'Rm'): OperandSpec {
  return (p) => {
    const a = fieldAccess(p, name);
    const op: BoundOperand = {
      role: 'gpr',
      fields: [name],
      optional: false,
      decode: (w) => X_NAMES[a.get(w)],
      encode: (tok) => {
        const t = requireTok(tok, 'a post-index register xm');
        const r = parseGpr(t);
        if (!r || r.width !== 64 || r.is31 !== null) {
          return new EncodeError(`expected a 64-bit post-index register x0..x30, got '${t}'`);
        }
        return { bits: a.set(r.num), mask: a.mask };
      },
    };
    return op;
  };
}

/**
 * A register list of ld1…ld4/st1…st4, which have both a whole-register form (`{v0.16b, v1.16b}`)
 * and a one-lane form (`{v0.b, v1.b}[3]`) under one mnemonic. When the token has the shape of a
 * sibling row (the other form, another lane size, another count of ld1/st1's lists), the error is
 * given operand index -1, so the encoder reports the error of the row of the token's shape (e.g.
 * "element index out of range") rather than this row's.
 *   o.lane: this row takes one lane of this size (b/h/s/d) and an index;
 *   o.count: this row takes this many registers and rows of the mnemonic take other counts.
 */
export function LdstList(inner: OperandSpec, o: { lane?: string; count?: number }): OperandSpec {
  const LANES = 'bhsd';
  return (p) => {
    const op = inner(p);
    return {
      ...op,
      encode: (tok, env, acc) => {
        if (tok !== undefined) {
          let l;
          try {
            l = parseVList(tok);
          } catch {
            return op.encode(tok, env, acc);
          }
          const lane = l.t.length === 1 && LANES.includes(l.t);
          const t = tok.trim();
          if (o.lane !== undefined) {
            if (!lane && l.index === undefined) return new EncodeError('this form takes one lane (vN.b/h/s/d) and an index [n]', -1);
            if (!lane) return new EncodeError(`expected an element type (vN.b/h/s/d) before the index, got '${t}'`);
            if (l.t !== o.lane) return new EncodeError(`this form takes lanes of type ${o.lane}`, -1);
            if (l.index === undefined) return new EncodeError(`expected an element index [n] after the register list '${t}'`);
          } else {
            if (l.index !== undefined) return new EncodeError('this form takes a register list without an element index', -1);
            if (lane) return new EncodeError(`expected an arrangement (vN.8b/16b/4h/8h/2s/4s/1d/2d) or an element index [n] in '${t}'`, -1);
            if (o.count !== undefined && l.count !== o.count) return new EncodeError(`register list must have ${o.count} registers`, -1);
          }
        }
        return op.encode(tok, env, acc);
      },
    };
  };
}
