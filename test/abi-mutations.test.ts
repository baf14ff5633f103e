// The ABI checker's mutation suite: each kind of trampoline bug the issue names is applied, at
// every place it fits, to the correct kernel-style fixtures (through the real front end, as the
// editor and `check` see them), and the right rule must fire at the right line. The correct
// fixtures themselves must give no ABI diagnostic at all. Catch and false-positive rates are
// printed as test diagnostics.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic, SourceHost } from '../server/src/asm/types';
import { DEFAULT_CORES, Driver } from '../server/src/driver';
import { DEFAULT_SETTINGS, Settings } from '../server/src/settings';
import { repoRoot } from './support/repo';

const ROOT = repoRoot();
const host: SourceHost = {
  readFile(p) {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};
const driver = new Driver({ host, cores: DEFAULT_CORES, roots: [ROOT] });

interface Variant {
  readonly name: string;
  readonly file: string;
  readonly era: string;
  readonly config?: Record<string, string>;
}

const MCOUNT_ARM = { CONFIG_DYNAMIC_FTRACE_WITH_ARGS: 'n', CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS: 'n', CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS: 'n', CONFIG_DYNAMIC_FTRACE: 'y' };

/** The correct fixtures, one variant per configuration they are written for. */
const VARIANTS: readonly Variant[] = [
  { name: 'entry-ftrace.S newest (CALL_OPS + DIRECT_CALLS)', file: 'test-fixtures/entry-ftrace.S', era: 'newest' },
  { name: 'entry-ftrace.S 6.3 (CALL_OPS)', file: 'test-fixtures/entry-ftrace.S', era: '6.3-call-ops' },
  { name: 'entry-ftrace.S 6.2 (WITH_ARGS, ftrace_call)', file: 'test-fixtures/entry-ftrace.S', era: '6.2-with-args' },
  { name: 'entry-ftrace.S -pg dynamic', file: 'test-fixtures/entry-ftrace.S', era: 'newest', config: MCOUNT_ARM },
  { name: 'entry-ftrace.S -pg static _mcount', file: 'test-fixtures/entry-ftrace.S', era: 'newest', config: { ...MCOUNT_ARM, CONFIG_DYNAMIC_FTRACE: 'n' } },
  { name: 'entry-ftrace-mcount.S', file: 'test-fixtures/kernel/entry-ftrace-mcount.S', era: 'mcount' },
  { name: 'entry-ftrace-mcount.S static', file: 'test-fixtures/kernel/entry-ftrace-mcount.S', era: 'mcount', config: { CONFIG_DYNAMIC_FTRACE: 'n' } },
  { name: 'entry-ftrace-5.5-with-regs.S', file: 'test-fixtures/kernel/entry-ftrace-5.5-with-regs.S', era: '5.5-with-regs' },
  { name: 'entry-ftrace-5.5-with-regs.S 5.10', file: 'test-fixtures/kernel/entry-ftrace-5.5-with-regs.S', era: '5.10' },
  { name: 'entry-ftrace-5.5-with-regs.S -pg arm', file: 'test-fixtures/kernel/entry-ftrace-5.5-with-regs.S', era: '5.5-with-regs', config: { CONFIG_DYNAMIC_FTRACE_WITH_REGS: 'n' } },
  { name: 'entry-ftrace-6.1.S', file: 'test-fixtures/kernel/entry-ftrace-6.1.S', era: '6.1' },
];

interface Result {
  readonly abi: readonly Diagnostic[];
  readonly frontEnd: readonly Diagnostic[];
  /** 0-based lines of the file that produced instructions (own lines and macro invocations). */
  readonly active: ReadonlySet<number>;
  readonly instructions: number;
}

let version = 0;
function analyze(v: Variant, text: string, extra: Record<string, string> = {}): Result {
  const file = join(ROOT, v.file);
  const settings: Settings = { ...DEFAULT_SETTINGS, era: v.era, config: { ...(v.config ?? {}), ...extra } };
  const a = driver.analyze({ uri: file, version: ++version, text }, settings);
  const active = new Set<number>();
  let instructions = 0;
  for (const s of a.assembly?.sections ?? []) {
    for (const it of s.items) {
      if (it.kind !== 'insn') continue;
      instructions++;
      if (it.origin.loc.file === file) active.add(it.origin.loc.line);
      for (const f of it.origin.stack) if (f.at.file === file) active.add(f.at.line);
    }
  }
  const abi = a.diagnostics.filter((d) => d.code.startsWith('abi/'));
  const frontEnd = a.diagnostics.filter((d) => !d.code.startsWith('abi/') && d.severity === 'error');
  return { abi, frontEnd, active, instructions };
}

/** The lines of `file` a diagnostic stands at: its own and the macro invocations around it. */
function linesOf(d: Diagnostic, file: string): number[] {
  const out: number[] = [];
  if (d.origin.loc.file === file) out.push(d.origin.loc.line);
  for (const f of d.origin.stack) if (f.at.file === file) out.push(f.at.line);
  return out;
}

// --- mutations ---------------------------------------------------------------------------------

interface Mutation {
  readonly kind: string;
  readonly what: string;
  readonly lines: string[];
  /** Expected (code, 0-based line in the mutated text, or the first line at or after it that assembles). */
  readonly expect: readonly { readonly code: string; readonly line: number; readonly firstActive?: boolean }[];
  /** Extra config for the mutated build (the SCS rule needs CONFIG_SHADOW_CALL_STACK). */
  readonly config?: Record<string, string>;
}

type Generator = (lines: readonly string[], active: ReadonlySet<number>) => Mutation[];

const EXIT = /^\s*(ret\b|br\s|mcount_exit\b)/;
const CALL = /^\s*(bl|blr)\s/;
const RESTORE = /^\s*(ldp|ldr)\s+(x[0-8]|x29)\s*,\s*(?:x\d+\s*,\s*)?\[sp\b[^\]]*\]\s*(?:\/\/.*)?$/;
const mnemonic = (l: string) => /^\s*([a-z_.]+)/i.exec(l)?.[1] ?? '';
const drop = (lines: readonly string[], i: number) => [...lines.slice(0, i), ...lines.slice(i + 1)];
const insertAfter = (lines: readonly string[], i: number, text: string) => [...lines.slice(0, i + 1), text, ...lines.slice(i + 1)];

