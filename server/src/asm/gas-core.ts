// The gas stage: preprocessed lines → statements → macros, loops and conditionals → directives,
// symbols and instructions laid out in sections. One interpretation pass as GNU as does it (sizes
// are known when a statement is read); values that need symbols defined later are fixups,
// resolved after the last statement — as relocations when they stay unresolved or are global.
// The statement loop and what lets a run resume after an edit are here; the layers it extends
// are gas-context.ts (state, symbols), gas-data.ts, gas-instructions.ts and gas-directives.ts.
import { LayoutItem, SectionBuilder, SectionInfo, buildItemIndex, joinSubsections, sectionOfKey } from './layout';
import { OriginShift } from './origin-shift';
import { AsmSymbol, AssembleResult, Diagnostic, GasMacro, Origin, PreprocessResult } from './types';
import { GasOptions, LOCAL_NAME, MAX_DIAGNOSTICS, PoolEntry, SymRec, cloneSym } from './gas-state';
import { Checkpoint, CHECKPOINT_MIN, CHECKPOINTS, EDIT_CHECKPOINTS, MAX_MEMOS, joinIntervals, Memo, Suffix, findResume, mainFileOf, memos, sameEntries, sameMacro, sameSet, sameRead } from './gas-resume';
import { MacroDef } from './gas-macro';
import { GasPlaceReads } from './gas-splice-reads';
import { SectionDelta, TailShift, placeSection, placesAllow } from './gas-splice';


export class Assembler extends GasPlaceReads {
  // --- the main loop -------------------------------------------------------------------------

  run(resume?: { memo: Memo; checkpoint: Checkpoint; suffix: Suffix; changed: number }): AssembleResult {
    let startLine = 0;
    // the edited lines: a checkpoint before the first and after the last (see EDIT_CHECKPOINTS)
    let editFrom = -1;
    let editTo = -1;
    if (resume) {
      this.restore(resume.memo, resume.checkpoint);
      startLine = resume.checkpoint.line;
      this.resumedFrom = resume;
      const sfx = resume.suffix;
      if (sfx && !resume.memo.hitLimit) {
        // (remembered checkpoints in the common tail, at this run's line numbers)
        this.lineDelta = sfx.newFrom - sfx.oldFrom;
        this.tailOrigins = sfx.shift;
        this.spliceAt = resume.memo.checkpoints.filter((c) => c.line >= sfx.oldFrom && c.line + this.lineDelta > startLine);
        this.initialSinceResume = new Map();
        editFrom = resume.changed;
        editTo = sfx.newFrom;
      }
    }
    this.generation = ++runs;
    // (an edit's checkpoint this run resumes from is in use again: it counts as this run's)
    if (resume?.checkpoint.edit !== undefined && this.checkpoints[this.checkpoints.length - 1] === resume.checkpoint) {
      this.checkpoints[this.checkpoints.length - 1] = { ...resume.checkpoint, edit: this.generation };
    }
    const lines = this.pp.lines;
    // (the file's frame owns every conditional, also those open at a resumed checkpoint)
    const top = this.linesFrame(lines, 'file', mainFileOf(this.pp) ?? '', startLine, 0);
    this.frames.push(top);
    const interval = Math.max(CHECKPOINT_MIN, Math.ceil(lines.length / CHECKPOINTS));
    // (intervals count from the last one taken at an interval, not from an edit's)
    let last = 0;
    for (let i = this.checkpoints.length - 1; i >= 0; i--) {
      if (this.checkpoints[i].edit === undefined) {
        last = this.checkpoints[i].line;
        break;
      }
    }
    let nextCheckpoint = Math.max(last + interval, startLine + 1);
    // a run remembered from scratch: the state before the first line too (an edit in the first
    // interval resumes there and takes the rest over)
    if (!resume && this.memoKey && lines.length) this.checkpoints.push(this.checkpoint(0));
    while (this.frames.length && !this.stopped) {
      const f = this.frames[this.frames.length - 1];
      if (f === top && this.frames.length === 1 && !this.collect) {
        const at = top.position();
        if (at !== undefined && this.spliceAt.length) {
          const d = this.lineDelta;
          while (this.spliceAt.length && this.spliceAt[0].line + d < at) this.spliceAt.shift();
          if (this.spliceAt.length && this.spliceAt[0].line + d === at && this.trySplice(this.spliceAt[0])) break;
        }
        // (not just before a remembered one this run may splice at: each line-shifting edit
        // would add a checkpoint for good)
        const nextSplice = this.spliceAt.length ? this.spliceAt[0].line + this.lineDelta : Infinity;
        if (at !== undefined && at >= nextCheckpoint && at < lines.length && nextSplice - at > interval / 2) {
          this.checkpoints.push(this.checkpoint(at));
          nextCheckpoint = at + interval;
        } else if (at !== undefined && (at === editFrom || at === editTo) && at < lines.length && this.checkpoints[this.checkpoints.length - 1]?.line !== at) {
          this.checkpoints.push(this.checkpoint(at, this.generation));
        }
      }
      const st = f.next();
      if (!st) {
        if (f === top && this.collect) {
          const c = this.collect;
          this.collect = undefined;
          const msg = c.kind === 'macro' ? `unexpected end of file in macro \`${c.macro!.name}' definition` : `missing .endr: end of file inside .${c.kind}`;
          this.diag('error', 'asm/unterminated', msg, c.origin);
        }
        this.popFrame();
        continue;
      }
      if (++this.statements > this.limits.maxStatements) {
        this.hitLimit = true;
        this.err('asm/limit', `more than ${this.limits.maxStatements} statements after expansion (limit); assembly stopped`, st);
        break;
      }
      try {
        this.statement(st);
      } catch (e) {
        // a statement deep enough to exhaust the stack (nested expressions, brackets) must not
        // take the whole analysis down
        if (!(e instanceof RangeError)) throw e;
        this.err('asm/limit', `statement too deeply nested to assemble (${e.message})`, st);
      }
    }
    if (this.collect) {
      const c = this.collect;
      this.diag('error', 'asm/unterminated', c.kind === 'macro' ? `unexpected end of file in macro \`${c.macro!.name}' definition` : `missing .endr: end of file inside .${c.kind}`, c.origin);
    }
    // literal pools not flushed by .ltorg go at the end of their sections (after a splice the
    // remembered run wrote them)
    if (!this.spliced) for (const sec of this.sections.values()) if (this.pools.has(sec)) this.flushPools(sec, { text: '', origin: this.pools.get(sec)!.origin });
    if (this.memoKey && !this.spliced) this.endState = this.checkpoint(lines.length);
    this.resolveFixups();
    const result = this.result();
    this.remember();
    return result;
  }

