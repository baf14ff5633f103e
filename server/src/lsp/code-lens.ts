// Code lenses: on a patch site, its words in each state (compiled → enabled …, BL reach); on a
// trampoline symbol, its ABI contract and what that contract obliges it to give back; in C, the
// word of each constant aarch64_insn_gen_* call, and on each runtime patch call (ftrace_modify_code,
// aarch64_insn_patch_text*) its old → new words, validation and CMODX safety. Text only (an empty command renders as a label
// in VS Code); clicking a patch-site lens opens the patch-site list.
import type { CodeLens, CodeLensParams, Range, ServerCapabilities } from 'vscode-languageserver';
import { CONTRACTS, type Contract, type EntryInfo } from '../analysis';
import type { DocumentAnalysis } from '../driver';
import type { AsmSite } from '../ftrace/asm-sites';
import type { CPatchAnnotation, CPatchWord } from '../ftrace/c-patch-calls';
import { guarded } from './connection-log';
import type { Feature, ServerContext } from './context';
import type { AnalysisService } from './analysis-service';
import { anchorIn, rangeOf } from './locations';
import { COMMANDS, hex8 } from './protocol';

const regs = (rs: readonly number[]): string => {
  if (!rs.length) return '';
  const contiguous = rs.every((r, i) => i === 0 || r === rs[i - 1] + 1);
  return contiguous && rs.length > 2 ? `x${rs[0]}–x${rs[rs.length - 1]}` : rs.map((r) => `x${r}`).join(', ');
};

const EXIT: Record<Contract['exit'], string> = {
  aapcs: 'ret via the entry x30',
  ftrace: 'x30 = parent LR, on to the resume address (ret x9)',
  'return-handler': 'ret to the address ftrace_return_to_handler returns',
};

/** One line: the contract and what it obliges the symbol to give back. */
export function contractSummary(e: EntryInfo): string {
  const c = CONTRACTS[e.contract];
  if (!c.entry) return `contract ${c.name}: ${c.title}`;
  const keep = [regs(c.args), 'x19–x29', 'sp', 'd8–d15'].filter(Boolean).join(', ');
  const source = e.source === 'override' ? 'override' : e.source === 'kernel-name' ? 'kernel name' : e.source === 'function-type' ? '%function' : 'default';
  return `contract ${c.name} (${source}): keeps ${keep}; exit: ${EXIT[c.exit]}${e.gaveUp ? ' · not fully analysed (iteration bound)' : ''}${e.unresolvedAt !== undefined ? ' · not checked: an operand uses an undefined symbol' : ''}`;
}

const word = (w: number | bigint | null): string => (w === null ? '?' : typeof w === 'bigint' ? `0x${w.toString(16)}` : hex8(w));

export function siteSummary(s: AsmSite): string {
  const states = s.states.map((st) => `${st.name} ${word(st.word)}${st.text ? ` ${st.text}` : ''}`).join(' → ');
  const reach = s.inRange === false ? (s.plt ? ' · out of BL range: via module PLT' : ' · out of BL range') : '';
  return `patch site ${s.label}: ${states}${reach}`;
}

const CMODX_SHORT: Record<CPatchAnnotation['cmodx'], string> = {
  safe: 'CMODX-safe',
  'not-safe': 'not CMODX-safe',
  'init-only': 'not CMODX-safe (init only)',
  'stop-machine': 'under stop_machine',
  unknown: 'CMODX safety unknown',
};

/** A word as a lens shows it, or undefined when nothing but its expression is known here. */
function wordText(w: CPatchWord): string | undefined {
  if (w.word !== undefined) return `${hex8(w.word)} ${w.text}`;
  if (w.text !== w.from) return w.text; // what the builder makes, e.g. `bl addr`
  if (w.builder) return `built by ${w.builder.generator}(…) (line ${w.builder.loc.line + 1})`;
  return undefined;
}

/**
 * One line for a runtime patch call: old → new, validated or not, CMODX-safe or not. Words that
 * are neither constant nor built in sight are named as not constant; `callers` counts the patch
 * calls of this file that call the enclosing function (ftrace_modify_code → _nosync), where they are.
 */
