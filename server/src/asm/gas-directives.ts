// Statements: expansion frames (files, .include, macros, loops), the collection of macro and loop
// bodies, conditionals, macro invocation (both syntaxes), and the directives that are not data
// (sections, symbols, architecture, messages, .include).
import { ExprError } from '../isa/expr';
import { parseArch, parseCpu, withExtension } from './gas-arch';
import { firstWord, parseStringLiteral, scrubOperands, splitCommas, splitStatements, takeLabels } from './gas-lex';
import { BodyStatement, MacroDef, bindArguments, irpValues, parseMacroHead, substitute } from './gas-macro';
import { AltExpansion, PercentEval, altIrpValues, bindAltArguments, getAltString, substituteAlt } from './gas-altmacro';
import { ExpansionFrame, Origin, PpLine } from './types';
import { Frame, Stmt } from './gas-state';
import { DATA_SIZES, IGNORED, LineStatement, ParsedStatement, StatementKind, bodyCost, isStatementList, lineStatements, parseStatement } from './gas-statements';
import { GasInstructions } from './gas-instructions';


export abstract class GasDirectives extends GasInstructions {
  // --- frames --------------------------------------------------------------------------------

  protected linesFrame(lines: readonly PpLine[], kind: 'file' | 'include', name: string, start = 0, condDepth = this.conds.length): Frame & { position(): number | undefined } {
    let i = start;
    // the line's statements: `one`, or `pending` when it has none or several
    let pending: readonly LineStatement[] | undefined = [];
    let one: LineStatement | undefined;
    let count = 0;
    let pi = 0;
    let line: PpLine | undefined;
    const self = this;
    return {
      kind, name, condDepth, macro: false,
      /** The next line's index when every statement of the lines before it was read. */
      position: () => (pi >= count ? i : undefined),
      next(): Stmt | undefined {
        while (pi >= count) {
          if (i >= lines.length) return undefined;
          line = lines[i++];
          pi = 0;
          if (line.text.length > self.limits.maxLineLength) {
            self.err('asm/limit', `line longer than ${self.limits.maxLineLength} characters (limit); skipped`, line.origin);
            count = 0;
            continue;
          }
          const r = lineStatements(line.text);
          if (isStatementList(r)) {
            pending = r;
            count = r.length;
          } else {
            pending = undefined;
            one = r;
            count = 1;
          }
        }
        const r = pending ? pending[pi++] : (pi++, one!);
        const l = line!;
        const loc = l.origin.loc;
        const exact = loc.endCol - loc.startCol === l.text.length;
        const origin: Origin = exact
          ? { loc: { file: loc.file, line: loc.line, startCol: loc.startCol + r.start, endCol: loc.startCol + r.end }, stack: l.origin.stack }
          : l.origin;
        return { text: r.text, origin, parsed: r.parsed };
      },
    };
  }

  /** Expands `body` `iterations` times with per-iteration substitution. */
  protected bodyFrame(kind: ExpansionFrame['kind'], name: string, inv: Stmt, body: readonly BodyStatement[], iterations: number, subst: (text: string, iter: number, index: number) => string): Frame {
    const frame: ExpansionFrame = { kind, name, at: inv.origin.loc };
    const stack = [...inv.origin.stack, frame];
    let iter = 0;
    let bi = 0;
    let pending: Stmt[] = [];
    let pi = 0;
    return {
      kind, name, condDepth: this.conds.length, macro: kind === 'gas-macro',
      next(): Stmt | undefined {
        while (pi >= pending.length) {
          if (bi >= body.length) {
            iter++;
            bi = 0;
            if (body.length === 0) return undefined;
          }
          if (iter >= iterations) return undefined;
          const b = body[bi++];
          const text = subst(b.text, iter, bi - 1);
          const origin: Origin = { loc: b.origin.loc, stack };
          if (text === b.text || text.indexOf(';') < 0) pending = [{ text: text.trim(), origin }];
          else pending = splitStatements(text).map((r) => ({ text: r.text, origin }));
          pi = 0;
        }
        return pending[pi++];
      },
    };
  }

  protected pushFrame(f: Frame, st: Stmt): boolean {
    if (f.kind !== 'file' && f.kind !== 'include') {
      if (this.macroDepth >= this.limits.maxMacroDepth) {
        this.err('asm/limit', `macros nested too deeply (limit ${this.limits.maxMacroDepth})`, st);
        // unwind every expansion: the outermost one is abandoned
        while (this.frames.length && this.frames[this.frames.length - 1].kind !== 'file' && this.frames[this.frames.length - 1].kind !== 'include') this.popFrame(true);
        return false;
      }
      this.macroDepth++;
    }
    this.frames.push(f);
    return true;
  }

