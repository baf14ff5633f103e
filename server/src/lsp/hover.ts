// Hover: a hex instruction word (asm or C) → its decode; an instruction line → its word(s) at its
// address (from the front end's layout; else encoded at 0, and the hover says so); an asm-offsets
// symbol → value, struct field and where the value came from; a macro → its definition; a label
// → its section and offset; a function → its ftrace entry slots in the active config; a line with
// no word → why (inactive #if arm, macro body). Each case finds the node and formats what a core computed.
import { MarkupKind, type Hover, type HoverParams, type Range, type ServerCapabilities } from 'vscode-languageserver';
import type { DocumentAnalysis } from '../driver';
import type { Item } from '../asm/types';
import { decode, encode, isEncodeFailure } from '../isa';
import { CONTRACTS } from '../analysis';
import { conditionalArms, type CondArm } from '../asm/cpp-conditions';
import { describeAsmOffset } from '../ftrace/asm-offsets';
import type { AsmSite } from '../ftrace/asm-sites';
import type { CPatchAnnotation } from '../ftrace/c-patch-calls';
import { functionEntry, type FunctionEntry } from '../ftrace/function-entry';
import { modelSummary, type PatchConfig, type SiteState } from '../ftrace/patch-sites';
import { guarded } from './connection-log';
import type { Feature, ServerContext } from './context';
import type { AnalysisService } from './analysis-service';
import { decodeMarkdown, hexAddress } from './decode-markdown';
import { anchorIn, rangeOf } from './locations';
import { hexWordAt, identifierAt, statementAt, type StatementAt } from './position-context';
import { hex8 } from './protocol';
import { registerNumber, registerValues } from './register-values';

/** Words listed in one hover for a line that produced many (a macro invocation, .rept). */
const MAX_WORDS = 24;

const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });
const md = (value: string, r?: Range): Hover => ({ contents: { kind: MarkupKind.Markdown, value }, ...(r ? { range: r } : {}) });

export function hoverFeature(service: AnalysisService): Feature {
  return {
    name: 'hover',
    capabilities(caps: ServerCapabilities) {
      caps.hoverProvider = true;
    },
    register(ctx: ServerContext) {
      ctx.connection.onHover(guarded(ctx.log, 'textDocument/hover', async (p: HoverParams, token) => {
        const a = await service.get(p.textDocument.uri, token);
        const doc = service.document(p.textDocument.uri);
        if (!a || !doc || a.degraded || !a.active) return null;
        const ln = p.position.line;
        const line = doc.getText(range(ln, 0, Number.MAX_SAFE_INTEGER)).replace(/\r?\n$/, '');
        return hoverAt(a, line, ln, p.position.character, { resolveInclude: (name, angled) => service.driver.resolveInclude(a, name, angled), text: () => doc.getText() });
      }, null));
    },
  };
}

/** Resolves an `#include`/`.include` name as the front end does (the driver's resolveInclude). */
export type IncludeResolver = (name: string, angled: boolean) => string | undefined;

export interface HoverContext {
  readonly resolveInclude?: IncludeResolver;
  /** The document's text (for the `#if` arms of a line that was not assembled). */
  readonly text?: () => string;
}