  // --- resuming: checkpoints of the state at top-level line boundaries -------------------------

  private readonly checkpoints: Checkpoint[] = [];
  /** This run's number (marks the checkpoints it takes at edits). */
  private generation = 0;
  private endState: Checkpoint | undefined;
  private hitLimit = false;
  /** After resuming: remembered checkpoints at lines past the edit, where the rest may be reused. */
  private spliceAt: Checkpoint[] = [];
  /** This run's line index of a line of the common tail is the remembered one's plus this. */
  private lineDelta = 0;
  /** How origins in the common tail moved (undefined: not at all). */
  private tailOrigins: OriginShift | undefined;
  private resumedFrom: { memo: Memo; checkpoint: Checkpoint } | undefined;
  /** Set when this run may be remembered for resuming (options that can be compared). */
  memoKey: string | undefined;

  /** The state before top-level line `line` (cheap: counts, and copies of the mutable records). */
  private checkpoint(line: number, edit?: number): Checkpoint {
    const sectionName = (b: SectionBuilder | undefined) => b?.key;
    return {
      line,
      sections: [...this.sections.values()].map((b) => ({ key: b.key, name: b.name, subsection: b.subsection, start: b.start, flags: b.flags, type: b.type, size: b.size, items: b.items.length })),
      cur: this.cur.key,
      prev: sectionName(this.prev),
      sectionStack: this.sectionStack.map((e) => ({ cur: e.cur.key, prev: sectionName(e.prev) })),
      symbols: this.takeDirty(),
      macros: [...this.macros],
      aliases: [...this.aliases],
      localCounts: [...this.localCounts],
      fixups: this.fixups.length,
      diagnostics: this.diagnostics.length,
      unknownMnemonics: this.unknownMnemonics.length,
      predefinedQueries: this.predefinedQueries.length,
      includes: this.includesRead.length,
      conds: this.conds.map((c) => ({ ...c })),
      arch: this.arch,
      macroCounter: this.macroCounter,
      statements: this.statements,
      poolCounter: this.poolCounter,
      absoluteEqus: this.absoluteEqus,
      tlsCall: this.tlsCall,
      altmacro: this.altmacro,
      localCounter: this.localCounter,
      pools: [...this.pools].map(([sec, p]) => ({ section: sec.key, origin: p.origin, bySize: [...p.bySize].map(([k, v]) => [k, v.slice()] as [number, PoolEntry[]]) })),
      place: this.takePlace(),
      edit,
    };
  }

