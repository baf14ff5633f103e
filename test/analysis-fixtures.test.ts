// The ABI checker over the kernel-style fixtures, through the real front end and the driver (as
// the editor and `check` run it): the correct ones give nothing in every era; each buggy one gives
// its rule at the line marked `// BUG(...)`, and the offered fix repairs it.
import { diskHost } from '../server/src/disk-host';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic, Fix } from '../server/src/asm/types';
import { DEFAULT_CORES, Driver } from '../server/src/driver';
import { DEFAULT_SETTINGS, Settings } from '../server/src/settings';
import { repoRoot } from './support/repo';

const ROOT = repoRoot();
const BUGGY = join(ROOT, 'test-fixtures/kernel/buggy');
const host = diskHost;
const driver = new Driver({ host, cores: DEFAULT_CORES, roots: [ROOT] });
let version = 0;

/** Era and config changes from the fixture's header lines. */
function settingsOf(text: string, era?: string): Settings {
  const config: Record<string, string> = {};
  for (const c of (/^\/\/ fixture-config: (.*)$/m.exec(text)?.[1] ?? '').split(/\s+/).filter(Boolean)) config[c.slice(1)] = c.startsWith('+') ? 'y' : 'n';
  return { ...DEFAULT_SETTINGS, era: era ?? /^\/\/ fixture-era: (\S+)$/m.exec(text)![1], config };
}

function abi(file: string, text: string, era?: string): Diagnostic[] {
  const a = driver.analyze({ uri: file, version: ++version, text }, settingsOf(text, era));
  const errors = a.diagnostics.filter((d) => !d.code.startsWith('abi/') && d.severity === 'error');
  assert.deepEqual(errors.map((d) => d.message), [], `${file}: front end errors`);
  return a.diagnostics.filter((d) => d.code.startsWith('abi/'));
}

function applyFix(text: string, fix: Fix): string {
  const lines = text.split('\n');
  for (const e of [...fix.edits].sort((a, b) => b.loc.line - a.loc.line || b.loc.startCol - a.loc.startCol)) {
    const l = lines[e.loc.line] ?? '';
    lines.splice(e.loc.line, 1, ...(l.slice(0, e.loc.startCol) + e.newText + l.slice(e.loc.endCol)).split('\n'));
  }
  return lines.join('\n');
}

/** Lines (0-based) of the file a diagnostic stands at: its own and the macro invocations around it. */
const linesOf = (d: Diagnostic, file: string) => [...(d.origin.loc.file === file ? [d.origin.loc.line] : []), ...d.origin.stack.filter((f) => f.at.file === file).map((f) => f.at.line)];

test('abi fixtures: the correct fixtures give no ABI diagnostic in any era they are written for', () => {
  const cases: [string, string][] = [
    ['test-fixtures/entry-ftrace.S', 'newest'],
    ['test-fixtures/entry-ftrace.S', '6.13+'],
    ['test-fixtures/entry-ftrace.S', '6.12'],
    ['test-fixtures/entry-ftrace.S', '6.3-call-ops'],
    ['test-fixtures/entry-ftrace.S', '6.2-with-args'],
    ['test-fixtures/kernel/entry-ftrace-mcount.S', 'mcount'],
    ['test-fixtures/kernel/entry-ftrace-5.5-with-regs.S', '5.5-with-regs'],
    ['test-fixtures/kernel/entry-ftrace-5.5-with-regs.S', '5.10'],
    ['test-fixtures/kernel/entry-ftrace-6.1.S', '6.1'],
  ];
  for (const [f, era] of cases) {
    const file = join(ROOT, f);
    const ds = abi(file, readFileSync(file, 'utf8'), era);
    assert.deepEqual(ds.map((d) => `${d.origin.loc.line + 1}: ${d.code}: ${d.message}`), [], `${f} (${era})`);
  }
});

