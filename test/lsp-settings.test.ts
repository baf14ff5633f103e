// The settings schema shared by client and server: package.json is generated from it, the server
// normalises what editors send, pulls per document and re-pulls on didChangeConfiguration.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eraNames } from '../server/src/ftrace/eras';
import {
  DEFAULT_SETTINGS,
  ERA_CHOICES,
  RESTRICTED_SETTINGS,
  SETTINGS,
  contributesConfiguration,
  normalizeSettings,
  ruleSeverity,
} from '../server/src/settings';
import { COMMANDS } from '../server/src/lsp/protocol';
import { ROOT, Session } from './lsp-harness';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { configuration: unknown; commands: { command: string; title: string; category?: string }[] };
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  scripts: Record<string, string>;
};

describe('settings schema (unit)', () => {
  it('is what package.json contributes, in titled sections', () => {
    assert.deepEqual(pkg.contributes.configuration, contributesConfiguration());
    assert.deepEqual(
      SETTINGS.map((s) => s.title),
      ['Server', 'Kernel tree', 'Diagnostics', 'Inlay hints & lenses', 'C files'],
    );
  });

  it('restricts the path settings in untrusted workspaces', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, RESTRICTED_SETTINGS);
    assert.deepEqual(RESTRICTED_SETTINGS, ['aarch64-ftrace.includePaths', 'aarch64-ftrace.includeFiles', 'aarch64-ftrace.kernelSourceRoot', 'aarch64-ftrace.buildDir', 'aarch64-ftrace.kconfig']);
  });

  it('contributes the four commands with a category, and the bench:lsp script', () => {
    const byId = new Map(pkg.contributes.commands.map((c) => [c.command, c]));
    assert.equal(byId.get(COMMANDS.decodeWord)?.title, 'Decode Instruction Word…');
    assert.equal(byId.get(COMMANDS.showListing)?.title, 'Show Assembled Listing');
    assert.equal(byId.get(COMMANDS.showPatchSites)?.title, 'Show Patch Sites');
    assert.equal(byId.get(COMMANDS.restartServer)?.title, 'Restart Server');
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'AArch64 ftrace');
    assert.match(pkg.scripts['bench:lsp'], /bench-lsp/);
  });

  it('offers exactly the eras the ftrace core knows, plus auto', () => {
    assert.deepEqual(ERA_CHOICES, ['auto', ...eraNames()]);
  });

  it('normalises nested, dotted and malformed input to the defaults', () => {
    assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings('junk'), DEFAULT_SETTINGS);
    const s = normalizeSettings({
      'aarch64-ftrace': {
        inlayHints: { enable: false },
        'codeLens.patchSites': false,
        era: '6.1',
        includePaths: ['inc', 42, null],
        maxFileSize: -5,
        config: { CONFIG_SHADOW_CALL_STACK: true, CONFIG_X: 'm', CONFIG_Y: { bad: 1 } },
        diagnostics: { severity: { 'abi/*': 'info', 'asm/x': 'loud' } },
      },
    });
    assert.equal(s.inlayHints.enable, false);
    assert.equal(s.inlayHints.word, true);
    assert.equal(s.codeLens.patchSites, false);
    assert.equal(s.era, '6.1');
    assert.deepEqual(s.includePaths, ['inc']);
    assert.equal(s.maxFileSize, DEFAULT_SETTINGS.maxFileSize);
    assert.deepEqual(s.config, { CONFIG_SHADOW_CALL_STACK: 'y', CONFIG_X: 'm' });
    assert.deepEqual(s.diagnostics.severity, { 'abi/*': 'information' });
    assert.equal(normalizeSettings({ era: 'no-such-era' }).era, 'auto');
  });

  it('gives a rule its own severity, else its family, else the core one', () => {
    const s = normalizeSettings({ diagnostics: { severity: { 'abi/*': 'hint', 'abi/stack-imbalance': 'off' } } });
    assert.equal(ruleSeverity(s, 'abi/stack-imbalance', 'error'), 'off');
    assert.equal(ruleSeverity(s, 'abi/missing-bti', 'error'), 'hint');
    assert.equal(ruleSeverity(s, 'asm/unknown-mnemonic', 'error'), 'error');
  });
});

describe('settings over the protocol', { timeout: 60_000 }, () => {
  const s = new Session({ era: 'mcount' });
  before(() => s.start());
  after(() => s.stop());

  it('pulls the settings per document (workspace/configuration with the scope URI)', async () => {
    const h = await s.hoverAt('era.S', '\tstr\tx30, [sp, #S_L|R]\n');
    assert.match(h!.contents.value, /built-in table for era mcount/);
    const pulls = s.client.serverRequests.filter((r) => r.method === 'workspace/configuration');
    assert.ok(pulls.length >= 1);
    const item = (pulls[0].params as { items: { scopeUri?: string; section?: string }[] }).items[0];
    assert.equal(item.section, 'aarch64-ftrace');
    assert.match(item.scopeUri ?? '', /era\.S$/);
  });

  it('pulls again after didChangeConfiguration, and sends the status of the new era', async () => {
    const uri = s.uri('era2.S');
    s.open(uri, '\tstr\tx30, [sp, #S_LR]\n');
    await s.client.waitForNotification<{ uri: string; era: string }>('aarch64-ftrace/status', (p) => p.uri === uri && p.era === 'mcount');
    s.settings = { era: '6.12' };
    s.client.notify('workspace/didChangeConfiguration', { settings: null });
    const status = await s.client.waitForNotification<{ uri: string; era: string; details: string[] }>('aarch64-ftrace/status', (p) => p.uri === uri && p.era === '6.12', { fromNow: true });
    assert.match(status.details.join('\n'), /era 6\.12 .*from the settings/);
    const h = await s.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 17 } });
    assert.match(h.contents.value, /built-in table for era 6\.12/);
  });
});

describe('settings pushed by a client that cannot answer a pull', { timeout: 60_000 }, () => {
  const s = new Session();
  before(async () => {
    // an editor without workspace/configuration: answers it with an error
    s.client.onRequest('workspace/configuration', () => {
      throw new Error('unsupported');
    });
    await s.start();
  });
  after(() => s.stop());

  it('uses the settings of didChangeConfiguration', async () => {
    s.client.notify('workspace/didChangeConfiguration', { settings: { 'aarch64-ftrace': { era: '5.5-with-regs' } } });
    // the first pull fails, then the pushed settings apply
    await s.hoverAt('first.S', '\tnop|\n');
    const h = await s.hoverAt('pushed.S', '\tstr\tx30, [sp, #S_L|R]\n');
    assert.match(h!.contents.value, /era 5\.5-with-regs/);
  });
});
