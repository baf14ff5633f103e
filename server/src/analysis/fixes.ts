// Mechanical repairs as text edits on the source: insert `bti c`, restore a register from the
// slot it was saved to, load from the right slot, return through the right register. An edit is
// only offered where the source line is plain text in a file we can read (never inside a macro
// body, which other uses share).
import type { Fix, Origin, TextEdit } from '../asm/types';
import { Cfg } from './cfg';
import { FlowEnv, FlowResult, isCall, stateBefore } from './dataflow';
import { SP, isFpReg, regName } from './effects';
import { Program, lineInFile } from './program';
import { isEntry } from './values';

/** Each program's source files split into lines, once (a file full of findings split them per finding). */
const SPLIT = new WeakMap<Program, Map<string, readonly string[] | undefined>>();

function sourceLines(p: Program, file: string): readonly string[] | undefined {
  let byFile = SPLIT.get(p);
  if (!byFile) SPLIT.set(p, (byFile = new Map()));
  if (!byFile.has(file)) byFile.set(file, p.source?.(file)?.split('\n'));
  return byFile.get(file);
}

/** The source line of an instruction that came straight from the file (no expansion). */
function plainLine(cfg: Cfg, i: number): { file: string; line: number; text: string; startCol: number; endCol: number } | undefined {
  const o: Origin = cfg.program.instructions[i].origin;
  if (o.stack.length > 0) return undefined;
  const text = sourceLines(cfg.program, o.loc.file)?.[o.loc.line];
  if (text === undefined) return undefined;
  return { file: o.loc.file, line: o.loc.line, text: text.replace(/\r$/, ''), startCol: o.loc.startCol, endCol: o.loc.endCol };
}

/** The file line an instruction stands at (its own, or the macro use in the checked file). */
function lineOf(cfg: Cfg, i: number): { file: string; line: number; text: string } | undefined {
  const p = cfg.program;
  const o = p.instructions[i].origin;
  const file = o.stack.length > 0 ? o.stack[0].at.file : o.loc.file;
  const line = lineInFile(o, file);
  if (line === undefined) return undefined;
  const text = sourceLines(p, file)?.[line];
  return text === undefined ? undefined : { file, line, text: text.replace(/\r$/, '') };
}

const indentOf = (text: string) => /^\s*/.exec(text)![0] || '\t';
const sepOf = (text: string) => (/^\s*[\w.]+\t/i.test(text) ? '\t' : ' ');

function insertBefore(file: string, line: number, newText: string): TextEdit {
  return { loc: { file, line, startCol: 0, endCol: 0 }, newText };
}

/** Insert `bti c` as the first instruction after a symbol's definition line. */
export function btiFix(cfg: Cfg, symbol: string, first: number): Fix | undefined {
  const p = cfg.program;
  const s = p.symbols.get(symbol);
  const firstLine = lineOf(cfg, first);
  if (!s?.origin || !firstLine) return undefined;
  const defLine = lineInFile(s.origin, firstLine.file);
  if (defLine === undefined) return undefined;
  // the first instruction's own line when it is a plain line after the definition, else the next line
  const at = firstLine.line > defLine ? firstLine.line : defLine + 1;
  const model = firstLine.line > defLine ? firstLine.text : '\t';
  return { title: 'Insert `bti c`', edits: [insertBefore(firstLine.file, at, `${indentOf(model)}bti${sepOf(model)}c\n`)] };
}

