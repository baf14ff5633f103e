// The patch-site model: layouts per era and config, the words of each state against GNU as
// (assembled at the same address with '.'-relative targets) and objdump (ADRP pages), the BL
// range and module PLT fallback, CMODX pairs, and the patch-sites CLI on ELF, asm and --function.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BRANCH_RANGES, findCallableAddr, inRange, modulePlt, reachableByBl } from '../server/src/ftrace/branch-range';
import { KERNEL_ERAS, findEra } from '../server/src/ftrace/eras';
import { BTI_C, MOV_X9_LR, NOP, callsiteLayout, callsiteSites, cmodxSafe, configForEra, ftraceCallSite, ftraceGraphCallSite } from '../server/src/ftrace/patch-sites';
import { AS, OBJDUMP, assembleLines, hasTool, objdumpWords } from './support/gnu-oracle';
import { requireOracle } from './support/oracle-gate';
import { repoRoot } from './support/repo';

const hex8 = (w: number) => (w >>> 0).toString(16).padStart(8, '0');
const rel = (off: bigint) => (off < 0n ? `.-0x${(-off).toString(16)}` : `.+0x${off.toString(16)}`);
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'dist/cli.js'), ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28, cwd: repoRoot() });
  return { out: r.stdout, err: r.stderr, code: r.status };
};

test('patch-sites: config per era', () => {
  const c = (e: string) => configForEra(findEra(e)!);
  assert.equal(c('mcount').callsite, 'mcount');
  assert.ok(c('mcount').graphCallSite && c('mcount').ftraceCallSite);
  assert.ok(c('5.5-with-regs').regsCaller && c('5.5-with-regs').graphCallSite);
  assert.ok(c('6.1').regsCaller && !c('6.1').graphCallSite);
  assert.ok(!c('6.2-with-args').regsCaller && c('6.2-with-args').ftraceCallSite);
  assert.ok(c('6.3-call-ops').callOps && !c('6.3-call-ops').ftraceCallSite && !c('6.3-call-ops').directCalls);
  assert.ok(c('6.12').callOps && c('6.12').directCalls);
  for (const e of KERNEL_ERAS) assert.equal(configForEra(e).era, e.name);
  assert.equal(configForEra(findEra('6.12')!, { bti: false }).bti, false);
});

test('patch-sites: callsite layouts (ftrace_call_adjust)', () => {
  const F = 0xffff800080123450n;
  // CALL_OPS: literal at F-8, MOV at F (F+4 after BTI), BL next
  assert.deepEqual(callsiteLayout('patchable-4-2', F - 8n, false), { kind: 'patchable-4-2', record: F - 8n, literal: F - 8n, movSlot: F, blSlot: F + 4n, bti: false });
  assert.deepEqual(callsiteLayout('patchable-4-2', F - 8n, true), { kind: 'patchable-4-2', record: F - 8n, literal: F - 8n, movSlot: F + 4n, blSlot: F + 8n, bti: true });
  assert.match(callsiteLayout('patchable-4-2', F - 4n, false).problem!, /Misaligned/);
  // patchable-2: the record is the first NOP, the BL follows (BTI before the record)
  assert.deepEqual(callsiteLayout('patchable-2', F, false), { kind: 'patchable-2', record: F, movSlot: F, blSlot: F + 4n, bti: false });
  // the trampoline finds the literal from x30 = BL + 4: bic #7, then -16
  for (const bti of [false, true]) {
    const l = callsiteLayout('patchable-4-2', F - 8n, bti);
    assert.equal(((l.blSlot + 4n) & ~7n) - 16n, l.literal);
  }
});

test('patch-sites: CMODX-safe words', () => {
  for (const w of [NOP, 0x94000000, 0x17ffffff, 0xd4202000, 0xd4000001, 0xd4000002, 0xd4000003]) assert.ok(cmodxSafe(w), hex8(w));
  for (const w of [MOV_X9_LR, BTI_C, 0xd503233f, 0x910003c9, 0xd65f03c0, 0xd61f0200]) assert.ok(!cmodxSafe(w), hex8(w));
});

