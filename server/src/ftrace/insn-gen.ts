// Emulation of the kernel's aarch64_insn_gen_* generators for constant folding. Each generator
// checks its arguments the way arch/arm64/lib/insn.c does at the selected version (same order of
// checks, same AARCH64_BREAK_FAULT cases, same silent truncations), builds the word from the same
// base opcodes and fields, and the word is decoded by our ISA core (GNU objdump syntax). Tests
// check every folded word against GNU as (the decoded text assembled at the same address) and
// against our own encoder.
import { decodeText } from '../isa';
import { GENERATORS, Generator, enumFamily, generator } from './insn-api';
import { KernelVersion, DEFAULT_VERSION, V, presentIn } from './kernel-version';

export const AARCH64_BREAK_FAULT = 0xd4202000;

export interface GenIssue {
  readonly reason: string;
  /** Index of the parameter the issue is about. */
  readonly param?: number;
}

export interface GenResult {
  readonly generator: string;
  /** The u32 the generator returns (AARCH64_BREAK_FAULT when `fault` is set). */
  readonly word: number;
  /** GNU objdump text of `word` at `pc`. */
  readonly text: string;
  readonly pc: bigint;
  /** Why the generator returned AARCH64_BREAK_FAULT (its pr_err, or the silent case). */
  readonly fault?: GenIssue;
  /** The word is not what the arguments ask for, yet no AARCH64_BREAK_FAULT is returned. */
  readonly silent?: GenIssue;
}

export interface GenOptions {
  readonly version?: KernelVersion;
  /** Address used to decode generators without a pc parameter (default 0). */
  readonly pc?: bigint;
  /** CONFIG_ARM64_LSE_ATOMICS (default on): without it atomic_ld_op/cas return AARCH64_BREAK_FAULT. */
  readonly lse?: boolean;
}

const U64 = (1n << 64n) - 1n;
const SZ_1M = 1n << 20n;
const SZ_128M = 1n << 27n;
const SF = 0x80000000;
const N_BIT = 1 << 22;

/** A generator run: the insn under construction, and the first reason it became a BREAK_FAULT. */
class Run {
  insn = 0;
  fault?: GenIssue;
  silent?: GenIssue;
  constructor(readonly version: KernelVersion) {}

  fail(reason: string, param?: number): number {
    this.fault ??= { reason, param };
    this.insn = AARCH64_BREAK_FAULT;
    return AARCH64_BREAK_FAULT;
  }
  get broken(): boolean {
    return this.insn === AARCH64_BREAK_FAULT;
  }
  /** aarch64_insn_encode_register: RT/RD 0, RN 5, RT2/RA 10, RM/RS 16. */
  reg(shift: number, reg: number, param?: number): void {
    if (this.broken) return;
    if (reg < 0 || reg > 31) {
      this.fail(`unknown register encoding ${reg}`, param);
      return;
    }
    this.insn = ((this.insn & ~(0x1f << shift)) | (reg << shift)) >>> 0;
  }
  /** aarch64_insn_encode_immediate for the field types used here. */
  imm(kind: 'ADR' | '26' | '19' | '16' | '14' | '12' | '7' | '6' | 'S' | 'R' | 'N', value: bigint): void {
    if (this.broken) return;
    const v = BigInt.asUintN(64, value);
    if (kind === 'ADR') {
      const immlo = Number(v & 3n) << 29;
      const immhi = Number((v >> 2n) & 0x7ffffn) << 5;
      const mask = (3 << 29) | (0x7ffff << 5);
      this.insn = ((this.insn & ~mask) | immlo | immhi) >>> 0;
      return;
    }
    const [bits, shift] = IMM_FIELDS[kind];
    const mask = (1 << bits) - 1;
    this.insn = ((this.insn & ~(mask << shift)) | (Number(v & BigInt(mask)) << shift)) >>> 0;
  }
  /** aarch64_insn_encode_ldst_size. */
  size(size: number, param?: number): void {
    if (this.broken) return;
    if (size < 0 || size > 3) {
      this.fail(`unknown size encoding ${size}`, param);
      return;
    }
    this.insn = ((this.insn & 0x3fffffff) | (size << 30)) >>> 0;
  }
  /** The variant switch shared by most generators: 64-bit sets SF. */
  variant(variant: number, param: number): boolean {
    if (variant === 0) return true;
    if (variant === 1) {
      this.insn = (this.insn | SF) >>> 0;
      return true;
    }
    this.fail(`unknown variant encoding ${variant}`, param);
    return false;
  }
}

