// Data the directives lay out: .byte … .quad, strings, .inst, LEB128, floats, .fill/.space/.skip,
// .org, alignment (NOP words in code), and .incbin.
import { ExprError } from '../isa/expr';
import { ExprValue, NonLinearError, SymValue, singleBase } from './gas-expr';
import { commaRanges, parseStringLiteral, splitCommas } from './gas-lex';
import { SectionBuilder } from './layout';
import { MutItem, NOP, Stmt, frameOrigin, readBytes } from './gas-state';
import { GasContext } from './gas-context';


export abstract class GasData extends GasContext {
  /**
   * The places `.include`/`.incbin` NAME is looked for: as written when absolute, else beside the
   * file that names it, then in each include path (gcc passes its -I list to as).
   */
  protected searchPath(name: string, st: Stmt): string[] {
    if (name.startsWith('/')) return [name];
    const dir = st.origin.loc.file.replace(/[^/]*$/, '');
    return [dir + name, ...(this.opts.includePaths ?? []).map((d) => d.replace(/\/?$/, '/') + name)];
  }

  /** `.incbin "FILE"[, SKIP[, COUNT]]`: the file's bytes (COUNT of them from SKIP; 0 or none: to the end) as data. */
  protected incbin(args: string, st: Stmt): void {
    const t = args.trimStart();
    if (!t.startsWith('"')) return this.err('asm/bad-directive', 'missing string', st);
    const lit = parseStringLiteral(t, 0);
    const name = String.fromCharCode(...lit.bytes.slice(0, 4096));
    let rest = t.slice(lit.end).trim();
    let skip = 0n;
    let count = 0n;
    let junk: string | undefined;
    const number = (text: string): bigint => {
      if (text.trim() === '') return 0n;
      const v = this.absolute(text, '.incbin');
      if (typeof v === 'bigint') return v;
      this.err('asm/expression', 'bad or irreducible absolute expression', st);
      return 0n;
    };
    if (rest.startsWith(',')) {
      const parts = splitCommas(rest.slice(1));
      skip = number(parts[0] ?? '');
      if (parts.length > 1) {
        count = number(parts[1]);
        if (count === 0n) this.warn('asm/bad-directive', `.incbin count zero, ignoring \`${name}'`, st);
      }
      if (parts.length > 2) junk = ',';
    } else if (rest !== '') junk = rest[0];
    if (junk !== undefined) this.err('asm/bad-directive', `junk at end of line, first unrecognized character is \`${junk}'`, st);
    let bytes: Uint8Array | undefined;
    let file = '';
    for (const c of this.searchPath(name, st)) {
      bytes = readBytes(this.opts.host, c);
      if (bytes !== undefined) {
        file = c;
        break;
      }
    }
    if (bytes === undefined) return this.err('asm/missing-include', `file not found: ${name}`, st);
    this.includesRead.push({ path: file, bytes });
    const size = BigInt(bytes.length);
    if (count === 0n) count = size - skip;
    if (skip < 0n || count < 0n || skip + count > size) return this.err('asm/bad-directive', `skip (${skip}) or count (${count}) invalid for file size (${size})`, st);
    const n = Number(count);
    if (n === 0 || !this.grow(this.cur, n, st)) return;
    const item = this.cur.add('data', n, st.origin, `.incbin "${name}"`);
    this.cur.writeBytes(item.offset, bytes.subarray(Number(skip), Number(skip) + n));
  }

  // --- data ----------------------------------------------------------------------------------