const INCLUDE = /^(\s*(?:#\s*include|\.include)\s*)([<"])([^>"]*)[>"]?/;

/** The hover for column `col` of line `ln` (text `line`) of an analysed document. */
export function hoverAt(a: DocumentAnalysis, line: string, ln: number, col: number, ctx: HoverContext = {}): Hover | null {
  const kind = a.kind;
  if (kind === 'c') return cHover(a, ln, col);
  const inc = kind === 'asm' ? INCLUDE.exec(line) : null;
  if (inc) {
    // the path's words are not macros (`linux` is one in cpp): say which file it is
    const start = inc[1].length;
    const end = start + inc[3].length + 2;
    if (col < start || col > end) return null;
    const path = ctx.resolveInclude?.(inc[3], inc[2] === '<');
    const text = path ? `\`${path}\`` : `\`${inc[3]}\` is not in the include paths${a.env.includePaths.length ? '' : ' (none set: see the kernelSourceRoot and includePaths settings)'}`;
    return md(text, range(ln, start, Math.min(end, line.length)));
  }
  const hex = hexWordAt(line, col);
  if (hex) {
    const item = a.assembly?.itemsAt(a.file, ln).find((it) => it.word === hex.value);
    const address = item ? BigInt(item.offset) : 0n;
    const d = decode(hex.value, address);
    if (!d && hex.context === 'bare') return null;
    const heading = item ? `\`${item.section}\` + ${hexAddress(address)}` : undefined;
    return md(decodeMarkdown(hex.value, address, d, { addressKnown: !!item, heading }), range(ln, hex.start, hex.end));
  }
  if (kind !== 'asm') return null;
  const st = statementAt(line, col);
  const id = identifierAt(line, col);
  if (id && !(st?.instruction && col < st.operandsStart)) {
    const h = identifierHover(a, id.name, ln);
    if (h) return md(h, range(ln, id.start, id.end));
  }
  if (st?.instruction) {
    const reg = id && col >= st.operandsStart ? registerHover(a, ln, id.name) : undefined;
    if (reg && id) return md(reg, range(ln, id.start, id.end));
    return md(instructionHover(a, ln, st, ctx), range(ln, st.start, st.end));
  }
  if (st && a.assembly) {
    // a macro invocation or .rept line: the words it produced
    const words = producedWords(a, ln);
    if (words) return md(words, range(ln, st.start, st.end));
    const arm = inactiveArm(a, ln, ctx);
    if (arm) return md(`_Not assembled: ${armText(arm)}_`, range(ln, st.start, st.end));
  }
  return null;
}

/** C: the C checker's annotations (folded insn-gen calls, instruction-word literals) under the cursor. */
function cHover(a: DocumentAnalysis, ln: number, col: number): Hover | null {
  const inside = (l: { line: number; startCol: number; endLine: number; endCol: number }) =>
    (ln > l.line || (ln === l.line && col >= l.startCol)) && (ln < l.endLine || (ln === l.endLine && col <= l.endCol));
  // the innermost: a word literal inside a generator call's arguments wins
  const hits = (a.cAnnotations ?? []).filter((an) => inside(an.loc)).sort((x, y) => x.loc.endLine - x.loc.line - (y.loc.endLine - y.loc.line) || x.loc.endCol - x.loc.startCol - (y.loc.endCol - y.loc.startCol));
  const an = hits[0];
  if (!an) return null;
  if (an.kind === 'patch') return md(patchMarkdown(an), rangeOf(an.loc));
  const d = decode(an.word, 0n);
  const lines: string[] = [];
  if (an.kind === 'generator') {
    lines.push(`\`${an.generator}(…)\` with these constant arguments returns \`0x${hex8(an.word)}\``);
    if (an.fault) lines.push('', `**AARCH64_BREAK_FAULT**: ${an.fault}`);
    if (an.silent) lines.push('', `**Silently wrong**: ${an.silent}`);
    if (an.prototype) lines.push('', '```c', an.prototype, '```');
  }
  const heading = lines.length ? lines.join('\n') : undefined;
  return md(decodeMarkdown(an.word, 0n, d, { heading }), rangeOf(an.loc));
}

const CMODX_TEXT: Record<CPatchAnnotation['cmodx'], string> = {
  safe: 'a CMODX-safe pair (B, BL, NOP, BRK, SVC, HVC, SMC): may be patched while other CPUs run it',
  'not-safe': '**not a CMODX-safe pair**: only safe before the code can run or under stop_machine',
  'init-only': 'not a CMODX-safe pair, written before the code can run (init)',
  'stop-machine': 'written under stop_machine (aarch64_insn_patch_text): any pair',
  unknown: 'CMODX safety unknown (the words are not known here)',
};

/** A runtime patch call: its old and new words, who builds them, validation and CMODX safety. */
function patchMarkdown(an: CPatchAnnotation): string {
  const row = (name: string, w: CPatchAnnotation['old']) =>
    w ? `| ${name} | ${w.word !== undefined ? `\`${hex8(w.word)}\`` : ''} | \`${w.text.replace(/\|/g, '\\|')}\` | ${w.builder ? `\`${w.builder.generator}\` (line ${w.builder.loc.line + 1})` : w.from === w.text ? '' : `\`${w.from.replace(/\|/g, '\\|')}\``} |` : undefined;
  const rows = [an.validated !== false ? row('old', an.old) : undefined, row('new', an.new)].filter((r): r is string => !!r);
  const validated = an.validated === null ? 'validation decided at run time' : an.validated ? 'validated: the old word is read back and compared first' : `**not validated**${an.blind ? `: ${an.blind}` : ''}`;
  return [
    `**runtime patch** \`${an.callee}\`${an.fn ? ` in \`${an.fn}()\`` : ''} at \`${an.pc}\``,
    '',
    '| | word | text | built by |',
    '|---|---|---|---|',
    ...rows,
    '',
    `${validated}; ${CMODX_TEXT[an.cmodx]}`,
  ].join('\n');
}

