// Control flow over a program's instructions: per-instruction successors (fallthrough, b, b.cond,
// cbz/cbnz, tbz/tbnz, calls that return, the ftrace patch sites), basic blocks across symbols,
// and the exits (ret, br, tail calls out of the file). Indirect targets are unknown.
import { decodeText } from '../isa';
import { Effects, effectsOfWord } from './effects';
import { PATCH_SITES } from './contracts';
import { Program } from './program';

export type ExitKind = 'ret' | 'ijump' | 'tailcall';

export interface Block {
  readonly id: number;
  /** First instruction index. */
  readonly start: number;
  /** One past the last instruction index. */
  readonly end: number;
  readonly succs: number[];
  readonly preds: number[];
}

export interface Cfg {
  readonly program: Program;
  readonly insns: readonly { readonly fx: Effects }[];
  /** Instruction index → resolved direct target index (calls included), -1 if out of file/none. */
  readonly target: Int32Array;
  /** Instructions that leave the code under analysis, and how. */
  readonly exit: ReadonlyMap<number, ExitKind>;
  /** Instructions that act as calls although their word may be a NOP (patch sites). */
  readonly patchCall: ReadonlySet<number>;
  readonly blocks: readonly Block[];
  readonly blockOf: Int32Array;
  /** Symbols defined at an instruction index (the index of their address). */
  readonly symbolsAt: ReadonlyMap<number, readonly string[]>;
  /** Index of the instruction at `section:address`. */
  indexOf(section: string, address: bigint): number | undefined;
  /** Name of the nearest symbol at or before an instruction, for paths and messages. */
  nameAt(i: number): string | undefined;
  /** The instruction as written (after expansion), else as decoded. */
  textOf(i: number): string;
}

