// `check`: the diagnostics the editor shows, for CI. Each file goes through the same pipeline as
// the language server (driver.ts: environment, GNU as front end, ABI checker, C checker) and the
// results are printed as text, JSON or SARIF 2.1.0. Exit 1 when an error is reported, 2 for usage
// or I/O errors.
import { diskHost } from '../disk-host';
import { version } from '../../../package.json';
import type { Diagnostic, Fix, Origin } from '../asm/types';
import { isContractName } from '../analysis';
import { ALL_CODES, codeInfo } from '../diagnostic-codes';
import { Driver, type Level, type LeveledDiagnostic } from '../driver';
import { ParsedArgs, UsageError } from './args';
import { FRONT_END_USAGE, FRONT_END_VALUED, analyzeFile, displayPath, frontEndSettings, parseFrontEndArgs, reportFailures } from './front-end-args';
import { Output } from './io';

export const CHECK_USAGE = `aarch64-ftrace check [-I DIR]... [-D NAME[=VALUE]]... [--config KCONFIG] [--era ERA]
                      [--kernel-source DIR] [--build DIR] [--severity CODE=LEVEL[,…]]...
                      [--contract SYMBOL=CONTRACT[,…]]... [--format text|json|sarif] FILE...
  Assembles each .S file as the kernel build would (kernel headers not found come from built-in
  fallbacks, asm-offsets from --build's asm-offsets.h or --era's table, CONFIG_* from --config or
  <build>/.config, else the era's typical config) and reports the front end's and the ABI
  checker's diagnostics; .c files get the C checks. The options are the editor's settings:
${FRONT_END_USAGE}
  --contract SYMBOL=CONTRACT  an ABI contract for a symbol (abi.contracts; as the comment
                           '// aarch64-ftrace: contract=NAME' does): aapcs, mcount, ftrace-entry,
                           ftrace-direct, return-to-handler, continuation, none
  json:  {"diagnostics":[{"file","line","column","endLine","endColumn","severity","code","message",
          "related":[{"file","line","message"}],"fixes":[{"title","edits":[{"file","line","column",
          "endLine","endColumn","newText"}]}]}]}  (lines and columns 1-based, end exclusive)
  severity is error, warning, info or hint (after --severity).
  sarif: SARIF 2.1.0 for code scanning.
  Exit status: 1 if an error-severity diagnostic was reported, 0 otherwise, 2 for usage or I/O errors
  (and when a checker failed internally).`;

/** Options `check` takes (every other --option is a usage error). */
export const CHECK_VALUED = ['format', 'contract', ...FRONT_END_VALUED];


/** --contract SYM=NAME[,SYM=NAME…], repeatable: symbol → contract name. */
function parseContracts(values: readonly string[]): Record<string, string> {
  const contracts: Record<string, string> = {};
  for (const c of values.flatMap((v) => v.split(',')).map((x) => x.trim()).filter(Boolean)) {
    const m = /^([A-Za-z_.$][\w.$]*)=([\w-]+)$/.exec(c);
    if (!m) throw new UsageError(`--contract wants SYMBOL=CONTRACT, got '${c}'`);
    if (!isContractName(m[2])) throw new UsageError(`unknown contract '${m[2]}'`);
    contracts[m[1]] = m[2];
  }
  return contracts;
}

// --- output shapes -----------------------------------------------------------------------------

interface JsonEdit {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  related: { file: string; line: number; message: string }[];
  fixes: { title: string; edits: JsonEdit[] }[];
}

function expansionNotes(o: Origin): { file: string; line: number; message: string }[] {
  const out: { file: string; line: number; message: string }[] = [];
  for (let i = o.stack.length - 1; i >= 0; i--) {
    const f = o.stack[i];
    const what = f.kind === 'include' ? 'included from here' : f.kind === 'gas-macro' ? `in macro ${f.name} invoked from here` : f.kind === 'cpp-macro' ? `in the expansion of ${f.name}` : `in ${f.kind} ${f.name} from here`;
    out.push({ file: f.at.file, line: f.at.line + 1, message: what });
  }
  return out;
}

/** The level as check prints it ('info' for information, as the cores name it). */
const SHOWN: Record<Level, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

function toJson(d: LeveledDiagnostic, path: (f: string) => string): JsonDiagnostic {
  const l = d.origin.loc;
  const related = [...(d.related ?? []).map((r) => ({ file: path(r.origin.loc.file), line: r.origin.loc.line + 1, message: r.message })), ...expansionNotes(d.origin).map((n) => ({ ...n, file: path(n.file) }))];
  const fixes = (d.fixes ?? []).map((f: Fix) => ({
    title: f.title,
    edits: f.edits.map((e) => ({
      file: path(e.loc.file),
      line: e.loc.line + 1,
      column: e.loc.startCol + 1,
      endLine: (e.loc.endLine ?? e.loc.line) + 1,
      endColumn: e.loc.endCol + 1,
      newText: e.newText,
    })),
  }));
  return {
    file: path(l.file),
    line: l.line + 1,
    column: l.startCol + 1,
    endLine: l.line + 1,
    endColumn: Math.max(l.endCol, l.startCol) + 1,
    severity: SHOWN[d.level],
    code: d.code,
    message: d.message,
    related,
    fixes,
  };
}

