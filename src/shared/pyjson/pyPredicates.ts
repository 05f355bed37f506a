import { PyNumber } from './pyNumber'
import { PyObject } from './pyObject'

export const isPyObject = (v: unknown): v is PyObject => v instanceof PyObject
export const isPyNumber = (v: unknown): v is PyNumber => v instanceof PyNumber

/** The value as a JS number if it is a number of either kind. */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v
  if (v instanceof PyNumber) return v.valueOf()
  return undefined
}

/** Python truthiness (`bool(x)`), used e.g. for MARSYS's "only if truthy" rules. */
export function isTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false
  if (typeof v === 'string') return v.length > 0
  if (typeof v === 'number') return v !== 0
  if (v instanceof PyNumber) return v.valueOf() !== 0
  if (Array.isArray(v)) return v.length > 0
  if (v instanceof PyObject) return v.size > 0
  if (v instanceof Map) return v.size > 0
  if (typeof v === 'object') return Object.keys(v).length > 0
  return true
}
