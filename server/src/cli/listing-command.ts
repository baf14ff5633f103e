// `listing`: assemble a .S file as GNU as would (cpp, gas macros and directives, layout) and print
// its sections: objdump-like text, one TSV line per word, or the whole structure as JSON.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { assemble } from '../asm/gas';
import { KERNEL_FALLBACK_HEADERS } from '../asm/kernel-fallbacks';
import { formatDiagnostic, formatText, formatTsv, toJson } from '../asm/listing';
import { asmOffsetsProvider } from '../ftrace/asm-offsets';
import { parseKconfig } from '../driver';
import { ParsedArgs, UsageError } from './args';
import { fsHost, parseFrontEndArgs } from './front-end-args';
import { Output } from './io';


export async function listingCommand(args: ParsedArgs, out: Output): Promise<number> {
  const format = (args.flags.get('format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'tsv' && format !== 'json') throw new UsageError(`--format must be text, tsv or json, got '${format}'`);
  const { includes, defines: cmdDefines, files } = parseFrontEndArgs(args.rest);
  if (files.length !== 1) throw new UsageError(files.length ? 'listing takes one file' : 'listing needs a FILE.S');
  const file = resolve(files[0]);
  const text = readFileSync(file, 'utf8');
  const defines = new Map<string, string>();
  const config = args.flags.get('config');
  if (typeof config === 'string') for (const [k, v] of parseKconfig(readFileSync(config, 'utf8'))) defines.set(k, v);
  for (const [k, v] of cmdDefines) defines.set(k, v);
  const era = args.flags.get('era');
  const offsets = asmOffsetsProvider({ era: typeof era === 'string' ? era : undefined, host: fsHost });
  for (const p of offsets.problems) process.stderr.write(`aarch64-ftrace: ${p}\n`);
  const arch = args.flags.get('arch');
  const result = assemble({
    file,
    text,
    host: fsHost,
    includePaths: includes.map((d) => resolve(d)),
    defines,
    builtinHeaders: KERNEL_FALLBACK_HEADERS,
    predefined: (name) => offsets(name),
    ...(typeof arch === 'string' ? { arch } : {}),
  });
  const cwd = process.cwd();
  const path = (f: string) => {
    if (!isAbsolute(f)) return f;
    const r = relative(cwd, f);
    return r && !r.startsWith('..') && !isAbsolute(r) ? r : f;
  };
  const diagnostics = [...result.preprocess.diagnostics, ...result.diagnostics];
  if (format === 'json') out.line(JSON.stringify(toJson(result, { path }), null, 1));
  else {
    const body = format === 'tsv' ? formatTsv(result, { path }) : formatText(result, { path });
    if (body) out.line(body.replace(/\n$/, ''));
    for (const d of diagnostics) process.stderr.write(formatDiagnostic(d, { path }) + '\n');
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
