// A hash table by string key for the front end's large line caches. A V8 Map keeps about two
// entries per bucket and compares a probe against each entry's key string, so a miss in a table of
// tens of thousands of lines costs several cache misses; here each slot's 32-bit hash sits in one
// typed array (open addressing, linear probing, at most half full), and a key string is read only
// when its hash matches.

/** FNV-1a over the UTF-16 code units, finished with a multiply-xorshift (low bits index the table). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/** `n` undefined slots, as a packed array (filled holey arrays stay on V8's slower element paths). */
function slots<T>(n: number): (T | undefined)[] {
  const a: (T | undefined)[] = [];
  for (let i = 0; i < n; i++) a.push(undefined);
  return a;
}

/** A table by string key; the optional hash arguments are hashString(key), given when known. */
export class StringTable<V> {
  private hashes: Int32Array;
  private keys: (string | undefined)[];
  private vals: (V | undefined)[];
  private mask: number;
  private count = 0;

  /** capacity: entries expected (the table starts at twice that, rounded to a power of two). */
  constructor(capacity = 64) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.mask = cap - 1;
    this.hashes = new Int32Array(cap);
    this.keys = slots(cap);
    this.vals = slots(cap);
  }

  get size(): number {
    return this.count;
  }

  /** The slot of `key` (hash `h`), or -1. */
  private find(key: string, h: number): number {
    // (as stored in the Int32Array)
    h |= 0;
    const { hashes, keys, mask } = this;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === undefined) return -1;
      if (hashes[i] === h && k === key) return i;
    }
  }

  get(key: string, h = hashString(key)): V | undefined {
    const i = this.find(key, h);
    return i < 0 ? undefined : this.vals[i];
  }

  /** Sets the value of `key` (hash `h`), adding the key when absent. */
  set(key: string, value: V, h = hashString(key)): void {
    h |= 0;
    const { hashes, keys, mask } = this;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === undefined) break;
      if (hashes[i] === h && k === key) {
        this.vals[i] = value;
        return;
      }
    }
    hashes[i] = h;
    keys[i] = key;
    this.vals[i] = value;
    if (++this.count * 2 > mask + 1) this.grow();
  }

  /** Removes `key` (hash `h`); true when it was there. Later entries of its run move back (no tombstones). */
  delete(key: string, h = hashString(key)): boolean {
    let i = this.find(key, h);
    if (i < 0) return false;
    const { hashes, keys, vals, mask } = this;
    for (let j = (i + 1) & mask; keys[j] !== undefined; j = (j + 1) & mask) {
      // an entry may fill the hole when its home slot is not in (i, j] (cyclically)
      const home = hashes[j] & mask;
      if (i <= j ? home > i && home <= j : home > i || home <= j) continue;
      hashes[i] = hashes[j];
      keys[i] = keys[j];
      vals[i] = vals[j];
      i = j;
    }
    keys[i] = undefined;
    vals[i] = undefined;
    this.count--;
    return true;
  }

  private grow(): void {
    const { hashes, keys, vals } = this;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.hashes = new Int32Array(cap);
    this.keys = slots(cap);
    this.vals = slots(cap);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k === undefined) continue;
      let j = hashes[i] & this.mask;
      while (this.keys[j] !== undefined) j = (j + 1) & this.mask;
      this.hashes[j] = hashes[i];
      this.keys[j] = k;
      this.vals[j] = vals[i];
    }
  }
}
