// Kernel eras, the built-in asm-offsets tables, the asm-offsets.h parser, the provider's precedence
// and the describer. Also keeps test-fixtures/kernel/build/<era>/ (the generated headers of a
// "build directory" per era) in step with the tables: UPDATE_FIXTURES=1 rewrites them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import type { SourceHost } from '../server/src/asm/types';
import {
  asmOffsetsHeaderPath,
  asmOffsetsProvider,
  builtinAsmOffsets,
  describeAsmOffset,
  formatAsmOffsetsHeader,
  parseAsmOffsetsHeader,
  parseOffsetValue,
} from '../server/src/ftrace/asm-offsets';
import {
  DEFAULT_ERA_NAME,
  KERNEL_ERAS,
  EraName,
  defaultEra,
  eraDefines,
  eraNames,
  findEra,
  formatAutoconfHeader,
} from '../server/src/ftrace/eras';
import { repoRoot } from './support/repo';

const memHost = (files: Record<string, string>): SourceHost => ({ readFile: (p) => files[p] });
const value = (era: EraName, name: string): number | undefined => {
  const e = builtinAsmOffsets(era).get(name);
  return e === undefined ? undefined : Number(e.value);
};

// --- eras --------------------------------------------------------------------------------------

test('eras: the named eras exist, oldest first, newest is the default', () => {
  assert.deepEqual(eraNames(), ['mcount', '5.5-with-regs', '5.10', '6.1', '6.2-with-args', '6.3-call-ops', '6.12', '6.13+', 'newest']);
  assert.equal(DEFAULT_ERA_NAME, 'newest');
  assert.equal(defaultEra().name, 'newest');
  for (const e of KERNEL_ERAS) assert.ok(e.description.length > 40 && e.config.length > 0 && e.symbols.length > 0, e.name);
});

test('eras: lookup by name, alias, version, case and a leading v', () => {
  assert.equal(findEra('6.1')?.name, '6.1');
  assert.equal(findEra('v6.1')?.name, '6.1');
  assert.equal(findEra('WITH-ARGS')?.name, '6.2-with-args');
  assert.equal(findEra('6.6')?.name, '6.12');
  assert.equal(findEra('mainline')?.name, 'newest');
  assert.equal(findEra(' 5.5 ')?.name, '5.5-with-regs');
  assert.equal(findEra('6.13')?.name, '6.13+');
  assert.equal(findEra('2.6'), undefined);
  const aliases = KERNEL_ERAS.flatMap((e) => [e.name, ...e.aliases].map((a) => a.toLowerCase()));
  assert.equal(new Set(aliases).size, aliases.length, 'an alias names two eras');
});

test('eras: config symbols follow the timeline', () => {
  const has = (era: EraName, sym: string) => eraDefines(findEra(era)!).has(sym);
  assert.ok(!has('mcount', 'CONFIG_DYNAMIC_FTRACE_WITH_REGS') && has('mcount', 'CONFIG_DYNAMIC_FTRACE'));
  assert.ok(has('5.5-with-regs', 'CONFIG_DYNAMIC_FTRACE_WITH_REGS') && !has('5.5-with-regs', 'CONFIG_ARM64_BTI_KERNEL'));
  assert.ok(has('6.1', 'CONFIG_ARM64_BTI_KERNEL') && !has('6.1', 'CONFIG_DYNAMIC_FTRACE_WITH_ARGS'));
  assert.ok(has('6.2-with-args', 'CONFIG_DYNAMIC_FTRACE_WITH_ARGS') && !has('6.2-with-args', 'CONFIG_DYNAMIC_FTRACE_WITH_REGS'));
  assert.ok(has('6.3-call-ops', 'CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS') && !has('6.3-call-ops', 'CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS'));
  for (const e of ['6.12', '6.13+', 'newest'] as const) assert.ok(has(e, 'CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS'), e);
  assert.equal(eraDefines(findEra('6.3-call-ops')!).get('CONFIG_FUNCTION_ALIGNMENT'), '8');
  assert.equal(eraDefines(findEra('6.3-call-ops')!).get('CONFIG_DYNAMIC_FTRACE'), '1');
});

// --- built-in tables ---------------------------------------------------------------------------

