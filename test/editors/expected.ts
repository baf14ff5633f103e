// What the editor tests expect to see for an instruction of a fixture, from GNU binutils (the
// ISA oracle), never from our encoder: its word (as) and its text (objdump).
import { AS, OBJDUMP, assembleLines, hasTool, objdumpWords } from '../support/gnu-oracle';

export interface ExpectedInstruction {
  /** 0-based line and the column of the mnemonic. */
  readonly line: number;
  readonly character: number;
  /** The instruction as written (comment stripped). */
  readonly source: string;
  /** GNU as's word, 8 lower-case hex digits. */
  readonly word: string;
  /** GNU objdump's text for the word, single-spaced. */
  readonly text: string;
}

export const gnuOracleAvailable = (): boolean => hasTool(AS) && hasTool(OBJDUMP);

/** The first line of `fileText` matching `pattern` (an instruction with literal operands), with GNU's word and text. */
export function expectedInstruction(fileText: string, pattern: RegExp): ExpectedInstruction {
  const lines = fileText.split('\n');
  const line = lines.findIndex((l) => pattern.test(l));
  if (line < 0) throw new Error(`no line matches ${pattern}`);
  const character = lines[line].search(/\S/);
  const source = lines[line].replace(/\/\/.*$/, '').trim();
  const [r] = assembleLines([source]);
  if ('error' in r) throw new Error(`GNU as rejects ${JSON.stringify(source)}: ${r.error}`);
  const [text] = objdumpWords([r.word]);
  return { line, character, source, word: (r.word >>> 0).toString(16).padStart(8, '0'), text };
}
