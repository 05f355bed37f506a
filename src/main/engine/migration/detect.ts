import { open, readdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parsePyJson, PyObject } from '../../../shared/pyjson'
import { notARegularFile } from '../fs/regularFile'
import { decodeMemoryFile } from '../marsys/memory/memoryFile'
import { BACKUP_FORMAT } from './backup'
import { hasSqliteHeader, openSqliteFile, tableColumns } from './sqlite/openSqlite'
import { BackupSource } from './sources/backupSource'
import { LangswarmV2SqliteSource, V2_SCHEMA } from './sources/langswarmV2Sqlite'
import { MarsysFilesSource } from './sources/marsysSource'
import { V1AdapterSqliteSource, V1_ADAPTER_SCHEMA } from './sources/v1AdapterSqlite'
import { V1SessionSqliteSource, V1_SESSION_SCHEMA } from './sources/v1SessionSqlite'
import {
  SourceError,
  type MigrationIssue,
  type MigrationSource,
  type ReadOptions,
  type SourceKind,
} from './types'

export interface DetectedSources {
  sources: MigrationSource[]
  /** Paths that could not be used, with the reason. */
  issues: MigrationIssue[]
}

/** A folder walk never follows more entries than this (a safety bound for a mistaken `/`). */
const MAX_FOLDER_FILES = 100_000

/**
 * Opens each path as a source, deciding what it is from its content: the SQLite header and then the tables, or
 * the JSON top level (a backup's `format`, a MARSYS file's `memory_type` / `messages`). A folder contributes its
 * MARSYS files as one source and each database or backup inside it as its own; other files in it are ignored,
 * except JSON that is neither, which is reported.
 */
export async function detectSources(
  paths: readonly string[],
  options: ReadOptions = {},
): Promise<DetectedSources> {
  const result: DetectedSources = { sources: [], issues: [] }
  for (const raw of paths) {
    const path = resolve(raw)
    try {
      const info = await stat(path)
      if (info.isDirectory()) await detectFolder(path, options, result)
      else {
        // Opening a FIFO would wait for a writer for ever; a folder walk only lists regular files.
        const refused = notARegularFile(info)
        if (refused !== undefined) throw new SourceError(path, `it is ${refused}`)
        result.sources.push(await detectFile(path, options))
      }
    } catch (error) {
      result.issues.push({ source: path, error: describeSourceError(error) })
    }
  }
  return result
}

async function detectFolder(folder: string, options: ReadOptions, result: DetectedSources): Promise<void> {
  const marsysFiles: string[] = []
  for (const file of await listFiles(folder)) {
    const kind = await sniff(file).catch(() => null)
    if (kind === null) continue
    try {
      if (kind === 'json') {
        const detected = await detectJson(file)
        if (detected === 'marsys_file') marsysFiles.push(file)
        else result.sources.push(new BackupSource(file))
      } else result.sources.push(await detectFile(file, options))
    } catch (error) {
      result.issues.push({ source: folder, location: file, error: describeSourceError(error) })
    }
  }
  if (marsysFiles.length > 0)
    result.sources.push(new MarsysFilesSource('marsys_folder', folder, marsysFiles, options))
  else if (result.sources.length === 0)
    result.issues.push({
      source: folder,
      error: 'the folder holds no MARSYS memory file, database or backup',
    })
}

async function listFiles(folder: string): Promise<string[]> {
  const files: string[] = []
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (files.length >= MAX_FOLDER_FILES)
        throw new SourceError(folder, `more than ${MAX_FOLDER_FILES} files`)
      const full = join(dir, entry.name)
      if (entry.isDirectory()) await walk(full)
      else if (entry.isFile()) files.push(full)
    }
  }
  await walk(folder)
  return files
}

/** `sqlite` or `json` from the first bytes, null for anything else. */
async function sniff(file: string): Promise<'sqlite' | 'json' | null> {
  const handle = await open(file, 'r')
  try {
    const head = new Uint8Array(64)
    const { bytesRead } = await handle.read(head, 0, 64, 0)
    const bytes = head.subarray(0, bytesRead)
    if (hasSqliteHeader(bytes)) return 'sqlite'
    const text = Buffer.from(bytes).toString('utf8').trimStart()
    return text.startsWith('{') ? 'json' : null
  } finally {
    await handle.close()
  }
}

export async function detectFile(path: string, options: ReadOptions): Promise<MigrationSource> {
  const kind = await sniff(path)
  if (kind === 'sqlite') return detectSqlite(path, options)
  if (kind === null)
    throw new SourceError(
      path,
      'not a SQLite database, a MARSYS memory file or a backup (unrecognised content)',
    )
  const detected = await detectJson(path)
  if (detected === 'backup') return new BackupSource(path)
  return new MarsysFilesSource('marsys_file', path, [path], options)
}

async function detectJson(path: string): Promise<'marsys_file' | 'backup'> {
  const text = decodeMemoryFile(await readFile(path), path)
  let data: unknown
  try {
    data = parsePyJson(text)
  } catch (error) {
    throw new SourceError(path, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!(data instanceof PyObject)) throw new SourceError(path, 'JSON, but not an object')
  if (data.get('format') === BACKUP_FORMAT) return 'backup'
  if (data.has('memory_type') || data.has('messages')) return 'marsys_file'
  throw new SourceError(
    path,
    'JSON, but neither a MARSYS memory file (no memory_type or messages) nor a backup',
  )
}

async function detectSqlite(path: string, options: ReadOptions): Promise<MigrationSource> {
  const db = await openSqliteFile(path)
  try {
    const tables = tableColumns(db)
    const kind = classifyTables(tables)
    if (kind === 'langswarm_v2_sqlite') return new LangswarmV2SqliteSource(path, db, tables, options)
    if (kind === 'v1_session_sqlite') return new V1SessionSqliteSource(path, db, options)
    if (kind === 'v1_adapter_sqlite') return new V1AdapterSqliteSource(path, db, options)
    const names = [...tables.keys()]
    throw new SourceError(
      path,
      `unknown SQLite schema (tables: ${names.length === 0 ? 'none' : names.join(', ')}); expected langswarm-memory ` +
        'V2 (sessions, messages), V1 sessions (sessions with metadata and history) or V1 memory (memory(key, value, metadata))',
    )
  } catch (error) {
    db.close()
    throw error
  }
}

export function classifyTables(tables: Map<string, Set<string>>): SourceKind | null {
  const has = (schema: Record<string, string[]>): boolean =>
    Object.entries(schema).every(([table, columns]) =>
      columns.every((column) => tables.get(table)?.has(column)),
    )
  if (has(V2_SCHEMA)) return 'langswarm_v2_sqlite'
  if (has(V1_SESSION_SCHEMA)) return 'v1_session_sqlite'
  if (has(V1_ADAPTER_SCHEMA)) return 'v1_adapter_sqlite'
  return null
}

export function describeSourceError(error: unknown): string {
  if (error instanceof SourceError) return error.reason
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (code === 'ENOENT') return 'no such file or folder'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  return error instanceof Error ? error.message : String(error)
}