/** What a `bti`/`paciasp` lets land (the ABI core's `landing` of the instruction). */
const LANDING: Record<string, string> = {
  c: 'landing pad for BLR, and for BR through x16/x17 (a module PLT\'s `br x16`, a direct call\'s `br x17`)',
  j: 'landing pad for BR only: a BLR landing here faults under BTI',
  jc: 'landing pad for BR and BLR',
  '': 'no indirect branch may land here under BTI',
  pac: 'an implicit `bti c`: landing pad for BLR and for BR through x16/x17',
};

/** The ABI core's CFG index of a laid-out instruction, when the checker built one. */
function cfgIndex(a: DocumentAnalysis, it: Item): number | undefined {
  return a.abi?.cfg?.indexOf(it.section, BigInt(it.offset));
}

const place = (it: Item): string => `\`${it.section}\` + 0x${it.offset.toString(16)}`;

/** The line a core origin shows at in this document (the macro invocation for an expansion). */
function lineIn(a: DocumentAnalysis, o: Item['origin']): number | undefined {
  return anchorIn(o, a.file)?.loc.line;
}

/** A register operand: what it holds before (and after) this instruction, per entry whose flow reaches it. */
function registerHover(a: DocumentAnalysis, ln: number, name: string): string | undefined {
  const r = registerNumber(name);
  if (r === undefined) return undefined;
  const own = lineItems(a, ln);
  if (own.length !== 1) return undefined;
  const item = own[0];
  const values = registerValues(a, item.section, item.offset, r);
  if (!values.length) return undefined;
  const lines = values.slice(0, 6).map((v) => {
    const at = v.setBy ? lineIn(a, v.setBy.origin) : undefined;
    const set = v.setBy && at !== undefined && at !== ln ? ` — set by \`${v.setBy.text}\` (line ${at + 1})` : '';
    const after = v.after ? `; after: ${v.after}` : '';
    return `- \`${v.entry}\` (${v.contract}): ${v.text}${set}${after}`;
  });
  const more = values.length > 6 ? `\n- … ${values.length - 6} more entries` : '';
  const convention = values.find((v) => v.convention);
  const conv = convention ? `\n\n_In ${convention.contract} code ${name.replace(/^w/, 'x')} is ${convention.convention}._` : '';
  return `**\`${name}\`** before this instruction:\n\n${lines.join('\n')}${more}${conv}\n\n---\n\n${itemMarkdown(a, item, { full: false })}`;
}

/**
 * The instruction items of a line: its own, else (an instruction-like gas macro, `bti c` when
 * assembler.h defines `bti` for old assemblers) the words its expansion produced.
 */
function lineItems(a: DocumentAnalysis, ln: number): Item[] {
  const own = ownItems(a, ln);
  if (own.length) return own;
  return (a.assembly?.itemsAt(a.file, ln) ?? []).filter((it) => it.kind === 'insn' && it.word !== undefined);
}

