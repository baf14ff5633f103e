// A cache by string key held within a budget of approximate bytes (what its entries cost as the
// caller estimates it), the least recently used going first. Two generations make it cheap: new
// and recently used entries live in `young`; when young holds half the budget it becomes `old`
// and the previous old generation is dropped; a hit in old moves the entry back to young. A hit
// in young is one table lookup (the front end's line caches are hit for almost every line).
import { StringTable, hashString } from './string-table';

/** Approximate heap bytes of a string (V8 keeps ASCII text one byte a character). */
export const stringBytes = (s: string): number => 16 + s.length;

/** Approximate heap bytes of an entry and its key, besides the value. */
export const ENTRY_BYTES = 80;

export class ByteBudgetCache<V extends {} | null> {
  private young = new StringTable<V>();
  private old = new StringTable<V>();
  private youngBytes = 0;
  private oldBytes = 0;
  /**
   * The key `get` looked up last and its hash (the caller adds what it just missed). It holds one
   * line, and so its document, until the next lookup.
   */
  private lastKey: string | undefined;
  private lastHash = 0;

  /** cost: approximate bytes of an entry (its key and value). */
  constructor(readonly maxBytes: number, private readonly cost: (key: string, value: V) => number) {}

  private hash(key: string): number {
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastHash = hashString(key);
    }
    return this.lastHash;
  }

  get(key: string): V | undefined {
    const h = this.hash(key);
    const v = this.young.get(key, h);
    if (v !== undefined) return v;
    const o = this.old.get(key, h);
    if (o !== undefined) {
      this.old.delete(key, h);
      this.oldBytes -= this.cost(key, o);
      this.add(key, o, h);
    }
    return o;
  }

  set(key: string, value: V): void {
    const h = this.hash(key);
    const o = this.old.get(key, h);
    if (o !== undefined) {
      this.old.delete(key, h);
      this.oldBytes -= this.cost(key, o);
    }
    const y = this.young.get(key, h);
    if (y !== undefined) {
      this.young.delete(key, h);
      this.youngBytes -= this.cost(key, y);
    }
    this.add(key, value, h);
  }

  /** Adds an entry the caller has just missed with `get` (no lookups: the key is in neither generation). */
  setNew(key: string, value: V): void {
    this.add(key, value, this.hash(key));
  }

  private add(key: string, value: V, h: number): void {
    const c = this.cost(key, value);
    // an entry larger than a generation is not kept (it would evict everything else)
    if (c > this.maxBytes / 2) return;
    if (this.youngBytes + c > this.maxBytes / 2) {
      this.old = this.young;
      this.oldBytes = this.youngBytes;
      // (sized as the generation before it: no rehashing while it fills)
      this.young = new StringTable(this.old.size);
      this.youngBytes = 0;
    }
    this.young.set(key, value, h);
    this.youngBytes += c;
  }

  /** Approximate bytes held. */
  get bytes(): number {
    return this.youngBytes + this.oldBytes;
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  clear(): void {
    this.young = new StringTable();
    this.old = new StringTable();
    this.youngBytes = this.oldBytes = 0;
    this.lastKey = undefined;
  }
}
