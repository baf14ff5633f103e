// Seeded PRNG (xorshift128+ folded to 32 bits) so every random test can be replayed by its seed.
export class Rng {
  private a: bigint;
  private b: bigint;
  constructor(seed: number) {
    this.a = BigInt(seed) * 0x9e3779b97f4a7c15n + 1n;
    this.b = (BigInt(seed) ^ 0x5deece66dn) * 0xbf58476d1ce4e5b9n + 7n;
    this.a &= (1n << 64n) - 1n;
    this.b &= (1n << 64n) - 1n;
    for (let i = 0; i < 8; i++) this.u32();
  }
  u32(): number {
    let s1 = this.a;
    const s0 = this.b;
    this.a = s0;
    s1 ^= (s1 << 23n) & ((1n << 64n) - 1n);
    this.b = s1 ^ s0 ^ (s1 >> 17n) ^ (s0 >> 26n);
    return Number((this.b + s0) & 0xffffffffn) >>> 0;
  }
  below(n: number): number {
    return this.u32() % n;
  }
}