test('patch-sites: branch ranges and the callable address', () => {
  const pc = 0xffff800080000000n;
  assert.ok(reachableByBl(pc, pc + (1n << 27n) - 4n));
  assert.ok(!reachableByBl(pc, pc + (1n << 27n)));
  assert.ok(reachableByBl(pc, pc - (1n << 27n)));
  assert.ok(!reachableByBl(pc, pc - (1n << 27n) - 4n));
  assert.ok(inRange(pc, pc + (1n << 20n) - 4n, 'b.cond') && !inRange(pc, pc + (1n << 20n), 'cbz'));
  assert.ok(inRange(pc, pc - (1n << 15n), 'tbz') && !inRange(pc, pc + (1n << 15n), 'tbnz'));
  assert.ok(inRange(pc, pc + (1n << 32n) - 4096n, 'adrp') && !inRange(pc, pc + (1n << 32n), 'adrp'));
  assert.equal(BRANCH_RANGES.bl, 1n << 27n);
  const caller = pc;
  const far = pc - (300n << 20n);
  // a direct trampoline out of range falls back to ftrace_caller (DIRECT_CALLS)
  assert.equal(findCallableAddr(pc + 0x1000n, far, { directCalls: true, ftraceCaller: caller }).via, 'ftrace_caller');
  // a module far from the kernel goes through its PLT; no PLT is ftrace's pr_err
  const site = far + 0x1004n;
  const viaPlt = findCallableAddr(site, caller, { pltAddress: far + 0x20000n });
  assert.equal(viaPlt.via, 'plt');
  assert.ok(viaPlt.inRange);
  assert.match(findCallableAddr(site, caller, {}).problem!, /no module PLT/);
  // .init.text placed far from its PLT: the BL itself would be AARCH64_BREAK_FAULT (a7ed7b9d0ebb)
  assert.match(findCallableAddr(site, caller, { pltAddress: site + (200n << 20n) }).problem!, /out of BL range/);
});

test('patch-sites: module PLT words against objdump at the PLT address', (t) => {
  if (!requireOracle(t, hasTool(OBJDUMP), 'GNU objdump for aarch64')) return;
  const cases: [bigint, bigint][] = [
    [0xffff800070001000n, 0xffff800080038000n],
    [0xffff800070ffeff4n, 0xffff800081234567n & ~3n],
    [0xffff80007ffff000n, 0xffff80007000000cn],
  ];
  for (const [at, target] of cases) {
    const p = modulePlt(at, target);
    const texts = objdumpWords(p.words, at);
    assert.deepEqual(texts, [`adrp x16, 0x${(target & ~0xfffn).toString(16)}`, `add x16, x16, #0x${(target & 0xfffn).toString(16)}`, 'br x16']);
    assert.deepEqual([...p.texts], texts);
  }
  assert.ok(modulePlt(0xffff800070000ff8n, 0xffff800080038000n).erratum843419);
  assert.match(modulePlt(0xffff800070000000n, 0xffff800070000000n + (8n << 30n)).fault!, /page offset/);
  // 2^64 - 128 TiB away: gen_adr truncates the page distance to s32, which lands in range
  assert.match(modulePlt(0xffff800070000000n, 0x1000n).silent!, /truncated to s32/);
});

