// Lexed files keyed by their text: an include that did not change is not lexed again, and since
// the key is the content itself a result can never be stale (the analysis stays a pure function
// of the texts). Least recently used entries go first once the lexed files held pass a budget of
// approximate bytes — measured again on every REMEASURE_EVERY-th use of a file (its lines gain
// tokens and parsed definitions as the preprocessor reads them; a walk per use would cost every
// include a pass over its lines on every keystroke).
// CachingHost adds the other half for a long-lived caller: each path read once until invalidated.
import { ENTRY_BYTES, stringBytes } from './byte-budget-cache';
import { LexedFile, lexFile } from './cpp-lexer';
import { SourceHost } from './types';

/** Approximate bytes of a logical line's object, of a token, and of a parsed `#define`. */
const LINE_BYTES = 88;
const TOKEN_BYTES = 72;
const DEFINE_BYTES = 240;
const REMEASURE_EVERY = 16;

/** Approximate heap bytes of a lexed file: its lines (objects, texts, segments), the tokens and definitions made for them so far. */
export function lexedBytes(f: LexedFile): number {
  let n = 64 + f.notes.length * 96;
  for (const L of f.lines) {
    n += LINE_BYTES + stringBytes(L.text);
    if (L.segs) n += 16 + 8 * L.segs.length;
    if (L.toks) n += 16 + 8 * L.toks.length + TOKEN_BYTES * L.toks.length;
    if (L.def !== undefined) n += DEFINE_BYTES;
  }
  return n;
}

interface Entry {
  readonly lexed: LexedFile;
  bytes: number;
  uses: number;
}

export class SourceCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;
  hits = 0;
  misses = 0;

  /** maxBytes: approximate bytes of the lexed files (and their texts) kept. */
  constructor(readonly maxBytes = 24 << 20) {}

  lex(text: string): LexedFile {
    const hit = this.entries.get(text);
    if (hit) {
      this.hits++;
      this.entries.delete(text);
      this.entries.set(text, hit);
      if (++hit.uses % REMEASURE_EVERY === 0) {
        const now = ENTRY_BYTES + stringBytes(text) + lexedBytes(hit.lexed);
        this.held += now - hit.bytes;
        hit.bytes = now;
        this.evict(hit);
      }
      return hit.lexed;
    }
    this.misses++;
    const lexed = lexFile(text);
    const bytes = ENTRY_BYTES + stringBytes(text) + lexedBytes(lexed);
    if (bytes <= this.maxBytes) {
      const e: Entry = { lexed, bytes, uses: 0 };
      this.entries.set(text, e);
      this.held += bytes;
      this.evict(e);
    }
    return lexed;
  }

  /** Drops the least recently used entries (not `keep`, the one in use) until the budget holds. */
  private evict(keep: Entry): void {
    for (const [k, e] of this.entries) {
      if (this.held <= this.maxBytes) break;
      if (e === keep) continue;
      this.entries.delete(k);
      this.held -= e.bytes;
    }
  }

  /** Drops one text's entry (benchmarks of a file never seen before, its includes still cached). */
  forget(text: string): void {
    const e = this.entries.get(text);
    if (!e) return;
    this.entries.delete(text);
    this.held -= e.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Approximate bytes held. */
  get bytes(): number {
    return this.held;
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
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
