// What one instruction does to the registers, the flags, the stack and the control flow, read
// from the decoder's structured operands (role + field). Unknown shapes err towards "writes its
// destination" (never "preserves"), so a register is only proven intact when it truly is.
import { Decoded, decode } from '../isa';

/**
 * Register numbers: x0–x30 = 0–30, sp = 31, d8–d15 (the callee-saved low halves of v8–v15) =
 * 32–39, NZCV = 40. Other FP/SIMD registers are not tracked (nothing is owed about them).
 */
export const SP = 31;
export const D8 = 32;
export const NZCV = 40;
export const NREGS = 41;
export const XZR = -1;

export function isFpReg(r: number): boolean {
  return r >= D8 && r < D8 + 8;
}

export function regName(r: number): string {
  if (r >= 0 && r < 31) return 'x' + r;
  if (r === SP) return 'sp';
  if (isFpReg(r)) return 'd' + (r - D8 + 8);
  if (r === NZCV) return 'the flags (NZCV)';
  return 'xzr';
}

export type Flow =
  | 'next' // falls through
  | 'jump' // b: direct, no fallthrough
  | 'cond' // b.cond, cbz, tbz …: direct target and fallthrough
  | 'call' // bl: direct call, then fallthrough
  | 'icall' // blr: indirect call, then fallthrough
  | 'ijump' // br: indirect jump
  | 'ret' // ret / ret xN
  | 'stop'; // udf, brk, eret, undefined encodings: no successor, not a return

export interface MemAccess {
  /** Base register (sp = 31), or undefined for a pc-relative literal. */
  readonly base?: number;
  /** Byte offset from the base before writeback (pre-index included); null when it is a register. */
  readonly offset: number | null;
  /** Bytes per data register. */
  readonly size: number;
  readonly load: boolean;
  /** Data registers in memory order (XZR = -1 for a zero store), empty for a non-register access. */
  readonly regs: readonly number[];
  /** Sign- or zero-extending narrow load, or a 32-bit register: the value is not the slot's. */
  readonly narrow: boolean;
  /** Base register update after the access (post-index) or before it (pre-index, already in offset). */
  readonly writeback?: number | null;
}

/** How the destination's new value follows from the sources, for the dataflow. */
export type ValueOp =
  | { readonly k: 'copy'; readonly dst: number; readonly src: number }
  | { readonly k: 'addi'; readonly dst: number; readonly src: number; readonly imm: number }
  | { readonly k: 'const'; readonly dst: number; readonly value: bigint };

export interface Effects {
  readonly mnemonic: string;
  readonly flow: Flow;
  /** Direct target of jump/cond/call as an offset from the instruction's address. */
  readonly targetOff?: number;
  /** Register of ijump/icall/ret. */
  readonly reg?: number;
  /** Registers read (data, address and branch registers; NZCV for conditions). */
  readonly reads: readonly number[];
  /** Registers written (including a writeback base and NZCV). */
  readonly writes: readonly number[];
  readonly mem?: MemAccess;
  readonly op?: ValueOp;
  /** `bti` target ('' for plain bti), 'pac' for paciasp/pacibsp (implicit bti c). */
  readonly landing?: 'c' | 'j' | 'jc' | '' | 'pac';
  /** Clobbers x0–x17 (SMC/HVC per SMCCC). */
  readonly firmwareCall?: boolean;
  /** System register named by mrs/msr, or the PSTATE field of `msr daifset, #…`. */
  readonly sysreg?: string;
}

const STOP: Effects = { mnemonic: '', flow: 'stop', reads: [], writes: [] };

/** x/w register text → number (sp = 31, zero register = -1), or undefined. */
function gprNum(t: string): { n: number; w64: boolean } | undefined {
  if (t === 'sp') return { n: SP, w64: true };
  if (t === 'wsp') return { n: SP, w64: false };
  if (t === 'xzr') return { n: XZR, w64: true };
  if (t === 'wzr') return { n: XZR, w64: false };
  const c = t.charCodeAt(0);
  if (c !== 120 && c !== 119) return undefined; // x, w
  const n = Number(t.slice(1));
  if (!Number.isInteger(n) || n < 0 || n > 30) return undefined;
  return { n, w64: c === 120 };
}

/**
 * b/h/s/d/q register, v-register arrangement or element, or SVE z register (zN's low 128 bits are
 * vN) → tracked register (d8–d15 only).
 */
function vNum(t: string): number | undefined {
  const m = /^[bhsdqvz](\d+)/.exec(t);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 8 && n <= 15 ? D8 + n - 8 : undefined;
}

