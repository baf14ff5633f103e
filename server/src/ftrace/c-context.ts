// What every C check works on (one scan of the file, the constant-evaluation environment, the
// diagnostics being collected) and how a diagnostic or a fix is placed on tokens. Shared by the
// insn-gen checks (c-check.ts) and the patching checks (c-patch-calls.ts, c-range-guard.ts,
// c-text-writes.ts, kconfig-symbols.ts).
import { Diagnostic, Fix, Origin, SourceLocation, TextEdit } from '../asm/types';
import { EvalEnv } from './c-eval';
import { C_RULES, CRuleCode } from './c-rules';
import { CallArg, FunctionDef, ScanResult, Token } from './c-scanner';
import { KernelVersion } from './kernel-version';

export interface CContext {
  readonly file: string;
  readonly text: string;
  readonly lines: readonly string[];
  readonly env: EvalEnv;
  readonly version: KernelVersion;
  readonly out: Diagnostic[];
  readonly scan: ScanResult;
  /** Set while checking a call that macro expansion produced: the invocation it came from. */
  site?: { readonly name: Token; readonly end: Token };
}

export type CLoc = SourceLocation & { readonly endLine: number };

export function tokensLoc(ctx: CContext, toks: readonly Token[]): CLoc {
  const a = toks[0];
  const b = toks[toks.length - 1];
  return { file: ctx.file, line: a.line, startCol: a.col, endCol: b.endLine === a.line ? b.endCol : ctx.lines[a.line].length, endLine: b.endLine };
}

export function editLoc(ctx: CContext, toks: readonly Token[]): TextEdit['loc'] {
  const a = toks[0];
  const b = toks[toks.length - 1];
  return b.endLine === a.line
    ? { file: ctx.file, line: a.line, startCol: a.col, endCol: b.endCol }
    : { file: ctx.file, line: a.line, startCol: a.col, endCol: b.endCol, endLine: b.endLine };
}

export function originOf(ctx: CContext, toks: readonly Token[]): Origin {
  const l = tokensLoc(ctx, toks);
  return { loc: { file: l.file, line: l.line, startCol: l.startCol, endCol: l.endCol }, stack: [] };
}

/** A fix replacing exactly the tokens' range. */
export function replaceTokens(ctx: CContext, toks: readonly Token[], newText: string, title: string): Fix {
  return { title, edits: [{ loc: editLoc(ctx, toks), newText }] };
}

export function replaceFix(ctx: CContext, arg: CallArg, newText: string, title?: string): Fix {
  return replaceTokens(ctx, arg.tokens, newText, title ?? `Replace '${arg.text}' with ${newText}`);
}

/** A diagnostic on the tokens, at its code's severity (c-rules.ts). */
export function report(ctx: CContext, code: CRuleCode, message: string, at: readonly Token[], fixes?: Fix[], related?: Diagnostic['related']): void {
  ctx.out.push({ severity: C_RULES[code].severity, code, message, origin: originOf(ctx, at), ...(fixes && fixes.length ? { fixes } : {}), ...(related && related.length ? { related } : {}) });
}

/** The source text from the first to the last token. */
export function sourceOf(ctx: CContext, toks: readonly Token[]): string {
  return toks.length ? ctx.text.slice(toks[0].offset, toks[toks.length - 1].end) : '';
}

export function identOf(arg: CallArg): string | undefined {
  return arg.tokens.length === 1 && arg.tokens[0].kind === 'ident' ? arg.tokens[0].text : undefined;
}

export const hex8 = (w: number): string => '0x' + (w >>> 0).toString(16).padStart(8, '0');

/** Index in `scan.tokens` of a token (by offset; tokens are in order). */
export function tokenIndex(scan: ScanResult, t: Token): number {
  const toks = scan.tokens;
  let lo = 0;
  let hi = toks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].offset < t.offset) lo = mid + 1;
    else if (toks[mid].offset > t.offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** The last assignment `name = …` in `fn` before token offset `before` (declarations included). */
export function lastAssignment(scan: ScanResult, name: string, fn: FunctionDef | undefined, before: number): ScanResult['assignments'][number] | undefined {
  if (!fn) return undefined;
  let best: ScanResult['assignments'][number] | undefined;
  for (const a of scan.assignments) {
    if (a.name !== name || a.fn !== fn || a.nameToken.offset >= before) continue;
    if (!best || a.nameToken.offset > best.nameToken.offset) best = a;
  }
  return best;
}

/**
 * Strips outer parentheses and leading casts `(type)` from an operand:
 * `((long)rec->ip)` → `rec->ip`.
 */
export function stripCasts(toks: readonly Token[]): readonly Token[] {
  let t = toks;
  for (let n = 0; n < 16 && t.length >= 2; n++) {
    if (t[0].text !== '(') break;
    // find the partner of the first '('
    let d = 0;
    let close = -1;
    for (let i = 0; i < t.length; i++) {
      if (t[i].text === '(') d++;
      else if (t[i].text === ')' && --d === 0) {
        close = i;
        break;
      }
    }
    if (close < 0) break;
    if (close === t.length - 1) {
      t = t.slice(1, -1);
      continue;
    }
    // a cast: only type words and '*' inside
    const inner = t.slice(1, close);
    const next = t[close + 1];
    const operand = next.kind === 'ident' || next.kind === 'number' || next.text === '(' || next.text === '&' || next.text === '*';
    if (inner.length && operand && inner.every((x) => x.kind === 'ident' || x.text === '*')) {
      t = t.slice(close + 1);
      continue;
    }
    break;
  }
  return t;
}
