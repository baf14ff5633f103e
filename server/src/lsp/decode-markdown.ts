// A decoded instruction as Markdown, for hovers and the "Decode Instruction Word…" command: the
// GNU text, the word, the encoding's bit fields as a small monospace diagram, the operands with
// their roles and fields, the alias relation, the class and the architecture feature. Formatting
// only: every fact comes from isa/decode.
import type { Decoded, DecodedField } from '../isa';
import { hex8 } from './protocol';

const ROLE_NAMES: Record<string, string> = {
  gpr: 'general register',
  fpreg: 'FP/SIMD scalar register',
  vreg: 'vector register',
  vlist: 'vector register list',
  velem: 'vector element',
  imm: 'immediate',
  fpimm: 'FP immediate',
  shift: 'shift',
  extend: 'extend',
  mem: 'memory operand',
  label: 'PC-relative target',
  cond: 'condition',
  sysreg: 'system register',
  sysop: 'system operation',
  barrier: 'barrier option',
  prefetch: 'prefetch operation',
  pstate: 'PSTATE field',
  other: 'operand',
  zreg: 'SVE vector register',
  preg: 'SVE predicate register',
  za: 'SME ZA array, tile or slice',
  pattern: 'SVE predicate pattern',
};

export const hexAddress = (a: bigint): string => '0x' + BigInt.asUintN(64, a).toString(16);

function bits(value: number, width: number): string {
  return (value >>> 0).toString(2).padStart(width, '0').slice(-width);
}

/**
 * The bit-field diagram, one column per field, MSB first:
 * ```
 * bit   31 30-29 28-24 23-22 21 20-16 15-10  9-5   4-0
 * field  1 01    01010 shift  0 Rm    imm6   Rn    Rd
 * value  1 01    01010 00     0 11110 000000 11111 01001
 * ```
 * Fixed (opcode) bits show their bits as the field name when they have no name of their own.
 */
export function fieldDiagram(fields: readonly DecodedField[]): string {
  const cols = fields.map((f) => {
    const width = f.hi - f.lo + 1;
    const head = f.hi === f.lo ? String(f.hi) : `${f.hi}-${f.lo}`;
    const name = /^[01]+$/.test(f.name) ? '' : f.name;
    const value = bits(f.value, width);
    const w = Math.max(head.length, name.length, value.length);
    return { head: head.padEnd(w), name: name.padEnd(w), value: value.padEnd(w) };
  });
  const row = (label: string, pick: (c: (typeof cols)[number]) => string) => `${label.padEnd(6)}${cols.map(pick).join(' ')}`.trimEnd();
  return [row('bit', (c) => c.head), row('field', (c) => c.name), row('value', (c) => c.value)].join('\n');
}

const code = (s: string): string => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);

export interface DecodeMarkdownOptions {
  /** A line before everything else (where the word came from). */
  readonly heading?: string;
  /** Whether the address is meaningful (else PC-relative targets are relative to 0, and we say so). */
  readonly addressKnown?: boolean;
  /** Omit the diagram and the operand table (a register hover, several instructions). */
  readonly brief?: boolean;
  /** Where the word is, e.g. '`.text` + 0x8' (replaces the bare address). */
  readonly place?: string;
  /** A line after the text line (how the source wrote it, a landing-pad note …). */
  readonly note?: string;
}

/** Markdown for a decode; `d` null means the word is an undefined encoding. */
export function decodeMarkdown(word: number, address: bigint, d: Decoded | null, opts: DecodeMarkdownOptions = {}): string {
  const out: string[] = [];
  if (opts.heading) out.push(opts.heading, '');
  if (!d) {
    out.push(`${code('0x' + hex8(word))}: undefined encoding (objdump prints \`.inst 0x${hex8(word)} ; undefined\`)`);
    return out.join('\n');
  }
  out.push(`**${code(d.text)}**${d.aliasOf ? ` — alias of ${code(d.aliasOf.text)}` : ''}`);
  if (opts.note) out.push('', opts.note);
  out.push('');
  const where = opts.place ? ` at ${opts.place}` : opts.addressKnown ? ` at ${hexAddress(address)}` : '';
  out.push(`word ${code('0x' + hex8(word))}${where} · class ${code(d.cls)} · feature ${code(d.feature)}`);
  const pcRelative = d.operands.some((o) => o.role === 'label');
  if (pcRelative && !opts.addressKnown) out.push('', '_PC-relative target computed for address 0 (the address is not known here)._');
  if (opts.brief) return out.join('\n');
  out.push('', '```text', fieldDiagram(d.fields), '```');
  if (d.operands.length) {
    out.push('', '| operand | role | fields |', '|---|---|---|');
    for (const o of d.operands) {
      const f = o.fields.map((x) => `${x.name}=${x.value}`).join(', ');
      out.push(`| ${code(o.text).replace(/\|/g, '\\|')} | ${ROLE_NAMES[o.role] ?? o.role} | ${f} |`);
    }
  }
  return out.join('\n');
}

/** The decode as plain text (the command's output document). */
export function decodePlain(word: number, address: bigint, d: Decoded | null): string {
  if (!d) return `${hex8(word)}  .inst 0x${hex8(word)} ; undefined\n`;
  const lines = [`${hex8(word)}  ${d.text}${d.aliasOf ? `    (alias of ${d.aliasOf.text})` : ''}`, `address ${hexAddress(address)}  class ${d.cls}  feature ${d.feature}`, '', fieldDiagram(d.fields), ''];
  for (const o of d.operands) lines.push(`  ${o.text.padEnd(24)} ${(ROLE_NAMES[o.role] ?? o.role).padEnd(26)} ${o.fields.map((x) => `${x.name}=${x.value}`).join(', ')}`);
  return lines.join('\n') + '\n';
}