  private takeDirty(): SymRec[] {
    const out: SymRec[] = [];
    for (const x of this.dirty) out.push(cloneSym(x, true));
    this.dirty.clear();
    return out;
  }

  private spliced = false;

  /**
   * At a remembered checkpoint past the edited lines: when the state is the one the remembered run
   * had there (its origins moved by the lines the edit added or removed, its sections grown or
   * shrunk by bytes its rest did not depend on), the rest of that run is this run's rest — its
   * items (as resolved), symbols, fixups and diagnostics are taken over, moved, and the fixups are
   * resolved again, except those that resolve as the remembered run resolved them.
   */
  private trySplice(old: Checkpoint): boolean {
    const memo = this.resumedFrom!.memo;
    const end = memo.end;
    const secs = this.sectionDeltas(old, end);
    if (!secs) return false;
    const sh = new TailShift(this.tailOrigins, secs);
    const tail = memo.checkpoints.filter((c) => c.line > old.line);
    tail.push(end);
    let touched: Set<string> | undefined;
    const touchedNames = () => {
      if (!touched) {
        touched = new Set();
        for (const c of tail) for (const x of c.symbols) touched.add(x.name);
      }
      return touched;
    };
    const same = this.sameState(old, memo, sh, touchedNames);
    if (!same) return false;
    if (end.statements - old.statements + this.statements > this.limits.maxStatements) return false;
    // a limit the rest hit (a section grown too big …) may not hold after this edit
    for (let k = old.diagnostics; k < end.diagnostics; k++) if (memo.diagnostics[k].code === 'asm/limit') return false;
    // (no diagnostic of the rest may fall past the cap in this run)
    if (end.diagnostics >= MAX_DIAGNOSTICS || this.diagnostics.length + end.diagnostics - old.diagnostics >= MAX_DIAGNOSTICS) return false;
    // what the rest of the remembered run asked of the world must have the same answers
    for (const q of memo.predefinedQueries.slice(old.predefinedQueries)) {
      const now = this.opts.predefined?.(q.name);
      if (now?.value !== q.value || now?.source !== q.source) return false;
    }
    for (const inc of memo.includes.slice(old.includes)) if (!sameRead(this.opts.host, inc)) return false;
    // a section that moves: the rest used no place in it that stays (see gas-splice-reads.ts)
    const moved = (name: string, sec: string): boolean => {
      if (same.moved.has(name)) return true;
      if (same.kept.has(name)) return false;
      const r = this.symbols.get(name);
      if (r && r.kind !== 'undef') return !placeIn(r, sec);
      return !this.isSectionStart(name);
    };
    const places = tail.map((c) => c.place);
    for (const [name, sd] of secs) if (sd.d !== 0 && !placesAllow(places, name, sd.d, (n) => moved(n, name))) return false;
    // the records the rest changed, as this run's: a place in a moving section must be one set in the rest
    const tailSyms: SymRec[][] = [];
    for (const c of tail) {
      if (sh.identity) {
        tailSyms.push(c.symbols as SymRec[]);
        continue;
      }
      const out: SymRec[] = [];
      for (const x of c.symbols) {
        const sec = placeSection(x);
        if (sec !== undefined && sh.bytes(sec) !== 0) {
          const a = this.symbols.get(x.name);
          if (a && placeIn(a, sec) && !same.moved.has(x.name)) return false;
        }
        if (x.lazyDot && sh.bytes(sectionOfKey(x.lazyDot.key)) !== 0) {
          const o = old.sections.find((e) => e.key === x.lazyDot!.key);
          if (o && x.lazyDot.at <= o.size) return false;
        }
        out.push(sh.sym(x));
      }
      tailSyms.push(out);
    }
    // this run's checkpoint at the splice line
    // (in place of the remembered one: an edit's checkpoint stays one, this run's)
    const here = this.checkpoint(old.line + this.lineDelta, old.edit === undefined ? undefined : this.generation);

    // items and bytes past the checkpoint (as resolved: a fixup resolved again replaces its item)
    const oldAt = new Map(old.sections.map((x) => [x.key, x]));
    const sections = new Map<string, SectionBuilder>();
    for (const e of end.sections) {
      const ob = memo.sections.get(e.key)!;
      const nb = this.sections.get(e.key);
      const o = oldAt.get(e.key);
      const from = o?.items ?? 0;
      const d = sh.bytes(e.name);
      const items = nb ? nb.items.slice() : [];
      if (sh.identity) for (let k = from; k < e.items; k++) items.push(ob.items[k]);
      else {
        for (let k = from; k < e.items; k++) items.push(sh.item(ob.items[k]));
      }
      let bytes: Uint8Array;
      if (d === 0) {
        bytes = ob.view().slice(0, e.size - e.start);
        if (nb) bytes.set(nb.view());
      } else {
        // (only whole sections move: start 0, one subsection)
        bytes = new Uint8Array(e.size + d);
        bytes.set(nb!.view());
        bytes.set(ob.view().subarray(o!.size, e.size), o!.size + d);
      }
      const b = SectionBuilder.resume(e.name, e.flags, e.type, bytes, e.size + d, items, e.subsection, e.start);
      sections.set(e.key, b);
    }
    const prefixFixups = this.fixups.slice();
    const prefixDiagnostics = this.diagnostics.length;
    const prefixUnknown = this.unknownMnemonics.slice();
    const prefixQueries = this.predefinedQueries.slice();
    const prefixIncludes = this.includesRead.slice();
    const shift = { fixups: prefixFixups.length - old.fixups, diagnostics: prefixDiagnostics - old.diagnostics, unknown: prefixUnknown.length - old.unknownMnemonics, queries: prefixQueries.length - old.predefinedQueries, includes: prefixIncludes.length - old.includes };
    // macros the rest did not define are this run's (equal to the remembered ones there)
    const prefixMacros = new Map(this.macros);
    const oldMacros = new Map(old.macros.map(([k, m]) => [m, k]));
    const macro = (m: MacroDef): MacroDef => {
      const k = oldMacros.get(m);
      return (k !== undefined && prefixMacros.get(k)) || sh.macro(m);
    };
    // the remembered checkpoints from here on hold for this run, their counts shifted (the
    // statement count by the difference at the splice point, taken before the restore below)
    const ds = this.statements - old.statements;
    const movedCp = (c: Checkpoint, syms: readonly SymRec[]): Checkpoint => ({
      ...sh.checkpoint(c, this.lineDelta, syms, macro),
      fixups: c.fixups + shift.fixups,
      diagnostics: c.diagnostics + shift.diagnostics,
      unknownMnemonics: c.unknownMnemonics + shift.unknown,
      predefinedQueries: c.predefinedQueries + shift.queries,
      includes: c.includes + shift.includes,
      statements: c.statements + ds,
    });
    const endMoved = movedCp(end, tailSyms[tailSyms.length - 1]);

    // the remembered end state (counters, macros, conditionals …; the symbols stay), then the rest's records
    this.restore(memo, endMoved, sections);
    // (frozen records, shared with the checkpoints: the run copies one before it changes it)
    for (const list of tailSyms) for (const x of list) this.symbols.set(x.name, x);
    this.fixups.length = 0;
    for (const f of prefixFixups) this.fixups.push(f);
    for (let k = old.fixups; k < end.fixups; k++) this.fixups.push(sh.fixup(memo.fixups[k]));
    // (the rest's branches resolved as before: fixups made since resuming have none)
    const prior = this.priorDists;
    while (prior.length < prefixFixups.length) prior.push(NaN);
    for (let k = old.fixups; k < end.fixups; k++) prior.push(memo.dists[k]);
    if (this.tailOrigins) for (let k = old.diagnostics; k < end.diagnostics; k++) this.diagnostics.push(sh.diagnostic(memo.diagnostics[k]));
    else this.diagnostics.push(...memo.diagnostics.slice(old.diagnostics, end.diagnostics));
    this.unknownMnemonics = [...prefixUnknown, ...memo.unknownMnemonics.slice(old.unknownMnemonics, end.unknownMnemonics).map((u) => ({ index: u.index + shift.diagnostics, name: u.name }))];
    this.predefinedQueries.length = 0;
    this.predefinedQueries.push(...prefixQueries, ...memo.predefinedQueries.slice(old.predefinedQueries, end.predefinedQueries));
    this.predefinedUsed.clear();
    for (const q of this.predefinedQueries) if (q.value !== undefined) this.predefinedUsed.set(q.name, { value: q.value, source: q.source! });
    this.includesRead.length = 0;
    this.includesRead.push(...prefixIncludes, ...memo.includes.slice(old.includes, end.includes));
    this.statements = endMoved.statements;
    if (this.checkpoints[this.checkpoints.length - 1]?.line !== here.line) this.checkpoints.push(here);
    for (let i = 0; i < tail.length - 1; i++) this.checkpoints.push(movedCp(tail[i], tailSyms[i]));
    this.endState = endMoved;
    this.frames.length = 0;
    this.spliced = true;
    spliceCounts[sh.identity ? 'same' : secs.size ? 'bytesMoved' : 'linesMoved']++;
    return true;
  }

