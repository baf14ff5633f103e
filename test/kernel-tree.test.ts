// The product on real kernel trees: Debian's linux-source-6.12 (WITH_ARGS + CALL_OPS + direct
// calls) and linux-source-6.1 (WITH_REGS), configured with Debian's arm64 config and prepared by
// scripts/kernel-tree-setup.mjs (npm test's setup), read from .oracle-cache/ at run time.
//  a. every arm64 .S object kbuild built there, assembled by us through the driver with kbuild's
//     own -I/-D/-include (from its .o.cmd): every section's bytes, every relocation and every
//     symbol equal to kbuild's object;
//  b. `check` of the real entry-ftrace.S: no error or warning;
//  c. its patch sites: ftrace_call (and ftrace_graph_call where the config has it) with the words
//     GNU as assembles at the same addresses;
//  d. `check` of the real C files of the area: no diagnostic but the reviewed ones listed below.
// Skipped without the trees unless CI=true (then a missing tree fails, as other oracles do).
import { diskHost } from '../server/src/disk-host';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, TestContext } from 'node:test';
import { Driver, type DocumentAnalysis } from '../server/src/driver';
import { normalizeSettings, type Settings } from '../server/src/settings';
import { listAsmPatchSites } from '../server/src/ftrace/asm-sites';
import { assembleLines } from './support/gnu-oracle';
import { compareWithGnu, hasToolchain, readGnuObject } from './support/gnu-toolchain';
import { compareSymbols, frontEndFlags, KbuildObject, kernelTree, KERNEL_TREE_VERSIONS, KernelTree, readGnuSymbols } from './support/kernel-tree';
import { requireOracle } from './support/oracle-gate';

const fsHost = diskHost;

function treeOrSkip(t: TestContext, version: string): KernelTree | undefined {
  const tree = kernelTree(version);
  if (!requireOracle(t, tree !== undefined, `the prepared linux-source-${version} tree (.oracle-cache/kernel-tree/${version})`)) return undefined;
  if (!requireOracle(t, hasToolchain(), 'aarch64-linux-gnu binutils')) return undefined;
  return tree;
}

/** The settings kbuild's command line for one object means: its -I, -D and -fmacro-prefix-map in order, the tree's .config and build dir. */
function kbuildSettings(tree: KernelTree, o: KbuildObject): Settings {
  const f = frontEndFlags(o);
  const flag = '-fmacro-prefix-map=';
  return normalizeSettings({
    includePaths: f.includeDirs,
    includeFiles: f.forcedIncludes,
    defines: [...f.defines].map(([k, v]) => `${k}=${v}`),
    macroPrefixMap: o.argv.filter((w) => w.startsWith(flag)).map((w) => w.slice(flag.length)),
    kconfig: join(tree.build, '.config'),
    buildDir: tree.build,
    era: tree.version,
    c: { activationPattern: '**' },
  });
}

function analyze(driver: Driver, file: string, settings: Settings, languageId?: string): DocumentAnalysis {
  const a = driver.analyze({ uri: pathToFileURL(file).href, version: 0, text: readFileSync(file, 'utf8'), ...(languageId ? { languageId } : {}) }, settings);
  assert.deepEqual(a.failures ?? [], [], `${file}: a core threw`);
  return a;
}

const where = (a: DocumentAnalysis, d: DocumentAnalysis['diagnostics'][number]) =>
  `${d.origin.loc.file === a.file ? '' : d.origin.loc.file + ':'}${d.origin.loc.line + 1}:${d.origin.loc.startCol + 1}: ${d.level} ${d.code}: ${d.message}`;

/**
 * Objects we do not yet assemble as kbuild does, each with the reason (reviewed) and the trees it
 * holds for (all when `versions` is absent). The test fails when one of them becomes identical
 * (then it leaves this list) or when any other object differs.
 */
const KNOWN_DIFFERENT: Record<string, { readonly reason: string; readonly versions?: readonly string[] }> = {
  // (none: every object kbuild builds on both trees is identical)
};