/** Instruction items a line produced itself (several when it is in a macro or .rept body). */
function ownItems(a: DocumentAnalysis, ln: number): Item[] {
  return (a.assembly?.itemsAt(a.file, ln) ?? []).filter((it) => it.kind === 'insn' && it.word !== undefined && it.origin.loc.file === a.file && it.origin.loc.line === ln);
}

function instructionHover(a: DocumentAnalysis, ln: number, st: StatementAt, ctx: HoverContext): string {
  const own = ownItems(a, ln);
  const gm = own.length ? undefined : a.assembly?.macros.get(st.mnemonic);
  if (gm) {
    // gas looks up macros before instructions: this line is a macro invocation
    const made = lineItems(a, ln);
    const head = `_\`${gm.name}\` is a gas macro here (${shortFile(gm.origin.loc.file)}:${gm.origin.loc.line + 1})_`;
    if (made.length === 1) return `${head}\n\n${itemMarkdown(a, made[0], { full: true })}`;
    const words = producedWords(a, ln);
    if (words) return `${head}\n\n${words}`;
  }
  if (own.length === 1) {
    const entry = entryAt(a, own[0]);
    return itemMarkdown(a, own[0], { full: true, written: st.mnemonic }) + (entry ? `\n\n---\n\n${entry}` : '');
  }
  if (own.length > 1) {
    // a macro or .rept body line: one decode when every expansion gives the same word
    const same = own.every((it) => it.word === own[0].word && !it.reloc);
    if (same) return itemMarkdown(a, own[0], { full: true, written: st.mnemonic, places: own });
    return listMarkdown(own, 'This line assembles to');
  }
  // not laid out (no front end yet, an inactive #if branch, a macro body): encode it at 0
  const why = `${notAssembled(a, ln, ctx)}: encoded at 0`;
  const symbols: string[] = [];
  const r = encode(st.text, {
    pc: 0n,
    resolve: (name) => {
      const v = a.env.asmOffsets(name);
      if (v) return v.value;
      const s = a.assembly?.symbols.get(name);
      if (s?.value !== undefined && s.section === undefined) return s.value;
      symbols.push(name);
      return 0n;
    },
  });
  if (isEncodeFailure(r)) return `_${notAssembled(a, ln, ctx)}_\n\n\`${st.text}\`: ${r.error}`;
  const note = symbols.length ? `; ${[...new Set(symbols)].map((s) => `\`${s}\``).join(', ')} taken as 0` : '';
  return decodeMarkdown(r.word, 0n, decode(r.word, 0n), { heading: `_${why}${note}_` });
}

const relocText = (r: NonNullable<Item['reloc']>): string =>
  `\`${r.type}\` against \`${r.symbol}\`${r.addend ? ` ${r.addend > 0n ? '+' : '-'} 0x${(r.addend < 0n ? -r.addend : r.addend).toString(16)}` : ''}`;

interface ItemOptions {
  readonly full: boolean;
  /** The mnemonic as the source wrote it (a note when GNU objdump prints another). */
  readonly written?: string;
  /** All the places the same word is at (a macro body line). */
  readonly places?: readonly Item[];
}

function itemMarkdown(a: DocumentAnalysis, it: Item, o: ItemOptions): string {
  const address = BigInt(it.offset);
  const d = decode(it.word!, address);
  const notes: string[] = [];
  const shown = d?.text.split(' ')[0];
  if (o.written && shown && o.written !== shown && !o.written.startsWith('.')) notes.push(`written \`${o.written}\`; assembled as \`${shown}\``);
  const i = o.full ? cfgIndex(a, it) : undefined;
  const landing = i !== undefined ? a.abi!.cfg!.insns[i].fx.landing : undefined;
  if (landing !== undefined) notes.push(LANDING[landing]);
  const heading = it.reloc ? `relocation ${relocText(it.reloc)}: its field is 0 until linked` : undefined;
  let where = place(it);
  if (o.places && o.places.length > 1) {
    const shownPlaces = o.places.slice(0, 8).map((p) => (p.section === it.section ? `0x${p.offset.toString(16)}` : place(p)));
    where = `${o.places.length} places (one per expansion): \`${it.section}\` + ${shownPlaces.join(', ')}${o.places.length > 8 ? ', …' : ''}`;
  }
  return decodeMarkdown(it.word!, address, d, { addressKnown: true, place: where, heading, brief: !o.full, note: notes.length ? `_${notes.join(' · ')}_` : undefined });
}

