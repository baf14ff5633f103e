// `listing`: assemble a .S file as GNU as would (cpp, gas macros and directives, layout) and print
// its sections: objdump-like text, one TSV line per word, or the whole structure as JSON.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { assemble } from '../asm/gas';
import { KERNEL_FALLBACK_HEADERS } from '../asm/kernel-fallbacks';
import { formatDiagnostic, formatText, formatTsv, toJson } from '../asm/listing';
import { SourceHost } from '../asm/types';
import { asmOffsetsProvider } from '../ftrace/asm-offsets';
import { ParsedArgs, UsageError } from './args';
import { Output } from './io';

/** A kernel .config as preprocessor defines, as include/generated/autoconf.h has them. */
export function kconfigDefines(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const m = /^(CONFIG_[A-Za-z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    const [, name, value] = m;
    if (value === 'y') out.set(name, '1');
    else if (value === 'm') out.set(name + '_MODULE', '1');
    else if (value === 'n' || value === '') continue;
    else out.set(name, value);
  }
  return out;
}

/** -I DIR / -IDIR / -D NAME[=VALUE] / -DNAME[=VALUE] and the file, from the positional arguments. */
function parseRest(rest: readonly string[]): { includes: string[]; defines: Map<string, string>; files: string[] } {
  const includes: string[] = [];
  const defines = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    let m: RegExpExecArray | null;
    if (a === '-I' || a === '-D') {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      if (a === '-I') includes.push(v);
      else addDefine(defines, v);
    } else if ((m = /^-I(.+)$/.exec(a))) includes.push(m[1]);
    else if ((m = /^-D(.+)$/.exec(a))) addDefine(defines, m[1]);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
    else files.push(a);
  }
  return { includes, defines, files };
}

function addDefine(defines: Map<string, string>, v: string): void {
  const eq = v.indexOf('=');
  const name = eq < 0 ? v : v.slice(0, eq);
  if (!/^[A-Za-z_]\w*$/.test(name)) throw new UsageError(`bad macro name in -D '${v}'`);
  defines.set(name, eq < 0 ? '1' : v.slice(eq + 1));
}

const fsHost: SourceHost = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

export async function listingCommand(args: ParsedArgs, out: Output): Promise<number> {
  const format = (args.flags.get('format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'tsv' && format !== 'json') throw new UsageError(`--format must be text, tsv or json, got '${format}'`);
  const { includes, defines: cmdDefines, files } = parseRest(args.rest);
  if (files.length !== 1) throw new UsageError(files.length ? 'listing takes one file' : 'listing needs a FILE.S');
  const file = resolve(files[0]);
  const text = readFileSync(file, 'utf8');
  const defines = new Map<string, string>();
  const config = args.flags.get('config');
  if (typeof config === 'string') for (const [k, v] of kconfigDefines(readFileSync(config, 'utf8'))) defines.set(k, v);
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
