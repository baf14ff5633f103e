// The assembler front end against GNU: every fixture assembled by aarch64-linux-gnu-gcc -c and
// by us, each section compared byte for byte and each relocation by type, symbol and addend;
// then generated stress files (thousands of instructions from the table through macros and
// .rept, random data and alignment). Under CI=true a missing toolchain fails.
import { diskHost } from '../server/src/disk-host';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, TestContext } from 'node:test';
import { assemble } from '../server/src/asm/gas';
import { formatTsv } from '../server/src/asm/listing';
import { AssembleResult } from '../server/src/asm/types';
import { ROWS, decodeText, encode, isEncodeFailure } from '../server/src/isa';
import { AS_MARCH, assembleLines } from './support/gnu-oracle';
import { GnuOptions, compareWithGnu, gnuAssemble, hasToolchain } from './support/gnu-toolchain';
import { requireOracle } from './support/oracle-gate';
import { repoRoot } from './support/repo';
import { Rng } from './support/rng';

const root = repoRoot();
const fsHost = diskHost;

let available: boolean | undefined;
const toolchain = (t: TestContext) => requireOracle(t, (available ??= hasToolchain()), 'aarch64-linux-gnu-gcc (gcc-aarch64-linux-gnu)');

function ours(file: string, text: string, opts: { includeDirs?: string[]; defines?: Map<string, string>; arch?: string } = {}): AssembleResult {
  return assemble({ file, text, host: fsHost, includePaths: opts.includeDirs ?? [], defines: opts.defines ?? new Map(), ...(opts.arch ? { arch: opts.arch } : {}) });
}

function check(t: TestContext, name: string, r: AssembleResult, gnu: GnuOptions & { file?: string; text?: string }): { bytes: number; relocs: number } {
  const errs = r.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errs.map((d) => `${d.origin.loc.line + 1}: ${d.message}`), [], `${name}: our errors`);
  const g = gnuAssemble(gnu.file ? { file: gnu.file } : { text: gnu.text! }, gnu);
  const c = compareWithGnu(r, g);
  assert.deepEqual(c.differences.map((d) => `${d.section}+0x${d.offset.toString(16)}: ${d.what}`), [], `${name}: differences from GNU`);
  // the TSV listing's word stream of each section is objcopy -O binary -j SECTION
  const tsv = new Map<string, string>();
  for (const line of formatTsv(r).split('\n')) {
    const [sec, , word] = line.split('\t');
    if (!sec) continue;
    const le = (word.match(/../g) ?? []).reverse().join('');
    tsv.set(sec, (tsv.get(sec) ?? '') + le);
  }
  for (const [sec, flat] of g.binary) assert.equal(tsv.get(sec) ?? '', Buffer.from(flat).toString('hex'), `${name}: tsv of ${sec} vs objcopy -O binary`);
  t.diagnostic(`${name}: ${c.bytes} bytes, ${c.relocs} relocations identical`);
  return c;
}

const totals = { bytes: 0, relocs: 0, files: 0 };
const add = (c: { bytes: number; relocs: number }) => {
  totals.bytes += c.bytes;
  totals.relocs += c.relocs;
  totals.files++;
};

test('differential: our fixtures (test-fixtures/asm)', (t) => {
  if (!toolchain(t)) return;
  const dir = join(root, 'test-fixtures/asm');
  const files = readdirSync(dir).filter((f) => f.endsWith('.S')).sort();
  assert.ok(files.length >= 5);
  for (const f of files) {
    const file = join(dir, f);
    add(check(t, f, ours(file, readFileSync(file, 'utf8')), { file }));
  }
});

test('differential: the expected bytes of test-fixtures/asm/gas-cases.json are still GNU as output', (t) => {
  if (!toolchain(t)) return;
  const cases: { name: string; src: string }[] = JSON.parse(readFileSync(join(root, 'test-fixtures/asm/gas-cases.json'), 'utf8'));
  for (const c of cases) add(check(t, c.name, ours('/cases/c.S', c.src), { text: c.src }));
});

/** The kernel-style fixtures, as test-fixtures/kernel/README.md assembles them. */
function kernelFixtures(): { file: string; era: string; config: string[] }[] {
  const out: { file: string; era: string; config: string[] }[] = [];
  const dirs = ['test-fixtures', 'test-fixtures/kernel', 'test-fixtures/kernel/buggy'];
  for (const d of dirs) {
    let names: string[];
    try {
      names = readdirSync(join(root, d));
    } catch {
      continue;
    }
    for (const n of names.filter((x) => x.endsWith('.S')).sort()) {
      const file = join(root, d, n);
      const head = readFileSync(file, 'utf8').split('\n', 3);
      const era = /fixture-era:\s*(\S+)/.exec(head[0] ?? '')?.[1];
      if (!era) continue;
      const cfg = /fixture-config:\s*(.*)$/.exec(head[1] ?? '')?.[1]?.trim().split(/\s+/) ?? [];
      out.push({ file, era, config: cfg });
    }
  }
  return out;
}

