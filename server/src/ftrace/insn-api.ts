// The kernel's instruction-generation API (arch/arm64/include/asm/insn.h, arch/arm64/lib/insn.c)
// as a versioned table: every aarch64_insn_gen_* generator with its parameters, the enum family
// each parameter takes, the members the generator accepts, and the argument-order traps; every
// enum with its members' values by kernel version. Facts were read from the kernel sources of the
// releases named here; versions marked `approx` are the release nearest to the
// change that we could place, not a verified merge window.
import { scanC } from './c-scanner';
import { KERNEL_ERAS } from './eras';
import { KernelVersion, V, Versioned, eraVersion, presentIn, versionText } from './kernel-version';

export interface EnumMember extends Versioned {
  /** Full C name, e.g. 'AARCH64_INSN_BRANCH_LINK'. */
  readonly name: string;
  readonly value: number;
}

export interface EnumFamily {
  /** Short id used by the table, e.g. 'branch_type'. */
  readonly id: string;
  /** The C enum type name at a version (hint_op was renamed hint_cr_op in 5.8). */
  cName(v: KernelVersion): string;
  /** Prefix shared by the members, e.g. 'AARCH64_INSN_BRANCH_'. */
  readonly prefix: string;
  /** Members present at a version, with that version's values. */
  members(v: KernelVersion): readonly EnumMember[];
  /** Every member name that ever existed (for recognising constants of other versions). */
  readonly allNames: ReadonlySet<string>;
  readonly since?: KernelVersion;
  readonly note?: string;
}

type MemberSpec = readonly [name: string, value: number, extra?: Versioned];

function fixedFamily(id: string, cname: string | ((v: KernelVersion) => string), prefix: string, specs: readonly MemberSpec[], since?: KernelVersion, note?: string): EnumFamily {
  const all: EnumMember[] = specs.map(([n, value, extra]) => ({ name: prefix + n, value, ...extra }));
  const cache = new Map<KernelVersion, EnumMember[]>();
  return {
    id,
    cName: typeof cname === 'string' ? () => cname : cname,
    prefix,
    since,
    note,
    allNames: new Set(all.map((m) => m.name)),
    members(v) {
      let r = cache.get(v);
      if (!r) cache.set(v, (r = all.filter((m) => presentIn(m, v))));
      return r;
    },
  };
}

/** An enum whose values are positions: each layout lists the members in declaration order. */
function positionalFamily(id: string, cname: string, prefix: string, layouts: readonly { since: KernelVersion; names: readonly string[]; approx?: boolean }[], since?: KernelVersion, outOfTree?: readonly { names: readonly string[] }[]): EnumFamily {
  const sorted = [...layouts].sort((a, b) => a.since - b.since);
  const all = new Set<string>();
  for (const l of sorted) for (const n of l.names) all.add(prefix + n);
  for (const o of outOfTree ?? []) for (const n of o.names) all.add(prefix + n);
  const cache = new Map<KernelVersion, EnumMember[]>();
  return {
    id,
    cName: () => cname,
    prefix,
    since,
    allNames: all,
    members(v) {
      let r = cache.get(v);
      if (!r) {
        let layout = sorted[0];
        for (const l of sorted) if (v >= l.since) layout = l;
        r = layout.names.map((n, i) => ({ name: prefix + n, value: i }));
        cache.set(v, r);
      }
      return r;
    },
  };
}

const seq = (names: readonly string[], start = 0, extra?: Versioned): MemberSpec[] => names.map((n, i) => [n, start + i, extra] as const);

