// Complex rotations (AdvSIMD and SVE fcmla, SVE cmla, cdot, sqrdcmlah: `#0/#90/#180/#270` from a
// 2-bit field; fcadd, cadd, sqcadd: `#90/#270` from one bit): immediates chosen from a short list by
// a field (ImmChoice).
import { OperandSpec } from './operand';
import { ImmChoice } from './imm';

const ROT4 = [0, 90, 180, 270] as const;
const ROT2 = [90, 270] as const;

/** `#0|#90|#180|#270` from a 2-bit field. */
export const Rot = (f: string | readonly string[] = 'rot'): OperandSpec => ImmChoice(f, ROT4);

/** `#90|#270` from a 1-bit field. */
export const RotOdd = (f: string | readonly string[] = 'rot'): OperandSpec => ImmChoice(f, ROT2);
