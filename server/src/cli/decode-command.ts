// `decode`: words → GNU objdump text (TSV) or the full structured decode (JSON).
import { readFileSync } from 'node:fs';
import { decode, decodeText, decodeWords } from '../isa';
import { ParsedArgs, UsageError, parseAddress } from './args';
import { Output, eachInputLine } from './io';

const U64 = (1n << 64n) - 1n;

function parseWord(text: string): number | string {
  const t = text.trim().replace(/^0x/i, '');
  if (!/^[0-9a-f]{1,8}$/i.test(t)) return `not a 32-bit hex word: '${text.trim()}'`;
  return parseInt(t, 16) >>> 0;
}

const hex8 = (w: number) => w.toString(16).padStart(8, '0');

export async function decodeCommand(args: ParsedArgs, out: Output): Promise<number> {
  const format = (args.flags.get('format') as string | undefined) ?? 'tsv';
  if (format !== 'tsv' && format !== 'json') throw new UsageError(`--format must be tsv or json, got '${format}'`);
  let pc = args.flags.has('address') ? parseAddress(String(args.flags.get('address'))) : 0n;
  const json: unknown[] = [];
  let failed = 0;
  const emit = (w: number) => {
    if (format === 'tsv') out.line(`${hex8(w)}\t${decodeText(w, pc) ?? '<undefined>'}`);
    else {
      const d = decode(w, pc);
      json.push(
        d
          ? {
              word: hex8(w), address: '0x' + pc.toString(16), text: d.text, mnemonic: d.mnemonic, class: d.cls, feature: d.feature,
              operands: d.operands, fields: d.fields, aliasOf: d.aliasOf ?? null,
            }
          : { word: hex8(w), address: '0x' + pc.toString(16), text: '<undefined>' },
      );
    }
    pc = (pc + 4n) & U64;
  };
  const bad = (msg: string) => {
    failed++;
    if (format === 'tsv') out.line(`error: ${msg}`);
    else json.push({ error: msg });
  };
  const binary = args.flags.get('binary');
  if (typeof binary === 'string') {
    const buf = readFileSync(binary);
    const n = Math.floor(buf.length / 4);
    const words = new Uint32Array(n);
    for (let i = 0; i < n; i++) words[i] = buf.readUInt32LE(i * 4);
    const CHUNK = 1 << 16;
    for (let i = 0; i < n; i += CHUNK) {
      const part = words.subarray(i, Math.min(n, i + CHUNK));
      if (format === 'tsv') {
        // bulk path: no 64-bit address arithmetic per word
        decodeWords(part, pc, (_k, text) => out.line(`${hex8(part[_k])}\t${text ?? '<undefined>'}`));
        pc = (pc + BigInt(part.length) * 4n) & U64;
      } else for (const w of part) emit(w);
      await out.flush();
    }
    if (buf.length % 4) bad(`${binary}: ${buf.length % 4} trailing bytes after the last whole word`);
  } else if (args.rest.length > 0) {
    for (const a of args.rest) {
      const w = parseWord(a);
      if (typeof w === 'string') bad(w);
      else emit(w);
    }
  } else {
    await eachInputLine((line, n) => {
      if (line.trim() === '') return;
      const w = parseWord(line);
      if (typeof w === 'string') bad(`line ${n}: ${w}`);
      else emit(w);
    });
  }
  if (format === 'json') out.line(JSON.stringify(json, null, 1));
  return failed ? 1 : 0;
}