const HINT: MemberSpec[] = [
  ['NOP', 0x0 << 5], ['YIELD', 0x1 << 5], ['WFE', 0x2 << 5], ['WFI', 0x3 << 5], ['SEV', 0x4 << 5], ['SEVL', 0x5 << 5],
  ...(
    [
      ['XPACLRI', 0x07], ['PACIA_1716', 0x08], ['PACIB_1716', 0x0a], ['AUTIA_1716', 0x0c], ['AUTIB_1716', 0x0e],
      ['PACIAZ', 0x18], ['PACIASP', 0x19], ['PACIBZ', 0x1a], ['PACIBSP', 0x1b], ['AUTIAZ', 0x1c], ['AUTIASP', 0x1d],
      ['AUTIBZ', 0x1e], ['AUTIBSP', 0x1f], ['ESB', 0x10], ['PSB', 0x11], ['TSB', 0x12], ['CSDB', 0x14],
      ['BTI', 0x20], ['BTIC', 0x22], ['BTIJ', 0x24], ['BTIJC', 0x26],
    ] as const
  ).map(([n, v]) => [n, v << 5, { since: V(5, 8) }] as MemberSpec),
  ['CLEARBHB', 0x16 << 5, { since: V(5, 17) }],
];

const REGS: MemberSpec[] = [
  ...Array.from({ length: 31 }, (_, i) => [String(i), i] as MemberSpec).slice(0, 30),
  ['FP', 29], ['30', 30], ['LR', 30], ['ZR', 31], ['SP', 31],
];