function listRow(it: Item): string {
  const d = decode(it.word!, BigInt(it.offset));
  const reloc = it.reloc ? `  ← ${it.reloc.type} ${it.reloc.symbol}${it.reloc.addend ? (it.reloc.addend > 0n ? '+' : '-') + '0x' + (it.reloc.addend < 0n ? -it.reloc.addend : it.reloc.addend).toString(16) : ''}` : '';
  return `${it.section.padEnd(8)} ${it.offset.toString(16).padStart(6)}:  ${hex8(it.word!)}  ${d?.text ?? '<undefined>'}${reloc}`;
}

function listMarkdown(items: readonly Item[], title: string): string {
  const rows = items.slice(0, MAX_WORDS).map(listRow);
  const more = items.length > MAX_WORDS ? `\n… ${items.length - MAX_WORDS} more` : '';
  return `${title} ${items.length} word${items.length === 1 ? '' : 's'}:\n\n\`\`\`text\n${rows.join('\n')}${more}\n\`\`\``;
}

/**
 * The words a macro invocation or `.rept` on this line produced. On a line inside another macro's
 * body the invocation runs once per expansion of that macro: the words of one expansion are listed.
 */
function producedWords(a: DocumentAnalysis, ln: number): string | undefined {
  const items = a.assembly!.itemsAt(a.file, ln).filter((it) => it.kind === 'insn' && it.word !== undefined);
  if (!items.length) return undefined;
  const depth = (it: Item) => it.origin.stack.findIndex((f) => f.at.file === a.file && f.at.line === ln);
  const d0 = depth(items[0]);
  const frame = d0 >= 0 ? items[0].origin.stack[d0] : undefined;
  const what = frame ? `\`${frame.name}\` (${frame.kind.replace('-', ' ')})` : 'This line';
  // group by the expansions around the invocation (the frames outside it)
  const key = (it: Item) => {
    const d = depth(it);
    return it.origin.stack.slice(0, Math.max(0, d)).map((f) => `${f.at.file}:${f.at.line}:${f.at.startCol}`).join('|');
  };
  const groups = new Map<string, Item[]>();
  for (const it of items) {
    const k = key(it);
    const g = groups.get(k);
    if (g) g.push(it);
    else groups.set(k, [it]);
  }
  if (groups.size <= 1) return listMarkdown(items, `${what} produces`);
  const first = groups.values().next().value as Item[];
  return listMarkdown(first, `${what} runs once per expansion of the macro around it (${groups.size} expansions); the first produces`);
}

