// Decides whether a document is too big or too binary for the language features.
// Pure core helper: no vscode-languageserver import, so features and the CLI can share it.
// A "degraded" document keeps its TextMate highlighting (done by VS Code itself) but every
// server feature should skip it: ask `guard.isDegraded(uri)` first.

/** Default size limit (UTF-8 bytes) above which a document is degraded: 4 MiB. */
export const DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024;
/** Only this many leading characters are inspected for binary content. */
export const BINARY_SAMPLE_CHARS = 64 * 1024;
/** Control characters (excluding tab, newlines, form feed) above this share mean binary. */
export const CONTROL_CHAR_RATIO = 0.1;

export type DegradeReason = 'binary' | 'too-large';

export interface Classification {
  readonly degraded: boolean;
  readonly reason?: DegradeReason;
  /** Document size in UTF-8 bytes (exact below the limit; at least the limit when too large). */
  readonly size: number;
}

/** Size of `text` in UTF-8 bytes (portable fallback for Buffer.byteLength). */
export function utf8Size(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** True when the first 64 KiB contain a NUL or too many control characters. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, BINARY_SAMPLE_CHARS);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 0x20) {
      // \t \n \v \f \r are ordinary text
      if (c < 0x09 || c > 0x0d) control++;
    } else if (c === 0x7f || c === 0xfffd) {
      // DEL, and the replacement character VS Code substitutes for undecodable bytes
      control++;
    }
  }
  return control / n > CONTROL_CHAR_RATIO;
}

/** Classifies a document's text against a size limit in UTF-8 bytes. */
export function classify(text: string, maxFileSize: number = DEFAULT_MAX_FILE_SIZE): Classification {
  // Every UTF-16 code unit is at least one UTF-8 byte, so this needs no measuring.
  if (text.length > maxFileSize) return { degraded: true, reason: 'too-large', size: text.length };
  const size = typeof Buffer !== 'undefined' ? Buffer.byteLength(text, 'utf8') : utf8Size(text);
  if (size > maxFileSize) return { degraded: true, reason: 'too-large', size };
  if (looksBinary(text)) return { degraded: true, reason: 'binary', size };
  return { degraded: false, size };
}

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