test('tables: pt_regs offsets shared by every era', () => {
  for (const era of eraNames()) {
    for (let n = 0; n <= 28; n += 2) assert.equal(value(era, `S_X${n}`), 8 * n, `${era} S_X${n}`);
    assert.equal(value(era, 'S_X1'), undefined, `${era}: odd S_X are not asm-offsets after v5.0`);
    assert.equal(value(era, 'S_LR'), 240, era);
    assert.equal(value(era, 'S_SP'), 248, era);
    assert.equal(value(era, 'S_PC'), 256, era);
    assert.equal(value(era, 'S_PSTATE'), 264, era);
    assert.equal(value(era, 'S_SYSCALLNO'), 280, era);
    assert.equal(value(era, 'AARCH64_INSN_SIZE'), 4, era);
  }
});

test('tables: pt_regs tail and size per era', () => {
  assert.equal(value('mcount', 'S_FP'), undefined, 'S_FP arrived with the 2019 WITH_REGS series');
  assert.equal(value('mcount', 'S_FRAME_SIZE'), 320);
  assert.equal(value('mcount', 'S_ORIG_ADDR_LIMIT'), 288);
  assert.equal(value('5.5-with-regs', 'S_FP'), 232);
  assert.equal(value('5.5-with-regs', 'S_FRAME_SIZE'), 320);
  assert.equal(builtinAsmOffsets('5.5-with-regs').get('S_FRAME_SIZE')!.verified, false, 'the 2019 size is derived');
  assert.equal(value('5.10', 'S_FRAME_SIZE'), 336);
  assert.equal(value('5.10', 'S_STACKFRAME'), 304);
  assert.equal(value('5.10', 'PT_REGS_SIZE'), undefined);
  assert.equal(value('6.1', 'PT_REGS_SIZE'), 336);
  assert.equal(value('6.1', 'S_FRAME_SIZE'), undefined);
  assert.equal(value('6.1', 'S_SDEI_TTBR1'), 288);
  assert.equal(value('6.1', 'S_ORIG_ADDR_LIMIT'), undefined);
  assert.equal(value('6.1', 'S_PMR_SAVE'), 296);
  assert.equal(value('6.13+', 'S_PMR'), 284);
  assert.equal(value('6.13+', 'S_PMR_SAVE'), undefined);
  assert.equal(value('6.13+', 'S_STACKFRAME'), 296);
  assert.equal(value('6.13+', 'S_STACKFRAME_TYPE'), 312);
  assert.equal(value('6.13+', 'PT_REGS_SIZE'), 336);
  assert.equal(value('newest', 'PT_REGS_SIZE'), 320);
  // every frame the trampolines build stays 16-byte aligned
  for (const era of eraNames()) {
    const size = value(era, 'PT_REGS_SIZE') ?? value(era, 'S_FRAME_SIZE')!;
    assert.equal(size % 16, 0, era);
  }
});

test('tables: ftrace_regs, ftrace_ops and fgraph_ret_regs per era', () => {
  for (const era of ['mcount', '5.5-with-regs', '5.10', '6.1'] as const) assert.equal(value(era, 'FREGS_SIZE'), undefined, era);
  for (const era of ['6.2-with-args', '6.3-call-ops', '6.12', '6.13+', 'newest'] as const) {
    assert.deepEqual(
      ['FREGS_X0', 'FREGS_X2', 'FREGS_X4', 'FREGS_X6', 'FREGS_X8', 'FREGS_FP', 'FREGS_LR', 'FREGS_SP', 'FREGS_PC', 'FREGS_SIZE'].map((n) => value(era, n)),
      [0, 16, 32, 48, 64, 80, 88, 96, 104, 112],
      era,
    );
    assert.equal((value(era, 'FREGS_SIZE')! + 32) % 16, 0);
  }
  assert.equal(value('6.2-with-args', 'FTRACE_OPS_FUNC'), undefined);
  assert.equal(value('6.3-call-ops', 'FTRACE_OPS_FUNC'), 0);
  assert.equal(value('6.3-call-ops', 'FREGS_DIRECT_TRAMP'), undefined);
  assert.equal(value('6.12', 'FREGS_DIRECT_TRAMP'), 72);
  assert.equal(value('newest', 'FREGS_DIRECT_TRAMP'), 72);
  const dc = builtinAsmOffsets('6.12').get('FTRACE_OPS_DIRECT_CALL')!;
  assert.equal(dc.verified, false);
  assert.match(dc.note!, /config dependent/);
  assert.equal(value('6.12', 'FGRET_REGS_X7'), 56);
  assert.equal(value('6.12', 'FGRET_REGS_SIZE'), 80);
  assert.equal(value('6.13+', 'FGRET_REGS_SIZE'), undefined, 'return_to_handler saves ftrace_regs from 6.13');
});

// --- parser ------------------------------------------------------------------------------------

