// Reads test-fixtures/isa/known-differences.txt: word classes where we knowingly differ from GNU.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo';

export type Direction = 'text' | 'ours-undefined' | 'gnu-undefined' | 'encode';

export interface KnownDifference {
  readonly value: number;
  readonly mask: number;
  readonly direction: Direction;
  readonly reason: string;
  readonly line: number;
}

export function loadKnownDifferences(): KnownDifference[] {
  const text = readFileSync(join(repoRoot(), 'test-fixtures/isa/known-differences.txt'), 'utf8');
  const out: KnownDifference[] = [];
  text.split('\n').forEach((l, i) => {
    const t = l.trim();
    if (t === '' || t.startsWith('#')) return;
    const m = /^([0-9a-f]{1,8})\/([0-9a-f]{1,8})\s+(text|ours-undefined|gnu-undefined|encode)\s+(.+)$/i.exec(t);
    if (!m) throw new Error(`known-differences.txt:${i + 1}: bad line '${t}'`);
    out.push({ value: parseInt(m[1], 16) >>> 0, mask: parseInt(m[2], 16) >>> 0, direction: m[3] as Direction, reason: m[4], line: i + 1 });
  });
  return out;
}

export function classify(ours: string, gnu: string): Direction {
  return ours === '<undefined>' ? 'ours-undefined' : gnu === '<undefined>' ? 'gnu-undefined' : 'text';
}

export function isKnown(list: readonly KnownDifference[], w: number, d: Direction): KnownDifference | undefined {
  return list.find((k) => k.direction === d && ((w & k.mask) >>> 0) === k.value);
}