/** The bracket text `[sp, #EXPR]` of a store's source, if its data register j sits at +j*size. */
function sourceBracket(cfg: Cfg, store: number, j: number, size: number): string | undefined {
  const pl = plainLine(cfg, store);
  const orig = cfg.program.instructions[store].origin;
  const text = pl?.text ?? sourceLines(cfg.program, orig.loc.file)?.[orig.loc.line];
  if (text === undefined) return undefined;
  const m = /\[\s*(sp|x29|fp)\s*(?:,\s*#?([^\]]+))?\]/i.exec(text);
  if (!m || m[1].toLowerCase() !== 'sp' || text.slice(m.index + m[0].length).trimStart().startsWith('!')) return undefined;
  if (m[0].includes('\\')) return undefined; // a gas macro parameter
  const expr = (m[2] ?? '0').trim();
  if (j === 0) return `[sp, #${expr}]`;
  return `[sp, #(${expr} + ${j * size})]`;
}

const regText = regName;

/**
 * Restore `regs` (saved, not restored) before the exit: at the latest point of the exit's block
 * where their slots still hold the saved values above sp and nothing writes them afterwards.
 */
export function restoreFix(cfg: Cfg, flow: FlowResult, env: FlowEnv, exit: number, regs: readonly number[]): Fix | undefined {
  const b = cfg.blocks[cfg.blockOf[exit]];
  const written = (k: number, r: number) => cfg.insns[k].fx.writes.includes(r) || (isCall(cfg, k) && (r < 19 || r === 30));
  for (let k = exit; k >= b.start; k--) {
    if (k < exit && regs.some((r) => written(k, r))) return undefined;
    const s = stateBefore(cfg, flow, env, k);
    const sp = s?.stackOffset(SP);
    if (!s || sp === undefined) continue;
    const slots: { r: number; off: number; site: number }[] = [];
    for (const r of regs) {
      for (const [off, slot] of s.slots) {
        if (off >= sp && slot.size === 8 && isEntry(slot.val, r)) {
          slots.push({ r, off, site: slot.site });
          break;
        }
      }
    }
    if (slots.length !== regs.length) continue;
    const at = lineOf(cfg, k);
    if (!at || (k > b.start && lineOf(cfg, k - 1)?.line === at.line)) return undefined;
    const ind = indentOf(at.text);
    const sep = sepOf(at.text);
    const spAtSave = (site: number) => (site >= 0 ? stateBefore(cfg, flow, env, site)?.stackOffset(SP) : undefined);
    const bracket = (x: { off: number; site: number }): string => {
      if (x.site >= 0 && spAtSave(x.site) === sp) {
        const mem = cfg.insns[x.site].fx.mem;
        const base = spAtSave(x.site)! + (mem?.offset ?? 0);
        const j = mem ? (x.off - base) / mem.size : -1;
        const t = mem && Number.isInteger(j) && j >= 0 ? sourceBracket(cfg, x.site, j, mem.size) : undefined;
        if (t) return t;
      }
      return `[sp, #${x.off - sp}]`;
    };
    const lines: string[] = [];
    slots.sort((a, c) => a.off - c.off);
    for (let n = 0; n < slots.length; n++) {
      const a = slots[n];
      const c = slots[n + 1];
      if (c && c.off === a.off + 8 && isFpReg(a.r) === isFpReg(c.r)) {
        lines.push(`${ind}ldp${sep}${regText(a.r)}, ${regText(c.r)}, ${bracket(a)}\n`);
        n++;
      } else lines.push(`${ind}ldr${sep}${regText(a.r)}, ${bracket(a)}\n`);
    }
    const names = slots.map((x) => regText(x.r)).join(', ');
    return { title: `Restore ${names} from the slot${slots.length > 1 ? 's' : ''} ${slots.length > 1 ? 'they were' : 'it was'} saved to`, edits: [insertBefore(at.file, at.line, lines.join(''))] };
  }
  return undefined;
}

/** Replace the memory operand of a load with the slot its registers were saved to. */
export function reslotFix(cfg: Cfg, flow: FlowResult, env: FlowEnv, load: number): Fix | undefined {
  const fx = cfg.insns[load].fx;
  const m = fx.mem;
  if (!m || !m.load || m.base !== SP || m.writeback !== undefined || m.regs.length === 0) return undefined;
  const s = stateBefore(cfg, flow, env, load);
  const sp = s?.stackOffset(SP);
  if (!s || sp === undefined) return undefined;
  let first: { off: number; site: number } | undefined;
  for (let j = 0; j < m.regs.length; j++) {
    const r = m.regs[j];
    let found: { off: number; site: number } | undefined;
    for (const [off, slot] of s.slots) if (slot.size === m.size && isEntry(slot.val, r)) found = { off, site: slot.site };
    if (!found) return undefined;
    if (j === 0) first = found;
    else if (found.off !== first!.off + j * m.size) return undefined;
  }
  const pl = plainLine(cfg, load);
  if (!pl || !first) return undefined;
  const seg = pl.text.slice(pl.startCol, pl.endCol || undefined);
  const open = seg.indexOf('[');
  const close = seg.indexOf(']', open);
  if (open < 0 || close < 0) return undefined;
  let bracket = `[sp, #${first.off - sp}]`;
  if (first.site >= 0) {
    const spSave = stateBefore(cfg, flow, env, first.site)?.stackOffset(SP);
    const sm = cfg.insns[first.site].fx.mem;
    if (spSave === sp && sm) {
      const j = (first.off - (spSave + (sm.offset ?? 0))) / sm.size;
      bracket = (Number.isInteger(j) && j >= 0 ? sourceBracket(cfg, first.site, j, sm.size) : undefined) ?? bracket;
    }
  }
  const names = m.regs.map(regText).join(', ');
  return {
    title: `Load ${names} from the slot ${m.regs.length > 1 ? 'they were' : 'it was'} saved to (${bracket})`,
    edits: [{ loc: { file: pl.file, line: pl.line, startCol: pl.startCol + open, endCol: pl.startCol + close + 1 }, newText: bracket }],
  };
}

/** `ret` → `ret xN` when xN holds the resume address. */
export function retRegFix(cfg: Cfg, ret: number, reg: number): Fix | undefined {
  const pl = plainLine(cfg, ret);
  if (!pl) return undefined;
  const seg = pl.text.slice(pl.startCol, pl.endCol || undefined);
  // `ret` or `ret x30` (a comment may follow on the line)
  const m = /^(\s*ret)\b(?:\s+(?:x30|lr)\b)?(?=\s*(?:$|\/\/|\/\*|;))/i.exec(seg);
  if (!m) return undefined;
  // `ret` alone shows no separator: take the one of the instructions above it
  const lines = sourceLines(cfg.program, pl.file) ?? [];
  let sep = ' ';
  for (let k = pl.line - 1; k >= Math.max(0, pl.line - 8); k--) {
    const m = /^\s*[a-z][\w.]*([ \t])\S/i.exec(lines[k] ?? '');
    if (m && !lines[k].trimStart().startsWith('#')) {
      sep = m[1];
      break;
    }
  }
  return {
    title: `Return through ${regName(reg)}`,
    edits: [{ loc: { file: pl.file, line: pl.line, startCol: pl.startCol, endCol: pl.startCol + m[0].length }, newText: `${m[1]}${sep}${regName(reg)}` }],
  };
}
