// Every diagnostic code is defined in exactly one table — the front end's (asm/front-end-codes.ts),
// the ABI checker's (analysis/rules.ts), the C checker's (ftrace/c-rules.ts) — and every table
// code is emitted somewhere: the sources are read here, and real runs of the cores are checked
// against the tables' severities. README's sections and the severity setting follow the tables.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { SECTIONS, sectionBody } from '../scripts/gen-docs';
import { RULES, RULE_CODES } from '../server/src/analysis/rules';
import { FRONT_END_CODES, FRONT_END_CODE_LIST } from '../server/src/asm/front-end-codes';
import { assemble } from '../server/src/asm/gas';
import type { Diagnostic } from '../server/src/asm/types';
import { ALL_CODES, CODE_FAMILIES, SEVERITY_KEYS, codeInfo, isSeverityKey } from '../server/src/diagnostic-codes';
import { checkCSource } from '../server/src/ftrace/c-check';
import { C_RULES, C_RULE_CODES } from '../server/src/ftrace/c-rules';
import { contributesConfiguration, normalizeSettings, ruleSeverity } from '../server/src/settings';
import { repoRoot } from './support/repo';

const ROOT = repoRoot();
const SRC = join(ROOT, 'server/src');
const TABLES = new Set(['asm/front-end-codes.ts', 'analysis/rules.ts', 'ftrace/c-rules.ts', 'diagnostic-codes.ts']);

function sources(dir: string, out: { path: string; text: string }[] = []): { path: string; text: string }[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts')) out.push({ path: relative(SRC, p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
  }
  return out;
}

