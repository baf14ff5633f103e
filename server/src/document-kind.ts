// What a document is, before any core looks at it: assembly, C or other (by language id or file
// name), and whether it is too large or too binary to analyse ("degraded": highlighting only).
// Shared by the driver, the CLI and the language server's document guard; no LSP import.

export type DocumentKind = 'asm' | 'c' | 'other';

/** 'asm' for `.S`/`.s`/`.asm` or an assembly language id, 'c' for `.c`/`.h` or 'c', else 'other'. */
export function kindOf(uri: string, languageId?: string): DocumentKind {
  if (languageId === 'c') return 'c';
  if (languageId === 'aarch64-asm' || languageId === 'asm' || languageId === 'gas') return 'asm';
  const m = /\.([A-Za-z]+)$/.exec(uri);
  const ext = m?.[1];
  if (ext === 'S' || ext === 's' || ext === 'asm') return 'asm';
  if (ext === 'c' || ext === 'h') return 'c';
  return 'other';
}

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