  /**
   * How much each section of this run is larger than the remembered run's at checkpoint `old`
   * (bytes, items); undefined when they differ otherwise, or one that differs cannot move.
   */
  private sectionDeltas(old: Checkpoint, end: Checkpoint): Map<string, SectionDelta> | undefined {
    const secs = [...this.sections.values()];
    if (secs.length !== old.sections.length) return undefined;
    const out = new Map<string, SectionDelta>();
    for (let i = 0; i < secs.length; i++) {
      const a = secs[i];
      const b = old.sections[i];
      if (a.key !== b.key || a.start !== b.start || a.flags !== b.flags || a.type !== b.type) return undefined;
      const d = a.size - b.size;
      const n = a.items.length - b.items;
      if (d === 0 && n === 0) continue;
      // (flags given to an empty section take; a moving section is one subsection from 0)
      if (a.subsection !== 0 || a.start !== 0 || (a.size === 0 && a.items.length === 0) || (b.size === 0 && b.items === 0)) return undefined;
      if (secs.some((s) => s !== a && s.name === a.name) || end.sections.some((s) => s.name === a.name && s.key !== a.key)) return undefined;
      const e = end.sections.find((s) => s.key === a.key);
      if (e && e.size + d > this.limits.maxSectionBytes) return undefined;
      out.set(a.name, { d, n });
    }
    return out;
  }

