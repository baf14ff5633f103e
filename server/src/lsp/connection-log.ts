// Logging to the client's output channel (window/logMessage) and the guards that keep the
// server alive: every handler is wrapped so that an exception is logged, with the document
// URI, instead of killing the process or leaving a request without an answer.
import { ResponseError, type RemoteConsole } from 'vscode-languageserver';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

/** Formats an exception for the log: its stack when there is one. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  try {
    return typeof err === 'string' ? err : JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

function stderr(line: string): void {
  try {
    process.stderr.write(line + '\n');
  } catch {
    // nowhere left to report
  }
}

/**
 * A Log that writes to the connection console and falls back to stderr when the
 * connection cannot send (closed pipe, disposed connection). Never throws.
 */
export class ConnectionLog implements Log {
  private broken = false;

  constructor(private readonly console: RemoteConsole) {}

  info(message: string): void {
    this.send('info', message);
  }

  warn(message: string): void {
    this.send('warn', message);
  }

  error(message: string, err?: unknown): void {
    this.send('error', err === undefined ? message : `${message}\n${describeError(err)}`);
  }

  /** Stops writing to the connection (after an EPIPE, for instance); stderr only from now on. */
  markBroken(): void {
    this.broken = true;
  }

  private send(level: 'info' | 'warn' | 'error', message: string): void {
    if (!this.broken) {
      try {
        this.console[level](message);
        return;
      } catch {
        this.broken = true;
      }
    }
    stderr(`[${level}] ${message}`);
  }
}

/** The document URI a handler is about, read from its first argument when it has one. */
export function uriOf(arg: unknown): string | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as {
    textDocument?: { uri?: unknown };
    document?: { uri?: unknown };
    uri?: unknown;
  };
  const u = a.textDocument?.uri ?? a.document?.uri ?? a.uri;
  return typeof u === 'string' ? u : undefined;
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return !!x && (typeof x === 'object' || typeof x === 'function') && typeof (x as PromiseLike<unknown>).then === 'function';
}

/**
 * Wraps a handler so that a throw or a rejection is logged (with the handler's name and the
 * document URI) and answered with `fallback` instead. Protocol errors the handler throws on
 * purpose (ResponseError, e.g. RequestCancelled) pass through unchanged.
 */
export function guarded<A extends unknown[], R>(
  log: Log,
  name: string,
  handler: (...args: A) => R | Promise<R>,
  fallback: R,
): (...args: A) => R | Promise<R> {
  const report = (args: A, err: unknown): R => {
    if (err instanceof ResponseError) throw err;
    const uri = uriOf(args[0]);
    log.error(`${name} failed${uri ? ` for ${uri}` : ''}`, err);
    return fallback;
  };
  return (...args: A): R | Promise<R> => {
    try {
      const result = handler(...args);
      if (isThenable(result)) {
        return Promise.resolve(result).catch((err: unknown) => report(args, err));
      }
      return result;
    } catch (err) {
      return report(args, err);
    }
  };
}

function isBrokenPipe(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END';
}

/**
 * Process-level safety net: uncaught exceptions and unhandled rejections are logged and the
 * server keeps running. A broken output pipe switches the log to stderr so that logging the
 * error cannot itself loop. Returns a function that removes the handlers.
 */
export function installProcessGuards(log: ConnectionLog): () => void {
  let reported = 0;
  let windowStart = Date.now();
  const onError = (kind: string) => (err: unknown) => {
    if (isBrokenPipe(err)) log.markBroken();
    const now = Date.now();
    if (now - windowStart > 10_000) {
      windowStart = now;
      reported = 0;
    }
    // Rate-limit: a misbehaving timer must not flood the output channel.
    if (++reported <= 20) log.error(`${kind} (the server keeps running)`, err);
    else if (reported === 21) log.error(`${kind}: too many errors, muting for a few seconds`);
  };
  const onException = onError('uncaught exception');
  const onRejection = onError('unhandled promise rejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
