// `encode`: GNU syntax instructions → words.
import { encode, isEncodeFailure } from '../isa';
import { ParsedArgs, parseAddress } from './args';
import { Output, eachInputLine } from './io';

const U64 = (1n << 64n) - 1n;

export async function encodeCommand(args: ParsedArgs, out: Output): Promise<number> {
  let pc = args.flags.has('address') ? parseAddress(String(args.flags.get('address'))) : 0n;
  let failed = 0;
  const one = (text: string, where: string) => {
    const insn = text.replace(/\/\/.*$/, '').trim();
    if (insn === '') return;
    const r = encode(insn, { pc });
    if (isEncodeFailure(r)) {
      failed++;
      out.line(`error: ${where}${insn}: ${r.error}`);
    } else out.line(`${r.word.toString(16).padStart(8, '0')}\t${insn}`);
    pc = (pc + 4n) & U64;
  };
  if (args.rest.length > 0) for (const a of args.rest) one(a, '');
  else await eachInputLine((line, n) => one(line, `line ${n}: `));
  return failed ? 1 : 0;
}