export const ENUMS: ReadonlyMap<string, EnumFamily> = new Map(
  [
    fixedFamily('hint', (v) => (v >= V(5, 8) ? 'aarch64_insn_hint_cr_op' : 'aarch64_insn_hint_op'), 'AARCH64_INSN_HINT_', HINT, undefined,
      'constants are CRm:op2 pre-shifted left by 5 and ORed into the HINT base 0xd503201f'),
    fixedFamily('imm_type', 'aarch64_insn_imm_type', 'AARCH64_INSN_IMM_', seq(['ADR', '26', '19', '16', '14', '12', '9', '7', '6', 'S', 'R', 'N', 'MAX'])),
    fixedFamily('register_type', 'aarch64_insn_register_type', 'AARCH64_INSN_REGTYPE_', seq(['RT', 'RN', 'RT2', 'RM', 'RD', 'RA', 'RS'])),
    fixedFamily('register', 'aarch64_insn_register', 'AARCH64_INSN_REG_', REGS, undefined,
      'register 31 is XZR or SP depending on the field: ZR = SP = 31'),
    fixedFamily('special_register', 'aarch64_insn_special_register', 'AARCH64_INSN_SPCLREG_', [
      ['SPSR_EL1', 0xc200], ['ELR_EL1', 0xc201], ['SP_EL0', 0xc208], ['SPSEL', 0xc210], ['CURRENTEL', 0xc212], ['DAIF', 0xda11],
      ['NZCV', 0xda10], ['FPCR', 0xda20], ['DSPSR_EL0', 0xda28], ['DLR_EL0', 0xda29], ['SPSR_EL2', 0xe200], ['ELR_EL2', 0xe201],
      ['SP_EL1', 0xe208], ['SPSR_INQ', 0xe218], ['SPSR_ABT', 0xe219], ['SPSR_UND', 0xe21a], ['SPSR_FIQ', 0xe21b],
      ['SPSR_EL3', 0xf200], ['ELR_EL3', 0xf201], ['SP_EL2', 0xf210],
    ]),
    fixedFamily('system_register', 'aarch64_insn_system_register', 'AARCH64_INSN_SYSREG_', [
      ['TPIDR_EL1', 0x4684], ['TPIDR_EL2', 0x6682], ['SP_EL0', 0x4208, { since: V(6, 12) }],
    ], V(6, 10)),
    fixedFamily('variant', 'aarch64_insn_variant', 'AARCH64_INSN_VARIANT_', seq(['32BIT', '64BIT'])),
    fixedFamily('condition', 'aarch64_insn_condition', 'AARCH64_INSN_COND_', seq(['EQ', 'NE', 'CS', 'CC', 'MI', 'PL', 'VS', 'VC', 'HI', 'LS', 'GE', 'LT', 'GT', 'LE', 'AL'])),
    fixedFamily('branch_type', 'aarch64_insn_branch_type', 'AARCH64_INSN_BRANCH_', [
      ...seq(['NOLINK', 'LINK', 'RETURN', 'COMP_ZERO', 'COMP_NONZERO']),
      ['TEST_ZERO', 5, { outOfTree: true }], ['TEST_NONZERO', 6, { outOfTree: true }],
    ]),
    fixedFamily('size_type', 'aarch64_insn_size_type', 'AARCH64_INSN_SIZE_', seq(['8', '16', '32', '64'])),
    positionalFamily('ldst_type', 'aarch64_insn_ldst_type', 'AARCH64_INSN_LDST_', [
      { since: 0, names: ['LOAD_REG_OFFSET', 'STORE_REG_OFFSET', 'LOAD_PAIR_PRE_INDEX', 'STORE_PAIR_PRE_INDEX', 'LOAD_PAIR_POST_INDEX', 'STORE_PAIR_POST_INDEX', 'LOAD_EX', 'STORE_EX'] },
      { since: V(5, 18), names: ['LOAD_REG_OFFSET', 'STORE_REG_OFFSET', 'LOAD_PAIR_PRE_INDEX', 'STORE_PAIR_PRE_INDEX', 'LOAD_PAIR_POST_INDEX', 'STORE_PAIR_POST_INDEX', 'LOAD_EX', 'LOAD_ACQ_EX', 'STORE_EX', 'STORE_REL_EX'] },
      { since: V(5, 19), approx: true, names: ['LOAD_REG_OFFSET', 'STORE_REG_OFFSET', 'LOAD_IMM_OFFSET', 'STORE_IMM_OFFSET', 'LOAD_PAIR_PRE_INDEX', 'STORE_PAIR_PRE_INDEX', 'LOAD_PAIR_POST_INDEX', 'STORE_PAIR_POST_INDEX', 'LOAD_EX', 'LOAD_ACQ_EX', 'STORE_EX', 'STORE_REL_EX'] },
      { since: V(6, 6), names: ['LOAD_REG_OFFSET', 'STORE_REG_OFFSET', 'LOAD_IMM_OFFSET', 'STORE_IMM_OFFSET', 'LOAD_PAIR_PRE_INDEX', 'STORE_PAIR_PRE_INDEX', 'LOAD_PAIR_POST_INDEX', 'STORE_PAIR_POST_INDEX', 'LOAD_EX', 'LOAD_ACQ_EX', 'STORE_EX', 'STORE_REL_EX', 'SIGNED_LOAD_IMM_OFFSET', 'SIGNED_LOAD_REG_OFFSET'] },
      { since: V(6, 15), names: ['LOAD_REG_OFFSET', 'STORE_REG_OFFSET', 'LOAD_IMM_OFFSET', 'STORE_IMM_OFFSET', 'LOAD_PAIR_PRE_INDEX', 'STORE_PAIR_PRE_INDEX', 'LOAD_PAIR_POST_INDEX', 'STORE_PAIR_POST_INDEX', 'LOAD_ACQ', 'LOAD_EX', 'LOAD_ACQ_EX', 'STORE_REL', 'STORE_EX', 'STORE_REL_EX', 'SIGNED_LOAD_IMM_OFFSET', 'SIGNED_LOAD_REG_OFFSET'] },
    ], undefined, [{ names: ['LOAD_PAIR_OFFSET', 'STORE_PAIR_OFFSET'] }]),
    fixedFamily('adsb_type', 'aarch64_insn_adsb_type', 'AARCH64_INSN_ADSB_', seq(['ADD', 'SUB', 'ADD_SETFLAGS', 'SUB_SETFLAGS'])),
    fixedFamily('movewide_type', 'aarch64_insn_movewide_type', 'AARCH64_INSN_MOVEWIDE_', seq(['ZERO', 'KEEP', 'INVERSE'])),
    fixedFamily('bitfield_type', 'aarch64_insn_bitfield_type', 'AARCH64_INSN_BITFIELD_', seq(['MOVE', 'MOVE_UNSIGNED', 'MOVE_SIGNED'])),
    fixedFamily('data1_type', 'aarch64_insn_data1_type', 'AARCH64_INSN_DATA1_', seq(['REVERSE_16', 'REVERSE_32', 'REVERSE_64'])),
    fixedFamily('data2_type', 'aarch64_insn_data2_type', 'AARCH64_INSN_DATA2_', seq(['UDIV', 'SDIV', 'LSLV', 'LSRV', 'ASRV', 'RORV'])),
    fixedFamily('data3_type', 'aarch64_insn_data3_type', 'AARCH64_INSN_DATA3_', seq(['MADD', 'MSUB'])),
    fixedFamily('logic_type', 'aarch64_insn_logic_type', 'AARCH64_INSN_LOGIC_', seq(['AND', 'BIC', 'ORR', 'ORN', 'EOR', 'EON', 'AND_SETFLAGS', 'BIC_SETFLAGS'])),
    fixedFamily('prfm_type', 'aarch64_insn_prfm_type', 'AARCH64_INSN_PRFM_TYPE_', seq(['PLD', 'PLI', 'PST'], 0, { until: V(6, 1) })),
    fixedFamily('prfm_target', 'aarch64_insn_prfm_target', 'AARCH64_INSN_PRFM_TARGET_', seq(['L1', 'L2', 'L3'], 0, { until: V(6, 1) })),
    fixedFamily('prfm_policy', 'aarch64_insn_prfm_policy', 'AARCH64_INSN_PRFM_POLICY_', seq(['KEEP', 'STRM'], 0, { until: V(6, 1) })),
    fixedFamily('adr_type', 'aarch64_insn_adr_type', 'AARCH64_INSN_ADR_TYPE_', seq(['ADRP', 'ADR'])),
    fixedFamily('mem_atomic_op', 'aarch64_insn_mem_atomic_op', 'AARCH64_INSN_MEM_ATOMIC_', seq(['ADD', 'CLR', 'EOR', 'SET', 'SWP'], 0, { since: V(5, 18) }), V(5, 18)),
    fixedFamily('mem_order_type', 'aarch64_insn_mem_order_type', 'AARCH64_INSN_MEM_ORDER_', seq(['NONE', 'ACQ', 'REL', 'ACQREL'], 0, { since: V(5, 18) }), V(5, 18)),
    fixedFamily('mb_type', 'aarch64_insn_mb_type', 'AARCH64_INSN_MB_', seq(['SY', 'ST', 'LD', 'ISH', 'ISHST', 'ISHLD', 'NSH', 'NSHST', 'NSHLD', 'OSH', 'OSHST', 'OSHLD'], 0, { since: V(5, 18) }), V(5, 18)),
  ].map((f) => [f.id, f] as const),
);