  protected popFrame(silent = false): void {
    const f = this.frames.pop()!;
    if (f.kind !== 'file' && f.kind !== 'include') this.macroDepth--;
    if (this.conds.length > f.condDepth) {
      if (!silent) {
        const c = this.conds[f.condDepth];
        if (f.kind === 'file') {
          this.diag('error', 'asm/unterminated', 'end of file inside conditional', c.origin);
        } else {
          this.diag('error', 'asm/unterminated', f.macro ? 'end of macro inside conditional' : `end of .${f.kind === 'rept' ? 'rept' : f.kind} inside conditional`, c.origin);
        }
      }
      this.conds.length = f.condDepth;
    }
  }

  protected statement(st: Stmt): void {
    this.here = undefined;
    if (this.collect) return this.collectStatement(st);
    const p = st.parsed ?? parseStatement(st.text);
    const { labels, word, lw, args, argCol } = p;
    const active = this.conds.length === 0 || this.conds[this.conds.length - 1].active;
    if (!active) {
      if (lw.startsWith('.if') || lw === '.else' || lw === '.elseif' || lw === '.endif') this.conditional(lw, args, st, argCol, false);
      return;
    }
    for (const l of labels) this.defineLabel(l.name, st, l.col);
    const kind = p.kind;
    if (kind === StatementKind.Other) return this.macroOrInstruction(p, st);
    if (kind === StatementKind.Empty) return;
    if (kind === StatementKind.Directive) return this.directive(lw, args, st, argCol);
    // `sym = expr`, `sym == expr`
    if (kind === StatementKind.Assign) {
      const e = args.startsWith('==') ? args.slice(2) : args.slice(1);
      return this.assign(word, e, st, args.startsWith('==') ? 'eqv' : 'set');
    }
    // `name .req reg`, `name .equ expr`; another second word: a macro use or an instruction
    const second = firstWord(args);
    const sw = second.word.toLowerCase();
    if (sw === '.req') return this.req(word, second.rest, st);
    if (sw === '.equ' || sw === '.set') return this.assign(word, second.rest, st, 'set');
    this.macroOrInstruction(p, st);
  }

  private macroOrInstruction(p: ParsedStatement, st: Stmt): void {
    const m = this.macros.size ? this.macros.get(p.lw) : undefined;
    if (m) return this.invokeMacro(m, p.args, st);
    this.instruction(p, st);
  }

  // --- collection of macro and loop bodies ---------------------------------------------------

  protected collectStatement(st: Stmt): void {
    const c = this.collect!;
    const { rest } = st.text.indexOf(':') > 0 ? takeLabels(st.text) : { rest: st.text };
    const lw = firstWord(rest).word.toLowerCase();
    if (c.kind === 'macro') {
      if (lw === '.macro') c.depth++;
      else if (lw === '.endm') {
        if (--c.depth === 0) return this.finishCollect(st);
      }
    } else {
      if (lw === '.rept' || lw === '.irp' || lw === '.irpc') c.depth++;
      else if (lw === '.endr') {
        if (--c.depth === 0) return this.finishCollect(st);
      }
    }
    c.body.push({ text: st.text, origin: st.origin });
  }

  protected finishCollect(st: Stmt): void {
    const c = this.collect!;
    this.collect = undefined;
    const inv: Stmt = { text: '', origin: c.origin };
    if (c.kind === 'macro') {
      const name = c.macro!.name.toLowerCase();
      if (this.macros.has(name)) {
        this.diag('error', 'asm/redefined-macro', `Macro \`${c.macro!.name}' was already defined`, c.origin);
        return;
      }
      this.macros.set(name, { name: c.macro!.name, params: c.macro!.params, body: c.body, origin: c.origin });
      return;
    }
    const body = c.body;
    if (c.kind === 'rept') {
      const n = c.count!;
      if (n <= 0 || body.length === 0) return;
      if (!this.budget(n * bodyCost(body), st, '.rept')) return;
      this.pushFrame(this.bodyFrame('rept', '.rept', inv, body, n, (t) => t), st);
      return;
    }
    const sym = c.sym!;
    const values = c.values!;
    if (body.length === 0 || values.length === 0) return;
    if (!this.budget(values.length * bodyCost(body), st, '.' + c.kind)) return;
    const one = new Map<string, string>();
    const alt = this.altmacro;
    this.pushFrame(
      this.bodyFrame(c.kind, '.' + c.kind, inv, body, values.length, (t, i) => {
        one.set(sym, values[i]);
        if (!alt) return substitute(t, one);
        return substituteAlt(t, { values: one, locals: new Map(), macro: false, nextLocal: () => ++this.localCounter, error: () => undefined });
      }),
      st,
    );
  }