const IMM_FIELDS: Record<string, [number, number]> = {
  '26': [26, 0], '19': [19, 5], '16': [16, 5], '14': [14, 5], '12': [12, 10], '7': [7, 15], '6': [6, 10], S: [6, 10], R: [6, 16], N: [1, 22],
};

/** label_imm_common: the offset, or `range` (and the reason) when misaligned or out of range. */
function labelImm(pc: bigint, addr: bigint, range: bigint): { offset: bigint; reason?: string; param?: number } {
  if (pc & 3n || addr & 3n) return { offset: range, reason: 'A64 instructions must be word aligned', param: pc & 3n ? 0 : 1 };
  const offset = BigInt.asIntN(64, addr - pc);
  if (offset < -range || offset >= range) return { offset: range, reason: `offset out of range (${offset < 0n ? '-' : ''}0x${(offset < 0n ? -offset : offset).toString(16)} not in [-0x${range.toString(16)}, 0x${range.toString(16)}))`, param: 1 };
  return { offset };
}

type Args = readonly bigint[];
type Impl = (r: Run, a: Args, opts: Required<GenOptions>) => void;

const int = (x: bigint) => Number(BigInt.asIntN(32, x));
const addr = (x: bigint) => BigInt.asUintN(64, x);

function branchImm(r: Run, a: Args): void {
  const pc = addr(a[0]), target = addr(a[1]), type = int(a[2]);
  const o = labelImm(pc, target, SZ_128M);
  if (o.offset >= SZ_128M) return void r.fail(o.reason!, o.param);
  if (type === 1) r.insn = 0x94000000;
  else if (type === 0) r.insn = 0x14000000;
  else return void r.fail(`unknown branch encoding ${type}`, 2);
  r.imm('26', o.offset >> 2n);
}

function compBranchImm(r: Run, a: Args): void {
  const pc = addr(a[0]), target = addr(a[1]), reg = int(a[2]), variant = int(a[3]), type = int(a[4]);
  const o = labelImm(pc, target, SZ_1M);
  if (o.offset >= SZ_1M) return void r.fail(o.reason!, o.param);
  if (type === 3) r.insn = 0x34000000;
  else if (type === 4) r.insn = 0x35000000;
  else return void r.fail(`unknown branch encoding ${type}`, 4);
  if (!r.variant(variant, 3)) return;
  r.reg(0, reg, 2);
  r.imm('19', o.offset >> 2n);
}

function testBranchImm(r: Run, a: Args): void {
  // vendor/BPF trees: TBZ/TBNZ, ±32 KiB, bit ≥ 32 sets b5 (bit 31)
  const pc = addr(a[0]), target = addr(a[1]), reg = int(a[2]), bit = int(a[3]), type = int(a[4]);
  const range = 1n << 15n;
  const o = labelImm(pc, target, range);
  if (o.offset >= range) return void r.fail(o.reason!, o.param);
  if (type === 5) r.insn = 0x36000000;
  else if (type === 6) r.insn = 0x37000000;
  else return void r.fail(`unknown branch encoding ${type}`, 4);
  if (bit < 0 || bit > 63) return void r.fail(`invalid bit ${bit}`, 3);
  r.insn = (r.insn | ((bit & 0x1f) << 19) | (bit >= 32 ? SF : 0)) >>> 0;
  r.reg(0, reg, 2);
  r.imm('14', o.offset >> 2n);
}

function condBranchImm(r: Run, a: Args): void {
  const pc = addr(a[0]), target = addr(a[1]), cond = int(a[2]);
  const o = labelImm(pc, target, SZ_1M);
  r.insn = 0x54000000;
  if (cond < 0 || cond > 0xe) return void r.fail(`unknown condition encoding ${cond}`, 2);
  r.insn = (r.insn | cond) >>> 0;
  if (o.reason) r.silent = { reason: `${o.reason}: only reported with pr_err, the word branches to pc - 1 MiB`, param: o.param };
  r.imm('19', o.offset >> 2n);
}

