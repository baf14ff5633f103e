// The preprocessor's macro table. Every identifier of every line is a possible macro use; most
// are mnemonics and registers, and asking the Map means cutting each out as a string first. A
// filter on (first character, last character, length) answers "no macro by that name" for most
// of them from the text itself. Deleted names keep their filter entry (a false "maybe" only).

const SHAPES = 1 << 16;

/** The filter slot of the identifier text[start, end). */
const shape = (text: string, start: number, end: number): number => ((text.charCodeAt(start) * 31 + text.charCodeAt(end - 1)) * 31 + (end - start)) & (SHAPES - 1);

export class MacroTable<V> extends Map<string, V> {
  /** One bit per slot. */
  private readonly shapes = new Uint32Array(SHAPES / 32);

  // (no entries through the constructor: Map's would call set() before the filter exists)
  constructor() {
    super();
  }

  override set(name: string, value: V): this {
    if (name.length) {
      const k = shape(name, 0, name.length);
      this.shapes[k >>> 5] |= 1 << (k & 31);
    }
    return super.set(name, value);
  }

  override clear(): void {
    this.shapes.fill(0);
    super.clear();
  }

  /** Whether a macro may be named text[start, end) (false: certainly none; start < end). */
  mayName(text: string, start: number, end: number): boolean {
    const k = shape(text, start, end);
    return (this.shapes[k >>> 5] & (1 << (k & 31))) !== 0;
  }
}