  /** Whether `n` more statements fit the statement limit. */
  protected budget(n: number, st: Stmt, what: string): boolean {
    if (this.statements + n > this.limits.maxStatements) {
      this.err('asm/limit', `${what} would expand to ${n} statements, more than the limit of ${this.limits.maxStatements}; not expanded`, st);
      return false;
    }
    return true;
  }

  // --- conditionals --------------------------------------------------------------------------

  protected conditional(lw: string, args: string, st: Stmt, argCol: number, active: boolean): void {
    const top = this.conds[this.conds.length - 1];
    if (lw === '.endif') {
      if (!top) return this.err('asm/unbalanced', '".endif" without ".if"', st);
      this.conds.pop();
      return;
    }
    if (lw === '.else') {
      if (!top) return this.err('asm/unbalanced', '".else" without matching ".if"', st);
      if (top.elseSeen) this.err('asm/unbalanced', 'duplicate ".else"', st);
      top.elseSeen = true;
      top.active = top.parentActive && !top.taken;
      top.taken = true;
      return;
    }
    if (lw === '.elseif') {
      if (!top) return this.err('asm/unbalanced', '".elseif" without matching ".if"', st);
      if (top.elseSeen) this.err('asm/unbalanced', '".elseif" after ".else"', st);
      if (top.parentActive && !top.taken) {
        const v = this.absolute(args, '.elseif');
        if (typeof v === 'string') this.err('asm/expression', v, st, [argCol, st.text.length]);
        const ok = typeof v === 'bigint' && v !== 0n;
        top.active = ok;
        top.taken = ok;
      } else top.active = false;
      return;
    }
    // an .if family directive
    const parentActive = active;
    let result = false;
    if (parentActive) {
      const r = this.evalIf(lw, args, st, argCol);
      if (r === undefined) {
        this.warn('asm/unknown-directive', `unknown pseudo-op: \`${lw}'`, st);
        return;
      }
      result = r;
    }
    this.conds.push({ active: parentActive && result, taken: !parentActive || result, parentActive, elseSeen: false, origin: st.origin });
  }

  protected evalIf(lw: string, args: string, st: Stmt, argCol: number): boolean | undefined {
    const num = (): bigint => {
      const v = this.absolute(args, lw === '.if' ? '.if' : lw);
      if (typeof v === 'string') {
        this.err('asm/expression', v, st, [argCol, st.text.length]);
        return 0n;
      }
      return v;
    };
    switch (lw) {
      case '.if': return num() !== 0n;
      case '.ifeq': return num() === 0n;
      case '.ifne': return num() !== 0n;
      case '.ifge': return num() >= 0n;
      case '.ifgt': return num() > 0n;
      case '.ifle': return num() <= 0n;
      case '.iflt': return num() < 0n;
      case '.ifdef':
      case '.ifndef':
      case '.ifnotdef': {
        const name = args.trim();
        const s = this.symbols.get(name);
        const def = !!s && (s.kind === 'label' || s.kind === 'equ' || s.kind === 'common');
        return lw === '.ifdef' ? def : !def;
      }
      case '.ifb':
      case '.ifnb': {
        const blank = args.trim() === '';
        return lw === '.ifb' ? blank : !blank;
      }
      case '.ifc':
      case '.ifnc': {
        const s = scrubOperands(args);
        const [a, b] = this.ifcOperands(s);
        if (b === undefined) {
          this.err('asm/bad-directive', 'bad format for ifc or ifnc', st);
          return false;
        }
        return lw === '.ifc' ? a === b : a !== b;
      }
      case '.ifeqs':
      case '.ifnes': {
        const parts = splitCommas(args);
        const strs = parts.map((p) => (p.startsWith('"') ? parseStringLiteral(p, 0).bytes.map((c) => String.fromCharCode(c)).join('') : undefined));
        if (parts.length !== 2 || strs.some((x) => x === undefined)) {
          this.err('asm/bad-directive', 'expected quoted string', st);
          return false;
        }
        return lw === '.ifeqs' ? strs[0] === strs[1] : strs[0] !== strs[1];
      }
    }
    return undefined;
  }