  protected data(size: number, args: string, st: Stmt, argCol: number, lw: string): void {
    if (args.trim() === '') return;
    const ranges = commaRanges(args);
    const sec = this.cur;
    for (const [s, e] of ranges) {
      const written = args.slice(s, e);
      const expr = this.localize(written);
      const origin = frameOrigin(st, argCol + s, argCol + e);
      if (expr === '') {
        if (ranges.length === 1) continue;
        this.warn('asm/expression', 'zero assumed for missing expression', st);
        if (!this.grow(sec, size, st)) return;
        sec.add('data', size, origin, `${lw} 0`);
        continue;
      }
      if (!this.grow(sec, size, st)) return;
      const item = sec.add('data', size, origin, `${lw} ${written}`);
      const at = item.offset;
      this.here = { sec, at };
      let v: ExprValue | undefined;
      try {
        v = this.evaluate(expr);
      } catch (x) {
        this.here = undefined;
        if (!(x instanceof ExprError)) throw x;
        // `(fwd - .) / 8`: a number once `fwd` is defined (resolved with the fixups, as gas does)
        if (!(x instanceof NonLinearError && x.unknown.length)) {
          this.err('asm/expression', x.message, { text: st.text, origin });
          item.invalid = true;
          continue;
        }
      }
      this.here = undefined;
      if (v && v.unknown.length === 0 && v.terms.size === 0) this.writeData(sec, item, at, size, v.value, { text: st.text, origin });
      else this.fixups.push({ kind: 'data', sec, item, index: sec.items.length - 1, at, size, expr, st: { text: st.text, origin }, snapshot: this.snapshotFor(expr) });
    }
  }

  protected writeData(sec: SectionBuilder, item: MutItem, at: number, size: number, v: bigint, st: Stmt): void {
    if (size < 8) {
      const bits = BigInt(size * 8);
      const max = 1n << bits;
      if (v >= max || v < -(max >> 1n)) {
        const t = BigInt.asUintN(Number(bits), v);
        this.warn('asm/truncated', `value 0x${BigInt.asUintN(64, v).toString(16)} truncated to 0x${t.toString(16)}`, st);
      }
    }
    sec.writeInt(at, size, v);
    if (size === 4 && item.size === 4 && item.kind === 'insn') item.word = Number(BigInt.asUintN(32, v));
  }

  /** Current values of the absolute `.set` symbols an expression (or operands) names (a later `.set` must not change them). */
  protected snapshotFor(expr: string | readonly string[]): Map<string, SymValue> | undefined {
    if (!this.absoluteEqus) return undefined;
    const text = typeof expr === 'string' ? expr : expr.join(',');
    let snap: Map<string, SymValue> | undefined;
    for (const m of text.matchAll(/[A-Za-z_.$][\w.$]*/g)) {
      const s = this.symbols.get(m[0]);
      if (s && s.kind === 'equ' && s.lazy === undefined && s.base === undefined) (snap ??= new Map()).set(m[0], { value: s.value });
    }
    return snap;
  }

  protected strings(args: string, st: Stmt, zero: boolean): void {
    const sec = this.cur;
    let i = 0;
    const t = args;
    let guard = 0;
    while (i < t.length && guard++ < 100_000) {
      while (i < t.length && /[\s,]/.test(t[i])) i++;
      if (i >= t.length) break;
      if (t[i] !== '"') {
        this.err('asm/bad-directive', `expected string, got \`${t.slice(i).trim()}'`, st);
        return;
      }
      const r = parseStringLiteral(t, i);
      if (r.error) this.warn('asm/bad-directive', r.error, st);
      const bytes = zero ? [...r.bytes, 0] : r.bytes;
      if (!this.grow(sec, bytes.length, st)) return;
      const item = sec.add('data', bytes.length, st.origin, t.slice(i, r.end));
      sec.writeBytes(item.offset, bytes);
      i = r.end;
    }
  }

  protected inst(args: string, st: Stmt, argCol: number): void {
    const sec = this.cur;
    for (const [s, e] of commaRanges(args)) {
      const expr = this.localize(args.slice(s, e));
      if (!this.grow(sec, 4, st)) return;
      const origin = frameOrigin(st, argCol + s, argCol + e);
      const item = sec.add('insn', 4, origin, `.inst ${expr}`);
      this.here = { sec, at: item.offset };
      let v: ExprValue;
      try {
        v = this.evaluate(expr);
      } catch (x) {
        this.here = undefined;
        if (x instanceof ExprError) {
          this.err('asm/expression', x.message, { text: st.text, origin });
          item.invalid = true;
          continue;
        }
        throw x;
      }
      this.here = undefined;
      if (v.unknown.length === 0 && v.terms.size === 0) {
        item.word = Number(BigInt.asUintN(32, v.value));
        sec.writeWord(item.offset, item.word);
      } else this.fixups.push({ kind: 'data', sec, item, index: sec.items.length - 1, at: item.offset, size: 4, expr, st: { text: st.text, origin }, snapshot: this.snapshotFor(expr) });
    }
  }

