// Buffered stdout and line-by-line stdin for the CLI (millions of lines must stream).
import { createInterface } from 'node:readline';

export interface Output {
  line(text: string): void;
  flush(): Promise<void>;
}

export function stdoutOutput(): Output {
  let buf: string[] = [];
  let size = 0;
  let pending: Promise<void> = Promise.resolve();
  const write = (s: string) => {
    pending = pending.then(
      () => new Promise<void>((resolve) => {
        if (process.stdout.write(s)) resolve();
        else process.stdout.once('drain', () => resolve());
      }),
    );
  };
  return {
    line(text) {
      buf.push(text);
      size += text.length + 1;
      if (size > 1 << 16) {
        write(buf.join('\n') + '\n');
        buf = [];
        size = 0;
      }
    },
    async flush() {
      if (buf.length) write(buf.join('\n') + '\n');
      buf = [];
      size = 0;
      await pending;
    },
  };
}

export async function eachInputLine(fn: (line: string, lineNo: number) => void): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) fn(line, ++n);
}
