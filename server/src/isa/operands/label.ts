// PC-relative targets: printed as absolute addresses (objdump without symbols), encoded from an
// absolute target expression (a number, or a symbol the front end resolves).
import { composite } from './fields';
import { EncodeError, OperandSpec, parseImmediate, requireTok } from './operand';

// Number#toString(16) is slow for large values; branch targets are a sixth of kernel words, so
// their text is built from character codes in one string, and the high half's text is reused
// while it stays the same (it does across a kernel's text)
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const hex8 = (n: number): string =>
  String.fromCharCode(
    HEX[n >>> 28], HEX[(n >>> 24) & 15], HEX[(n >>> 20) & 15], HEX[(n >>> 16) & 15],
    HEX[(n >>> 12) & 15], HEX[(n >>> 8) & 15], HEX[(n >>> 4) & 15], HEX[n & 15],
  );
/** `0x` and n's hex digits without leading zeros. */
const hex0x = (n: number): string => '0x' + n.toString(16);
let lastHi = -1;
let lastHiText = '';

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
        if (hi === 0) return hex0x(lo);
        if (hi !== lastHi) {
          lastHi = hi;
          lastHiText = hex0x(hi);
        }
        return lastHiText + hex8(lo);
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