  /**
   * Whether the state now equals the remembered run's at checkpoint `old` (reached from the same
   * resume point), modulo the shift: origins moved, places in moving sections moved — or not, as
   * `moved`/`kept` say by symbol name. A symbol the rest does not change may differ in its size.
   */
  private sameState(old: Checkpoint, memo: Memo, sh: TailShift, touched: () => Set<string>): { moved: Set<string>; kept: Set<string> } | undefined {
    if (this.cur.key !== old.cur || this.prev?.key !== old.prev || this.sectionStack.length !== old.sectionStack.length) return undefined;
    for (let i = 0; i < old.sectionStack.length; i++) if (this.sectionStack[i].cur.key !== old.sectionStack[i].cur || this.sectionStack[i].prev?.key !== old.sectionStack[i].prev) return undefined;
    if (this.macroCounter !== old.macroCounter || this.poolCounter !== old.poolCounter || this.absoluteEqus !== old.absoluteEqus || this.tlsCall !== old.tlsCall) return undefined;
    if (this.altmacro !== old.altmacro || this.localCounter !== old.localCounter) return undefined;
    if (this.arch !== old.arch && (this.arch.name !== old.arch.name || this.arch.level !== old.arch.level || !sameSet(this.arch.features, old.arch.features))) return undefined;
    if (!sameEntries([...this.aliases], old.aliases) || !sameEntries([...this.localCounts], old.localCounts)) return undefined;
    const same = (a: Origin, b: Origin) => sh.sameOrigin(a, b);
    if (this.conds.length !== old.conds.length) return undefined;
    for (let i = 0; i < old.conds.length; i++) {
      const a = this.conds[i];
      const b = old.conds[i];
      if (a.active !== b.active || a.taken !== b.taken || a.parentActive !== b.parentActive || a.elseSeen !== b.elseSeen || !same(a.origin, b.origin)) return undefined;
    }
    if (this.macros.size !== old.macros.length) return undefined;
    for (const [k, m] of old.macros) {
      const n = this.macros.get(k);
      if (!n || (n !== m && !sameMacro(n, m, same))) return undefined;
    }
    if (this.pools.size !== old.pools.length) return undefined;
    for (const p of old.pools) {
      const q = [...this.pools].find(([b]) => b.key === p.section)?.[1];
      if (!q || q.bySize.size !== p.bySize.length || !same(q.origin, p.origin)) return undefined;
      for (const [size, list] of p.bySize) {
        const l2 = q.bySize.get(size);
        if (!l2 || l2.length !== list.length || l2.some((e, i) => e.key !== list[i].key || e.label !== list[i].label || e.expr !== list[i].expr || e.st.text !== list[i].st.text || !same(e.st.origin, list[i].st.origin))) return undefined;
      }
    }
    // symbols: every record this run changed since resuming, and every one the remembered run
    // changed between the resume point and `old`, must be alike
    const oldSym = new Map<string, SymRec>();
    const start = this.resumedFrom!.checkpoint.line;
    for (const c of memo.checkpoints) if (c.line > start && c.line <= old.line) for (const x of c.symbols) oldSym.set(x.name, x);
    const init = this.initialSinceResume!;
    const moved = new Set<string>();
    const kept = new Set<string>();
    for (const name of new Set([...init.keys(), ...oldSym.keys()])) {
      const a = this.symbols.get(name);
      const b = oldSym.has(name) ? oldSym.get(name) : init.has(name) ? init.get(name) : a;
      if (!a || !b) return undefined;
      if (a.kind !== b.kind || a.section !== b.section || a.base !== b.base || a.lazy !== b.lazy || a.binding !== b.binding || a.type !== b.type) return undefined;
      if (a.equiv !== b.equiv || a.predefined !== b.predefined || a.target !== b.target) return undefined;
      if (a.origin !== b.origin && (!a.origin || !b.origin || !same(a.origin, b.origin))) return undefined;
      if (a.lazyDot !== b.lazyDot && (!a.lazyDot || !b.lazyDot || a.lazyDot.key !== b.lazyDot.key || (a.lazyDot.at !== b.lazyDot.at && a.lazyDot.at !== b.lazyDot.at + sh.bytes(sectionOfKey(b.lazyDot.key))))) return undefined;
      const sec = placeSection(a);
      const d = sec === undefined ? 0 : sh.bytes(sec);
      if (a.value !== b.value) {
        if (d === 0 || a.value !== b.value + BigInt(d)) return undefined;
        moved.add(name);
      } else if (d !== 0) kept.add(name);
      if (a.size !== b.size && touched().has(name)) return undefined;
    }
    return { moved, kept };
  }