function hint(r: Run, a: Args): void {
  r.insn = (0xd503201f | int(a[0])) >>> 0;
  if (int(a[0]) & ~0xfe0) r.silent = { reason: `0x${(int(a[0]) >>> 0).toString(16)} has bits outside CRm:op2 << 5: the word is no longer a HINT of that number`, param: 0 };
}

function branchReg(r: Run, a: Args): void {
  const type = int(a[1]);
  if (type === 0) r.insn = 0xd61f0000;
  else if (type === 1) r.insn = 0xd63f0000;
  else if (type === 2) r.insn = 0xd65f0000;
  else return void r.fail(`unknown branch encoding ${type}`, 1);
  r.reg(5, int(a[0]), 0);
}

function ldstType(r: Run, type: number, table: Record<string, number>, what: string, param: number): boolean {
  const name = ldstName(r.version, type);
  if (name !== undefined && table[name] !== undefined) {
    r.insn = table[name];
    return true;
  }
  r.fail(`unknown ${what} encoding ${type}`, param);
  return false;
}

function ldstName(v: KernelVersion, value: number): string | undefined {
  // resolved through the versioned enum so the numbers follow the era
  const m = ldstMembers(v).find((x) => x.value === value);
  return m?.name.replace('AARCH64_INSN_LDST_', '');
}

function ldstMembers(v: KernelVersion) {
  return enumFamily('ldst_type').members(v);
}

function loadStoreReg(r: Run, a: Args): void {
  const table: Record<string, number> = { LOAD_REG_OFFSET: 0x38606800, STORE_REG_OFFSET: 0x38206800 };
  if (r.version >= V(6, 6)) table.SIGNED_LOAD_REG_OFFSET = 0x38a0e800;
  if (!ldstType(r, int(a[4]), table, 'load/store', 4)) return;
  r.size(int(a[3]), 3);
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
  r.reg(16, int(a[2]), 2);
}

function loadStoreImm(r: Run, a: Args): void {
  const size = int(a[3]);
  if (size < 0 || size > 3) return void r.fail(`unknown size encoding ${size}`, 3);
  const shift = size;
  let imm = Number(BigInt.asUintN(32, a[2]));
  const allowed = ((1 << (12 + shift)) - (1 << shift)) >>> 0;
  if ((imm & ~allowed) >>> 0) return void r.fail(`invalid imm: ${imm | 0} (must be a multiple of ${1 << shift} below ${4096 << shift})`, 2);
  imm >>>= shift;
  const table: Record<string, number> = { LOAD_IMM_OFFSET: 0x39400000, STORE_IMM_OFFSET: 0x39000000 };
  if (r.version >= V(6, 6)) table.SIGNED_LOAD_IMM_OFFSET = 0x39800000;
  if (!ldstType(r, int(a[4]), table, 'load/store', 4)) return;
  r.size(size, 3);
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
  r.imm('12', BigInt(imm));
}

function loadLiteral(r: Run, a: Args): void {
  const o = labelImm(addr(a[0]), addr(a[1]), SZ_1M);
  if (o.offset >= SZ_1M) return void r.fail(o.reason!, o.param);
  r.insn = 0x18000000;
  if (a[3] !== 0n) r.insn = (r.insn | (1 << 30)) >>> 0;
  r.reg(0, int(a[2]), 2);
  r.imm('19', o.offset >> 2n);
}

function loadStorePair(r: Run, a: Args): void {
  const offset = int(a[3]), variant = int(a[4]);
  const table = { LOAD_PAIR_PRE_INDEX: 0x29c00000, STORE_PAIR_PRE_INDEX: 0x29800000, LOAD_PAIR_POST_INDEX: 0x28c00000, STORE_PAIR_POST_INDEX: 0x28800000 };
  if (!ldstType(r, int(a[5]), table, 'load/store', 5)) return;
  let shift: number;
  if (variant === 0) {
    if (offset & 3 || offset < -256 || offset > 252) return void r.fail(`offset must be multiples of 4 in the range of [-256, 252] ${offset}`, 3);
    shift = 2;
  } else if (variant === 1) {
    if (offset & 7 || offset < -512 || offset > 504) return void r.fail(`offset must be multiples of 8 in the range of [-512, 504] ${offset}`, 3);
    shift = 3;
    r.insn = (r.insn | SF) >>> 0;
  } else return void r.fail(`unknown variant encoding ${variant}`, 4);
  r.reg(0, int(a[0]), 0);
  r.reg(10, int(a[1]), 1);
  r.reg(5, int(a[2]), 2);
  r.imm('7', BigInt(offset >> shift));
}

