/**
 * Python's `repr(float)` as `json.dumps` writes it: the shortest digits that round-trip (JS and CPython agree on
 * them), fixed notation while the decimal exponent is in [-4, 16), exponent form otherwise (`1e+16`, `1e-05`,
 * `1.5e-07`), `.0` on integral values, and `NaN` / `Infinity` / `-Infinity`.
 */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (n === Number.POSITIVE_INFINITY) return 'Infinity'
  if (n === Number.NEGATIVE_INFINITY) return '-Infinity'
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0'

  const sign = n < 0 ? '-' : ''
  // toExponential() without an argument yields the shortest round-trip digits: "d.ddde±x".
  const exp = Math.abs(n).toExponential()
  const ePos = exp.indexOf('e')
  const digits = exp.charCodeAt(1) === 0x2e ? exp[0] + exp.slice(2, ePos) : exp.slice(0, ePos)
  const decimalExponent = Number(exp.slice(ePos + 1))
  // Python's decpt: the value is 0.DIGITS × 10^decpt.
  const decpt = decimalExponent + 1

  if (decpt <= -4 || decpt > 16) {
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`
    const e = Math.abs(decimalExponent)
    return `${sign}${mantissa}e${decimalExponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`
  if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`
}

const MAX_EXACT_INTEGER = 2 ** 53

/**
 * Whether a plain JS number stands for a Python `int`: integral, exactly representable and not -0. The parser
 * keeps every other integer as a PyNumber, so a plain number outside this range came from a float literal.
 */
export const isPyIntNumber = (n: number): boolean =>
  Number.isInteger(n) && Math.abs(n) < MAX_EXACT_INTEGER && !Object.is(n, -0)

/** How a JS number is written: an integer when it is one that Python would have held as `int`, else a float repr. */
export function formatJsNumber(n: number): string {
  return isPyIntNumber(n) ? String(n) : pyFloatRepr(n)
}
