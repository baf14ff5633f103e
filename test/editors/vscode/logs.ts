// The extension host logs each output channel to a file under <user data dir>/logs/. Shared by the
// in-host suite (bundled into the extension host: node built-ins only) and the outer tests.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The name of our output channel (client/src/extension.ts). */
export const OUTPUT_CHANNEL = 'AArch64 ftrace';

function findFiles(dir: string, suffix: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findFiles(p, suffix, out);
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out;
}

/** The text of an output channel, as VS Code logged it (what the user sees in the Output panel). */
export function outputChannelText(userDataDir: string, channel = OUTPUT_CHANNEL): string {
  return findFiles(join(userDataDir, 'logs'), `-${channel}.log`)
    .map((f) => readFileSync(f, 'utf8'))
    .join('');
}