function formatText(d: JsonDiagnostic): string {
  const lines = [`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`];
  for (const r of d.related) lines.push(`${r.file}:${r.line}: note: ${r.message}`);
  for (const f of d.fixes) lines.push(`  fix: ${f.title}`);
  return lines.join('\n');
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF's rule list: every code of the tables (diagnostic-codes.ts), with its documentation. */
function sarif(diags: readonly JsonDiagnostic[]): unknown {
  const ruleIds = [...new Set([...ALL_CODES, ...diags.map((d) => d.code)])];
  const rules = ruleIds.map((id) => {
    const r = codeInfo(id);
    return r
      ? {
          id,
          name: id.replace(/^.*\//, '').replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
          shortDescription: { text: r.title },
          ...(r.doc ? { fullDescription: { text: r.doc }, help: { text: r.doc, markdown: r.doc } } : {}),
          defaultConfiguration: { level: SARIF_LEVEL[r.severities[0]] ?? 'warning' },
        }
      : { id, shortDescription: { text: id } };
  });
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const region = (line: number, column: number, endLine: number, endColumn: number) => ({ startLine: line, startColumn: column, endLine, endColumn });
  const location = (file: string, reg: ReturnType<typeof region>) => ({ physicalLocation: { artifactLocation: { uri: file.split('\\').join('/') }, region: reg } });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'aarch64-ftrace', version, informationUri: 'https://example.invalid/aarch64-ftrace', rules } },
        columnKind: 'utf16CodeUnits',
        results: diags.map((d) => ({
          ruleId: d.code,
          ruleIndex: index.get(d.code),
          level: SARIF_LEVEL[d.severity] ?? 'warning',
          message: { text: d.message },
          locations: [location(d.file, region(d.line, d.column, d.endLine, d.endColumn))],
          relatedLocations: d.related.map((r, id) => ({ id, message: { text: r.message }, ...location(r.file, { startLine: r.line } as ReturnType<typeof region>) })),
          fixes: d.fixes.map((f) => ({
            description: { text: f.title },
            artifactChanges: groupEdits(f.edits).map(([file, edits]) => ({
              artifactLocation: { uri: file.split('\\').join('/') },
              replacements: edits.map((e) => ({ deletedRegion: region(e.line, e.column, e.endLine, e.endColumn), insertedContent: { text: e.newText } })),
            })),
          })),
        })),
      },
    ],
  };
}

function groupEdits(edits: readonly JsonEdit[]): [string, JsonEdit[]][] {
  const m = new Map<string, JsonEdit[]>();
  for (const e of edits) m.set(e.file, [...(m.get(e.file) ?? []), e]);
  return [...m];
}

// --- the command -------------------------------------------------------------------------------

export async function checkCommand(args: ParsedArgs, out: Output): Promise<number> {
  const format = (args.flags.get('format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, got '${format}'`);
  for (const k of args.flags.keys()) if (!CHECK_VALUED.includes(k)) throw new UsageError(`unknown option '--${k}'`);
  const fe = parseFrontEndArgs(args.rest);
  if (fe.files.length === 0) throw new UsageError('check needs at least one FILE');
  // --contract is the `abi.contracts` setting (a contract comment in the file still wins)
  const settings = frontEndSettings(args, fe, { abi: { contracts: parseContracts(args.values.get('contract') ?? []) } });
  const driver = new Driver({ host: diskHost, roots: [process.cwd()] });

  const all: JsonDiagnostic[] = [];
  let failed = false;
  let internal = false;
  for (const f of fe.files) {
    if (!/\.(S|s|asm|c|h)$/.test(f)) throw new UsageError(`${f}: not an assembly (.S, .s) or C (.c, .h) file`);
    const a = analyzeFile(driver, f, settings);
    // a core that threw must not pass for a clean file in CI
    if (reportFailures(a, f)) internal = true;
    for (const d of [...a.diagnostics].sort(byPosition)) {
      if (d.level === 'error') failed = true;
      all.push(toJson(d, displayPath));
    }
  }
  if (format === 'json') out.line(JSON.stringify({ diagnostics: all }, null, 1));
  else if (format === 'sarif') out.line(JSON.stringify(sarif(all), null, 1));
  else for (const d of all) out.line(formatText(d));
  return internal ? 2 : failed ? 1 : 0;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  const x = a.origin.loc;
  const y = b.origin.loc;
  return x.file.localeCompare(y.file) || x.line - y.line || x.startCol - y.startCol || a.code.localeCompare(b.code);
}