  /** gas get_mri_string for .ifc: 'quoted' (with '' for a quote) or text up to the comma, trimmed. */
  protected ifcOperands(s: string): [string, string | undefined] {
    const one = (i: number, stop: string): [string, number] => {
      while (s[i] === ' ') i++;
      if (s[i] === "'") {
        let out = '';
        let j = i + 1;
        while (j < s.length) {
          if (s[j] === "'") {
            if (s[j + 1] === "'") {
              out += "'";
              j += 2;
              continue;
            }
            j++;
            break;
          }
          out += s[j++];
        }
        return [out, j];
      }
      let j = i;
      while (j < s.length && s[j] !== stop) j++;
      return [s.slice(i, j).trimEnd(), j];
    };
    const [a, i] = one(0, ',');
    if (s[i] !== ',') return [a, undefined];
    const [b] = one(i + 1, '\u0000');
    return [a, b];
  }

  // --- macros --------------------------------------------------------------------------------

  protected invokeMacro(m: MacroDef, args: string, st: Stmt): void {
    if (this.altmacro) return this.invokeAltMacro(m, args, st);
    const { values, errors } = bindArguments(m, scrubOperands(args));
    for (const e of errors) this.err('asm/macro-arguments', e, st);
    const counter = this.macroCounter++;
    if (m.body.length === 0) return;
    this.pushFrame(this.bodyFrame('gas-macro', m.name, st, m.body, 1, (t) => substitute(t, values, counter)), st);
  }

  /** `%expr` in alternate syntax: the expression's value now (an error, and its constant part, when it is not absolute). */
  protected percent(st: Stmt): PercentEval {
    return (expr) => {
      try {
        const v = this.evaluate(expr);
        if (v.unknown.length || v.terms.size) this.err('asm/expression', '% operator needs absolute expression', st);
        return v.value;
      } catch (e) {
        if (!(e instanceof ExprError)) throw e;
        this.err('asm/expression', '% operator needs absolute expression', st);
        return 0n;
      }
    };
  }

  /**
   * A macro invoked under `.altmacro`: the whole body is expanded at once, as gas does (LOCAL
   * names are numbered in the order gas numbers them, before any macro the body invokes).
   */
  protected invokeAltMacro(m: MacroDef, args: string, st: Stmt): void {
    const { values, errors } = bindAltArguments(m, scrubOperands(args), this.percent(st));
    for (const e of errors) this.err('asm/macro-arguments', e, st);
    const counter = this.macroCounter++;
    if (m.body.length === 0) return;
    const stack = [...st.origin.stack, { kind: 'gas-macro' as const, name: m.name, at: st.origin.loc }];
    let at = 0;
    const x: AltExpansion = {
      values, locals: new Map(), counter, macro: true,
      nextLocal: () => ++this.localCounter,
      error: (message) => this.diag('error', 'asm/bad-directive', message, { loc: m.body[at].origin.loc, stack }),
    };
    const texts: string[] = [];
    for (; at < m.body.length; at++) texts.push(substituteAlt(m.body[at].text, x));
    this.pushFrame(this.bodyFrame('gas-macro', m.name, st, m.body, 1, (_t, _i, index) => texts[index]), st);
  }

  // --- directives ----------------------------------------------------------------------------

