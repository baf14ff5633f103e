// Assembler front end speed: a generated 10,000-line .S file (macros, .rept, labels, branches,
// data, instructions from the table) assembled from scratch, then again after a one-line edit.
// Prints figures; asserts nothing. Usage: node out/scripts/bench-asm.js [LINES]
import { assemble, assembleFromPreprocessed } from '../server/src/asm/gas';
import { preprocess } from '../server/src/asm/preprocess';
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
    if (isEncodeFailure(e) || e.word !== w || !['base', 'fp', 'simd'].includes(e.row.feature)) continue;
    out.push(t);
  }
  return out;
}

/** Kernel-style instructions: frame set-up, loads and stores at offsets, arithmetic, compares. */
export function kernelStyleTexts(rng: Rng, n: number): string[] {
  const r = () => rng.below(29);
  const gen = (): string => {
    switch (rng.below(14)) {
      case 0: return `stp\tx${r()}, x${r()}, [sp, #${16 * rng.below(20)}]`;
      case 1: return `ldp\tx${r()}, x${r()}, [sp, #${16 * rng.below(20)}]`;
      case 2: return `ldr\tx${r()}, [x${r()}, #${8 * rng.below(100)}]`;
      case 3: return `str\tw${r()}, [x${r()}, #${4 * rng.below(100)}]`;
      case 4: return `add\tx${r()}, x${r()}, #${rng.below(4096)}`;
      case 5: return `sub\tsp, sp, #${16 * rng.below(64)}`;
      case 6: return `mov\tx${r()}, x${r()}`;
      case 7: return `mov\tx${r()}, #${rng.below(65536)}`;
      case 8: return `cmp\tx${r()}, #${rng.below(4096)}`;
      case 9: return `and\tx${r()}, x${r()}, #0xff`;
      case 10: return `orr\tw${r()}, w${r()}, w${r()}, lsl #${rng.below(32)}`;
      case 11: return `mrs\tx${r()}, sp_el0`;
      case 12: return `csel\tx${r()}, x${r()}, x${r()}, ne`;
      default: return `eor\tx${r()}, x${r()}, x${r()}`;
    }
  };
  return Array.from({ length: n }, gen);
}

export function generateSource(lines: number, seed = 1, style: 'table' | 'kernel' = 'table'): string {
  const rng = new Rng(seed);
  const insns = style === 'kernel' ? kernelStyleTexts(rng, 4000) : instructionTexts(rng, 2000);
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
    out.push(`\t.globl\tfn${fn}`, `\t.type\tfn${fn}, %function`, `fn${fn}:`, '\tsave\tx29, x30', '1:\tmov\tx29, sp');
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
  const opts = (t: string) => ({ file, text: t, host, includePaths: [], defines: new Map<string, string>() });
  const run = (t: string) => {
    const t0 = process.hrtime.bigint();
    const r = assemble(opts(t));
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { r, ms };
  };
  /** The two stages timed apart: preprocessing, then the gas stage and layout. */
  const split = (t: string) => {
    const t0 = process.hrtime.bigint();
    const pp = preprocess(opts(t));
    const t1 = process.hrtime.bigint();
    assembleFromPreprocessed(pp, {});
    const t2 = process.hrtime.bigint();
    return { pp: Number(t1 - t0) / 1e6, gas: Number(t2 - t1) / 1e6 };
  };
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cold = run(text);
  const errors = cold.r.diagnostics.filter((d) => d.severity === 'error');
  const words = cold.r.sections.reduce((n, s) => n + s.size / 4, 0);
  console.log(`generated ${LINES} lines → ${words} words in ${cold.r.sections.length} sections, ${errors.length} errors${errors.length ? ` (first: ${errors[0].message})` : ''}`);
  console.log(`first assemble in this process (builds the instruction table and indexes, JIT cold): ${cold.ms.toFixed(1)} ms`);
  // new texts of the same shape (other seeds): a full assemble with warm tables, fresh caches for the file
  for (const style of ['table', 'kernel'] as const) {
    const fresh: number[] = [];
    for (let s = 2; s < 9; s++) fresh.push(run(generateSource(LINES, s, style)).ms);
    const what = style === 'table' ? 'instructions from every row of the table (mostly distinct, SIMD-heavy)' : 'kernel-style instructions';
    console.log(`full assemble of a new ${LINES}-line file of ${what} (warm process): median ${median(fresh).toFixed(1)} ms (min ${Math.min(...fresh).toFixed(1)}, max ${Math.max(...fresh).toFixed(1)}) over ${fresh.length} files`);
  }
  // one-line edits as typing makes them, one after the other: an instruction's register or
  // immediate changes (the layout keeps its shape), and lines inserted (everything after moves)
  const lines = text.split('\n');
  const plain = lines.map((l, i) => (/^\t(add|sub|mov|ldr|str|stp|ldp|cmp|and|orr|eor)\b/.test(l) ? i : -1)).filter((i) => i >= 0);
  for (let k = 0; k < 5; k++) run(text);
  const measure = (label: string, edit: (k: number) => void) => {
    const edits: number[] = [];
    const parts: { pp: number; gas: number }[] = [];
    for (let k = 0; k < 21; k++) {
      edit(k);
      const t = lines.join('\n');
      edits.push(run(t).ms);
      parts.push(split(t));
    }
    console.log(`re-assemble after ${label}: median ${median(edits).toFixed(1)} ms (min ${Math.min(...edits).toFixed(1)}, max ${Math.max(...edits).toFixed(1)}) over ${edits.length} edits`);
    console.log(`  of which preprocess median ${median(parts.map((p) => p.pp)).toFixed(1)} ms, gas stage + layout median ${median(parts.map((p) => p.gas)).toFixed(1)} ms (min ${Math.min(...parts.map((p) => p.gas)).toFixed(1)})`);
  };
  measure('a one-line edit (an operand changes)', (k) => {
    const i = plain[(k * 7919) % plain.length];
    lines[i] = lines[i].replace(/(x|w)(\d+)/, (_m, r: string, n: string) => r + ((Number(n) + 1) % 29));
  });
  measure('inserting a line (the rest moves)', (k) => {
    lines.splice(200 + ((k * 467) % (lines.length - 400)), 0, '\tnop');
  });
  const heap = process.memoryUsage().heapUsed / 1048576;
  console.log(`heap used: ${heap.toFixed(1)} MiB`);
}

// run only as the script itself (tests import the generator)
if (/bench-asm\.[jt]s$/.test(process.argv[1] ?? '')) main();
