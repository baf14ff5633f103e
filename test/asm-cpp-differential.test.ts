// Differential test of the C preprocessor stage against GCC's own: every fixture in
// test-fixtures/cpp/ goes through `cpp -x assembler-with-cpp` and through preprocess(), and
// the output lines must be the same (white space runs folded to one space, blank lines
// dropped) and come from the same file and line (cpp's line markers against our origins).
// The host's cpp is made an AArch64 one by -undef, -funsigned-char and -imacros of our table
// of aarch64-linux-gnu-gcc's predefined macros; aarch64-linux-gnu-cpp is used too when present.
// Random macro programs and #if expressions (seeded, replayable) are compared the same way.
// Set AARCH64_FTRACE_KERNEL_TREE to a kernel source tree (with generated headers, as after
// `make prepare`) to compare arch/arm64/kernel/entry-ftrace.S (or the comma-separated
// AARCH64_FTRACE_KERNEL_FILES) as kbuild preprocesses it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { preprocess } from '../server/src/asm/preprocess';
import { GCC_AARCH64_PREDEFINED } from '../server/src/asm/cpp-predefined';
import { requireOracle } from './support/oracle-gate';
import { repoRoot } from './support/repo';
import { Rng } from './support/rng';

const CPP = process.env.CPP ?? 'cpp';
const CROSS_CPP = 'aarch64-linux-gnu-cpp';
const FIXTURES = ['macros.S', 'variadic.S', 'conditionals.S', 'asm-traps.S', 'gas-macros.S', 'includes.S', 'kconfig.S'];
const INCLUDE_DIRS = ['include/override', 'include'];

const has = (tool: string): boolean => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
const fold = (s: string): string => s.replace(/[ \t\f\v]+/g, ' ').trim();

/** `file:line: text` for every non-blank output line, the place taken from cpp's line markers. */
function runCpp(tool: string, args: readonly string[], cwd: string, file: string): string[] {
  const r = spawnSync(tool, [...args, file], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, `${tool} failed on ${file}: ${r.stderr}`);
  const out: string[] = [];
  let where = '';
  let line = 0;
  for (const text of r.stdout.split('\n')) {
    const m = /^# (\d+) "((?:[^"\\]|\\.)*)"(?: \d)*$/.exec(text);
    if (m) {
      where = m[2].startsWith('<') ? m[2] : resolve(cwd, m[2]);
      line = Number(m[1]);
      continue;
    }
    if (fold(text) !== '') out.push(`${where}:${line}: ${fold(text)}`);
    line++;
  }
  return out;
}

function runOurs(cwd: string, file: string, includeDirs: readonly string[], defines: [string, string][] = [], forced: string[] = []): string[] {
  const path = resolve(cwd, file);
  const r = preprocess({
    file: path,
    text: readFileSync(path, 'utf8'),
    host: { readFile: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined) },
    includePaths: includeDirs.map((d) => resolve(cwd, d)),
    defines: new Map(defines),
    forcedIncludes: forced,
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors.map((d) => `${d.origin.loc.file}:${d.origin.loc.line + 1}: ${d.message}`), [], `errors preprocessing ${file}`);
  return r.lines.filter((l) => fold(l.text) !== '').map((l) => `${l.origin.loc.file}:${l.origin.loc.line + 1}: ${fold(l.text)}`);
}