/** Family prefixes, longest first, to classify any AARCH64_INSN_* identifier. */
const PREFIXES = [...ENUMS.values()].sort((a, b) => b.prefix.length - a.prefix.length);

export interface ConstantInfo {
  readonly family: EnumFamily;
  readonly member?: EnumMember;
  /** True when the name exists in some version (or out of tree) but not in the one asked for. */
  readonly otherVersion?: boolean;
}

/** Classifies an identifier as a member of an insn.h enum at a version. */
export function lookupConstant(name: string, v: KernelVersion): ConstantInfo | undefined {
  if (!name.startsWith('AARCH64_INSN_')) return undefined;
  for (const f of PREFIXES) {
    if (!name.startsWith(f.prefix)) continue;
    if (!f.allNames.has(name)) continue;
    const member = f.members(v).find((m) => m.name === name);
    return member ? { family: f, member } : { family: f, otherVersion: true };
  }
  return undefined;
}

export function enumFamily(id: string): EnumFamily {
  const f = ENUMS.get(id);
  if (!f) throw new Error(`unknown insn enum family '${id}'`);
  return f;
}

/** The member of a family with a value at a version (registers prefer REG_n, then the role name). */
export function membersWithValue(familyId: string, value: number, v: KernelVersion): readonly EnumMember[] {
  return enumFamily(familyId).members(v).filter((m) => m.value === value);
}

