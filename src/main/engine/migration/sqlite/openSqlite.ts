import { readFile, stat } from 'node:fs/promises'
import type { Database, SqlValue } from 'sql.js'
import { loadSqlJs } from './sqlJs'
import { SourceError } from '../types'

/** Every SQLite 3 database file starts with these 16 bytes. */
const SQLITE_HEADER = 'SQLite format 3\u0000'

export const hasSqliteHeader = (head: Uint8Array): boolean =>
  head.length >= 16 && Buffer.from(head.subarray(0, 16)).toString('latin1') === SQLITE_HEADER

/** sql.js holds the whole database in memory; beyond this size we refuse rather than exhaust it. */
export const MAX_SQLITE_BYTES = 2 * 1024 ** 3

/**
 * Opens a SQLite file read-only (sql.js works on a copy of its bytes in memory). Refuses, with a reason, a file
 * that is not SQLite, one another program is writing (a non-empty `-wal`, whose rows sql.js cannot see, or a hot
 * `-journal`), and a damaged one (`PRAGMA quick_check`).
 */
export async function openSqliteFile(path: string): Promise<Database> {
  const info = await stat(path)
  if (info.size > MAX_SQLITE_BYTES)
    throw new SourceError(path, `the database is ${info.size} bytes; at most ${MAX_SQLITE_BYTES} can be read`)
  const bytes = await readFile(path)
  if (!hasSqliteHeader(bytes)) throw new SourceError(path, 'not a SQLite database (no SQLite header)')
  for (const [suffix, what] of [
    ['-wal', 'a write-ahead log with changes not yet in the database file'],
    ['-journal', 'a rollback journal of an unfinished write'],
  ]) {
    const side = await stat(path + suffix).catch(() => null)
    if (side !== null && side.size > 0) {
      throw new SourceError(
        path,
        `the database is in use or was not closed cleanly: ${path + suffix} holds ${what}; ` +
          'close the program using it (or open and close it once with sqlite3) and try again',
      )
    }
  }
  const SQL = await loadSqlJs()
  let db: Database
  try {
    db = new SQL.Database(bytes)
  } catch (error) {
    throw new SourceError(path, `SQLite could not open it: ${messageOf(error)}`)
  }
  try {
    const check = db.exec('PRAGMA quick_check')
    const verdict = check[0]?.values.map((row) => String(row[0])) ?? []
    if (verdict.length !== 1 || verdict[0] !== 'ok')
      throw new Error(verdict.slice(0, 3).join('; ') || 'integrity check gave no answer')
  } catch (error) {
    db.close()
    throw new SourceError(path, `the database is damaged: ${messageOf(error)}`)
  }
  return db
}

/** Column names of each table (lower-cased table names). */
export function tableColumns(db: Database): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>()
  const names = db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values ?? []
  for (const [name] of names) {
    const table = String(name)
    const columns = db.exec(`PRAGMA table_info(${quoteIdentifier(table)})`)[0]?.values ?? []
    tables.set(table.toLowerCase(), new Set(columns.map((column) => String(column[1]).toLowerCase())))
  }
  return tables
}

export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`

/** Runs `sql` and hands each row to `visit` as an object, one at a time (no full result set in memory). */
export function eachRow(
  db: Database,
  sql: string,
  params: SqlValue[],
  visit: (row: Record<string, SqlValue>) => void,
): void {
  const query = preparedQuery(db, sql)
  try {
    query.each(params, visit)
  } finally {
    query.free()
  }
}

export interface PreparedQuery {
  each(params: SqlValue[], visit: (row: Record<string, SqlValue>) => void): void
  free(): void
}

/** A statement prepared once and run many times (one per session), rows handed over one at a time. */
export function preparedQuery(db: Database, sql: string): PreparedQuery {
  const statement = db.prepare(sql)
  // getAsObject asks for the column names on every row, which costs more than the row itself.
  const columns = statement.getColumnNames()
  return {
    each(params, visit) {
      statement.bind(params)
      try {
        while (statement.step()) {
          const values = statement.get()
          const row: Record<string, SqlValue> = {}
          for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i]
          visit(row)
        }
      } finally {
        statement.reset()
      }
    },
    free: () => statement.free(),
  }
}

export function scalar(db: Database, sql: string, params: SqlValue[] = []): SqlValue {
  return db.exec(sql, params)[0]?.values[0]?.[0] ?? null
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