test('parser: numbers as asm-offsets.h spells them', () => {
  assert.equal(parseOffsetValue('240'), 240n);
  assert.equal(parseOffsetValue('-1'), -1n);
  assert.equal(parseOffsetValue('0x150'), 336n);
  assert.equal(parseOffsetValue('(-12636160)'), -12636160n);
  assert.equal(parseOffsetValue('#24'), 24n);
  assert.equal(parseOffsetValue('4096UL'), 4096n);
  assert.equal(parseOffsetValue('5769270003974144000'), 5769270003974144000n);
  assert.equal(parseOffsetValue('sizeof(x)'), undefined);
  assert.equal(parseOffsetValue(''), undefined);
});

test('parser: a generated asm-offsets.h', () => {
  const text = [
    '#ifndef __ASM_OFFSETS_H__',
    '#define __ASM_OFFSETS_H__',
    '/*',
    ' * header comment',
    ' */',
    '',
    '#define TSK_ACTIVE_MM 1232 /* offsetof(struct task_struct, active_mm) */',
    '',
    '#define S_X0 0 /* offsetof(struct pt_regs, regs[0]) */',
    '#  define   S_LR\t240\t/* offsetof(struct pt_regs, regs[30]) */',
    '#define PT_REGS_SIZE 0x150',
    '#define TRAMP_VALIAS -4398082195456 /* TRAMP_VALIAS */',
    '#define NOT_A_NUMBER (sizeof(struct foo)) /* nope */',
    '#endif',
    '',
  ].join('\r\n');
  const p = parseAsmOffsetsHeader(text);
  assert.deepEqual([...p.values.keys()], ['TSK_ACTIVE_MM', 'S_X0', 'S_LR', 'PT_REGS_SIZE', 'TRAMP_VALIAS']);
  assert.equal(p.values.get('S_LR')!.value, 240n);
  assert.equal(p.values.get('S_LR')!.line, 9);
  assert.equal(p.values.get('S_LR')!.comment, 'offsetof(struct pt_regs, regs[30])');
  assert.equal(p.values.get('PT_REGS_SIZE')!.value, 336n);
  assert.equal(p.values.get('PT_REGS_SIZE')!.comment, undefined);
  assert.equal(p.values.get('TRAMP_VALIAS')!.value, -4398082195456n);
  assert.deepEqual(p.skipped.map((s) => s.line), [12]);
});

