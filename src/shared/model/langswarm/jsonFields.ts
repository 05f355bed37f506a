import { z } from 'zod'
import { ValidationError } from './errors'
import { UtcDateTime } from './utcDateTime'

/** Field readers for `fromDict`: each checks one key and throws a ValidationError naming its JSON path. */

export const jsonObjectSchema = z.record(z.string(), z.unknown())
export type JsonObject = z.infer<typeof jsonObjectSchema>

export const isPlainObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function expectObject(value: unknown, path: string): JsonObject {
  if (!isPlainObject(value)) throw new ValidationError(`${path} must be an object`, { path })
  return value
}

export function requireKey(data: JsonObject, key: string, path: string): unknown {
  if (!(key in data) || data[key] === undefined) {
    throw new ValidationError(`${path}.${key} is required`, { path: `${path}.${key}` })
  }
  return data[key]
}

export function readString(data: JsonObject, key: string, path: string): string {
  const value = requireKey(data, key, path)
  if (typeof value !== 'string')
    throw new ValidationError(`${path}.${key} must be a string`, { path: `${path}.${key}` })
  return value
}

export function readOptionalString(data: JsonObject, key: string, path: string): string | null {
  const value = data[key]
  if (value === undefined || value === null) return null
  if (typeof value !== 'string')
    throw new ValidationError(`${path}.${key} must be a string or null`, { path: `${path}.${key}` })
  return value
}

export function readDateTime(data: JsonObject, key: string, path: string): UtcDateTime {
  const value = readString(data, key, path)
  return UtcDateTime.parse(value, `${path}.${key}`)
}

export function readOptionalDateTime(data: JsonObject, key: string, path: string): UtcDateTime | null {
  const value = readOptionalString(data, key, path)
  return value === null || value === '' ? null : UtcDateTime.parse(value, `${path}.${key}`)
}

export function readInteger(value: unknown, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ValidationError(`${path} must be an integer ≥ ${min}`, { path })
  }
  return value
}

export function readBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new ValidationError(`${path} must be a boolean`, { path })
  return value
}

export function readStringArray(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new ValidationError(`${path} must be an array of strings`, { path })
  }
  return [...(value as string[])]
}

/** Deep copy of JSON data; throws a ValidationError for values JSON cannot hold (cycles, BigInt). */
export function cloneJson<T>(value: T, path: string): T {
  try {
    return JSON.parse(JSON.stringify(value)) as T
  } catch (error) {
    throw new ValidationError(`${path} must be JSON-serialisable`, { path }, { cause: error })
  }
}
