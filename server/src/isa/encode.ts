// Encoder: GNU syntax text → word, trying the rows of the mnemonic in table order. The rows and
// operand kinds are the decoder's own, so a form can only be encoded as it is decoded.
//
// Fast path: one scan of the text splits the operands and classifies each by its shape (register,
// '#…', '[…]', '{…}' …); the rows of the mnemonic that can take those shapes are listed once per
// (mnemonic, shapes) and tried in table order. When none of them encodes, the full search runs to
// report the error of the row that fits best.
import { EncodeEnv, EncodeError, splitOperands } from './operands/operand';
import { SHAPE_ROLES, Shape, roleShapes, shapeAt, shapeOf } from './operands/token-shape';
import { Row } from './table';
import { ROWS } from './rows';

// --- rows by mnemonic -----------------------------------------------------------------------------

/** A row as the encoder sees it: operand counts and the token shapes each operand may take. */
interface Form {
  readonly row: Row;
  readonly visible: number;
  readonly required: number;
  /** Per visible operand: bit s set = a token of shape s fits its role (the full search's filter). */
  readonly roleFits: readonly number[];
  /** Per visible operand: bit s set = a token of shape s may encode there (narrower: the fast path). */
  readonly fits: readonly number[];
}

/** Up to this many operands the shape signature is a small integer (more go the full search). */
const SIG_OPERANDS = 6;
/** Signatures remembered per mnemonic (real code uses a handful; odd input is not cached). */
const SIG_CACHE = 64;

interface Entry {
  readonly forms: readonly Form[];
  /** Shape signature → the forms that can take it, in table order. */
  readonly bySig: Map<number, readonly Form[]>;
  /** The last signature looked up and its forms (a mnemonic mostly comes with one set of shapes). */
  lastSig: number;
  lastForms: readonly Form[];
}

function formOf(r: Row): Form {
  const vis = r.operands.filter((o) => !o.hidden);
  const roleFits = vis.map((o) => roleShapes(o.role));
  const fits = vis.map((o, i) => roleFits[i] & (o.shapes ?? -1));
  return { row: r, visible: vis.length, required: vis.filter((o) => !o.optional).length, roleFits, fits };
}

let byMnemonic: Map<string, Entry> | undefined;

function entryFor(mnemonic: string): Entry | undefined {
  if (!byMnemonic) {
    const lists = new Map<string, Form[]>();
    for (const r of ROWS) {
      if (r.decodeOnly) continue;
      let list = lists.get(r.mnemonic);
      if (!list) lists.set(r.mnemonic, (list = []));
      list.push(formOf(r));
    }
    byMnemonic = new Map();
    for (const [m, forms] of lists) byMnemonic.set(m, { forms, bySig: new Map(), lastSig: -1, lastForms: [] });
  }
  return byMnemonic.get(mnemonic);
}

/** The forms that can take operands of these shapes (`sig` encodes their count and shapes). */
function formsForSig(e: Entry, sig: number, operands: readonly string[]): readonly Form[] {
  if (e.lastSig === sig) return e.lastForms;
  let list = e.bySig.get(sig);
  if (!list) {
    const shapes = operands.map(shapeOf);
    const n = shapes.length;
    list = e.forms.filter((f) => n >= f.required && n <= f.visible && shapes.every((s, i) => (f.fits[i] >> s) & 1));
    if (e.bySig.size < SIG_CACHE) e.bySig.set(sig, list);
  }
  e.lastSig = sig;
  e.lastForms = list;
  return list;
}

export function knownMnemonic(mnemonic: string): boolean {
  return entryFor(mnemonic.toLowerCase()) !== undefined;
}

// --- one row --------------------------------------------------------------------------------------

export interface EncodeResult {
  readonly word: number;
  readonly row: Row;
}

export interface EncodeFailure {
  readonly error: string;
  /** 0-based index of the operand the error is about, when it is about one. */
  readonly operand?: number;
}

function tryRow(f: Form, toks: readonly string[], env: EncodeEnv): number | EncodeError {
  const { row: r, visible } = f;
  if (toks.length > visible) return new EncodeError(`too many operands (expected at most ${visible})`, visible);
  // bits and mask are kept as signed 32-bit values: V8 passes those to the operands unboxed
  let bits = r.value | 0;
  let mask = r.mask | 0;
  let t = 0;
  const ops = r.operands;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const tok = op.hidden ? undefined : toks[t++];
    const at = op.hidden ? t : t - 1;
    if (tok === undefined && !op.optional) return new EncodeError(`missing operand ${at + 1}`, at);
    let b;
    try {
      b = op.encode(tok, env, bits);
    } catch (e) {
      if (e instanceof EncodeError) return new EncodeError(e.message, e.operand ?? at);
      throw e;
    }
    if (b instanceof EncodeError) return new EncodeError(b.message, b.operand ?? at);
    const overlap = mask & b.mask;
    if (((bits ^ b.bits) & overlap) !== 0) return new EncodeError(`'${tok ?? ''}' does not fit this form`, at);
    bits |= b.bits & b.mask;
    mask |= b.mask;
  }
  if (r.when && !r.when(bits)) return new EncodeError(`operands do not fit the '${r.mnemonic}' form`, visible);
  return bits >>> 0;
}

// --- the full search --------------------------------------------------------------------------------

