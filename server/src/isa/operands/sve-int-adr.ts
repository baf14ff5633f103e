// ADR's vector address `[zN.T, zM.T{, mod #amount}]` (base vector plus scaled offset vector), as
// objdump prints it: the modifier is left out for lsl #0, and sxtw/uxtw print bare for amount 0.
import { EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';
import { parseMem } from './mem';
import { parseSveReg } from './sve-reg';
import { sharedTable } from './name-tables';
import { vectorBaseTexts } from './sve-gather';
import { Shape, shapeBit } from './token-shape';

export type AdrMod = 'sxtw' | 'uxtw' | 'lsl';

/** `[zN.T, zM.T{, mod #msz}]`; T is the element size, mod the offset's extension. */
export function AdrVec(zn: string, zm: string, msz: string, t: 's' | 'd', mod: AdrMod): OperandSpec {
  return (p) => {
    const n = fieldAccess(p, zn);
    const m = fieldAccess(p, zm);
    const s = fieldAccess(p, msz);
    // the text is the base part and the offset part, joined per word (index: msz << 5 | Zm)
    const bases = vectorBaseTexts(t);
    const offsets = sharedTable(`adr-m:${t}:${mod}`, () => {
      const out: string[] = [];
      for (let a = 0; a < 4; a++) {
        const ext = a ? `, ${mod} #${a}` : mod === 'lsl' ? '' : `, ${mod}`;
        for (let j = 0; j < 32; j++) out.push(`z${j}.${t}${ext}]`);
      }
      return out;
    });
    const nlo = n.f.lo;
    const mlo = m.f.lo;
    const slo = s.f.lo;
    const what = `'[zN.${t}, zM.${t}${mod === 'lsl' ? '{, lsl #0-3}' : `, ${mod}{ #0-3}`}]'`;
    return {
      role: 'mem',
      fields: [zn, zm, msz],
      optional: false,
      shapes: shapeBit(Shape.Other, Shape.Mem),
      decode: (w) => bases[(w >>> nlo) & 31] + offsets[(((w >>> slo) & 3) << 5) | ((w >>> mlo) & 31)],
      encode: (tok, env) => {
        const { parts, writeback } = parseMem(requireTok(tok, what), what);
        if (writeback || parts.length < 2 || parts.length > 3) return new EncodeError(`expected ${what}, got '${tok}'`);
        const a = parseSveReg(parts[0], 'z');
        const b = parseSveReg(parts[1], 'z');
        if (!a || !b || a.suffix !== t || b.suffix !== t || a.num > 31 || b.num > 31) return new EncodeError(`expected ${what}, got '${tok}'`);
        let amount = 0;
        if (parts.length === 3) {
          const x = /^([a-z]+)(?:\s*(.*))?$/i.exec(parts[2]);
          // (another extension is a sibling row's: its error is the one to show)
          if (!x || x[1].toLowerCase() !== mod) return new EncodeError(`expected ${what}, got '${tok}'`, -1);
          if (x[2]) amount = Number(parseImmediate(x[2], env));
          else if (mod === 'lsl') return new EncodeError(`expected a shift amount after 'lsl' in '${tok}'`);
          if (!Number.isInteger(amount) || amount < 0 || amount > 3) return new EncodeError('shift amount out of range 0 to 3');
        } else if (mod !== 'lsl') return new EncodeError(`expected ${what}, got '${tok}'`, -1);
        return { bits: (n.set(a.num) | m.set(b.num) | s.set(amount)) >>> 0, mask: (n.mask | m.mask | s.mask) >>> 0 };
      },
    };
  };
}
