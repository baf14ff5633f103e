// Data processing (register): logical and add/sub shifted/extended register, add/sub with carry,
// rmif/setf, conditional compare and select, 1-, 2- and 3-source; plus, from the immediate space,
// min/max immediate (CSSC) and add/sub immediate with tags (MTE).
import { Cond } from '../operands/cond';
import { R, Rsp, W, X, XOptional, Xsp, parseGpr } from '../operands/gpr';
import { BitmaskImm, Imm } from '../operands/imm';
import { EncodeError, Fill, OperandSpec, Tie, fieldAccess } from '../operands/operand';
import { ExtendedRm } from '../operands/extend-reg';
import { Shift } from '../operands/shift';
import { RowSpec, group, row } from '../table';

const SF = [0, 1] as const;

/**
 * An immediate that refuses a register token, so rows with an immediate can be tried before their
 * register twins (ccmp, smax…) and report range errors, without taking a register for a symbol.
 */
function ImmNotReg(spec: OperandSpec, bic?: 'bic'): OperandSpec {
  return (p) => {
    const op = spec(p);
    return {
      ...op,
      decode: op.decode,
      encode: (tok, env, acc) => {
        if (tok !== undefined && parseGpr(tok.trim()) !== null) return new EncodeError(`expected an immediate, got '${tok.trim()}'`);
        const r = op.encode(tok, env, acc);
        // the shared kind names the inverted value; say what bic needs
        if (bic && r instanceof EncodeError && r.message.includes('not a valid bitmask'))
          return new EncodeError(`the inverse of '${tok?.trim()}' is not a valid bitmask immediate`);
        return r;
      },
    };
  };
}

/**
 * The inverted condition of cset/cinc/… : these aliases apply only to eq..le (not al/nv), so the
 * operand rejects cond 111x itself (cheaper in decode than a row `when`).
 */
function InvCond(name = 'cond'): OperandSpec {
  return (p) => {
    const op = Cond(name, true)(p);
    const c = fieldAccess(p, name);
    return { ...op, decode: (w, env) => (c.get(w) >= 14 ? null : op.decode(w, env)) };
  };
}

/** The shared Shift, also taking `lsl#3` (no space), as GNU as does. */
function ShiftOp(width: 32 | 64, allowRor: boolean): OperandSpec {
  return (p) => {
    const op = Shift(width, allowRor)(p);
    return {
      ...op,
      encode: (tok, env, acc) => {
        const t = tok?.trim();
        const h = t === undefined ? -1 : t.indexOf('#');
        return op.encode(h > 0 && t![h - 1] !== ' ' ? t!.slice(0, h) + ' ' + t!.slice(h) : tok, env, acc);
      },
    };
  };
}

// --- logical (shifted register) -----------------------------------------------------------------

const logShift = group({ cls: 'log_shift' }, SF.flatMap((sf) => {
  const w = (sf ? 64 : 32) as 32 | 64;
  const p = (opc: string, n: string, rn = 'Rn:5', rd = 'Rd:5', sh = 'shift:2 ' + n + ' Rm:5 imm6:6') =>
    `${sf} ${opc} 01010 ${sh} ${rn} ${rd}`;
  const rd = R('Rd', sf);
  const rn = R('Rn', sf);
  const rm = R('Rm', sf);
  const sh = ShiftOp(w, true);
  return [
    row('and', p('00', '0'), [rd, rn, rm, sh]),
    row('bic', p('00', '1'), [rd, rn, rm, sh]),
    row('mov', p('01', '0', 'Rn=11111', 'Rd:5', 'shift=00 0 Rm:5 imm6=000000'), [rd, rm], { aliasOf: 'orr' }),
    // GNU as takes `uxtw Rd, Wm` (Rd of either width) as mov Wd, Wm; objdump never prints it
    ...(sf ? [] : [X('Rd'), rd].map((d) => row('uxtw', p('01', '0', 'Rn=11111', 'Rd:5', 'shift=00 0 Rm:5 imm6=000000'), [d, rm], { aliasOf: 'orr', encodeOnly: true }))),
    row('orr', p('01', '0'), [rd, rn, rm, sh]),
    row('mvn', p('01', '1', 'Rn=11111'), [rd, rm, sh], { aliasOf: 'orn' }),
    row('orn', p('01', '1'), [rd, rn, rm, sh]),
    row('eor', p('10', '0'), [rd, rn, rm, sh]),
    row('eon', p('10', '1'), [rd, rn, rm, sh]),
    row('tst', p('11', '0', 'Rn:5', 'Rd=11111'), [rn, rm, sh], { aliasOf: 'ands' }),
    row('ands', p('11', '0'), [rd, rn, rm, sh]),
    row('bics', p('11', '1'), [rd, rn, rm, sh]),
  ];
}));