/** Index of the next line at or after `from` matching `re` before one matching `stop`. */
function nextMatch(lines: readonly string[], from: number, re: RegExp, stop?: RegExp): number {
  for (let i = from; i < lines.length; i++) {
    if (stop && i > from && stop.test(lines[i])) return -1;
    if (re.test(lines[i])) return i;
  }
  return -1;
}

/** Lines that are calls: bl, blr, and the `ftrace_call` patch-site word. */
function isCallLine(lines: readonly string[], i: number): boolean {
  if (CALL.test(lines[i])) return true;
  return /^\s*nop\b/.test(lines[i]) && i > 0 && /\bftrace_call\b/.test(lines[i - 1]) && !/graph/.test(lines[i - 1]);
}

const GENERATORS: Record<string, Generator> = {
  // drop a restore of x0–x8 or x29: the first exit after it must report the register
  'drop a restore': (lines, active) => {
    const out: Mutation[] = [];
    lines.forEach((l, i) => {
      const m = RESTORE.exec(l);
      if (!m || !active.has(i)) return;
      const exit = nextMatch(lines, i + 1, EXIT);
      const call = nextMatch(lines, i + 1, CALL);
      if (exit < 0 || (call >= 0 && call < exit)) return; // a load for a call, not a restore
      out.push({
        kind: 'drop a restore',
        what: `line ${i + 1} '${l.trim()}'`,
        lines: drop(lines, i),
        expect: [{ code: m[2] === 'x29' ? 'abi/callee-saved-clobbered' : 'abi/argument-not-restored', line: exit - 1 }],
      });
    });
    return out;
  },
  // swap the slots of two neighbouring restores
  'swap two restore slots': (lines, active) => {
    const out: Mutation[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (!active.has(i) || mnemonic(lines[i]) !== 'ldp' || !RESTORE.test(lines[i])) continue;
      const j = nextMatch(lines, i + 1, /./, /^\s*$/);
      if (j < 0 || !active.has(j) || mnemonic(lines[j]) !== 'ldp' || !RESTORE.test(lines[j])) continue;
      const bi = /\[[^\]]*\]/.exec(lines[i])![0];
      const bj = /\[[^\]]*\]/.exec(lines[j])![0];
      if (bi === bj) continue;
      const next = [...lines];
      next[i] = lines[i].replace(bi, bj);
      next[j] = lines[j].replace(bj, bi);
      out.push({
        kind: 'swap two restore slots',
        what: `lines ${i + 1}/${j + 1}`,
        lines: next,
        expect: [
          { code: 'abi/restore-slot-mismatch', line: i },
          { code: 'abi/restore-slot-mismatch', line: j },
        ],
      });
    }
    return out;
  },
  // use a callee-saved register (x28, x19) where the trampoline uses the scratch x10
  'use x19/x28 as scratch': (lines, active) => {
    const out: Mutation[] = [];
    let n = 0;
    lines.forEach((l, i) => {
      // mcount era: the helper macros' destination register
      const helper = /^(\s*mcount_get_\w+\s+)x[0-2]\b/.exec(l);
      if (helper && active.has(i)) {
        const reg = n++ % 2 ? 'x19' : 'x28';
        const next = [...lines];
        next[i] = l.replace(/x[0-2]\b/, reg);
        out.push({ kind: 'use x19/x28 as scratch', what: `line ${i + 1} → ${reg}`, lines: next, expect: [{ code: 'abi/callee-saved-clobbered', line: i }] });
        return;
      }
      if (!active.has(i) || !/^\s*(mov|add)\s+x10\s*,/.test(l)) return;
      const reg = n++ % 2 ? 'x19' : 'x28';
      const end = nextMatch(lines, i + 1, /^\s*(SYM_CODE_END|SYM_FUNC_END|ENDPROC|END|\.endm)\b/);
      const next = [...lines];
      for (let k = i; k < (end < 0 ? lines.length : end); k++) next[k] = next[k].replace(/\bx10\b/g, reg);
      out.push({ kind: 'use x19/x28 as scratch', what: `x10 → ${reg} from line ${i + 1}`, lines: next, expect: [{ code: 'abi/callee-saved-clobbered', line: i }] });
    });
    return out;
  },
  // `ret` instead of `ret x9` (or the direct trampoline's `ret x10`)
  "'ret' instead of 'ret x9'": (lines, active) =>
    lines.flatMap((l, i) => {
      if (!active.has(i) || !/^\s*ret\s+x(9|10)\b/.test(l)) return [];
      const next = [...lines];
      next[i] = l.replace(/ret(\s+)x(9|10)/, 'ret');
      return [{ kind: "'ret' instead of 'ret x9'", what: `line ${i + 1}`, lines: next, expect: [{ code: 'abi/lr-convention', line: i }] }];
    }),
  // a frame size that is not a multiple of 16, allocated and released consistently
  'odd stack adjustment': (lines, active) => {
    const out: Mutation[] = [];
    lines.forEach((l, i) => {
      if (!active.has(i)) return;
      const sub = /^(\s*sub\s+sp\s*,\s*sp\s*,\s*#)(.+?)(\s*(?:\/\/.*)?)$/.exec(l);
      const pre = /^(\s*stp\s+x29\s*,\s*x30\s*,\s*\[sp\s*,\s*#)-16(\]!.*)$/.exec(l);
      if (!sub && !pre) return;
      const next = [...lines];
      if (sub) {
        const expr = sub[2].replace(/[()\s]/g, '');
        next[i] = `${sub[1]}(${sub[2]} + 8)${sub[3]}`;
        // every release of the same size (a shared exit path may sit in another symbol)
        for (let k = 0; k < lines.length; k++) {
          const add = /^(\s*add\s+sp\s*,\s*sp\s*,\s*#)(.+?)(\s*(?:\/\/.*)?)$/.exec(lines[k]);
          if (add && add[2].replace(/[()\s]/g, '') === expr) next[k] = `${add[1]}(${add[2]} + 8)${add[3]}`;
        }
      } else {
        next[i] = `${pre![1]}-24${pre![2]}`;
        for (let k = 0; k < lines.length; k++) next[k] = next[k].replace(/^(\s*ldp\s+x29\s*,\s*x30\s*,\s*\[sp\]\s*,\s*#)16\b/, '$124');
      }
      out.push({ kind: 'odd stack adjustment', what: `line ${i + 1}`, lines: next, expect: [{ code: 'abi/stack-misaligned', line: i }] });
    });
    return out;
  },
  // release 16 bytes more than was allocated
  "unbalanced 'add sp'": (lines, active) =>
    lines.flatMap((l, i) => {
      if (!active.has(i)) return [];
      const add = /^(\s*add\s+sp\s*,\s*sp\s*,\s*#)(.+?)(\s*(?:\/\/.*)?)$/.exec(l);
      const post = /^(\s*ldp\s+x29\s*,\s*x30\s*,\s*\[sp\]\s*,\s*#)16\b(.*)$/.exec(l);
      if (!add && !post) return [];
      const next = [...lines];
      next[i] = add ? `${add[1]}(${add[2]} + 16)${add[3]}` : `${post![1]}32${post![2]}`;
      return [{ kind: "unbalanced 'add sp'", what: `line ${i + 1}`, lines: next, expect: [{ code: 'abi/stack-imbalance', line: i }] }];
    }),
  // delete the landing pad of an entry reached by BR/BLR (CONFIG_ARM64_BTI_KERNEL builds)
  "delete 'bti c'": (lines, active) =>
    lines.flatMap((l, i) => {
      if (!active.has(i) || !/^\s*bti\s+c\b/.test(l)) return [];
      // the diagnostic sits on the entry's first instruction: the next line that assembles
      return [{ kind: "delete 'bti c'", what: `line ${i + 1}`, lines: drop(lines, i), expect: [{ code: 'abi/missing-bti', line: i, firstActive: true }], config: { CONFIG_ARM64_BTI_KERNEL: 'y' } }];
    }),
  // write the shadow call stack pointer
  'write x18': (lines, active) =>
    lines.flatMap((l, i) => {
      if (!active.has(i) || !/^\s*(mov\s+x1\s*,\s*x9|mcount_get_pc0\b|mov\s+x0\s*,\s*(sp|x29))/.test(l)) return [];
      return [{ kind: 'write x18', what: `after line ${i + 1}`, lines: insertAfter(lines, i, '\tmov\tx18, x0'), expect: [{ code: 'abi/scs-clobbered', line: i + 1 }], config: { CONFIG_SHADOW_CALL_STACK: 'y' } }];
    }),
  // read IP0 after a call
  "read x16 after 'bl'": (lines, active) =>
    lines.flatMap((l, i) => {
      if (!active.has(i) || !isCallLine(lines, i)) return [];
      return [{ kind: "read x16 after 'bl'", what: `after line ${i + 1}`, lines: insertAfter(lines, i, '\tmov\tx10, x16'), expect: [{ code: 'abi/ip-reg-across-call', line: i + 1 }] }];
    }),
  // read a caller-saved register after a call
  'read x2 after a call': (lines, active) =>
    lines.flatMap((l, i) => {
      if (!active.has(i) || !isCallLine(lines, i)) return [];
      return [{ kind: 'read x2 after a call', what: `after line ${i + 1}`, lines: insertAfter(lines, i, '\tadd\tx10, x2, #1'), expect: [{ code: 'abi/clobbered-read-after-call', line: i + 1 }] }];
    }),
  // A7: use the module PLT's scratch x16 at the entry of an ftrace entry trampoline
  'read x16 at entry': (lines, active) =>
    trampolineStarts(lines, active, /^(ftrace_caller|ftrace_regs_caller)$/).map((at) => ({
      kind: 'read x16 at entry',
      what: `after line ${at + 1}`,
      lines: insertAfter(lines, at, '\tmov\tx10, x16'),
      expect: [{ code: 'abi/plt-scratch-read', line: at + 1 }],
    })),
  // A7: write x17 between its load and `br x17` (after the load, and right before the branch)
  "write x17 before 'br x17'": (lines, active) =>
    lines.flatMap((l, i) => {
      if (!active.has(i)) return [];
      if (/^\s*ldr\s+x17\s*,/.test(l)) return [{ kind: "write x17 before 'br x17'", what: `after line ${i + 1}`, lines: insertAfter(lines, i, '\tadd\tx17, x17, #8'), expect: [{ code: 'abi/direct-target-clobbered', line: i + 1 }] }];
      if (/^\s*br\s+x17\b/.test(l)) return [{ kind: "write x17 before 'br x17'", what: `before line ${i + 1}`, lines: insertAfter(lines, i - 1, '\tadd\tx17, x17, #8'), expect: [{ code: 'abi/direct-target-clobbered', line: i }] }];
      return [];
    }),
  // A7: overwrite the ops pointer in x11 before it is used
  'overwrite x11 (ops)': (lines, active) =>
    lines.flatMap((l, i) =>
      active.has(i) && /^\s*ldr\s+x11\s*,\s*\[x11\b/.test(l)
        ? [{ kind: 'overwrite x11 (ops)', what: `after line ${i + 1}`, lines: insertAfter(lines, i, '\tmov\tx11, x30'), expect: [{ code: 'abi/ops-clobbered', line: i + 1 }] }]
        : [],
    ),
  // A8: exception state touched in a trampoline
  'access SPSR/ELR/DAIF': (lines, active) => {
    const forms = ['\tmrs\tx12, spsr_el1', '\tmsr\tdaifset, #2', '\tmrs\tx12, elr_el1', '\tmsr\tdaifclr, #2', '\tmrs\tx12, daif'];
    return trampolineStarts(lines, active, /^(ftrace_caller|ftrace_regs_caller|return_to_handler)$/).map((at, n) => ({
      kind: 'access SPSR/ELR/DAIF',
      what: `'${forms[n % forms.length].trim()}' after line ${at + 1}`,
      lines: insertAfter(lines, at, forms[n % forms.length]),
      expect: [{ code: 'abi/exception-state-access', line: at + 1 }],
    }));
  },
  // A10: a branch target moved into an #if arm that is not assembled (label or whole symbol)
  'target in an inactive #if arm': (lines, active) =>
    branchTargets(lines, active).map((t) => ({
      kind: 'target in an inactive #if arm',
      what: `${t.name} (lines ${t.from + 1}-${t.to + 1})`,
      lines: wrap(lines, t.from, t.to, '#ifdef CONFIG_AARCH64_FTRACE_NEVER_SET'),
      expect: t.branches.map((b) => ({ code: 'abi/branch-target-undefined', line: b + (b > t.to ? 2 : 0) })),
    })),
  // A10: a branch target put under a condition (true here) that the branch is not under
  'target under another condition': (lines, active) =>
    branchTargets(lines, active).map((t) => ({
      kind: 'target under another condition',
      what: `${t.name} (lines ${t.from + 1}-${t.to + 1})`,
      lines: wrap(lines, t.from, t.to, '#ifdef CONFIG_FUNCTION_TRACER'),
      expect: t.branches.map((b) => ({ code: 'abi/branch-target-condition', line: b + (b > t.to ? 2 : 0) })),
    })),
  // A10: ftrace_graph_call left in a configuration that does not patch it
  'unpatched ftrace_graph_call': (lines, active) => {
    const out: Mutation[] = [];
    const hasSite = lines.some((l, i) => active.has(i + 1) && /^\s*(GLOBAL|SYM_INNER_LABEL)\(ftrace_graph_call\b/.test(l));
    lines.forEach((l, i) => {
      if (!active.has(i)) return;
      // taken out of its #ifdef CONFIG_FUNCTION_GRAPH_TRACER and built without the graph tracer
      if (/\bftrace_graph_call\b/.test(l) && /^\s*(GLOBAL|SYM_INNER_LABEL)\(/.test(l) && /^#ifdef\s+CONFIG_FUNCTION_GRAPH_TRACER\b/.test(lines[i - 1]) && /^#endif/.test(lines[i + 2] ?? '')) {
        const next = [...lines.slice(0, i - 1), l, lines[i + 1], ...lines.slice(i + 3)];
        out.push({ kind: 'unpatched ftrace_graph_call', what: `line ${i + 1} without CONFIG_FUNCTION_GRAPH_TRACER`, lines: next, expect: [{ code: 'abi/graph-call-unpatched', line: i }], config: { CONFIG_FUNCTION_GRAPH_TRACER: 'n' } });
      }
      // added to a WITH_ARGS trampoline (graph tracing is an ftrace_ops callback there)
      const exit = nextMatch(lines, i + 1, /^\s*ret\b/);
      if (!hasSite && /^\s*ldp\s+x0\s*,\s*x1\s*,\s*\[sp\s*,\s*#FREGS_X0\]/.test(l) && exit > 0 && /ret\s+x9/.test(lines[exit]) && active.has(exit)) {
        out.push({ kind: 'unpatched ftrace_graph_call', what: `before line ${i + 1} (WITH_ARGS)`, lines: [...lines.slice(0, i), 'SYM_INNER_LABEL(ftrace_graph_call, SYM_L_GLOBAL)', '\tnop', ...lines.slice(i)], expect: [{ code: 'abi/graph-call-unpatched', line: i + 1 }] });
      }
    });
    return out;
  },
};

/** Lines after which an instruction runs first in the named trampolines (after `bti c` when there is one). */
function trampolineStarts(lines: readonly string[], active: ReadonlySet<number>, names: RegExp): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    const m = /^(?:SYM_CODE_START|SYM_FUNC_START|ENTRY)\((\w+)\)/.exec(l);
    if (!m || !names.test(m[1])) return;
    // the START line itself assembles to no instruction (or only the macro's own landing pad)
    const next = nextMatch(lines, i + 1, /^\s*[^\s/*]/);
    if (!active.has(i) && !active.has(next)) return;
    out.push(next >= 0 && /^\s*bti\s+c\b/.test(lines[next]) ? next : i);
  });
  return out;
}

const LABEL_DEF = /^(?:SYM_INNER_LABEL\((\w+),|GLOBAL\((\w+)\)|([A-Za-z_]\w*):)/;
const BLOCK_START = /^(?:SYM_CODE_START|SYM_FUNC_START|SYM_TYPED_FUNC_START|ENTRY)\((\w+)\)/;

/** Labels and symbols branched to from outside their own lines, with the range that defines each. */
function branchTargets(lines: readonly string[], active: ReadonlySet<number>): { name: string; from: number; to: number; branches: number[] }[] {
  const out: { name: string; from: number; to: number; branches: number[] }[] = [];
  lines.forEach((l, i) => {
    if (!active.has(i) && !active.has(i + 1)) return;
    let name: string | undefined;
    let to = i;
    const blk = BLOCK_START.exec(l);
    if (blk) {
      name = blk[1];
      to = nextMatch(lines, i + 1, new RegExp(`^(?:SYM_CODE_END|SYM_FUNC_END|ENDPROC|END)\\(${name}\\)`));
      if (to < 0) return;
    } else {
      const m = LABEL_DEF.exec(l);
      name = m?.[1] ?? m?.[2] ?? m?.[3];
    }
    if (!name) return;
    const branch = new RegExp(`^\\s*(?:b|bl|b\\.\\w+|cbn?z|tbn?z)\\s+(?:[^,/]*,\\s*)*${name}\\s*(?://.*)?$`);
    const branches = lines.flatMap((x, k) => (active.has(k) && (k < i || k > to) && branch.test(x) ? [k] : []));
    if (branches.length) out.push({ name, from: i, to, branches });
  });
  return out;
}

function wrap(lines: readonly string[], from: number, to: number, open: string): string[] {
  return [...lines.slice(0, from), open, ...lines.slice(from, to + 1), '#endif', ...lines.slice(to + 1)];
}

// --- the suite ---------------------------------------------------------------------------------

test('abi mutations: correct fixtures give no ABI diagnostic (false positives)', (t) => {
  let instructions = 0;
  const found: string[] = [];
  for (const v of VARIANTS) {
    const r = analyze(v, readFileSync(join(ROOT, v.file), 'utf8'));
    assert.deepEqual(r.frontEnd.map((d) => d.message), [], `${v.name}: front end errors`);
    assert.ok(r.instructions > 0, v.name);
    instructions += r.instructions;
    for (const d of r.abi) found.push(`${v.name}:${d.origin.loc.line + 1}: ${d.code}: ${d.message}`);
  }
  t.diagnostic(`false positives: ${found.length} ABI diagnostics on ${VARIANTS.length} correct fixture configurations (${instructions} instructions)`);
  assert.deepEqual(found, []);
});

test('abi mutations: each kind of bug is reported with the right code at the right line', (t) => {
  const perKind = new Map<string, { applied: number; caught: number }>();
  const missed: string[] = [];
  let extra = 0;
  for (const v of VARIANTS) {
    const text = readFileSync(join(ROOT, v.file), 'utf8');
    const lines = text.split('\n');
    const base = analyze(v, text);
    const file = join(ROOT, v.file);
    for (const [kind, gen] of Object.entries(GENERATORS)) {
      for (const m of gen(lines, base.active)) {
        const r = analyze(v, m.lines.join('\n'), m.config);
        const k = perKind.get(kind) ?? { applied: 0, caught: 0 };
        perKind.set(kind, k);
        k.applied++;
        if (r.frontEnd.length) {
          missed.push(`${v.name}: ${kind} ${m.what}: the mutant does not assemble: ${r.frontEnd[0].message}`);
          continue;
        }
        const expect = m.expect.map((e) => {
          if (!e.firstActive) return e;
          let line = e.line;
          while (line < m.lines.length && !r.active.has(line)) line++;
          return { code: e.code, line };
        });
        const ok = expect.every((e) => r.abi.some((d) => d.code === e.code && linesOf(d, file).includes(e.line)));
        if (ok) k.caught++;
        else {
          const got = r.abi.map((d) => `${d.code}@${linesOf(d, file).map((l) => l + 1).join('/')}`).join(', ') || 'nothing';
          missed.push(`${v.name}: ${kind} ${m.what}: expected ${expect.map((e) => `${e.code}@${e.line + 1}`).join(', ')}; got ${got}`);
        }
        const others = r.abi.filter((d) => !expect.some((e) => d.code === e.code && linesOf(d, file).includes(e.line)));
        extra += others.length;
        if (process.env.ABI_MUTATIONS_VERBOSE) for (const d of others) t.diagnostic(`  ${v.name}: ${kind} ${m.what}: also ${d.code}@${linesOf(d, file).map((l) => l + 1).join('/')}: ${d.message}`);
      }
    }
  }
  let applied = 0;
  let caught = 0;
  for (const [kind, k] of perKind) {
    t.diagnostic(`${kind}: ${k.caught}/${k.applied} caught`);
    applied += k.applied;
    caught += k.caught;
  }
  t.diagnostic(`catch rate: ${caught}/${applied} mutants (${((100 * caught) / Math.max(1, applied)).toFixed(1)}%); ${extra} further diagnostics on mutants (consequences of the same bug)`);
  for (const kind of Object.keys(GENERATORS)) assert.ok((perKind.get(kind)?.applied ?? 0) > 0, `no fixture offers a place for '${kind}'`);
  assert.deepEqual(missed, []);
});
