// A hash table by string key for the front end's large line caches. A V8 Map keeps about two
// entries per bucket and compares a probe against each entry's key string, so a miss in a table of
// tens of thousands of lines costs several cache misses. Here (open addressing, linear probing, at
// most half full) each slot's tag — its hash with the top bit set, 0 for an empty slot — sits in
// one typed array: a miss reads that array only; a key, and the value beside it in one array, are
// read when the tag matches.

/** FNV-1a over the UTF-16 code units, finished with a multiply-xorshift (low bits index the table). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/** A slot's tag for hash `h`: never 0 (the empty slot's), its low bits `h`'s (the home slot). */
const tagOf = (h: number): number => h | 0x80000000;

/** Key and value slots for `cap` entries, undefined (pushed: a packed array, V8's fast element path). */
function slots<T>(cap: number): (T | undefined)[] {
  const a: (T | undefined)[] = [];
  for (let i = 0; i < 2 * cap; i++) a.push(undefined);
  return a;
}

/** A table by string key; the optional hash arguments are hashString(key), given when known. */
export class StringTable<V extends {} | null> {
  private tags: Int32Array;
  /** Slot i's key at 2i, its value at 2i + 1. */
  private entries: (string | V | undefined)[];
  private mask: number;
  private count = 0;

  /** capacity: entries expected (the table starts at twice that, rounded to a power of two). */
  constructor(capacity = 64) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.mask = cap - 1;
    this.tags = new Int32Array(cap);
    this.entries = slots(cap);
  }

  get size(): number {
    return this.count;
  }

  /** The slot of `key` (hash `h`), or -1. */
  private find(key: string, h: number): number {
    const t = tagOf(h);
    const { tags, entries, mask } = this;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const g = tags[i];
      if (g === 0) return -1;
      if (g === t && entries[2 * i] === key) return i;
    }
  }

  get(key: string, h = hashString(key)): V | undefined {
    const i = this.find(key, h);
    return i < 0 ? undefined : (this.entries[2 * i + 1] as V);
  }

  /** Sets the value of `key` (hash `h`), adding the key when absent. */
  set(key: string, value: V, h = hashString(key)): void {
    const t = tagOf(h);
    const { tags, entries, mask } = this;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const g = tags[i];
      if (g === 0) break;
      if (g === t && entries[2 * i] === key) {
        entries[2 * i + 1] = value;
        return;
      }
    }
    tags[i] = t;
    entries[2 * i] = key;
    entries[2 * i + 1] = value;
    if (++this.count * 2 > mask + 1) this.grow();
  }

  /** Removes `key` (hash `h`); true when it was there. Later entries of its run move back (no tombstones). */
  delete(key: string, h = hashString(key)): boolean {
    let i = this.find(key, h);
    if (i < 0) return false;
    const { tags, entries, mask } = this;
    for (let j = (i + 1) & mask; tags[j] !== 0; j = (j + 1) & mask) {
      // an entry may fill the hole when its home slot is not in (i, j] (cyclically)
      const home = tags[j] & mask;
      if (i <= j ? home > i && home <= j : home > i || home <= j) continue;
      tags[i] = tags[j];
      entries[2 * i] = entries[2 * j];
      entries[2 * i + 1] = entries[2 * j + 1];
      i = j;
    }
    tags[i] = 0;
    entries[2 * i] = undefined;
    entries[2 * i + 1] = undefined;
    this.count--;
    return true;
  }

  private grow(): void {
    const { tags, entries } = this;
    const cap = (this.mask + 1) * 2;
    const mask = cap - 1;
    const nt = new Int32Array(cap);
    const ne = slots<string | V>(cap);
    for (let i = 0; i < tags.length; i++) {
      const g = tags[i];
      if (g === 0) continue;
      let j = g & mask;
      while (nt[j] !== 0) j = (j + 1) & mask;
      nt[j] = g;
      ne[2 * j] = entries[2 * i];
      ne[2 * j + 1] = entries[2 * i + 1];
    }
    this.mask = mask;
    this.tags = nt;
    this.entries = ne;
  }
}
