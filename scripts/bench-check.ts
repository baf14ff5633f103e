// Benchmark of the ABI checker (`check`): a generated 10,000-line trampoline file, assembled by
// the GNU as front end, then checked. Prints cold (first run in the process: decoder tables) and
// warm figures for the front end, the checker and both. Asserts nothing.
// Usage: node scripts/build.mjs --tests && node out/scripts/bench-check.js [LINES]
// (BENCH_DUMP=FILE also writes the generated source there.)
import { writeFileSync } from 'node:fs';
import { assemble } from '../server/src/asm/gas';
import { KERNEL_FALLBACK_HEADERS } from '../server/src/asm/kernel-fallbacks';
import { analyzeAssembly } from '../server/src/analysis';
import { asmOffsetsProvider } from '../server/src/ftrace/asm-offsets';
import { eraDefines, findEra } from '../server/src/ftrace/eras';

const LINES = Number(process.argv[2] ?? 10_000);

/** One ftrace-entry trampoline (WITH_ARGS shape) and one AAPCS function with a loop and calls. */
function unit(n: number): string {
  return `
// aarch64-ftrace: contract=ftrace-entry
SYM_CODE_START(tramp_${n})
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
	bl	tracer_${n % 7}
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
SYM_CODE_END(tramp_${n})

SYM_FUNC_START(func_${n})
	stp	x29, x30, [sp, #-48]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	str	x21, [sp, #32]
	mov	x19, x0
	mov	x20, #0
2:	cmp	x20, x1
	b.ge	3f
	ldr	x21, [x19, x20, lsl #3]
	add	x0, x21, #1
	bl	helper_${n % 5}
	add	x20, x20, #1
	b	2b
3:	mov	x0, x20
	ldr	x21, [sp, #32]
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #48
	ret
SYM_FUNC_END(func_${n})
`;
}

function source(lines: number): string {
  const head = '#include <linux/linkage.h>\n#include <asm/asm-offsets.h>\n#include <asm/insn.h>\n\t.text\n';
  const parts = [head];
  let count = head.split('\n').length;
  for (let n = 0; count < lines; n++) {
    const u = unit(n);
    parts.push(u);
    count += u.split('\n').length - 1;
  }
  return parts.join('');
}

const host = { readFile: () => undefined };
const era = findEra('newest')!;
const defines = eraDefines(era);
const offsets = asmOffsetsProvider({ era: era.name, host });
const text = source(LINES);
if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, text);
const file = '/bench/check-bench.S';

function once(): { asm: number; check: number; insns: number; diags: number; entries: number; gaveUp: number } {
  const t0 = performance.now();
  const result = assemble({ file, text, host, includePaths: [], defines, builtinHeaders: KERNEL_FALLBACK_HEADERS, predefined: (n) => offsets(n) });
  const t1 = performance.now();
  const r = analyzeAssembly(result, { file, text, defines });
  const t2 = performance.now();
  const checked = r.entries.filter((e) => e.contract !== 'continuation' && e.contract !== 'none');
  return { asm: t1 - t0, check: t2 - t1, insns: r.cfg.insns.length, diags: r.diagnostics.length, entries: checked.length, gaveUp: checked.filter((e) => e.gaveUp).length };
}

const cold = once();
const warm: ReturnType<typeof once>[] = [];
for (let i = 0; i < 10; i++) warm.push(once());
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x: number) => x.toFixed(1).padStart(7);
console.log(`check benchmark: ${text.split('\n').length} lines, ${cold.insns} instructions, ${cold.entries} entries checked (${cold.gaveUp} over budget), ${cold.diags} diagnostics`);
console.log(`                 front end   checker     total  (ms)`);
console.log(`cold (1st run)   ${f(cold.asm)}   ${f(cold.check)}   ${f(cold.asm + cold.check)}`);
console.log(`warm (median)    ${f(median(warm.map((w) => w.asm)))}   ${f(median(warm.map((w) => w.check)))}   ${f(median(warm.map((w) => w.asm + w.check)))}`);
