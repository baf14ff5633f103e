// Architecture selection as GNU as 2.40 does it (-march / .arch / .arch_extension / .cpu), mapped
// onto the `feature` names of the instruction table's rows. Checked against as 2.40 by assembling
// one instruction per feature under each architecture (see test/asm-gas.test.ts).

/** Row features each architecture version enables (cumulative through `base`). */
const VERSIONS: readonly { name: string; level: number; base?: string; adds: readonly string[] }[] = [
  { name: 'armv8-a', level: 80, adds: ['base', 'fp', 'simd'] },
  { name: 'armv8.1-a', level: 81, base: 'armv8-a', adds: ['crc', 'lse', 'lor', 'rdma', 'pan'] },
  { name: 'armv8.2-a', level: 82, base: 'armv8.1-a', adds: ['ras'] },
  { name: 'armv8.3-a', level: 83, base: 'armv8.2-a', adds: ['fcma', 'jscvt', 'pauth', 'rcpc'] },
  { name: 'armv8.4-a', level: 84, base: 'armv8.3-a', adds: ['dotprod', 'flagm', 'rcpc2', 'trf'] },
  { name: 'armv8.5-a', level: 85, base: 'armv8.4-a', adds: ['flagm2', 'frintts', 'sb', 'predres'] },
  { name: 'armv8.6-a', level: 86, base: 'armv8.5-a', adds: ['bf16', 'i8mm'] },
  { name: 'armv8.7-a', level: 87, base: 'armv8.6-a', adds: ['ls64', 'wfxt', 'xs'] },
  { name: 'armv8.8-a', level: 88, base: 'armv8.7-a', adds: ['hbc', 'mops'] },
  { name: 'armv9-a', level: 85, base: 'armv8.5-a', adds: ['fp16', 'fhm', 'sve', 'sve2'] },
  { name: 'armv9.1-a', level: 86, base: 'armv9-a', adds: ['bf16', 'i8mm'] },
  { name: 'armv9.2-a', level: 87, base: 'armv9.1-a', adds: ['ls64', 'wfxt', 'xs'] },
  { name: 'armv9.3-a', level: 88, base: 'armv9.2-a', adds: ['hbc', 'mops'] },
];

/** `+name` extensions: the row features they enable. */
const EXTENSIONS: Record<string, readonly string[]> = {
  crc: ['crc'],
  lse: ['lse'],
  lor: ['lor'],
  rdma: ['rdma'],
  rdm: ['rdma'],
  fp: ['fp'],
  simd: ['simd', 'fp'],
  fp16: ['fp16'],
  fp16fml: ['fp16', 'fhm'],
  dotprod: ['dotprod'],
  rcpc: ['rcpc'],
  pauth: ['pauth'],
  sha3: ['sha3', 'crypto'],
  sm4: ['sm4'],
  aes: ['crypto'],
  sha2: ['crypto'],
  crypto: ['crypto'],
  memtag: ['memtag', 'mte'],
  tme: ['tme'],
  bf16: ['bf16'],
  i8mm: ['i8mm'],
  f32mm: ['f32mm', 'sve', 'fp16', 'fcma'],
  f64mm: ['f64mm', 'sve', 'fp16', 'fcma'],
  ls64: ['ls64'],
  flagm: ['flagm'],
  mops: ['mops'],
  hbc: ['hbc'],
  cssc: ['cssc'],
  sb: ['sb'],
  predres: ['predres'],
  ssbs: ['ssbs'],
  profile: ['profile'],
  rng: ['rng'],
  pan: ['pan'],
  ras: ['ras'],
  sve: ['sve', 'fp16', 'fcma'],
  sve2: ['sve', 'sve2', 'fp16', 'fcma'],
  sme: ['sme', 'sve', 'sve2', 'fp16', 'fcma', 'bf16'],
  'sme-f64': ['sme', 'sme-f64', 'sve', 'sve2', 'fp16', 'fcma', 'bf16'],
  'sme-i64': ['sme', 'sme-i64', 'sve', 'sve2', 'fp16', 'fcma', 'bf16'],
  'sve2-aes': ['sve', 'sve2', 'sve2-aes', 'fp16', 'fcma', 'crypto'],
  'sve2-sm4': ['sve', 'sve2', 'sve2-sm4', 'fp16', 'fcma', 'sm4'],
  'sve2-sha3': ['sve', 'sve2', 'sve2-sha3', 'fp16', 'fcma', 'sha3', 'crypto'],
  'sve2-bitperm': ['sve', 'sve2', 'sve2-bitperm', 'fp16', 'fcma'],
};