  /** Keeps what a later assembly of the same file needs to resume from one of this run's checkpoints. */
  private remember(): void {
    const file = mainFileOf(this.pp);
    if (!file || !this.memoKey) return;
    // the newest edits' checkpoints only (the later line first within a run): a dropped one's
    // interval joins the next one's
    const edits = this.checkpoints.filter((c) => c.edit !== undefined).sort((x, y) => y.edit! - x.edit! || y.line - x.line);
    if (edits.length > EDIT_CHECKPOINTS) {
      const keep = new Set(edits.slice(0, EDIT_CHECKPOINTS));
      const kept: Checkpoint[] = [];
      let carry: Checkpoint | undefined;
      for (const c of this.checkpoints) {
        const joined = carry ? joinIntervals(carry, c) : c;
        carry = c.edit !== undefined && !keep.has(c) ? joined : undefined;
        if (!carry) kept.push(joined);
      }
      if (carry && this.endState) this.endState = joinIntervals(carry, this.endState);
      this.checkpoints.length = 0;
      this.checkpoints.push(...kept);
    }
    if (memos.size >= MAX_MEMOS && !memos.has(file)) memos.delete(memos.keys().next().value!);
    memos.delete(file);
    memos.set(file, {
      key: this.memoKey,
      lines: this.pp.lines,
      checkpoints: this.checkpoints,
      sections: new Map(this.sections),
      fixups: this.fixups,
      dists: this.branchDists,
      diagnostics: this.diagnostics,
      unknownMnemonics: this.unknownMnemonics,
      predefinedQueries: this.predefinedQueries,
      includes: this.includesRead,
      end: this.endState!,
      hitLimit: this.hitLimit,
    });
  }