test('parser: reads back every formatted table', () => {
  for (const era of eraNames()) {
    const p = parseAsmOffsetsHeader(formatAsmOffsetsHeader(era));
    assert.equal(p.skipped.length, 0, era);
    for (const [name, e] of builtinAsmOffsets(era)) {
      if (e.kind === 'header-constant') assert.equal(p.values.has(name), false, `${era}: ${name} is not an asm-offset`);
      else assert.equal(p.values.get(name)?.value, e.value, `${era}: ${name}`);
    }
  }
  assert.match(formatAsmOffsetsHeader('6.1'), /^#define S_X2 16 \/\* offsetof\(struct pt_regs, regs\[2\]\) \*\/$/m);
});

// --- provider ----------------------------------------------------------------------------------

test('provider: built-in table of the chosen era, or of the default era', () => {
  const host = memHost({});
  const p = asmOffsetsProvider({ era: '5.10', host });
  assert.deepEqual(p('S_FRAME_SIZE'), { value: 336n, source: 'built-in table for era 5.10', verified: true });
  assert.equal(p('FREGS_SIZE'), undefined);
  assert.equal(p('NO_SUCH_OFFSET'), undefined);
  assert.equal(p.buildStatus, 'none');
  assert.deepEqual(p.problems, []);
  const d = asmOffsetsProvider({ host });
  assert.equal(d.era.name, 'newest');
  assert.equal(d('PT_REGS_SIZE')!.source, 'built-in table for era newest');
  const u = asmOffsetsProvider({ era: 'v2.6', host });
  assert.equal(u.era.name, 'newest');
  assert.match(u.problems[0], /unknown kernel era 'v2\.6'/);
  const n = asmOffsetsProvider({ era: findEra('6.12')!, host })('FTRACE_OPS_DIRECT_CALL')!;
  assert.equal(n.verified, false);
  assert.match(n.note!, /config dependent/);
});

test('provider: a build directory wins over the built-in table', () => {
  const dir = '/build/linux-arm64';
  const file = asmOffsetsHeaderPath(dir);
  assert.equal(file, join(dir, 'include', 'generated', 'asm-offsets.h'));
  const header = [
    '#define S_X0 0 /* offsetof(struct pt_regs, regs[0]) */',
    '#define PT_REGS_SIZE 352 /* sizeof(struct pt_regs) */',
    '#define FTRACE_OPS_DIRECT_CALL 192 /* offsetof(struct ftrace_ops, direct_call) */',
    '#define S_POR_EL1 288 /* offsetof(struct pt_regs, por_el1) */',
  ].join('\n');
  const p = asmOffsetsProvider({ era: 'newest', buildDir: dir, host: memHost({ [file]: header }) });
  assert.equal(p.buildStatus, 'loaded');
  assert.equal(p.buildFile, file);
  assert.deepEqual(p('PT_REGS_SIZE'), { value: 352n, source: `build dir ${dir}`, verified: true });
  assert.deepEqual(p('FTRACE_OPS_DIRECT_CALL'), { value: 192n, source: `build dir ${dir}`, verified: true });
  assert.equal(p('S_POR_EL1')!.value, 288n, 'names only the build knows');
  assert.equal(p('S_LR')!.source, 'built-in table for era newest', 'names the build lacks fall back to the table');
  assert.ok(p.names().includes('S_POR_EL1') && p.names().includes('FREGS_SIZE'));
});

test('provider: a build directory without the header falls back, and says so', () => {
  const p = asmOffsetsProvider({ era: '6.1', buildDir: '/nowhere', host: memHost({}) });
  assert.equal(p.buildStatus, 'missing');
  assert.equal(p('PT_REGS_SIZE')!.source, 'built-in table for era 6.1');
  assert.match(p.problems.join('\n'), /asm-offsets\.h not found/);
});

// --- describer ---------------------------------------------------------------------------------

test('describer: the struct field behind each symbol', () => {
  assert.equal(describeAsmOffset('S_X2')!.text, 'regs[2] in struct pt_regs');
  assert.equal(describeAsmOffset('S_FP')!.text, 'regs[29] (fp) in struct pt_regs');
  assert.equal(describeAsmOffset('S_LR')!.text, 'regs[30] (lr) in struct pt_regs');
  assert.equal(describeAsmOffset('S_STACKFRAME_TYPE')!.field, 'stackframe.type');
  assert.equal(describeAsmOffset('S_FRAME_SIZE')!.text, 'sizeof(struct pt_regs)');
  assert.equal(describeAsmOffset('PT_REGS_SIZE')!.expression, 'sizeof(struct pt_regs)');
  assert.equal(describeAsmOffset('FREGS_LR')!.text, 'lr in struct ftrace_regs');
  assert.equal(describeAsmOffset('FREGS_LR', '6.13+')!.text, 'lr in struct __arch_ftrace_regs');
  assert.equal(describeAsmOffset('FREGS_X8', '6.2-with-args')!.expression, 'offsetof(struct ftrace_regs, regs[8])');
  assert.equal(describeAsmOffset('FREGS_DIRECT_TRAMP')!.field, 'direct_tramp');
  assert.equal(describeAsmOffset('FGRET_REGS_X3')!.text, 'regs[3] in struct fgraph_ret_regs');
  assert.equal(describeAsmOffset('FTRACE_OPS_FUNC')!.text, 'func in struct ftrace_ops');
  assert.equal(describeAsmOffset('FTRACE_OPS_DIRECT_CALL')!.text, 'direct_call in struct ftrace_ops');
  assert.match(describeAsmOffset('AARCH64_INSN_SIZE')!.text, /A64 instruction/);
  assert.equal(describeAsmOffset('S_X31'), undefined);
  assert.equal(describeAsmOffset('TSK_ACTIVE_MM'), undefined);
  for (const era of eraNames()) for (const name of builtinAsmOffsets(era).keys()) assert.ok(describeAsmOffset(name, era), `${era}: ${name}`);
});

// --- the per-era build directories of test-fixtures/kernel/build/ ------------------------------

test('fixtures: test-fixtures/kernel/build/<era> holds the generated headers of each era', () => {
  const update = process.env.UPDATE_FIXTURES === '1';
  const stale: string[] = [];
  for (const era of KERNEL_ERAS) {
    const gen = join(repoRoot(), 'test-fixtures', 'kernel', 'build', era.name, 'include', 'generated');
    for (const [file, text] of [
      ['asm-offsets.h', formatAsmOffsetsHeader(era)],
      ['autoconf.h', formatAutoconfHeader(era)],
    ] as const) {
      const path = join(gen, file);
      if (update) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) stale.push(path);
    }
  }
  assert.deepEqual(stale, [], 'out of step with the tables; regenerate with UPDATE_FIXTURES=1 npm test');
});
