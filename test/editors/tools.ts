// Shared by the real-editor tests: finding the editors, the CI rule for missing ones, and
// child processes that are always bounded and always cleaned up.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';

export const CI = process.env.CI === 'true';
export const SETUP_HINT = 'run `sudo bash scripts/setup-editors.sh` (or `npm test` as root)';

/** `path` if it is an executable file, else undefined. */
export function isExecutable(path: string): string | undefined {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The first of `names` found on PATH, as an absolute path. */
export function which(...names: string[]): string | undefined {
  for (const name of names) {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      const p = dir ? isExecutable(join(dir, name)) : undefined;
      if (p) return p;
    }
  }
  return undefined;
}

/**
 * Call at the start of a test with the tools it lacks. Nothing missing: returns true. Otherwise under
 * CI=true the test fails (a missing editor must never pass silently); elsewhere it is skipped with
 * a message naming what to install, and this returns false.
 */
export function toolsPresent(t: TestContext, missing: string[]): boolean {
  if (missing.length === 0) return true;
  const msg = `missing ${missing.join(', ')}: ${SETUP_HINT}`;
  if (CI) assert.fail(`${msg} (CI=true: a missing editor is a failure)`);
  t.skip(msg);
  return false;
}

/** A child process in its own process group, with its output kept (bounded) for failure messages. */
export class Proc {
  readonly child: ChildProcess;
  output = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly exited: Promise<void>;

  constructor(
    readonly label: string,
    cmd: string,
    args: string[],
    opts: { cwd?: string; env?: NodeJS.ProcessEnv; onOutput?: (chunk: string) => void } = {},
  ) {
    this.child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const keep = (chunk: Buffer) => {
      const s = chunk.toString('utf8');
      this.output = (this.output + s).slice(-200_000);
      opts.onOutput?.(s);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => {
      this.child.on('error', (err) => {
        this.output += `\n[spawn error: ${err.message}]`;
        this.exit ??= { code: null, signal: null };
        resolve();
      });
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve();
      });
    });
  }

  /** SIGTERM to the whole process group, SIGKILL after `graceMs`; resolves when the leader has exited. */
  async stop(graceMs = 3000): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    const signalGroup = (sig: NodeJS.Signals) => {
      try {
        process.kill(-pid, sig);
      } catch {
        // the group is gone already
      }
    };
    signalGroup('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    // Also whatever the leader left behind in its group (extension host, language server, renderers).
    signalGroup('SIGKILL');
  }

  tail(lines = 40): string {
    return this.output.trimEnd().split('\n').slice(-lines).join('\n');
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits (at most `timeoutMs`) for an editor driven by a probe script to exit, and returns the
 * JSON of the `RESULT <json>` line it printed. Fails with the process's output otherwise.
 */
export async function probeResult<T>(proc: Proc, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    proc.exited.then(() => false),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeoutMs))),
  ]);
  clearTimeout(timer);
  assert.ok(!timedOut, `${proc.label} did not exit within ${timeoutMs} ms; output:\n${proc.tail()}`);
  await sleep(50); // the last stdout chunk may land after 'exit'
  const line = proc.output.split('\n').find((l) => l.startsWith('RESULT '));
  assert.ok(line, `${proc.label} printed no RESULT line (exit ${JSON.stringify(proc.exit)}); output:\n${proc.tail()}`);
  return JSON.parse(line.slice('RESULT '.length)) as T;
}