for (const version of KERNEL_TREE_VERSIONS) {
  test(`linux-source-${version}: kbuild's arm64 objects, byte for byte, relocation for relocation, symbol for symbol`, (t) => {
    const tree = treeOrSkip(t, version);
    if (!tree) return;
    const known = (object: string) => {
      const k = KNOWN_DIFFERENT[object];
      return k && (!k.versions || k.versions.includes(version)) ? k.reason : undefined;
    };
    assert.ok(tree.objects.some((o) => o.object === 'arch/arm64/kernel/entry-ftrace.o'), 'kbuild built entry-ftrace.o');
    const driver = new Driver({ host: fsHost, roots: [tree.src] });
    const failures: string[] = [];
    const totals = { objects: 0, bytes: 0, relocs: 0, symbols: 0 };
    for (const o of tree.objects) {
      const a = analyze(driver, o.source, kbuildSettings(tree, o), 'aarch64-asm');
      assert.ok(a.assembly, `${o.object}: not assembled`);
      // the front end's errors (the ABI checker's findings on boot and library code are not this test's subject)
      const errors = a.diagnostics.filter((d) => d.level === 'error' && /^(asm|cpp)\//.test(d.code)).map((d) => where(a, d));
      const gnuObj = join(tree.build, o.object);
      const c = compareWithGnu(a.assembly, readGnuObject(gnuObj));
      const s = compareSymbols(a.assembly, readGnuSymbols(gnuObj));
      const diffs = [...errors, ...c.differences.map((d) => `${d.section}+0x${d.offset.toString(16)}: ${d.what}`), ...s.differences];
      const reason = known(o.object);
      if (reason) {
        if (diffs.length === 0) failures.push(`${o.object} is identical now: take it out of the known differences`);
        else t.diagnostic(`${o.object}: known difference (${reason}): ${diffs.length} differences, first: ${diffs[0]}`);
        continue;
      }
      if (diffs.length) failures.push(`${o.object}:\n  ${diffs.slice(0, 30).join('\n  ')}${diffs.length > 30 ? `\n  … ${diffs.length - 30} more` : ''}`);
      else t.diagnostic(`${o.object}: ${c.bytes} bytes, ${c.relocs} relocations, ${s.symbols} symbols identical`);
      totals.objects++;
      totals.bytes += c.bytes;
      totals.relocs += c.relocs;
      totals.symbols += s.symbols;
    }
    t.diagnostic(`${totals.objects} of ${tree.objects.length} objects identical: ${totals.bytes} bytes, ${totals.relocs} relocations, ${totals.symbols} symbols; not built by kbuild here: ${tree.failed.join(' ') || 'none'}`);
    assert.deepEqual(failures, []);
  });
}

/** The settings a maintainer gives the editor for a tree: its source root, build dir and era. */
function treeSettings(tree: KernelTree): Settings {
  return normalizeSettings({ kernelSourceRoot: tree.src, buildDir: tree.build, era: tree.version, c: { activationPattern: '**' } });
}

for (const version of KERNEL_TREE_VERSIONS) {
  test(`linux-source-${version}: check of the real entry-ftrace.S finds nothing`, (t) => {
    const tree = treeOrSkip(t, version);
    if (!tree) return;
    const a = analyze(new Driver({ host: fsHost, roots: [tree.src] }), join(tree.src, 'arch/arm64/kernel/entry-ftrace.S'), treeSettings(tree));
    assert.deepEqual(a.env.problems, []);
    assert.equal(a.env.configSource, join(tree.build, '.config'));
    assert.ok((a.abi?.entries.length ?? 0) > 0, 'the ABI checker found the trampolines');
    // zero findings mean something only when every entry was checked to its end
    assert.deepEqual(a.abi!.entries.filter((e) => e.gaveUp || e.unresolvedAt !== undefined).map((e) => e.symbol), [], 'entries not checked');
    assert.deepEqual(a.diagnostics.filter((d) => d.level === 'error' || d.level === 'warning').map((d) => where(a, d)), []);
    t.diagnostic(`${a.abi!.entries.length} entries checked: ${a.abi!.entries.map((e) => `${e.symbol} (${e.contract})`).join(', ')}`);
  });
}

/** `b`/`bl` to an absolute address, as GNU as assembles it at `address` (`.` relative); other texts as they are. */
function atAddress(text: string, address: bigint): string {
  const m = /^(b|bl)\s+0x([0-9a-f]+)$/.exec(text);
  if (!m) return text;
  const d = BigInt('0x' + m[2]) - address;
  return `${m[1]} .${d < 0n ? '-' : '+'}${d < 0n ? -d : d}`;
}

// WITH_REGS (6.1) patches ftrace_call; with CALL_OPS (Debian's 6.12) the callback is called through
// the ops and ftrace_call does not exist; neither config has ftrace_graph_call (graph tracing goes
// through ftrace_graph_func there; the site exists only in the mcount branch).
const EXPECTED_SITES: Record<string, string[]> = { '6.12': [], '6.1': ['ftrace_call'] };

for (const version of KERNEL_TREE_VERSIONS) {
  test(`linux-source-${version}: patch sites of the real entry-ftrace.S, words as GNU as assembles them`, (t) => {
    const tree = treeOrSkip(t, version);
    if (!tree) return;
    const file = join(tree.src, 'arch/arm64/kernel/entry-ftrace.S');
    const a = analyze(new Driver({ host: fsHost, roots: [tree.src] }), file, treeSettings(tree));
    assert.deepEqual((a.patchSites ?? []).map((s) => s.label), EXPECTED_SITES[version]);
    // at the addresses of kbuild's object
    const gnuSyms = new Map(readGnuSymbols(join(tree.build, 'arch/arm64/kernel/entry-ftrace.o')).map((s) => [s.name, s]));
    // and with a tracer address, as `patch-sites --load-address … --tracer …` gives them
    const load = 0xffff800080010000n;
    const { sites } = listAsmPatchSites(a.assembly!, { config: a.env.patchConfig, text: readFileSync(file, 'utf8'), file, loadAddress: load, addresses: { tracer: load + 0x123458n } });
    const lines: string[] = [];
    const ours: number[] = [];
    for (const s of sites) {
      const g = gnuSyms.get(s.label);
      assert.ok(g, `${s.label} in kbuild's symbol table`);
      assert.equal(`${s.section}+0x${s.offset.toString(16)}`, `${g.section}+0x${g.value.toString(16)}`, `${s.label}: place`);
      for (const st of s.states) {
        // (a 64-bit word is a CALL_OPS literal, not an instruction)
        if (st.word === null || typeof st.word === 'bigint') continue;
        lines.push(atAddress(st.text, s.address));
        ours.push(st.word);
      }
    }
    assert.equal(lines.length > 0, EXPECTED_SITES[version].length > 0, 'words to compare');
    const gnu = assembleLines(lines);
    assert.deepEqual(ours.map((w, i) => `${lines[i]}: ${(w >>> 0).toString(16)}`), gnu.map((r, i) => `${lines[i]}: ${'word' in r ? (r.word >>> 0).toString(16) : r.error}`));
    t.diagnostic(`${sites.length} sites, ${lines.length} words identical to GNU as: ${lines.join('; ')}`);
  });
}

const C_FILES = [
  'arch/arm64/kernel/ftrace.c', 'arch/arm64/kernel/patching.c', 'arch/arm64/kernel/module-plts.c', 'arch/arm64/kernel/module.c',
  'arch/arm64/lib/insn.c', 'arch/arm64/net/bpf_jit_comp.c', 'arch/arm64/kernel/alternative.c', 'arch/arm64/kernel/jump_label.c',
  'arch/arm64/kernel/probes/kprobes.c', 'arch/arm64/kernel/probes/decode-insn.c', 'arch/arm64/kernel/probes/simulate-insn.c',
  'arch/arm64/kernel/probes/uprobes.c', 'arch/arm64/kernel/proton-pack.c', 'arch/arm64/kernel/cpufeature.c', 'arch/arm64/kvm/va_layout.c',
];

/** Reviewed diagnostics on the real C files: `file: code: message start` → why it stands. */
const REVIEWED_C: Record<string, string> = {
  // (aarch64_insn_gen_dsb, backported to 6.1.y and 6.12.y, is no longer reported: the tree's asm/insn.h decides presence)
};

for (const version of KERNEL_TREE_VERSIONS) {
  test(`linux-source-${version}: check of the real C files of the area finds nothing but the reviewed`, (t) => {
    const tree = treeOrSkip(t, version);
    if (!tree) return;
    const driver = new Driver({ host: fsHost, roots: [tree.src] });
    const unexpected: string[] = [];
    let reviewed = 0;
    for (const f of C_FILES) {
      const a = analyze(driver, join(tree.src, f), treeSettings(tree));
      assert.ok(a.active, `${f} is checked`);
      for (const d of a.diagnostics) {
        const key = Object.keys(REVIEWED_C).find((k) => `${f}: ${d.code}: ${d.message}`.startsWith(k));
        if (key) reviewed++;
        else unexpected.push(`${f}:${where(a, d)}`);
      }
    }
    assert.deepEqual(unexpected, []);
    t.diagnostic(`${C_FILES.length} files checked; ${reviewed} reviewed diagnostics (${Object.values(REVIEWED_C).join('; ')})`);
  });
}