  /**
   * Puts the state of `cp` back, from the remembered run's results (which stay untouched). A splice
   * passes the sections it made and the checkpoint it splices at (the fixups, diagnostics and
   * symbols it sets itself).
   */
  private restore(memo: Memo, cp: Checkpoint, spliced?: Map<string, SectionBuilder>): void {
    if (spliced) {
      this.sections.clear();
      for (const [k, v] of spliced) this.sections.set(k, v);
      this.restoreScalars(memo, cp);
      return;
    }
    // items never change after they are made (resolving a fixup replaces its item), so they are
    // shared; the bytes fixups wrote are zeroed again when they are resolved (those that resolve
    // as before keep theirs)
    this.sections.clear();
    for (const s of cp.sections) {
      const old = memo.sections.get(s.key)!;
      const b = SectionBuilder.resume(s.name, s.flags, s.type, old.view(), s.size, old.items.slice(0, s.items), s.subsection, s.start);
      this.sections.set(s.key, b);
    }
    this.restoreScalars(memo, cp);
    // each checkpoint holds the symbols changed since the one before (copied: sharing these frozen
    // records, as a splice does, measured no faster here)
    this.symbols.clear();
    for (const c of memo.checkpoints) {
      if (c.line > cp.line) break;
      for (const x of c.symbols) this.symbols.set(x.name, cloneSym(x));
    }
    this.dirty.clear();
    this.fixups.length = 0;
    for (let k = 0; k < cp.fixups; k++) this.fixups.push(memo.fixups[k]);
    this.priorDists = memo.dists.slice(0, cp.fixups);
    this.diagnostics.push(...memo.diagnostics.slice(0, cp.diagnostics));
    this.unknownMnemonics = memo.unknownMnemonics.slice(0, cp.unknownMnemonics);
    this.predefinedQueries.push(...memo.predefinedQueries.slice(0, cp.predefinedQueries));
    for (const q of this.predefinedQueries) if (q.value !== undefined) this.predefinedUsed.set(q.name, { value: q.value, source: q.source! });
    this.includesRead.push(...memo.includes.slice(0, cp.includes));
    this.statements = cp.statements;
    // the checkpoints before this one stay valid for the next edit
    for (const c of memo.checkpoints) if (c.line <= cp.line) this.checkpoints.push(c);
  }

  /** Sections stack, macros, aliases, counters, conditionals, architecture and pools of `cp`. */
  private restoreScalars(_memo: Memo, cp: Checkpoint): void {
    const sec = (name: string | undefined) => (name === undefined ? undefined : this.sections.get(name)!);
    this.cur = sec(cp.cur)!;
    this.prev = sec(cp.prev);
    this.sectionStack.length = 0;
    for (const e of cp.sectionStack) this.sectionStack.push({ cur: sec(e.cur)!, prev: sec(e.prev) });
    this.macros.clear();
    for (const [k, v] of cp.macros) this.macros.set(k, v);
    this.aliases.clear();
    for (const [k, v] of cp.aliases) this.aliases.set(k, v);
    this.localCounts.clear();
    for (const [k, v] of cp.localCounts) this.localCounts.set(k, v);
    this.conds.length = 0;
    for (const c of cp.conds) this.conds.push({ ...c });
    this.arch = cp.arch;
    this.macroCounter = cp.macroCounter;
    this.poolCounter = cp.poolCounter;
    this.absoluteEqus = cp.absoluteEqus;
    this.tlsCall = cp.tlsCall;
    this.altmacro = cp.altmacro;
    this.localCounter = cp.localCounter;
    this.pools.clear();
    for (const p of cp.pools) this.pools.set(sec(p.section)!, { origin: p.origin, bySize: new Map(p.bySize.map(([k, v]) => [k, v.slice()])) });
  }

  private lastResult: { diagnostics: Diagnostic[] } | undefined;

  /** The subsections still moved after the last pass allowed (diagnostics of a finished run are appended to its result). */
  layoutDidNotSettle(passes: number): void {
    this.lastResult?.diagnostics.push({
      severity: 'error', code: 'asm/limit', message: `subsection layout did not settle after ${passes} passes (alignment in subsections); offsets may be wrong`, origin: this.fileOrigin(),
    });
  }

  // --- result --------------------------------------------------------------------------------

