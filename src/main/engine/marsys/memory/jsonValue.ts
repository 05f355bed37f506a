/**
 * Values a MARSYS message can hold: JSON as Python's `json` module sees it. Loaded files use the lossless
 * PyNumber / PyObject forms so that saving writes the same bytes; code may use plain JS data.
 */
import { dumpPyJson, PyNumber, type PyObject } from '../../../../shared/pyjson'
import { asPythonData } from '../../../../shared/tokens/pythonData'

export type JsonValue =
  string | number | boolean | null | PyNumber | PyObject | JsonValue[] | { [key: string]: JsonValue }

/** `json.dumps(value, ensure_ascii=False, separators=(",", ":"))`, what MARSYS turns dict content into. */
export const compactJson = (value: unknown): string =>
  dumpPyJson(asPythonData(value), { separators: [',', ':'], ensureAscii: false })

/** Python's type name, for error messages that read like MARSYS's. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType'
  if (typeof value === 'string') return 'str'
  if (typeof value === 'boolean') return 'bool'
  if (Array.isArray(value)) return 'list'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float'
  if (value instanceof PyNumber) return value.isFloat ? 'float' : 'int'
  if (typeof value === 'object') return 'dict'
  return typeof value
}