function identifierHover(a: DocumentAnalysis, name: string, ln: number): string | undefined {
  const off = a.env.asmOffsets(name);
  if (off) {
    const desc = describeAsmOffset(name, a.env.era);
    const value = off.value < 0n ? `-0x${(-off.value).toString(16)}` : `0x${off.value.toString(16)}`;
    const lines = [`**\`${name}\`** = ${off.value} (${value})${desc ? `: ${desc.text}` : ''}`, '', `from the ${off.source}${off.verified ? '' : ' (not verified against a build)'}`];
    if (off.note) lines.push('', off.note);
    if (desc && desc.expression !== name) lines.push('', `\`${desc.expression}\``);
    return lines.join('\n');
  }
  const asm = a.assembly;
  if (!asm) return undefined;
  const macro = asm.preprocess.macros.get(name);
  if (macro && macro.origin.loc.file === '<command-line>' && !macro.params) {
    // a CONFIG_* or -D define: its value and where the configuration came from
    const from = /^CONFIG_/.test(name) ? `the configuration (${a.env.configSource})` : 'the defines setting';
    return `**\`${name}\`** = \`${macro.body}\` — set by ${from}`;
  }
  if (macro) {
    const params = macro.params ? `(${macro.params.join(', ')}${macro.variadic ? ', ...' : ''})` : '';
    const where = macro.fromFallback ? ' (built-in fallback: the kernel header was not found)' : ` (${shortFile(macro.origin.loc.file)}:${macro.origin.loc.line + 1})`;
    const words = producedWords(a, ln);
    return `\`\`\`c\n#define ${name}${params} ${macro.body.length > 2000 ? macro.body.slice(0, 2000) + ' …' : macro.body}\n\`\`\`\n\ncpp macro${where}${words ? `\n\n${words}` : ''}`;
  }
  const gm = asm.macros.get(name) ?? asm.macros.get(name.toLowerCase());
  if (gm) {
    const params = gm.params.map((p) => `${p.name}${p.required ? ':req' : ''}${p.vararg ? ':vararg' : ''}${p.dflt !== undefined ? `=${p.dflt}` : ''}`).join(', ');
    const words = producedWords(a, ln);
    return `\`\`\`asm\n.macro ${gm.name}${params ? ' ' + params : ''}\n\`\`\`\n\ngas macro (${shortFile(gm.origin.loc.file)}:${gm.origin.loc.line + 1})${words ? `\n\n${words}` : ''}`;
  }
  const sym = asm.symbols.get(name);
  if (sym && sym.defined && !sym.predefined) {
    const where = sym.section !== undefined ? `\`${sym.section}\` + ${hexAddress(sym.value ?? 0n)}` : `= ${sym.value ?? '?'}`;
    const extra = [sym.binding !== 'local' ? sym.binding : '', sym.type && sym.type !== 'notype' ? sym.type : '', sym.size !== undefined ? `size ${sym.size}` : ''].filter(Boolean).join(', ');
    const parts = [`**\`${name}\`** ${where}${extra ? ` (${extra})` : ''}`];
    const site = a.patchSites?.find((p) => p.label === name);
    if (site) parts.push(siteMarkdown(site));
    else if (BL_TARGETS.has(name)) parts.push(`**called from** each traced function (era ${a.env.patchConfig.era}):\n\n${modelSummary(a.env.patchConfig).map((l) => `- ${l}`).join('\n')}`);
    else if (sym.type === 'function') {
      const e = functionEntry(asm, name, a.env.patchConfig, a.env.kernelSymbols);
      if (e) parts.push(entryMarkdown(e, a.env.patchConfig));
    }
    const entry = a.abi?.entries.find((e) => e.symbol === name);
    if (entry && entry.contract !== 'none') {
      const c = CONTRACTS[entry.contract];
      parts.push(`**contract \`${c.name}\`** — ${c.title} (${entry.source === 'kernel-name' ? 'by its kernel name' : entry.source === 'override' ? 'by an override' : entry.source === 'function-type' ? 'a %function symbol' : 'default'})\n\n${c.doc}`);
    }
    return parts.join('\n\n---\n\n');
  }
  return undefined;
}

/** A patch site's states as a table: word, text, the kernel function writing it, validation, CMODX. */
function siteMarkdown(site: AsmSite): string {
  const w = (x: number | bigint | null) => (x === null ? '?' : typeof x === 'bigint' ? `0x${x.toString(16)}` : hex8(x));
  const rows = site.states.map((st) => `| ${st.name} | \`${w(st.word)}\` | ${st.text ? `\`${st.text}\`` : ''} | ${st.writer} | ${st.validated === null ? '' : st.validated ? 'yes' : 'no'} | ${st.cmodx ?? ''} |`);
  const reach = site.inRange === false ? `\n\nOut of BL range${site.plt ? ': ftrace goes through a module PLT' : ''}.` : '';
  const note = site.note ?? site.problem;
  const tracer = site.ip !== undefined ? `\n\nTracers receive \`ip\` = ${hexAddress(site.ip)} (the BL, rec->ip) and \`parent_ip\` = ${site.parentIp ?? 'the raw LR'}.` : '';
  const literal = site.kind === 'ops-literal' ? '\n\n8 bytes of data (the ftrace_ops pointer the trampoline loads), not instructions.' : '';
  return [`**patch site** \`${site.label}\` (${site.kind}) at ${hexAddress(site.address)}`, '', '| state | word | text | written by | validated | CMODX |', '|---|---|---|---|---|---|', ...rows].join('\n') + reach + tracer + literal + (note ? `\n\n${note}` : '');
}

