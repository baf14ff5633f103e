// Shared pieces of the AdvSIMD vector rows: arrangement subsets and small operand kinds
// (the `#0` / `#0.0` of compares against zero).
import { BoundOperand, EncodeError, OperandSpec, requireTok } from '../operands/operand';
import { Arrangement, SIZE_Q, arrangement } from '../operands/vreg';

/** size:Q arrangements restricted to `names` (from 8b 16b 4h 8h 2s 4s 2d). */
export function sizeQ(...names: string[]): Arrangement {
  const t: Record<string, number> = {};
  for (const n of names) {
    const v = SIZE_Q.table[n];
    if (v === undefined) throw new Error(`no size:Q arrangement ${n}`);
    t[n] = v;
  }
  return arrangement(['size', 'Q'], t);
}

/** An arrangement chosen by one field's value: `byField('Q', '8b', '16b')` = Q 0 → 8b, 1 → 16b. */
export function byField(f: string | readonly string[], ...names: (string | null)[]): Arrangement {
  const t: Record<string, number> = {};
  names.forEach((n, i) => {
    if (n !== null) t[n] = i;
  });
  return arrangement(f, t);
}

export const ALL = sizeQ('8b', '16b', '4h', '8h', '2s', '4s', '2d');
export const BHS = sizeQ('8b', '16b', '4h', '8h', '2s', '4s');
export const HS = sizeQ('4h', '8h', '2s', '4s');
export const BH = sizeQ('8b', '16b', '4h', '8h');
/** Q alone, for rows whose size is fixed. */
export const Q_B = byField('Q', '8b', '16b');
export const Q_H = byField('Q', '4h', '8h');
export const Q_S = byField('Q', '2s', '4s');
export const Q_2H = byField('Q', '2h', '4h');
/** Single/double precision sz:Q (1d reserved). */
export const FP_SD = arrangement(['sz', 'Q'], { '2s': 0, '4s': 1, '2d': 3 });

/** A fixed immediate text (`#0`, `#0.0`); `accept` lists other spellings the assembler takes. */
export function Fixed(text: string, ...accept: string[]): OperandSpec {
  const ok = new Set([text, ...accept].map((s) => s.replace(/\s+/g, '').toLowerCase()));
  return () => {
    const op: BoundOperand = {
      role: 'imm',
      fields: [],
      optional: false,
      decode: () => text,
      encode: (tok) => {
        const t = requireTok(tok, text).replace(/\s+/g, '').toLowerCase();
        if (!ok.has(t)) throw new EncodeError(`expected ${text}, got '${tok}'`);
        return { bits: 0, mask: 0 };
      },
    };
    return op;
  };
}


