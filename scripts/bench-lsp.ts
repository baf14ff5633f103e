// npm run bench:lsp: the language server's latencies and memory against issue 7's targets.
// Prints figures; asserts nothing.
//   hover p95 (server side: the handler over a cached analysis; and the stdio round trip)
//   inlay hints of a 2,000-line file after analysis
//   first diagnostics of test-fixtures/entry-ftrace.S after didOpen (fresh server, then warm)
//   server RSS with every .S of a generated kernel-sized tree indexed (workspace symbols) and
//   the arm64 ones opened
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Driver } from '../server/src/driver';
import { diskHost } from '../server/src/disk-host';
import { hoverAt } from '../server/src/lsp/hover';
import { inlayHints } from '../server/src/lsp/inlay-hints';
import { normalizeSettings } from '../server/src/settings';
import { LspClient, fileUri, repoRoot } from '../test/lsp-client';
import { Rng } from '../test/support/rng';

const ROOT = repoRoot();
const SERVER = join(ROOT, 'dist', 'server.js');
const ENTRY = join(ROOT, 'test-fixtures', 'entry-ftrace.S');
const ms = (ns: bigint) => Number(ns) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const fmt = (x: number) => x.toFixed(x < 1 ? 3 : x < 10 ? 2 : 1);

// --- generated sources ---------------------------------------------------------------------------

const MNEMONICS = ['add\tx{a}, x{b}, #{i}', 'sub\tx{a}, x{b}, x{c}', 'stp\tx{a}, x{b}, [sp, #{o}]', 'ldp\tx{a}, x{b}, [sp, #{o}]', 'mov\tx{a}, x{b}', 'ldr\tx{a}, [x{b}, #{o}]', 'str\tx{a}, [sp, #{o}]', 'cbz\tx{a}, 1f', 'b.ne\t1b', 'orr\tx{a}, x{b}, #0xff'];

/** A .S file of about `lines` lines: SYM_FUNC blocks of instructions, a macro and a .rept each. */
function generatedAsm(lines: number, seed = 1): string {
  const rng = new Rng(seed);
  const out = ['#include <linux/linkage.h>', '', '\t.macro\tsave_pair a, b, off', '\tstp\t\\a, \\b, [sp, #\\off]', '\t.endm', ''];
  let fn = 0;
  while (out.length < lines) {
    out.push(`SYM_FUNC_START(gen_fn_${fn})`, '\tstp\tx29, x30, [sp, #-64]!', '1:');
    for (let i = 0; i < 30; i++) {
      const t = MNEMONICS[rng.u32() % MNEMONICS.length];
      out.push('\t' + t.replace('{a}', String(rng.u32() % 29)).replace('{b}', String(rng.u32() % 29)).replace('{c}', String(rng.u32() % 29)).replace('{i}', String(rng.u32() % 4096)).replace(/\{o\}/g, String((rng.u32() % 8) * 8)));
    }
    out.push('\tsave_pair x19, x20, 16', '\t.rept 2', '\tnop', '\t.endr', '1:', '\tldp\tx29, x30, [sp], #64', '\tret', `SYM_FUNC_END(gen_fn_${fn++})`, '');
  }
  return out.join('\n') + '\n';
}

// --- in-process: hover and inlay hints -----------------------------------------------------------

