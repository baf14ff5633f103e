// Public face of the A64 core: decode/encode words in GNU syntax.
export { decode, decodeText, decodeWords, Decoded, DecodedField, DecodedOperand } from './decode';
export { encode, isEncodeFailure, knownMnemonic, splitInstruction, EncodeResult, EncodeFailure } from './encode';
export { evalExpr, ExprError, SymbolResolver } from './expr';
export { ROWS } from './rows';
