// ELF patch-site listing against GNU objdump: a real Debian 6.12 module (ext4.ko from the
// package scripts/test-setup.mjs downloads), objects and a vmlinux-sized relocatable image built
// here with GNU as and ld, and hostile files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ElfError, ElfFile } from '../server/src/ftrace/elf';
import { listElfPatchSites, parseSystemMap } from '../server/src/ftrace/elf-sites';
import { AS, OBJDUMP, assembleLines, hasTool } from './support/gnu-oracle';
import { requireOracle } from './support/oracle-gate';
import { repoRoot } from './support/repo';

const LD = process.env.AARCH64_LD ?? 'aarch64-linux-gnu-ld';
const EXT4 = join(repoRoot(), '.oracle-cache/kernel/modules/fs__ext4__ext4.ko');
const hex8 = (w: number) => (w >>> 0).toString(16).padStart(8, '0');

function objdump(args: string[], file: string): string {
  const r = spawnSync(OBJDUMP, [...args, file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${OBJDUMP} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** objdump -r/-R: OFFSET TYPE VALUE records of a section (or the dynamic ones). */
function relocs(text: string): { offset: bigint; type: string; value: string }[] {
  const out: { offset: bigint; type: string; value: string }[] = [];
  for (const l of text.split('\n')) {
    const m = /^([0-9a-f]{16})\s+(R_AARCH64_\w+)\s+(\S+)$/.exec(l.trim());
    if (m) out.push({ offset: BigInt('0x' + m[1]), type: m[2], value: m[3] });
  }
  return out;
}

/** objdump -d -z: section → address → word. */
function words(text: string): Map<string, Map<bigint, number>> {
  const out = new Map<string, Map<bigint, number>>();
  let cur: Map<bigint, number> | undefined;
  for (const l of text.split('\n')) {
    const s = /^Disassembly of section (\S+):$/.exec(l);
    if (s) {
      out.set(s[1], (cur = new Map()));
      continue;
    }
    const m = /^\s*([0-9a-f]+):\t([0-9a-f]{8}) /.exec(l);
    if (m && cur) cur.set(BigInt('0x' + m[1]), parseInt(m[2], 16));
  }
  return out;
}

/** objdump -t: function symbols by section and value. */
function funcSymbols(text: string): Map<string, Map<bigint, string[]>> {
  const out = new Map<string, Map<bigint, string[]>>();
  for (const l of text.split('\n')) {
    const m = /^([0-9a-f]{16}) (.{7}) (\S+)\t[0-9a-f]+ (\S+)$/.exec(l);
    if (!m || m[2][6] !== 'F') continue;
    let s = out.get(m[3]);
    if (!s) out.set(m[3], (s = new Map()));
    const v = BigInt('0x' + m[1]);
    s.set(v, [...(s.get(v) ?? []), m[4]]);
  }
  return out;
}

test('elf: ext4.ko of Debian 6.12 against objdump (records, sections, functions, words on disk)', (t) => {
  if (!requireOracle(t, existsSync(EXT4) && hasTool(OBJDUMP), `${EXT4} (scripts/test-setup.mjs) and GNU objdump`)) return;
  const elf = new ElfFile(readFileSync(EXT4));
  const r = listElfPatchSites(elf, {});
  const rel = relocs(objdump(['-r', '-j', '__patchable_function_entries'], EXT4));
  assert.ok(rel.length > 900, `${rel.length} records`);
  assert.equal(r.records.length, rel.length);
  assert.equal(r.source, '__patchable_function_entries');
  assert.equal(r.config.era, '6.12');
  assert.equal(r.config.callsite, 'patchable-4-2');
  const w = words(objdump(['-d', '-z'], EXT4));
  const f = funcSymbols(objdump(['-t'], EXT4));
  const bad: string[] = [];
  r.records.forEach((rec, i) => {
    const o = rel[i];
    assert.equal(o.type, 'R_AARCH64_ABS64');
    const m = /^([^+]+)(?:\+0x([0-9a-f]+))?$/.exec(o.value)!;
    const off = m[2] ? BigInt('0x' + m[2]) : 0n;
    if (rec.section !== m[1] || BigInt(rec.offset) !== off) bad.push(`record ${i}: ours ${rec.section}+0x${rec.offset.toString(16)}, objdump ${o.value}`);
    // CALL_OPS: the function starts 8 bytes after the record
    const names = f.get(rec.section)?.get(off + 8n) ?? [];
    if (!rec.symbol || !names.includes(rec.symbol)) bad.push(`record ${i}: function ${rec.symbol}, objdump has ${names.join('/') || 'none'} at ${m[1]}+0x${(off + 8n).toString(16)}`);
    const sec = w.get(rec.section)!;
    const base = rec.record - BigInt(rec.offset);
    for (const s of rec.sites) {
      const at = s.address - base;
      if (s.kind === 'ops-literal') {
        const lo = sec.get(at), hi = sec.get(at + 4n);
        const v = ((BigInt(hi ?? 0) << 32n) | BigInt(lo ?? 0)).toString(16);
        if (lo === undefined || typeof s.current.word !== 'bigint' || s.current.word.toString(16) !== v) bad.push(`record ${i}: literal ${String(s.current.word)}, objdump ${v}`);
      } else if (sec.get(at) !== s.current.word) bad.push(`record ${i} ${s.kind}: ours ${String(s.current.word)}, objdump ${sec.get(at)}`);
    }
    assert.deepEqual(rec.sites.map((s) => s.kind), ['ops-literal', 'lr-save', 'call']);
  });
  assert.equal(bad.length, 0, bad.slice(0, 20).join('\n'));
  // every site holds NOPs on disk (the MOV and BL exist only in a running kernel)
  assert.ok(r.records.every((x) => x.sites.every((s) => s.current.text === 'nop' || s.current.text === 'nop; nop')));
  // .init.text records use the module's .init.text.ftrace_trampoline for far calls
  assert.ok(r.records.some((x) => x.section === '.init.text'));
});

test('elf: ext4.ko enabled words equal GNU as for bl to ftrace_caller at the layout addresses', (t) => {
  if (!requireOracle(t, existsSync(EXT4) && hasTool(AS), `${EXT4} and GNU as`)) return;
  const elf = new ElfFile(readFileSync(EXT4));
  const ftraceCaller = 0xffff800080038000n;
  for (const loadAddress of [0xffff80007c000000n, 0xffff800070000000n]) {
    const r = listElfPatchSites(elf, { kernel: parseSystemMap(`${ftraceCaller.toString(16)} T ftrace_caller\n`), loadAddress });
    const calls = r.records.flatMap((x) => x.sites.filter((s) => s.kind === 'call'));
    const enabled = calls.map((s) => s.states.find((x) => x.name === 'enabled')!);
    const lines: string[] = [];
    const ours: number[] = [];
    calls.forEach((s, i) => {
      const target = s.plt ? s.plt.address : ftraceCaller;
      const off = target - s.address;
      lines.push(`bl ${off < 0n ? '.-0x' + (-off).toString(16) : '.+0x' + off.toString(16)}`);
      ours.push(enabled[i].word as number);
    });
    const asm = assembleLines(lines);
    const bad = asm.flatMap((a, i) => ('error' in a ? [`${lines[i]}: ${a.error}`] : a.word !== ours[i] ? [`${lines[i]}: as ${hex8(a.word)}, ours ${hex8(ours[i])}`] : []));
    assert.equal(bad.length, 0, bad.slice(0, 10).join('\n'));
    if (loadAddress === 0xffff800070000000n) {
      // 256 MiB below the kernel: out of BL range, every call goes through the module PLT
      assert.ok(calls.every((s) => s.plt !== null && s.inRange === true));
      const plt = calls[0].plt!;
      assert.equal(plt.target, ftraceCaller);
      assert.deepEqual(plt.texts.slice(1), ['add x16, x16, #0x0', 'br x16']);
    } else assert.ok(calls.every((s) => s.plt === null && s.inRange === true));
  }
});

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'ftrace-elf-'));
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

/** A .S with N functions in one of the callsite layouts and their record section. */
function synthetic(n: number, kind: 'call-ops' | 'call-ops-bti' | 'patchable-2' | 'patchable-2-bti' | 'mcount'): string {
  const out = ['\t.text', '\t.globl ftrace_caller', '\t.type ftrace_caller, %function', 'ftrace_caller:', '\thint #34', '\tret', '\t.size ftrace_caller, .-ftrace_caller'];
  for (let i = 0; i < n; i++) {
    const fn = [`\t.globl f${i}`, `\t.type f${i}, %function`, `f${i}:`];
    out.push('\t.text', '\t.balign 8');
    if (kind.startsWith('call-ops')) {
      out.push(`.Lpfe${i}:`, '\tnop', '\tnop', ...fn);
      if (kind === 'call-ops-bti') out.push('\thint #34');
      out.push('\tnop', '\tnop', '\thint #25', '\tret');
    } else if (kind.startsWith('patchable-2')) {
      out.push(...fn);
      if (kind === 'patchable-2-bti') out.push('\thint #34');
      out.push(`.Lpfe${i}:`, '\tnop', '\tnop', '\thint #25', '\tret');
    } else {
      out.push(...fn, '\tstp x29, x30, [sp, #-16]!', '\tmov x29, sp', '\tmov x0, x30', `.Lpfe${i}:`, '\tbl _mcount', '\tldp x29, x30, [sp], #16', '\tret');
    }
    out.push(`\t.size f${i}, .-f${i}`, `\t.section ${kind === 'mcount' ? '__mcount_loc' : '__patchable_function_entries'},"aw"`, `\t.8byte .Lpfe${i}`);
  }
  return out.join('\n') + '\n';
}

for (const kind of ['call-ops', 'call-ops-bti', 'patchable-2', 'patchable-2-bti', 'mcount'] as const) {
  test(`elf: a relocatable object with ${kind} callsites`, (t) => {
    if (!requireOracle(t, hasTool(AS) && hasTool(OBJDUMP), 'GNU as/objdump for aarch64')) return;
    const dir = tmp();
    try {
      writeFileSync(join(dir, 'f.s'), synthetic(20, kind));
      run(AS, ['-o', join(dir, 'f.o'), join(dir, 'f.s')]);
      const r = listElfPatchSites(new ElfFile(readFileSync(join(dir, 'f.o'))));
      assert.equal(r.records.length, 20);
      const expectKind = kind.startsWith('call-ops') ? 'patchable-4-2' : kind.startsWith('patchable-2') ? 'patchable-2' : 'mcount';
      const bti = kind.endsWith('bti');
      const syms = funcSymbols(objdump(['-t'], join(dir, 'f.o'))).get('.text')!;
      const w = words(objdump(['-d', '-z'], join(dir, 'f.o'))).get('.text')!;
      r.records.forEach((rec, i) => {
        assert.equal(rec.kind, expectKind);
        assert.equal(rec.layout.bti, bti, `record ${i}`);
        assert.equal(rec.symbol, `f${i}`);
        const fOff = [...syms.entries()].find(([, n]) => n.includes(`f${i}`))![0];
        const base = rec.record - BigInt(rec.offset);
        const call = rec.sites.find((s) => s.kind === 'call' || s.kind === 'mcount-call')!;
        // the BL slot: F+4 (CALL_OPS), F+8 (CALL_OPS+BTI), F+4 or F+8 (patchable-2), the bl for mcount
        const want = expectKind === 'patchable-4-2' ? fOff + (bti ? 8n : 4n) : expectKind === 'patchable-2' ? fOff + (bti ? 8n : 4n) : fOff + 12n;
        assert.equal(call.address - base, want, `record ${i} BL slot`);
        assert.equal(call.current.word, w.get(want));
        if (expectKind === 'mcount') {
          // the compiled BL goes to _mcount (example address); a relocatable file is patched as a module: unvalidated
          assert.equal(call.current.word, 0x94000000, 'R_AARCH64_CALL26 leaves the immediate zero');
          assert.match(call.states[0].text, /^bl 0x/);
          assert.equal(call.states[1].validated, false);
          assert.match(call.states[1].note ?? '', /without validation/);
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('elf: a vmlinux-sized linked image (51,000 records via .rela.dyn) against objdump -R', (t) => {
  if (!requireOracle(t, hasTool(AS) && hasTool(OBJDUMP) && hasTool(LD), 'GNU as/ld/objdump for aarch64')) return;
  const dir = tmp();
  try {
    const n = 51000;
    writeFileSync(join(dir, 'v.s'), synthetic(n, 'call-ops'));
    writeFileSync(join(dir, 'v.lds'), 'SECTIONS {\n . = 0xffff800080000000;\n .text : { *(.text) }\n . = ALIGN(4096);\n .init.data : { __start_mcount_loc = .; KEEP(*(__patchable_function_entries)) __stop_mcount_loc = .; }\n .rela.dyn : { *(.rela*) }\n}\n');
    run(AS, ['-o', join(dir, 'v.o'), join(dir, 'v.s')]);
    // as the arm64 kernel links a relocatable vmlinux: the records stay zero, .rela.dyn fills them
    run(LD, ['-shared', '-Bsymbolic', '-z', 'notext', '--no-apply-dynamic-relocs', '--no-warn-rwx-segments', '-T', join(dir, 'v.lds'), '-o', join(dir, 'vmlinux'), join(dir, 'v.o')]);
    const file = join(dir, 'vmlinux');
    const t0 = performance.now();
    const r = listElfPatchSites(new ElfFile(readFileSync(file)));
    const ms = performance.now() - t0;
    assert.equal(r.records.length, n);
    assert.equal(r.source, '__start_mcount_loc..__stop_mcount_loc');
    assert.equal(r.addresses.example, false);
    const dyn = relocs(objdump(['-R'], file)).filter((x) => x.type === 'R_AARCH64_RELATIVE');
    assert.equal(dyn.length, n);
    const w = words(objdump(['-d', '-z', '-j', '.text'], file)).get('.text')!;
    const bad: string[] = [];
    r.records.forEach((rec, i) => {
      const m = /^\*ABS\*([+-])0x([0-9a-f]+)$/.exec(dyn[i].value)!;
      const v = BigInt.asUintN(64, (m[1] === '-' ? -1n : 1n) * BigInt('0x' + m[2]));
      if (rec.record !== v) bad.push(`record ${i}: ours 0x${rec.record.toString(16)}, objdump 0x${v.toString(16)}`);
      if (rec.symbol !== `f${i}`) bad.push(`record ${i}: ${rec.symbol}`);
      const call = rec.sites[2];
      if (w.get(call.address) !== call.current.word) bad.push(`record ${i}: word`);
    });
    assert.equal(bad.length, 0, bad.slice(0, 10).join('\n'));
    t.diagnostic(`${n} records (${n * 3} sites) listed in ${ms.toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('elf: truncated, foreign and hostile files give an ElfError, never a crash', () => {
  const valid = (() => {
    const b = Buffer.alloc(64);
    b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    b.writeUInt16LE(1, 16);
    b.writeUInt16LE(183, 18);
    return b;
  })();
  assert.throws(() => new ElfFile(new Uint8Array(10)), ElfError);
  assert.throws(() => new ElfFile(Buffer.from('not an elf file at all, but long enough to have a header of sixty-four bytes')), ElfError);
  const bigEndian = Buffer.from(valid);
  bigEndian[5] = 2;
  assert.throws(() => new ElfFile(bigEndian), /little-endian/);
  const badShoff = Buffer.from(valid);
  badShoff.writeBigUInt64LE(1000n, 40);
  badShoff.writeUInt16LE(64, 58);
  badShoff.writeUInt16LE(3, 60);
  assert.throws(() => new ElfFile(badShoff), /outside the file/);
  // no sections at all: no records
  assert.equal(listElfPatchSites(new ElfFile(valid)).records.length, 0);
  if (existsSync(EXT4)) {
    const real = readFileSync(EXT4);
    for (const cut of [100, 4096, real.length >> 1, real.length - 1]) {
      try {
        listElfPatchSites(new ElfFile(real.subarray(0, cut)));
      } catch (e) {
        assert.ok(e instanceof ElfError, `cut at ${cut}: ${(e as Error).message}`);
      }
    }
  }
});
