// Benchmark of the ABI checker (`check`): a generated 10,000-line trampoline file, assembled by
// the GNU as front end, then checked. Prints cold (first run in the process: decoder tables) and
// warm figures for the front end, the checker and both. Asserts nothing.
// "Warm" is a new text in a warm process (other symbol names and frame sizes, another file name):
// the same text again would resume from the front end's remembered run of it and measure a cache
// hit, which is printed apart.
// Usage: node scripts/build.mjs --tests && node out/scripts/bench-check.js [LINES]
// (BENCH_DUMP=FILE also writes the generated source there.)
import { writeFileSync } from 'node:fs';
import { assemble, forgetAssemblies } from '../server/src/asm/gas';
import { KERNEL_FALLBACK_HEADERS } from '../server/src/asm/kernel-fallbacks';
import { analyzeAssembly } from '../server/src/analysis';
import { asmOffsetsProvider } from '../server/src/ftrace/asm-offsets';
import { eraDefines, findEra } from '../server/src/ftrace/eras';
import { Driver } from '../server/src/driver';
import { normalizeSettings } from '../server/src/settings';

const LINES = Number(process.argv[2] ?? 10_000);

/** One ftrace-entry trampoline (WITH_ARGS shape) and one AAPCS function with a loop and calls. */
function unit(n: number, salt: number): string {
  const frame = 48 + 16 * ((n + salt) % 4);
  const id = `${salt}_${n}`;
  return `
// aarch64-ftrace: contract=ftrace-entry
SYM_CODE_START(tramp_${id})
	bti	c
	mov	x10, sp
	sub	sp, sp, #(FREGS_SIZE + 32)
	stp	x0, x1, [sp, #FREGS_X0]
	stp	x2, x3, [sp, #FREGS_X2]
	stp	x4, x5, [sp, #FREGS_X4]
	stp	x6, x7, [sp, #FREGS_X6]
	str	x8, [sp, #FREGS_X8]
	str	x29, [sp, #FREGS_FP]
	str	x9, [sp, #FREGS_LR]
	str	x10, [sp, #FREGS_SP]
	str	x30, [sp, #FREGS_PC]
	stp	x29, x9, [sp, #FREGS_SIZE + 16]
	add	x29, sp, #FREGS_SIZE + 16
	stp	x29, x30, [sp, #FREGS_SIZE]
	add	x29, sp, #FREGS_SIZE
	sub	x0, x30, #AARCH64_INSN_SIZE
	mov	x1, x9
	mov	x3, sp
	cbz	x0, 1f
	bl	tracer_${salt}_${n % 7}
1:	ldp	x0, x1, [sp, #FREGS_X0]
	ldp	x2, x3, [sp, #FREGS_X2]
	ldp	x4, x5, [sp, #FREGS_X4]
	ldp	x6, x7, [sp, #FREGS_X6]
	ldr	x8, [sp, #FREGS_X8]
	ldr	x29, [sp, #FREGS_FP]
	ldr	x30, [sp, #FREGS_LR]
	ldr	x9, [sp, #FREGS_PC]
	add	sp, sp, #FREGS_SIZE + 32
	ret	x9
SYM_CODE_END(tramp_${id})

SYM_FUNC_START(func_${id})
	stp	x29, x30, [sp, #-${frame}]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	str	x21, [sp, #32]
	mov	x19, x0
	mov	x20, #0
2:	cmp	x20, x1
	b.ge	3f
	ldr	x21, [x19, x20, lsl #3]
	add	x0, x21, #1
	bl	helper_${salt}_${n % 5}
	add	x20, x20, #1
	b	2b
3:	mov	x0, x20
	ldr	x21, [sp, #32]
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #${frame}
	ret
SYM_FUNC_END(func_${id})
`;
}

export function source(lines: number, salt = 0): string {
  const head = '#include <linux/linkage.h>\n#include <asm/asm-offsets.h>\n#include <asm/insn.h>\n\t.text\n';
  const parts = [head];
  let count = head.split('\n').length;
  for (let n = 0; count < lines; n++) {
    const u = unit(n, salt);
    parts.push(u);
    count += u.split('\n').length - 1;
  }
  return parts.join('');
}