/** `{v8.16b-v11.16b}`, `{v8.16b, v9.16b}` (with an optional `[lane]`), `{z8.d-z11.d}` → V registers. */
function vList(t: string): number[] {
  let nums = [...t.matchAll(/[vz](\d+)/g)].map((m) => Number(m[1]));
  if (nums.length === 2 && /-/.test(t)) {
    const out: number[] = [];
    for (let n = nums[0], i = 0; i < 4; i++, n = (n + 1) % 32) {
      out.push(n);
      if (n === nums[1]) break;
    }
    nums = out;
  }
  return nums.filter((n) => n >= 8 && n <= 15).map((n) => D8 + n - 8);
}

const FP_SIZE: Record<string, number> = { b: 1, h: 2, s: 4, d: 8, q: 16 };

function parseImm(t: string): number | undefined {
  const m = /^#(-?)(0x[0-9a-f]+|\d+)$/i.exec(t.trim());
  if (!m) return undefined;
  const v = Number(BigInt(m[2]));
  return m[1] ? -v : v;
}

interface MemText {
  /** x/sp base; undefined for a vector base (`[z0.s, #4]`). */
  readonly base?: number;
  /** Byte offset; null for a register offset or a vector-length multiple (`#2, mul vl`). */
  readonly offset: number | null;
  readonly pre: boolean;
  /** Registers the address reads besides the x base: index x/w, vector base or index z. */
  readonly index: readonly number[];
}

/**
 * `[base]`, `[base, #imm]`, `[base, #imm]!`, `[base, xm…]`, and SVE's `[xn, #imm, mul vl]`,
 * `[xn, zm.d, lsl #3]`, `[zn.s, #4]`, `[zn.d, xm]`.
 */
function parseMemText(t: string): MemText | undefined {
  const m = /^\[([a-z0-9.]+)(?:,\s*([^\]]+))?\](!?)$/.exec(t.trim());
  if (!m) return undefined;
  const index: number[] = [];
  let base: number | undefined;
  const g = gprNum(m[1]);
  if (g) base = g.n;
  else {
    const z = zNum(m[1]);
    if (z === undefined) return undefined;
    if (z >= 0) index.push(z);
  }
  let offset: number | null = 0;
  if (m[2] !== undefined) {
    const rest = m[2].trim();
    if (rest.startsWith('#')) offset = /,\s*mul vl$/.test(rest) ? null : parseImm(rest) ?? null;
    else {
      offset = null;
      const r = rest.split(',')[0].trim();
      const x = gprNum(r);
      if (x && x.n >= 0) index.push(x.n);
      const z = x ? undefined : zNum(r);
      if (z !== undefined && z >= 0) index.push(z);
    }
  }
  return { base, offset, pre: m[3] === '!', index };
}

/** `z9.d` → tracked register (d8–d15), -1 for another z register, undefined when not a z register. */
function zNum(t: string): number | undefined {
  const m = /^z(\d+)(\.[bhsdq])?$/.exec(t);
  if (!m) return undefined;
  return vNum(t) ?? -1;
}

const FLAG_SETTERS = new Set([
  'adds', 'subs', 'cmp', 'cmn', 'negs', 'ngcs', 'adcs', 'sbcs', 'ands', 'bics', 'tst', 'ccmp', 'ccmn', 'fcmp', 'fcmpe',
  'fccmp', 'fccmpe', 'setf8', 'setf16', 'rmif', 'cfinv', 'axflag', 'xaflag', 'subps', 'cmpp',
]);
const FLAG_READERS = new Set(['adc', 'adcs', 'sbc', 'sbcs', 'ngc', 'ngcs', 'ccmp', 'ccmn', 'fccmp', 'fccmpe', 'cfinv', 'rmif']);
/** Instructions whose destination is also a source (insert, keep, sign). */
const RMW_DEST = /^(movk|bfm|bfi|bfxil|bfc|pac[id][abz]*|aut[id][abz]*|xpac[id]|ins|mla|mls|fmla|fmls|bsl|bit|bif|sli|sri|[su]aba[l2]*|[su]?dot|fcmla|[su]mlal2?|[su]mlsl2?|sqdml[as]l2?|sqrdml[as]h)$/;

/** Bytes of the smallest vector length (128 bits): a lower bound of an SVE access's size. */
const SVE_MIN_BYTES = 16;

/** SVE destination fields (Zd, Zda, Zdn, Vd, Vdn); the …a/…n ones are also sources. */
const SVE_DEST = /^[VZ]d[an]?$/;
const SVE_RMW = /^[VZ]d[an]$/;

