// Assembler texts in every alias row's own syntax, including the field values where objdump
// would print another spelling (GNU as takes an alias whenever the instruction under it is
// valid, preferred or not). The texts come from the alias row's operands; the expected words
// come from GNU as, never from our encoder.
import { ROWS, decodeText } from '../../server/src/isa';
import { decodeEnvAt } from '../../server/src/isa/operands/operand';
import { Row } from '../../server/src/isa/table';
import { Rng } from './rng';

export interface AliasText {
  readonly text: string;
  readonly row: Row;
  /** Our decoder prints this text for the word it came from (the alias is the preferred one). */
  readonly preferred: boolean;
}

const ENV = decodeEnvAt(0n);

/** A field value biased to the edges where preference and validity rules change. */
function edgeValue(rng: Rng, width: number): number {
  const max = 2 ** width - 1;
  const edges = [0, 1, max, max - 1, max >>> 1, (max >>> 1) + 1, 7, 8, 15, 16, 31, 32].filter((v) => v <= max);
  return edges[rng.below(edges.length)];
}

/** A random word of the row's pattern, each free field left random or set to an edge value. */
function wordFor(rng: Rng, r: Row): number {
  let w = rng.u32();
  for (const f of r.pattern.fields.values()) {
    if (f.fixed !== undefined || rng.below(2) === 0) continue;
    const m = ((2 ** f.width - 1) * 2 ** f.lo) >>> 0;
    w = (w & ~m) | ((edgeValue(rng, f.width) * 2 ** f.lo) >>> 0);
  }
  return ((w & ~r.mask) | r.value) >>> 0;
}

/** The row's text for a word, its preference and validity conditions ignored; null when an operand cannot show it. */
function render(r: Row, w: number): string | null {
  const ops: string[] = [];
  for (const op of r.operands) {
    const t = op.decode(w | 0, ENV);
    if (t === null) return null;
    if (t !== '') ops.push(t);
  }
  return ops.length ? `${r.mnemonic} ${ops.join(', ')}` : r.mnemonic;
}

/**
 * For every alias row (PC-relative ones aside): up to `nonPreferred` distinct texts that objdump
 * would print otherwise, and `preferred` that it prints as they are. Tries are bounded per row.
 */
export function aliasTexts(rng: Rng, nonPreferred: number, preferred: number): AliasText[] {
  const out: AliasText[] = [];
  const seen = new Set<string>();
  for (const r of ROWS) {
    if (!r.aliasOf || r.operands.some((o) => o.role === 'label')) continue;
    let np = 0;
    let p = 0;
    for (let tries = 0; tries < 200 * (nonPreferred + preferred) && (np < nonPreferred || p < preferred); tries++) {
      const w = wordFor(rng, r);
      const text = render(r, w);
      if (text === null || seen.has(text)) continue;
      const pref = decodeText(w) === text;
      if (pref ? p >= preferred : np >= nonPreferred) continue;
      seen.add(text);
      out.push({ text, row: r, preferred: pref });
      if (pref) p++;
      else np++;
    }
  }
  return out;
}
