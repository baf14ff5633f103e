// The settings reference in README and package.json's contributes.configuration are generated
// from SETTINGS (scripts/gen-docs.ts, `npm run docs`): this fails when either is out of date.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderPackageJson, sectionBody, settingsMarkdown } from '../scripts/gen-docs';
import { SECTION, SETTINGS } from '../server/src/settings';
import { repoRoot } from './support/repo';

const read = (name: string) => readFileSync(join(repoRoot(), name), 'utf8');

test('README: the settings section is the one generated from SETTINGS (run npm run docs)', () => {
  const body = sectionBody(read('README.md'), 'settings');
  assert.equal(body, settingsMarkdown());
  for (const s of SETTINGS) {
    assert.ok(body.includes(`### ${s.title}\n`), s.title);
    for (const p of s.settings) assert.ok(body.includes(`| \`${SECTION}.${p.key}\` |`), p.key);
  }
});

test('package.json: contributes.configuration is the one generated from SETTINGS (run npm run docs)', () => {
  const text = read('package.json');
  assert.equal(renderPackageJson(text), text);
});
