// `patch-sites`: where ftrace patches, and with which words. ELF input (.o, .ko, vmlinux): every
// record of __patchable_function_entries / __mcount_loc with its function, section, the words on
// disk and the words of each state. Assembly input (.S): ftrace_call, ftrace_graph_call and
// annotated labels at the addresses of the layout. --function ADDR|SYMBOL: the callsite of one
// function. Output: {"sites":[{file, line, symbol, kind, address, states, inRange, plt, …}], …}.
import { diskHost } from '../disk-host';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assemble } from '../asm/gas';
import { Driver } from '../driver';
import { listAsmPatchSites } from '../ftrace/asm-sites';
import { ElfError, ElfFile } from '../ftrace/elf';
import { EXAMPLE_ADDRESSES, KernelSymbols, elfKernelSymbols, listElfPatchSites, parseSystemMap } from '../ftrace/elf-sites';
import { KernelEra, defaultEra, findEra } from '../ftrace/eras';
import { PltEntry, reachableByBl } from '../ftrace/branch-range';
import { PatchConfig, PatchSite, SiteAddresses, SiteState, callsiteLayout, callsiteSites, configForEra } from '../ftrace/patch-sites';
import { entryRecord } from '../ftrace/function-entry';
import { ParsedArgs, UsageError, parseAddress } from './args';
import { FRONT_END_VALUED, analyzeFile, displayPath as show, flagValue as flag, frontEndSettings, parseFrontEndArgs, reportFailures } from './front-end-args';
import { Output } from './io';

export const PATCH_SITES_USAGE = `aarch64-ftrace patch-sites FILE [options]
aarch64-ftrace patch-sites --function ADDR|SYMBOL [options]
  FILE is an ELF object (.o, .ko, vmlinux) or an assembly file (.S, .s).
  ELF: every record of __patchable_function_entries (or __mcount_loc), relocated, with its
  function, section, the words on disk and the words of each ftrace state.
  Assembly: ftrace_call, ftrace_graph_call and labels after a comment
  'aarch64-ftrace: patch-site [b|bl SYMBOL]', at the addresses of the layout.
  --function: the callsite words of a function at ADDR (or named in --system-map).
Options:
  --era ERA             kernel era (eras.ts names: mcount, 5.5-with-regs, 5.10, 6.1, 6.2-with-args,
                        6.3-call-ops, 6.12, 6.13+, newest); ELF input detects it from the records
  --bti, --no-bti       callsites start with bti c or not (CONFIG_ARM64_BTI_KERNEL; default: the era's
                        config, for ELF input what the words show)
  --build DIR           kernel build directory: System.map, include/generated/asm-offsets.h, .config
  --system-map FILE     symbol addresses (ftrace_caller, ftrace_regs_caller, ftrace_nop_ops, …)
  --vmlinux FILE        take the symbol addresses from a vmlinux symbol table
  --load-address ADDR   where a relocatable file's first executable section (or the .S sections) is
  --ftrace-caller ADDR  the entry trampoline (default: symbol tables, else an example address)
  --plt ADDR            the module's ftrace PLT (--function)
  --direct ADDR         a direct trampoline (DIRECT_CALLS)
  --ops ADDR            the ftrace_ops a CALL_OPS callsite points to when enabled
  --tracer ADDR         the tracer function ftrace_call is patched to call
  --format json|text    JSON (default) or one line per site
  Assembly front end (as the editor runs it): -I DIR, -D NAME[=VALUE], --config .config, --arch ARCH,
  --kernel-source DIR, --severity CODE=LEVEL (as for check)`;

export const PATCH_SITES_VALUED = ['system-map', 'vmlinux', 'load-address', 'ftrace-caller', 'plt', 'direct', 'ops', 'tracer', 'function', 'format', 'arch', ...FRONT_END_VALUED];


const hex = (v: bigint) => '0x' + v.toString(16);
const word = (w: number | bigint | null) => (w === null ? null : typeof w === 'bigint' ? w.toString(16).padStart(16, '0') : (w >>> 0).toString(16).padStart(8, '0'));