// --- generators -----------------------------------------------------------------------------------

/**
 * C parameter kinds: 'addr' (unsigned long pc/address), 'int' (int), 'uint' (unsigned int), 'u8',
 * 'u64', 'bool', or 'enum' (then `enum` names the family).
 */
export type ParamKind = 'addr' | 'int' | 'uint' | 'u8' | 'u64' | 'bool' | 'enum';

export interface GenParam {
  readonly name: string;
  readonly kind: ParamKind;
  readonly enum?: string;
  /** Members the generator accepts (short names without the family prefix); absent = all. */
  readonly valid?: readonly string[] | ((v: KernelVersion) => readonly string[]);
  /** For registers: what register 31 encodes in this field. */
  readonly r31?: 'sp' | 'zr';
  readonly note?: string;
}

export interface Generator extends Versioned {
  readonly name: string;
  readonly params: readonly GenParam[];
  readonly approx?: boolean;
  readonly note?: string;
  /** Argument-order traps, in words (shown in hover). */
  readonly trap?: string;
}

const reg = (name: string, r31: 'sp' | 'zr', note?: string): GenParam => ({ name, kind: 'enum', enum: 'register', r31, note });
const en = (name: string, family: string, valid?: GenParam['valid'], note?: string): GenParam => ({ name, kind: 'enum', enum: family, valid, note });
const num = (name: string, kind: ParamKind, note?: string): GenParam => ({ name, kind, note });
const variant = en('variant', 'variant');

