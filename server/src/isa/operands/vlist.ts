// AdvSIMD and SVE register lists as objdump prints them: `{v0.16b}`, `{v0.16b, v1.16b}`, a
// hyphenated range for three or four ascending registers `{v0.16b-v3.16b}`, and the comma form
// when the list wraps past v31 (`{z30.d, z31.d, z0.d}`). Optionally followed by an element index
// (`{v0.s, v1.s}[1]`, the single-structure loads/stores).
import { sharedTable } from './name-tables';
import { Arrangement, bindArrangement } from './vreg';
import { composite } from './fields';
import { BoundOperand, EncodeEnv, EncodeError, OperandSpec, fieldAccess, parseImmediate, requireTok } from './operand';
import { Pattern } from '../pattern';
import { parseSveReg } from './sve-reg';
import { Shape, shapeBit } from './token-shape';

/** Number of registers: a constant, or a field value plus `add` (tbl's len + 1). */
export type ListCount = number | { readonly field: string; readonly add: number };

export interface VListOptions {
  /** Element index after the list: field(s) MSB first. */
  index?: string | readonly string[];
  /** Register letter: 'v' (AdvSIMD, default) or 'z' (SVE). */
  prefix?: 'v' | 'z';
}

/** objdump's text of a list of `count` registers from `first`, element type `t` (e.g. '16b', 's'). */
export function vlistText(first: number, count: number, t: string, prefix = 'v'): string {
  const last = (first + count - 1) & 31;
  if (count > 2 && last > first) return `{${prefix}${first}.${t}-${prefix}${last}.${t}}`;
  let s = `{${prefix}${first}.${t}`;
  for (let i = 1; i < count; i++) s += `, ${prefix}${(first + i) & 31}.${t}`;
  return s + '}';
}

export interface ParsedVList {
  readonly first: number;
  readonly count: number;
  /** Arrangement / element type, lower case. */
  readonly t: string;
  /** Index text after the list (without brackets), or undefined. */
  readonly index?: string;
}

function parseVecName(s: string, prefix: string): { num: number; t: string } | null {
  const m = /^([vz])(\d\d?)\.(\d*[bhsdq])$/i.exec(s.trim());
  if (!m || m[1].toLowerCase() !== prefix) return null;
  m.shift();
  if (Number(m[1]) > 31 || (m[1].length === 2 && m[1][0] === '0')) return null;
  return { num: Number(m[1]), t: m[2].toLowerCase() };
}

/**
 * Parses `{v0.16b, v1.16b}`, `{v0.16b-v3.16b}`, `{v0.s-v1.s}[1]`, or says why not (returned: the
 * encoder tries lists on every row of a mnemonic, and a throw per try costs tens of microseconds).
 */
function tryParseVList(tok: string, prefix = 'v'): ParsedVList | EncodeError {
  const t = tok.trim();
  if (t[0] !== '{') return new EncodeError(`expected a register list '{${prefix}N.T, …}', got '${tok}'`);
  // (a list of other registers — `{za0h.s[w12, 0]}`, `{x0, x1}` — is refused before any parsing)
  let k = 1;
  while (t.charCodeAt(k) === 32) k++;
  const c = t.charCodeAt(k) | 32;
  const d = t.charCodeAt(k + 1);
  if (c !== prefix.charCodeAt(0) || d < 48 || d > 57) return new EncodeError(`expected a register list '{${prefix}N.T, …}', got '${tok}'`);
  const close = t.lastIndexOf('}');
  if (close < 0) return new EncodeError(`unterminated register list '${tok}'`);
  const body = t.slice(1, close);
  const rest = t.slice(close + 1).trim();
  let index: string | undefined;
  if (rest !== '') {
    if (rest[0] !== '[' || rest[rest.length - 1] !== ']') return new EncodeError(`unexpected '${rest}' after the register list`);
    index = rest.slice(1, -1).trim();
  }
  const regs: { num: number; t: string }[] = [];
  const parts = body.split(',');
  if (parts.length === 1 && body.includes('-')) {
    const [a, b, ...more] = body.split('-');
    const ra = parseVecName(a, prefix);
    const rb = b === undefined ? null : parseVecName(b, prefix);
    if (!ra || !rb || more.length) return new EncodeError(`bad register range '${tok}'`);
    if (ra.t !== rb.t) return new EncodeError(`register list '${tok}' mixes element types`);
    if (rb.num < ra.num) return new EncodeError(`invalid register range '${tok}': the last register is below the first`);
    const count = rb.num - ra.num + 1;
    if (count > 4) return new EncodeError(`register list '${tok}' has more than 4 registers`);
    return { first: ra.num, count, t: ra.t, index };
  }
  for (const part of parts) {
    const r = parseVecName(part, prefix);
    if (!r) return new EncodeError(`expected a vector register ${prefix}N.T in the list, got '${part.trim()}'`);
    regs.push(r);
  }
  if (regs.length > 4) return new EncodeError(`register list '${tok}' has more than 4 registers`);
  for (let i = 1; i < regs.length; i++) {
    if (regs[i].t !== regs[0].t) return new EncodeError(`register list '${tok}' mixes element types`);
    if (regs[i].num !== ((regs[0].num + i) & 31)) return new EncodeError(`registers of the list '${tok}' must be consecutive`);
  }
  return { first: regs[0].num, count: regs.length, t: regs[0].t, index };
}

