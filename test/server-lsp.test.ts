// The language server over stdio: initialize, document sync, degraded documents, resilience,
// shutdown/exit. Runs the built dist/server.js (node scripts/build.mjs).
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver';
import { guarded, uriOf, type Log } from '../server/src/lsp/connection-log';
import { DocumentGuard, classify, looksBinary, maxFileSizeFrom } from '../server/src/lsp/document-guard';
import { LspClient, LspResponseError, fileUri, repoRoot } from './lsp-client';

const ROOT = repoRoot();
const SERVER = join(ROOT, 'dist', 'server.js');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const TIMEOUT = 10_000;

interface LogParams {
  type: number;
  message: string;
}

const MESSAGE_TYPE_INFO = 3;
const METHOD_NOT_FOUND = -32601;

const ENTRY_S = [
  '/* SPDX-License-Identifier: GPL-2.0-only */',
  '#include <linux/linkage.h>',
  '',
  'SYM_CODE_START(ftrace_caller)',
  '\tbti\tc',
  '\tsub\tsp, sp, #FREGS_SIZE',
  '\tstp\tx0, x1, [sp, #FREGS_X0]',
  '\tret',
  'SYM_CODE_END(ftrace_caller)',
  '',
].join('\n');

function binaryText(): string {
  const bytes = randomBytes(16 * 1024);
  for (let i = 0; i < bytes.length; i += 97) bytes[i] = 0;
  return bytes.toString('latin1');
}

function open(client: LspClient, uri: string, text: string, version = 1): void {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'aarch64-asm', version, text } });
}

function logged(client: LspClient, needle: string): Promise<LogParams> {
  return client.waitForNotification<LogParams>('window/logMessage', (p) => p.message.includes(needle));
}

