// Test-only mini assembler: enough of GNU as to build checker inputs from short sources, through
// the ISA encoder, with labels resolved in two passes. It produces the front end's AssembleResult
// so that tests go through programFromAssembly like the product does. Not product code.
//
// Understood: `//` and `/* … */` comments (one line), `label:` (also `1:` with 1b/1f), `#define
// NAME VALUE`, `NAME = expr`, `.equ/.set NAME, expr`, `.globl/.global`, `.type NAME, %function`,
// `.text`, `.section NAME`, `.align/.p2align/.balign` (NOP padding), `.quad/.word/.long`,
// SYM_FUNC_START/SYM_CODE_START(_LOCAL)/SYM_TYPED_FUNC_START and their _END (SYM_FUNC_START emits
// `bti c` under CONFIG_ARM64_BTI_KERNEL, as the kernel's linkage.h does), `ldr_l`/`adr_l`.
import type { AsmSymbol, AssembleResult, CppMacro, Item, Origin, SectionLayout } from '../../server/src/asm/types';
import { encode, evalExpr, isEncodeFailure } from '../../server/src/isa';
import { Program, ProgramOptions, programFromAssembly } from '../../server/src/analysis/program';

interface Stmt {
  readonly line: number;
  readonly col: number;
  readonly endCol: number;
  readonly text: string;
  readonly frame?: { name: string; kind: 'cpp-macro' | 'gas-macro' };
}

interface Sym {
  name: string;
  section?: string;
  value?: bigint;
  global: boolean;
  type?: 'function' | 'notype';
  line: number;
}

export interface MiniAsmOptions {
  readonly file?: string;
  /** `-D` style defines (CONFIG_* among them). */
  readonly defines?: Record<string, string>;
}

