// Rows of the instruction table. One row = one encoding form (or one preferred alias of a form).
// Decoding takes the first matching row (most fixed bits first, then table order); encoding tries
// the rows of a mnemonic in table order. Both come from the same row objects.
import { BoundOperand, OperandSpec } from './operands/operand';
import { Pattern, parsePattern, fieldGetter } from './pattern';

export type FieldReader = (name: string) => number;

export interface RowOptions {
  /** Encoding class, e.g. 'addsub_imm' (shown in hovers, used by tests for coverage). */
  cls?: string;
  /** Architecture feature, e.g. 'base', 'lse', 'pauth', 'fp16'. */
  feature?: string;
  /** The row is a preferred alias of another form; `aliasOf` names that form's mnemonic. */
  aliasOf?: string;
  /**
   * Where the row applies at all, in both directions: reserved field values, and a spelling that
   * names this form only under a condition (`mov` is `add #0` only with sp; otherwise `orr`).
   */
  when?: (w: number, f: FieldReader) => boolean;
  /**
   * Decode only: objdump prints this alias only when it holds (ARM's preference rules, e.g.
   * BFXPreferred). GNU as takes the spelling whenever its operands encode, so the encoder ignores it.
   */
  prefer?: (w: number, f: FieldReader) => boolean;
  /** Raises (positive) or lowers the row's decode precedence among overlapping rows. */
  priority?: number;
  /** The row decodes but the encoder never selects it (GNU prints this form, as takes another). */
  decodeOnly?: boolean;
  /** The encoder may select the row but the decoder never does (a spelling objdump never prints). */
  encodeOnly?: boolean;
}

export interface Row {
  readonly id: number;
  readonly mnemonic: string;
  readonly pattern: Pattern;
  readonly mask: number;
  readonly value: number;
  readonly operands: readonly BoundOperand[];
  readonly cls: string;
  readonly feature: string;
  readonly aliasOf?: string;
  /** The row's `when` (the encoder checks it on the encoded word). */
  readonly when?: (w: number) => boolean;
  /** `when` and `prefer` together: the decoder's condition. */
  readonly decodeWhen?: (w: number) => boolean;
  readonly priority: number;
  readonly decodeOnly: boolean;
  readonly encodeOnly: boolean;
  /** Bits not covered by the fixed pattern nor by any operand field ("should be" bits). */
  readonly freeMask: number;
  /** The operands' decode functions (the decoder's hot loop calls these, not operands[k].decode). */
  readonly decoders: readonly BoundOperand['decode'][];
}

export interface RowSpec {
  readonly mnemonic: string;
  readonly pattern: string;
  /** (undefined once the row is bound: see bindRow) */
  readonly operands: readonly OperandSpec[];
  readonly opts: RowOptions;
}

/** A row in a group file: `row('add', 'sf 0 0 100010 sh imm12:12 Rn:5 Rd:5', [Xsp('Rd'), ...])`. */
export function row(mnemonic: string, pattern: string, operands: readonly OperandSpec[], opts: RowOptions = {}): RowSpec {
  return { mnemonic, pattern, operands, opts };
}

/** Applies defaults (class, feature) to the rows of a group. */
export function group(defaults: RowOptions, rows: readonly (RowSpec | readonly RowSpec[])[]): RowSpec[] {
  return rows.flat().map((r) => ({ ...r, opts: { ...defaults, ...r.opts } }));
}

let nextId = 0;

/** A row's `when`, and `when` with `prefer` for the decoder, over one field reader per row. */
function conditions(spec: RowSpec): { when?: (w: number) => boolean; decodeWhen?: (w: number) => boolean } {
  const { when: userWhen, prefer: userPrefer } = spec.opts;
  if (!userWhen && !userPrefer) return {};
  // the reader reads the word being tested (no closure per test); a row has a handful of
  // fields, so a scan of their names beats a Map
  const pattern = parsePattern(spec.pattern);
  const names = [...pattern.fields.keys()];
  const getters = [...pattern.fields.values()].map(fieldGetter);
  let current = 0;
  const read: FieldReader = (name) => {
    for (let i = 0; i < names.length; i++) if (names[i] === name) return getters[i](current);
    throw new Error(`row ${spec.mnemonic}: no field ${name}`);
  };
  const when = userWhen
    ? (w: number) => {
        current = w;
        return userWhen(w, read);
      }
    : undefined;
  const decodeWhen = userPrefer
    ? (w: number) => {
        current = w;
        return (!userWhen || userWhen(w, read)) && userPrefer(w, read);
      }
    : when;
  return { when, decodeWhen };
}

export function bindRow(spec: RowSpec): Row {
  if (spec.operands === undefined) throw new Error(`row ${spec.mnemonic} '${spec.pattern}' bound twice (its operand specs are dropped once bound)`);
  const pattern = parsePattern(spec.pattern);
  let operands: BoundOperand[];
  try {
    operands = spec.operands.map((o) => o(pattern));
  } catch (e) {
    throw new Error(`row ${spec.mnemonic} '${spec.pattern}': ${(e as Error).message}`);
  }
  const { when, decodeWhen } = conditions(spec);
  // the spec's operand factories (and what they captured) are not needed once bound: the row
  // files keep their specs for the life of the process, the bound operands are all that is used
  (spec as { operands?: readonly OperandSpec[] }).operands = undefined;
  let covered = pattern.mask;
  for (const f of pattern.fields.values()) covered |= ((2 ** f.width - 1) * 2 ** f.lo) >>> 0;
  return {
    id: nextId++,
    mnemonic: spec.mnemonic,
    pattern,
    mask: pattern.mask,
    value: pattern.value,
    operands,
    cls: spec.opts.cls ?? 'unclassified',
    feature: spec.opts.feature ?? 'base',
    aliasOf: spec.opts.aliasOf,
    when,
    decodeWhen,
    priority: spec.opts.priority ?? 0,
    decodeOnly: spec.opts.decodeOnly ?? false,
    encodeOnly: spec.opts.encodeOnly ?? false,
    freeMask: ~covered >>> 0,
    decoders: operands.map((o) => o.decode),
  };
}