/**
 * SVE instructions that set NZCV: compares and whiles into a predicate, ptest, cterm, match, and
 * the flag-setting predicate forms (`ands`, `brkas`, `ptrues`, `movs` … with a predicate first).
 */
function sveSetsFlags(m: string, firstRole: string | undefined): boolean {
  return /^(ptest|pfirst|pnext|rdffrs|cterm(eq|ne)|while\w+|cmp\w+|n?match)$/.test(m) || (firstRole === 'preg' && m.endsWith('s'));
}

function isStoreMnemonic(m: string): boolean {
  return m.startsWith('st') || m.startsWith('cas');
}

function narrowSuffix(m: string): number | undefined {
  // ldrb/strb/ldurb/ldarb/ldxrb/ldaddb…: byte; …h: halfword; ldrsw/ldpsw: word
  if (/^(ld|st)\w*sw$/.test(m) || m === 'ldpsw') return 4;
  if (/^(ld|st|cas|swp)\w*b$/.test(m) && !m.endsWith('sb') ) return 1;
  if (/^(ld|st|cas|swp)\w*h$/.test(m) && !m.endsWith('sh')) return 2;
  if (/^ld\w*sb$/.test(m)) return 1;
  if (/^ld\w*sh$/.test(m)) return 2;
  return undefined;
}