/**
 * What `+noNAME` removes where that is not NAME's own list: the feature and what needs it, never
 * what it needed (as 2.40: `+nosme-f64` keeps SME, `+nosve` takes SVE2 and SME with it).
 */
const SVE_FAMILY = ['sve2-aes', 'sve2-sm4', 'sve2-sha3', 'sve2-bitperm'];
const SME_FAMILY = ['sme', 'sme-i64', 'sme-f64'];
const DISABLES: Record<string, readonly string[]> = {
  sve: ['sve', 'sve2', ...SVE_FAMILY, ...SME_FAMILY, 'f32mm', 'f64mm'],
  sve2: ['sve2', ...SVE_FAMILY, ...SME_FAMILY],
  'sve2-aes': ['sve2-aes'],
  'sve2-sm4': ['sve2-sm4'],
  'sve2-sha3': ['sve2-sha3'],
  'sve2-bitperm': ['sve2-bitperm'],
  sme: SME_FAMILY,
  'sme-i64': ['sme-i64'],
  'sme-f64': ['sme-f64'],
  f32mm: ['f32mm'],
  f64mm: ['f64mm'],
};

/** Features an extension enables only from an architecture level up (as 2.40 behaviour). */
const MIN_LEVEL: Record<string, number> = { dotprod: 82, i8mm: 82, sm4: 82, sha3: 82, ls64: 82, memtag: 85, mte: 85 };

/** Features implied by an architecture level together with another enabled feature. */
function implied(level: number, set: Set<string>): void {
  if (level >= 84 && set.has('fp16')) set.add('fhm');
  // SVE forms of the matrix-multiply and BF16 extensions need SVE as well
  for (const f of ['i8mm', 'f32mm', 'f64mm', 'bf16']) {
    if (set.has('sve') && set.has(f)) set.add('sve-' + f);
    else set.delete('sve-' + f);
  }
}

/** CPU names as 2.40 knows them (a subset: the kernel's and common cores) → -march equivalent. */
const CPUS: Record<string, string> = {
  generic: 'armv8-a',
  'cortex-a35': 'armv8-a+crc',
  'cortex-a53': 'armv8-a+crc',
  'cortex-a57': 'armv8-a+crc',
  'cortex-a72': 'armv8-a+crc',
  'cortex-a73': 'armv8-a+crc',
  'cortex-a55': 'armv8.2-a+fp16+dotprod+rcpc',
  'cortex-a75': 'armv8.2-a+fp16+dotprod+rcpc',
  'cortex-a76': 'armv8.2-a+fp16+dotprod+rcpc+ssbs',
  'cortex-a77': 'armv8.2-a+fp16+dotprod+rcpc+ssbs',
  'cortex-a78': 'armv8.2-a+fp16+dotprod+rcpc+ssbs+profile',
  'cortex-x1': 'armv8.2-a+fp16+dotprod+rcpc+ssbs+profile',
  'cortex-a510': 'armv9-a+bf16+i8mm+memtag',
  'cortex-a710': 'armv9-a+bf16+i8mm+memtag',
  'cortex-x2': 'armv9-a+bf16+i8mm+memtag',
  'neoverse-n1': 'armv8.2-a+fp16+dotprod+rcpc+ssbs+profile',
  'neoverse-n2': 'armv8.5-a+bf16+i8mm+memtag+sve2',
  'neoverse-v1': 'armv8.4-a+bf16+i8mm+sve+profile+rng',
  'thunderx2t99': 'armv8.1-a+crypto',
};