test('patch-sites: callsite words of every era and config equal GNU as at the same addresses', (t) => {
  if (!requireOracle(t, hasTool(AS), 'GNU as for aarch64')) return;
  const lines: string[] = [];
  const ours: number[] = [];
  const what: string[] = [];
  const caller = 0xffff800080038000n;
  const regs = 0xffff800080038100n;
  const functions = [0xffff800080400000n, 0xffff800080038000n - 0x7fff000n, caller + 0x7ff0000n, 0xffff800088038000n - 8n, 0xffff80007c123458n];
  for (const era of KERNEL_ERAS) {
    for (const bti of [false, true]) {
      const cfg = configForEra(era, { bti });
      if (cfg.callsite === 'mcount') continue;
      for (const F of functions) {
        const record = cfg.callsite === 'patchable-4-2' ? F - 8n : bti ? F + 4n : F;
        const sites = callsiteSites(callsiteLayout(cfg.callsite, record, bti), cfg, { ftraceCaller: caller, ftraceRegsCaller: regs, directTrampoline: caller + 0x5000n });
        for (const s of sites) {
          for (const st of s.states) {
            if (typeof st.word !== 'number') continue;
            let asm: string;
            if (st.word === NOP) asm = 'nop';
            else if (st.word === MOV_X9_LR) asm = 'mov x9, x30';
            else {
              const direct = caller + 0x5000n;
              const target = st.name === 'enabled-regs' ? regs : st.name === 'enabled-direct' && reachableByBl(s.address, direct) ? direct : caller;
              asm = `bl ${rel(target - s.address)}`;
            }
            lines.push(asm);
            ours.push(st.word);
            what.push(`${era.name}${bti ? '+bti' : ''} F=0x${F.toString(16)} ${s.kind} ${st.name}`);
          }
        }
      }
    }
  }
  const asm = assembleLines(lines);
  const bad = asm.flatMap((a, i) => ('error' in a ? [`${what[i]}: '${lines[i]}': ${a.error}`] : a.word !== ours[i] ? [`${what[i]}: as ${hex8(a.word)} '${lines[i]}', ours ${hex8(ours[i])}`] : []));
  assert.equal(bad.length, 0, bad.slice(0, 20).join('\n'));
  assert.ok(lines.length > 200, `${lines.length} words`);
});

test('patch-sites: the states, writers and validation of each site', () => {
  const cfg = configForEra(findEra('6.12')!, { bti: false });
  const F = 0xffff800080400000n;
  const sites = callsiteSites(callsiteLayout('patchable-4-2', F - 8n, false), cfg, { ftraceCaller: 0xffff800080038000n, ftraceNopOps: 0xffff800082a4c000n, ftraceListOps: 0xffff800082a4c100n, ops: 0xffff800082a4c100n });
  assert.deepEqual(sites.map((s) => s.kind), ['ops-literal', 'lr-save', 'call']);
  const [lit, mov, call] = sites;
  assert.equal(lit.address, F - 8n);
  assert.deepEqual(lit.states.map((s) => [s.name, s.word]), [['compiled', 0xd503201fd503201fn], ['init', 0xffff800082a4c000n], ['enabled', 0xffff800082a4c100n], ['disabled', 0xffff800082a4c000n]]);
  assert.deepEqual(mov.states.map((s) => [s.name, s.writer, s.validated, s.cmodx]), [['compiled', 'compiler', null, undefined], ['init', 'ftrace_init_nop', true, 'init-only']]);
  assert.deepEqual(call.states.map((s) => [s.name, s.writer, s.validated, s.cmodx]), [
    ['compiled', 'compiler', null, undefined], ['init', 'ftrace_init_nop', null, 'safe'], ['enabled', 'ftrace_make_call', true, 'safe'],
    ['enabled-direct', 'ftrace_modify_call', true, undefined], ['disabled', 'ftrace_make_nop', true, 'safe'],
  ]);
  // mcount: the BL after the prologue; modules are patched to NOP without validation at load
  const m = callsiteSites(callsiteLayout('mcount', F + 12n, false), configForEra(findEra('mcount')!), { ftraceCaller: 0xffff800080038000n, mcount: 0xffff800080037ff8n }, { module: true });
  assert.deepEqual(m[0].states.map((s) => [s.name, s.validated]), [['compiled', null], ['init', false], ['enabled', true], ['disabled', true]]);
  // ftrace_call: written blind; ftrace_graph_call: NOP ⇄ B, validated
  const fc = ftraceCallSite(0xffff8000800380b0n, configForEra(findEra('5.5-with-regs')!), { ftraceStub: 0xffff8000800380f8n, tracer: 0xffff800080200000n });
  assert.deepEqual(fc.states.map((s) => [s.name, s.writer, s.validated]), [['compiled', 'compiler', null], ['enabled', 'ftrace_update_ftrace_func', false]]);
  const gc = ftraceGraphCallSite(0xffff8000800380b4n, configForEra(findEra('mcount')!), { ftraceGraphCaller: 0xffff8000800380e0n });
  assert.equal(hex8(gc.states[1].word as number), '1400000b');
  assert.equal(gc.states[1].text, 'b 0xffff8000800380e0');
});