function loadAcqStoreRel(r: Run, a: Args): void {
  if (!ldstType(r, int(a[3]), { LOAD_ACQ: 0x08dffc00, STORE_REL: 0x089ffc00 }, 'load-acquire/store-release', 3)) return;
  r.size(int(a[2]), 2);
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
}

function loadStoreEx(r: Run, a: Args): void {
  const table: Record<string, number> = { LOAD_EX: 0x08400000, STORE_EX: 0x08000000 };
  if (r.version >= V(5, 18)) {
    table.LOAD_ACQ_EX = 0x08400000 | 1 << 15;
    table.STORE_REL_EX = 0x08000000 | 1 << 15;
  }
  if (!ldstType(r, int(a[4]), table, 'load/store exclusive', 4)) return;
  r.size(int(a[3]), 3);
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
  r.reg(10, 31);
  r.reg(16, int(a[2]), 2);
}

function sizeIs32or64(r: Run, size: number, param: number): boolean {
  if (size === 2 || size === 3) return true;
  r.fail(`unimplemented size encoding ${size}`, param);
  return false;
}

function ldadd(r: Run, a: Args): void {
  r.insn = 0x38200000;
  if (!sizeIs32or64(r, int(a[3]), 3)) return;
  r.size(int(a[3]), 3);
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
  r.reg(16, int(a[2]), 2);
}

function stadd(r: Run, a: Args): void {
  ldadd(r, [31n, a[0], a[1], a[2]]);
  if (r.fault?.param !== undefined) r.fault = { ...r.fault, param: r.fault.param - 1 };
}

function atomicLdOp(r: Run, a: Args, o: Required<GenOptions>): void {
  if (!o.lse) return void r.fail('CONFIG_ARM64_LSE_ATOMICS is off: the inline stub returns AARCH64_BREAK_FAULT');
  const ops = [0x38200000, 0x38201000, 0x38202000, 0x38203000, 0x38208000];
  const op = int(a[4]);
  if (op < 0 || op >= ops.length) return void r.fail(`unimplemented mem atomic op ${op}`, 4);
  r.insn = ops[op];
  if (!sizeIs32or64(r, int(a[3]), 3)) return;
  r.size(int(a[3]), 3);
  const order = int(a[5]);
  const bits = [0, 2, 1, 3][order];
  if (bits === undefined) return void r.fail(`unknown mem order ${order}`, 5);
  r.insn = ((r.insn & ~(3 << 22)) | (bits << 22)) >>> 0;
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
  r.reg(16, int(a[2]), 2);
}

function cas(r: Run, a: Args, o: Required<GenOptions>): void {
  if (!o.lse) return void r.fail('CONFIG_ARM64_LSE_ATOMICS is off: the inline stub returns AARCH64_BREAK_FAULT');
  if (!sizeIs32or64(r, int(a[3]), 3)) return;
  r.insn = 0x08a07c00;
  r.size(int(a[3]), 3);
  const order = int(a[4]);
  const bits = [0, 1 << 22, 1 << 15, (1 << 15) | (1 << 22)][order];
  if (bits === undefined) return void r.fail(`unknown mem order ${order}`, 4);
  r.insn = ((r.insn & ~((1 << 15) | (1 << 22))) | bits) >>> 0;
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
  r.reg(16, int(a[2]), 2);
}

function addSubImm(r: Run, a: Args): void {
  const types = [0x11000000, 0x51000000, 0x31000000, 0x71000000];
  const type = int(a[4]);
  if (types[type] === undefined) return void r.fail(`unknown add/sub encoding ${type}`, 4);
  r.insn = types[type];
  if (!r.variant(int(a[3]), 3)) return;
  let imm = int(a[2]);
  if (imm & ~((1 << 24) - 1)) return void r.fail(`invalid immediate encoding ${imm}`, 2);
  if (imm & ~0xfff) {
    if (imm & 0xfff) return void r.fail(`invalid immediate encoding ${imm}`, 2);
    imm >>= 12;
    r.insn = (r.insn | (1 << 22)) >>> 0;
  }
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
  r.imm('12', BigInt(imm));
}

