// The outline of a C file from the light C scanner: functions with their bodies, `#define`s and
// struct/union/enum definitions at file scope as symbols; folds for function bodies, type bodies,
// each arm of an `#if` group and block comments; `#include`s for document links. The same
// `Outline` shape the assembly outline has, so navigation treats both alike.
import type { FoldRange, Outline, OutlineSymbol } from '../asm/outline';
import { scanC, type ScanResult, type Token } from './c-scanner';

/** Symbols kept at most (a generated file of a million #defines is cut, not listed whole). */
const MAX_SYMBOLS = 20_000;

const TYPE_KEYWORDS: Readonly<Record<string, 'struct' | 'enum'>> = { struct: 'struct', union: 'struct', enum: 'enum' };

type Sym = { -readonly [K in keyof OutlineSymbol]: OutlineSymbol[K] };

function symbol(name: Token, kind: OutlineSymbol['kind'], detail: string, end: Token): Sym {
  return { name: name.text, kind, detail, line: name.line, col: name.col, endLine: end.endLine, endCol: end.endCol, children: [] };
}

/** Symbols, folds and includes of a C text (`scan`: the scanner's result when the caller has one). */
export function scanCOutline(text: string, scan: ScanResult = scanC(text)): Outline {
  const { tokens, pairs } = scan;
  const symbols: Sym[] = [];
  const folds: FoldRange[] = [];
  const fold = (startLine: number, endLine: number, kind?: FoldRange['kind']) => {
    if (endLine > startLine) folds.push({ startLine, endLine, ...(kind ? { kind } : {}) });
  };

  for (const f of scan.functions) {
    const close = tokens[f.bodyEnd];
    const detail = f.attributes.filter((a) => a !== 'static' && a !== 'inline').join(' ');
    symbols.push(symbol(f.nameToken, 'function', detail || 'function', close));
    fold(f.nameToken.line, close.endLine);
  }

  // struct/union/enum NAME { … } and typedef … { … } NAME; at brace depth 0 (bodies are skipped whole)
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const kind = TYPE_KEYWORDS[t.text];
    if (kind) {
      const named = tokens[i + 1]?.kind === 'ident' && tokens[i + 2]?.text === '{';
      const open = named ? i + 2 : tokens[i + 1]?.text === '{' ? i + 1 : -1;
      const close = open >= 0 ? pairs[open] : -1;
      if (close > open) {
        const typedefName = tokens[close + 1]?.kind === 'ident' && tokens[close + 2]?.text === ';' && tokens.slice(Math.max(0, i - 2), i).some((u) => u.text === 'typedef') ? tokens[close + 1] : undefined;
        const name = named ? tokens[i + 1] : typedefName;
        // a typedef's name follows the body: its symbol is the name alone (the fold covers the body)
        if (named) symbols.push(symbol(name!, kind, t.text, tokens[close]));
        else if (name) symbols.push(symbol(name, kind, `typedef ${t.text}`, name));
        fold(t.line, tokens[close].endLine);
        i = close;
        continue;
      }
    }
    // any other bracket at depth 0 (a function body, an initialiser, a parameter list): skip it
    if ((t.text === '{' || t.text === '(' || t.text === '[') && pairs[i] > i) i = pairs[i];
  }

  // preprocessor: #define symbols, #include names, a fold per #if arm
  const includes: { name: string; line: number; col: number; endCol: number; angled: boolean }[] = [];
  const arms: number[] = [];
  for (const d of scan.directives) {
    const head = d[0];
    if (!head) continue;
    switch (head.text) {
      case 'define':
        if (d[1]?.kind === 'ident') symbols.push(symbol(d[1], 'define', '#define', d[d.length - 1]));
        if (d.length > 1) fold(head.line, d[d.length - 1].endLine);
        break;
      case 'include': {
        const first = d[1];
        if (first?.kind === 'string' && first.text.length >= 2) includes.push({ name: first.text.slice(1, -1), line: first.line, col: first.col + 1, endCol: first.endCol - 1, angled: false });
        else if (first?.text === '<') {
          const close = d.find((u, k) => k > 1 && u.text === '>' && u.line === first.line);
          if (close) includes.push({ name: text.slice(first.end, close.offset), line: first.line, col: first.endCol, endCol: close.col, angled: true });
        }
        break;
      }
      case 'if':
      case 'ifdef':
      case 'ifndef':
        arms.push(head.line);
        break;
      case 'elif':
      case 'elifdef':
      case 'elifndef':
      case 'else':
        if (arms.length) {
          fold(arms.pop()!, head.line - 1, 'region');
          arms.push(head.line);
        }
        break;
      case 'endif':
        if (arms.length) fold(arms.pop()!, head.line, 'region');
        break;
    }
  }
  for (const c of scan.blockComments) fold(c.line, c.endLine, 'comment');

  symbols.sort((a, b) => a.line - b.line || a.col - b.col);
  if (symbols.length > MAX_SYMBOLS) symbols.length = MAX_SYMBOLS;
  folds.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return { symbols, folds, includes };
}