test('patch-sites CLI: --function with a System.map; JSON shape', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-'));
  try {
    const map = join(dir, 'System.map');
    writeFileSync(map, ['ffff800080038000 T ftrace_caller', 'ffff800080400000 T vfs_read', 'ffff800082a4c000 D ftrace_nop_ops', 'ffff800082a4c100 D ftrace_list_ops', ''].join('\n'));
    const r = cli(['patch-sites', '--function', 'vfs_read', '--system-map', map, '--era', '6.12', '--no-bti']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(Object.keys(j.sites[0]).slice(0, 8), ['file', 'line', 'symbol', 'kind', 'address', 'states', 'inRange', 'plt']);
    assert.deepEqual(Object.keys(j.sites[0].states[0]).slice(0, 5), ['name', 'word', 'text', 'writer', 'validated']);
    assert.deepEqual(j.sites.map((s: { kind: string; address: string }) => [s.kind, s.address]), [['ops-literal', '0xffff8000803ffff8'], ['lr-save', '0xffff800080400000'], ['call', '0xffff800080400004']]);
    const call = j.sites[2];
    assert.equal(call.states.find((s: { name: string }) => s.name === 'enabled').word, '97f0dfff');
    assert.equal(call.inRange, true);
    assert.equal(j.addresses.example, false);
    // with BTI (the era's config): bti c at F, the MOV and the BL one word later
    const b = JSON.parse(cli(['patch-sites', '--function', 'vfs_read', '--system-map', map, '--era', '6.12', '--bti']).out);
    assert.deepEqual(b.sites.map((s: { address: string }) => s.address), ['0xffff8000803ffff8', '0xffff800080400004', '0xffff800080400008']);
    // 200 MiB away: out of BL range, through the PLT given on the command line
    const far = cli(['patch-sites', '--function', '0xffff800073800000', '--ftrace-caller', '0xffff800080038000', '--plt', '0xffff800073900000', '--era', '6.12']);
    const fj = JSON.parse(far.out);
    const fc = fj.sites[2];
    assert.equal(fc.plt.address, '0xffff800073900000');
    assert.deepEqual(fc.plt.texts, ['adrp x16, 0xffff800080038000', 'add x16, x16, #0x0', 'br x16']);
    assert.equal(fc.states.find((s: { name: string }) => s.name === 'enabled').text, 'bl 0xffff800073900000');
    // P5: what the tracer receives
    assert.equal(fc.ip, fc.address);
    assert.match(fc.parentIp, /x9/);
    // without --plt an example PLT 2 MiB after the function shows the three words
    const ex = JSON.parse(cli(['patch-sites', '--function', '0xffff800073800000', '--ftrace-caller', '0xffff800080038000', '--era', '6.12']).out).sites[2];
    assert.equal(ex.pltExample, true);
    assert.equal(ex.plt.address, '0xffff800073a00000');
    // usage errors
    assert.equal(cli(['patch-sites']).code, 2);
    assert.equal(cli(['patch-sites', '--function', 'nosuch']).code, 2);
    assert.equal(cli(['patch-sites', '--era', 'v9.9', '--function', '0x1000']).code, 2);
    assert.match(cli(['patch-sites', '--help']).out, /patch-sites FILE/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('patch-sites CLI: asm input — ftrace_call and ftrace_graph_call of the era fixtures, words equal GNU as', (t) => {
  if (!requireOracle(t, hasTool(AS), 'GNU as for aarch64')) return;
  const base = 0xffff800080010000n;
  const runFixture = (file: string, era: string) => {
    const r = cli(['patch-sites', join('test-fixtures/kernel', file), '--era', era, '--load-address', '0x' + base.toString(16)]);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out);
  };
  const lines: string[] = [];
  const ours: string[] = [];
  const regs = runFixture('entry-ftrace-5.5-with-regs.S', '5.5-with-regs');
  assert.deepEqual(regs.sites.map((s: { symbol: string }) => s.symbol), ['ftrace_call', 'ftrace_graph_call']);
  const [call, graph] = regs.sites;
  assert.equal(call.current.reloc, 'R_AARCH64_CALL26 ftrace_stub');
  assert.equal(call.states[0].writer, 'compiler');
  assert.equal(call.states[1].validated, false);
  // b ftrace_graph_caller from the label's real address
  const graphCaller = BigInt(regs.sites[1].states[1].text.split(' ')[1]);
  lines.push(`b ${rel(graphCaller - BigInt(graph.address))}`);
  ours.push(graph.states[1].word);
  const stub = BigInt(call.current.text.split(' ')[1]);
  lines.push(`bl ${rel(stub - BigInt(call.address))}`);
  ours.push(call.current.word);
  const mc = runFixture('entry-ftrace-mcount.S', 'mcount');
  assert.ok(mc.sites.some((s: { symbol: string }) => s.symbol === 'ftrace_graph_call'));
  for (const s of mc.sites) assert.equal(s.current.text, 'nop', `${s.symbol} is a NOP in the mcount era`);
  const six = runFixture('entry-ftrace-6.1.S', '6.1');
  assert.deepEqual(six.sites.map((s: { symbol: string }) => s.symbol), ['ftrace_call']);
  const asm = assembleLines(lines);
  asm.forEach((a, i) => assert.ok(!('error' in a) && hex8(a.word) === ours[i], `${lines[i]}: ${JSON.stringify(a)} vs ${ours[i]}`));
  // the line points at the label
  assert.equal(graph.line, 93);
});

test('patch-sites CLI: annotated labels in a .S file', (t) => {
  if (!requireOracle(t, hasTool(AS), 'GNU as for aarch64')) return;
  const dir = mkdtempSync(join(tmpdir(), 'ps-'));
  try {
    const f = join(dir, 'site.S');
    writeFileSync(f, ['\t.text', 'target:', '\tret', '\t.space 0x1000', '\t// aarch64-ftrace: patch-site b target', 'my_site:', '\tnop', '\tret', ''].join('\n'));
    const r = cli(['patch-sites', f, '--load-address', '0x40000000']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.sites.length, 1);
    const s = j.sites[0];
    assert.equal(s.symbol, 'my_site');
    assert.equal(s.kind, 'annotated');
    assert.equal(s.address, '0x40001004');
    assert.equal(s.line, 6);
    const [a] = assembleLines([`b ${rel(0x40000000n - 0x40001004n)}`]);
    assert.ok(!('error' in a));
    assert.equal(s.states[1].word, hex8(a.word));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('patch-sites CLI: ELF input streams JSON; hostile files are errors, not crashes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-'));
  try {
    const junk = join(dir, 'junk.ko');
    writeFileSync(junk, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(100, 0xff)]));
    const r = cli(['patch-sites', junk]);
    assert.equal(r.code, 1);
    assert.match(r.err, /junk\.ko/);
    assert.equal(cli(['patch-sites', join(dir, 'missing.o')]).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