export const GENERATORS: readonly Generator[] = [
  { name: 'aarch64_insn_gen_branch_imm', params: [num('pc', 'addr'), num('addr', 'addr'), en('type', 'branch_type', ['NOLINK', 'LINK'])],
    note: 'B (NOLINK) or BL (LINK); offset addr - pc in [-128 MiB, 128 MiB), both word aligned, else AARCH64_BREAK_FAULT' },
  { name: 'aarch64_insn_gen_comp_branch_imm', params: [num('pc', 'addr'), num('addr', 'addr'), reg('reg', 'zr'), variant, en('type', 'branch_type', ['COMP_ZERO', 'COMP_NONZERO'])],
    note: 'CBZ/CBNZ; offset in [-1 MiB, 1 MiB)' },
  { name: 'aarch64_insn_gen_test_branch_imm', outOfTree: true, params: [num('pc', 'addr'), num('addr', 'addr'), reg('reg', 'zr'), num('bit', 'int'), en('type', 'branch_type', ['TEST_ZERO', 'TEST_NONZERO'])],
    note: 'TBZ/TBNZ (BPF/vendor trees only); offset in [-32 KiB, 32 KiB)' },
  { name: 'aarch64_insn_gen_cond_branch_imm', params: [num('pc', 'addr'), num('addr', 'addr'), en('cond', 'condition')],
    note: 'B.cond; an offset outside [-1 MiB, 1 MiB) is only reported with pr_err and encoded as -1 MiB' },
  { name: 'aarch64_insn_gen_hint', params: [en('op', 'hint')], note: 'HINT base 0xd503201f | op (op pre-shifted by 5)' },
  { name: 'aarch64_insn_gen_nop', params: [] },
  { name: 'aarch64_insn_gen_branch_reg', params: [reg('reg', 'zr'), en('type', 'branch_type', ['NOLINK', 'LINK', 'RETURN'])], note: 'BR / BLR / RET' },
  { name: 'aarch64_insn_gen_load_store_reg', params: [reg('reg', 'zr'), reg('base', 'sp'), reg('offset', 'zr'), en('size', 'size_type'),
      en('type', 'ldst_type', (v) => (v >= V(6, 6) ? ['LOAD_REG_OFFSET', 'STORE_REG_OFFSET', 'SIGNED_LOAD_REG_OFFSET'] : ['LOAD_REG_OFFSET', 'STORE_REG_OFFSET']))] },
  { name: 'aarch64_insn_gen_load_store_imm', since: V(5, 19), approx: true, params: [reg('reg', 'zr'), reg('base', 'sp'), num('imm', 'uint', 'byte offset, a multiple of the access size below 4096 accesses'), en('size', 'size_type'),
      en('type', 'ldst_type', (v) => (v >= V(6, 6) ? ['LOAD_IMM_OFFSET', 'STORE_IMM_OFFSET', 'SIGNED_LOAD_IMM_OFFSET'] : ['LOAD_IMM_OFFSET', 'STORE_IMM_OFFSET']))] },
  { name: 'aarch64_insn_gen_load_literal', since: V(6, 0), approx: true, params: [num('pc', 'addr'), num('addr', 'addr'), reg('reg', 'zr'), num('is64bit', 'bool', 'the one bool parameter of the API')],
    note: 'LDR (literal); offset in [-1 MiB, 1 MiB)' },
  { name: 'aarch64_insn_gen_load_store_pair', params: [reg('reg1', 'zr'), reg('reg2', 'zr'), reg('base', 'sp'), num('offset', 'int'), variant,
      en('type', 'ldst_type', ['LOAD_PAIR_PRE_INDEX', 'STORE_PAIR_PRE_INDEX', 'LOAD_PAIR_POST_INDEX', 'STORE_PAIR_POST_INDEX'])],
    note: '32-bit: offset a multiple of 4 in [-256, 252]; 64-bit: a multiple of 8 in [-512, 504]' },
  { name: 'aarch64_insn_gen_load_acq_store_rel', since: V(6, 15), params: [reg('reg', 'zr'), reg('base', 'sp'), en('size', 'size_type'), en('type', 'ldst_type', ['LOAD_ACQ', 'STORE_REL'])] },
  { name: 'aarch64_insn_gen_load_store_ex', params: [reg('reg', 'zr'), reg('base', 'sp'), reg('state', 'zr'), en('size', 'size_type'),
      en('type', 'ldst_type', (v) => (v >= V(5, 18) ? ['LOAD_EX', 'LOAD_ACQ_EX', 'STORE_EX', 'STORE_REL_EX'] : ['LOAD_EX', 'STORE_EX']))] },
  { name: 'aarch64_insn_gen_ldadd', until: V(5, 18), params: [reg('result', 'zr'), reg('address', 'sp'), reg('value', 'zr'), en('size', 'size_type', ['32', '64'])] },
  { name: 'aarch64_insn_gen_stadd', until: V(5, 18), params: [reg('address', 'sp'), reg('value', 'zr'), en('size', 'size_type', ['32', '64'])], note: 'LDADD with XZR as the result' },
  { name: 'aarch64_insn_gen_atomic_ld_op', since: V(5, 18), params: [reg('result', 'zr'), reg('address', 'sp'), reg('value', 'zr'), en('size', 'size_type', ['32', '64']), en('op', 'mem_atomic_op'), en('order', 'mem_order_type')],
    note: 'LDADD/LDCLR/LDEOR/LDSET/SWP; AARCH64_BREAK_FAULT without CONFIG_ARM64_LSE_ATOMICS' },
  { name: 'aarch64_insn_gen_cas', since: V(5, 18), params: [reg('result', 'zr'), reg('address', 'sp'), reg('value', 'zr'), en('size', 'size_type', ['32', '64']), en('order', 'mem_order_type')],
    note: 'AARCH64_BREAK_FAULT without CONFIG_ARM64_LSE_ATOMICS' },
  { name: 'aarch64_insn_gen_add_sub_imm', params: [reg('dst', 'sp', 'XZR for the SETFLAGS types'), reg('src', 'sp'), num('imm', 'int'), variant, en('type', 'adsb_type')],
    note: 'imm below 2^24; above 4095 the low 12 bits must be zero (LSL #12)' },
  { name: 'aarch64_insn_gen_adr', params: [num('pc', 'addr'), num('addr', 'addr'), reg('reg', 'zr'), en('type', 'adr_type')], note: 'ADR: ±1 MiB; ADRP: ±4 GiB in pages' },
  { name: 'aarch64_insn_gen_bitfield', params: [reg('dst', 'zr'), reg('src', 'zr'), num('immr', 'int'), num('imms', 'int'), variant, en('type', 'bitfield_type')] },
  { name: 'aarch64_insn_gen_movewide', params: [reg('dst', 'zr'), num('imm', 'int'), num('shift', 'int'), variant, en('type', 'movewide_type')],
    note: 'imm below 65536; shift 0/16 (32-bit) or 0/16/32/48 (64-bit)' },
  { name: 'aarch64_insn_gen_add_sub_shifted_reg', params: [reg('dst', 'zr'), reg('src', 'zr'), reg('reg', 'zr'), num('shift', 'int'), variant, en('type', 'adsb_type')] },
  { name: 'aarch64_insn_gen_data1', params: [reg('dst', 'zr'), reg('src', 'zr'), variant, en('type', 'data1_type')], note: 'REVERSE_64 needs VARIANT_64BIT' },
  { name: 'aarch64_insn_gen_data2', params: [reg('dst', 'zr'), reg('src', 'zr'), reg('reg', 'zr'), variant, en('type', 'data2_type')] },
  { name: 'aarch64_insn_gen_data3', params: [reg('dst', 'zr'), reg('src', 'zr', 'the addend Ra, not a multiplicand'), reg('reg1', 'zr'), reg('reg2', 'zr'), variant, en('type', 'data3_type')],
    trap: 'src is Ra (the addend): MADD dst, reg1, reg2, src; a multiply is data3(dst, ZR, a, b, …)' },
  { name: 'aarch64_insn_gen_logical_shifted_reg', params: [reg('dst', 'zr'), reg('src', 'zr'), reg('reg', 'zr'), num('shift', 'int'), variant, en('type', 'logic_type')] },
  { name: 'aarch64_insn_gen_move_reg', since: V(5, 5), params: [reg('dst', 'zr'), reg('src', 'zr'), variant],
    note: 'ORR dst, XZR, src: register 31 is XZR here, never SP (use add_sub_imm with 0 for SP)' },
  { name: 'aarch64_insn_gen_logical_immediate', params: [en('type', 'logic_type', ['AND', 'ORR', 'EOR', 'AND_SETFLAGS']), variant, reg('Rn', 'zr'), reg('Rd', 'sp', 'XZR for AND_SETFLAGS'), num('imm', 'u64')],
    trap: 'type and variant come first, and Rn comes before Rd' },
  { name: 'aarch64_insn_gen_extr', params: [variant, reg('Rm', 'zr'), reg('Rn', 'zr'), reg('Rd', 'zr'), num('lsb', 'u8')],
    trap: 'variant comes first, then Rm, Rn, Rd (destination last)' },
  { name: 'aarch64_insn_gen_prefetch', until: V(6, 1), approx: true, params: [reg('base', 'sp'), en('type', 'prfm_type'), en('target', 'prfm_target'), en('policy', 'prfm_policy')] },
  { name: 'aarch64_insn_gen_dmb', since: V(5, 18), params: [en('type', 'mb_type', ['SY', 'ST', 'LD', 'ISH', 'ISHST', 'ISHLD', 'NSH', 'NSHST', 'NSHLD'])], note: 'OSH, OSHST and OSHLD are not handled: AARCH64_BREAK_FAULT' },
  { name: 'aarch64_insn_gen_dsb', since: V(6, 15), params: [en('type', 'mb_type', ['SY', 'ST', 'LD', 'ISH', 'ISHST', 'ISHLD', 'NSH', 'NSHST', 'NSHLD'])],
    note: 'mainline 6.15; backported to the 5.10–6.14 stable series in 2025. OSH* not handled' },
  { name: 'aarch64_insn_gen_mrs', since: V(6, 10), approx: true, params: [reg('result', 'zr'), en('sysreg', 'system_register')] },
];

