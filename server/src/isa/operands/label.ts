// PC-relative targets: printed as absolute addresses (objdump without symbols), encoded from an
// absolute target expression (a number, or a symbol the front end resolves).
import { composite } from './fields';
import { EncodeError, OperandSpec, parseImmediate, requireTok } from './operand';

// Number#toString(16) is slow for large values; branch targets are a sixth of kernel words
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (n: number): string => HEX2[n >>> 24] + HEX2[(n >>> 16) & 255] + HEX2[(n >>> 8) & 255] + HEX2[n & 255];
function hexTrim(n: number): string {
  const s = hex8(n);
  let i = 0;
  while (i < 7 && s.charCodeAt(i) === 48) i++;
  return s.slice(i);
}

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
        // 64-bit target from 32-bit halves: offsets are at most 33 bits, exact in a double
        const raw = c.get(w);
        const off = (raw >= halfN ? raw - 2 * halfN : raw) * o.scale;
        let lo = (o.page ? env.pcLo - (env.pcLo % 4096) : env.pcLo) + off;
        const carry = Math.floor(lo / 4294967296);
        lo -= carry * 4294967296;
        const hi = (env.pcHi + carry) >>> 0;
        return hi ? '0x' + hexTrim(hi) + hex8(lo) : '0x' + hexTrim(lo);
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
