// Encoder: GNU syntax text → word, trying the rows of the mnemonic in table order. The rows and
// operand kinds are the decoder's own, so a form can only be encoded as it is decoded.
import { EncodeEnv, EncodeError, splitOperands } from './operands/operand';
import { Row } from './table';
import { ROWS } from './rows';

let byMnemonic: Map<string, Row[]> | undefined;

function rowsFor(mnemonic: string): Row[] | undefined {
  if (!byMnemonic) {
    byMnemonic = new Map();
    for (const r of ROWS) {
      if (r.decodeOnly) continue;
      let list = byMnemonic.get(r.mnemonic);
      if (!list) byMnemonic.set(r.mnemonic, (list = []));
      list.push(r);
    }
  }
  return byMnemonic.get(mnemonic);
}

export function knownMnemonic(mnemonic: string): boolean {
  return rowsFor(mnemonic.toLowerCase()) !== undefined;
}

export interface EncodeResult {
  readonly word: number;
  readonly row: Row;
}

export interface EncodeFailure {
  readonly error: string;
  /** 0-based index of the operand the error is about, when it is about one. */
  readonly operand?: number;
}

/** Splits `mnemonic operands` (a statement without label or comment). */
export function splitInstruction(text: string): { mnemonic: string; operands: string[] } {
  const t = text.trim();
  const m = /^(\S+)\s*(.*)$/.exec(t);
  if (!m) return { mnemonic: '', operands: [] };
  return { mnemonic: m[1].toLowerCase(), operands: m[2] === '' ? [] : splitOperands(m[2]) };
}

/** Roles whose tokens have a recognisable shape (a register, '#…', '[…]', '{…}'). */
const SHAPED_ROLES = new Set(['gpr', 'fpreg', 'vreg', 'velem', 'vlist', 'mem', 'imm', 'fpimm']);

/**
 * Per row: operand counts and the roles of its visible operands, so that rows which cannot take
 * the tokens (too many or few, a register where an immediate goes …) are skipped without a try.
 */
const shapes = new Map<Row, { visible: number; required: number; roles: readonly (string | null)[] }>();
function countsOf(r: Row) {
  let c = shapes.get(r);
  if (!c) {
    const vis = r.operands.filter((o) => !o.hidden);
    const visible = vis.length;
    const required = vis.filter((o) => !o.optional).length;
    const roles = vis.map((o) => (SHAPED_ROLES.has(o.role) ? o.role : null));
    shapes.set(r, (c = { visible, required, roles }));
  }
  return c;
}

function shapesFit(roles: readonly (string | null)[], tokRoles: readonly (readonly string[])[]): boolean {
  for (let i = 0; i < tokRoles.length; i++) {
    const want = roles[i];
    const have = tokRoles[i];
    if (want && have.length && !have.includes(want)) return false;
  }
  return true;
}

function tryRow(r: Row, toks: string[], env: EncodeEnv): number | EncodeError {
  const { visible } = countsOf(r);
  if (toks.length > visible) return new EncodeError(`too many operands (expected at most ${visible})`, visible);
  let bits = r.value;
  let mask = r.mask;
  let t = 0;
  for (let i = 0; i < r.operands.length; i++) {
    const op = r.operands[i];
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
    bits = (bits | (b.bits & b.mask)) >>> 0;
    mask = (mask | b.mask) >>> 0;
  }
  bits >>>= 0;
  if (r.when && !r.when(bits)) return new EncodeError(`operands do not fit the '${r.mnemonic}' form`, visible);
  return bits;
}

const ROLE_CACHE = new Map<string, readonly string[]>();

/** The operand roles a source token can be, by its shape (a pure function of the token: cached). */
function tokenRoles(tok: string): readonly string[] {
  let r = ROLE_CACHE.get(tok);
  if (!r) {
    r = tokenRolesOf(tok);
    if (ROLE_CACHE.size > 8192) ROLE_CACHE.clear();
    ROLE_CACHE.set(tok, r);
  }
  return r;
}

function tokenRolesOf(tok: string): readonly string[] {
  const t = tok.trim().toLowerCase();
  if (t.startsWith('#')) return ['imm', 'fpimm', 'shift', 'label'];
  if (t.startsWith('[')) return ['mem'];
  if (t.startsWith('{')) return ['vlist'];
  if (/^v\d+\./.test(t)) return ['vreg', 'velem'];
  if (/^[bhsdq]\d+$/.test(t)) return ['fpreg'];
  if (/^([xw]\d+|sp|wsp|xzr|wzr|lr|fp)$/.test(t)) return ['gpr'];
  return [];
}

function fitScore(r: Row, toks: readonly string[]): number {
  let score = 0;
  const ops = r.operands.filter((o) => !o.hidden);
  for (let i = 0; i < toks.length && i < ops.length; i++) if (tokenRoles(toks[i]).includes(ops[i].role)) score++;
  return score;
}

export function encode(text: string, env: EncodeEnv = { pc: 0n }): EncodeResult | EncodeFailure {
  const { mnemonic, operands } = splitInstruction(text);
  if (mnemonic === '') return { error: 'empty instruction' };
  const rows = rowsFor(mnemonic);
  if (!rows) return { error: `unknown mnemonic '${mnemonic}'` };
  let best: EncodeError | undefined;
  let bestScore = -1;
  const tokRoles = operands.map(tokenRoles);
  let skipped: Row | undefined;
  for (const r of rows) {
    const c = countsOf(r);
    if (operands.length < c.required || operands.length > c.visible) {
      best ??= new EncodeError(`expected ${c.required === c.visible ? c.required : `${c.required} to ${c.visible}`} operands, got ${operands.length}`);
      continue;
    }
    if (!shapesFit(c.roles, tokRoles)) {
      skipped ??= r;
      continue;
    }
    const res = tryRow(r, operands, env);
    if (typeof res === 'number') return { word: res, row: r };
    // report the error of the row that got furthest; on a tie, of the row whose operand kinds
    // fit the tokens' shapes best
    const at = res.operand ?? -1;
    const bestAt = best?.operand ?? -1;
    if (!best || at > bestAt || (at === bestAt && fitScore(r, operands) > bestScore)) {
      best = res;
      bestScore = fitScore(r, operands);
    }
  }
  // rows skipped for their shapes: the first one says what it expected, when nothing said better
  if (skipped && (!best || best.operand === undefined)) {
    const e = tryRow(skipped, operands, env);
    if (typeof e === 'number') return { word: e, row: skipped };
    best = e;
  }
  const msg = best?.message ?? 'no matching form';
  return best?.operand !== undefined ? { error: `operand ${best.operand + 1}: ${msg}`, operand: best.operand } : { error: msg };
}

export function isEncodeFailure(r: EncodeResult | EncodeFailure): r is EncodeFailure {
  return (r as EncodeFailure).error !== undefined;
}