test('differential: kernel-style fixtures with their era build directories', (t) => {
  if (!toolchain(t)) return;
  const fixtures = kernelFixtures();
  if (fixtures.length === 0) return t.skip('no kernel fixtures yet');
  for (const f of fixtures) {
    const build = join(root, 'test-fixtures/kernel/build', f.era, 'include');
    const includeDirs = [build, join(root, 'test-fixtures/kernel/include')];
    const defines = new Map<string, string>();
    let autoconf = '';
    try {
      autoconf = readFileSync(join(build, 'generated/autoconf.h'), 'utf8');
    } catch {
      t.diagnostic(`${f.file}: no build directory for era ${f.era}; skipped`);
      continue;
    }
    for (const l of autoconf.split('\n')) {
      const m = /^#define\s+(CONFIG_\w+)\s+(.*)$/.exec(l);
      if (m) defines.set(m[1], m[2].trim());
    }
    for (const c of f.config) {
      if (c.startsWith('+')) defines.set(c.slice(1), '1');
      else if (c.startsWith('-')) defines.delete(c.slice(1));
    }
    const name = f.file.slice(root.length + 1);
    add(check(t, name, ours(f.file, readFileSync(f.file, 'utf8'), { includeDirs, defines }), { file: f.file, includeDirs, defines }));
  }
});

