// README sections generated from the tables that define them (one place per ABI rule, C check,
// front-end code, contract, setting): each sits between `<!-- generated:NAME (npm run docs) -->`
// and `<!-- /generated:NAME -->` and is rewritten from SECTIONS. package.json's `contributes.configuration` is rewritten from
// SETTINGS too. Tests compare both against these renderers so they cannot drift.
// Usage: npm run docs  (= node scripts/build.mjs --tests && node out/scripts/gen-docs.js [--check])
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractsMarkdown } from '../server/src/analysis/contracts';
import { rulesMarkdown } from '../server/src/analysis/rules';
import { frontEndCodesMarkdown } from '../server/src/asm/front-end-codes';
import { cRulesMarkdown } from '../server/src/ftrace/c-rules';
import { RESTRICTED_SETTINGS, SECTION, SETTINGS, contributesConfiguration } from '../server/src/settings';

/** The settings reference: one table per titled section of SETTINGS, as VS Code shows them. */
export function settingsMarkdown(): string {
  // a table cell: `|` escaped; `<` outside code spans escaped (else `<buildDir>` reads as HTML)
  const cell = (t: string) =>
    t
      .replace(/\n/g, ' ')
      .split('`')
      .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;')))
      .join('`')
      .replace(/\|/g, '\\|');
  const out: string[] = [];
  for (const section of SETTINGS) {
    out.push(`### ${section.title}`, '', '| setting | default | meaning |', '|---|---|---|');
    for (const p of section.settings) {
      let meaning = p.description;
      if (p.enum) meaning += ` One of ${p.enum.map((e) => `\`${e}\``).join(', ')}.`;
      if (p.restricted) meaning += ' Not applied in an untrusted workspace.';
      if (p.clientOnly) meaning += ' VS Code only.';
      out.push(`| \`${SECTION}.${p.key}\` | \`${JSON.stringify(p.default)}\` | ${cell(meaning)} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** Section name → its generated Markdown (without the markers). */
export const SECTIONS: Readonly<Record<string, () => string>> = {
  'abi-rules': rulesMarkdown,
  'abi-contracts': contractsMarkdown,
  'c-checks': cRulesMarkdown,
  'front-end-diagnostics': frontEndCodesMarkdown,
  settings: settingsMarkdown,
};

/** package.json with `contributes.configuration` and the untrusted-workspace list made from SETTINGS. */
export function renderPackageJson(text: string): string {
  const pkg = JSON.parse(text);
  pkg.contributes.configuration = contributesConfiguration();
  pkg.capabilities.untrustedWorkspaces.restrictedConfigurations = RESTRICTED_SETTINGS;
  return JSON.stringify(pkg, null, 2) + '\n';
}

const begin = (name: string) => `<!-- generated:${name} (npm run docs) -->`;
const end = (name: string) => `<!-- /generated:${name} -->`;

function markers(text: string, name: string): { from: number; to: number } {
  const b = text.indexOf(begin(name));
  const e = text.indexOf(end(name));
  if (b < 0 || e < 0 || e < b) throw new Error(`README has no '${begin(name)}' … '${end(name)}' pair`);
  return { from: b + begin(name).length, to: e };
}

/** The text between a section's markers, without the blank lines around it. */
export function sectionBody(text: string, name: string): string {
  const { from, to } = markers(text, name);
  return text.slice(from, to).replace(/^\n+|\n+$/g, '');
}

/** `text` with the body of section `name` replaced by `body` (the markers stay; throws without them). */
export function replaceSection(text: string, name: string, body: string): string {
  const { from, to } = markers(text, name);
  return `${text.slice(0, from)}\n${body.replace(/\n+$/, '')}\n${text.slice(to)}`;
}

/** `text` with every section of `names` (default: all of SECTIONS) regenerated. */
export function renderSections(text: string, names: readonly string[] = Object.keys(SECTIONS)): string {
  let out = text;
  for (const name of names) out = replaceSection(out, name, SECTIONS[name]());
  return out;
}

function main(): void {
  const files: [string, (text: string) => string][] = [
    ['README.md', (t) => renderSections(t)],
    ['package.json', renderPackageJson],
  ];
  for (const [name, render] of files) {
    const path = join(process.cwd(), name);
    const text = readFileSync(path, 'utf8');
    const next = render(text);
    if (process.argv.includes('--check')) {
      if (next !== text) {
        console.error(`${name} is out of date: run npm run docs`);
        process.exitCode = 1;
      }
      continue;
    }
    if (next !== text) writeFileSync(path, next);
    console.log(next !== text ? `${name}: regenerated` : `${name} is up to date`);
  }
}

// run as a script (out/scripts/gen-docs.js), not when a test bundles the helpers
if (/gen-docs\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) main();