/**
 * GNU as also takes `bic Rd, Rn, #imm` as `and` with the inverted bitmask immediate (not bics).
 * Encode-only: the lower priority keeps the decoder on `and`, which matches the same words.
 */
const bicImm = group({ cls: 'log_imm', aliasOf: 'and', encodeOnly: true }, SF.map((sf) =>
  row('bic', `${sf} 00 100100 ${sf ? 'N' : '0'} immr:6 imms:6 Rn:5 Rd:5`, [Rsp('Rd', sf), R('Rn', sf), ImmNotReg(BitmaskImm(sf ? 64 : 32, 'N', 'immr', 'imms', true), 'bic')])));

// --- add/sub (shifted register) -----------------------------------------------------------------

const addsubShift = group({ cls: 'addsub_shift' }, SF.flatMap((sf) => {
  const w = (sf ? 64 : 32) as 32 | 64;
  const p = (op: string, s: string, rn = 'Rn:5', rd = 'Rd:5') => `${sf} ${op} ${s} 01011 shift:2 0 Rm:5 imm6:6 ${rn} ${rd}`;
  const rd = R('Rd', sf);
  const rn = R('Rn', sf);
  const rm = R('Rm', sf);
  const sh = ShiftOp(w, false);
  return [
    row('add', p('0', '0'), [rd, rn, rm, sh]),
    row('cmn', p('0', '1', 'Rn:5', 'Rd=11111'), [rn, rm, sh], { aliasOf: 'adds' }),
    row('adds', p('0', '1'), [rd, rn, rm, sh]),
    row('neg', p('1', '0', 'Rn=11111'), [rd, rm, sh], { aliasOf: 'sub' }),
    row('sub', p('1', '0'), [rd, rn, rm, sh]),
    row('cmp', p('1', '1', 'Rn:5', 'Rd=11111'), [rn, rm, sh], { aliasOf: 'subs' }),
    row('negs', p('1', '1', 'Rn=11111'), [rd, rm, sh], { aliasOf: 'subs' }),
    row('subs', p('1', '1'), [rd, rn, rm, sh]),
  ];
}));

// --- add/sub (extended register) ----------------------------------------------------------------

const addsubExt = group({ cls: 'addsub_ext' }, SF.flatMap((sf) => {
  const w = (sf ? 64 : 32) as 32 | 64;
  const p = (op: string, s: string, rd = 'Rd:5') => `${sf} ${op} ${s} 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 ${rd}`;
  const rdSp = Rsp('Rd', sf);
  const rnSp = Rsp('Rn', sf);
  // each row gets its own [Rm, extend] pair (they share Rm's width while encoding)
  const both = () => ExtendedRm(w, ['Rd', 'Rn']);
  const rnOnly = () => ExtendedRm(w, ['Rn']);
  return [
    row('add', p('0', '0'), [rdSp, rnSp, ...both()]),
    row('cmn', p('0', '1', 'Rd=11111'), [rnSp, ...rnOnly()], { aliasOf: 'adds' }),
    row('adds', p('0', '1'), [R('Rd', sf), rnSp, ...rnOnly()]),
    row('sub', p('1', '0'), [rdSp, rnSp, ...both()]),
    row('cmp', p('1', '1', 'Rd=11111'), [rnSp, ...rnOnly()], { aliasOf: 'subs' }),
    row('subs', p('1', '1'), [R('Rd', sf), rnSp, ...rnOnly()]),
  ];
}));

// --- add/sub with carry, rmif, setf8/16 ---------------------------------------------------------