function shortFile(f: string): string {
  const i = f.lastIndexOf('/');
  return i >= 0 ? f.slice(i + 1) : f;
}

// --- why a line has no words ---------------------------------------------------------------------

const ARMS = new WeakMap<DocumentAnalysis, readonly CondArm[]>();

/** The outermost `#if` arm around line `ln` that the preprocessor did not take (the front end's arms). */
function inactiveArm(a: DocumentAnalysis, ln: number, ctx: HoverContext): { arm: CondArm; group: CondArm } | undefined {
  if (!a.assembly || !ctx.text) return undefined;
  let arms = ARMS.get(a);
  if (!arms) {
    const emitted = new Set<number>();
    for (const l of a.assembly.preprocess.lines) if (l.origin.loc.file === a.file) emitted.add(l.origin.loc.line);
    arms = conditionalArms(ctx.text(), emitted);
    ARMS.set(a, arms);
  }
  const arm = arms.find((x) => !x.active && x.start < ln && ln < x.end);
  return arm ? { arm, group: arms[arm.group] } : undefined;
}

function armText({ arm, group }: { arm: CondArm; group: CondArm }): string {
  const own = `#${arm.directive}${arm.expr ? ` ${arm.expr}` : ''}`;
  const of = arm === group ? '' : ` of \`#${group.directive} ${group.expr}\` (line ${group.start + 1})`;
  return `in an inactive \`${own}\` arm (line ${arm.start + 1})${of}`;
}

/** Why a line produced no word: an inactive `#if` arm, a gas macro body, or neither. */
function notAssembled(a: DocumentAnalysis, ln: number, ctx: HoverContext): string {
  if (!a.assembly) return 'address unknown (the file was not assembled)';
  const arm = inactiveArm(a, ln, ctx);
  if (arm) return `not assembled: ${armText(arm)}`;
  const macro = a.outline.symbols.find((s) => s.kind === 'macro' && s.line < ln && ln < s.endLine);
  if (macro) {
    const n = expansions(a, macro.name);
    return n
      ? `inside the body of macro \`${macro.name}\` (expanded ${n} time${n === 1 ? '' : 's'}; this line gave no word in any expansion)`
      : `inside the body of macro \`${macro.name}\` (not expanded in this configuration)`;
  }
  return 'not assembled (a false `.if`, or code gas skipped)';
}

/** Distinct expansions of gas macro `name` that produced anything in the layout. */
function expansions(a: DocumentAnalysis, name: string): number {
  const seen = new Set<string>();
  for (const sec of a.assembly!.sections) {
    for (const it of sec.items) {
      const st = it.origin.stack;
      for (let k = 0; k < st.length; k++) {
        const f = st[k];
        if (f.kind !== 'gas-macro' || f.name !== name) continue;
        let key = '';
        for (let j = 0; j <= k; j++) key += `${st[j].at.file}:${st[j].at.line}:${st[j].at.startCol}|`;
        seen.add(key);
      }
    }
  }
  return seen.size;
}

// --- ftrace entry of a function ------------------------------------------------------------------

/** The trampolines a traced function's BL slot calls: their hover lists the callsite model instead. */
const BL_TARGETS = new Set(['ftrace_caller', 'ftrace_regs_caller']);

/**
 * The entry block when `it` is the first instruction of a function of this file, or one of the
 * patched words of an instrumented entry (F−8 … the BL slot).
 */
