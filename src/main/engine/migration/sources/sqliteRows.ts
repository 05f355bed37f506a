import { isPlainObject } from '../../../../shared/model/langswarm/jsonFields'
import type { SqlValue } from 'sql.js'
import { type JsonObject } from '../../../../shared/model/langswarm'

/** Readers for SQLite cells: each throws an Error whose message names the column and what is wrong. */

export function textCell(row: Record<string, SqlValue>, column: string): string {
  const value = row[column]
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  throw new Error(`${column} is ${value === null ? 'NULL' : 'not text'}`)
}

export function optionalText(row: Record<string, SqlValue>, column: string): string | null {
  const value = row[column]
  if (value === null || value === undefined || value === '') return null
  return textCell(row, column)
}

export function optionalInteger(row: Record<string, SqlValue>, column: string): number | null {
  const value = row[column]
  if (value === null || value === undefined) return null
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value)
  throw new Error(`${column} is not an integer: ${JSON.stringify(value)}`)
}

/** A JSON column; NULL and '' are `fallback`. */
export function jsonCell(row: Record<string, SqlValue>, column: string, fallback: unknown = null): unknown {
  const value = row[column]
  if (value === null || value === undefined || value === '') return fallback
  if (typeof value !== 'string') throw new Error(`${column} is not JSON text`)
  try {
    return JSON.parse(value)
  } catch (error) {
    throw new Error(`${column} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
}

export function jsonObjectCell(row: Record<string, SqlValue>, column: string): JsonObject | null {
  const value = jsonCell(row, column)
  if (value === null) return null
  if (!isPlainObject(value)) throw new Error(`${column} is JSON but not an object`)
  return value
}

export function jsonListCell(row: Record<string, SqlValue>, column: string): JsonObject[] | null {
  const value = jsonCell(row, column)
  if (value === null) return null
  if (!Array.isArray(value) || !value.every(isPlainObject))
    throw new Error(`${column} is not a list of objects`)
  return value
}
