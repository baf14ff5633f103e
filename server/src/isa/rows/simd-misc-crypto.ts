// Cryptographic extensions: AES, SHA1/SHA256 (three- and two-register), SHA512, SHA3 (eor3, rax1,
// xar, bcax), SM3 and SM4.
import { Imm } from '../operands/imm';
import { Fp } from '../operands/fpreg';
import { VFix } from '../operands/vreg';
import { VElem } from '../operands/velem';
import { RowSpec, group, row } from '../table';

const V16B = (r: string) => VFix(r, '16b');
const V4S = (r: string) => VFix(r, '4s');
const V2D = (r: string) => VFix(r, '2d');

const aes = group({ cls: 'cryptoaes', feature: 'crypto' }, [
  ...([['00100', 'aese'], ['00101', 'aesd'], ['00110', 'aesmc'], ['00111', 'aesimc']] as const).map(([opc, m]) =>
    row(m, `01001110 00 10100 ${opc} 10 Rn:5 Rd:5`, [V16B('Rd'), V16B('Rn')]),
  ),
]);

const sha3reg = group({ cls: 'cryptosha3', feature: 'crypto' }, [
  row('sha1c', '01011110 00 0 Rm:5 0 000 00 Rn:5 Rd:5', [Fp('q', 'Rd'), Fp('s', 'Rn'), V4S('Rm')]),
  row('sha1p', '01011110 00 0 Rm:5 0 001 00 Rn:5 Rd:5', [Fp('q', 'Rd'), Fp('s', 'Rn'), V4S('Rm')]),
  row('sha1m', '01011110 00 0 Rm:5 0 010 00 Rn:5 Rd:5', [Fp('q', 'Rd'), Fp('s', 'Rn'), V4S('Rm')]),
  row('sha1su0', '01011110 00 0 Rm:5 0 011 00 Rn:5 Rd:5', [V4S('Rd'), V4S('Rn'), V4S('Rm')]),
  row('sha256h', '01011110 00 0 Rm:5 0 100 00 Rn:5 Rd:5', [Fp('q', 'Rd'), Fp('q', 'Rn'), V4S('Rm')]),
  row('sha256h2', '01011110 00 0 Rm:5 0 101 00 Rn:5 Rd:5', [Fp('q', 'Rd'), Fp('q', 'Rn'), V4S('Rm')]),
  row('sha256su1', '01011110 00 0 Rm:5 0 110 00 Rn:5 Rd:5', [V4S('Rd'), V4S('Rn'), V4S('Rm')]),
]);

const sha2reg = group({ cls: 'cryptosha2', feature: 'crypto' }, [
  row('sha1h', '01011110 00 10100 00000 10 Rn:5 Rd:5', [Fp('s', 'Rd'), Fp('s', 'Rn')]),
  row('sha1su1', '01011110 00 10100 00001 10 Rn:5 Rd:5', [V4S('Rd'), V4S('Rn')]),
  row('sha256su0', '01011110 00 10100 00010 10 Rn:5 Rd:5', [V4S('Rd'), V4S('Rn')]),
]);

const sha512 = group({ cls: 'cryptosha512_3', feature: 'sha3' }, [
  row('sha512h', '11001110 011 Rm:5 1 0 00 00 Rn:5 Rd:5', [Fp('q', 'Rd'), Fp('q', 'Rn'), V2D('Rm')]),
  row('sha512h2', '11001110 011 Rm:5 1 0 00 01 Rn:5 Rd:5', [Fp('q', 'Rd'), Fp('q', 'Rn'), V2D('Rm')]),
  row('sha512su1', '11001110 011 Rm:5 1 0 00 10 Rn:5 Rd:5', [V2D('Rd'), V2D('Rn'), V2D('Rm')]),
  row('rax1', '11001110 011 Rm:5 1 0 00 11 Rn:5 Rd:5', [V2D('Rd'), V2D('Rn'), V2D('Rm')]),
  row('sm3partw1', '11001110 011 Rm:5 1 1 00 00 Rn:5 Rd:5', [V4S('Rd'), V4S('Rn'), V4S('Rm')], { feature: 'sm4' }),
  row('sm3partw2', '11001110 011 Rm:5 1 1 00 01 Rn:5 Rd:5', [V4S('Rd'), V4S('Rn'), V4S('Rm')], { feature: 'sm4' }),
  row('sm4ekey', '11001110 011 Rm:5 1 1 00 10 Rn:5 Rd:5', [V4S('Rd'), V4S('Rn'), V4S('Rm')], { feature: 'sm4' }),
]);

const sha512two = group({ cls: 'cryptosha512_2', feature: 'sha3' }, [
  row('sha512su0', '11001110 110 00000 1000 00 Rn:5 Rd:5', [V2D('Rd'), V2D('Rn')]),
  row('sm4e', '11001110 110 00000 1000 01 Rn:5 Rd:5', [V4S('Rd'), V4S('Rn')], { feature: 'sm4' }),
]);

const four = group({ cls: 'crypto4', feature: 'sha3' }, [
  row('eor3', '11001110 0 00 Rm:5 0 Ra:5 Rn:5 Rd:5', [V16B('Rd'), V16B('Rn'), V16B('Rm'), V16B('Ra')]),
  row('bcax', '11001110 0 01 Rm:5 0 Ra:5 Rn:5 Rd:5', [V16B('Rd'), V16B('Rn'), V16B('Rm'), V16B('Ra')]),
  row('sm3ss1', '11001110 0 10 Rm:5 0 Ra:5 Rn:5 Rd:5', [V4S('Rd'), V4S('Rn'), V4S('Rm'), V4S('Ra')], { feature: 'sm4' }),
]);

const xar = group({ cls: 'cryptoxar', feature: 'sha3' }, [
  row('xar', '11001110 100 Rm:5 imm6:6 Rn:5 Rd:5', [V2D('Rd'), V2D('Rn'), V2D('Rm'), Imm('imm6')]),
]);

const sm3tt = group({ cls: 'cryptosm3tt', feature: 'sm4' }, [
  ...([['00', 'sm3tt1a'], ['01', 'sm3tt1b'], ['10', 'sm3tt2a'], ['11', 'sm3tt2b']] as const).map(([opc, m]) =>
    row(m, `11001110 010 Rm:5 10 imm2:2 ${opc} Rn:5 Rd:5`, [V4S('Rd'), V4S('Rn'), VElem('Rm', 's', 'imm2')]),
  ),
]);

export const SIMD_MISC_CRYPTO: RowSpec[] = [...aes, ...sha3reg, ...sha2reg, ...sha512, ...sha512two, ...four, ...xar, ...sm3tt];