function adr(r: Run, a: Args): void {
  const pc = addr(a[0]), target = addr(a[1]), type = int(a[3]);
  let offset: number;
  if (type === 1) {
    r.insn = 0x10000000;
    offset = Number(BigInt.asIntN(32, target - pc));
    const full = BigInt.asIntN(64, target - pc);
    if (BigInt(offset) !== full && offset >= -Number(SZ_1M) && offset < Number(SZ_1M))
      r.silent = { reason: `addr - pc = ${full} is truncated to s32 ${offset}: the ADR reaches a different address`, param: 1 };
  } else if (type === 0) {
    r.insn = 0x90000000;
    const diff = BigInt.asUintN(64, target - (pc & ~0xfffn)) >> 12n;
    offset = Number(BigInt.asIntN(32, diff));
    const pages = BigInt.asIntN(64, target - (pc & ~0xfffn)) >> 12n;
    if (BigInt(offset) !== pages && offset >= -Number(SZ_1M) && offset < Number(SZ_1M))
      r.silent = { reason: `the page distance ${pages} is truncated to s32 ${offset}: the ADRP reaches a different page`, param: 1 };
  } else return void r.fail(`unknown adr encoding ${type}`, 3);
  if (offset < -Number(SZ_1M) || offset >= Number(SZ_1M))
    return void r.fail(`${type === 1 ? 'offset' : 'page offset'} ${offset} not in [-1M, 1M)`, 1);
  r.reg(0, int(a[2]), 2);
  r.imm('ADR', BigInt(offset));
}

function bitfield(r: Run, a: Args): void {
  const types = [0x33000000, 0x53000000, 0x13000000];
  const type = int(a[5]);
  if (types[type] === undefined) return void r.fail(`unknown bitfield encoding ${type}`, 5);
  r.insn = types[type];
  const variant = int(a[4]);
  let mask: number;
  if (variant === 0) mask = 0x1f;
  else if (variant === 1) {
    r.insn = (r.insn | SF | N_BIT) >>> 0;
    mask = 0x3f;
  } else return void r.fail(`unknown variant encoding ${variant}`, 4);
  const immr = int(a[2]), imms = int(a[3]);
  if (immr & ~mask) return void r.fail(`invalid immr encoding ${immr}`, 2);
  if (imms & ~mask) return void r.fail(`invalid imms encoding ${imms}`, 3);
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
  r.imm('R', BigInt(immr));
  r.imm('S', BigInt(imms));
}

function movewide(r: Run, a: Args): void {
  const types = [0x52800000, 0x72800000, 0x12800000];
  const type = int(a[4]);
  if (types[type] === undefined) return void r.fail(`unknown movewide encoding ${type}`, 4);
  r.insn = types[type];
  const imm = int(a[1]), shift = int(a[2]), variant = int(a[3]);
  if (imm & ~0xffff) return void r.fail(`invalid immediate encoding ${imm}`, 1);
  if (variant === 0) {
    if (shift !== 0 && shift !== 16) return void r.fail(`invalid shift encoding ${shift}`, 2);
  } else if (variant === 1) {
    r.insn = (r.insn | SF) >>> 0;
    if (shift !== 0 && shift !== 16 && shift !== 32 && shift !== 48) return void r.fail(`invalid shift encoding ${shift}`, 2);
  } else return void r.fail(`unknown variant encoding ${variant}`, 3);
  r.insn = (r.insn | ((shift >> 4) << 21)) >>> 0;
  r.reg(0, int(a[0]), 0);
  r.imm('16', BigInt(imm));
}

function shiftedVariant(r: Run, shift: number, variant: number, shiftParam: number, variantParam: number): boolean {
  if (variant === 0) {
    if (shift & ~31) {
      r.fail(`invalid shift encoding ${shift}`, shiftParam);
      return false;
    }
  } else if (variant === 1) {
    r.insn = (r.insn | SF) >>> 0;
    if (shift & ~63) {
      r.fail(`invalid shift encoding ${shift}`, shiftParam);
      return false;
    }
  } else {
    r.fail(`unknown variant encoding ${variant}`, variantParam);
    return false;
  }
  return true;
}

function addSubShiftedReg(r: Run, a: Args): void {
  const types = [0x0b000000, 0x4b000000, 0x2b000000, 0x6b000000];
  const type = int(a[5]);
  if (types[type] === undefined) return void r.fail(`unknown add/sub encoding ${type}`, 5);
  r.insn = types[type];
  if (!shiftedVariant(r, int(a[3]), int(a[4]), 3, 4)) return;
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
  r.reg(16, int(a[2]), 2);
  r.imm('6', BigInt(int(a[3])));
}

