// Tests for the TextMate grammar syntaxes/aarch64-asm.tmLanguage.json.
//
// 1. Runs vscode-tmgrammar-test over the fixtures in test-fixtures/grammar/*.S (each fixture is a
//    kernel-style .S file with `// ^^^ scope` assertion lines under the source lines).
// 2. Checks that the fixtures cover the grammar: every rule in the grammar's repository must have
//    one of its scopes asserted by some fixture, so that a new rule without a test fails here;
//    and, stricter, every scope name the grammar assigns must be asserted somewhere.
// 3. Checks the grammar's own consistency (includes resolve, every rule is reachable) and that the
//    fixtures only name scopes the grammar can produce (a misspelt `- scope` exclusion would
//    otherwise pass silently).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const GRAMMAR_PATH = 'syntaxes/aarch64-asm.tmLanguage.json';
const FIXTURE_DIR = 'test-fixtures/grammar';
const SCOPE_NAME = 'source.aarch64-asm';

/** The nearest ancestor of `start` holding a package.json (the bundled test runs from out/test/). */
function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${start}`);
    dir = up;
  }
}

const ROOT = findRepoRoot(__dirname);

// ------------------------------------------------------------------ grammar model

interface Capture {
  name?: string;
  contentName?: string;
  patterns?: Rule[];
}

interface Rule {
  include?: string;
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  captures?: Record<string, Capture>;
  beginCaptures?: Record<string, Capture>;
  endCaptures?: Record<string, Capture>;
  whileCaptures?: Record<string, Capture>;
  patterns?: Rule[];
  repository?: Record<string, Rule>;
}

interface Grammar {
  name: string;
  scopeName: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

function loadGrammar(): Grammar {
  return JSON.parse(readFileSync(join(ROOT, GRAMMAR_PATH), 'utf8')) as Grammar;
}

const CAPTURE_KEYS = ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures'] as const;

/** Calls `visit` on `rule` and every rule nested inline in it (not following includes). */
function walkInline(rule: Rule, visit: (r: Rule) => void): void {
  visit(rule);
  for (const key of CAPTURE_KEYS) {
    for (const cap of Object.values(rule[key] ?? {})) {
      if (cap.name || cap.contentName) visit({ name: cap.name, contentName: cap.contentName });
      for (const p of cap.patterns ?? []) walkInline(p, visit);
    }
  }
  for (const p of rule.patterns ?? []) walkInline(p, visit);
}

/** The scope names a rule assigns itself (its name, contentName, capture names, inline children). */
function ownScopes(rule: Rule): string[] {
  const scopes: string[] = [];
  walkInline(rule, (r) => {
    if (r.name) scopes.push(r.name);
    if (r.contentName) scopes.push(r.contentName);
  });
  return scopes;
}

/** The `#name` includes made anywhere inside a rule (inline children and capture patterns). */
function localIncludes(rule: Rule): string[] {
  const out: string[] = [];
  walkInline(rule, (r) => {
    if (r.include?.startsWith('#')) out.push(r.include.slice(1));
  });
  return out;
}

// ------------------------------------------------------------------ fixture assertions

