// `listing`: assemble a .S file as GNU as would (cpp, gas macros and directives, layout) and print
// its sections: objdump-like text, one TSV line per word, or the whole structure as JSON. The file
// goes through the driver with the command line's settings, so it is assembled in the environment
// (era config, asm-offsets, include paths) the language server would give it.
import { diskHost } from '../disk-host';
import { assemble } from '../asm/gas';
import { formatDiagnostic, formatText, formatTsv, toJson } from '../asm/listing';
import { Driver } from '../driver';
import { ParsedArgs, UsageError } from './args';
import { analyzeFile, displayPath, flagValue, frontEndSettings, parseFrontEndArgs, reportFailures } from './front-end-args';
import { Output } from './io';

export async function listingCommand(args: ParsedArgs, out: Output): Promise<number> {
  const format = flagValue(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'tsv' && format !== 'json') throw new UsageError(`--format must be text, tsv or json, got '${format}'`);
  const fe = parseFrontEndArgs(args.rest);
  if (fe.files.length !== 1) throw new UsageError(fe.files.length ? 'listing takes one file' : 'listing needs a FILE.S');
  const settings = frontEndSettings(args, fe);
  const arch = flagValue(args, 'arch');
  // the listing needs the front end only; --arch is the command line's -march
  const driver = new Driver({
    host: diskHost,
    roots: [process.cwd()],
    cores: { assemble: arch === undefined ? assemble : (o) => assemble({ ...o, arch }) },
  });
  // whatever its name, the file is assembly to this command (as `gcc -x assembler-with-cpp`)
  const a = analyzeFile(driver, fe.files[0], settings, 'aarch64-asm');
  if (reportFailures(a, fe.files[0]) || !a.assembly) return 2;
  const path = displayPath;
  if (format === 'json') out.line(JSON.stringify(toJson(a.assembly, { path }), null, 1));
  else {
    const body = format === 'tsv' ? formatTsv(a.assembly, { path }) : formatText(a.assembly, { path });
    if (body) out.line(body.replace(/\n$/, ''));
    for (const d of a.diagnostics) process.stderr.write(formatDiagnostic(d, { path }) + '\n');
  }
  return a.diagnostics.some((d) => d.level === 'error') ? 1 : 0;
}
