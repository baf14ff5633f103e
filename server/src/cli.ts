// aarch64-ftrace CLI: the same cores as the language server, from the shell and CI.
import { version } from '../../package.json';
import { ParsedArgs, UsageError, parseArgs } from './cli/args';
import { decodeCommand } from './cli/decode-command';
import { encodeCommand } from './cli/encode-command';
import { Output, stdoutOutput } from './cli/io';
import { listingCommand } from './cli/listing-command';
import { PATCH_SITES_USAGE, PATCH_SITES_VALUED, patchSitesCommand } from './cli/patch-sites-command';
import { CHECK_USAGE, CHECK_VALUED, checkCommand } from './cli/check-command';
import { FRONT_END_USAGE, FRONT_END_VALUED } from './cli/front-end-args';

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly valued: readonly string[];
  run(args: ParsedArgs, out: Output): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  decode: {
    summary: 'decode A64 instruction words as GNU objdump prints them',
    usage: `aarch64-ftrace decode [--address A] [--binary FILE] [--format tsv|json] [WORD ...]
  Words are hex arguments, or one per line on stdin, or a raw little-endian file (--binary).
  TSV: WORD<TAB>TEXT per word; PC-relative targets are absolute from --address (default 0),
  +4 per word; an undefined encoding prints <undefined>; a malformed line prints error: ….`,
    valued: ['address', 'binary', 'format'],
    run: decodeCommand,
  },
  encode: {
    summary: 'assemble A64 instructions (GNU syntax) to words',
    usage: `aarch64-ftrace encode [--address A] ['INSN' ...]
  Instructions as arguments or one per line on stdin. Prints WORD<TAB>TEXT per line or
  error: MESSAGE; exits 1 if any line failed. '.' in an operand is the instruction's address.`,
    valued: ['address'],
    run: encodeCommand,
  },
  listing: {
    summary: 'assemble a .S file (cpp, gas macros, directives) and list its sections',
    usage: `aarch64-ftrace listing [-I DIR]... [-D NAME[=VALUE]]... [--config KCONFIG] [--era ERA] [--arch MARCH]
                        [--kernel-source DIR] [--build DIR] [--severity CODE=LEVEL[,…]]...
                        [--format text|tsv|json] FILE.S
  Assembles FILE.S as aarch64-linux-gnu-gcc -c would, without a toolchain, in the environment the
  editor gives it (kernel headers that are not found come from built-in fallbacks; asm-offsets
  from --build's asm-offsets.h, else --era's table; CONFIG_* from --config or <build>/.config,
  else the era's typical config).
${FRONT_END_USAGE}
  text: objdump-like per section: offset, word, decoded instruction, relocation, FILE:LINE.
  tsv:  SECTION<TAB>OFFSET<TAB>WORD<TAB>FILE:LINE per 4-byte word of each section's contents
        (padding too: the words equal objcopy -O binary -j SECTION); '-' for alignment padding.
  json: sections, items with source maps, symbols, macros and diagnostics.
  --config reads a kernel .config (CONFIG_X=y → CONFIG_X 1, =m → CONFIG_X_MODULE 1); -D comes last.
  Diagnostics go to stderr (in JSON for --format json); exit 1 if any is an error.`,
    valued: ['format', 'arch', ...FRONT_END_VALUED],
    run: listingCommand,
  },
  'patch-sites': {
    summary: 'ftrace patch sites of an ELF object, a .S file or a function, with the words of each state',
    usage: PATCH_SITES_USAGE,
    valued: PATCH_SITES_VALUED,
    run: patchSitesCommand,
  },
  check: {
    summary: 'ABI check of ftrace trampolines (.S) and the C insn-gen checks (.c): text, JSON or SARIF',
    usage: CHECK_USAGE,
    valued: CHECK_VALUED,
    run: checkCommand,
  },
};

function help(): string {
  const lines = [
    `aarch64-ftrace ${version} — arm64 ftrace tooling: A64 decode/encode identical to GNU binutils`,
    '',
    'usage: aarch64-ftrace <command> [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`),
    '',
    'options: --help (also after a command), --version',
  ];
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const out = stdoutOutput();
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      out.line(help());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-V') {
      out.line(version);
      return 0;
    }
    const cmd = COMMANDS[name];
    if (!cmd) {
      process.stderr.write(`aarch64-ftrace: unknown command '${name}'\n${help()}\n`);
      return 2;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      out.line(cmd.usage);
      return 0;
    }
    return await cmd.run(parseArgs(rest, cmd.valued), out);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`aarch64-ftrace: ${e.message}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EACCES') {
      process.stderr.write(`aarch64-ftrace: ${err.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    await out.flush();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`aarch64-ftrace: internal error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 70;
  },
);