function entryAt(a: DocumentAnalysis, it: Item): string | undefined {
  if (!a.assembly) return undefined;
  const at = BigInt(it.offset);
  for (const s of a.assembly.symbols.values()) {
    if (s.type !== 'function' || s.section !== it.section || s.value === undefined || at < s.value - 8n || at > s.value + 12n || BL_TARGETS.has(s.name)) continue;
    if (a.patchSites?.some((p) => p.label === s.name)) continue;
    const e = functionEntry(a.assembly, s.name, a.env.patchConfig, a.env.kernelSymbols);
    if (!e) continue;
    const slot = e.sites.some((p) => at - BigInt(e.offset) === p.address - e.address || (p.kind === 'ops-literal' && at - BigInt(e.offset) === p.address - e.address + 4n));
    if (at === s.value || (e.instrumented && slot)) return entryMarkdown(e, a.env.patchConfig);
  }
  return undefined;
}

function configText(c: PatchConfig): string {
  const kind = c.callsite === 'mcount' ? '-pg (mcount)' : c.callOps ? 'CALL_OPS' : 'patchable entry';
  return [kind, c.bti ? 'BTI' : '', c.regsCaller ? 'ftrace_regs_caller' : '', c.directCalls ? 'DIRECT_CALLS' : ''].filter(Boolean).join(', ');
}

const SLOT: Record<string, string> = { 'ops-literal': 'ops literal', 'lr-save': 'MOV slot', call: 'BL slot (rec->ip)', 'mcount-call': '`bl _mcount` (rec->ip)' };

/** What a branch state calls, by state name (its decoded target is only an offset without System.map). */
const TARGET: Record<string, string> = { enabled: 'ftrace_caller', 'enabled-regs': 'ftrace_regs_caller' };

function stateCell(st: SiteState | undefined, kind: string): string {
  if (!st) return '';
  const target = kind === 'mcount-call' && st.name === 'compiled' ? '_mcount' : kind === 'call' || kind === 'mcount-call' ? TARGET[st.name] : undefined;
  if (typeof st.word === 'number') {
    const text = target && /^bl? /.test(st.text) ? `${st.text.split(' ')[0]} ${target}` : st.text;
    return `\`${text}\` ${hex8(st.word)}`;
  }
  if (st.word === null && target) return `\`${st.text}\` (address unknown)`;
  return st.text.includes('&') || st.text.includes(' or ') ? st.text : `\`${st.text}\``;
}

/** A function's ftrace entry in the active configuration: one row per patched slot. */
function entryMarkdown(e: FunctionEntry, cfg: PatchConfig): string {
  const off = (x: bigint) => (x === e.address ? 'F' : x < e.address ? `F−${e.address - x}` : `F+${x - e.address}`);
  const where = e.absolute ? `0x${e.address.toString(16)}` : `\`${e.section}\` + 0x${e.offset.toString(16)}`;
  const head = `**ftrace entry** of \`${e.name}\` — era ${cfg.era} (${configText(cfg)}), F = ${where}`;
  if (!e.layout) return `${head}\n\n_No \`bl _mcount\` in this function: not traced (-pg instruments C functions only)._`;
  const lines = [head, ''];
  if (!e.instrumented) {
    const actual = e.actual.length ? ` (it starts \`${e.actual.join('; ')}\`)` : '';
    lines.push(`_Not instrumented${actual}: gas adds no patchable NOPs to a .S function, so ftrace cannot trace it. A traced C function at F holds:_`, '');
  }
  lines.push('| at | slot | compiled | init | enabled |', '|---|---|---|---|---|');
  const rows: [bigint, string][] = [];
  if (e.layout.bti) rows.push([e.address, '| F | `bti c` (not patched) | | | |']);
  for (const s of e.sites) {
    const by = (n: string) => s.states.find((x) => x.name === n);
    const enabled = s.states.filter((x) => x.name.startsWith('enabled')).map((x) => stateCell(x, s.kind)).join(' / ');
    rows.push([s.address, `| ${off(s.address)} | ${SLOT[s.kind] ?? s.kind} | ${stateCell(by('compiled'), s.kind)} | ${stateCell(by('init'), s.kind)} | ${enabled} |`]);
  }
  rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  lines.push(...rows.map((r) => r[1]));
  if (!e.trampolineFrom && e.instrumented) lines.push('', `ftrace_caller's address is not known here${e.absolute ? '' : ' (not in this section; a System.map from `aarch64-ftrace.buildDir` places it)'}.`);
  return lines.join('\n');
}