const addsubCarry = group({ cls: 'addsub_carry' }, SF.flatMap((sf) => {
  const p = (op: string, s: string, rn = 'Rn:5') => `${sf} ${op} ${s} 11010000 Rm:5 000000 ${rn} Rd:5`;
  const rd = R('Rd', sf);
  const rn = R('Rn', sf);
  const rm = R('Rm', sf);
  return [
    row('adc', p('0', '0'), [rd, rn, rm]),
    row('adcs', p('0', '1'), [rd, rn, rm]),
    row('ngc', p('1', '0', 'Rn=11111'), [rd, rm], { aliasOf: 'sbc' }),
    row('sbc', p('1', '0'), [rd, rn, rm]),
    row('ngcs', p('1', '1', 'Rn=11111'), [rd, rm], { aliasOf: 'sbcs' }),
    row('sbcs', p('1', '1'), [rd, rn, rm]),
  ];
}));

const flagm = group({ feature: 'flagm' }, [
  row('rmif', '1 0 1 11010000 imm6:6 00001 Rn:5 0 mask:4', [X('Rn'), Imm('imm6'), Imm('mask')], { cls: 'rmif' }),
  row('setf8', '0 0 1 11010000 000000 0 0010 Rn:5 0 1101', [W('Rn')], { cls: 'setf' }),
  row('setf16', '0 0 1 11010000 000000 1 0010 Rn:5 0 1101', [W('Rn')], { cls: 'setf' }),
]);

// --- conditional compare ------------------------------------------------------------------------

const condCmp = SF.flatMap((sf) => {
  const p = (op: string, b: string, imm: boolean) =>
    `${sf} ${op} 1 11010010 ${imm ? 'imm5:5' : 'Rm:5'} cond:4 ${b} 0 Rn:5 0 nzcv:4`;
  const rn = R('Rn', sf);
  const nzcv = Imm('nzcv', { hex: true });
  const imm5 = ImmNotReg(Imm('imm5', { hex: true }));
  return [
    ...group({ cls: 'condcmp_imm' }, [
      row('ccmn', p('0', '1', true), [rn, imm5, nzcv, Cond()]),
      row('ccmp', p('1', '1', true), [rn, imm5, nzcv, Cond()]),
    ]),
    ...group({ cls: 'condcmp_reg' }, [
      row('ccmn', p('0', '0', false), [rn, R('Rm', sf), nzcv, Cond()]),
      row('ccmp', p('1', '0', false), [rn, R('Rm', sf), nzcv, Cond()]),
    ]),
  ];
});

// --- conditional select -------------------------------------------------------------------------

const condSel = group({ cls: 'condsel' }, SF.flatMap((sf) => {
  const p = (op: string, o2: string, rm = 'Rm:5', rn = 'Rn:5') => `${sf} ${op} 0 11010100 ${rm} cond:4 0 ${o2} ${rn} Rd:5`;
  const rd = R('Rd', sf);
  const rn = R('Rn', sf);
  const rm = R('Rm', sf);
  const inv = InvCond();
  return [
    row('csel', p('0', '0'), [rd, rn, rm, Cond()]),
    row('cset', p('0', '1', 'Rm=11111', 'Rn=11111'), [rd, inv], { aliasOf: 'csinc' }),
    row('cinc', p('0', '1'), [rd, rn, inv, Tie('Rm', 'Rn')], { aliasOf: 'csinc' }),
    row('csinc', p('0', '1'), [rd, rn, rm, Cond()]),
    row('csetm', p('1', '0', 'Rm=11111', 'Rn=11111'), [rd, inv], { aliasOf: 'csinv' }),
    row('cinv', p('1', '0'), [rd, rn, inv, Tie('Rm', 'Rn')], { aliasOf: 'csinv' }),
    row('csinv', p('1', '0'), [rd, rn, rm, Cond()]),
    row('cneg', p('1', '1'), [rd, rn, inv, Tie('Rm', 'Rn')], { aliasOf: 'csneg' }),
    row('csneg', p('1', '1'), [rd, rn, rm, Cond()]),
  ];
}));

// --- data processing (1 source) -----------------------------------------------------------------