function data1(r: Run, a: Args): void {
  const type = int(a[3]), variant = int(a[2]);
  if (type === 0) r.insn = 0x5ac00400;
  else if (type === 1) r.insn = 0x5ac00800;
  else if (type === 2) {
    if (variant !== 1) return void r.fail(`invalid variant for reverse64 ${variant}`, 2);
    r.insn = 0x5ac00c00;
  } else return void r.fail(`unknown data1 encoding ${type}`, 3);
  if (!r.variant(variant, 2)) return;
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
}

function data2(r: Run, a: Args): void {
  const types = [0x1ac00800, 0x1ac00c00, 0x1ac02000, 0x1ac02400, 0x1ac02800, 0x1ac02c00];
  const type = int(a[4]);
  if (types[type] === undefined) return void r.fail(`unknown data2 encoding ${type}`, 4);
  r.insn = types[type];
  if (!r.variant(int(a[3]), 3)) return;
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
  r.reg(16, int(a[2]), 2);
}

function data3(r: Run, a: Args): void {
  const types = [0x1b000000, 0x1b008000];
  const type = int(a[5]);
  if (types[type] === undefined) return void r.fail(`unknown data3 encoding ${type}`, 5);
  r.insn = types[type];
  if (!r.variant(int(a[4]), 4)) return;
  r.reg(0, int(a[0]), 0);
  r.reg(10, int(a[1]), 1);
  r.reg(5, int(a[2]), 2);
  r.reg(16, int(a[3]), 3);
}

function logicalShiftedReg(r: Run, a: Args): void {
  const types = [0x0a000000, 0x0a200000, 0x2a000000, 0x2a200000, 0x4a000000, 0x4a200000, 0x6a000000, 0x6a200000];
  const type = int(a[5]);
  if (types[type] === undefined) return void r.fail(`unknown logical encoding ${type}`, 5);
  r.insn = types[type];
  if (!shiftedVariant(r, int(a[3]), int(a[4]), 3, 4)) return;
  r.reg(0, int(a[0]), 0);
  r.reg(5, int(a[1]), 1);
  r.reg(16, int(a[2]), 2);
  r.imm('6', BigInt(int(a[3])));
}

function moveReg(r: Run, a: Args): void {
  logicalShiftedReg(r, [a[0], 31n, a[1], 0n, a[2], 2n]);
  // map the inner parameter numbers back to (dst, src, variant)
  const back = (p?: number) => (p === 0 ? 0 : p === 2 ? 1 : p === 4 ? 2 : undefined);
  if (r.fault) r.fault = { ...r.fault, param: back(r.fault.param) };
}

const fls64 = (x: bigint): number => (x === 0n ? 0 : x.toString(2).length);
const ffs64 = (x: bigint): number => {
  // __ffs64: index of the lowest set bit (x != 0)
  let n = 0;
  while (((x >> BigInt(n)) & 1n) === 0n && n < 64) n++;
  return n;
};
const rangeOfOnes = (v: bigint): boolean => {
  const s = v >> BigInt(ffs64(v));
  return ((s + 1n) & s) === 0n;
};
const ffs32 = (x: number): number => (x === 0 ? 0 : 32 - Math.clz32(x & -x));
const popcount = (x: bigint): number => {
  let n = 0;
  for (let v = x; v; v &= v - 1n) n++;
  return n;
};

