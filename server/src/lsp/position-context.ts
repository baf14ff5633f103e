// What is under the cursor on one line of assembly: a hex instruction word, a statement, an
// identifier (in C the C checker's annotations say where the words are). Finding the node at a position is the handlers' own job (the house style); the
// facts about the node come from the cores.
import { splitStatements, takeLabels } from '../asm/gas-lex';
import { knownMnemonic } from '../isa';

export interface HexWordAt {
  readonly value: number;
  readonly start: number;
  readonly end: number;
  /** 'explicit': `.inst`, a u32/__le32 initialiser, a #define …; 'bare': an 8-digit word anywhere else. */
  readonly context: 'explicit' | 'bare';
}

const HEX = /\b(?:0[xX]([0-9a-fA-F]+)(?:[uU]?[lL]{0,2}|[lL]{0,2}[uU]?)|([0-9a-fA-F]{8}))\b/g;
const DATA_DIRECTIVE = /^\.(inst|word|long|int|4byte)$/i;

/** The hex literal at `col` of an assembly line when it reads as an instruction word in its context. */
export function hexWordAt(line: string, col: number): HexWordAt | undefined {
  HEX.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HEX.exec(line))) {
    const start = m.index;
    const end = start + m[0].length;
    if (col < start || col > end) continue;
    const digits = m[1] ?? m[2];
    // a bare word must have a digit (not an identifier like 'deadface') and not touch identifier characters
    if (m[2] !== undefined && (!/\d/.test(digits) || /[\w$]/.test(line[end] ?? '') || /[\w$#]/.test(line[start - 1] ?? ''))) return undefined;
    const v = BigInt('0x' + digits);
    if (v > 0xffffffffn) return undefined;
    const value = Number(v);
    const ctx = wordContext(line, start);
    if (ctx === 'operand') return undefined;
    const explicit = ctx === 'explicit' || (ctx === 'define' && value > 0xffff);
    if (!explicit && digits.length !== 8) return undefined;
    return { value, start, end, context: explicit ? 'explicit' : 'bare' };
  }
  return undefined;
}

function wordContext(line: string, at: number): 'explicit' | 'define' | 'operand' | 'other' {
  if (/^\s*#\s*define\b/.test(line)) return 'define';
  const st = statementAt(line, at);
  if (!st) return 'other';
  if (DATA_DIRECTIVE.test(st.mnemonic)) return 'explicit';
  return st.instruction && at >= st.operandsStart ? 'operand' : 'other';
}

export interface StatementAt {
  /** The statement without its labels, e.g. 'stp x29, x30, [sp, #-16]!'. */
  readonly text: string;
  /** Columns of `text` in the line. */
  readonly start: number;
  readonly end: number;
  readonly mnemonic: string;
  /** Column where the operands start. */
  readonly operandsStart: number;
  /** The mnemonic is an A64 instruction the encoder knows. */
  readonly instruction: boolean;
}

/** The gas statement of `line` that contains column `col` (a line may hold several, split by `;`). */
export function statementAt(line: string, col: number): StatementAt | undefined {
  const code = line.replace(/\/\*.*?\*\//g, (c) => ' '.repeat(c.length));
  for (const st of splitStatements(code)) {
    if (col < st.start || col > st.end) continue;
    const { rest, restCol } = takeLabels(st.text);
    if (rest === '') return undefined;
    const mm = /^(\S+)(\s*)/.exec(rest)!;
    const mnemonic = mm[1].toLowerCase();
    const start = st.start + restCol;
    return {
      text: rest,
      start,
      end: st.start + st.text.length,
      mnemonic,
      operandsStart: start + mm[0].length,
      instruction: !mnemonic.startsWith('.') && knownMnemonic(mnemonic),
    };
  }
  return undefined;
}

/** The identifier at `col` (gas symbol characters: letters, digits, `_`, `.`, `$`). */
export function identifierAt(line: string, col: number): { name: string; start: number; end: number } | undefined {
  let s = col;
  let e = col;
  const sym = (c: string | undefined) => c !== undefined && /[\w.$]/.test(c);
  while (s > 0 && sym(line[s - 1])) s--;
  while (e < line.length && sym(line[e])) e++;
  if (s === e) return undefined;
  const name = line.slice(s, e);
  if (/^\d/.test(name)) return undefined;
  return { name, start: s, end: e };
}