  protected directive(lw: string, args: string, st: Stmt, argCol: number): void {
    const size = DATA_SIZES[lw];
    if (size !== undefined) return this.data(size, args, st, argCol, lw);
    if (lw.startsWith('.if') || lw === '.else' || lw === '.elseif' || lw === '.endif') return this.conditional(lw, args, st, argCol, true);
    switch (lw) {
      case '.macro': {
        const percent = this.percent(st);
        const h = this.altmacro ? parseMacroHead(scrubOperands(args), (s, i) => getAltString(s, i, percent)) : parseMacroHead(scrubOperands(args));
        if ('error' in h) return this.err('asm/bad-directive', h.error, st);
        this.collect = { kind: 'macro', depth: 1, body: [], origin: st.origin, macro: h };
        return;
      }
      case '.endm':
        return this.warn('asm/unbalanced', '.endm encountered without preceding .macro', st);
      case '.endr':
        return this.warn('asm/unbalanced', '.endr encountered without preceding .rept, .irp, or .irpc', st);
      case '.exitm': {
        let i = this.frames.length - 1;
        while (i >= 0 && !this.frames[i].macro && this.frames[i].kind !== 'file' && this.frames[i].kind !== 'include') i--;
        if (i < 0 || !this.frames[i].macro) return this.warn('asm/unbalanced', 'ignoring macro exit outside a macro definition.', st);
        while (this.frames.length > i) this.popFrame(true);
        return;
      }
      case '.purgem': {
        for (const n of splitCommas(args)) {
          if (!this.macros.delete(n.toLowerCase())) this.warn('asm/undefined-macro', `Attempt to purge non-existing macro \`${n}'`, st);
        }
        return;
      }
      case '.rept': {
        const v = this.absolute(args, '.rept');
        let n = 0;
        if (typeof v === 'string') this.err('asm/expression', v, st, [argCol, st.text.length]);
        else if (v < 0n) this.err('asm/expression', 'negative count for REPT - ignored', st);
        else n = v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
        this.collect = { kind: 'rept', depth: 1, body: [], origin: st.origin, count: n };
        return;
      }
      case '.irp':
      case '.irpc': {
        const s = scrubOperands(args);
        const m = /^([A-Za-z_.$][\w.$]*)\s*,?\s*(.*)$/.exec(s);
        if (!m) {
          this.err('asm/bad-directive', `missing model parameter in ${lw}`, st);
          this.collect = { kind: lw === '.irp' ? 'irp' : 'irpc', depth: 1, body: [], origin: st.origin, sym: '', values: [] };
          return;
        }
        let values: string[];
        if (lw === '.irp') values = m[2] === '' ? [''] : this.altmacro ? altIrpValues(m[2], this.percent(st)) : irpValues(m[2]);
        else {
          const t = m[2].startsWith('"') ? m[2].slice(1, m[2].endsWith('"') ? -1 : undefined) : m[2];
          values = t === '' ? [''] : [...t];
        }
        this.collect = { kind: lw === '.irp' ? 'irp' : 'irpc', depth: 1, body: [], origin: st.origin, sym: m[1], values };
        return;
      }
      case '.set':
      case '.equ':
      case '.equiv':
      case '.eqv': {
        const i = args.indexOf(',');
        if (i < 0) return this.err('asm/bad-directive', `expected comma after name in ${lw}`, st);
        return this.assign(args.slice(0, i).trim(), args.slice(i + 1), st, lw === '.equiv' ? 'equiv' : lw === '.eqv' ? 'eqv' : 'set');
      }
      case '.req':
        return this.err('asm/bad-directive', 'invalid syntax for .req directive', st);
      case '.unreq': {
        const n = args.trim();
        if (!this.aliases.delete(n) && !this.aliases.delete(n.toLowerCase())) this.err('asm/bad-directive', `unknown register alias '${n}'`, st);
        this.aliases.delete(n.toLowerCase());
        this.aliases.delete(n.toUpperCase());
        return;
      }
      case '.text':
      case '.data':
        return this.switchTo(this.section(lw, undefined, undefined, this.subsectionNumber(args, st)));
      case '.bss':
        if (args.trim() !== '') return this.err('asm/bad-directive', `junk at end of line, first unrecognized character is \`${args.trim()[0]}'`, st);
        return this.switchTo(this.section(lw));
      case '.section':
      case '.pushsection': {
        const parsed = this.sectionArgs(args, st, lw === '.pushsection');
        if (!parsed) return;
        if (lw === '.pushsection') this.sectionStack.push({ cur: this.cur, prev: this.prev });
        return this.switchTo(this.section(parsed.name, parsed.flags, parsed.type, parsed.subsection));
      }
      case '.popsection': {
        const p = this.sectionStack.pop();
        if (!p) return this.err('asm/unbalanced', '.popsection without corresponding .pushsection; ignored', st);
        this.cur = p.cur;
        this.prev = p.prev;
        return;
      }
      case '.previous': {
        if (!this.prev) return this.warn('asm/unbalanced', '.previous without corresponding .section; ignored', st);
        const c = this.cur;
        this.cur = this.prev;
        this.prev = c;
        return;
      }
      case '.subsection':
        return this.switchTo(this.section(this.cur.name, undefined, undefined, this.subsectionNumber(args, st)));
      case '.ltorg':
      case '.pool':
        return this.flushPools(this.cur, st);
      case '.align':
      case '.p2align':
      case '.p2alignw':
      case '.p2alignl':
      case '.balign':
      case '.balignw':
      case '.balignl':
        return this.align(lw, args, st);
      case '.skip':
      case '.space':
        return this.space(args, st);
      case '.zero': {
        const v = this.absolute(args, '.zero');
        if (typeof v === 'string') return this.err('asm/expression', v.replace('".zero" statement', '.space, .nops or .fill specifies non-absolute value'), st);
        return this.fillBytes(v, [0], st, 'fill');
      }
      case '.fill':
        return this.fill(args, st);
      case '.nops': {
        const v = this.absolute(splitCommas(args)[0] ?? '', '.nops');
        if (typeof v === 'string') return this.err('asm/expression', v, st);
        if (v % 4n !== 0n) return this.err('asm/bad-directive', 'misaligned .nops size', st);
        return this.fillBytes(v, [0x1f, 0x20, 0x03, 0xd5], st, 'fill');
      }
      case '.org':
        return this.org(args, st);
      case '.ascii':
      case '.asciz':
      case '.string':
        return this.strings(args, st, lw !== '.ascii');
      case '.inst':
        return this.inst(args, st, argCol);
      case '.uleb128':
      case '.sleb128':
        return this.leb(args, st, lw === '.sleb128');
      case '.global':
      case '.globl':
      case '.weak':
      case '.local':
        for (const n of splitCommas(args)) {
          if (!n) continue;
          const s = this.sym(n);
          s.binding = lw === '.weak' ? 'weak' : lw === '.local' ? 'local' : s.binding === 'weak' ? 'weak' : 'global';
          s.origin ??= st.origin;
        }
        return;
      case '.hidden':
        for (const n of splitCommas(args)) if (n) this.sym(n);
        return;
      case '.type': {
        // the comma is optional: linkage.h's SYM_END writes `.type name STT_FUNC`
        let [n, t] = splitCommas(args);
        if (n && t === undefined) [n, t] = [n.replace(/\s.*$/s, ''), n.replace(/^\S+\s*/, '')];
        if (!n || !t) return this.err('asm/bad-directive', 'expected a type after the name in .type', st);
        const k = t.replace(/^[@%]/, '').replace(/^"|"$/g, '').toLowerCase();
        const s = this.sym(n);
        s.type = k === 'function' || k === 'stt_func' || k === 'gnu_indirect_function' ? 'function' : k === 'object' || k === 'stt_object' || k === 'tls_object' || k === 'common' ? 'object' : 'notype';
        return;
      }
      case '.size': {
        const i = args.indexOf(',');
        if (i < 0) return this.err('asm/bad-directive', 'expected comma after name in .size', st);
        const s = this.sym(args.slice(0, i).trim());
        const e = args.slice(i + 1);
        const v = this.evaluateOrReport(e, st);
        if (!v) return;
        if (v.unknown.length === 0 && v.terms.size === 0) s.size = Number(v.value);
        else this.fixups.push({ kind: 'size', sym: s, expr: this.localize(e), sec: this.cur, at: this.cur.size, st });
        return;
      }
      case '.comm':
      case '.lcomm': {
        const [n, sz] = splitCommas(args);
        if (!n) return this.err('asm/bad-directive', `expected symbol name in ${lw}`, st);
        const s = this.sym(n);
        if (s.kind === 'undef') s.kind = 'common';
        const v = sz ? this.absolute(sz, lw) : 0n;
        if (typeof v === 'bigint') s.size = Number(v);
        if (lw === '.comm') s.binding = 'global';
        return;
      }
      case '.arch':
      case '.arch_extension':
      case '.cpu': {
        const t = args.trim();
        const a = lw === '.arch' ? parseArch(t) : lw === '.cpu' ? parseCpu(t) : withExtension(this.arch, t);
        if ('error' in a) return this.err('asm/bad-arch', a.error, st);
        this.arch = a;
        return;
      }
      case '.err':
        return this.err('asm/user', '.err encountered', st);
      case '.error':
      case '.warning':
      case '.print': {
        const t = args.trim();
        const msg = t.startsWith('"') ? String.fromCharCode(...parseStringLiteral(t, 0).bytes.slice(0, 10_000)) : lw === '.error' ? '.error directive invoked in source file' : t;
        if (lw === '.error') this.err('asm/user', msg, st);
        else if (lw === '.warning') this.warn('asm/user', t.startsWith('"') ? msg : '.warning directive invoked in source file', st);
        else this.diag('info', 'asm/user', msg, st.origin);
        return;
      }
      case '.include':
        return this.include(args, st);
      case '.tlsdesccall': {
        const n = args.trim();
        if (!/^[A-Za-z_.$][\w.$]*$/.test(n)) return this.err('asm/bad-directive', `invalid symbol name \`${n}'`, st);
        this.tlsCall = n;
        return;
      }
      case '.incbin':
        return this.incbin(args, st);
      case '.altmacro':
      case '.noaltmacro':
        this.altmacro = lw === '.altmacro';
        return;
      case '.end':
        this.stopped = true;
        return;
      case '.float':
      case '.single':
      case '.double':
        return this.floats(lw === '.double' ? 8 : 4, args, st);
      case '.octa':
        return this.data(16, args, st, argCol, lw);
    }
    if (IGNORED.has(lw) || lw.startsWith('.cfi_')) return;
    const m = this.macros.get(lw);
    if (m) return this.invokeMacro(m, args, st);
    this.warn('asm/unknown-directive', `unknown pseudo-op: \`${lw}'`, st, [0, lw.length]);
  }

