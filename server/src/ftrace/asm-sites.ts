// Patch sites of an assembled .S file: ftrace_call, ftrace_graph_call and any label annotated
// with a `aarch64-ftrace: patch-site` comment, with their words at the addresses of the layout
// (section offsets from a base: the kernel's own addresses when a System.map names the label,
// else a load address).
import { AssembleResult, Item } from '../asm/types';
import { PatchConfig, PatchSite, SiteAddresses, SiteState, describeWord, ftraceCallSite, ftraceGraphCallSite } from './patch-sites';
import { emulate, isEmulateError } from './insn-gen';
import { KernelSymbols } from './elf-sites';

export interface AsmSite extends PatchSite {
  readonly label: string;
  readonly file: string;
  /** 0-based line of the label. */
  readonly line: number;
  readonly section: string;
  readonly offset: number;
  readonly current: { readonly word: number | null; readonly text: string; readonly reloc?: string };
  readonly note?: string;
}

export interface AsmSitesOptions {
  readonly config: PatchConfig;
  readonly kernel?: KernelSymbols;
  /** Base address of every section when the kernel symbols do not place it (default 0). */
  readonly loadAddress?: bigint;
  readonly addresses?: Partial<SiteAddresses>;
  /** Source text of the main file (for the patch-site annotations). */
  readonly text: string;
  readonly file: string;
}

