// Semantic tokens for assembly: registers by their AAPCS64/ftrace role, gas and cpp macros,
// directives, symbols (declared, used, unresolved) and asm-offsets constants. Mnemonics and the
// rest stay with the TextMate grammar. Each name is classified once from the analysis; its
// occurrences come from symbol-index.ts.
import type { SemanticTokens, SemanticTokensLegend, ServerCapabilities } from 'vscode-languageserver';
import type { DocumentAnalysis } from '../driver';
import { guarded } from './connection-log';
import type { Feature, ServerContext } from './context';
import type { AnalysisService } from './analysis-service';
import { occurrences } from './symbol-index';

export const TOKEN_TYPES = ['macro', 'label', 'keyword', 'variable', 'enumMember'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'defaultLibrary', 'argument', 'calleeSaved', 'temporary', 'special', 'unresolved'] as const;
export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
type Modifier = (typeof TOKEN_MODIFIERS)[number];

interface Class {
  readonly type: TokenType;
  readonly modifiers: readonly Modifier[];
  /** Where the name is declared in this document (gets the `declaration` modifier). */
  readonly declLine?: number;
}

const GPR = /^([xw])([0-9]|[12][0-9]|30)$/i;

/** A register's role in AAPCS64 and at an ftrace entry (x9 = parent LR there, x16/x17 IP0/IP1). */
export function registerRole(name: string): Modifier | undefined {
  const n = name.toLowerCase();
  const m = GPR.exec(n);
  if (m) {
    const r = Number(m[2]);
    if (r <= 8) return 'argument';
    if (r <= 15) return 'temporary';
    if (r <= 18) return 'special';
    if (r <= 28) return 'calleeSaved';
    return 'special';
  }
  if (/^(sp|wsp|xzr|wzr|lr|fp|ip0|ip1)$/.test(n)) return 'special';
  if (/^[vqdsbh]([0-9]|[12][0-9]|3[01])$/.test(n)) {
    const r = Number(n.slice(1));
    return r >= 8 && r <= 15 && n[0] !== 'v' && n[0] !== 'q' ? 'calleeSaved' : 'temporary';
  }
  return undefined;
}

function classify(a: DocumentAnalysis, name: string): Class | undefined {
  const role = registerRole(name);
  if (role) return { type: 'variable', modifiers: [role] };
  const asm = a.assembly!;
  if (asm.macros.has(name)) {
    const o = asm.macros.get(name)!.origin.loc;
    return { type: 'macro', modifiers: [], ...(o.file === a.file ? { declLine: o.line } : {}) };
  }
  const cm = asm.preprocess.macros.get(name);
  if (cm && !cm.origin.loc.file.startsWith('<built-in>')) {
    return { type: 'macro', modifiers: cm.fromFallback ? ['defaultLibrary'] : [], ...(cm.origin.loc.file === a.file ? { declLine: cm.origin.loc.line } : {}) };
  }
  const sym = asm.symbols.get(name);
  if (sym?.predefined || (!sym && a.env.asmOffsets(name))) return { type: 'enumMember', modifiers: ['readonly', 'defaultLibrary'] };
  if (sym) {
    if (!sym.defined) return { type: 'label', modifiers: ['unresolved'] };
    const o = sym.origin?.loc;
    return { type: 'label', modifiers: sym.section === undefined ? ['readonly'] : [], ...(o?.file === a.file ? { declLine: o.line } : {}) };
  }
  if (/^\.[a-z][a-z0-9_]*$/.test(name)) return { type: 'keyword', modifiers: [] };
  return undefined;
}

export function semanticTokens(a: DocumentAnalysis, text: string): SemanticTokens {
  if (a.kind !== 'asm' || !a.assembly) return { data: [] };
  const toks: [number, number, number, number, number][] = [];
  for (const [name, occ] of occurrences(text)) {
    const c = classify(a, name);
    if (!c) continue;
    const type = TOKEN_TYPES.indexOf(c.type);
    let mods = 0;
    for (const m of c.modifiers) mods |= 1 << TOKEN_MODIFIERS.indexOf(m);
    const decl = 1 << TOKEN_MODIFIERS.indexOf('declaration');
    for (const o of occ) toks.push([o.line, o.col, o.endCol - o.col, type, o.line === c.declLine ? mods | decl : mods]);
  }
  toks.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const data: number[] = [];
  let pl = 0;
  let pc = 0;
  for (const [line, col, len, type, mods] of toks) {
    data.push(line - pl, line === pl ? col - pc : col, len, type, mods);
    pl = line;
    pc = col;
  }
  return { data };
}

export function semanticTokensFeature(service: AnalysisService): Feature {
  return {
    name: 'semantic-tokens',
    capabilities(caps: ServerCapabilities) {
      caps.semanticTokensProvider = { legend: LEGEND, full: true, range: false };
    },
    register(ctx: ServerContext) {
      ctx.connection.languages.semanticTokens.on(guarded(ctx.log, 'textDocument/semanticTokens/full', async (p, token) => {
        const a = await service.get(p.textDocument.uri, token);
        const doc = service.document(p.textDocument.uri);
        return a && doc && !a.degraded ? semanticTokens(a, doc.getText()) : { data: [] };
      }, { data: [] }));
      service.onConfigured(() => void ctx.connection.sendRequest('workspace/semanticTokens/refresh').catch(() => undefined));
    },
  };
}
