// Complex rotations of the SVE complex arithmetic (cmla, cdot, sqrdcmlah, fcmla: `#0/#90/#180/#270`
// from a 2-bit field; cadd, sqcadd, fcadd: `#90/#270` from one bit). They are immediates chosen from
// a short list by a field, which the AdvSIMD rows' ImmChoice already is (fcmla/fcadd there).
import { OperandSpec } from './operand';
import { ImmChoice } from './imm';

const ROT4 = [0, 90, 180, 270] as const;
const ROT2 = [90, 270] as const;

/** `#0|#90|#180|#270` from a 2-bit field. */
export const Rot = (f: string | readonly string[] = 'rot'): OperandSpec => ImmChoice(f, ROT4);

/** `#90|#270` from a 1-bit field. */
export const RotOdd = (f: string | readonly string[] = 'rot'): OperandSpec => ImmChoice(f, ROT2);