export function miniAssemble(text: string, opts: MiniAsmOptions = {}): AssembleResult {
  const file = opts.file ?? '/fixture.S';
  const defines = new Map<string, string>(Object.entries(opts.defines ?? {}));
  const lines = text.split('\n');
  const stmts: Stmt[] = [];
  const localDefs = new Map<string, number>(); // numeric label → current definition count
  for (let ln = 0; ln < lines.length; ln++) {
    let raw = lines[ln].replace(/\r$/, '');
    raw = raw.replace(/\/\*.*?\*\//g, (m) => ' '.repeat(m.length));
    const cmt = raw.indexOf('//');
    if (cmt >= 0) raw = raw.slice(0, cmt);
    const def = /^\s*#\s*define\s+(\w+)(?:\s+(.*))?$/.exec(raw);
    if (def) {
      defines.set(def[1], (def[2] ?? '').trim());
      continue;
    }
    if (/^\s*#/.test(raw)) continue;
    for (const part of splitStatements(raw)) {
      let { text: t, col } = part;
      // labels
      for (;;) {
        const m = /^([A-Za-z_.$][\w.$]*|\d+):\s*/.exec(t);
        if (!m) break;
        let name = m[1];
        if (/^\d+$/.test(name)) {
          const n = (localDefs.get(name) ?? 0) + 1;
          localDefs.set(name, n);
          name = `.Llocal_${m[1]}_${n}`;
        }
        stmts.push({ line: ln, col, endCol: col + m[1].length + 1, text: `${name}:` });
        col += m[0].length;
        t = t.slice(m[0].length);
      }
      if (t.trim() === '') continue;
      // numeric label references: 1b → the last definition, 1f → the next
      t = t.replace(/\b(\d+)([bf])\b/g, (_m, n: string, d: string) => {
        const cur = localDefs.get(n) ?? 0;
        return `.Llocal_${n}_${d === 'b' ? cur : cur + 1}`;
      });
      const expanded = expandMacro(t.trim(), defines);
      if (expanded) for (const e of expanded.lines) stmts.push({ line: ln, col, endCol: col + t.trim().length, text: e, frame: { name: expanded.name, kind: expanded.kind } });
      else stmts.push({ line: ln, col, endCol: col + t.trim().length, text: substitute(t.trim(), defines) });
    }
  }

  const syms = new Map<string, Sym>();
  const sym = (name: string, line: number): Sym => {
    let s = syms.get(name);
    if (!s) syms.set(name, (s = { name, global: false, line }));
    return s;
  };
  const absolute = new Map<string, bigint>();
  for (const [k, v] of defines) {
    try {
      absolute.set(k, evalExpr(v === '' ? '1' : v, (n) => absolute.get(n)));
    } catch {
      // not a number: a textual define only
    }
  }

  // pass 1: addresses; pass 2: words
  const run = (final: boolean): { sections: Map<string, Item[]>; sizes: Map<string, number> } => {
    const sections = new Map<string, Item[]>();
    const sizes = new Map<string, number>();
    let section = '.text';
    const stack: string[] = [];
    const pc = () => sizes.get(section) ?? 0;
    const emit = (it: Omit<Item, 'section' | 'offset'>) => {
      const list = sections.get(section) ?? [];
      sections.set(section, list);
      list.push({ ...it, section, offset: pc() });
      sizes.set(section, pc() + it.size);
    };
    const originOf = (s: Stmt): Origin => {
      const loc = { file, line: s.line, startCol: s.col, endCol: s.endCol };
      return s.frame ? { loc, stack: [{ kind: s.frame.kind, name: s.frame.name, at: loc }] } : { loc, stack: [] };
    };
    const resolve = (name: string): bigint | undefined => {
      if (absolute.has(name)) return absolute.get(name);
      const s = syms.get(name);
      if (s?.section !== undefined && s.value !== undefined) return s.value;
      return undefined;
    };
    for (const s of stmts) {
      const t = s.text;
      let m: RegExpExecArray | null;
      if ((m = /^([A-Za-z_.$][\w.$]*):$/.exec(t))) {
        const y = sym(m[1], s.line);
        y.section = section;
        y.value = BigInt(pc());
        continue;
      }
      if ((m = /^([A-Za-z_.$][\w.$]*)\s*=\s*(.+)$/.exec(t)) || (m = /^\.(?:equ|set)\s+([\w.$]+)\s*,\s*(.+)$/.exec(t))) {
        absolute.set(m[1], evalExpr(m[2], resolve));
        continue;
      }
      if ((m = /^\.(?:globl|global)\s+([\w.$]+)$/.exec(t))) {
        sym(m[1], s.line).global = true;
        continue;
      }
      if ((m = /^\.type\s+([\w.$]+)\s*,\s*[%@](\w+)$/.exec(t))) {
        sym(m[1], s.line).type = m[2] === 'function' ? 'function' : 'notype';
        continue;
      }
      if (t === '.text') {
        section = '.text';
        continue;
      }
      if ((m = /^\.(?:section|pushsection)\s+([\w.$]+)/.exec(t))) {
        if (t.startsWith('.push')) stack.push(section);
        section = m[1];
        continue;
      }
      if (t === '.popsection') {
        section = stack.pop() ?? '.text';
        continue;
      }
      if ((m = /^\.(align|p2align|balign)\s+(\d+)/.exec(t))) {
        const n = Number(m[2]);
        const bytes = m[1] === 'balign' ? n : 2 ** n;
        while (pc() % bytes !== 0) emit({ size: 4, kind: 'insn', word: 0xd503201f, text: 'nop', origin: originOf(s) });
        continue;
      }
      if ((m = /^\.(quad|xword|word|long|int)\s+(.+)$/.exec(t))) {
        const size = m[1] === 'quad' || m[1] === 'xword' ? 8 : 4;
        for (const _ of m[2].split(',')) emit({ size, kind: 'data', origin: originOf(s), text: t });
        continue;
      }
      if (/^\.(size|cfi_\w+|previous|ltorg|pushsection|popsection)\b/.test(t) || t.startsWith('.')) continue;
      // an instruction
      const address = BigInt(pc());
      let reloc: { symbol: string } | undefined;
      const word = (() => {
        if (!final) return 0;
        const r = encode(t, {
          pc: address,
          resolve: (name) => {
            const v = resolve(name);
            if (v !== undefined) return v;
            reloc = { symbol: name };
            return address;
          },
        });
        if (isEncodeFailure(r)) throw new Error(`${file}:${s.line + 1}: ${t}: ${r.error}`);
        return r.word;
      })();
      emit({ size: 4, kind: 'insn', word, text: t, origin: originOf(s), reloc: reloc ? { type: 'R_AARCH64_CALL26', symbol: reloc.symbol, addend: 0n } : undefined });
    }
    return { sections, sizes };
  };
  run(false);
  const { sections, sizes } = run(true);

  const layouts: SectionLayout[] = [...sections].map(([name, items]) => ({ name, size: sizes.get(name) ?? 0, bytes: new Uint8Array(0), items }));
  const symbols = new Map<string, AsmSymbol>();
  for (const s of syms.values()) {
    symbols.set(s.name, {
      name: s.name,
      section: s.section,
      value: s.value,
      defined: s.section !== undefined,
      binding: s.global ? 'global' : 'local',
      type: s.type,
      origin: { loc: { file, line: s.line, startCol: 0, endCol: 0 }, stack: [] },
    });
  }
  const macros = new Map<string, CppMacro>();
  for (const [name, body] of defines) macros.set(name, { name, body, origin: { loc: { file, line: 0, startCol: 0, endCol: 0 }, stack: [] } });
  const all = layouts.flatMap((l) => l.items);
  return {
    sections: layouts,
    symbols,
    macros: new Map(),
    diagnostics: [],
    preprocess: { lines: [], diagnostics: [], files: [file], macros },
    itemsAt: (f, line) => all.filter((it) => it.origin.loc.file === f && it.origin.loc.line === line),
  };
}

/** Splits at `;` outside brackets (gas statement separator). */
function splitStatements(raw: string): { text: string; col: number }[] {
  const out: { text: string; col: number }[] = [];
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i === raw.length || raw[i] === ';') {
      const piece = raw.slice(start, i);
      const lead = piece.length - piece.trimStart().length;
      if (piece.trim() !== '') out.push({ text: piece.trim(), col: start + lead });
      start = i + 1;
    }
  }
  return out;
}

