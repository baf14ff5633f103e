// Inlay hints at the end of each instruction line: its address (section offset) and word, from
// the front end's layout; on a macro invocation or `.rept` line, the words it produced. The
// decoded text is the tooltip. Per analysis, lines are indexed once (a WeakMap on the result).
import { InlayHintKind, type InlayHint, type InlayHintParams, type ServerCapabilities } from 'vscode-languageserver';
import type { Item } from '../asm/types';
import type { DocumentAnalysis } from '../driver';
import { decodeText } from '../isa';
import { guarded } from './connection-log';
import type { Feature, ServerContext } from './context';
import type { AnalysisService } from './analysis-service';
import { hex8 } from './protocol';

/** Words shown in one expansion hint (the tooltip has up to MAX_TOOLTIP). */
const MAX_SHOWN = 4;
const MAX_TOOLTIP = 64;

export interface LineWords {
  /** Items a line produced itself. */
  readonly own: ReadonlyMap<number, Item[]>;
  /** Items of a macro or loop body line, one per expansion (their addresses differ). */
  readonly body: ReadonlyMap<number, Item[]>;
  /** Items produced through a macro invocation or loop written on the line. */
  readonly expanded: ReadonlyMap<number, Item[]>;
}

const INDEX = new WeakMap<DocumentAnalysis, LineWords>();

export function lineWords(a: DocumentAnalysis): LineWords {
  let idx = INDEX.get(a);
  if (idx) return idx;
  const own = new Map<number, Item[]>();
  const body = new Map<number, Item[]>();
  const expanded = new Map<number, Item[]>();
  for (const sec of a.assembly?.sections ?? []) {
    for (const it of sec.items) {
      if (it.kind !== 'insn' || it.word === undefined) continue;
      if (it.origin.loc.file === a.file) {
        const inFile = it.origin.stack.some((f) => f.at.file === a.file && f.kind !== 'cpp-macro');
        push(inFile ? body : own, it.origin.loc.line, it);
        if (!inFile) continue;
      }
      // the outermost frame written in this document is the line that produced it
      const frame = it.origin.stack.find((f) => f.at.file === a.file);
      if (frame && frame.kind !== 'include') push(expanded, frame.at.line, it);
    }
  }
  idx = { own, body, expanded };
  INDEX.set(a, idx);
  return idx;
}

function push(m: Map<number, Item[]>, line: number, it: Item): void {
  const l = m.get(line);
  if (l) l.push(it);
  else m.set(line, [it]);
}

const tooltip = (items: readonly Item[]) =>
  items
    .slice(0, MAX_TOOLTIP)
    .map((it) => `${it.offset.toString(16).padStart(6)}:  ${hex8(it.word!)}  ${decodeText(it.word!, BigInt(it.offset)) ?? '<undefined>'}`)
    .join('\n') + (items.length > MAX_TOOLTIP ? `\n… ${items.length - MAX_TOOLTIP} more` : '');

export function inlayHints(a: DocumentAnalysis, lineLength: (line: number) => number, from: number, to: number): InlayHint[] {
  const s = a.settings.inlayHints;
  if (!s.enable || !a.assembly || (!s.address && !s.word && !s.expansions)) return [];
  const { own, body, expanded } = lineWords(a);
  const out: InlayHint[] = [];
  for (let line = from; line <= to; line++) {
    const mine = own.get(line);
    const exp = s.expansions ? expanded.get(line) : undefined;
    const inBody = s.expansions && !mine ? body.get(line) : undefined;
    if (!mine && !exp && !inBody) continue;
    const parts: string[] = [];
    if (inBody && s.word) {
      // one word per expansion; the same word each time is shown once
      const words = new Set(inBody.map((it) => it.word!));
      parts.push(words.size === 1 ? `${hex8(inBody[0].word!)}${inBody.length > 1 ? ` ×${inBody.length}` : ''}` : `${inBody.length} words`);
    }
    if (mine) {
      const first = mine[0];
      if (s.address) parts.push(`${first.section === '.text' ? '' : first.section + '+'}0x${first.offset.toString(16)}`);
      if (s.word) parts.push(mine.map((it) => hex8(it.word!)).join(' '));
    }
    if (exp && (s.word || s.address)) {
      const first = exp[0];
      if (s.address && !mine) parts.push(`${first.section === '.text' ? '' : first.section + '+'}0x${first.offset.toString(16)}`);
      const shown = exp.slice(0, MAX_SHOWN).map((it) => hex8(it.word!)).join(' ');
      // one word (`bti c` as assembler.h's macro, `nops 1`): shown as an instruction's would be
      if (exp.length === 1 && !mine) {
        if (s.word) parts.push(shown);
      } else parts.push(`→ ${exp.length} word${exp.length === 1 ? '' : 's'}${s.word ? `: ${shown}${exp.length > MAX_SHOWN ? ' …' : ''}` : ''}`);
    }
    if (!parts.length) continue;
    // the tooltip (a decode per word) is made on inlayHint/resolve, for the hints actually hovered
    out.push({ position: { line, character: lineLength(line) }, label: parts.join('  '), kind: InlayHintKind.Type, paddingLeft: true, data: { uri: a.uri, line } });
  }
  return out;
}

/** The tooltip of the hint on `line`: each word the line produced, decoded. */
export function hintTooltip(a: DocumentAnalysis, line: number): string | undefined {
  const { own, body, expanded } = lineWords(a);
  const items = [...(own.get(line) ?? []), ...(expanded.get(line) ?? []), ...(own.has(line) ? [] : body.get(line) ?? [])];
  return items.length ? '```text\n' + tooltip(items) + '\n```' : undefined;
}

export function inlayHintsFeature(service: AnalysisService): Feature {
  return {
    name: 'inlay-hints',
    capabilities(caps: ServerCapabilities) {
      caps.inlayHintProvider = { resolveProvider: true };
    },
    register(ctx: ServerContext) {
      ctx.connection.languages.inlayHint.on(guarded(ctx.log, 'textDocument/inlayHint', async (p: InlayHintParams, token) => {
        const a = await service.get(p.textDocument.uri, token);
        const doc = service.document(p.textDocument.uri);
        if (!a || !doc || a.degraded || a.kind !== 'asm') return [];
        const to = Math.min(p.range.end.line, doc.lineCount - 1);
        const lineLength = (line: number) => doc.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } }).replace(/\r?\n$/, '').length;
        return inlayHints(a, lineLength, Math.max(0, p.range.start.line), to);
      }, []));
      const resolve = async (hint: InlayHint): Promise<InlayHint> => {
        const d = hint?.data as { uri?: unknown; line?: unknown } | undefined;
        if (typeof d?.uri !== 'string' || typeof d.line !== 'number') return hint;
        const a = service.driver.cached(d.uri) ?? (await service.get(d.uri));
        const value = a && a.assembly ? hintTooltip(a, d.line) : undefined;
        return value ? { ...hint, tooltip: { kind: 'markdown', value } } : hint;
      };
      // on failure the hint comes back as it was sent
      ctx.connection.languages.inlayHint.resolve((hint) => guarded(ctx.log, 'inlayHint/resolve', resolve, hint)(hint));
      // hints depend on the settings and on included files: ask the client to ask again
      const refresh = () => void ctx.connection.languages.inlayHint.refresh().catch(() => undefined);
      service.onConfigured(refresh);
    },
  };
}
