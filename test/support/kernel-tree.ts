// The real kernel trees scripts/kernel-tree-setup.mjs prepares in .oracle-cache/kernel-tree/<version>/
// (Debian's linux-source, configured and `make prepare`d, a few arch/arm64 objects built by kbuild):
// what kbuild's saved command lines mean to our front end, and the symbols of kbuild's objects.
// Tests read the trees at run time; nothing of the kernel is copied into the repository.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AsmSymbol, AssembleResult } from '../../server/src/asm/types';
import { READELF } from './gnu-toolchain';
import { repoRoot } from './repo';

export interface KbuildObject {
  /** Path in the build directory, e.g. 'arch/arm64/kernel/entry-ftrace.o'. */
  readonly object: string;
  /** Absolute path of the .S file. */
  readonly source: string;
  /** kbuild's working directory (the O= build directory). */
  readonly cwd: string;
  /** The command line of its .o.cmd, split into words. */
  readonly argv: readonly string[];
}

export interface KernelTree {
  readonly version: string;
  readonly src: string;
  readonly build: string;
  readonly objects: readonly KbuildObject[];
  /** Objects kbuild could not build in this configuration. */
  readonly failed: readonly string[];
}

export const KERNEL_TREE_VERSIONS = ['6.12', '6.1'] as const;

/** A prepared tree, or undefined when the setup has not run (or not completed). */
export function kernelTree(version: string): KernelTree | undefined {
  const dir = join(repoRoot(), '.oracle-cache/kernel-tree', version);
  if (!existsSync(join(dir, '.done'))) return undefined;
  return JSON.parse(readFileSync(join(dir, 'objects.json'), 'utf8')) as KernelTree;
}

/** What a gcc command line gives the front end: -I (absolute, in order), -D, -include, -march. */
export interface FrontEndFlags {
  readonly includeDirs: string[];
  readonly defines: Map<string, string>;
  readonly forcedIncludes: string[];
  readonly march?: string;
}

export function frontEndFlags(o: KbuildObject): FrontEndFlags {
  const includeDirs: string[] = [];
  const defines = new Map<string, string>();
  const forcedIncludes: string[] = [];
  let march: string | undefined;
  const a = o.argv;
  for (let i = 1; i < a.length; i++) {
    const w = a[i];
    const valued = (flag: string): string | undefined => (w === flag ? a[++i] : w.startsWith(flag) ? w.slice(flag.length) : undefined);
    let v: string | undefined;
    if ((v = valued('-I')) !== undefined) includeDirs.push(resolve(o.cwd, v));
    else if (w === '-include') forcedIncludes.push(resolve(o.cwd, a[++i]));
    else if ((v = valued('-D')) !== undefined) {
      const eq = v.indexOf('=');
      defines.set(eq < 0 ? v : v.slice(0, eq), eq < 0 ? '1' : v.slice(eq + 1));
    } else if ((v = valued('-U')) !== undefined) defines.delete(v);
    else if (w.startsWith('-Wa,')) {
      for (const opt of w.slice(4).split(',')) if (opt.startsWith('-march=')) march = opt.slice('-march='.length);
    } else if (w.startsWith('-march=')) march = w.slice('-march='.length);
  }
  return { includeDirs, defines, forcedIncludes, ...(march ? { march } : {}) };
}

export interface GnuSymbol {
  readonly name: string;
  readonly value: bigint;
  readonly size: number;
  readonly type: string;
  readonly bind: string;
  /** Section name, 'UND' or 'ABS'. */
  readonly section: string;
}

/** The symbol table of an object (readelf -s), without the file, section and mapping ($x/$d) symbols. */
export function readGnuSymbols(obj: string): GnuSymbol[] {
  const secs = spawnSync(READELF, ['-S', '-W', obj], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (secs.status !== 0) throw new Error(`${READELF} -S failed: ${secs.stderr}`);
  const byIndex = new Map<string, string>();
  for (const l of secs.stdout.split('\n')) {
    const m = /^\s*\[\s*(\d+)\]\s+(\S+)/.exec(l);
    if (m) byIndex.set(m[1], m[2]);
  }
  const r = spawnSync(READELF, ['-s', '-W', obj], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${READELF} -s failed: ${r.stderr}`);
  const out: GnuSymbol[] = [];
  // Num: Value Size Type Bind Vis Ndx Name
  for (const l of r.stdout.split('\n')) {
    const m = /^\s*\d+:\s+([0-9a-f]+)\s+(\d+)\s+(\w+)\s+(\w+)\s+\w+\s+(\w+)\s+(\S.*)$/.exec(l);
    if (!m) continue;
    const [, value, size, type, bind, ndx, name] = m;
    // numeric labels gas writes for relocations (`.L1^B1`) are compared through those relocations
    if (type === 'FILE' || type === 'SECTION' || /^\$[xd](\.|$)/.test(name) || /^\.L\d+(\^B|\x02)\d+$/.test(name)) continue;
    out.push({ name, value: BigInt('0x' + value), size: Number(size), type, bind, section: ndx === 'UND' || ndx === 'ABS' ? ndx : byIndex.get(ndx) ?? ndx });
  }
  return out;
}

const TYPE: Record<string, string> = { FUNC: 'function', OBJECT: 'object', NOTYPE: 'notype' };
const BIND: Record<string, string> = { LOCAL: 'local', GLOBAL: 'global', WEAK: 'weak' };

/**
 * Our symbols against the object's: every symbol GNU's table holds is ours with the same section,
 * value, binding, type and size (undefined ones undefined in ours), and every symbol of ours that
 * gas would write (defined and named without .L, or global) is in GNU's table.
 */
export function compareSymbols(ours: AssembleResult, gnu: readonly GnuSymbol[]): { symbols: number; differences: string[] } {
  const differences: string[] = [];
  const theirs = new Map(gnu.map((s) => [s.name, s]));
  for (const g of gnu) {
    const s: AsmSymbol | undefined = ours.symbols.get(g.name);
    if (!s) {
      differences.push(`${g.name}: in GNU's table (${g.bind} ${g.type} ${g.section}+0x${g.value.toString(16)}), not in ours`);
      continue;
    }
    const want = {
      section: g.section === 'UND' || g.section === 'ABS' ? undefined : g.section,
      defined: g.section !== 'UND',
      value: g.section === 'UND' ? undefined : g.value,
      binding: BIND[g.bind] ?? g.bind,
      type: TYPE[g.type] ?? g.type,
      size: g.size,
    };
    const got = {
      section: s.section,
      defined: s.defined,
      value: s.defined ? BigInt.asUintN(64, s.value ?? 0n) : undefined,
      binding: s.binding,
      type: s.type ?? 'notype',
      size: s.size ?? 0,
    };
    const show = (x: typeof want) => `${x.binding} ${x.type} ${x.defined ? `${x.section ?? 'ABS'}+0x${x.value?.toString(16)}` : 'UND'} size ${x.size}`;
    if (show(got) !== show(want)) differences.push(`${g.name}: ours ${show(got)} vs GNU ${show(want)}`);
  }
  for (const [name, s] of ours.symbols) {
    if (theirs.has(name) || s.predefined) continue;
    const written = s.binding !== 'local' || (s.defined && !name.startsWith('.L') && !/[\x01\x02]/.test(name));
    if (written) differences.push(`${name}: ours (${s.binding}${s.defined ? '' : ' undefined'}), not in GNU's table`);
  }
  return { symbols: gnu.length, differences };
}