  private result(): AssembleResult {
    // an unknown mnemonic that names a macro defined later: the macro was used before its definition
    const diagnostics = this.diagnostics.slice();
    for (const u of this.unknownMnemonics) {
      const m = this.macros.get(u.name);
      const d = diagnostics[u.index];
      if (m && d) diagnostics[u.index] = { ...d, code: 'asm/undefined-macro', message: `macro \`${m.name}' is used before it is defined (${d.message})`, related: [{ message: 'the definition', origin: m.origin }] };
    }
    const sections: SectionInfo[] = this.subsectionGroups()
      .filter((g) => g.some((s) => s.size > s.start || s.items.length > 0) || g[0].name === '.text')
      .map((g) => joinSubsections(g));
    const symbols = new Map<string, AsmSymbol>();
    for (let s of this.symbols.values()) {
      if (LOCAL_NAME.test(s.name) || s.name.startsWith('.Lpool$')) continue;
      if (s.kind === 'undef' && s.binding === 'local' && s.type === undefined) continue;
      // (evaluating a lazy one may replace a frozen record by the run's own copy)
      if (s.kind === 'equ' && s.lazy !== undefined) {
        this.lookup(s.name);
        s = this.symbols.get(s.name)!;
      }
      const defined = s.kind === 'label' || (s.kind === 'equ' && s.lazy === undefined) || s.kind === 'common';
      let section: string | undefined;
      let value: bigint | undefined;
      if (s.kind === 'label') {
        section = s.section;
        value = s.value;
      } else if (s.kind === 'equ') {
        if (s.base?.startsWith('s:')) section = s.base.slice(2);
        value = s.lazy === undefined ? s.value : undefined;
      }
      // gas gives `alias = sym` the type and size of sym (through chains of aliases) unless set
      let { type, size } = s;
      for (let t = s.kind === 'equ' ? this.symbols.get(s.target ?? '') : undefined, hops = 0; t && hops < 64 && (type === undefined || size === undefined); hops++) {
        type ??= t.type;
        size ??= t.size;
        t = t.kind === 'equ' ? this.symbols.get(t.target ?? '') : undefined;
      }
      // (fields set one by one in this order: absent ones stay absent, no spread objects)
      const out: { -readonly [K in keyof AsmSymbol]: AsmSymbol[K] } = { name: s.name } as AsmSymbol;
      if (section !== undefined) out.section = section;
      if (value !== undefined) out.value = value;
      out.defined = defined;
      out.binding = s.binding;
      if (type) out.type = type;
      if (size !== undefined) out.size = size;
      if (s.origin) out.origin = s.origin;
      symbols.set(s.name, out);
    }
    for (const [name, p] of this.predefinedUsed) {
      if (!symbols.has(name)) symbols.set(name, { name, value: p.value, defined: true, binding: 'local', predefined: p.source });
    }
    const macros = new Map<string, GasMacro>();
    for (const [k, m] of this.macros) macros.set(k, { name: m.name, params: m.params, origin: m.origin });
    const itemsAt = buildItemIndex(sections);
    this.lastResult = { diagnostics };
    const filesRead = [...new Set(this.includesRead.map((r) => r.path))];
    return { sections, symbols, macros, diagnostics, preprocess: this.pp, filesRead, itemsAt };
  }
}

const placeIn = (x: SymRec, sec: string): boolean => placeSection(x) === sec;

/** Runs the gas stage over preprocessed lines. */
export function assemblePreprocessed(pp: PreprocessResult, opts: GasOptions = {}): AssembleResult {
  const file = mainFileOf(pp);
  const incremental = opts.incremental !== false;
  // a later assembly of the same file resumes from the last checkpoint before its first changed line
  const key = JSON.stringify([opts.arch ?? '', opts.limits ?? null, opts.includePaths ?? [], opts.predefined ? 1 : 0, opts.host ? 1 : 0]);
  // subsections are laid out one after another: a pass places each where the one before said it
  // would start, until they stay put (the first pass of an edit starts from the last layout)
  let starts = incremental && file !== undefined ? subsectionLayouts.get(file) : undefined;
  for (let pass = 1; ; pass++) {
    const a = new Assembler(pp, opts, starts);
    let r: AssembleResult;
    if (!incremental) r = a.run();
    else {
      const k = starts ? JSON.stringify([key, [...starts]]) : key;
      a.memoKey = k;
      r = a.run(findResume(pp, opts, k));
    }
    const next = a.subsectionStarts();
    if (!next || pass >= MAX_LAYOUT_PASSES) {
      if (next) a.layoutDidNotSettle(MAX_LAYOUT_PASSES);
      if (incremental && file !== undefined) {
        subsectionLayouts.delete(file);
        if (starts?.size) subsectionLayouts.set(file, starts);
        if (subsectionLayouts.size > MAX_MEMOS) subsectionLayouts.delete(subsectionLayouts.keys().next().value!);
      }
      return r;
    }
    starts = next;
  }
}

/** Runs so far (numbers the checkpoints taken at edits). */
let runs = 0;

/** Splices into remembered runs so far, by what moved (tests check that edits take this path). */
export const spliceCounts = { same: 0, linesMoved: 0, bytesMoved: 0 };

/** Passes over a file with subsections before their layout must have settled. */
const MAX_LAYOUT_PASSES = 8;
/** The subsection starts of each file's last assembly (where the next one starts from). */
const subsectionLayouts = new Map<string, ReadonlyMap<string, number>>();

/** Forgets remembered runs (all, or one file's). */
export function forgetAssemblies(file?: string): void {
  if (file === undefined) {
    memos.clear();
    subsectionLayouts.clear();
  } else {
    memos.delete(file);
    subsectionLayouts.delete(file);
  }
}

export type { LayoutItem, SectionInfo };