describe('language server over stdio', { timeout: 60_000 }, () => {
  const client = new LspClient({ serverPath: SERVER, timeoutMs: TIMEOUT });
  after(() => client.kill());

  const workspace = fileUri('/tmp/aarch64-ftrace-ws');
  const normal = fileUri('/tmp/aarch64-ftrace-ws/arch/arm64/kernel/entry-ftrace.S');
  const binary = fileUri('/tmp/aarch64-ftrace-ws/vmlinux.S');
  const large = fileUri('/tmp/aarch64-ftrace-ws/huge.S');
  const showMessagesFor = (uri: string) =>
    client.received<LogParams>('window/showMessage').filter((p) => p.message.includes(uri.slice(uri.lastIndexOf('/') + 1)));

  it('answers initialize with serverInfo and incremental text sync', async () => {
    const result = await client.initialize<{
      capabilities: { textDocumentSync?: { openClose?: boolean; change?: number } };
      serverInfo?: { name: string; version?: string };
    }>({ workspaceFolders: [{ uri: workspace, name: 'ws' }], rootUri: workspace });
    assert.equal(result.serverInfo?.name, 'aarch64-ftrace');
    assert.equal(result.serverInfo?.version, VERSION);
    assert.deepEqual(result.capabilities.textDocumentSync, { openClose: true, change: 2 });
    await logged(client, 'starting');
    await logged(client, workspace);
  });

  it('logs a normal document with its size and does not degrade it', async () => {
    open(client, normal, ENTRY_S);
    const m = await logged(client, `opened ${normal}`);
    assert.match(m.message, new RegExp(`${Buffer.byteLength(ENTRY_S)} B`));
    assert.doesNotMatch(m.message, /degraded/);
    assert.equal(showMessagesFor(normal).length, 0);
  });

  it('tells the user once that a binary document gets highlighting only', async () => {
    open(client, binary, binaryText());
    const shown = await client.waitForNotification<LogParams>('window/showMessage', (p) => p.message.includes('vmlinux.S'));
    assert.equal(shown.type, MESSAGE_TYPE_INFO);
    assert.match(shown.message, /highlighting only/);
    assert.match(shown.message, /binary/);
    assert.match((await logged(client, `opened ${binary}`)).message, /degraded: binary/);
  });

  it('degrades a 5 MiB document', async () => {
    const text = '\tnop\n'.repeat((5 * 1024 * 1024) / 5);
    open(client, large, text);
    const shown = await client.waitForNotification<LogParams>('window/showMessage', (p) => p.message.includes('huge.S'));
    assert.equal(shown.type, MESSAGE_TYPE_INFO);
    assert.match(shown.message, /larger than 4\.0 MiB \(5\.0 MiB\)/);
  });

  it('applies incremental edits to all three documents without dying', async () => {
    let version = 1;
    for (const uri of [normal, binary, large]) {
      client.notify('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// edited\n' },
          { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } }, text: 'x' },
          // out of range: clamped by the document, must not throw
          { range: { start: { line: 9_999_999, character: 0 }, end: { line: 9_999_999, character: 3 } }, text: '\n' },
        ],
      });
    }
    // a change for a document that was never opened
    client.notify('textDocument/didChange', {
      textDocument: { uri: fileUri('/tmp/never-opened.S'), version: 1 },
      contentChanges: [{ text: 'whole' }],
    });
    const error = await client.requestRaw('aarch64-ftrace/noSuchRequest', {});
    assert.equal(error.error?.code, METHOD_NOT_FOUND);
  });

  it('survives malformed notifications', async () => {
    client.notify('textDocument/didOpen', {});
    client.notify('textDocument/didOpen', { textDocument: { uri: 42, text: null } });
    client.notify('textDocument/didChange', { textDocument: { uri: normal, version: 99 }, contentChanges: [{ range: 'bad' }] });
    client.notify('textDocument/didClose', { textDocument: null });
    await assert.rejects(client.request('aarch64-ftrace/noSuchRequest', {}), (e: unknown) => {
      assert.ok(e instanceof LspResponseError);
      assert.equal(e.code, METHOD_NOT_FOUND);
      return true;
    });
    assert.equal(client.hasExited, false);
  });

  it('reports a degraded document only once per session', async () => {
    client.notify('textDocument/didClose', { textDocument: { uri: binary } });
    await logged(client, `closed ${binary}`);
    open(client, binary, binaryText(), 7);
    await client.waitForNotification<LogParams>(
      'window/logMessage',
      (p) => p.message.startsWith(`opened ${binary}`) && p.message.includes('v7'),
    );
    assert.equal(showMessagesFor(binary).length, 1);
    assert.equal(showMessagesFor(large).length, 1);
    assert.equal(showMessagesFor(normal).length, 0);
  });

  it('still answers requests, then exits with code 0 after shutdown', async () => {
    const r = await client.requestRaw('textDocument/hover', { textDocument: { uri: normal }, position: { line: 3, character: 2 } });
    assert.equal(r.error, undefined, 'hover answers after binary and huge documents were opened');
    const status = await client.shutdownAndExit();
    assert.deepEqual(status, { code: 0, signal: null });
  });
});

