// Minimal argv parsing for the CLI: --flag value / --flag=value, positional rest.
export interface ParsedArgs {
  /** The last value of each flag (true for a flag without one). */
  readonly flags: Map<string, string | true>;
  /** Every value of each valued flag, in order (repeatable flags: --severity, --contract). */
  readonly values: Map<string, string[]>;
  readonly rest: string[];
}

export function parseArgs(argv: readonly string[], valued: readonly string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const values = new Map<string, string[]>();
  const rest: string[] = [];
  const set = (name: string, v: string) => {
    flags.set(name, v);
    (values.get(name) ?? values.set(name, []).get(name)!).push(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    if (m[2] !== undefined) set(m[1], m[2]);
    else if (valued.includes(m[1])) {
      if (i + 1 >= argv.length) throw new UsageError(`--${m[1]} needs a value`);
      set(m[1], argv[++i]);
    } else flags.set(m[1], true);
  }
  return { flags, values, rest };
}

export class UsageError extends Error {}

/** Parses an address: hex (0x…) or decimal, up to 64 bits. */
export function parseAddress(text: string): bigint {
  const t = text.trim();
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(t)) throw new UsageError(`bad address '${text}'`);
  const v = BigInt(t);
  if (v >= 1n << 64n) throw new UsageError(`address '${text}' does not fit in 64 bits`);
  return v;
}