// The same assertion syntax vscode-tmgrammar-test accepts (see its unit/parsing.js).
const UP_ARROW = /^\s*((?:(?:\^+)\s*)+)((?:\s*\w[-\w.]*)*)(?:\s*-)?((?:\s*\w[-\w.]*)*)\s*$/;
const LEFT_ARROW = /^(\s*)<([~]*)([-]+)((?:\s*\w[-\w.]*)*)(?:\s*-)?((?:\s*\w[-\w.]*)*)\s*$/;
const HEADER = /^(\S+)\s+SYNTAX\s+TEST\s+"([^"]+)"(?:\s+"([^"]+)")?\s*$/;

interface FixtureAssertions {
  file: string;
  required: Set<string>;
  excluded: Set<string>;
}

function fixtureFiles(): string[] {
  return readdirSync(join(ROOT, FIXTURE_DIR))
    .filter((f) => f.endsWith('.S'))
    .sort();
}

function parseFixture(file: string): FixtureAssertions {
  const lines = readFileSync(join(ROOT, FIXTURE_DIR, file), 'utf8').split(/\r?\n/);
  const header = HEADER.exec(lines[0] ?? '');
  assert.ok(header, `${file}: first line must be a SYNTAX TEST header`);
  const [, comment, scope] = header;
  assert.equal(scope, SCOPE_NAME, `${file}: header names the wrong scope`);
  const required = new Set<string>();
  const excluded = new Set<string>();
  const words = (s: string | undefined) => (s ?? '').split(/\s+/).filter((w) => w.length > 0);
  for (const line of lines.slice(1)) {
    if (!line.startsWith(comment)) continue;
    const rest = line.slice(comment.length);
    if (!/^\s*(\^|<~*-+)/.test(rest)) continue;
    const m = rest.trim().startsWith('^') ? UP_ARROW.exec(rest) : LEFT_ARROW.exec(rest);
    assert.ok(m, `${file}: malformed assertion: ${line}`);
    const [req, exc] = rest.trim().startsWith('^') ? [m[2], m[3]] : [m[4], m[5]];
    for (const s of words(req)) required.add(s);
    for (const s of words(exc)) excluded.add(s);
  }
  return { file, required, excluded };
}

// ------------------------------------------------------------------ tests

test('grammar fixtures pass vscode-tmgrammar-test', () => {
  const bin = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'vscode-tmgrammar-test.cmd' : 'vscode-tmgrammar-test');
  assert.ok(existsSync(bin), `${bin} is missing; run npm install`);
  const run = spawnSync(bin, ['-g', GRAMMAR_PATH, `${FIXTURE_DIR}/*.S`], {
    cwd: ROOT,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    timeout: 120_000,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  assert.equal(run.error, undefined, `could not run vscode-tmgrammar-test: ${String(run.error)}`);
  assert.equal(run.status, 0, `vscode-tmgrammar-test failed (exit ${run.status}):\n${output}`);
  // Every fixture must have been picked up and reported as passing.
  for (const f of fixtureFiles()) {
    assert.ok(output.includes(`${FIXTURE_DIR}/${f}`), `fixture ${f} was not run:\n${output}`);
  }
});

test('grammar has the expected identity and only resolvable includes', () => {
  const g = loadGrammar();
  assert.equal(g.scopeName, SCOPE_NAME);
  assert.equal(g.name, 'AArch64 Assembly');
  const keys = Object.keys(g.repository);
  const missing: string[] = [];
  for (const key of keys) {
    for (const inc of localIncludes(g.repository[key])) {
      if (!(inc in g.repository)) missing.push(`#${key} includes unknown #${inc}`);
    }
  }
  for (const p of g.patterns) {
    if (p.include?.startsWith('#') && !(p.include.slice(1) in g.repository)) missing.push(`top level includes unknown ${p.include}`);
  }
  assert.deepEqual(missing, []);

  // Every repository rule is reachable from the top-level patterns.
  const reached = new Set<string>();
  const queue: string[] = [];
  const reach = (names: string[]) => {
    for (const n of names) {
      if (!reached.has(n) && n in g.repository) {
        reached.add(n);
        queue.push(n);
      }
    }
  };
  for (const p of g.patterns) walkInline(p, (r) => reach(r.include?.startsWith('#') ? [r.include.slice(1)] : []));
  while (queue.length > 0) reach(localIncludes(g.repository[queue.shift() as string]));
  assert.deepEqual(keys.filter((k) => !reached.has(k)), [], 'repository rules never reached from the top level');

  // Scope names follow the convention of ending in the language suffix.
  const badScopes = new Set<string>();
  for (const key of keys) {
    for (const s of ownScopes(g.repository[key])) {
      for (const part of s.split(/\s+/)) if (!part.endsWith('.aarch64-asm')) badScopes.add(`${key}: ${part}`);
    }
  }
  assert.deepEqual([...badScopes], []);
});

test('every grammar repository rule is exercised by a fixture assertion', () => {
  const g = loadGrammar();
  const files = fixtureFiles();
  assert.ok(files.length > 0, `no fixtures in ${FIXTURE_DIR}`);
  const asserted = new Set<string>();
  for (const f of files) for (const s of parseFixture(f).required) asserted.add(s);

  const isAsserted = (scope: string) => scope.split(/\s+/).every((part) => asserted.has(part));
  const memo = new Map<string, boolean>();
  // A rule is covered when one of its own scopes is asserted; a rule that only groups other
  // rules (no scopes of its own) is covered when one of the rules it includes is covered.
  const covered = (key: string, seen: Set<string>): boolean => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (seen.has(key)) return false;
    seen.add(key);
    const rule = g.repository[key];
    const own = ownScopes(rule);
    const result = own.length > 0 ? own.some(isAsserted) : localIncludes(rule).some((inc) => inc in g.repository && covered(inc, seen));
    memo.set(key, result);
    return result;
  };
  const uncovered = Object.keys(g.repository)
    .filter((key) => !covered(key, new Set()))
    .map((key) => `${key} (scopes: ${ownScopes(g.repository[key]).join(', ') || 'none'})`);
  assert.deepEqual(uncovered, [], `grammar rules without any fixture assertion in ${FIXTURE_DIR}`);
});

test('every scope name the grammar assigns is asserted by a fixture', () => {
  const g = loadGrammar();
  const asserted = new Set<string>();
  for (const f of fixtureFiles()) for (const s of parseFixture(f).required) asserted.add(s);
  const unasserted = new Set<string>();
  for (const [key, rule] of Object.entries(g.repository)) {
    for (const s of ownScopes(rule)) for (const part of s.split(/\s+/)) if (!asserted.has(part)) unasserted.add(`${key}: ${part}`);
  }
  assert.deepEqual([...unasserted], [], `scopes never asserted in ${FIXTURE_DIR}`);
});

test('fixtures only name scopes the grammar produces', () => {
  const g = loadGrammar();
  const produced = new Set<string>([g.scopeName]);
  for (const rule of [...g.patterns, ...Object.values(g.repository)]) {
    for (const s of ownScopes(rule)) for (const part of s.split(/\s+/)) produced.add(part);
  }
  const unknown: string[] = [];
  for (const f of fixtureFiles()) {
    const { required, excluded } = parseFixture(f);
    for (const s of [...required, ...excluded]) if (!produced.has(s)) unknown.push(`${f}: ${s}`);
  }
  assert.deepEqual(unknown, []);
});