function fitScore(f: Form, shapes: readonly Shape[]): number {
  let score = 0;
  const ops = f.row.operands.filter((o) => !o.hidden);
  for (let i = 0; i < shapes.length && i < ops.length; i++) if (SHAPE_ROLES[shapes[i]].includes(ops[i].role)) score++;
  return score;
}

/**
 * Every row of the mnemonic in table order: the first that encodes wins; else the error of the row
 * that got furthest (on a tie, whose operand kinds fit the tokens' shapes best).
 */
function search(e: Entry, operands: readonly string[], env: EncodeEnv): EncodeResult | EncodeFailure {
  let best: EncodeError | undefined;
  let bestScore = -1;
  const shapes = operands.map(shapeOf);
  let skipped: Form | undefined;
  for (const f of e.forms) {
    if (operands.length < f.required || operands.length > f.visible) {
      best ??= new EncodeError(`expected ${f.required === f.visible ? f.required : `${f.required} to ${f.visible}`} operands, got ${operands.length}`);
      continue;
    }
    if (!shapes.every((s, i) => (f.roleFits[i] >> s) & 1)) {
      skipped ??= f;
      continue;
    }
    const res = tryRow(f, operands, env);
    if (typeof res === 'number') return { word: res, row: f.row };
    const at = res.operand ?? -1;
    const bestAt = best?.operand ?? -1;
    if (!best || at > bestAt || (at === bestAt && fitScore(f, shapes) > bestScore)) {
      best = res;
      bestScore = fitScore(f, shapes);
    }
  }
  // rows skipped for their shapes: the first one says what it expected, when nothing said better
  if (skipped && (!best || best.operand === undefined)) {
    const r = tryRow(skipped, operands, env);
    if (typeof r === 'number') return { word: r, row: skipped.row };
    best = r;
  }
  const msg = best?.message ?? 'no matching form';
  return best?.operand !== undefined ? { error: `operand ${best.operand + 1}: ${msg}`, operand: best.operand } : { error: msg };
}

// --- entry points ---------------------------------------------------------------------------------

/** Splits `mnemonic operands` (a statement without label or comment). */
export function splitInstruction(text: string): { mnemonic: string; operands: string[] } {
  const t = text.trim();
  const m = /^(\S+)\s*(.*)$/.exec(t);
  if (!m) return { mnemonic: '', operands: [] };
  return { mnemonic: m[1].toLowerCase(), operands: m[2] === '' ? [] : splitOperands(m[2]) };
}

const DEFAULT_ENV: EncodeEnv = { pc: 0n };

/** Space or tab: the only blanks of the fast scan (other control or non-ASCII text takes the slow one). */
const isBlank = (c: number) => c === 32 || c === 9;

export function encode(text: string, env: EncodeEnv = DEFAULT_ENV): EncodeResult | EncodeFailure {
  // the fast scan: mnemonic, operands split at top-level commas, and their shapes, in one pass;
  // text with other blanks or non-ASCII characters (and unknown mnemonics, for the same message)
  // goes through splitInstruction and the full search
  const n = text.length;
  let i = 0;
  while (i < n && isBlank(text.charCodeAt(i))) i++;
  const m0 = i;
  let upper = false;
  let plain = true;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c >= 127) {
      plain = c === 32 || c === 9;
      break;
    }
    if (c >= 65 && c <= 90) upper = true;
  }
  const fast = plain && i > m0 ? entryFor(upper ? text.slice(m0, i).toLowerCase() : text.slice(m0, i)) : undefined;
  if (fast) {
    const operands: string[] = [];
    while (i < n && isBlank(text.charCodeAt(i))) i++;
    let depth = 0;
    let start = i;
    let sig = 0;
    let scale = 16;
    for (; ; i++) {
      const c = i < n ? text.charCodeAt(i) : 44;
      if (c === 44 && (depth === 0 || i >= n)) {
        // the operand is text[start, i) without its blanks
        let s = start;
        let end = i;
        while (s < end && isBlank(text.charCodeAt(s))) s++;
        while (end > s && isBlank(text.charCodeAt(end - 1))) end--;
        if (i >= n && s === end && operands.length === 0) break;
        const shape = s === end ? Shape.Other : shapeAt(text, s, end);
        operands.push(text.slice(s, end));
        sig += shape * scale;
        scale *= 16;
        if (i >= n) break;
        start = i + 1;
      } else if (c < 32 || c >= 127) {
        if (c !== 9) {
          plain = false;
          break;
        }
      } else if (c === 91 || c === 123 || c === 40) depth++;
      else if (c === 93 || c === 125 || c === 41) depth--;
    }
    if (plain) {
      if (operands.length <= SIG_OPERANDS) {
        const forms = formsForSig(fast, sig + operands.length, operands);
        for (let k = 0; k < forms.length; k++) {
          const r = tryRow(forms[k], operands, env);
          if (typeof r === 'number') return { word: r, row: forms[k].row };
        }
      }
      return search(fast, operands, env);
    }
  }
  const { mnemonic, operands } = splitInstruction(text);
  if (mnemonic === '') return { error: 'empty instruction' };
  const e = entryFor(mnemonic);
  if (!e) return { error: `unknown mnemonic '${mnemonic}'` };
  return search(e, operands, env);
}

export function isEncodeFailure(r: EncodeResult | EncodeFailure): r is EncodeFailure {
  return (r as EncodeFailure).error !== undefined;
}
