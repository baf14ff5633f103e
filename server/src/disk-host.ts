// The one SourceHost that reads the disk, for the CLI and the language server (which overlays its
// open documents on it). Included and .incbin'ed files above a size bound are "not found": a
// guard against an include path pointing at binaries or build output, not a limit on documents.
import { readFileSync, statSync } from 'node:fs';
import type { SourceHost } from './asm/types';

export const MAX_INCLUDE_BYTES = 8 << 20;

function read(path: string): Buffer | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_INCLUDE_BYTES) return undefined;
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

export const diskHost: SourceHost = {
  readFile: (path) => read(path)?.toString('utf8'),
  readBinary: (path) => read(path),
};