/** What each buggy fixture must produce at its BUG lines (the checklist item → our rule code). */
const EXPECTED: Record<string, string> = {
  'x9-not-restored.S': 'abi/lr-convention',
  'x8-not-saved.S': 'abi/argument-not-restored',
  'misaligned-sp.S': 'abi/stack-misaligned',
  'wrong-restore-slot.S': 'abi/restore-slot-mismatch',
  'plain-ret.S': 'abi/lr-convention',
  'missing-bti-c.S': 'abi/missing-bti',
  'x28-scratch-not-restored.S': 'abi/callee-saved-clobbered',
  'graph-caller-undefined-in-ifdef.S': 'abi/branch-target-undefined',
  'graph-branch-outside-ifdef.S': 'abi/branch-target-condition',
  'graph-call-with-args.S': 'abi/graph-call-unpatched',
  'x16-as-callsite.S': 'abi/plt-scratch-read',
  'x17-clobbered-before-br.S': 'abi/direct-target-clobbered',
  'ops-overwritten.S': 'abi/ops-clobbered',
  'spsr-read-in-trampoline.S': 'abi/exception-state-access',
};

test('abi fixtures: each buggy fixture is reported at its BUG line, and the fix repairs it', () => {
  const files = readdirSync(BUGGY).filter((f) => f.endsWith('.S'));
  for (const name of files) {
    const file = join(BUGGY, name);
    const text = readFileSync(file, 'utf8');
    const ds = abi(file, text);
    const code = EXPECTED[name];
    assert.ok(code, `${name}: no expected rule listed`);
    const bugLines = text.split('\n').flatMap((l, i) => (/\/\/ BUG\(/.test(l) ? [i] : []));
    assert.ok(bugLines.length > 0, name);
    for (const line of bugLines) {
      assert.ok(
        ds.some((d) => d.code === code && linesOf(d, file).includes(line)),
        `${name}: expected ${code} at line ${line + 1}; got ${ds.map((d) => `${d.code}@${linesOf(d, file).map((l) => l + 1)}`).join(', ')}`,
      );
    }
    // every diagnostic names the rule's register or symbol and a path or an entry
    for (const d of ds) assert.match(d.message, /contract [a-z-]+/, `${name}: ${d.message}`);
  }
});

test('abi fixtures: quick-fixes repair the buggy fixtures that have a mechanical repair', () => {
  for (const name of ['wrong-restore-slot.S', 'plain-ret.S', 'missing-bti-c.S']) {
    const file = join(BUGGY, name);
    let text = readFileSync(file, 'utf8');
    // apply one fix at a time (the positions of later ones move)
    for (let round = 0; round < 4; round++) {
      const d = abi(file, text).find((x) => x.fixes?.length);
      if (!d) break;
      text = applyFix(text, d.fixes![0]);
    }
    assert.deepEqual(abi(file, text).map((d) => `${d.code}@${d.origin.loc.line + 1}`), [], `${name} after its fixes`);
  }
  // the slot fix uses the file's own spelling of the slot
  const wrong = join(BUGGY, 'wrong-restore-slot.S');
  const d = abi(wrong, readFileSync(wrong, 'utf8'))[0];
  assert.equal(d.fixes?.[0].edits[0].newText, '[sp, #FREGS_X2]');
});

test('abi fixtures: an entry that reaches an operand with an undefined symbol is not checked (its offsets are placeholders)', () => {
  // entry-ftrace.S's return_to_handler uses FREGS_* also without WITH_ARGS; the mcount era's
  // tables have none, so its slots would all be offset 0 and every restore would look wrong
  const file = join(ROOT, 'test-fixtures/entry-ftrace.S');
  const text = readFileSync(file, 'utf8');
  const a = driver.analyze({ uri: file, version: ++version, text }, { ...DEFAULT_SETTINGS, era: 'mcount' });
  const undef = a.diagnostics.filter((d) => d.code === 'asm/undefined-symbol');
  assert.ok(undef.length > 0, 'the mcount era lacks FREGS_*');
  assert.deepEqual(a.diagnostics.filter((d) => d.code.startsWith('abi/')).map((d) => `${d.code}@${d.origin.loc.line + 1}: ${d.message}`), []);
  const rth = a.abi?.entries.find((e) => e.symbol === 'return_to_handler');
  assert.ok(rth, 'return_to_handler is an entry');
  assert.notEqual(rth.unresolvedAt, undefined);
  // and the same file in an era that defines them is checked normally
  const b = driver.analyze({ uri: file, version: ++version, text }, { ...DEFAULT_SETTINGS, era: '6.12' });
  assert.equal(b.abi?.entries.find((e) => e.symbol === 'return_to_handler')?.unresolvedAt, undefined);
});
