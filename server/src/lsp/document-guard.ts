// Which open documents are too big or too binary for the language features, and what the user is
// told about them. The classification itself is document-kind.ts's (the driver and the CLI use it
// too). A "degraded" document keeps its TextMate highlighting (done by VS Code itself) but every
// server feature should skip it: ask `guard.isDegraded(uri)` first.
import { DEFAULT_MAX_FILE_SIZE, classify, type Classification, type DegradeReason } from '../document-kind';

export { DEFAULT_MAX_FILE_SIZE, classify, looksBinary, utf8Size, type Classification, type DegradeReason } from '../document-kind';

/** Reads a positive size limit from untrusted initializationOptions; falls back to the default. */
export function maxFileSizeFrom(options: unknown): number {
  if (options && typeof options === 'object' && 'maxFileSize' in options) {
    const v = (options as { maxFileSize?: unknown }).maxFileSize;
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return Math.floor(v);
  }
  return DEFAULT_MAX_FILE_SIZE;
}

export interface GuardUpdate {
  readonly classification: Classification;
  /** True the first time this URI is seen degraded: the caller should tell the user once. */
  readonly notify: boolean;
}

/** Tracks which open documents are degraded. Keyed by URI string. */
export class DocumentGuard {
  private readonly degraded = new Map<string, DegradeReason>();
  private readonly notified = new Set<string>();

  constructor(public maxFileSize: number = DEFAULT_MAX_FILE_SIZE) {}

  /** Re-classifies a document after open or change. */
  update(uri: string, text: string): GuardUpdate {
    const classification = classify(text, this.maxFileSize);
    if (classification.degraded && classification.reason) {
      this.degraded.set(uri, classification.reason);
      const notify = !this.notified.has(uri);
      this.notified.add(uri);
      return { classification, notify };
    }
    this.degraded.delete(uri);
    return { classification, notify: false };
  }

  /** Forgets a closed document (the "already told the user" mark is kept for the session). */
  forget(uri: string): void {
    this.degraded.delete(uri);
  }

  isDegraded(uri: string): boolean {
    return this.degraded.has(uri);
  }

  reason(uri: string): DegradeReason | undefined {
    return this.degraded.get(uri);
  }
}

/** The user-facing message for a degraded document. */
export function degradedMessage(uri: string, c: Classification, maxFileSize: number): string {
  let name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep the raw segment
  }
  name ||= uri;
  const why =
    c.reason === 'binary'
      ? 'it looks like a binary file'
      : `it is larger than ${formatSize(maxFileSize)} (${formatSize(c.size)})`;
  return `AArch64 ftrace: ${name}: highlighting only, because ${why}.`;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
