// PC-relative targets: printed as absolute addresses (objdump without symbols), encoded from an
// absolute target expression (a number, or a symbol the front end resolves).
import { composite } from './fields';
import { EncodeError, OperandSpec, parseImmediate, requireTok } from './operand';

const U64 = (1n << 64n) - 1n;

export interface LabelOptions {
  /** Bytes per unit of the offset field: 4 for branches/literals, 1 for adr, 4096 for adrp. */
  scale: number;
  /** adrp: the base is pc with its low 12 bits cleared. */
  page?: boolean;
}

function rangeText(bytes: bigint): string {
  const kib = bytes / 1024n;
  return kib >= 1024n ? `±${kib / 1024n} MiB` : `±${kib} KiB`;
}

export function Label(names: string | readonly string[], o: LabelOptions): OperandSpec {
  return (p) => {
    const c = composite(p, names);
    const scale = BigInt(o.scale);
    const half = 1n << BigInt(c.width - 1);
    const halfN = 2 ** (c.width - 1);
    const limit = half * scale;
    return {
      role: 'label',
      fields: c.names,
      optional: false,
      decode: (w, env) => {
        // offsets fit a double exactly (at most 33 bits): one BigInt step for the 64-bit sum
        const raw = c.get(w);
        const off = (raw >= halfN ? raw - 2 * halfN : raw) * o.scale;
        const base = o.page ? env.pc & ~0xfffn : env.pc;
        return '0x' + ((base + BigInt(off)) & U64).toString(16);
      },
      encode: (tok, env) => {
        const t = requireTok(tok, 'a branch target');
        const target = BigInt.asUintN(64, parseImmediate(t.startsWith('#') ? t : t, env));
        const base = o.page ? env.pc & ~0xfffn : env.pc;
        let off = BigInt.asIntN(64, target - base);
        if (off % scale !== 0n) return new EncodeError(`target ${t} is not ${o.page ? 'page' : o.scale + '-byte'} aligned relative to the pc`);
        if (off < -limit || off >= limit) return new EncodeError(`target out of range (${rangeText(limit)} from the pc)`);
        off /= scale;
        return { bits: c.set(Number(off < 0n ? off + 2n * half : off)), mask: c.mask };
      },
    };
  };
}
