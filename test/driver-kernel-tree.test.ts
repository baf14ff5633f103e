// The driver reading a configured kernel tree as a maintainer expects (synthetic trees in memory,
// written for these tests): the 'auto' era from the build dir or the source tree's version, the
// tree's asm/insn.h deciding which generators exist, the eras' arm64 basics (page size, VA bits),
// and undefined asm-offsets names without a build dir as one warning per name.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Driver, type DocumentAnalysis } from '../server/src/driver';
import { normalizeSettings } from '../server/src/settings';
import { eraOfVersion, makefileRelease, parseKernelRelease, utsRelease, V } from '../server/src/ftrace/kernel-version';
import { declaredGenerators } from '../server/src/ftrace/insn-api';

const host = (files: Record<string, string>) => ({ readFile: (p: string) => files[p] });
const MAKEFILE = (minor: number) => `# top Makefile\nVERSION = 6\nPATCHLEVEL = ${minor}\nSUBLEVEL = 40\nEXTRAVERSION =\n`;

function asm(files: Record<string, string>, text: string, settings: Record<string, unknown>, uri = 'file:///linux/arch/arm64/kernel/t.S'): DocumentAnalysis {
  return new Driver({ host: host(files), roots: ['/linux'] }).analyze({ uri, version: 1, text, languageId: 'aarch64-asm' }, normalizeSettings(settings));
}

describe("the 'auto' era", () => {
  it('parses release strings, utsrelease.h and the Makefile, and maps versions to eras', () => {
    assert.equal(parseKernelRelease('6.12.117+deb12-arm64'), V(6, 12));
    assert.equal(parseKernelRelease('abc'), undefined);
    assert.equal(utsRelease('#define UTS_RELEASE "6.1.192"\n'), '6.1.192');
    assert.equal(makefileRelease(MAKEFILE(6)), '6.6.40');
    assert.equal(makefileRelease('VERSION = 6\n'), undefined);
    assert.deepEqual([V(5, 4), V(5, 9), V(5, 15), V(6, 1), V(6, 2), V(6, 4), V(6, 6), V(6, 12), V(6, 15), V(6, 19)].map((v) => eraOfVersion(v).name),
      ['mcount', '5.5-with-regs', '5.10', '6.1', '6.2-with-args', '6.3-call-ops', '6.12', '6.12', '6.13+', 'newest']);
  });

  it("takes the build dir's release, else the source tree's Makefile, else a file comment, else the newest", () => {
    const files = {
      '/b/include/generated/utsrelease.h': '#define UTS_RELEASE "6.1.192"\n',
      '/b2/include/config/kernel.release': '5.10.200-arm64\n',
      '/linux/Makefile': MAKEFILE(12),
    };
    const build = asm(files, '\tnop\n', { buildDir: '/b', kernelSourceRoot: '/linux' });
    assert.equal(build.env.era.name, '6.1');
    assert.equal(build.env.eraSource, 'build dir');
    assert.match(build.env.eraReason, /6\.1\.192.*utsrelease\.h/);
    assert.equal(build.env.kernelVersion, V(6, 1));
    assert.equal(asm(files, '\tnop\n', { buildDir: '/b2' }).env.era.name, '5.10');
    const tree = asm(files, '// aarch64-ftrace: era=mcount\n\tnop\n', { kernelSourceRoot: '/linux' });
    assert.equal(tree.env.era.name, '6.12');
    assert.equal(tree.env.eraSource, 'source tree');
    assert.match(tree.env.eraReason, /6\.12\.40 \(\/linux\/Makefile\)/);
    const comment = asm(files, '// aarch64-ftrace: era=mcount\n\tnop\n', {});
    assert.equal(comment.env.era.name, 'mcount');
    assert.equal(comment.env.eraSource, 'file comment');
    const none = asm({}, '\tnop\n', { kernelSourceRoot: '/empty' });
    assert.equal(none.env.era.name, 'newest');
    assert.equal(none.env.eraSource, 'default');
    // an explicit era is the maintainer's choice, whatever the tree says
    const explicit = asm(files, '\tnop\n', { buildDir: '/b', era: 'mcount' });
    assert.equal(explicit.env.era.name, 'mcount');
    assert.equal(explicit.env.eraSource, 'settings');
  });
});