  protected leb(args: string, st: Stmt, signed: boolean): void {
    for (const e of splitCommas(args)) {
      const v = this.absolute(e, signed ? '.sleb128' : '.uleb128');
      if (typeof v === 'string') {
        this.err('asm/expression', v, st);
        continue;
      }
      const bytes: number[] = [];
      let x = signed ? v : BigInt.asUintN(64, v);
      for (let k = 0; k < 11; k++) {
        const b = Number(x & 0x7fn);
        x >>= 7n;
        const done = signed ? (x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0) : x === 0n;
        bytes.push(done ? b : b | 0x80);
        if (done) break;
      }
      const item = this.cur.add('data', bytes.length, st.origin, e);
      this.cur.writeBytes(item.offset, bytes);
    }
  }

  protected floats(size: number, args: string, st: Stmt): void {
    for (const e of splitCommas(args)) {
      const f = Number(e.replace(/^0[fFdD]/, ''));
      if (!Number.isFinite(f) && !/inf|nan/i.test(e)) {
        this.err('asm/expression', `bad floating literal: ${e}`, st);
        continue;
      }
      const buf = Buffer.alloc(size);
      if (size === 8) buf.writeDoubleLE(f);
      else buf.writeFloatLE(f);
      const item = this.cur.add('data', size, st.origin, e);
      this.cur.writeBytes(item.offset, buf);
    }
  }

  protected fillBytes(n: bigint, pattern: number[], st: Stmt, kind: 'fill' | 'align'): void {
    if (n <= 0n) {
      if (n < 0n) this.warn('asm/bad-directive', '.space repeat count is negative, ignored', st);
      return;
    }
    if (n > BigInt(this.limits.maxSectionBytes) || !this.grow(this.cur, Number(n), st)) {
      if (n > BigInt(this.limits.maxSectionBytes)) this.err('asm/limit', `section ${this.cur.name} would exceed ${this.limits.maxSectionBytes} bytes (limit)`, st);
      return;
    }
    const item = this.cur.add(kind, Number(n), st.origin);
    if (pattern.some((b) => b !== 0)) this.cur.fillPattern(item.offset, Number(n), pattern);
  }

  protected space(args: string, st: Stmt): void {
    const [a, b] = splitCommas(args);
    const v = this.absolute(a ?? '', '.space');
    if (typeof v === 'string') return this.err('asm/expression', '.space, .nops or .fill specifies non-absolute value', st);
    if (v === 0n) return this.warn('asm/bad-directive', '.space repeat count is zero, ignored', st);
    let fill = 0;
    if (b !== undefined && b !== '') {
      const f = this.absolute(b, '.space');
      if (typeof f === 'string') return this.err('asm/expression', f, st);
      fill = Number(BigInt.asUintN(8, f));
    }
    this.fillBytes(v, [fill], st, 'fill');
  }

  protected fill(args: string, st: Stmt): void {
    const [a, b, c] = splitCommas(args);
    const rep = this.absolute(a ?? '', '.fill');
    if (typeof rep === 'string') return this.err('asm/expression', '.space, .nops or .fill specifies non-absolute value', st);
    let size = 1n;
    if (b !== undefined && b !== '') {
      const s = this.absolute(b, '.fill');
      if (typeof s === 'string') return this.err('asm/expression', s, st);
      size = s;
    }
    let value = 0n;
    if (c !== undefined && c !== '') {
      const v = this.absolute(c, '.fill');
      if (typeof v === 'string') return this.err('asm/expression', v, st);
      value = v;
    }
    if (size < 0n) return this.warn('asm/bad-directive', 'size negative; .fill ignored', st);
    if (size > 8n) {
      this.warn('asm/bad-directive', '.fill size clamped to 8', st);
      size = 8n;
    }
    if (rep < 0n) return this.warn('asm/bad-directive', 'repeat < 0; .fill ignored', st);
    const sz = Number(size);
    const pattern: number[] = [];
    const v32 = BigInt.asUintN(32, value);
    for (let i = 0; i < sz; i++) pattern.push(i < 4 ? Number((v32 >> BigInt(8 * i)) & 0xffn) : 0);
    if (sz === 0) return;
    this.fillBytes(rep * size, pattern, st, 'fill');
  }

