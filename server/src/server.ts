// The aarch64-ftrace language server. Transport: IPC under the VS Code client (--node-ipc),
// stdio with --stdio (the default when no transport argument is given), or --socket/--pipe.
// For now it only syncs documents; features register themselves through `ServerContext`.
import {
  createConnection,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../package.json';
import { ConnectionLog, guarded, installProcessGuards } from './lsp/connection-log';
import type { Feature, ServerContext } from './lsp/context';
import { DocumentGuard, degradedMessage, formatSize, maxFileSizeFrom } from './lsp/document-guard';
import { createFeatures } from './lsp/features';

const TRANSPORT_ARGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];
const isTransportArg = (a: string) => TRANSPORT_ARGS.some((t) => a === t || a.startsWith(t + '='));
let transport = process.argv.slice(2).find(isTransportArg);
if (transport === undefined) {
  // createConnection() reads the transport from argv; `node dist/server.js` alone means stdio.
  process.argv.push('--stdio');
  transport = '--stdio';
}

const connection = createConnection(ProposedFeatures.all);
const log = new ConnectionLog(connection.console);
installProcessGuards(log);

const documents = new TextDocuments(TextDocument);
const guard = new DocumentGuard();
/** Last version classified per open document, so open + first change are not measured twice. */
const classified = new Map<string, { version: number; size: number }>();

/** Language features, in registration order (lsp/features.ts lists them). */
const features: readonly Feature[] = createFeatures();
const ctx: ServerContext = { connection, documents, guard, log };

function capabilities(): ServerCapabilities {
  const caps: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  };
  for (const f of features) f.capabilities(caps);
  return caps;
}

connection.onInitialize(
  guarded(
    log,
    'initialize',
    (params: InitializeParams): InitializeResult => {
      guard.maxFileSize = maxFileSizeFrom(params.initializationOptions);
      const client = params.clientInfo ? `${params.clientInfo.name} ${params.clientInfo.version ?? ''}`.trim() : 'unknown client';
      log.info(`aarch64-ftrace ${version} starting (node ${process.version}, pid ${process.pid}, ${transport.replace(/^--/, '')}, ${client})`);
      const folders = params.workspaceFolders ?? [];
      if (folders.length > 0) {
        log.info(`workspace folders: ${folders.map((f) => f.uri).join(', ')}`);
      } else {
        log.info(`no workspace folder${params.rootUri ? ` (root ${params.rootUri})` : ''}`);
      }
      log.info(`documents larger than ${formatSize(guard.maxFileSize)} or binary get highlighting only`);
      return { capabilities: capabilities(), serverInfo: { name: 'aarch64-ftrace', version } };
    },
    // Only if the above threw: plain document sync keeps the session usable.
    {
      capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
      serverInfo: { name: 'aarch64-ftrace', version },
    },
  ),
);

for (const f of features) {
  try {
    f.register(ctx);
  } catch (err) {
    log.error(`feature ${f.name} failed to register`, err);
  }
}

connection.onInitialized(guarded(log, 'initialized', () => log.info('initialized'), undefined));

/** Classifies a document (once per version) and tells the user the first time it is degraded. */
function check(doc: TextDocument): { size: number } {
  const last = classified.get(doc.uri);
  if (last && last.version === doc.version) return last;
  const { classification, notify } = guard.update(doc.uri, doc.getText());
  const entry = { version: doc.version, size: classification.size };
  classified.set(doc.uri, entry);
  if (notify) {
    log.warn(`${doc.uri}: degraded (${classification.reason}), highlighting only`);
    // A plain window/showMessage notification (showInformationMessage would be a request).
    void connection
      .sendNotification(ShowMessageNotification.type, {
        type: MessageType.Info,
        message: degradedMessage(doc.uri, classification, guard.maxFileSize),
      })
      .catch((err: unknown) => log.error(`showMessage failed for ${doc.uri}`, err));
  }
  return entry;
}

documents.onDidOpen(
  guarded(
    log,
    'textDocument/didOpen',
    (e) => {
      const { size } = check(e.document);
      const state = guard.isDegraded(e.document.uri) ? `, degraded: ${guard.reason(e.document.uri)}` : '';
      log.info(`opened ${e.document.uri} (${formatSize(size)}, ${e.document.lineCount} line${e.document.lineCount === 1 ? '' : 's'}, v${e.document.version}${state})`);
    },
    undefined,
  ),
);

documents.onDidChangeContent(
  guarded(
    log,
    'textDocument/didChange',
    (e) => {
      check(e.document);
    },
    undefined,
  ),
);

documents.onDidClose(
  guarded(
    log,
    'textDocument/didClose',
    (e) => {
      const size = classified.get(e.document.uri)?.size ?? Buffer.byteLength(e.document.getText(), 'utf8');
      classified.delete(e.document.uri);
      guard.forget(e.document.uri);
      log.info(`closed ${e.document.uri} (${formatSize(size)})`);
    },
    undefined,
  ),
);

connection.onShutdown(guarded(log, 'shutdown', () => log.info('shutdown requested'), undefined));

documents.listen(connection);
connection.listen();