/** Effects of a decoded instruction (the decoder's operand roles and fields). */
export function effectsOf(d: Decoded): Effects {
  const m = d.mnemonic;
  const ops = d.operands;
  const reads: number[] = [];
  const writes: number[] = [];
  const rd = (r: number | undefined) => {
    if (r !== undefined && r >= 0) reads.push(r);
  };
  const wr = (r: number | undefined) => {
    if (r !== undefined && r >= 0) writes.push(r);
  };

  // --- control flow ---------------------------------------------------------------------------
  switch (d.cls) {
    case 'branch_imm': {
      const target = labelTarget(d);
      return m === 'bl' ? { mnemonic: m, flow: 'call', targetOff: target, reads, writes: [30] } : { mnemonic: m, flow: 'jump', targetOff: target, reads, writes };
    }
    case 'condbranch':
      return { mnemonic: m, flow: 'cond', targetOff: labelTarget(d), reads: [NZCV], writes };
    case 'compbranch':
    case 'testbranch': {
      const r = gprNum(ops[0].text);
      return { mnemonic: m, flow: 'cond', targetOff: labelTarget(d), reads: r && r.n >= 0 ? [r.n] : [], writes };
    }
    case 'branch_reg': {
      const r = ops.length > 0 ? gprNum(ops[0].text)?.n : undefined;
      if (m === 'ret' || m === 'retaa' || m === 'retab') {
        const reg = r ?? 30;
        return { mnemonic: m, flow: 'ret', reg, reads: m === 'ret' ? [reg] : [reg, SP], writes };
      }
      if (m.startsWith('blr')) return { mnemonic: m, flow: 'icall', reg: r, reads: r !== undefined ? [r] : [], writes: [30] };
      if (m.startsWith('br')) return { mnemonic: m, flow: 'ijump', reg: r, reads: r !== undefined ? [r] : [], writes };
      return { ...STOP, mnemonic: m }; // eret, drps
    }
    case 'exception':
      if (m === 'svc') return { mnemonic: m, flow: 'next', reads, writes };
      if (m === 'hvc' || m === 'smc') {
        return { mnemonic: m, flow: 'next', reads: [0, 1, 2, 3, 4, 5, 6, 7], writes: Array.from({ length: 18 }, (_, i) => i), firmwareCall: true };
      }
      return { ...STOP, mnemonic: m }; // brk, hlt, dcps
    case 'udf':
      return { ...STOP, mnemonic: m };
    case 'sys_hint': {
      if (m === 'bti') return { mnemonic: m, flow: 'next', reads, writes, landing: (ops[0]?.text ?? '') as 'c' | 'j' | 'jc' | '' };
      if (m === 'paciasp' || m === 'pacibsp') return { mnemonic: m, flow: 'next', reads: [30, SP], writes: [30], landing: 'pac' };
      if (/^(aut|pac)i[ab](sp|z)$/.test(m) || m === 'xpaclri') return { mnemonic: m, flow: 'next', reads: [30], writes: [30] };
      if (/^(aut|pac)i[ab]1716$/.test(m)) return { mnemonic: m, flow: 'next', reads: [16, 17], writes: [17] };
      return { mnemonic: m, flow: 'next', reads, writes };
    }
  }

  // --- registers by operand field ---------------------------------------------------------------
  const sve = d.feature.startsWith('sve') || d.feature.startsWith('sme');
  const store = isStoreMnemonic(m);
  const load = !store && m.startsWith('ld');
  let memIdx = -1;
  const dataRegs: number[] = [];
  let w64Data = true;
  let dataSize = 0;
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    const f = o.fields[0]?.name;
    switch (o.role) {
      case 'gpr': {
        const g = gprNum(o.text);
        if (!g) break;
        if (f === 'Rd') {
          wr(g.n);
          if (RMW_DEST.test(m)) rd(g.n);
        } else if (f === 'Rt' || f === 'Rt2') {
          if (d.cls === 'sys_reg') (m === 'mrs' ? wr : rd)(g.n);
          else if (d.cls === 'sys_ins') (m === 'sysl' ? wr : rd)(g.n);
          else if (d.cls === 'sys_misc') rd(g.n);
          else if (m.startsWith('prf')) break;
          else if (m.startsWith('cas')) rd(g.n);
          else if (load || m.startsWith('swp')) wr(g.n);
          else rd(g.n);
          if (d.cls.startsWith('ld') || d.cls === 'loadlit') {
            dataRegs.push(g.n);
            w64Data = g.w64;
          }
        } else if (f === 'Rs') {
          if (m.startsWith('cas')) {
            rd(g.n);
            wr(g.n);
          } else if (d.cls === 'ldstexcl' || m.startsWith('st64bv')) wr(g.n); // status result
          else rd(g.n);
        } else if (f === 'Rdn') {
          // SVE incb/sqdecp/clasta …: destructive scalar
          rd(g.n);
          wr(g.n);
        } else rd(g.n);
        break;
      }
      case 'fpreg':
      case 'vreg':
      case 'velem':
      case 'zreg': {
        const v = vNum(o.text);
        if (v === undefined) break;
        if (f === 'Rd' || (f !== undefined && SVE_DEST.test(f)) || ((f === 'Rt' || f === 'Rt2' || f === 'Zt') && load)) {
          wr(v);
          if (RMW_DEST.test(m) || o.role === 'velem' || (f !== undefined && SVE_RMW.test(f))) rd(v);
        } else rd(v);
        if ((f === 'Rt' || f === 'Rt2') && (d.cls.startsWith('ld') || d.cls === 'loadlit')) {
          dataRegs.push(v);
          dataSize = FP_SIZE[o.text[0]] ?? 16;
        }
        break;
      }
      case 'vlist': {
        const vs = vList(o.text);
        for (const v of vs) (load ? wr : rd)(v);
        break;
      }
      case 'za':
      case 'preg':
        // predicates and ZA are not tracked; a slice index w12–w15 (ZA, psel's p2.b[w12, 0]) is read
        for (const x of o.text.matchAll(/\bw(1[2-5])\b/g)) rd(Number(x[1]));
        break;
      case 'mem':
        memIdx = i;
        if (d.cls.startsWith('mops')) {
          const g = gprNum(o.text.replace(/^\[|\]!?$/g, ''));
          if (g) {
            rd(g.n);
            wr(g.n);
          }
        }
        break;
    }
  }
  // entering or leaving streaming mode zeroes the z registers and so d8–d15 (smstart/smstop, or
  // msr svcr*); the `za` forms do not
  const streaming = ((m === 'smstart' || m === 'smstop') && ops[0]?.text !== 'za') || (m === 'msr' && /^svcr(sm)?(za)?$/.test(ops[0]?.text ?? '') && ops[0]?.text !== 'svcrza');
  if (streaming) for (let r = D8; r < D8 + 8; r++) wr(r);
  // flags
  if (FLAG_SETTERS.has(m) || (m === 'msr' && ops[0]?.text === 'nzcv') || (sve && sveSetsFlags(m, ops[0]?.role))) writes.push(NZCV);
  if (FLAG_READERS.has(m) || d.cls === 'condsel' || d.cls === 'floatsel' || (m === 'mrs' && ops[1]?.text === 'nzcv')) reads.push(NZCV);
  const sysreg = d.cls === 'sys_reg' ? ops.find((o) => o.role === 'sysreg')?.text : d.cls === 'sys_pstate' ? ops.find((o) => o.role === 'pstate')?.text : undefined;

  // --- memory -----------------------------------------------------------------------------------
  let mem: MemAccess | undefined;
  if (memIdx >= 0 && !d.cls.startsWith('mops') && !m.startsWith('prf')) {
    const pm = parseMemText(ops[memIdx].text);
    for (const r of pm?.index ?? []) rd(r);
    if (sve && pm?.base !== undefined) {
      // z/p/ZA data: the extent is a multiple of the vector length, so no byte offset or slot
      rd(pm.base);
      mem = { base: pm.base, offset: null, size: SVE_MIN_BYTES, load, regs: [], narrow: false };
    } else if (pm?.base !== undefined) {
      rd(pm.base);
      let writeback: number | null | undefined;
      const after = ops[memIdx + 1];
      if (pm.pre) writeback = pm.offset;
      else if (after && after.role === 'imm') writeback = parseImm(after.text) ?? null;
      else if (after && after.role === 'gpr') {
        writeback = null; // SIMD post-index by register
        const g = gprNum(after.text);
        if (g) rd(g.n);
      }
      if (writeback !== undefined) wr(pm.base);
      const narrow = narrowSuffix(m);
      const size = narrow ?? (dataSize || (w64Data ? 8 : 4));
      mem = {
        base: pm.base,
        offset: pm.offset,
        size,
        load: load || m.startsWith('swp') || m.startsWith('cas'),
        regs: d.cls === 'lse_atomic' ? [] : dataRegs,
        narrow: narrow !== undefined || (!w64Data && dataSize === 0),
        writeback,
      };
    }
  } else if (d.cls === 'loadlit' && !m.startsWith('prf')) {
    mem = { offset: null, size: 8, load: true, regs: dataRegs, narrow: !w64Data };
  }

  return { mnemonic: m, flow: 'next', reads, writes, mem, op: valueOp(d), sysreg };
}

