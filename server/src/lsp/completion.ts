// Completion and signature help. At the head of a statement: mnemonics (with an operand snippet
// from the ISA table's first form), gas macros with their parameters, function-like cpp macros
// and directives. In operands: registers with their role, labels, asm-offsets constants and
// object-like macros. Signature help: the parameters of a gas macro, a cpp macro or (in C) an
// aarch64_insn_gen_* generator of the era.
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type ServerCapabilities,
  type SignatureHelp,
} from 'vscode-languageserver';
import type { DocumentAnalysis } from '../driver';
import { ROWS } from '../isa';
import type { Row } from '../isa/table';
import { generator, prototype } from '../ftrace/insn-api';
import { resolveVersion } from '../ftrace/kernel-version';
import { guarded } from './connection-log';
import type { Feature, ServerContext } from './context';
import type { AnalysisService } from './analysis-service';
import { registerRole } from './semantic-tokens';

/** gas directives the front end implements (asm/gas-core.ts), with a line each for the list. */
const DIRECTIVES: Readonly<Record<string, string>> = {
  '.text': 'switch to .text', '.data': 'switch to .data', '.bss': 'switch to .bss',
  '.section': 'switch to a named section', '.pushsection': 'push and switch section', '.popsection': 'back to the pushed section',
  '.previous': 'back to the previous section', '.align': 'align (power of two on aarch64)', '.balign': 'align to a byte count',
  '.p2align': 'align to a power of two', '.byte': '8-bit data', '.hword': '16-bit data', '.short': '16-bit data', '.word': '32-bit data',
  '.long': '32-bit data', '.int': '32-bit data', '.quad': '64-bit data', '.inst': 'an instruction word', '.ascii': 'string',
  '.asciz': 'NUL-terminated string', '.string': 'NUL-terminated string', '.skip': 'reserve bytes', '.space': 'reserve bytes',
  '.fill': 'repeat a value', '.zero': 'zero bytes', '.org': 'move the location counter', '.global': 'make a symbol global',
  '.globl': 'make a symbol global', '.weak': 'make a symbol weak', '.local': 'make a symbol local', '.hidden': 'hidden visibility',
  '.type': 'symbol type (%function, %object)', '.size': 'symbol size', '.set': 'define an absolute symbol', '.equ': 'define an absolute symbol',
  '.req': 'register alias (name .req xN)', '.unreq': 'drop a register alias', '.macro': 'define a macro', '.endm': 'end of a macro',
  '.exitm': 'leave a macro', '.purgem': 'forget a macro', '.irp': 'repeat over values', '.irpc': 'repeat over characters',
  '.rept': 'repeat a block', '.endr': 'end of .rept/.irp', '.if': 'assemble if non-zero', '.ifdef': 'if a symbol is defined',
  '.ifndef': 'if a symbol is not defined', '.ifc': 'if strings are equal', '.ifnc': 'if strings differ', '.ifb': 'if blank',
  '.ifnb': 'if not blank', '.ifeq': 'if zero', '.ifne': 'if non-zero', '.else': 'else', '.elseif': 'else if', '.endif': 'end of .if',
  '.arch': 'select the architecture', '.arch_extension': 'enable an extension', '.cpu': 'select a CPU', '.include': 'include a file',
  '.error': 'stop with an error', '.warning': 'warn', '.print': 'print a message', '.ltorg': 'literal pool', '.pool': 'literal pool',
};

let mnemonicRows: Map<string, Row> | undefined;

/** The first (preferred) encodable form of each mnemonic. */
function rowsByMnemonic(): Map<string, Row> {
  if (!mnemonicRows) {
    mnemonicRows = new Map();
    for (const r of ROWS) if (!r.decodeOnly && !mnemonicRows.has(r.mnemonic)) mnemonicRows.set(r.mnemonic, r);
  }
  return mnemonicRows;
}

/** `add ${1:Rd}, ${2:Rn}, #${3:imm12}` from a row's visible operands. */
export function mnemonicSnippet(r: Row): string {
  let n = 0;
  const parts: string[] = [];
  for (const op of r.operands) {
    if (op.hidden || op.optional) continue;
    const name = (op.fields[0] ?? op.role).replace(/[$}\\]/g, '');
    const p = `\${${++n}:${name}}`;
    parts.push(op.role === 'imm' ? `#${p}` : op.role === 'mem' ? `[${p}]` : p);
  }
  return parts.length ? `${r.mnemonic} ${parts.join(', ')}` : r.mnemonic;
}