/** Instruction texts from random words of every row, that our encoder and GNU as both take back to the word. */
function agreedInstructions(seed: number, n: number): string[] {
  const rng = new Rng(seed);
  const rows = ROWS.filter((r) => !r.decodeOnly && !r.operands.some((o) => o.role === 'label'));
  const cand: string[] = [];
  const words: number[] = [];
  const seen = new Set<string>();
  for (let guard = 0; cand.length < n && guard < n * 40; guard++) {
    const r = rows[rng.below(rows.length)];
    const w = (r.value | (rng.u32() & ~r.mask)) >>> 0;
    const text = decodeText(w);
    if (!text || seen.has(text) || /[";]/.test(text)) continue;
    const e = encode(text);
    if (isEncodeFailure(e) || e.word !== w) continue;
    seen.add(text);
    cand.push(text);
    words.push(w);
  }
  const gnu = assembleLines(cand, AS_MARCH);
  return cand.filter((_, i) => 'word' in gnu[i] && (gnu[i] as { word: number }).word === words[i]);
}

function stressSource(insns: readonly string[], seed: number): string {
  const rng = new Rng(seed);
  const out = [
    '// generated: instructions through gas macros and loops',
    '\t.macro\tone a',
    '\t\\a',
    '\t.endm',
    '\t.macro\ttwo a, b',
    '\t\\a',
    '\t\\b',
    '\t.endm',
    '\t.macro\tlabelled name, body:vararg',
    '\\name:\t\\body',
    '\t.endm',
    '\t.macro\tnest n, a',
    '\t.if\t\\n',
    '\tnest\t"\\n-1", "\\a"',
    '\t.else',
    '\t\\a',
    '\t.endif',
    '\t.endm',
    '\t.text',
  ];
  let i = 0;
  let label = 0;
  const next = () => insns[i++ % insns.length];
  while (i < insns.length) {
    switch (rng.below(9)) {
      case 0:
        out.push(`\tone\t"${next()}"`);
        break;
      case 1:
        out.push(`\ttwo\t"${next()}", "${next()}"`);
        break;
      case 2:
        out.push(`\tlabelled\t.Ls${label++}, ${next()}`);
        break;
      case 3:
        out.push(`\t.rept\t${1 + rng.below(3)}`, `\t${next()}`, '\t.endr');
        break;
      case 4:
        out.push(`\tnest\t${rng.below(4)}, "${next()}"`);
        break;
      case 5:
        out.push(`1:\t${next()}`, `\tcbnz\tx${rng.below(31)}, 1b`, `\tb.ne\t2f`, `\t${next()} ; ${next()}`, '2:');
        break;
      case 6:
        if (label > 0) out.push(`\tb\t.Ls${rng.below(label)}`, `\tadr\tx${rng.below(31)}, .Ls${rng.below(label)}`, `\tbl\textern_fn${rng.below(5)}`);
        break;
      default:
        out.push(`\t${next()}`);
    }
  }
  return out.join('\n') + '\n';
}

test('differential: thousands of table instructions through macros and .rept', (t) => {
  if (!toolchain(t)) return;
  for (const seed of [1, 2]) {
    const insns = agreedInstructions(seed, 2500);
    assert.ok(insns.length > 1500, `only ${insns.length} instructions agreed`);
    const text = stressSource(insns, seed);
    add(check(t, `stress seed ${seed} (${insns.length} instructions, ${text.split('\n').length} lines)`, ours('/stress/s.S', text, { arch: AS_MARCH }), { text, march: AS_MARCH }));
  }
});

function dataSource(seed: number): string {
  const rng = new Rng(seed);
  const out: string[] = ['// generated: data, strings, alignment and sections'];
  const sections = ['.data', '.text', '.section .rodata', '.pushsection .x.data, "aw"', '.section .y.text, "ax"'];
  let labels = 0;
  for (let k = 0; k < 1500; k++) {
    const r = rng.below(17);
    if (r >= 14) {
      // symbols: definitions, absolute and PC-relative references (backward, forward, other sections)
      if (r === 14 || labels === 0) out.push(`.Ld${labels++}:`);
      else if (r === 15) out.push(`\t.quad\t.Ld${rng.below(labels + 3)}${rng.below(2) ? ` + ${rng.below(64)}` : ''}, ext_sym${rng.below(3)}`);
      else out.push(`\t.p2align\t2`, `\t.word\t.Ld${rng.below(labels + 3)} - .`, `\t.word\text_sym${rng.below(3)} - . + 8`);
      continue;
    }
    const val = () => (rng.below(4) === 0 ? `-${rng.below(1000)}` : `0x${rng.u32().toString(16)}`);
    if (r === 0) out.push(`\t.byte\t${Array.from({ length: 1 + rng.below(5) }, () => rng.below(256)).join(', ')}`);
    else if (r === 1) out.push(`\t.hword\t${rng.below(65536)}, ${rng.below(4) === 0 ? '-1' : '2'}`);
    else if (r === 2) out.push(`\t.word\t${val()}, ${val()}`);
    else if (r === 3) out.push(`\t.quad\t${val()}${rng.below(2) ? ` + (${rng.below(100)} << 20)` : ''}`);
    else if (r === 4) {
      let s = '';
      const n = rng.below(12);
      for (let c = 0; c < n; c++) {
        const ch = 32 + rng.below(95);
        s += ch === 34 ? '\\"' : ch === 92 ? '\\\\' : String.fromCharCode(ch);
      }
      out.push(`\t.${['ascii', 'asciz', 'string'][rng.below(3)]}\t"${s}"`);
    } else if (r === 5) out.push(`\t.p2align\t${rng.below(5)}`);
    else if (r === 6) out.push(`\t.balign\t${1 << rng.below(5)}${rng.below(2) ? `, ${rng.below(256)}` : ''}`);
    else if (r === 7) out.push(`\t.skip\t${rng.below(9)}${rng.below(2) ? `, ${rng.below(256)}` : ''}`);
    else if (r === 8) out.push(`\t.fill\t${rng.below(4)}, ${1 + rng.below(8)}, 0x${rng.u32().toString(16)}`);
    else if (r === 9) {
      const s = sections[rng.below(sections.length)];
      if (out.some((l) => l.includes('.pushsection')) && !out.slice(-40).some((l) => l.includes('.popsection')) && rng.below(2)) out.push('\t.popsection');
      else if (!s.startsWith('.push')) out.push(`\t${s}`);
    } else if (r === 10) out.push('\t.p2align\t2', '\tnop', `\tmov\tx${rng.below(31)}, #${rng.below(65536)}`);
    else if (r === 11) out.push(`\t.p2align\t${rng.below(6)},,${rng.below(8)}`);
    else if (r === 12) out.push(`\t.rept\t${rng.below(3)}`, `\t.byte\t${rng.below(256)}`, '\t.endr');
    else out.push(`\t.zero\t${rng.below(5)}`);
  }
  for (let k = labels; k < labels + 3; k++) out.push(`.Ld${k}:`);
  return out.join('\n') + '\n';
}

test('differential: random data, strings, alignment and sections', (t) => {
  if (!toolchain(t)) return;
  for (const seed of [3, 4, 5]) {
    const text = dataSource(seed);
    add(check(t, `data seed ${seed}`, ours('/stress/d.S', text), { text }));
  }
});

test('differential: totals', (t) => {
  if (!toolchain(t)) return;
  t.diagnostic(`${totals.files} files, ${totals.bytes} section bytes and ${totals.relocs} relocations compared with GNU, all identical`);
});