/** tryParseVList, throwing its EncodeError. */
export function parseVList(tok: string, prefix = 'v'): ParsedVList {
  const l = tryParseVList(tok, prefix);
  if (l instanceof EncodeError) throw l;
  return l;
}

/**
 * A list of `count` consecutive vector registers from field `first`, element type from an
 * arrangement (or a fixed type such as '16b').
 */
export function VList(first: string, count: ListCount, arr: Arrangement | string, o: VListOptions = {}): OperandSpec {
  return (p: Pattern) => {
    const r = fieldAccess(p, first);
    const cnt = typeof count === 'number' ? null : fieldAccess(p, count.field);
    const add = typeof count === 'number' ? count : count.add;
    const a = typeof arr === 'string' ? null : bindArrangement(p, arr);
    const fixedT = typeof arr === 'string' ? arr : null;
    const ix = o.index !== undefined ? composite(p, o.index) : null;
    const prefix = o.prefix ?? 'v';
    // names[arrangement value][count value][first] (arrangement value 0 when fixed)
    const arrValues: (string | null)[] = [];
    let ac: ReturnType<typeof composite> | null = null;
    if (typeof arr !== 'string') {
      ac = composite(p, arr.fields);
      for (let v = 0; v < 2 ** ac.width; v++) arrValues.push(null);
      for (const [k, v] of Object.entries(arr.table)) arrValues[v] = k;
    } else arrValues.push(fixedT);
    const nCnt = cnt ? cnt.max + 1 : 1;
    const names = sharedTable(`${prefix}list:${arrValues.join(',')}:${nCnt}:${cnt ? 1 : 0}:${add}:${r.max + 1}`, () => {
      const out: (string[] | null)[] = [];
      for (let av = 0; av < arrValues.length; av++) {
        for (let c = 0; c < nCnt; c++) {
          const t = arrValues[av];
          const n = (cnt ? c : 0) + add;
          out.push(t === null || n < 1 || n > 4 ? null : Array.from({ length: r.max + 1 }, (_, f) => vlistText(f, n, t, prefix)));
        }
      }
      return out;
    });
    const fields = [first, ...(cnt ? [cnt.f.name] : []), ...(a ? a.fields : []), ...(ix ? ix.names : [])];
    const typeNames = a ? a.names.join('/') : fixedT;
    const decodeList = (w: number): string | null => {
      const t = names[(ac ? ac.get(w) : 0) * nCnt + (cnt ? cnt.get(w) : 0)];
      return t ? t[r.get(w)] : null;
    };
    // GNU as takes an SVE one-register list without its braces (`ld1d z0.d, p0/z, [x0]`)
    const bare = prefix === 'z' && count === 1;
    const op: BoundOperand = {
      role: 'vlist',
      fields,
      optional: false,
      ...(bare ? { shapes: shapeBit(Shape.Other, Shape.List, Shape.Zreg) } : {}),
      decode: ix ? (w) => {
        const t = decodeList(w);
        return t === null ? null : t + '[' + ix.get(w) + ']';
      } : decodeList,
      encode: (tok: string | undefined, env: EncodeEnv) => {
        const t = requireTok(tok, 'a register list');
        const l = tryParseVList(bare && t[0] !== '{' && parseSveReg(t, 'z') ? `{${t}}` : t, prefix);
        if (l instanceof EncodeError) return l;
        if (l.first > r.max) return new EncodeError(`the list must start at ${prefix}0..${prefix}${r.max}, got '${tok}'`);
        let bits = r.set(l.first);
        let mask = r.mask;
        if (cnt) {
          const c = l.count - add;
          if (c < 0 || c > cnt.max) return new EncodeError(`register list must have ${add}..${cnt.max + add} registers, got ${l.count}`);
          bits |= cnt.set(c);
          mask |= cnt.mask;
        } else if (l.count !== add) return new EncodeError(`register list must have ${add} register${add > 1 ? 's' : ''}, got ${l.count}`);
        if (a) {
          const b = a.encode(l.t);
          if (b === null) return new EncodeError(`register list element type must be ${typeNames}, got '${l.t}'`);
          bits |= b;
          mask |= a.mask;
        } else if (l.t !== fixedT) return new EncodeError(`register list element type must be ${fixedT}, got '${l.t}'`);
        if (ix) {
          if (l.index === undefined) return new EncodeError('expected an element index [n] after the register list');
          const v = Number(parseImmediate(l.index, env));
          const max = 2 ** ix.width - 1;
          if (!Number.isInteger(v) || v < 0 || v > max) return new EncodeError(`element index out of range 0..${max}`);
          bits |= ix.set(v);
          mask |= ix.mask;
        } else if (l.index !== undefined) return new EncodeError('this register list takes no element index');
        return { bits: bits >>> 0, mask: mask >>> 0 };
      },
    };
    return op;
  };
}
