// The repository root, found from the bundled test's location (out/test/…).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

export function repoRoot(): string {
  if (root) return root;
  let d = __dirname;
  while (!existsSync(join(d, 'package.json')) || !existsSync(join(d, 'server'))) {
    const up = dirname(d);
    if (up === d) throw new Error('repository root not found above ' + __dirname);
    d = up;
  }
  return (root = d);
}