const REGISTERS = [...Array.from({ length: 31 }, (_, i) => `x${i}`), 'sp', 'xzr', ...Array.from({ length: 31 }, (_, i) => `w${i}`), 'wsp', 'wzr'];
const ROLE_TEXT: Record<string, string> = { argument: 'argument / result', temporary: 'temporary (caller-saved)', calleeSaved: 'callee-saved', special: 'special' };
const SPECIAL: Record<string, string> = { x8: 'indirect result; ftrace: argument', x9: 'ftrace entry: parent LR', x16: 'IP0 (PLT veneers)', x17: 'IP1 (PLT; direct-call trampoline)', x18: 'platform: shadow call stack', x29: 'frame pointer', x30: 'link register', sp: 'stack pointer', xzr: 'zero' };

/** Where the cursor is in a statement: its head (mnemonic/macro/directive) or its operands. */
export function statementPosition(prefix: string): { head: boolean; afterHash: boolean; word: string } {
  const code = prefix.replace(/\/\/.*$/, '');
  const stmt = code.slice(code.lastIndexOf(';') + 1).replace(/^\s*(?:[A-Za-z_.$][\w.$]*:\s*|\d+:\s*)*/, '');
  const word = /[\w.$]*$/.exec(stmt)![0];
  const head = !/\s/.test(stmt.trimStart()) && !stmt.trimStart().startsWith('#');
  return { head, afterHash: /#\s*[\w]*$/.test(stmt), word };
}

export function completions(a: DocumentAnalysis, prefix: string): CompletionList {
  const items: CompletionItem[] = [];
  if (a.kind !== 'asm') return { isIncomplete: false, items };
  const pos = statementPosition(prefix);
  const asm = a.assembly;
  if (/^\s*#\s*\w*$/.test(prefix)) return { isIncomplete: false, items };
  if (pos.head) {
    for (const [m, r] of rowsByMnemonic()) {
      items.push({ label: m, kind: CompletionItemKind.Keyword, detail: `${r.cls} · ${r.feature}`, insertText: mnemonicSnippet(r), insertTextFormat: InsertTextFormat.Snippet, sortText: `1${m}` });
    }
    for (const [d, doc] of Object.entries(DIRECTIVES)) items.push({ label: d, kind: CompletionItemKind.Keyword, detail: doc, sortText: `3${d}`, ...(pos.word.startsWith('.') ? { filterText: d } : {}) });
    for (const m of asm?.macros.values() ?? []) {
      const params = m.params.map((p, i) => `\${${i + 1}:${p.name}}`).join(', ');
      items.push({ label: m.name, kind: CompletionItemKind.Snippet, detail: `.macro ${m.name} ${m.params.map((p) => p.name).join(', ')}`, insertText: params ? `${m.name} ${params}` : m.name, insertTextFormat: InsertTextFormat.Snippet, sortText: `0${m.name}` });
    }
    for (const m of asm?.preprocess.macros.values() ?? []) {
      if (!m.params || m.name.startsWith('__')) continue;
      const params = m.params.map((p, i) => `\${${i + 1}:${p}}`).join(', ');
      items.push({ label: m.name, kind: CompletionItemKind.Function, detail: `#define ${m.name}(${m.params.join(', ')})${m.fromFallback ? ' (built-in fallback)' : ''}`, insertText: `${m.name}(${params})`, insertTextFormat: InsertTextFormat.Snippet, sortText: `2${m.name}` });
    }
    return { isIncomplete: false, items };
  }
  if (pos.afterHash) {
    for (const name of a.env.asmOffsets.names()) {
      const v = a.env.asmOffsets(name)!;
      items.push({ label: name, kind: CompletionItemKind.Constant, detail: `= ${v.value} (${v.source})`, sortText: `0${name}` });
    }
  } else {
    for (const r of REGISTERS) {
      const role = registerRole(r)!;
      items.push({ label: r, kind: CompletionItemKind.Variable, detail: SPECIAL[r.replace(/^w/, 'x')] ?? ROLE_TEXT[role], sortText: `1${r.replace(/\d+/, (d) => d.padStart(2, '0'))}` });
    }
  }
  for (const s of asm?.symbols.values() ?? []) {
    if (!s.defined || s.predefined || s.name.startsWith('.L')) continue;
    items.push({ label: s.name, kind: s.section === undefined ? CompletionItemKind.Constant : CompletionItemKind.Reference, detail: s.section === undefined ? `= ${s.value}` : `${s.section} + 0x${(s.value ?? 0n).toString(16)}`, sortText: `2${s.name}` });
  }
  for (const m of asm?.preprocess.macros.values() ?? []) {
    if (m.params || m.name.startsWith('__') || m.origin.loc.file.startsWith('<')) continue;
    items.push({ label: m.name, kind: CompletionItemKind.Constant, detail: `#define ${m.name} ${m.body}`.slice(0, 120), sortText: `3${m.name}` });
  }
  return { isIncomplete: false, items };
}

/** The macro or generator call around the cursor and the index of the argument it is in. */
export function signatureAt(a: DocumentAnalysis, prefix: string): SignatureHelp | null {
  // a call with a parenthesis: cpp macro or (in C) a generator
  let depth = 0;
  let commas = 0;
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth-- > 0) continue;
      const name = /([A-Za-z_]\w*)\s*$/.exec(prefix.slice(0, i))?.[1];
      if (!name) return null;
      if (a.kind === 'c') {
        const g = generator(name);
        if (!g) return null;
        const v = a.env.kernelVersion ?? resolveVersion(a.env.era.name); // the C checker's version
        const proto = v !== undefined ? prototype(g, v) : name;
        return { signatures: [{ label: proto, parameters: g.params.map((p) => ({ label: p.name })) }], activeSignature: 0, activeParameter: Math.min(commas, g.params.length - 1) };
      }
      const m = a.assembly?.preprocess.macros.get(name);
      if (!m?.params) return null;
      return { signatures: [{ label: `${name}(${m.params.join(', ')})`, parameters: m.params.map((p) => ({ label: p })), documentation: { kind: MarkupKind.Markdown, value: '```c\n' + m.body.slice(0, 500) + '\n```' } }], activeSignature: 0, activeParameter: commas };
    } else if (c === ',' && depth === 0) commas++;
  }
  // a gas macro invocation: `name a, b`
  if (a.kind !== 'asm') return null;
  const st = /^\s*(?:[A-Za-z_.$][\w.$]*:\s*)*([A-Za-z_.$][\w.$]*)\s+(.*)$/.exec(prefix.slice(prefix.lastIndexOf(';') + 1));
  const gm = st ? a.assembly?.macros.get(st[1]) : undefined;
  if (!st || !gm || !gm.params.length) return null;
  const label = `${gm.name} ${gm.params.map((p) => `${p.name}${p.required ? ':req' : ''}${p.vararg ? ':vararg' : ''}${p.dflt !== undefined ? `=${p.dflt}` : ''}`).join(', ')}`;
  const active = (st[2].match(/,/g) ?? []).length;
  return { signatures: [{ label, parameters: gm.params.map((p) => ({ label: p.name })) }], activeSignature: 0, activeParameter: Math.min(active, gm.params.length - 1) };
}

export function completionFeature(service: AnalysisService): Feature {
  return {
    name: 'completion',
    capabilities(caps: ServerCapabilities) {
      caps.completionProvider = { triggerCharacters: ['.', '#'], resolveProvider: false };
      caps.signatureHelpProvider = { triggerCharacters: ['(', ',', ' '], retriggerCharacters: [','] };
    },
    register(ctx: ServerContext) {
      const prefixAt = (uri: string, line: number, character: number) =>
        service.document(uri)?.getText({ start: { line, character: 0 }, end: { line, character } }) ?? '';
      ctx.connection.onCompletion(guarded(ctx.log, 'textDocument/completion', async (p, token) => {
        const a = await service.get(p.textDocument.uri, token);
        return a && !a.degraded && a.active ? completions(a, prefixAt(p.textDocument.uri, p.position.line, p.position.character)) : null;
      }, null));
      ctx.connection.onSignatureHelp(guarded(ctx.log, 'textDocument/signatureHelp', async (p, token) => {
        const a = await service.get(p.textDocument.uri, token);
        return a && !a.degraded && a.active ? signatureAt(a, prefixAt(p.textDocument.uri, p.position.line, p.position.character)) : null;
      }, null));
    },
  };
}