test('cpp -x assembler-with-cpp and preprocess() agree on every fixture', (t) => {
  if (!requireOracle(t, has(CPP), `${CPP} (GCC's preprocessor)`)) return;
  const dir = join(repoRoot(), 'test-fixtures/cpp');
  const tmp = mkdtempSync(join(tmpdir(), 'a64-cpp-'));
  try {
    const predefined = join(tmp, 'aarch64-predefined.h');
    writeFileSync(predefined, GCC_AARCH64_PREDEFINED);
    const includes = INCLUDE_DIRS.flatMap((d) => ['-I', d]);
    const oracles: [string, string[]][] = [[CPP, ['-x', 'assembler-with-cpp', '-undef', '-nostdinc', '-funsigned-char', '-imacros', predefined, '-D__ASSEMBLY__', ...includes]]];
    if (has(CROSS_CPP)) oracles.push([CROSS_CPP, ['-x', 'assembler-with-cpp', '-nostdinc', '-D__ASSEMBLY__', ...includes]]);
    let lines = 0;
    for (const file of FIXTURES) {
      const ours = runOurs(dir, file, INCLUDE_DIRS);
      for (const [tool, args] of oracles) assert.deepEqual(ours, runCpp(tool, args, dir, file), `${file}: ours (actual) against ${tool} (expected)`);
      lines += ours.length;
    }
    t.diagnostic(`${FIXTURES.length} fixtures, ${lines} output lines identical to ${oracles.map((o) => o[0]).join(' and ')}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('entry-ftrace.S of a kernel tree, as kbuild preprocesses it (AARCH64_FTRACE_KERNEL_TREE)', (t) => {
  const tree = process.env.AARCH64_FTRACE_KERNEL_TREE;
  if (!tree) return t.skip('set AARCH64_FTRACE_KERNEL_TREE to a prepared kernel source tree to run');
  if (!requireOracle(t, has(CROSS_CPP), CROSS_CPP)) return;
  // kbuild's include order for arch/arm64 (objtree = srctree here); generated headers may sit in
  // a separate headers tree named by AARCH64_FTRACE_KERNEL_GENERATED.
  const gen = process.env.AARCH64_FTRACE_KERNEL_GENERATED ?? tree;
  const dirs = [
    join(tree, 'arch/arm64/include'), join(gen, 'arch/arm64/include/generated'), join(tree, 'include'), join(gen, 'include'),
    join(tree, 'arch/arm64/include/uapi'), join(gen, 'arch/arm64/include/generated/uapi'), join(tree, 'include/uapi'), join(gen, 'include/generated/uapi'),
  ];
  const forced = [join(tree, 'include/linux/compiler-version.h'), join(tree, 'include/linux/kconfig.h')];
  const files = (process.env.AARCH64_FTRACE_KERNEL_FILES ?? 'arch/arm64/kernel/entry-ftrace.S').split(',');
  const args = ['-x', 'assembler-with-cpp', '-nostdinc', '-D__ASSEMBLY__', '-D__KERNEL__', ...dirs.flatMap((d) => ['-I', d]), ...forced.flatMap((f) => ['-include', f])];
  let lines = 0;
  for (const file of files) {
    // __FILE__: cpp spells the main file as it was named on its command line, we by its path
    const named = `"${resolve(tree, file)}"`;
    const ours: string[] = runOurs(tree, file, dirs, [['__KERNEL__', '1']], forced).map((l) => l.split(named).join(`"${file}"`));
    assert.deepEqual(ours, runCpp(CROSS_CPP, args, tree, file), file);
    lines += ours.length;
  }
  t.diagnostic(`${files.length} files, ${lines} lines identical`);
});

// --- random programs ---------------------------------------------------------------------------

/** Random macro definitions and uses over tokens assembly cares about: #, ##, variadics, __VA_OPT__, calls across lines. */
function macroProgram(rng: Rng): string {
  const pick = <T>(a: readonly T[]): T => a[rng.below(a.length)];
  const names = ['A', 'B', 'C', 'F', 'G', 'H', 'x', 'y'];
  const atoms = ['"a\\"b"', "'\\''", '1', '2', 'x0', '#16', '\\reg', '\\()', ',', '(', ')', '+', '-', '.', '.L1', 'v0.16b', '"s"', "'c'", ';', '[', ']', '!', '<', '>', '=', '/', '*', 'L', '0x1f', '1f', 'e', '$', '@'];
  const plain = atoms.filter((a) => a !== '(' && a !== ')');
  const sp = (t: string): string => (rng.below(3) === 0 ? '' : ' ') + t;
  const body = (ps: string[], variadic: boolean): string => {
    const out: string[] = [];
    for (let n = rng.below(7), i = 0; i < n; i++) {
      const r = rng.below(10);
      if (r < 3 && ps.length) out.push(pick(ps));
      else if (r < 5) out.push(pick(names) + (rng.below(2) ? '(' + pick([...ps, ...atoms.slice(2, 6)]) + ')' : ''));
      else if (r === 5 && ps.length) out.push('#' + pick(ps));
      else if (r === 6 && out.length) out.push('##');
      else if (r === 7 && variadic) out.push(pick(['__VA_ARGS__', ', ## __VA_ARGS__', `__VA_OPT__(${pick(plain)})`, '#__VA_ARGS__']));
      else out.push(pick(atoms));
    }
    while (out.length && out[out.length - 1] === '##') out.pop();
    return out.map(sp).join('');
  };
  const lines: string[] = [];
  for (const n of names) {
    if (rng.below(4) === 0) continue;
    if (rng.below(2)) lines.push(`#define ${n}${body([], false)}`);
    else {
      const ps = ['a', 'b', 'c'].slice(0, rng.below(3));
      const variadic = rng.below(3) === 0;
      lines.push(`#define ${n}(${[...ps, ...(variadic ? ['...'] : [])].join(', ')})${body(ps, variadic)}`);
    }
  }
  for (let i = 0; i < 12; i++) {
    const parts: string[] = [];
    let depth = 0;
    for (let n = 1 + rng.below(8), j = 0; j < n; j++) {
      const r = rng.below(8);
      if (r < 3) {
        parts.push(pick(names));
        if (rng.below(2)) (parts.push('('), depth++);
      } else if (r === 3 && depth) (parts.push(')'), depth--);
      else if (r === 4 && depth) parts.push(rng.below(3) ? ',' : ',\n');
      else parts.push(pick(plain.filter((a) => a[0] !== "'" && a[0] !== '"')));
    }
    while (depth--) parts.push(')');
    lines.push('\t' + parts.map(sp).join(''));
  }
  return lines.join('\n') + '\n';
}

/** Random #if expressions: suffixes, bases, char constants, unsigned conversions, shifts, ?:, defined. */
function ifProgram(rng: Rng): string {
  const pick = <T>(a: readonly T[]): T => a[rng.below(a.length)];
  const nums = ['0', '1', '2', '7', '-1', '0x7fffffffffffffff', '0xffffffffffffffff', '18446744073709551615u', '9223372036854775807', '010', '0b101', '3u', '5UL', '4ll', "'a'", "'\\377'", "'\\n'", "'ab'", 'UNDEF', 'ONE', 'NEG', '64', '63'];
  const ops = ['+', '-', '*', '/', '%', '<<', '>>', '<', '>', '<=', '>=', '==', '!=', '&', '^', '|', '&&', '||'];
  const expr = (d: number): string => {
    const r = rng.below(10);
    if (d > 4 || r < 3) return pick(nums);
    if (r < 6) return `${expr(d + 1)} ${pick(ops)} ${expr(d + 1)}`;
    if (r === 6) return `${pick(['-', '~', '!', '+'])}${expr(d + 1)}`;
    if (r === 7) return `(${expr(d + 1)})`;
    if (r === 8) return `${expr(d + 1)} ? ${expr(d + 1)} : ${expr(d + 1)}`;
    return pick(['defined ONE', 'defined(NEG)', '!defined UNDEF']);
  };
  const lines = ['#define ONE 1', '#define NEG (-1)'];
  for (let i = 0; i < 40; i++) lines.push(`#if ${expr(0)}`, `t${i}`, '#else', `f${i}`, '#endif');
  return lines.join('\n') + '\n';
}

test('random macro programs and #if expressions: the same lines as cpp, and errors where cpp has them', (t) => {
  if (!requireOracle(t, has(CPP), `${CPP} (GCC's preprocessor)`)) return;
  const tmp = mkdtempSync(join(tmpdir(), 'a64-cpp-random-'));
  try {
    const file = join(tmp, 'random.S');
    const rounds = Number(process.env.CPP_RANDOM_ROUNDS ?? 150);
    for (let seed = 1; seed <= rounds; seed++) {
      for (const [kind, make] of [['macros', macroProgram], ['#if', ifProgram]] as const) {
        const text = make(new Rng(seed * 2 + (kind === 'macros' ? 0 : 1)));
        writeFileSync(file, text);
        const g = spawnSync(CPP, ['-x', 'assembler-with-cpp', '-P', '-undef', '-nostdinc', '-funsigned-char', file], { encoding: 'utf8' });
        const theirs = g.stdout.split('\n').map(fold).filter(Boolean);
        const r = preprocess({ file, text, host: { readFile: () => undefined }, includePaths: [], defines: new Map() });
        const ours = r.lines.map((l) => fold(l.text)).filter(Boolean);
        const what = `${kind} program of seed ${seed}:\n${text}`;
        assert.deepEqual(ours, theirs, what);
        assert.equal(r.diagnostics.some((d) => d.severity === 'error'), g.status !== 0, `errors differ for the ${what}\n${g.stderr}`);
      }
    }
    t.diagnostic(`${rounds} macro programs and ${rounds * 40} #if expressions identical`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