export function patchSummary(an: CPatchAnnotation, callers = 0): string {
  const v = an.validated === null ? 'validation at run time' : an.validated ? 'validated' : an.blind ? 'not validated (as the kernel does here)' : 'not validated';
  const shown = [...(an.callee === 'ftrace_modify_code' && an.validated !== false ? [an.old] : []), an.new];
  const texts = shown.map((w) => (w ? wordText(w) : undefined));
  let words: string;
  if (texts.every((t) => t === undefined)) {
    const names = shown.map((w) => `\`${w?.from ?? '?'}\``).join(', ');
    const from = callers && an.fn ? ` — passed in by the ${callers} ${an.fn}() call${callers === 1 ? '' : 's'} of this file (their lenses show the words)` : '';
    words = `${names} not constant here${from}`;
  } else {
    const one = (w: CPatchWord | undefined, t: string | undefined) => t ?? `\`${w?.from ?? '?'}\` (not constant here)`;
    words = `${shown.length === 2 ? `${one(shown[0], texts[0])} ` : ''}→ ${one(shown[shown.length - 1], texts[texts.length - 1])}`;
  }
  return `${an.callee}: ${words} · ${v} · ${CMODX_SHORT[an.cmodx]}`;
}

/** Patch calls of the file that call `fn` (a patch callee itself, like ftrace_modify_code). */
export function patchCallersOf(a: DocumentAnalysis, fn: string | undefined): number {
  if (!fn) return 0;
  return (a.cAnnotations ?? []).filter((x) => x.kind === 'patch' && x.callee === fn).length;
}

function lens(range: Range, title: string, command = '', args?: unknown[]): CodeLens {
  return { range, command: { title, command, ...(args ? { arguments: args } : {}) } };
}

export function codeLenses(a: DocumentAnalysis): CodeLens[] {
  const s = a.settings.codeLens;
  const out: CodeLens[] = [];
  if (a.kind === 'asm' && a.assembly) {
    if (s.patchSites) {
      for (const site of a.patchSites ?? []) {
        if (site.file !== a.file) continue;
        const line = { start: { line: site.line, character: 0 }, end: { line: site.line, character: 0 } };
        out.push(lens(line, siteSummary(site), COMMANDS.showPatchSites));
        if (site.note) out.push(lens(line, site.note));
      }
    }
    if (s.contracts) {
      for (const e of a.abi?.entries ?? []) {
        if (e.contract === 'none' || e.contract === 'continuation') continue;
        const origin = a.assembly.symbols.get(e.symbol)?.origin;
        const at = origin ? anchorIn(origin, a.file) : undefined;
        if (!at) continue;
        out.push(lens({ start: { line: at.loc.line, character: 0 }, end: { line: at.loc.line, character: 0 } }, contractSummary(e)));
      }
    }
  }
  if (a.kind === 'c' && s.insnGen) {
    for (const an of a.cAnnotations ?? []) {
      if (an.kind === 'patch') {
        out.push(lens(rangeOf(an.loc), patchSummary(an, patchCallersOf(a, an.fn)), COMMANDS.showPatchSites));
        continue;
      }
      if (an.kind !== 'generator') continue;
      const flag = an.fault ? ` · AARCH64_BREAK_FAULT: ${an.fault}` : an.silent ? ` · ${an.silent}` : '';
      out.push(lens(rangeOf(an.loc), `${an.generator} → ${hex8(an.word)} ${an.text}${flag}`));
    }
  }
  return out.sort((x, y) => x.range.start.line - y.range.start.line);
}

export function codeLensFeature(service: AnalysisService): Feature {
  return {
    name: 'code-lens',
    capabilities(caps: ServerCapabilities) {
      caps.codeLensProvider = { resolveProvider: false };
    },
    register(ctx: ServerContext) {
      ctx.connection.onCodeLens(guarded(ctx.log, 'textDocument/codeLens', async (p: CodeLensParams, token) => {
        const a = await service.get(p.textDocument.uri, token);
        return a && !a.degraded && a.active ? codeLenses(a) : [];
      }, []));
      service.onConfigured(() => void ctx.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined));
    },
  };
}
