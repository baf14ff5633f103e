// Lexed files keyed by their text: an include that did not change is not lexed again, and since
// the key is the content itself a result can never be stale (the analysis stays a pure function
// of the texts). Least recently used entries go first once the texts held pass a byte budget.
// CachingHost adds the other half for a long-lived caller: each path read once until invalidated.
import { LexedFile, lexFile } from './cpp-lexer';
import { SourceHost } from './types';

export class SourceCache {
  private readonly entries = new Map<string, LexedFile>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  /** maxBytes: UTF-16 code units of source text kept (the lexed form costs a few times that). */
  constructor(readonly maxBytes = 32 << 20) {}

  lex(text: string): LexedFile {
    const hit = this.entries.get(text);
    if (hit) {
      this.hits++;
      this.entries.delete(text);
      this.entries.set(text, hit);
      return hit;
    }
    this.misses++;
    const lexed = lexFile(text);
    if (text.length <= this.maxBytes) {
      this.entries.set(text, lexed);
      this.bytes += text.length;
      for (const [k] of this.entries) {
        if (this.bytes <= this.maxBytes) break;
        this.entries.delete(k);
        this.bytes -= k.length;
      }
    }
    return lexed;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.hits = this.misses = 0;
  }
}

/** The cache `preprocess` uses unless given another. */
export const sharedSourceCache = new SourceCache();

/** A SourceHost that reads each path once (misses too) until `invalidate` says it changed. */
export class CachingHost implements SourceHost {
  private readonly texts = new Map<string, string | undefined>();
  private readonly binaries = new Map<string, Uint8Array | undefined>();
  readonly readBinary?: (path: string) => Uint8Array | undefined;

  constructor(private readonly inner: SourceHost) {
    const read = inner.readBinary?.bind(inner);
    if (read)
      this.readBinary = (path) => {
        if (this.binaries.has(path)) return this.binaries.get(path);
        const bytes = read(path);
        this.binaries.set(path, bytes);
        return bytes;
      };
  }

  readFile(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.inner.readFile(path);
    this.texts.set(path, text);
    return text;
  }

  /** A file changed, appeared or went away; no argument: forget everything. */
  invalidate(path?: string): void {
    if (path === undefined) {
      this.texts.clear();
      this.binaries.clear();
    } else {
      this.texts.delete(path);
      this.binaries.delete(path);
    }
  }
}
