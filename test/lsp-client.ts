// A small LSP-over-stdio client for tests: spawns `node dist/server.js --stdio`, frames
// messages with Content-Length, matches responses to requests by id, records notifications,
// answers server-to-client requests, and puts a timeout on every wait so no test can hang.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** The nearest ancestor of `start` holding a package.json (tests run from out/test/). */
export function repoRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${start}`);
    dir = up;
  }
}

export interface ResponseErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: ResponseErrorObject;
}

export interface Notification {
  method: string;
  params: unknown;
}

/** Thrown by `request` when the server answers with a JSON-RPC error. */
export class LspResponseError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(`${method}: ${message} (code ${code})`);
  }
}

export interface SpawnOptions {
  /** Server entry point; default `<repo>/dist/server.js`. */
  serverPath?: string;
  /** Arguments after the script; default ['--stdio']. */
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Default timeout for every wait on this client. */
  timeoutMs?: number;
}

type ServerRequestHandler = (params: unknown) => unknown;

interface Pending {
  method: string;
  resolve: (m: Message) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

interface Waiter {
  method: string;
  predicate: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class LspClient {
  readonly notifications: Notification[] = [];
  /** Requests the server sent to us (window/workDoneProgress/create, ...), in order. */
  readonly serverRequests: Notification[] = [];
  stderr = '';
  readonly timeoutMs: number;

  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer: Buffer = Buffer.alloc(0);
  /** Set when the server wrote something that is not LSP framing; the server is then killed. */
  protocolError: string | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private waiters: Waiter[] = [];
  private readonly handlers = new Map<string, ServerRequestHandler>();
  private exitStatus: ExitStatus | undefined;
  private readonly exited: Promise<ExitStatus>;

  constructor(options: SpawnOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const serverPath = options.serverPath ?? join(repoRoot(), 'dist', 'server.js');
    if (!existsSync(serverPath)) throw new Error(`${serverPath} does not exist: run node scripts/build.mjs first`);
    this.proc = spawn(process.execPath, ['--max-semi-space-size=64', serverPath, ...(options.args ?? ['--stdio'])], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (s: string) => {
      this.stderr += s;
    });
    // Writing to a server that already died must surface as a failed wait, not a crash.
    this.proc.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      this.proc.on('exit', (code, signal) => {
        this.exitStatus = { code, signal };
        const why = new Error(`server exited (code ${code}, signal ${signal}) ${this.stderrTail()}`);
        for (const p of this.pending.values()) {
          clearTimeout(p.timer);
          p.reject(why);
        }
        this.pending.clear();
        for (const w of this.waiters) {
          clearTimeout(w.timer);
          w.reject(why);
        }
        this.waiters = [];
        resolve({ code, signal });
      });
    });
    this.proc.on('error', () => undefined);
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get hasExited(): boolean {
    return this.exitStatus !== undefined;
  }

  /** Answers server-to-client requests with `method`; unhandled ones get a null result. */
  onRequest(method: string, handler: ServerRequestHandler): void {
    this.handlers.set(method, handler);
  }

  /** Sends a request and resolves with the full response message (result or error). */
  requestRaw(method: string, params?: unknown, timeoutMs = this.timeoutMs): Promise<Message> {
    if (this.exitStatus) return Promise.reject(new Error(`${method}: server already exited`));
    const id = this.nextId++;
    return new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no response within ${timeoutMs} ms ${this.stderrTail()}`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a request; resolves with its result, rejects with LspResponseError on an error answer. */
  async request<R = unknown>(method: string, params?: unknown, timeoutMs = this.timeoutMs): Promise<R> {
    const m = await this.requestRaw(method, params, timeoutMs);
    if (m.error) throw new LspResponseError(method, m.error.code, m.error.message, m.error.data);
    return m.result as R;
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /**
   * Resolves with the params of the first notification `method` satisfying `predicate`,
   * counting those already received unless `fromNow` is set.
   */
  waitForNotification<P = unknown>(
    method: string,
    predicate: (params: P) => boolean = () => true,
    options: { timeoutMs?: number; fromNow?: boolean } = {},
  ): Promise<P> {
    const pred = predicate as (params: unknown) => boolean;
    if (!options.fromNow) {
      const seen = this.notifications.find((n) => n.method === method && pred(n.params));
      if (seen) return Promise.resolve(seen.params as P);
    }
    if (this.exitStatus) return Promise.reject(new Error(`waiting for ${method}: server already exited`));
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    return new Promise<P>((resolve, reject) => {
      const waiter: Waiter = {
        method,
        predicate: pred,
        resolve: (p) => resolve(p as P),
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`no ${method} notification within ${timeoutMs} ms ${this.stderrTail()}`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** The params of every notification `method` received so far. */
  received<P = unknown>(method: string): P[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params as P);
  }

  /** initialize + initialized with sensible defaults; returns the InitializeResult. */
  async initialize<R = { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } }>(
    params: Record<string, unknown> = {},
  ): Promise<R> {
    const result = await this.request<R>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'lsp-client test', version: '0' },
      rootUri: null,
      capabilities: {},
      workspaceFolders: null,
      ...params,
    });
    this.notify('initialized', {});
    return result;
  }

  /** Resolves when the process exits; rejects after the timeout (the process is then killed). */
  waitForExit(timeoutMs = this.timeoutMs): Promise<ExitStatus> {
    if (this.exitStatus) return Promise.resolve(this.exitStatus);
    return new Promise<ExitStatus>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill();
        reject(new Error(`server did not exit within ${timeoutMs} ms ${this.stderrTail()}`));
      }, timeoutMs);
      void this.exited.then((s) => {
        clearTimeout(timer);
        resolve(s);
      });
    });
  }

  /** shutdown, then exit; resolves with the exit status. */
  async shutdownAndExit(timeoutMs = this.timeoutMs): Promise<ExitStatus> {
    await this.request('shutdown', undefined, timeoutMs);
    this.notify('exit');
    return this.waitForExit(timeoutMs);
  }

  /** Kills the server if it is still running (safe to call in `after` hooks). */
  kill(): void {
    if (!this.exitStatus && this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }

  private stderrTail(): string {
    const t = this.stderr.trim();
    const p = this.protocolError ? `\n${this.protocolError}` : '';
    return p + (t ? `\n--- server stderr ---\n${t.slice(-2000)}` : '');
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /^content-length:\s*(\d+)\s*$/im.exec(header);
      if (!match) {
        this.protocolError = `bad LSP header from server: ${JSON.stringify(header.slice(0, 200))}`;
        this.buffer = Buffer.alloc(0);
        this.kill();
        return;
      }
      const length = Number(match[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      let message: Message;
      try {
        message = JSON.parse(body) as Message;
      } catch {
        this.protocolError = `bad JSON from server: ${body.slice(0, 200)}`;
        this.kill();
        return;
      }
      this.dispatch(message);
    }
  }

  private dispatch(m: Message): void {
    if (m.method !== undefined && m.id !== undefined && m.id !== null) {
      // a request from the server
      this.serverRequests.push({ method: m.method, params: m.params });
      const handler = this.handlers.get(m.method);
      let reply: Message;
      try {
        reply = { jsonrpc: '2.0', id: m.id, result: handler ? (handler(m.params) ?? null) : null };
      } catch (err) {
        reply = { jsonrpc: '2.0', id: m.id, error: { code: -32603, message: String(err) } };
      }
      this.send(reply);
      return;
    }
    if (m.method !== undefined) {
      this.notifications.push({ method: m.method, params: m.params });
      const matched = this.waiters.filter((w) => w.method === m.method && w.predicate(m.params));
      if (matched.length > 0) {
        this.waiters = this.waiters.filter((w) => !matched.includes(w));
        for (const w of matched) {
          clearTimeout(w.timer);
          w.resolve(m.params);
        }
      }
      return;
    }
    if (typeof m.id === 'number') {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      p.resolve(m);
    }
  }
}

/** Spawns a server; remember to `shutdownAndExit()` or `kill()` it. */
export function startServer(options: SpawnOptions = {}): LspClient {
  return new LspClient(options);
}

/** A file:// URI for a path-like name (no file needs to exist). */
export function fileUri(path: string): string {
  return 'file://' + (path.startsWith('/') ? '' : '/') + path.split('/').map(encodeURIComponent).join('/');
}