const dp1 = SF.flatMap((sf) => {
  const p = (opc: string) => `${sf} 1 0 11010110 00000 ${opc} Rn:5 Rd:5`;
  const rd = R('Rd', sf);
  const rn = R('Rn', sf);
  return [
    ...group({ cls: 'dp_1src' }, [
      row('rbit', p('000000'), [rd, rn]),
      row('rev16', p('000001'), [rd, rn]),
      ...(sf
        ? [
            row('rev32', p('000010'), [rd, rn]),
            row('rev', p('000011'), [rd, rn]),
            // GNU as also takes rev64; objdump prints rev (the lower priority keeps the decoder off it)
            row('rev64', p('000011'), [rd, rn], { aliasOf: 'rev', encodeOnly: true }),
          ]
        : [row('rev', p('000010'), [rd, rn])]),
      row('clz', p('000100'), [rd, rn]),
      row('cls', p('000101'), [rd, rn]),
    ]),
    ...group({ cls: 'dp_1src', feature: 'cssc' }, [
      row('ctz', p('000110'), [rd, rn]),
      row('cnt', p('000111'), [rd, rn]),
      row('abs', p('001000'), [rd, rn]),
    ]),
  ];
});

const pauth1 = group({ cls: 'dp_1src', feature: 'pauth' }, (() => {
  const p = (opc: string, rn = 'Rn:5') => `1 1 0 11010110 00001 ${opc} ${rn} Rd:5`;
  const rd = X('Rd');
  const rn = Xsp('Rn');
  const names = ['pacia', 'pacib', 'pacda', 'pacdb', 'autia', 'autib', 'autda', 'autdb'];
  const zNames = ['paciza', 'pacizb', 'pacdza', 'pacdzb', 'autiza', 'autizb', 'autdza', 'autdzb'];
  const bin = (v: number) => v.toString(2).padStart(6, '0');
  return [
    ...names.map((n, i) => row(n, p(bin(i)), [rd, rn])),
    ...zNames.map((n, i) => row(n, p(bin(8 + i), 'Rn=11111'), [rd])),
    row('xpaci', p('010000', 'Rn=11111'), [rd]),
    row('xpacd', p('010001', 'Rn=11111'), [rd]),
  ];
})());

// --- data processing (2 source) -----------------------------------------------------------------

const dp2 = SF.flatMap((sf) => {
  const p = (opc: string) => `${sf} 0 0 11010110 Rm:5 ${opc} Rn:5 Rd:5`;
  const rd = R('Rd', sf);
  const rn = R('Rn', sf);
  const rm = R('Rm', sf);
  const shifts = ['lsl', 'lsr', 'asr', 'ror'];
  const bin = (v: number) => v.toString(2).padStart(6, '0');
  const crc = sf
    ? [row('crc32x', p('010011'), [W('Rd'), W('Rn'), X('Rm')]), row('crc32cx', p('010111'), [W('Rd'), W('Rn'), X('Rm')])]
    : [
        row('crc32b', p('010000'), [rd, rn, rm]),
        row('crc32h', p('010001'), [rd, rn, rm]),
        row('crc32w', p('010010'), [rd, rn, rm]),
        row('crc32cb', p('010100'), [rd, rn, rm]),
        row('crc32ch', p('010101'), [rd, rn, rm]),
        row('crc32cw', p('010110'), [rd, rn, rm]),
      ];
  return [
    ...group({ cls: 'dp_2src' }, [
      row('udiv', p('000010'), [rd, rn, rm]),
      row('sdiv', p('000011'), [rd, rn, rm]),
      ...shifts.flatMap((s, i) => [
        row(s, p(bin(8 + i)), [rd, rn, rm], { aliasOf: s + 'v' }),
        row(s + 'v', p(bin(8 + i)), [rd, rn, rm]),
      ]),
    ]),
    ...group({ cls: 'dp_2src', feature: 'crc' }, crc),
    ...group({ cls: 'dp_2src', feature: 'cssc' }, [
      row('smax', p('011000'), [rd, rn, rm]),
      row('umax', p('011001'), [rd, rn, rm]),
      row('smin', p('011010'), [rd, rn, rm]),
      row('umin', p('011011'), [rd, rn, rm]),
    ]),
  ];
});