function inProcess(): void {
  const driver = new Driver({ host: diskHost });
  const settings = normalizeSettings({});
  const text = readFileSync(ENTRY, 'utf8');
  const a = driver.analyze({ uri: fileUri(ENTRY), version: 1, text }, settings);
  const lines = text.split('\n');
  const positions: [number, number][] = [];
  lines.forEach((l, i) => {
    for (let c = 0; c < l.length; c += 3) positions.push([i, c]);
  });
  for (const [l, c] of positions.slice(0, 500)) hoverAt(a, lines[l], l, c); // warm up
  const times: number[] = [];
  for (const [l, c] of positions) {
    const t0 = process.hrtime.bigint();
    hoverAt(a, lines[l], l, c);
    times.push(ms(process.hrtime.bigint() - t0));
  }
  console.log(`hover (server side, handler over a cached analysis of entry-ftrace.S): ${times.length} positions, p50 ${fmt(pct(times, 50))} ms, p95 ${fmt(pct(times, 95))} ms, max ${fmt(Math.max(...times))} ms  [target p95 < 5 ms]`);

  const big = generatedAsm(2000);
  const bigLines = big.split('\n');
  const runs: number[] = [];
  const analyses: number[] = [];
  for (let v = 1; v <= 6; v++) {
    const t0 = process.hrtime.bigint();
    const b = driver.analyze({ uri: 'file:///bench/generated-2000.S', version: v, text: big + `// v${v}\n` }, settings);
    const t1 = process.hrtime.bigint();
    const hints = inlayHints(b, (line) => (bigLines[line] ?? '').length, 0, 2100);
    const t2 = process.hrtime.bigint();
    if (v > 1) {
      analyses.push(ms(t1 - t0));
      runs.push(ms(t2 - t1));
    }
    if (v === 6) console.log(`inlay hints, generated ${bigLines.length}-line file: ${hints.length} hints in median ${fmt(pct(runs, 50))} ms after analysis (max ${fmt(Math.max(...runs))} ms; the analysis itself ${fmt(pct(analyses, 50))} ms)  [target < 20 ms]`);
  }
}

// --- over stdio: first diagnostics, round-trip hover, memory -------------------------------------

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function firstDiagnostics(): Promise<void> {
  const text = readFileSync(ENTRY, 'utf8');
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < 5; run++) {
    const client = new LspClient({ serverPath: SERVER, timeoutMs: 30_000 });
    try {
      await client.initialize();
      for (let k = 0; k < 4; k++) {
        const uri = fileUri(join(tmpdir(), `bench-${run}-${k}`, 'entry-ftrace.S'));
        const t0 = process.hrtime.bigint();
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'aarch64-asm', version: 1, text } });
        await client.waitForNotification<{ uri: string }>('textDocument/publishDiagnostics', (p) => p.uri === uri);
        (k === 0 ? cold : warm).push(ms(process.hrtime.bigint() - t0));
      }
      if (run === 0) {
        const uri = fileUri(join(tmpdir(), 'bench-0-0', 'entry-ftrace.S'));
        const lines = text.split('\n');
        const rt: number[] = [];
        for (let i = 0; i < 300; i++) {
          const line = (i * 7) % lines.length;
          const t0 = process.hrtime.bigint();
          await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: Math.min(2, lines[line].length) } });
          rt.push(ms(process.hrtime.bigint() - t0));
        }
        console.log(`hover round trip over stdio (client-measured): p50 ${fmt(pct(rt, 50))} ms, p95 ${fmt(pct(rt, 95))} ms`);
      }
      await client.shutdownAndExit();
    } finally {
      client.kill();
    }
  }
  console.log(`first diagnostics of entry-ftrace.S after didOpen: fresh server median ${fmt(pct(cold, 50))} ms (max ${fmt(Math.max(...cold))}), warm server median ${fmt(pct(warm, 50))} ms (max ${fmt(Math.max(...warm))})  [target < 100 ms]`);
}

/** A tree shaped like a kernel's: ~1,300 .S files over arches, 150–600 lines each. */
function kernelTree(root: string): { files: number; lines: number; arm64: string[] } {
  rmSync(root, { recursive: true, force: true });
  const rng = new Rng(42);
  const arches = ['arm64', 'arm', 'x86', 'riscv', 'powerpc', 'mips', 's390', 'loongarch', 'sparc', 'sh', 'parisc', 'm68k', 'xtensa'];
  let files = 0;
  let lines = 0;
  const arm64: string[] = [];
  for (const arch of arches) {
    const n = arch === 'arm64' ? 130 : 90;
    for (let i = 0; i < n; i++) {
      const dir = join(root, 'arch', arch, ['kernel', 'lib', 'mm', 'crypto', 'boot'][i % 5]);
      mkdirSync(dir, { recursive: true });
      const text = generatedAsm(150 + (rng.u32() % 450), files + 1);
      const path = join(dir, `gen-${i}.S`);
      writeFileSync(path, text);
      if (arch === 'arm64') arm64.push(path);
      files++;
      lines += text.split('\n').length;
    }
  }
  return { files, lines, arm64 };
}