const ANNOT = /aarch64-ftrace:\s*patch-site\b(?:\s+(bl|b)\s+([A-Za-z_.$][\w.$]*))?/;
const LABEL_RE = [/^\s*([A-Za-z_.$][\w.$]*)\s*:/, /\b(?:GLOBAL|SYM_INNER_LABEL|SYM_CODE_START|SYM_FUNC_START|ENTRY|SYM_INNER_LABEL_ALIGN)\(\s*([A-Za-z_.$][\w.$]*)/];

/** Labels annotated as patch sites: the comment's own line or the next line holding a label. */
export function annotatedLabels(text: string): { label: string; line: number; target?: { link: boolean; symbol: string } }[] {
  const lines = text.split('\n');
  const out: { label: string; line: number; target?: { link: boolean; symbol: string } }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = ANNOT.exec(lines[i]);
    if (!m) continue;
    const target = m[1] ? { link: m[1] === 'bl', symbol: m[2] } : undefined;
    for (let j = i; j < Math.min(lines.length, i + 3); j++) {
      const code = lines[j].replace(/\/\/.*$|\/\*.*?\*\//g, '');
      const l = LABEL_RE.map((r) => r.exec(code)).find((x) => x);
      if (l) {
        out.push({ label: l[1], line: j, ...(target ? { target } : {}) });
        break;
      }
    }
  }
  return out;
}

/** Section bases: from a kernel symbol of the same name as a label of the section. */
export function sectionBases(result: AssembleResult, kernel: KernelSymbols | undefined): Map<string, bigint> {
  const bases = new Map<string, bigint>();
  for (const [name, s] of result.symbols) {
    if (!s.defined || !s.section || s.value === undefined || bases.has(s.section)) continue;
    const k = kernel?.symbols.get(name);
    if (k !== undefined) bases.set(s.section, k - s.value);
  }
  return bases;
}

export function listAsmPatchSites(result: AssembleResult, opts: AsmSitesOptions): { sites: AsmSite[]; bases: Map<string, bigint>; warnings: string[] } {
  const warnings: string[] = [];
  const cfg = opts.config;
  const bases = sectionBases(result, opts.kernel);
  const base = (section: string) => bases.get(section) ?? opts.loadAddress ?? 0n;
  const addrOf = (name: string): bigint | undefined => {
    const s = result.symbols.get(name);
    if (s?.defined && s.section && s.value !== undefined) return base(s.section) + s.value;
    return opts.kernel?.symbols.get(name);
  };
  const a: SiteAddresses = {
    ftraceStub: addrOf('ftrace_stub'),
    ftraceGraphCaller: addrOf('ftrace_graph_caller'),
    ftraceCaller: addrOf('ftrace_caller'),
    ftraceRegsCaller: addrOf('ftrace_regs_caller'),
    ...opts.addresses,
  };
  const itemAt = (section: string, offset: number): Item | undefined => result.sections.find((s) => s.name === section)?.items.find((it) => it.offset === offset && it.kind === 'insn');

  const wanted: { label: string; kind: 'ftrace_call' | 'ftrace_graph_call' | 'annotated'; target?: { link: boolean; symbol: string } }[] = [];
  if (result.symbols.get('ftrace_call')?.defined) wanted.push({ label: 'ftrace_call', kind: 'ftrace_call' });
  if (result.symbols.get('ftrace_graph_call')?.defined) wanted.push({ label: 'ftrace_graph_call', kind: 'ftrace_graph_call' });
  for (const an of annotatedLabels(opts.text)) if (!wanted.some((w) => w.label === an.label)) wanted.push({ label: an.label, kind: 'annotated', target: an.target });

  const sites: AsmSite[] = [];
  for (const w of wanted) {
    const s = result.symbols.get(w.label);
    if (!s?.defined || !s.section || s.value === undefined) {
      warnings.push(`${w.label}: annotated as a patch site but not defined in a section`);
      continue;
    }
    const offset = Number(s.value);
    const address = base(s.section) + s.value;
    const item = itemAt(s.section, offset);
    const current = currentWord(item, address, addrOf);
    let site: PatchSite;
    let note: string | undefined;
    if (w.kind === 'ftrace_call') {
      site = ftraceCallSite(address, cfg, a);
      if (cfg.callOps) note = `with CALL_OPS (era ${cfg.era}) ftrace_update_ftrace_func() returns 0: this site is not patched`;
    } else if (w.kind === 'ftrace_graph_call') {
      site = ftraceGraphCallSite(address, cfg, a);
      if (!cfg.graphCallSite) note = `era ${cfg.era} traces the graph through an ftrace_ops callback: ftrace_modify_graph_caller() does not exist there`;
    } else site = annotatedSite(address, current, w.target ? { ...w.target, address: addrOf(w.target.symbol) } : undefined);
    const origin = s.origin?.loc;
    sites.push({ ...site, label: w.label, file: origin?.file ?? opts.file, line: origin?.line ?? 0, section: s.section, offset, current, ...(note ? { note } : {}) });
  }
  return { sites, bases, warnings };
}

function currentWord(item: Item | undefined, address: bigint, addrOf: (n: string) => bigint | undefined): AsmSite['current'] {
  if (!item || item.word === undefined) return { word: null, text: '' };
  const r = item.reloc;
  if (r && (r.type === 'R_AARCH64_CALL26' || r.type === 'R_AARCH64_JUMP26')) {
    const t = addrOf(r.symbol);
    if (t !== undefined) {
      const g = emulate('aarch64_insn_gen_branch_imm', [address, t + r.addend, r.type === 'R_AARCH64_CALL26' ? 1n : 0n]);
      if (!isEmulateError(g)) return { word: g.word, text: g.text, reloc: `${r.type} ${r.symbol}` };
    }
    return { word: item.word, text: item.text ?? describeWord(item.word, address), reloc: `${r.type} ${r.symbol}` };
  }
  return { word: item.word, text: describeWord(item.word, address), ...(r ? { reloc: `${r.type} ${r.symbol}` } : {}) };
}

function annotatedSite(address: bigint, current: AsmSite['current'], target?: { link: boolean; symbol: string; address?: bigint }): PatchSite {
  const states: SiteState[] = [{ name: 'compiled', word: current.word, text: current.text, writer: 'compiler', validated: null }];
  let inRange: boolean | null = null;
  if (target) {
    if (target.address !== undefined) {
      const g = emulate('aarch64_insn_gen_branch_imm', [address, target.address, target.link ? 1n : 0n]);
      if (!isEmulateError(g)) {
        states.push({ name: 'enabled', word: g.word, text: g.text, writer: 'aarch64_insn_patch_text_nosync', validated: null, ...(g.fault ? { note: `AARCH64_BREAK_FAULT: ${g.fault.reason}` } : {}) });
        inRange = !g.fault;
      }
    } else states.push({ name: 'enabled', word: null, text: `${target.link ? 'bl' : 'b'} ${target.symbol}`, writer: 'aarch64_insn_patch_text_nosync', validated: null });
  }
  return { kind: 'annotated', address, states, inRange, plt: null };
}