  protected org(args: string, st: Stmt): void {
    const [a, b] = splitCommas(args);
    const v = this.evaluateOrReport(a ?? '', st);
    if (!v) return;
    let target: bigint;
    if (v.unknown.length === 0 && v.terms.size === 0) target = v.value;
    else if (v.unknown.length === 0 && singleBase(v) === 's:' + this.cur.name) target = v.value;
    else return this.err('asm/expression', `can't resolve .org value`, st);
    let fill = 0;
    if (b !== undefined && b !== '') {
      const f = this.absolute(b, '.org');
      if (typeof f === 'string') return this.err('asm/expression', f, st);
      fill = Number(BigInt.asUintN(8, f));
    }
    const d = target - BigInt(this.cur.size);
    if (d < 0n) return this.err('asm/bad-directive', 'attempt to move .org backwards', st);
    this.fillBytes(d, [fill], st, 'fill');
  }

  /** The alignment in bytes a .align/.p2align/.balign asks for, or undefined (reported). */
  private alignment(lw: string, arg: string, st: Stmt): bigint | undefined {
    const a = this.absolute(arg, lw);
    if (typeof a === 'string') return void this.err('asm/expression', a, st);
    let bytes: bigint;
    if (lw.startsWith('.b')) {
      bytes = a === 0n ? 1n : a;
      if ((bytes & (bytes - 1n)) !== 0n || bytes < 0n) return void this.err('asm/bad-directive', 'alignment not a power of 2', st);
    } else {
      if (a > 62n || a < 0n) return void this.err('asm/limit', `alignment too large: ${a}`, st);
      bytes = 1n << a;
    }
    if (bytes > BigInt(this.limits.maxSectionBytes)) return void this.err('asm/limit', `alignment ${bytes} larger than the section limit`, st);
    return bytes;
  }

  /** An alignment of the current section was asked (bytes; undefined when it was refused). */
  protected alignedTo(_sec: SectionBuilder, _bytes: number | undefined): void {}

  protected align(lw: string, args: string, st: Stmt): void {
    const parts = splitCommas(args);
    const bytes = this.alignment(lw, parts[0] ?? '', st);
    this.alignedTo(this.cur, bytes === undefined ? undefined : Number(bytes));
    if (bytes === undefined) return;
    const width = lw.endsWith('w') ? 2 : lw.endsWith('l') ? 4 : 1;
    let fill: bigint | undefined;
    if (parts[1] !== undefined && parts[1] !== '') {
      const f = this.absolute(parts[1], lw);
      if (typeof f === 'string') return this.err('asm/expression', f, st);
      fill = f;
    }
    let max: bigint | undefined;
    if (parts[2] !== undefined && parts[2] !== '') {
      const m = this.absolute(parts[2], lw);
      if (typeof m === 'string') return this.err('asm/expression', m, st);
      max = m;
    }
    const sec = this.cur;
    const at = BigInt(sec.size);
    const pad = (bytes - (at % bytes)) % bytes;
    if (pad === 0n) return;
    if (max !== undefined && max > 0n && pad > max) return;
    if (!this.grow(sec, Number(pad), st)) return;
    const n = Number(pad);
    const item = sec.add('align', n, st.origin);
    if (fill === undefined) {
      if (sec.code) {
        // zeros up to a 4-byte boundary, then NOP words (as gas's aarch64 code alignment)
        const lead = (4 - (item.offset % 4)) % 4;
        for (let o = item.offset + lead; o + 4 <= item.offset + n; o += 4) sec.writeWord(o, NOP);
      }
      return;
    }
    const pattern: number[] = [];
    for (let i = 0; i < width; i++) pattern.push(Number((BigInt.asUintN(64, fill) >> BigInt(8 * i)) & 0xffn));
    sec.fillPattern(item.offset, n, pattern);
  }

}