export interface ArchState {
  /** The -march text this state came from (for messages). */
  readonly name: string;
  readonly level: number;
  /** Extensions named with + (kept so a later level change can re-derive). */
  readonly features: ReadonlySet<string>;
}

function versionFeatures(name: string): { level: number; set: Set<string> } | undefined {
  const v = VERSIONS.find((x) => x.name === name);
  if (!v) return undefined;
  const set = new Set<string>();
  let cur: (typeof VERSIONS)[number] | undefined = v;
  for (let guard = 0; cur && guard < 32; guard++) {
    for (const f of cur.adds) set.add(f);
    cur = cur.base ? VERSIONS.find((x) => x.name === cur!.base) : undefined;
  }
  return { level: v.level, set };
}

function applyExtension(set: Set<string>, level: number, ext: string): boolean {
  const no = ext.startsWith('no');
  const name = no ? ext.slice(2) : ext;
  const feats = EXTENSIONS[name];
  if (!feats) return false;
  if (no) {
    for (const f of DISABLES[name] ?? feats) set.delete(f);
    if (name === 'fp') for (const f of ['simd', 'fp16', 'fhm', 'crypto', 'sha3', 'sm4', 'dotprod', 'rdma', 'bf16', 'i8mm', 'jscvt', 'fcma', 'frintts']) set.delete(f);
    if (name === 'simd') for (const f of ['crypto', 'sha3', 'sm4', 'dotprod', 'rdma', 'bf16', 'i8mm', 'fhm', 'fcma']) set.delete(f);
    if (name === 'fp16') set.delete('fhm');
  } else {
    for (const f of feats) if ((MIN_LEVEL[f] ?? 0) <= level) set.add(f);
  }
  return true;
}

/** Parses an -march / .arch text ('armv8.2-a+crypto+nolse'); undefined for an unknown architecture. */
export function parseArch(text: string): ArchState | { error: string } {
  const [ver, ...exts] = text.trim().toLowerCase().split('+');
  const v = versionFeatures(ver);
  if (!v) return { error: `unknown architecture \`${text.trim().split('+')[0]}'` };
  for (const e of exts) if (!applyExtension(v.set, v.level, e)) return { error: `unknown architectural extension \`${e}'` };
  implied(v.level, v.set);
  return { name: text.trim(), level: v.level, features: v.set };
}

/** `.arch_extension NAME` (or noNAME) on top of a state. */
export function withExtension(state: ArchState, ext: string): ArchState | { error: string } {
  const set = new Set(state.features);
  if (!applyExtension(set, state.level, ext.trim().toLowerCase())) return { error: `unknown architectural extension \`${ext.trim()}'` };
  implied(state.level, set);
  return { name: state.name + '+' + ext.trim(), level: state.level, features: set };
}

/** `.cpu NAME[+ext…]`. */
export function parseCpu(text: string): ArchState | { error: string } {
  const [cpu, ...exts] = text.trim().toLowerCase().split('+');
  const march = CPUS[cpu];
  if (!march) return { error: `unknown cpu \`${text.trim().split('+')[0]}'` };
  return parseArch([march, ...exts].join('+'));
}

/** The default: what `aarch64-linux-gnu-gcc -c` gives as (armv8-a). */
export const DEFAULT_ARCH = 'armv8-a';

/** HINT-space encodings (paciasp, bti, autiasp, esb, psb …) assemble under every architecture. */
export function isHintSpace(word: number): boolean {
  return ((word & 0xfffff01f) >>> 0) === 0xd503201f;
}

let known: Set<string> | undefined;

/** Whether an encoded row may be used; features we cannot map to gas's are never refused. */
export function supports(state: ArchState, feature: string, word: number): boolean {
  if (feature === 'base' || state.features.has(feature)) return true;
  if (isHintSpace(word)) return true;
  known ??= new Set([...VERSIONS.flatMap((v) => v.adds), ...Object.values(EXTENSIONS).flat(), 'sve-i8mm', 'sve-f32mm', 'sve-f64mm', 'sve-bf16']);
  return !known.has(feature);
}
