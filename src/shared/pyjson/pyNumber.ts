/**
 * A JSON number kept as its exact source text, so `5.0`, `1e+16`, big integers and Python's `NaN` / `Infinity` /
 * `-Infinity` are written back byte for byte. Arithmetic sees it through `valueOf()`.
 */
export class PyNumber {
  constructor(readonly raw: string) {}

  valueOf(): number {
    switch (this.raw) {
      case 'NaN':
        return Number.NaN
      case 'Infinity':
        return Number.POSITIVE_INFINITY
      case '-Infinity':
        return Number.NEGATIVE_INFINITY
      default:
        return Number(this.raw)
    }
  }

  toString(): string {
    return this.raw
  }

  toJSON(): number {
    return this.valueOf()
  }

  /** True for the text of a Python float (`.`, exponent, NaN or an infinity); false for an integer. */
  get isFloat(): boolean {
    const raw = this.raw
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i)
      // '.', 'e', 'E', 'N' (NaN), 'I' (Infinity)
      if (c === 0x2e || c === 0x65 || c === 0x45 || c === 0x4e || c === 0x49) return true
    }
    return false
  }
}