describe('server process lifecycle', { timeout: 30_000 }, () => {
  it('exits with code 1 on exit without shutdown', async () => {
    const client = new LspClient({ serverPath: SERVER, timeoutMs: TIMEOUT });
    try {
      await client.initialize();
      client.notify('exit');
      assert.deepEqual(await client.waitForExit(), { code: 1, signal: null });
    } finally {
      client.kill();
    }
  });

  it('defaults to stdio when no transport argument is given', async () => {
    const client = new LspClient({ serverPath: SERVER, args: [], timeoutMs: TIMEOUT });
    try {
      const result = await client.initialize<{ serverInfo?: { name: string } }>();
      assert.equal(result.serverInfo?.name, 'aarch64-ftrace');
      assert.equal((await client.shutdownAndExit()).code, 0);
    } finally {
      client.kill();
    }
  });

  it('honours initializationOptions.maxFileSize', async () => {
    const client = new LspClient({ serverPath: SERVER, timeoutMs: TIMEOUT });
    try {
      await client.initialize({ initializationOptions: { maxFileSize: 100 } });
      open(client, fileUri('/tmp/small-limit.S'), ENTRY_S);
      const shown = await client.waitForNotification<LogParams>('window/showMessage');
      assert.match(shown.message, /small-limit\.S: highlighting only, because it is larger than 100 B/);
      assert.equal((await client.shutdownAndExit()).code, 0);
    } finally {
      client.kill();
    }
  });

  it('speaks LSP over node IPC with --node-ipc', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    try {
      const reply = new Promise<{ id?: number; result?: { serverInfo?: { name: string } } }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no IPC reply within 10 s')), TIMEOUT);
        child.on('message', (m: { id?: number }) => {
          if (m.id === 1) {
            clearTimeout(timer);
            resolve(m);
          }
        });
        child.on('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`server exited with ${code}`));
        });
      });
      child.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
      assert.equal((await reply).result?.serverInfo?.name, 'aarch64-ftrace');
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('document guard (unit)', () => {
  it('classifies text, binary and oversized documents', () => {
    assert.deepEqual(classify(ENTRY_S), { degraded: false, size: Buffer.byteLength(ENTRY_S) });
    assert.equal(classify('mov x0, x1\u0000').reason, 'binary');
    assert.equal(classify('\x01\x02\x03abcdefg').reason, 'binary');
    assert.equal(looksBinary('\tldr\tx0, [x1]\r\n\f\v'), false);
    assert.equal(looksBinary(''), false);
    // a NUL past the first 64 KiB is not looked at
    assert.equal(looksBinary('a'.repeat(64 * 1024) + '\u0000'), false);
    assert.equal(classify('é'.repeat(60), 100).reason, 'too-large'); // 120 UTF-8 bytes
    assert.equal(classify('e'.repeat(100), 100).degraded, false);
    assert.equal(maxFileSizeFrom({ maxFileSize: 1000 }), 1000);
    assert.equal(maxFileSizeFrom({ maxFileSize: -1 }), 4 * 1024 * 1024);
    assert.equal(maxFileSizeFrom(null), 4 * 1024 * 1024);
  });

  it('tracks degraded URIs and notifies once', () => {
    const g = new DocumentGuard(10);
    assert.equal(g.update('file:///a.S', 'x'.repeat(11)).notify, true);
    assert.equal(g.isDegraded('file:///a.S'), true);
    assert.equal(g.update('file:///a.S', 'x'.repeat(12)).notify, false);
    assert.equal(g.update('file:///a.S', 'x').notify, false);
    assert.equal(g.isDegraded('file:///a.S'), false);
    g.update('file:///a.S', '\u0000');
    g.forget('file:///a.S');
    assert.equal(g.isDegraded('file:///a.S'), false);
  });
});

describe('handler guard (unit)', () => {
  const errors: string[] = [];
  const log: Log = { info: () => undefined, warn: () => undefined, error: (m) => void errors.push(m) };
  const params = { textDocument: { uri: 'file:///x.S' } };

  it('logs a throwing handler with the document URI and answers the fallback', async () => {
    errors.length = 0;
    const h = guarded(log, 'textDocument/hover', (_p: typeof params): string | null => {
      throw new Error('boom');
    }, null);
    assert.equal(h(params), null);
    const a = guarded(log, 'textDocument/inlayHint', async (_p: typeof params): Promise<number[]> => {
      throw new Error('async boom');
    }, []);
    assert.deepEqual(await a(params), []);
    assert.deepEqual(errors, ['textDocument/hover failed for file:///x.S', 'textDocument/inlayHint failed for file:///x.S']);
  });

  it('passes results and protocol errors through', async () => {
    assert.equal(guarded(log, 'ok', (n: number) => n + 1, 0)(1), 2);
    const cancelled = guarded(log, 'c', (): null => {
      throw new ResponseError(-32800, 'cancelled');
    }, null);
    assert.throws(() => cancelled(), ResponseError);
    assert.equal(uriOf({ document: { uri: 'file:///d.S' } }), 'file:///d.S');
    assert.equal(uriOf(undefined), undefined);
  });
});