/**
 * Where the heap goes, in process (the server's RSS above says how much): the arm64 files analysed
 * through one Driver as the server keeps them (24 analyses cached), then the heap after dropping
 * the driver's analyses. What stays is the front end's own caches (lexed files, parsed and encoded
 * statements, incremental checkpoints) and the tables loaded at start.
 */
function memoryBreakdown(arm64: readonly string[]): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed / 1048576;
  };
  const start = heap();
  const driver = new Driver({ host: diskHost, maxCached: 24 });
  const settings = normalizeSettings({});
  for (const path of arm64) driver.analyze({ uri: fileUri(path), version: 1, text: readFileSync(path, 'utf8') }, settings);
  const cached = driver.cacheSize;
  const all = heap();
  driver.invalidateAll();
  const caches = heap();
  console.log(
    `memory (in process, heap used after GC): ${fmt(start)} MiB before; ${fmt(all)} MiB after analysing the ${arm64.length} arm64 files: ${fmt(all - caches)} MiB in the driver's ${cached} cached analyses (${fmt((all - caches) / Math.max(1, cached))} MiB each), ${fmt(caches - start)} MiB in the front end's caches`,
  );
}

async function memory(): Promise<void> {
  const root = join(tmpdir(), 'aarch64-ftrace-bench-tree');
  const tree = kernelTree(root);
  memoryBreakdown(tree.arm64);
  // --expose-gc so the stats request can collect garbage before measuring
  const client = new LspClient({ serverPath: SERVER, timeoutMs: 120_000, env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc` } });
  client.onRequest('workspace/workspaceFolders', () => [{ uri: fileUri(root), name: 'linux' }]);
  try {
    await client.initialize({ workspaceFolders: [{ uri: fileUri(root), name: 'linux' }], rootUri: fileUri(root), capabilities: { workspace: { workspaceFolders: true } } });
    const before = rssMiB(client.pid!);
    const t0 = process.hrtime.bigint();
    const all = await client.request<unknown[]>('workspace/symbol', { query: 'gen_fn' });
    const indexMs = ms(process.hrtime.bigint() - t0);
    const afterIndex = rssMiB(client.pid!);
    for (const path of tree.arm64) {
      client.notify('textDocument/didOpen', { textDocument: { uri: fileUri(path), languageId: 'aarch64-asm', version: 1, text: readFileSync(path, 'utf8') } });
    }
    const last = fileUri(tree.arm64[tree.arm64.length - 1]);
    await client.waitForNotification<{ uri: string }>('textDocument/publishDiagnostics', (p) => p.uri === last);
    await new Promise((r) => setTimeout(r, 500));
    const afterOpen = rssMiB(client.pid!);
    const stats = await client.request<{ rssMiB: number; heapUsedMiB: number; cachedAnalyses: number }>('aarch64-ftrace/stats', { gc: true });
    // V8 gives pages back to the system only after a while idle (its memory reducer): the RSS a
    // user sees once the burst of opens is over
    await new Promise((r) => setTimeout(r, 15_000));
    const idle = await client.request<{ rssMiB: number; heapUsedMiB: number }>('aarch64-ftrace/stats', { gc: true });
    console.log(
      `memory: generated tree of ${tree.files} .S files (${tree.lines} lines); server RSS ${fmt(before)} MiB at start, ${fmt(afterIndex)} MiB with all of them indexed (workspace/symbol: ${all.length} results, ${fmt(indexMs)} ms), ${fmt(afterOpen)} MiB with the ${tree.arm64.length} arm64 files also open and analysed; after a GC: RSS ${fmt(stats.rssMiB)} MiB, heap used ${fmt(stats.heapUsedMiB)} MiB, ${stats.cachedAnalyses} analyses cached; after 15 s idle: RSS ${fmt(idle.rssMiB)} MiB, heap used ${fmt(idle.heapUsedMiB)} MiB  [target < 150 MB]`,
    );
    await client.shutdownAndExit();
  } finally {
    client.kill();
    rmSync(root, { recursive: true, force: true });
  }
}

/** `node out/scripts/bench-lsp.js [hover] [diagnostics] [memory]`: the parts named, else all. */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (part: string) => only.length === 0 || only.includes(part);
  console.log(`node ${process.version}; server ${SERVER}`);
  if (want('hover')) inProcess();
  if (want('diagnostics')) await firstDiagnostics();
  if (want('memory')) await memory();
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