const host = { readFile: () => undefined };
const era = findEra('newest')!;
const defines = eraDefines(era);
const offsets = asmOffsetsProvider({ era: era.name, host });

function once(text: string, file: string): { asm: number; check: number; insns: number; diags: number; entries: number; gaveUp: number } {
  const t0 = performance.now();
  const result = assemble({ file, text, host, includePaths: [], defines, builtinHeaders: KERNEL_FALLBACK_HEADERS, predefined: (n) => offsets(n) });
  const t1 = performance.now();
  const r = analyzeAssembly(result, { file, text, defines });
  const t2 = performance.now();
  const checked = r.entries.filter((e) => e.contract !== 'continuation' && e.contract !== 'none');
  return { asm: t1 - t0, check: t2 - t1, insns: r.cfg.insns.length, diags: r.diagnostics.length, entries: checked.length, gaveUp: checked.filter((e) => e.gaveUp).length };
}

function main(): void {
  const text = source(LINES);
  if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, text);
  const cold = once(text, '/bench/check-0.S');
  // texts made before timing starts (the generator is not measured)
  const fresh = Array.from({ length: 11 }, (_, i) => source(LINES, i + 1));
  const warm: ReturnType<typeof once>[] = [];
  for (let i = 0; i < fresh.length; i++) {
    forgetAssemblies();
    warm.push(once(fresh[i], `/bench/check-${i + 1}.S`));
  }
  const again: ReturnType<typeof once>[] = [];
  for (let i = 0; i < 5; i++) again.push(once(fresh[fresh.length - 1], `/bench/check-${fresh.length}.S`));
  // other new texts through the driver (what the editor and `check` run: outline, front end,
  // checker, patch sites, Kconfig names, diagnostics levelled), era newest, no build dir
  const driver = new Driver({ host });
  const settings = normalizeSettings({ era: 'newest' });
  const forDriver = Array.from({ length: 11 }, (_, i) => source(LINES, 100 + i));
  const viaDriver: { asm: number; check: number }[] = [];
  for (let i = 0; i < forDriver.length; i++) {
    forgetAssemblies();
    const a = driver.analyze({ uri: `file:///bench/driver-${i + 1}.S`, version: 1, text: forDriver[i] }, settings);
    // (the checker column holds all but the front end: outline, ABI, patch sites, Kconfig, levels)
    viaDriver.push({ asm: a.timings.assembleMs, check: a.timings.totalMs - a.timings.assembleMs });
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const f = (x: number) => x.toFixed(1).padStart(7);
  console.log(`check benchmark: ${text.split('\n').length} lines, ${cold.insns} instructions, ${cold.entries} entries checked (${cold.gaveUp} over budget), ${cold.diags} diagnostics`);
  const row = (label: string, xs: readonly { asm: number; check: number }[], note = '') =>
    console.log(`${label.padEnd(26)}${f(median(xs.map((w) => w.asm)))}   ${f(median(xs.map((w) => w.check)))}   ${f(median(xs.map((w) => w.asm + w.check)))}   ${note}`);
  console.log(`${''.padEnd(26)}front end   checker     total  (ms, medians)`);
  row('cold (1st run)', [cold]);
  row(`new text (n=${warm.length})`, warm, 'target < 100 ms');
  row('same text again', again, '(the front end resumes its remembered run: a cache hit)');
  row(`driver, new text (n=${viaDriver.length})`, viaDriver, '(checker column: all the driver runs besides the front end)');
  const bad = warm.filter((w) => w.diags !== cold.diags || w.gaveUp);
  if (bad.length) console.log(`NOTE: ${bad.length} new texts gave other diagnostics or went over budget (${bad.map((w) => w.diags).join(', ')})`);
}

// run only as the script itself (profiling tools import the generator)
if (/bench-check\.[jt]s$/.test(process.argv[1] ?? '')) main();
