// What the CLI commands that run the assembler front end share: the file host and the
// gcc-style -I/-D arguments.
import { readFileSync } from 'node:fs';
import { SourceHost } from '../asm/types';
import { UsageError } from './args';

export const fsHost: SourceHost = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** -I DIR / -IDIR / -D NAME[=VALUE] / -DNAME[=VALUE] and the files, from the positional arguments. */
export function parseFrontEndArgs(rest: readonly string[]): { includes: string[]; defines: Map<string, string>; files: string[] } {
  const includes: string[] = [];
  const defines = new Map<string, string>();
  const files: string[] = [];
  const addDefine = (v: string) => {
    const eq = v.indexOf('=');
    const name = eq < 0 ? v : v.slice(0, eq);
    if (!/^[A-Za-z_]\w*$/.test(name)) throw new UsageError(`bad macro name in -D '${v}'`);
    defines.set(name, eq < 0 ? '1' : v.slice(eq + 1));
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    let m: RegExpExecArray | null;
    if (a === '-I' || a === '-D') {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      if (a === '-I') includes.push(v);
      else addDefine(v);
    } else if ((m = /^-I(.+)$/.exec(a))) includes.push(m[1]);
    else if ((m = /^-D(.+)$/.exec(a))) addDefine(m[1]);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
    else files.push(a);
  }
  return { includes, defines, files };
}