/** aarch64_encode_immediate (the bitmask immediate search), with the pre-5.18 32-bit fls. */
function encodeBitmask(r: Run, immIn: bigint, variant: number, immParam: number, variantParam: number): void {
  let esz: number;
  if (variant === 0) esz = 32;
  else if (variant === 1) {
    r.insn = (r.insn | SF) >>> 0;
    esz = 64;
  } else return void r.fail(`unknown variant encoding ${variant}`, variantParam);
  let imm = BigInt.asUintN(64, immIn);
  let mask = (1n << BigInt(esz)) - 1n;
  if (imm === 0n || imm === mask || imm & ~mask) {
    r.fail(`0x${imm.toString(16)} is not a ${esz}-bit bitmask immediate (zero, all ones or too wide)`, immParam);
    return;
  }
  for (let tmp = esz / 2; tmp >= 2; tmp /= 2) {
    const emask = (1n << BigInt(tmp)) - 1n;
    if ((imm & emask) !== ((imm >> BigInt(tmp)) & emask)) break;
    esz = tmp;
    mask = emask;
  }
  const n = esz === 64 ? 1 : 0;
  imm &= mask;
  const ones = popcount(imm);
  let imms = ones - 1;
  imms |= 0xf << ffs32(esz);
  imms &= 0x3f;
  let ror: number;
  if (rangeOfOnes(imm)) ror = ffs64(imm);
  else {
    imm = (imm | ~mask) & U64;
    const inv = ~imm & U64;
    if (!rangeOfOnes(inv)) {
      r.fail(`0x${BigInt.asUintN(64, immIn).toString(16)} is not a bitmask immediate (not a rotated run of ones)`, immParam);
      return;
    }
    if (r.version < V(5, 18)) {
      // fls() takes an unsigned int: the rotation of a 64-bit pattern is computed from its low half
      ror = fls64(inv & 0xffffffffn);
      const right = fls64(inv);
      if (ror !== right) r.silent = { reason: `before 5.18 the rotation is computed with the 32-bit fls(): immr ${(esz - ror) % esz} instead of ${(esz - right) % esz}, a different mask is encoded`, param: immParam };
    } else ror = fls64(inv);
  }
  const immr = (esz - ror) % esz;
  r.imm('N', BigInt(n));
  r.imm('R', BigInt(immr));
  r.imm('S', BigInt(imms));
}

function logicalImmediate(r: Run, a: Args): void {
  const types: Record<number, number> = { 0: 0x12000000, 2: 0x32000000, 4: 0x52000000, 6: 0x72000000 };
  const type = int(a[0]);
  if (types[type] === undefined) return void r.fail(`unknown logical encoding ${type}`, 0);
  r.insn = types[type];
  r.reg(0, int(a[3]), 3);
  r.reg(5, int(a[2]), 2);
  encodeBitmask(r, BigInt.asUintN(64, a[4]), int(a[1]), 4, 1);
}

function extr(r: Run, a: Args): void {
  r.insn = 0x13800000;
  const variant = int(a[0]);
  const lsb = Number(BigInt.asUintN(8, a[4]));
  if (a[4] < 0n || a[4] > 255n) r.silent = { reason: `lsb is a u8: ${a[4]} is truncated to ${lsb}`, param: 4 };
  if (variant === 0) {
    if (lsb > 31) return void r.fail(`lsb ${lsb} > 31`, 4);
  } else if (variant === 1) {
    if (lsb > 63) return void r.fail(`lsb ${lsb} > 63`, 4);
    r.insn = (r.insn | SF) >>> 0;
    r.imm('N', 1n);
  } else return void r.fail(`unknown variant encoding ${variant}`, 0);
  r.imm('S', BigInt(lsb));
  r.reg(0, int(a[3]), 3);
  r.reg(5, int(a[2]), 2);
  r.reg(16, int(a[1]), 1);
}

function prefetch(r: Run, a: Args): void {
  r.insn = 0x39800000;
  r.size(3);
  const type = int(a[1]), target = int(a[2]), policy = int(a[3]);
  const t = [0, 1, 2][type], g = [0, 1, 2][target], p = [0, 1][policy];
  if (t === undefined) return void r.fail(`unknown prfm type encoding ${type}`, 1);
  if (g === undefined) return void r.fail(`unknown prfm target encoding ${target}`, 2);
  if (p === undefined) return void r.fail(`unknown prfm policy encoding ${policy}`, 3);
  r.insn = ((r.insn & ~0x1f) | p | (g << 1) | (t << 3)) >>> 0;
  r.reg(5, int(a[0]), 0);
  r.imm('12', 0n);
}

const BARRIER_CRM = [0xf, 0xe, 0xd, 0xb, 0xa, 0x9, 0x7, 0x6, 0x5];

function barrier(base: number, what: string): Impl {
  return (r, a) => {
    const type = int(a[0]);
    const opt = BARRIER_CRM[type];
    if (opt === undefined) return void r.fail(`unknown ${what} type ${type}${type >= 9 && type <= 11 ? ' (the OSH domain has no case)' : ''}`, 0);
    r.insn = ((base & ~0xf00) | (opt << 8)) >>> 0;
  };
}

