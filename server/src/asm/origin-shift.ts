// Moving remembered results past an edit that added or removed lines: every reference to a line
// of the edited file at or after the edit moves by the same amount. Shared origins stay shared
// (one copy per original object), so a shifted run costs one object per distinct origin.
import { ExpansionFrame, Origin, SourceLocation } from './types';

export class OriginShift {
  private readonly stacks = new Map<readonly ExpansionFrame[], readonly ExpansionFrame[]>();

  /** References to `file` at line `from` or later move by `delta` lines. */
  constructor(
    readonly file: string,
    readonly from: number,
    readonly delta: number,
  ) {}

  loc<T extends SourceLocation>(l: T): T {
    return l.file === this.file && l.line >= this.from ? { ...l, line: l.line + this.delta } : l;
  }

  stack(s: readonly ExpansionFrame[]): readonly ExpansionFrame[] {
    if (s.length === 0 || this.delta === 0) return s;
    let r = this.stacks.get(s);
    if (r === undefined) {
      let changed = false;
      const out = s.map((f) => {
        const at = this.loc(f.at);
        if (at === f.at) return f;
        changed = true;
        return { kind: f.kind, name: f.name, at };
      });
      r = changed ? out : s;
      this.stacks.set(s, r);
    }
    return r;
  }

  origin(o: Origin): Origin {
    if (this.delta === 0) return o;
    const l = o.loc;
    // (origins of output lines are mostly one per line: no memo for them, only for stacks)
    const loc = l.file === this.file && l.line >= this.from ? { file: l.file, line: l.line + this.delta, startCol: l.startCol, endCol: l.endCol } : l;
    const stack = o.stack.length ? this.stack(o.stack) : o.stack;
    return loc === l && stack === o.stack ? o : { loc, stack };
  }

  /** Whether `n` is `o` moved by this shift (no copy made). */
  same(n: Origin, o: Origin): boolean {
    if (n === o && this.delta === 0) return true;
    if (!this.sameLoc(n.loc, o.loc) || n.stack.length !== o.stack.length) return false;
    for (let i = 0; i < n.stack.length; i++) {
      const f = n.stack[i];
      const g = o.stack[i];
      if (f !== g || this.delta !== 0) if (f.kind !== g.kind || f.name !== g.name || !this.sameLoc(f.at, g.at)) return false;
    }
    return true;
  }

  private sameLoc(n: SourceLocation, o: SourceLocation): boolean {
    const line = o.file === this.file && o.line >= this.from ? o.line + this.delta : o.line;
    return n.file === o.file && n.line === line && n.startCol === o.startCol && n.endCol === o.endCol;
  }

  /** Whether an origin names a line of the file in [lo, hi) (lines a shift cannot map). */
  static touches(o: Origin, file: string, lo: number, hi: number): boolean {
    const inRange = (l: SourceLocation) => l.file === file && l.line >= lo && l.line < hi;
    return inRange(o.loc) || o.stack.some((f) => inRange(f.at));
  }
}

/** Two origins name the same place through the same expansions. */
export function sameOrigin(a: Origin, b: Origin): boolean {
  if (a === b) return true;
  const x = a.loc;
  const y = b.loc;
  if (x.file !== y.file || x.line !== y.line || x.startCol !== y.startCol || x.endCol !== y.endCol || a.stack.length !== b.stack.length) return false;
  for (let i = 0; i < a.stack.length; i++) {
    const f = a.stack[i];
    const g = b.stack[i];
    if (f !== g && (f.kind !== g.kind || f.name !== g.name || f.at.file !== g.at.file || f.at.line !== g.at.line || f.at.startCol !== g.at.startCol || f.at.endCol !== g.at.endCol)) return false;
  }
  return true;
}