function stateJson(s: SiteState) {
  return { name: s.name, word: word(s.word), text: s.text, writer: s.writer, validated: s.validated, ...(s.cmodx ? { cmodx: s.cmodx } : {}), ...(s.note ? { note: s.note } : {}) };
}

function pltJson(p: PltEntry | null) {
  if (!p) return null;
  return { address: hex(p.address), target: hex(p.target), words: p.words.map((w) => word(w)), texts: [...p.texts], ...(p.erratum843419 ? { erratum843419: true } : {}), ...(p.fault ? { fault: p.fault } : {}) };
}

function siteJson(s: PatchSite, file: string | null, line: number | null, symbol: string | null, extra: Record<string, unknown>) {
  return {
    file,
    line,
    symbol,
    kind: s.kind,
    address: hex(s.address),
    states: s.states.map(stateJson),
    inRange: s.inRange,
    plt: pltJson(s.plt),
    ...(s.ip !== undefined ? { ip: hex(s.ip), ...(s.parentIp ? { parentIp: s.parentIp } : {}) } : {}),
    ...extra,
    ...(s.problem ? { problem: s.problem } : {}),
  };
}

function kernelSymbols(args: ParsedArgs): KernelSymbols | undefined {
  const map = flag(args, 'system-map');
  const vmlinux = flag(args, 'vmlinux');
  const build = flag(args, 'build');
  if (map) return parseSystemMap(readFileSync(map, 'utf8'), map);
  if (vmlinux) return elfKernelSymbols(new ElfFile(readFileSync(vmlinux)), vmlinux);
  if (build) {
    const p = join(build, 'System.map');
    const t = diskHost.readFile(p);
    if (t !== undefined) return parseSystemMap(t, p);
  }
  return undefined;
}

function eraOf(args: ParsedArgs): KernelEra | undefined {
  const e = flag(args, 'era');
  if (e === undefined) return undefined;
  const era = findEra(e);
  if (!era) throw new UsageError(`unknown era '${e}'`);
  return era;
}

function addrFlag(args: ParsedArgs, name: string): bigint | undefined {
  const v = flag(args, name);
  return v === undefined ? undefined : parseAddress(v);
}

function configJson(c: PatchConfig) {
  return { era: c.era, callsite: c.callsite, regsCaller: c.regsCaller, callOps: c.callOps, bti: c.bti, directCalls: c.directCalls, ftraceCallSite: c.ftraceCallSite, graphCallSite: c.graphCallSite };
}

/** Writes {"sites":[…], …} one site per line so vmlinux-sized listings stream. */
function writeJson(out: Output, sites: Iterable<unknown>, rest: Record<string, unknown>): void {
  out.line('{"sites":[');
  let prev: string | undefined;
  for (const s of sites) {
    if (prev !== undefined) out.line(prev + ',');
    prev = JSON.stringify(s);
  }
  if (prev !== undefined) out.line(prev);
  const tail = JSON.stringify(rest);
  out.line(`]${tail === '{}' ? '' : ',' + tail.slice(1, -1)}}`);
}

function textLine(s: ReturnType<typeof siteJson>): string {
  const st = s.states.map((x) => `${x.name}=${x.word ?? '?'}`).join(' ');
  return `${s.address}\t${s.kind}\t${s.symbol ?? ''}\t${st}${s.inRange === false ? '\tOUT-OF-RANGE' : ''}`;
}