const BY_NAME = new Map(GENERATORS.map((g) => [g.name, g]));

export function generator(name: string): Generator | undefined {
  return BY_NAME.get(name);
}

/**
 * The generators a kernel tree's arch/arm64/include/asm/insn.h declares (`u32 aarch64_insn_gen_x(`
 * and static inline fallbacks alike). With a tree configured, this set is the truth for presence:
 * stable kernels backport generators (aarch64_insn_gen_dsb reached 6.1.y and 6.12.y) that the
 * version table places later.
 */
export function declaredGenerators(insnHeader: string): ReadonlySet<string> {
  const out = new Set<string>();
  const toks = scanC(insnHeader).tokens;
  for (let i = 0; i + 1 < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'ident' && t.text.startsWith('aarch64_insn_gen_') && toks[i + 1].text === '(' && i > 0 && toks[i - 1].kind === 'ident') out.add(t.text);
  }
  return out;
}

/** Whether a generator exists: in the tree's insn.h when one was read, else by the version table. */
export function generatorPresent(g: Generator, v: KernelVersion, declared?: ReadonlySet<string>): boolean {
  return declared ? declared.has(g.name) : presentIn(g, v);
}

export function validMembers(p: GenParam, v: KernelVersion): readonly string[] | undefined {
  if (!p.valid) return undefined;
  const short = typeof p.valid === 'function' ? p.valid(v) : p.valid;
  return short.map((s) => enumFamily(p.enum!).prefix + s);
}