function substitute(t: string, defines: ReadonlyMap<string, string>): string {
  return t.replace(/[A-Za-z_][\w]*/g, (w) => {
    const v = defines.get(w);
    return v !== undefined && v !== '' && !w.startsWith('CONFIG_') ? `(${v})` : w;
  });
}

function expandMacro(t: string, defines: ReadonlyMap<string, string>): { name: string; kind: 'cpp-macro' | 'gas-macro'; lines: string[] } | undefined {
  const m = /^(SYM_FUNC_START|SYM_TYPED_FUNC_START|SYM_FUNC_START_LOCAL|SYM_CODE_START|SYM_CODE_START_LOCAL|SYM_FUNC_END|SYM_CODE_END)\(\s*([\w.$]+)\s*\)$/.exec(t);
  if (m) {
    const [, mac, name] = m;
    if (mac.endsWith('_END')) return { name: mac, kind: 'cpp-macro', lines: [] };
    const lines = mac.endsWith('_LOCAL') ? [] : [`.globl ${name}`];
    if (mac.includes('FUNC')) lines.push(`.type ${name}, %function`);
    lines.push('.align 2', `${name}:`);
    if (mac.includes('FUNC') && defines.has('CONFIG_ARM64_BTI_KERNEL')) lines.push('hint #34');
    return { name: mac, kind: 'cpp-macro', lines };
  }
  const l = /^(ldr_l|adr_l)\s+(\w+)\s*,\s*([\w.$]+)$/.exec(t);
  if (l) {
    const [, mac, reg] = l;
    return { name: mac, kind: 'gas-macro', lines: mac === 'ldr_l' ? [`adrp ${reg}, . - (. % 4096)`, `ldr ${reg}, [${reg}]`] : [`adrp ${reg}, . - (. % 4096)`, `add ${reg}, ${reg}, #0`] };
  }
  return undefined;
}

/** A checker input from source text, through programFromAssembly. */
export function miniProgram(text: string, opts: MiniAsmOptions & Omit<ProgramOptions, 'file' | 'text'> = {}): Program {
  const file = opts.file ?? '/fixture.S';
  // the config is the preprocessor's too (SYM_FUNC_START's `bti c` depends on it)
  const defines = { ...Object.fromEntries([...(opts.config ?? [])].map((c) => [c, '1'])), ...(opts.defines ?? {}) };
  return programFromAssembly(miniAssemble(text, { ...opts, defines, file }), { ...opts, file, text });
}