export function buildCfg(p: Program): Cfg {
  const n = p.instructions.length;
  const insns: { fx: Effects }[] = new Array(n);
  // each section is a run of the (address-ordered) instruction list: lookups are binary searches
  const range = new Map<string, [number, number]>();
  const addr = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ins = p.instructions[i];
    insns[i] = { fx: effectsOfWord(ins.word) };
    addr[i] = Number(ins.address);
    const r = range.get(ins.section);
    if (!r) range.set(ins.section, [i, i + 1]);
    else r[1] = i + 1;
  }
  const find = (section: string, a: number): number | undefined => {
    const r = range.get(section);
    if (!r) return undefined;
    let lo = r[0];
    let hi = r[1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = addr[mid];
      if (v === a) return p.instructions[mid].section === section ? mid : undefined;
      if (v < a) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  const indexOf = (section: string, address: bigint) => find(section, Number(address));

  const symbolsAt = new Map<number, string[]>();
  for (const s of p.symbols.values()) {
    if (!s.defined || s.section === undefined || s.address === undefined) continue;
    const i = indexOf(s.section, s.address);
    if (i === undefined) continue;
    const list = symbolsAt.get(i);
    if (list) list.push(s.name);
    else symbolsAt.set(i, [s.name]);
  }
  for (const list of symbolsAt.values()) list.sort(symbolOrder);

  const patchCall = new Set<number>();
  const patchBranch = new Map<number, number>();
  for (const [name, site] of Object.entries(PATCH_SITES)) {
    const s = p.symbols.get(name);
    if (!s?.defined || s.section === undefined || s.address === undefined) continue;
    const i = indexOf(s.section, s.address);
    if (i === undefined) continue;
    const m = insns[i].fx.mnemonic;
    if (site.kind === 'call' && (m === 'nop' || m === 'bl')) patchCall.add(i);
    if (site.kind === 'branch' && (m === 'nop' || m === 'b')) {
      const t = p.symbols.get(site.target);
      const ti = t?.defined && t.section !== undefined && t.address !== undefined ? indexOf(t.section, t.address) : undefined;
      if (ti !== undefined) patchBranch.set(i, ti);
    }
  }

  const next = (i: number): number | undefined =>
    i + 1 < n && addr[i + 1] === addr[i] + 4 && p.instructions[i].section === p.instructions[i + 1].section ? i + 1 : undefined;

  const target = new Int32Array(n).fill(-1);
  // simple instructions (fall through only) keep no array: `simple[i]` = 1; others get `succ[i]`
  const simple = new Uint8Array(n);
  const succ: number[][] = new Array(n);
  const exit = new Map<number, ExitKind>();
  for (let i = 0; i < n; i++) {
    const fx = insns[i].fx;
    const ins = p.instructions[i];
    let t: number | undefined;
    let outOfFile = false;
    if (fx.flow === 'jump' || fx.flow === 'cond' || fx.flow === 'call') {
      if (ins.relocSymbol !== undefined) {
        const s = p.symbols.get(ins.relocSymbol);
        if (s?.defined && s.section !== undefined && s.address !== undefined) t = indexOf(s.section, s.address + (ins.relocAddend ?? 0n));
        else outOfFile = true;
      } else if (fx.targetOff !== undefined) t = find(ins.section, addr[i] + fx.targetOff);
      if (t !== undefined) target[i] = t;
      else outOfFile = true;
    }
    const nx = next(i);
    const fallsThrough = fx.flow === 'next' || fx.flow === 'call' || fx.flow === 'icall' || patchCall.has(i);
    if (fallsThrough && nx !== undefined && !patchBranch.has(i)) {
      simple[i] = 1;
      continue;
    }
    const out: number[] = [];
    if (fallsThrough) {
      if (nx !== undefined) out.push(nx);
    } else {
      switch (fx.flow) {
        case 'jump':
          if (t !== undefined) out.push(t);
          else if (outOfFile) exit.set(i, 'tailcall');
          break;
        case 'cond':
          // a conditional branch out of the file is rather a label missing in this configuration
          // (checklist A10) than a tail call: its target stays unknown, not an exit
          if (t !== undefined) out.push(t);
          if (nx !== undefined && !out.includes(nx)) out.push(nx);
          break;
        case 'ret':
          exit.set(i, 'ret');
          break;
        case 'ijump':
          exit.set(i, 'ijump');
          break;
        default:
          break;
      }
    }
    const pb = patchBranch.get(i);
    if (pb !== undefined && !out.includes(pb)) out.push(pb);
    succ[i] = out;
  }
  const succOf = (i: number): readonly number[] => (simple[i] ? [i + 1] : succ[i]);

  // basic blocks: leaders at 0, targets, after any control transfer, at symbols, after gaps
  const leader = new Uint8Array(n);
  if (n > 0) leader[0] = 1;
  for (let i = 0; i < n; i++) {
    if (symbolsAt.has(i)) leader[i] = 1;
    if (simple[i]) continue;
    if (i + 1 < n) leader[i + 1] = 1;
    for (const t of succ[i]) leader[t] = 1;
  }
  const blocks: Block[] = [];
  const blockOf = new Int32Array(n);
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && !leader[j]) j++;
    const id = blocks.length;
    blocks.push({ id, start: i, end: j, succs: [], preds: [] });
    for (let k = i; k < j; k++) blockOf[k] = id;
    i = j;
  }
  for (const b of blocks) {
    for (const t of succOf(b.end - 1)) {
      const tb = blockOf[t];
      if (!b.succs.includes(tb)) {
        b.succs.push(tb);
        blocks[tb].preds.push(b.id);
      }
    }
  }

  // nearest symbol at or before each instruction (within its section), for names
  const nearest = new Int32Array(n).fill(-1);
  for (let i = 0, last = -1; i < n; i++) {
    if (i > 0 && p.instructions[i].section !== p.instructions[i - 1].section) last = -1;
    if (symbolsAt.has(i)) last = i;
    nearest[i] = last;
  }
  const nameAt = (i: number): string | undefined => {
    const at = nearest[i];
    if (at < 0) return undefined;
    const name = symbolsAt.get(at)![0];
    const off = addr[i] - addr[at];
    return off === 0 ? name : `${name}+0x${off.toString(16)}`;
  };

  const textOf = (i: number): string => {
    const ins = p.instructions[i];
    const t = ins.text ?? decodeText(ins.word, ins.address) ?? '.inst 0x' + ins.word.toString(16).padStart(8, '0');
    return t.trim().replace(/\s+/g, ' ');
  };

  return { program: p, insns, target, exit, patchCall, blocks, blockOf, symbolsAt, indexOf, nameAt, textOf };
}

/** Global, non-local names first, so `ftrace_caller` names a place rather than `.Lfoo`. */
function symbolOrder(a: string, b: string): number {
  const la = a.startsWith('.L') ? 1 : 0;
  const lb = b.startsWith('.L') ? 1 : 0;
  return la - lb || a.localeCompare(b);
}