  protected sectionArgs(args: string, st: Stmt, push: boolean): { name: string; flags?: string; type?: string; subsection: number } | undefined {
    const parts = splitCommas(args);
    // `.pushsection NAME, N, …`: a subsection number before the flags
    const subsection = push && /^\d/.test(parts[1] ?? '') ? this.subsectionNumber(parts.splice(1, 1)[0], st) : 0;
    let name = parts[0] ?? '';
    if (name.startsWith('"')) name = name.slice(1, name.endsWith('"') ? -1 : undefined);
    if (!name) {
      this.err('asm/bad-directive', 'missing name', st);
      return undefined;
    }
    let flags: string | undefined;
    let type: string | undefined;
    const f = parts[1];
    if (f !== undefined && f.startsWith('"')) {
      flags = f.slice(1, f.endsWith('"') ? -1 : undefined);
      const t = parts[2];
      if (t) type = t.replace(/^[@%]/, '').toLowerCase();
    }
    return { name, flags, type, subsection };
  }

  protected include(args: string, st: Stmt): void {
    const t = args.trim();
    const name = t.startsWith('"') ? t.slice(1, t.endsWith('"') ? -1 : undefined) : t;
    const host = this.opts.host;
    let text: string | undefined;
    let file = '';
    for (const c of this.searchPath(name, st)) {
      text = host?.readFile(c);
      if (text !== undefined) {
        file = c;
        break;
      }
    }
    if (text === undefined) return this.err('asm/missing-include', `can't open ${name} for reading: No such file or directory`, st);
    this.includesRead.push({ path: file, text });
    if (this.frames.filter((f) => f.kind === 'include').length >= this.limits.maxIncludeDepth)
      return this.err('asm/limit', `.include nested more than ${this.limits.maxIncludeDepth} deep (limit)`, st);
    const frame: ExpansionFrame = { kind: 'include', name: file, at: st.origin.loc };
    const stack = [...st.origin.stack, frame];
    const lines: PpLine[] = text.split(/\r?\n/).map((l, i) => ({ text: l, origin: { loc: { file, line: i, startCol: 0, endCol: l.length }, stack } }));
    this.frames.push(this.linesFrame(lines, 'include', file));
  }

  protected req(name: string, reg: string, st: Stmt): void {
    const r = reg.trim().toLowerCase();
    const target = this.aliases.get(r) ?? r;
    if (!/^([xwbhsdqvzp]\d+|sp|wsp|xzr|wzr|lr|fp|ip0|ip1)$/.test(target)) return this.err('asm/bad-directive', `unknown register '${reg.trim()}' -- \`.req ${reg.trim()}'`, st);
    const existing = this.aliases.get(name);
    if (existing !== undefined) {
      if (existing !== target) this.warn('asm/redefined-alias', `ignoring redefinition of register alias '${name}'`, st);
      return;
    }
    for (const n of new Set([name, name.toLowerCase(), name.toUpperCase()])) this.aliases.set(n, target);
  }

}