export async function patchSitesCommand(args: ParsedArgs, out: Output): Promise<number> {
  const format = flag(args, 'format') ?? 'json';
  if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text, got '${format}'`);
  const fe = parseFrontEndArgs(args.rest);
  const files = fe.files;
  const kernel = kernelSymbols(args);
  const era = eraOf(args);
  if (args.flags.get('bti') === true && args.flags.get('no-bti') === true) throw new UsageError('--bti and --no-bti exclude each other');
  const bti = args.flags.get('bti') === true ? { bti: true } : args.flags.get('no-bti') === true ? { bti: false } : {};
  const explicit = {
    ...(addrFlag(args, 'ftrace-caller') !== undefined ? { ftraceCaller: addrFlag(args, 'ftrace-caller') } : {}),
    ...(addrFlag(args, 'direct') !== undefined ? { directTrampoline: addrFlag(args, 'direct') } : {}),
    ...(addrFlag(args, 'ops') !== undefined ? { ops: addrFlag(args, 'ops') } : {}),
    ...(addrFlag(args, 'tracer') !== undefined ? { tracer: addrFlag(args, 'tracer') } : {}),
  };
  const emit = (sites: ReturnType<typeof siteJson>[], rest: Record<string, unknown>) => {
    if (format === 'json') writeJson(out, sites, rest);
    else for (const s of sites) out.line(textLine(s));
  };

  // one function's callsite
  const fnArg = flag(args, 'function');
  if (fnArg !== undefined) {
    if (files.length) throw new UsageError('--function takes no FILE');
    const e = era ?? defaultEra();
    const cfg = configForEra(e, bti);
    let f: bigint;
    let name: string | null = null;
    if (/^(0x[0-9a-f]+|\d+)$/i.test(fnArg)) f = parseAddress(fnArg);
    else {
      const v = kernel?.symbols.get(fnArg);
      if (v === undefined) throw new UsageError(`'${fnArg}' is not in a symbol table (give --system-map, --vmlinux or --build)`);
      f = v;
      name = fnArg;
    }
    const sym = (n: string) => kernel?.symbols.get(n);
    const example = sym('ftrace_caller') === undefined && explicit.ftraceCaller === undefined;
    const a: SiteAddresses & { ftraceCaller: bigint; plt?: bigint } = {
      ftraceCaller: sym('ftrace_caller') ?? EXAMPLE_ADDRESSES.ftraceCaller,
      ftraceRegsCaller: sym('ftrace_regs_caller') ?? (cfg.regsCaller ? EXAMPLE_ADDRESSES.ftraceRegsCaller : undefined),
      mcount: sym('_mcount') ?? EXAMPLE_ADDRESSES.mcount,
      ftraceNopOps: sym('ftrace_nop_ops') ?? EXAMPLE_ADDRESSES.ftraceNopOps,
      ftraceListOps: sym('ftrace_list_ops') ?? EXAMPLE_ADDRESSES.ftraceListOps,
      ops: sym('ftrace_list_ops') ?? EXAMPLE_ADDRESSES.ftraceListOps,
      plt: addrFlag(args, 'plt'),
      ...explicit,
    };
    // the record: the first patchable NOP (the BL for mcount is not known from F)
    const record = entryRecord(cfg, f);
    if (record === undefined) throw new UsageError('--function needs a patchable-entry era (the mcount callsite is inside the function, after its prologue)');
    const layout = callsiteLayout(cfg.callsite, record, cfg.bti);
    // out of BL range without --plt: the module PLT would sit in the module's .text.ftrace_trampoline;
    // show one at an example place 2 MiB after the function
    let pltExample = false;
    if (a.plt === undefined && !reachableByBl(layout.blSlot, a.ftraceCaller)) {
      a.plt = (f & ~0xfffn) + 0x200000n;
      pltExample = true;
    }
    const sites = callsiteSites(layout, cfg, a).map((s) => siteJson(s, null, null, name, { function: hex(f), ...(pltExample && s.plt ? { pltExample: true } : {}) }));
    emit(sites, { config: configJson(cfg), addresses: addressesJson(a, example, kernel?.source) });
    return 0;
  }

  if (files.length !== 1) throw new UsageError(files.length ? 'patch-sites takes one FILE' : 'patch-sites needs a FILE (or --function)');
  const file = resolve(files[0]);
  const bytes = readFileSync(file);
  const isElf = bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;

  if (isElf) {
    let elf: ElfFile;
    try {
      elf = new ElfFile(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (e) {
      if (e instanceof ElfError) {
        process.stderr.write(`aarch64-ftrace: ${show(file)}: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
    if (elf.machine !== 183) {
      process.stderr.write(`aarch64-ftrace: ${show(file)}: not an AArch64 ELF file (e_machine ${elf.machine})\n`);
      return 1;
    }
    const r = listElfPatchSites(elf, { era: era?.name, config: bti, kernel, loadAddress: addrFlag(args, 'load-address'), addresses: explicit });
    const name = show(file);
    const sites = (function* () {
      for (const rec of r.records)
        for (const s of rec.sites)
          yield siteJson(s, name, null, rec.symbol ?? null, {
            section: rec.section,
            offset: hex(BigInt(rec.offset) + (s.address - rec.record)),
            record: rec.index,
            ...(rec.symbolOffset ? { symbolOffset: rec.symbolOffset } : {}),
            current: { word: word(s.current.word), text: s.current.text },
          });
    })();
    if (format === 'json')
      writeJson(out, sites, {
        format: 'elf',
        elfType: r.elfType,
        source: r.source,
        records: r.records.length,
        config: configJson(r.config),
        addresses: addressesJson(r.addresses, r.addresses.example, r.addresses.from),
        layout: r.layout.map((l) => ({ section: l.section, address: hex(l.address) })),
        warnings: r.warnings,
      });
    else for (const s of sites) out.line(textLine(s));
    for (const w of r.warnings.slice(0, 20)) process.stderr.write(`aarch64-ftrace: ${show(file)}: ${w}\n`);
    return 0;
  }

  // assembly: through the driver, as the server analyses the file, with this command's addresses
  // (--build is the buildDir setting there, as for check and listing)
  const settings = frontEndSettings(args, fe, bti.bti !== undefined ? { config: { CONFIG_ARM64_BTI_KERNEL: bti.bti ? 'y' : 'n' } } : {});
  const arch = flag(args, 'arch');
  // the patch-site core gets this command's addresses; its whole result (section bases, warnings)
  // is printed, where the driver keeps only the sites
  let listed: ReturnType<typeof listAsmPatchSites> | undefined;
  const driver = new Driver({
    host: diskHost,
    roots: [process.cwd()],
    cores: {
      assemble: arch === undefined ? assemble : (o) => assemble({ ...o, arch }),
      asmPatchSites: (result, o) => (listed = listAsmPatchSites(result, { ...o, kernel: kernel ?? o.kernel, loadAddress: addrFlag(args, 'load-address'), addresses: explicit })),
    },
  });
  const a = analyzeFile(driver, files[0], settings, 'aarch64-asm');
  if (reportFailures(a, files[0]) || !a.assembly || !listed) return 2;
  const r = listed;
  const sites = r.sites.map((s) =>
    siteJson(s, show(s.file), s.line + 1, s.label, {
      section: s.section,
      offset: hex(BigInt(s.offset)),
      current: { word: word(s.current.word), text: s.current.text, ...(s.current.reloc ? { reloc: s.current.reloc } : {}) },
      ...(s.note ? { note: s.note } : {}),
    }),
  );
  const errors = a.diagnostics.filter((d) => d.level === 'error').length;
  emit(sites, {
    format: 'asm',
    config: configJson(a.env.patchConfig),
    bases: [...a.assembly.sections.map((s) => s.name)].filter((n) => r.sites.some((x) => x.section === n)).map((n) => ({ section: n, address: hex(r.bases.get(n) ?? addrFlag(args, 'load-address') ?? 0n) })),
    warnings: r.warnings,
    assemblerErrors: errors,
  });
  for (const w of r.warnings) process.stderr.write(`aarch64-ftrace: ${show(file)}: ${w}\n`);
  return 0;
}

function addressesJson(a: object, example: boolean, from?: string) {
  const names: Record<string, string> = {
    ftraceCaller: 'ftrace_caller', ftraceRegsCaller: 'ftrace_regs_caller', mcount: '_mcount', ftraceNopOps: 'ftrace_nop_ops',
    ftraceListOps: 'ftrace_list_ops', ops: 'ops', directTrampoline: 'direct', plt: 'plt', ftraceStub: 'ftrace_stub', ftraceGraphCaller: 'ftrace_graph_caller', tracer: 'tracer',
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) if (typeof v === 'bigint') out[names[k] ?? k] = hex(v);
  out.example = example;
  if (from) out.from = from;
  return out;
}