/** The label operand as an offset from the pc (the word is decoded at address 0). */
function labelTarget(d: Decoded): number | undefined {
  const l = d.operands.find((o) => o.role === 'label');
  if (!l) return undefined;
  try {
    return Number(BigInt.asIntN(64, BigInt(l.text) - d.address));
  } catch {
    return undefined;
  }
}

/** mov/add/sub/movz shapes the dataflow follows exactly (64-bit only). */
function valueOp(d: Decoded): ValueOp | undefined {
  const ops = d.operands;
  const m = d.mnemonic;
  if (ops.length < 2 || ops[0].role !== 'gpr') return undefined;
  const dst = gprNum(ops[0].text);
  if (!dst || !dst.w64 || dst.n === XZR) return undefined;
  if (m === 'mov' && ops.length === 2) {
    if (ops[1].role === 'gpr') {
      const src = gprNum(ops[1].text);
      if (!src || !src.w64) return undefined;
      if (src.n === XZR) return { k: 'const', dst: dst.n, value: 0n };
      return { k: 'copy', dst: dst.n, src: src.n };
    }
    if (ops[1].role === 'imm') {
      const t = ops[1].text.replace(/^#/, '');
      try {
        return { k: 'const', dst: dst.n, value: BigInt.asUintN(64, t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t)) };
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
  if ((m === 'add' || m === 'sub') && d.cls === 'addsub_imm' && ops[1].role === 'gpr' && ops[2]?.role === 'imm') {
    const src = gprNum(ops[1].text);
    let imm = parseImm(ops[2].text);
    if (!src || src.n === XZR || imm === undefined) return undefined;
    if (ops[3]?.text === 'lsl #12') imm *= 4096;
    return { k: 'addi', dst: dst.n, src: src.n, imm: m === 'sub' ? -imm : imm };
  }
  if (m === 'movz' && ops[1].role === 'imm') {
    const imm = parseImm(ops[1].text);
    const sh = ops[2]?.role === 'shift' ? Number(/#(\d+)/.exec(ops[2].text)?.[1] ?? 0) : 0;
    if (imm === undefined) return undefined;
    return { k: 'const', dst: dst.n, value: BigInt(imm) << BigInt(sh) };
  }
  return undefined;
}

/** Effects by word: they do not depend on the address (targets are pc-relative). Bounded. */
const CACHE = new Map<number, Effects>();
const CACHE_MAX = 1 << 16;

/** The effects of an instruction word (undefined encodings stop the flow). */
export function effectsOfWord(word: number): Effects {
  const w = word >>> 0;
  let fx = CACHE.get(w);
  if (!fx) {
    const d = decode(w, 0n);
    fx = d ? effectsOf(d) : STOP;
    if (CACHE.size >= CACHE_MAX) CACHE.clear();
    CACHE.set(w, fx);
  }
  return fx;
}