const dp2x = [
  ...group({ cls: 'dp_2src', feature: 'pauth' }, [
    row('pacga', '1 0 0 11010110 Rm:5 001100 Rn:5 Rd:5', [X('Rd'), X('Rn'), Xsp('Rm')]),
  ]),
  ...group({ cls: 'dp_2src', feature: 'mte' }, [
    row('subp', '1 0 0 11010110 Rm:5 000000 Rn:5 Rd:5', [X('Rd'), Xsp('Rn'), Xsp('Rm')]),
    row('cmpp', '1 0 1 11010110 Rm:5 000000 Rn:5 Rd=11111', [Xsp('Rn'), Xsp('Rm')], { aliasOf: 'subps' }),
    row('subps', '1 0 1 11010110 Rm:5 000000 Rn:5 Rd:5', [X('Rd'), Xsp('Rn'), Xsp('Rm')]),
    row('irg', '1 0 0 11010110 Rm:5 000100 Rn:5 Rd:5', [Xsp('Rd'), Xsp('Rn'), XOptional('Rm', 31)]),
    row('gmi', '1 0 0 11010110 Rm:5 000101 Rn:5 Rd:5', [X('Rd'), Xsp('Rn'), X('Rm')]),
  ]),
];

// --- data processing (3 source) -----------------------------------------------------------------

const dp3 = group({ cls: 'dp_3src' }, [
  ...SF.flatMap((sf) => {
    const p = (o0: string, ra = 'Ra:5') => `${sf} 00 11011 000 Rm:5 ${o0} ${ra} Rn:5 Rd:5`;
    const rd = R('Rd', sf);
    const rn = R('Rn', sf);
    const rm = R('Rm', sf);
    return [
      row('mul', p('0', 'Ra=11111'), [rd, rn, rm], { aliasOf: 'madd' }),
      row('madd', p('0'), [rd, rn, rm, R('Ra', sf)]),
      row('mneg', p('1', 'Ra=11111'), [rd, rn, rm], { aliasOf: 'msub' }),
      row('msub', p('1'), [rd, rn, rm, R('Ra', sf)]),
    ];
  }),
  ...(['s', 'u'] as const).flatMap((u) => {
    const p = (o0: string, ra = 'Ra:5') => `1 00 11011 ${u === 's' ? '001' : '101'} Rm:5 ${o0} ${ra} Rn:5 Rd:5`;
    const ops = [X('Rd'), W('Rn'), W('Rm')];
    return [
      row(`${u}mull`, p('0', 'Ra=11111'), ops, { aliasOf: `${u}maddl` }),
      row(`${u}maddl`, p('0'), [...ops, X('Ra')]),
      row(`${u}mnegl`, p('1', 'Ra=11111'), ops, { aliasOf: `${u}msubl` }),
      row(`${u}msubl`, p('1'), [...ops, X('Ra')]),
      row(`${u}mulh`, `1 00 11011 ${u === 's' ? '010' : '110'} Rm:5 0 Ra:5 Rn:5 Rd:5`, [X('Rd'), X('Rn'), X('Rm'), Fill('Ra', 31)]),
    ];
  }),
]);

// --- from the immediate space: min/max immediate (CSSC), add/sub immediate with tags (MTE) -------

const minmaxImm = group({ cls: 'minmax_imm', feature: 'cssc' }, SF.flatMap((sf) => {
  const p = (opc: string) => `${sf} 0 0 100011 1 ${opc} imm8:8 Rn:5 Rd:5`;
  const rd = R('Rd', sf);
  const rn = R('Rn', sf);
  return [
    row('smax', p('0000'), [rd, rn, ImmNotReg(Imm('imm8', { signed: true }))]),
    row('umax', p('0001'), [rd, rn, ImmNotReg(Imm('imm8'))]),
    row('smin', p('0010'), [rd, rn, ImmNotReg(Imm('imm8', { signed: true }))]),
    row('umin', p('0011'), [rd, rn, ImmNotReg(Imm('imm8'))]),
  ];
}));

const addsubTag = group({ cls: 'addsub_immtag', feature: 'mte' }, [
  ...(['addg', 'subg'] as const).map((m, op) =>
    row(m, `1 ${op} 0 100011 0 uimm6:6 00 uimm4:4 Rn:5 Rd:5`, [
      Xsp('Rd'), Xsp('Rn'), Imm('uimm6', { scale: 16, hex: true }), Imm('uimm4', { hex: true }),
    ])),
]);

// bicImm before logShift, minmaxImm before dp2: the encoder tries the #imm forms first (see ImmNotReg)
export const DP_REG: RowSpec[] = [
  ...bicImm, ...logShift, ...addsubShift, ...addsubExt, ...addsubCarry, ...flagm, ...condCmp, ...condSel,
  ...dp1, ...pauth1, ...minmaxImm, ...dp2, ...dp2x, ...dp3, ...addsubTag,
];