const FILES = sources(SRC).filter((f) => !TABLES.has(f.path));
const FAMILY = new RegExp(`^(${CODE_FAMILIES.join('|')})/`);
const LITERAL = /(['"`])([a-z][a-z0-9]*\/[a-z0-9][a-z0-9-]*)\1/g;
// a code where one is emitted: `code: 'x/y'`, or an argument of diag/err/warn/note/report
const EMITTED = /(?:\bcode:\s*|\b(?:diag|err|warn|note|report)\((?:[^,()]*,\s*){0,2})(['"`])([a-z][a-z0-9]*\/[a-z0-9][a-z0-9-]*)\1/g;

test('codes: each is defined once, in one table, with a family and a severity', () => {
  const all = [...FRONT_END_CODE_LIST, ...RULE_CODES, ...C_RULE_CODES];
  assert.equal(new Set(all).size, all.length, 'a code in two tables');
  assert.deepEqual([...ALL_CODES].sort(), [...all].sort());
  for (const code of all) {
    assert.match(code, /^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/, code);
    const info = codeInfo(code)!;
    assert.ok(info.severities.length >= 1 && info.title.length > 0, code);
  }
  // a family belongs to one table
  const familyOf = (codes: readonly string[]) => new Set(codes.map((c) => c.slice(0, c.indexOf('/'))));
  const fams = [familyOf(FRONT_END_CODE_LIST), familyOf(RULE_CODES), familyOf(C_RULE_CODES)];
  for (let i = 0; i < fams.length; i++) for (let j = i + 1; j < fams.length; j++) for (const f of fams[i]) assert.ok(!fams[j].has(f), `family ${f} in two tables`);
  assert.deepEqual([...CODE_FAMILIES].sort(), ['abi', 'asm', 'cpp', 'ftrace', 'insn', 'kconfig']);
});

test('codes: every code literal in the sources is in a table, and every table code is emitted somewhere', () => {
  const seen = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const f of FILES) {
    for (const m of f.text.matchAll(LITERAL)) {
      if (!FAMILY.test(m[2])) continue;
      (seen.get(m[2]) ?? seen.set(m[2], []).get(m[2])!).push(f.path);
      if (!codeInfo(m[2])) unknown.push(`${f.path}: ${m[2]}`);
    }
    for (const m of f.text.matchAll(EMITTED)) if (!codeInfo(m[2])) unknown.push(`${f.path}: ${m[2]} (emitted)`);
    // a code made at run time cannot be checked against the tables
    const built = new RegExp(`\`(${CODE_FAMILIES.join('|')})/[^\`]*\\$\\{`).exec(f.text);
    assert.equal(built, null, `${f.path}: a code built from a template (${built?.[0]}); write each code as a literal`);
  }
  assert.deepEqual(unknown, [], 'codes used but defined in no table');
  const unused = ALL_CODES.filter((c) => !seen.has(c));
  assert.deepEqual(unused, [], 'table codes no source emits');
});

test('codes: emit sites take the checkers\' severities from the tables; front-end sites use the levels their table lists', () => {
  // the checkers: no severity literal outside their tables (report() and findings read C_RULES / RULES)
  for (const f of FILES.filter((x) => x.path.startsWith('ftrace/') || x.path.startsWith('analysis/'))) {
    assert.equal(/severity:\s*'(error|warning|info)'/.exec(f.text), null, `${f.path} writes a severity literal`);
    assert.equal(/report\(ctx,\s*'(error|warning|info)'/.exec(f.text), null, `${f.path} passes a severity to report()`);
  }
  // the front end: each (level, code) written at an emit site is one its table lists
  const pairs: [string, string, string][] = [];
  for (const f of FILES.filter((x) => x.path.startsWith('asm/'))) {
    for (const m of f.text.matchAll(/\b(err|warn)\(\s*'([a-z]+\/[a-z0-9-]+)'/g)) pairs.push([f.path, m[1] === 'err' ? 'error' : 'warning', m[2]]);
    for (const m of f.text.matchAll(/\b(?:diag|note)\(\s*'(error|warning|info)',\s*'([a-z]+\/[a-z0-9-]+)'/g)) pairs.push([f.path, m[1], m[2]]);
    for (const m of f.text.matchAll(/severity:\s*'(error|warning|info)',\s*code:\s*'([a-z]+\/[a-z0-9-]+)'/g)) pairs.push([f.path, m[1], m[2]]);
    for (const m of f.text.matchAll(/code:\s*'([a-z]+\/[a-z0-9-]+)',[^}\n]*severity:\s*'(error|warning|info)'/g)) pairs.push([f.path, m[2], m[1]]);
  }
  assert.ok(pairs.length > 100, `found ${pairs.length} front-end emit sites`);
  for (const [path, level, code] of pairs) assert.ok(codeInfo(code)?.severities.includes(level as never), `${path}: ${code} emitted as ${level}, its table lists ${codeInfo(code)?.severities}`);
});

// real runs: what the cores report is in the tables, at a level the table gives the code
function assertTabled(ds: readonly Diagnostic[], what: string): Set<string> {
  const codes = new Set<string>();
  for (const d of ds) {
    const info = codeInfo(d.code);
    assert.ok(info, `${what}: ${d.code} is in no table (${d.message})`);
    assert.ok(info.severities.includes(d.severity), `${what}: ${d.code} reported as ${d.severity}, its table lists ${info.severities}`);
    codes.add(d.code);
  }
  return codes;
}

test('codes: the C checker reports at its table\'s severity on every fixture', () => {
  const dir = join(ROOT, 'test-fixtures/c');
  const seen = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.c'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    const version = /fixture-c:.*version=(\S+)/.exec(text.split('\n')[0])?.[1];
    const ds = checkCSource(text, join(dir, f), { version });
    for (const c of assertTabled(ds, f)) seen.add(c);
    for (const d of ds) assert.equal(d.severity, C_RULES[d.code as keyof typeof C_RULES].severity, `${f}: ${d.code}`);
  }
  assert.deepEqual(C_RULE_CODES.filter((c) => !seen.has(c)), [], 'C codes no fixture produces');
});

test('codes: the front end reports codes of its table at the levels it lists', () => {
  const files: Record<string, string> = { '/t/inc.S': '.include "/t/inc.S"\n' };
  const cases = [
    '#define\n', '#include\n', '#line x\n', '#include "nope.h"\n', '#define A 1\n#define A 2\n', '#define F(a) a\nF(1, 2)\n',
    '#define F(a) a\nF(1\n', '#if 1 +\n#endif\n', '#endif\n', '#if 1\n', '/* open\n', '#error stop\n', '#warning careful\n',
    '#pragma GCC warning "w"\n', '#pragma GCC error "e"\n', '#if 99999999999999999999\n#endif\n',
    'frob x0\n', 'add x0, x1, #1, lsl #3\n', '.arch armv8-z\n', 'mov x0, #undefined_sym\n', '.byte 300\n',
    'a:\na:\n', '.macro m\n.endm\n.macro m\n.endm\n', '.purge nosuch\n', '.macro m a\n.endm\nm b=1\n', '.frobnicate\n',
    '.incbin "x"\n', '.space -1\n', '.space 1/0\n', '.endif\n', '.endm\n', '.if 1\n', '.include "missing.S"\n', '.err\n', '.warning "w"\n',
    '.print "p"\n', '.req\n', 'x .req x1\nx .req x2\n', 'paciasp\n.arch armv8-a\nldaddal x0, x1, [x2]\n', 'usedfirst\n.macro usedfirst\n.endm\n',
  ];
  const seen = new Set<string>();
  for (const text of cases) {
    const r = assemble({ file: '/t/a.S', text, host: { readFile: (p) => files[p] }, includePaths: [], defines: new Map() });
    for (const c of assertTabled([...r.preprocess.diagnostics, ...r.diagnostics], JSON.stringify(text))) seen.add(c);
  }
  // most codes are reached by these few lines (limits and cycles need bigger inputs)
  assert.ok(seen.size >= 30, `${seen.size} front-end codes seen: ${[...seen].join(' ')}`);
});

test('docs: README holds the generated C checks and front-end diagnostics (run npm run docs)', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const name of ['c-checks', 'front-end-diagnostics']) assert.equal(sectionBody(readme, name), SECTIONS[name]().replace(/\n+$/, ''), `README section ${name} is out of date: run npm run docs`);
  const c = sectionBody(readme, 'c-checks');
  for (const code of C_RULE_CODES) {
    assert.equal(c.split(`### \`${code}\``).length, 2, `${code} documented once`);
    assert.ok(c.includes(`| \`${code}\` | ${C_RULES[code].severity} |`), code);
  }
  const fe = sectionBody(readme, 'front-end-diagnostics');
  for (const code of FRONT_END_CODE_LIST) assert.ok(fe.includes(`| \`${code}\` | ${FRONT_END_CODES[code].severities.join(', ')} |`), code);
});

test('settings: diagnostics.severity takes every code, every family and "*", and nothing else', () => {
  const raw: Record<string, string> = {};
  for (const k of SEVERITY_KEYS) raw[k] = 'hint';
  raw['asm/no-such-code'] = 'off';
  raw['nope/*'] = 'off';
  const s = normalizeSettings({ diagnostics: { severity: raw } });
  assert.deepEqual(Object.keys(s.diagnostics.severity).sort(), [...SEVERITY_KEYS].sort());
  for (const code of ALL_CODES) assert.ok(isSeverityKey(code) && isSeverityKey(code.replace(/\/.*/, '/*')), code);
  // a code of each table, its family and '*'
  for (const code of ['cpp/missing-include', 'asm/unknown-directive', RULE_CODES[0], 'insn/bool-as-enum', 'ftrace/non-cmodx-patch', 'kconfig/unknown-symbol']) {
    assert.equal(ruleSeverity(normalizeSettings({ diagnostics: { severity: { [code]: 'off' } } }), code, 'error'), 'off', code);
    assert.equal(ruleSeverity(normalizeSettings({ diagnostics: { severity: { [code.replace(/\/.*/, '/*')]: 'INFO' } } }), code, 'error'), 'information', code);
  }
  assert.equal(ruleSeverity(normalizeSettings({ diagnostics: { severity: { '*': 'hint' } } }), 'insn/wrong-enum', 'error'), 'hint');
  // the schema editors check settings.json against names the same keys
  const prop = contributesConfiguration().flatMap((x) => Object.entries(x.properties)).find(([k]) => k === 'aarch64-ftrace.diagnostics.severity')![1];
  assert.deepEqual((prop.propertyNames as { enum: string[] }).enum, SEVERITY_KEYS);
  for (const f of CODE_FAMILIES) assert.match(String(prop.markdownDescription), new RegExp(`"${f}/\\*"`));
  assert.equal(RULES['abi/missing-bti'].severity, 'error');
});
