// Assembler front end speed: a generated 10,000-line .S file (macros, .rept, labels, branches,
// data, instructions from the table) assembled from scratch, then again after a one-line edit.
// Prints figures; asserts nothing. Usage: node out/scripts/bench-asm.js [LINES]
import { assemble } from '../server/src/asm/gas';
import { SourceHost } from '../server/src/asm/types';
import { ROWS, decodeText, encode, isEncodeFailure } from '../server/src/isa';
import { Rng } from '../test/support/rng';

const LINES = Number(process.argv[2] ?? 10_000);

/** Instruction texts the encoder takes back to the same word, without PC-relative targets. */
export function instructionTexts(rng: Rng, n: number): string[] {
  const out: string[] = [];
  const rows = ROWS.filter((r) => !r.decodeOnly && ['base', 'fp', 'simd'].includes(r.feature));
  for (let guard = 0; out.length < n && guard < n * 50; guard++) {
    const r = rows[rng.below(rows.length)];
    const w = (r.value | (rng.u32() & ~r.mask)) >>> 0;
    const t = decodeText(w);
    if (!t || r.operands.some((o) => o.role === 'label')) continue;
    const e = encode(t);
    if (isEncodeFailure(e) || e.word !== w) continue;
    out.push(t);
  }
  return out;
}

export function generateSource(lines: number, seed = 1): string {
  const rng = new Rng(seed);
  const insns = instructionTexts(rng, 2000);
  const out: string[] = [
    '// generated for bench-asm',
    '#define FRAME 16',
    '\t.macro\tsave a, b, off=FRAME',
    '\tstp\t\\a, \\b, [sp, #-\\off]!',
    '\t.endm',
    '\t.macro\trestore a, b, off=FRAME',
    '\tldp\t\\a, \\b, [sp], #\\off',
    '\t.endm',
    '\t.macro\tguard reg, n',
    '\tcbz\t\\reg, .Lg\\@',
    '\tsub\t\\reg, \\reg, #\\n',
    '.Lg\\@:',
    '\t.endm',
    '\t.text',
  ];
  let fn = 0;
  while (out.length < lines) {
    out.push(`\t.globl\tfn${fn}`, `\t.type\tfn${fn}, %function`, `fn${fn}:`, '\tsave\tx29, x30', '\tmov\tx29, sp');
    const body = 20 + rng.below(40);
    for (let i = 0; i < body && out.length < lines; i++) {
      const k = rng.below(20);
      if (k === 0) out.push(`1:\t${insns[rng.below(insns.length)]}`);
      else if (k === 1) out.push(`\tcbnz\tx${rng.below(31)}, 1b`);
      else if (k === 2) out.push(`\tb.ne\t2f`, `\tnop`, `2:`);
      else if (k === 3) out.push(`\tguard\tx${rng.below(29)}, ${rng.below(4096)}`);
      else if (k === 4) out.push(`\tbl\tfn${rng.below(fn + 1)}`);
      else if (k === 5) out.push('\t.rept\t2', `\t${insns[rng.below(insns.length)]}`, '\t.endr');
      else out.push(`\t${insns[rng.below(insns.length)]}`);
    }
    out.push('\trestore\tx29, x30', '\tret', `\t.size\tfn${fn}, . - fn${fn}`);
    if (fn % 10 === 9) out.push('\t.pushsection\t.rodata, "a"', `\t.quad\tfn${fn}, ${rng.u32()}`, '\t.asciz\t"name"', '\t.p2align\t3', '\t.popsection');
    fn++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

function main(): void {
  const text = generateSource(LINES);
  const host: SourceHost = { readFile: () => undefined };
  const file = '/bench/generated.S';
  const run = (t: string) => {
    const t0 = process.hrtime.bigint();
    const r = assemble({ file, text: t, host, includePaths: [], defines: new Map() });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { r, ms };
  };
  const cold = run(text);
  const errors = cold.r.diagnostics.filter((d) => d.severity === 'error');
  const words = cold.r.sections.reduce((n, s) => n + s.size / 4, 0);
  console.log(`generated ${LINES} lines → ${words} words in ${cold.r.sections.length} sections, ${errors.length} errors${errors.length ? ` (first: ${errors[0].message})` : ''}`);
  console.log(`first assemble (cold: table, encoder index, caches empty): ${cold.ms.toFixed(1)} ms`);
  // a fresh text of the same shape (different seed) measures a full assemble with warm tables
  const fresh: number[] = [];
  for (let s = 2; s < 7; s++) fresh.push(run(generateSource(LINES, s)).ms);
  fresh.sort((a, b) => a - b);
  console.log(`full assemble of a new ${LINES}-line file (warm process): median ${fresh[2].toFixed(1)} ms (min ${fresh[0].toFixed(1)}, max ${fresh[4].toFixed(1)})`);
  const lines = text.split('\n');
  const edits: number[] = [];
  run(text);
  for (let k = 0; k < 11; k++) {
    const i = 200 + k * 700;
    const copy = lines.slice();
    copy[i] = '\tadd\tx1, x2, #' + (k + 1);
    edits.push(run(copy.join('\n')).ms);
  }
  edits.sort((a, b) => a - b);
  console.log(`re-assemble after a one-line edit: median ${edits[5].toFixed(1)} ms (min ${edits[0].toFixed(1)}, max ${edits[10].toFixed(1)}) over 11 edits`);
}

if (require.main === module && !process.env.NO_BENCH_MAIN) main();