describe("the tree's asm/insn.h decides which generators exist", () => {
  // a header in insn.h's shape, written here: prototypes and a static inline fallback
  const INSN_H = [
    'u32 aarch64_insn_gen_nop(void);',
    'u32 aarch64_insn_gen_dmb(enum aarch64_insn_mb_type type);',
    'u32 aarch64_insn_gen_dsb(enum aarch64_insn_mb_type type);',
    'static inline u32 aarch64_insn_gen_atomic_ld_op(enum aarch64_insn_register result, int x)',
    '{ return AARCH64_BREAK_FAULT; }',
    '/* aarch64_insn_gen_branch_imm is mentioned in a comment only */',
  ].join('\n');
  const C = 'void f(u32 *p)\n{\n\tp[0] = aarch64_insn_gen_dsb(AARCH64_INSN_MB_ISH);\n\tp[1] = aarch64_insn_gen_branch_imm(0, 8, AARCH64_INSN_BRANCH_LINK);\n}\n';
  const check = (files: Record<string, string>, settings: Record<string, unknown>) =>
    new Driver({ host: host(files), roots: ['/linux'] })
      .analyze({ uri: 'file:///linux/arch/arm64/net/bpf_jit_comp.c', version: 1, text: C, languageId: 'c' }, normalizeSettings(settings))
      .diagnostics.filter((d) => d.code === 'insn/not-in-era')
      .map((d) => d.message);

  it('reads the declarations with the C scanner (comments are not declarations)', () => {
    assert.deepEqual([...declaredGenerators(INSN_H)].sort(), ['aarch64_insn_gen_atomic_ld_op', 'aarch64_insn_gen_dmb', 'aarch64_insn_gen_dsb', 'aarch64_insn_gen_nop']);
  });

  it('a stable backport declared by the tree is not reported; a generator the tree lacks is', () => {
    // without a tree, the version table: dsb is 6.15 in mainline
    assert.deepEqual(check({}, { era: '6.1' }), ['aarch64_insn_gen_dsb was added in 6.15; the selected kernel is 6.1']);
    const files = { '/linux/Makefile': MAKEFILE(1), '/linux/arch/arm64/include/asm/insn.h': INSN_H };
    assert.deepEqual(check(files, { kernelSourceRoot: '/linux' }), ["aarch64_insn_gen_branch_imm is not declared in the kernel tree's asm/insn.h; the selected kernel is 6.1"]);
  });
});

describe("the eras' typical configs have the arm64 basics", () => {
  const TEXT = [
    '#if CONFIG_PGTABLE_LEVELS > 3 && CONFIG_ARM64_VA_BITS >= 48',
    '\t.quad (1 << PAGE_SHIFT_OF_ERA)',
    '#else',
    '#error levels',
    '#endif',
    '\t.word CONFIG_NR_CPUS',
  ].join('\n');
  it('page shift, VA bits and levels are defined in every era', () => {
    for (const [era, shift] of [['5.10', 'CONFIG_ARM64_PAGE_SHIFT'], ['6.1', 'CONFIG_ARM64_PAGE_SHIFT'], ['6.12', 'CONFIG_PAGE_SHIFT'], ['newest', 'CONFIG_PAGE_SHIFT']]) {
      const a = asm({}, `#define PAGE_SHIFT_OF_ERA ${shift}\n${TEXT}\n`, { era });
      assert.deepEqual(a.diagnostics.map((d) => d.message), [], era);
      assert.equal(a.env.defines.get(shift), '12', era);
      assert.ok(a.env.defines.has('CONFIG_ARM64_4K_PAGES'), era);
    }
    assert.equal(asm({}, '\tnop\n', { era: '6.1' }).env.defines.get('CONFIG_PGTABLE_LEVELS'), '4');
    assert.equal(asm({}, '\tnop\n', { era: '6.12' }).env.defines.get('CONFIG_ARM64_VA_BITS'), '52');
  });
});

describe('undefined asm-offsets names without a build dir', () => {
  const TEXT = [
    '\t.macro\tflags, reg',
    '\tldr\t\\reg, [x0, #TSK_TI_FLAGS]',
    '\t.endm',
    '\tflags x1',
    '\tflags x2',
    '\tldr\tx3, [x0, #TSK_TI_FLAGS]',
    '\tmov\tx4, #NOT_GENERATED',
    '\t.macro\tbad',
    '\tmov\tx5, #also_undefined',
    '\t.endm',
    '\tbad',
    '\tbad',
  ].join('\n');
  const ASM_OFFSETS_C = 'int main(void)\n{\n  DEFINE(TSK_TI_FLAGS,\toffsetof(struct task_struct, thread_info.flags));\n  return 0;\n}\n';

  const summary = (a: DocumentAnalysis) => a.diagnostics.map((d) => `${d.origin.loc.line + 1}: ${d.level} ${d.message}${d.related?.length ? ` (+${d.related.length})` : ''}`);

  it("with a source tree: the tree's asm-offsets.c names are one warning each, at the first use", () => {
    const a = asm({ '/linux/arch/arm64/kernel/asm-offsets.c': ASM_OFFSETS_C }, TEXT, { kernelSourceRoot: '/linux' });
    assert.deepEqual(summary(a), [
      '2: warning TSK_TI_FLAGS is generated by kbuild (asm-offsets.h): set aarch64-ftrace.buildDir (CLI: --build) to a prepared build directory (+1)',
      '7: error undefined symbol NOT_GENERATED used as an immediate value',
      '9: error undefined symbol also_undefined used as an immediate value',
    ]);
    assert.equal(a.diagnostics[0].related![0].origin.loc.line, 5);
  });

  it("without a tree: the era tables' naming patterns; with the build dir's asm-offsets.h nothing is rewritten", () => {
    const a = asm({}, TEXT, {});
    assert.equal(a.diagnostics.filter((d) => /TSK_TI_FLAGS/.test(d.message)).length, 1);
    assert.equal(a.diagnostics.find((d) => /TSK_TI_FLAGS/.test(d.message))!.level, 'warning');
    const b = asm({ '/b/include/generated/asm-offsets.h': '#define S_X0 0\n' }, TEXT, { buildDir: '/b' });
    assert.deepEqual(b.diagnostics.filter((d) => /TSK_TI_FLAGS/.test(d.message)).map((d) => `${d.origin.loc.line + 1}: ${d.level}`), ['2: error', '6: error']);
  });
});