function mrs(r: Run, a: Args): void {
  r.insn = ((0xd5300000 & ~0xfffff) | ((int(a[1]) << 5) >>> 0)) >>> 0;
  r.reg(0, int(a[0]), 0);
}

const IMPLS: Record<string, Impl> = {
  aarch64_insn_gen_branch_imm: branchImm,
  aarch64_insn_gen_comp_branch_imm: compBranchImm,
  aarch64_insn_gen_test_branch_imm: testBranchImm,
  aarch64_insn_gen_cond_branch_imm: condBranchImm,
  aarch64_insn_gen_hint: hint,
  aarch64_insn_gen_nop: (r) => hint(r, [0n]),
  aarch64_insn_gen_branch_reg: branchReg,
  aarch64_insn_gen_load_store_reg: loadStoreReg,
  aarch64_insn_gen_load_store_imm: loadStoreImm,
  aarch64_insn_gen_load_literal: loadLiteral,
  aarch64_insn_gen_load_store_pair: loadStorePair,
  aarch64_insn_gen_load_acq_store_rel: loadAcqStoreRel,
  aarch64_insn_gen_load_store_ex: loadStoreEx,
  aarch64_insn_gen_ldadd: ldadd,
  aarch64_insn_gen_stadd: stadd,
  aarch64_insn_gen_atomic_ld_op: atomicLdOp,
  aarch64_insn_gen_cas: cas,
  aarch64_insn_gen_add_sub_imm: addSubImm,
  aarch64_insn_gen_adr: adr,
  aarch64_insn_gen_bitfield: bitfield,
  aarch64_insn_gen_movewide: movewide,
  aarch64_insn_gen_add_sub_shifted_reg: addSubShiftedReg,
  aarch64_insn_gen_data1: data1,
  aarch64_insn_gen_data2: data2,
  aarch64_insn_gen_data3: data3,
  aarch64_insn_gen_logical_shifted_reg: logicalShiftedReg,
  aarch64_insn_gen_move_reg: moveReg,
  aarch64_insn_gen_logical_immediate: logicalImmediate,
  aarch64_insn_gen_extr: extr,
  aarch64_insn_gen_prefetch: prefetch,
  aarch64_insn_gen_dmb: barrier(0xd50330bf, 'dmb'),
  aarch64_insn_gen_dsb: barrier(0xd503309f, 'dsb'),
  aarch64_insn_gen_mrs: mrs,
};

/** Every generator of the table has an emulation (checked by the tests). */
export function emulatedGenerators(): readonly Generator[] {
  return GENERATORS.filter((g) => IMPLS[g.name] !== undefined);
}

export type EmulateError = { readonly error: string };

/**
 * Runs a generator on constant arguments (C values: enums as their int value, bool as 0/1) and
 * returns the u32 it returns at that kernel version, decoded.
 */
export function emulate(name: string, args: readonly bigint[], opts: GenOptions = {}): GenResult | EmulateError {
  const g = generator(name);
  const impl = IMPLS[name];
  if (!g || !impl) return { error: `${name} is not a known aarch64_insn_gen_* generator` };
  if (args.length !== g.params.length) return { error: `${name} takes ${g.params.length} arguments, got ${args.length}` };
  const o: Required<GenOptions> = { version: opts.version ?? DEFAULT_VERSION, pc: opts.pc ?? 0n, lse: opts.lse ?? true };
  const r = new Run(o.version);
  impl(r, args, o);
  const word = r.insn >>> 0;
  const pcIdx = g.params.findIndex((p) => p.name === 'pc');
  const pc = pcIdx >= 0 ? BigInt.asUintN(64, args[pcIdx]) : o.pc;
  const text = decodeText(word, pc) ?? '<undefined>';
  return { generator: name, word, text, pc, fault: r.fault ?? (word === AARCH64_BREAK_FAULT ? { reason: 'AARCH64_BREAK_FAULT' } : undefined), silent: r.fault ? undefined : r.silent };
}

export function isEmulateError(r: GenResult | EmulateError): r is EmulateError {
  return (r as EmulateError).error !== undefined;
}

/** True when the generator exists at the version (prototype present in insn.h). */
export function generatorPresent(name: string, v: KernelVersion): boolean {
  const g = generator(name);
  return g !== undefined && presentIn(g, v);
}
