// The shape of a source operand token, read from its first characters without parsing it: the
// encoder tries only the rows whose operands can take the shapes of the tokens it was given.
// An operand kind may narrow its role's shapes (BoundOperand.shapes) to skip rows sooner.

export const enum Shape {
  /** Nothing recognisable (a symbol, a condition, `lsl #12`, `ip0` …): fits any operand. */
  Other = 0,
  Hash, // #…
  Mem, // […]
  MemPre, // […]!
  List, // {…}
  Vreg, // v<digits>.…
  Fpreg, // b/h/s/d/q<digits>
  X, // x<digits>, lr, fp
  Xzr,
  Sp,
  W, // w<digits>
  Wzr,
  Wsp,
  Zreg, // z<digits>, z<digits>.…
  Preg, // p<digits>, p<digits>.…, p<digits>/m
}
export const SHAPES = 15;

export const shapeBit = (...s: Shape[]): number => s.reduce((m, x) => m | (1 << x), 0);

/** The operand roles a token of each shape can be; none listed = any. */
export const SHAPE_ROLES: readonly (readonly string[])[] = [
  [], ['imm', 'fpimm', 'shift', 'label'], ['mem'], ['mem'], ['vlist'], ['vreg', 'velem'], ['fpreg'],
  ['gpr'], ['gpr'], ['gpr'], ['gpr'], ['gpr'], ['gpr'], ['zreg', 'vlist'], ['preg'],
];

/** Roles whose tokens have a recognisable shape; a token of another role may look like anything. */
const SHAPED_ROLES = new Set(['gpr', 'fpreg', 'vreg', 'velem', 'vlist', 'mem', 'imm', 'fpimm', 'zreg', 'preg']);

/** The shapes a token may have for an operand of this role (bit s = shape s). */
export function roleShapes(role: string): number {
  let m = 0;
  for (let s = 0; s < SHAPES; s++) if (!SHAPED_ROLES.has(role) || SHAPE_ROLES[s].length === 0 || SHAPE_ROLES[s].includes(role)) m |= 1 << s;
  return m;
}

/** Shapes a general register of each kind may be written as (Other: ip0, ip1). */
export const GPR_SHAPES = {
  x: shapeBit(Shape.Other, Shape.X, Shape.Xzr),
  xsp: shapeBit(Shape.Other, Shape.X, Shape.Sp),
  w: shapeBit(Shape.Other, Shape.W, Shape.Wzr),
  wsp: shapeBit(Shape.Other, Shape.W, Shape.Wsp),
} as const;

const isDigit = (c: number) => c >= 48 && c <= 57;
/** ASCII letter, lowercased (other codes unchanged). */
const lower = (c: number) => (c >= 65 && c <= 90 ? c | 32 : c);

/** Digits from `i` to `end`, at least one. */
function digitsTo(s: string, i: number, end: number): boolean {
  if (i >= end) return false;
  for (; i < end; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/** Case-insensitive: s[i, end) is `word` (lowercase). */
function isWord(s: string, i: number, end: number, word: string): boolean {
  if (end - i !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (lower(s.charCodeAt(i + k)) !== word.charCodeAt(k)) return false;
  return true;
}

/** The shape of the token s[i, end) (trimmed; empty = Other). */
export function shapeAt(s: string, i: number, end: number): Shape {
  if (i >= end) return Shape.Other;
  const c = lower(s.charCodeAt(i));
  switch (c) {
    case 35: return Shape.Hash; // #
    case 91: return s.charCodeAt(end - 1) === 33 ? Shape.MemPre : Shape.Mem; // [ … !
    case 123: return Shape.List; // {
    case 118: { // v<digits>.
      let k = i + 1;
      while (k < end && isDigit(s.charCodeAt(k))) k++;
      return k > i + 1 && k < end && s.charCodeAt(k) === 46 ? Shape.Vreg : Shape.Other;
    }
    case 98: case 104: case 113: case 100: // b h q d
      return digitsTo(s, i + 1, end) ? Shape.Fpreg : Shape.Other;
    case 115: // s, sp
      return digitsTo(s, i + 1, end) ? Shape.Fpreg : isWord(s, i, end, 'sp') ? Shape.Sp : Shape.Other;
    case 120: // x, xzr
      return digitsTo(s, i + 1, end) ? Shape.X : isWord(s, i, end, 'xzr') ? Shape.Xzr : Shape.Other;
    case 119: // w, wzr, wsp
      if (digitsTo(s, i + 1, end)) return Shape.W;
      return isWord(s, i, end, 'wzr') ? Shape.Wzr : isWord(s, i, end, 'wsp') ? Shape.Wsp : Shape.Other;
    case 122: case 112: { // z<digits>[.…], p<digits>[.… or /…]
      let k = i + 1;
      while (k < end && isDigit(s.charCodeAt(k))) k++;
      if (k === i + 1 || (k < end && s.charCodeAt(k) !== 46 && s.charCodeAt(k) !== 47)) return Shape.Other;
      return c === 122 ? Shape.Zreg : Shape.Preg;
    }
    case 108: return isWord(s, i, end, 'lr') ? Shape.X : Shape.Other;
    case 102: return isWord(s, i, end, 'fp') ? Shape.X : Shape.Other;
    default: return Shape.Other;
  }
}

/** The shape of a whole token (trimmed here). */
export function shapeOf(tok: string): Shape {
  const t = tok.trim();
  return shapeAt(t, 0, t.length);
}
