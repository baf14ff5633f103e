// README's ABI rules and contracts sections are generated (scripts/gen-docs.ts, `npm run docs`)
// from RULES and CONTRACTS: this fails when README is out of date with them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONTRACT_NAMES } from '../server/src/analysis/contracts';
import { RULE_CODES } from '../server/src/analysis/rules';
import { SECTIONS, replaceSection, sectionBody } from '../scripts/gen-docs';
import { repoRoot } from './support/repo';

const README = readFileSync(join(repoRoot(), 'README.md'), 'utf8');

test('docs: README holds the generated ABI rules and contracts (run npm run docs after changing them)', () => {
  for (const name of ['abi-rules', 'abi-contracts']) {
    assert.equal(sectionBody(README, name), SECTIONS[name]().replace(/\n+$/, ''), `README section ${name} is out of date: run npm run docs`);
  }
  const rules = sectionBody(README, 'abi-rules');
  for (const code of RULE_CODES) assert.equal(rules.split(`### \`${code}\``).length, 2, `${code} documented once`);
  const contracts = sectionBody(README, 'abi-contracts');
  for (const name of CONTRACT_NAMES) assert.equal(contracts.split(`### \`${name}\` — `).length, 2, `${name} documented once`);
  assert.match(contracts, /aarch64-ftrace\.abi\.contracts/);
});

test('docs: replaceSection rewrites only between its markers and needs them', () => {
  const text = 'a\n<!-- generated:x (npm run docs) -->\nold\n<!-- /generated:x -->\nb\n';
  assert.equal(replaceSection(text, 'x', 'new\n'), 'a\n<!-- generated:x (npm run docs) -->\nnew\n<!-- /generated:x -->\nb\n');
  assert.equal(sectionBody(replaceSection(text, 'x', 'new'), 'x'), 'new');
  assert.throws(() => replaceSection(text, 'y', 'z'), /no '<!-- generated:y/);
});