/** The C prototype of a generator at a version, as insn.h declares it. */
export function prototype(g: Generator, v: KernelVersion): string {
  const ps = g.params.map((p) => {
    switch (p.kind) {
      case 'addr': return `unsigned long ${p.name}`;
      case 'int': return `int ${p.name}`;
      case 'uint': return `unsigned int ${p.name}`;
      case 'u8': return `u8 ${p.name}`;
      case 'u64': return `u64 ${p.name}`;
      case 'bool': return `bool ${p.name}`;
      case 'enum': return `enum ${enumFamily(p.enum!).cName(v)} ${p.name}`;
    }
  });
  return `u32 ${g.name}(${ps.length ? ps.join(', ') : 'void'})`;
}

/** Other insn.h/insn-def.h/sizes.h constants a C argument may use. */
export const C_CONSTANTS: ReadonlyMap<string, bigint> = new Map([
  ['AARCH64_INSN_SIZE', 4n],
  ['AARCH64_BREAK_MON', 0xd4200000n],
  ['FAULT_BRK_IMM', 0x100n],
  ['AARCH64_BREAK_FAULT', 0xd4202000n],
  ['true', 1n],
  ['false', 0n],
  ['NULL', 0n],
  ...[1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((n) => [`SZ_${n}`, BigInt(n)] as [string, bigint]),
  ...[1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((n) => [`SZ_${n}K`, BigInt(n) << 10n] as [string, bigint]),
  ...[1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((n) => [`SZ_${n}M`, BigInt(n) << 20n] as [string, bigint]),
  ...[1, 2, 4, 8, 16].map((n) => [`SZ_${n}G`, BigInt(n) << 30n] as [string, bigint]),
]);

/** Coverage of the table: generators declared per era of eras.ts. */
export function coverage(): { era: string; version: string; generators: number; names: string[] }[] {
  return KERNEL_ERAS.map((e) => {
    const v = eraVersion(e);
    const names = GENERATORS.filter((g) => presentIn(g, v)).map((g) => g.name);
    return { era: e.name, version: versionText(v), generators: names.length, names };
  });
}
