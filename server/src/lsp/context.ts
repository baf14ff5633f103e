// What a language feature gets when the server registers it. Features are listed in
// server.ts; each one advertises its capabilities and installs its (guarded) handlers.
import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Log } from './connection-log';
import type { DocumentGuard } from './document-guard';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  /** Ask `guard.isDegraded(uri)` before doing any work on a document. */
  readonly guard: DocumentGuard;
  readonly log: Log;
}

export interface Feature {
  readonly name: string;
  /** Adds this feature's entries to the capabilities returned by initialize. */
  capabilities(caps: ServerCapabilities): void;
  /** Installs the handlers; wrap each one with `guarded()` from connection-log. */
  register(ctx: ServerContext): void;
}
