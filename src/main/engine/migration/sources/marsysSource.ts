import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { Message, SessionMetadata, UtcDateTime, type JsonObject } from '../../../../shared/model/langswarm'
import {
  dumpPyJson,
  JsonSyntaxError,
  parsePyJson,
  PyNumber,
  PyObject,
  toPlain,
  type PyValue,
} from '../../../../shared/pyjson'
import { MarsysLoadError } from '../../marsys/memory/marsysErrors'
import { decodeMemoryFile } from '../../marsys/memory/memoryFile'
import { checkMessage } from '../../marsys/codec/messageRules'
import { formatJsonPath } from '../../marsys/codec/locatePath'
import { fileSessionId, sha256Hex, stableUuid } from '../identity'
import { messageFromMarsysEntry } from '../marsysMapping'
import { fromEpochSeconds } from '../timestamps'
import type { LossEntry, MigrationSource, ReadOptions, SourceItem, SourceKind, SourceSession } from '../types'

/** `properties.marsys` of a session read from a MARSYS file: what its file-level fields need to come back. */
export interface MarsysSessionProperties {
  memory_type: unknown
  /** The file's `timestamp` exactly as written (a Python float repr), when it had one. */
  timestamp?: string
  /** `additional_state` as JSON data, or as its exact text when plain JSON cannot hold it (NaN, key order…). */
  additional_state?: unknown
  additional_state_json?: string
  /** Top-level keys MARSYS ignores, as their JSON text. */
  extra_json?: string
  file_name: string
}

const TOP_LEVEL_KEYS = new Set(['memory_type', 'messages', 'timestamp', 'additional_state'])

/** One or more MARSYS memory files (a folder source lists its files); each file becomes one session. */
export class MarsysFilesSource implements MigrationSource {
  constructor(
    readonly kind: SourceKind,
    readonly path: string,
    private readonly files: readonly string[],
    private readonly options: ReadOptions,
  ) {}

  async count(): Promise<{ sessions: number; messages: number }> {
    let messages = 0
    let sessions = 0
    for (const file of this.files) {
      try {
        const text = decodeMemoryFile(await readFile(file), file)
        messages += countMessages(text)
        sessions++
      } catch {
        // reported when the file is read for real
      }
    }
    return { sessions, messages }
  }

  async *items(): AsyncIterable<SourceItem> {
    for (const file of this.files) {
      try {
        yield { type: 'session', session: await readMarsysFile(file, this.options) }
      } catch (error) {
        yield { type: 'error', issue: { source: this.path, location: file, error: describe(error) } }
      }
    }
  }

  close(): void {}
}

/** A cheap message count for progress: the number of entries in `messages`. */
function countMessages(text: string): number {
  try {
    const data = parsePyJson(text)
    const messages = data instanceof PyObject ? data.get('messages') : undefined
    return Array.isArray(messages) ? messages.length : 0
  } catch {
    return 0
  }
}

export async function readMarsysFile(file: string, options: ReadOptions): Promise<SourceSession> {
  const bytes = await readFile(file)
  const data = parseDocument(decodeMemoryFile(bytes, file), file)
  const hash = sha256Hex(bytes)
  const sourceKey = `marsys:sha256:${hash}`
  const rawTimestamp = data.get('timestamp')
  const savedAt = asSeconds(rawTimestamp)
  const base = savedAt === null ? (options.now ?? UtcDateTime.now)() : fromEpochSeconds(savedAt)
  const memoryType = data.get('memory_type')
  const losses: LossEntry[] = []
  const notes: LossEntry[] = []

  const entries = data.get('messages')
  const list = Array.isArray(entries) ? entries : []
  if (entries !== undefined && !Array.isArray(entries))
    losses.push({
      field: 'messages',
      count: 1,
      reason: `messages is not a list; MARSYS loads nothing from it`,
    })
  const messages: Message[] = []
  let skipped = 0
  list.forEach((entry, index) => {
    if (!(entry instanceof PyObject)) {
      skipped++
      return
    }
    // MARSYS's loader rules: a file it would refuse is refused here too, saying where.
    const problem = checkMessage(toPlain(entry) as Parameters<typeof checkMessage>[0]).find(
      (p) => p.severity === 'error',
    )
    if (problem !== undefined)
      throw new MarsysLoadError(problem.message, {
        filePath: file,
        jsonPath: formatJsonPath(['messages', index, ...problem.path]),
      })
    messages.push(
      messageFromMarsysEntry(entry, {
        timestamp: base.plusMilliseconds(index / 1000),
        messageId: stableUuid(`${sourceKey}#${index}`),
        memoryType: typeof memoryType === 'string' ? memoryType : null,
      }),
    )
  })
  if (skipped > 0)
    losses.push({
      field: 'messages',
      count: skipped,
      reason: 'entries that are not objects (MARSYS skips them)',
    })
  if (messages.length > 0)
    notes.push({
      field: 'timestamp',
      count: messages.length,
      reason:
        savedAt === null
          ? 'MARSYS messages carry no time and the file has no timestamp: set to the migration time'
          : "MARSYS messages carry no time: set to the file's save time, a microsecond apart to keep their order",
    })

  const marsys: MarsysSessionProperties = {
    memory_type: toPlain(memoryType ?? null),
    file_name: basename(file),
  }
  if (rawTimestamp !== undefined) marsys.timestamp = dumpPyJson(rawTimestamp)
  const state = data.get('additional_state')
  if (state !== undefined && state !== null) Object.assign(marsys, plainOrText('additional_state', state))
  const extra = new PyObject(data.entries.filter(([key]) => !TOP_LEVEL_KEYS.has(key)))
  if (extra.size > 0) marsys.extra_json = dumpPyJson(extra)

  const metadata = new SessionMetadata({
    session_id: fileSessionId('marsys', basename(file), hash),
    user_id: options.defaultUserId ?? null,
    created_at: base,
    updated_at: base,
    // The store trims on the next add beyond max_messages; a migrated file keeps all its messages.
    max_messages: Math.max(100, messages.length),
    properties: { marsys: marsys as unknown as JsonObject },
  })
  return {
    sourceKey,
    location: file,
    metadata,
    messages,
    summaries: [],
    currentSummaryId: null,
    losses,
    notes,
  }
}

function parseDocument(text: string, file: string): PyObject {
  let data: PyValue
  try {
    data = parsePyJson(text)
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error
    throw new MarsysLoadError(`invalid JSON: expected ${error.expected} but found ${error.found}`, {
      filePath: file,
      jsonPath: '$',
      line: error.line,
      column: error.column,
    })
  }
  if (!(data instanceof PyObject))
    throw new MarsysLoadError('the top level is not an object', { filePath: file, jsonPath: '$' })
  const messages = data.get('messages')
  if (
    messages !== undefined &&
    (messages === null ||
      typeof messages === 'number' ||
      typeof messages === 'boolean' ||
      messages instanceof PyNumber)
  )
    throw new MarsysLoadError('messages is not iterable', { filePath: file, jsonPath: '$.messages' })
  return data
}

/** `{key: value}` when plain JSON holds the value exactly, else `{key_json: its text}`. */
function plainOrText(key: string, value: PyValue): Record<string, unknown> {
  const plain = toPlain(value)
  let exact = false
  try {
    exact = dumpPyJson(JSON.parse(JSON.stringify(plain)) as PyValue) === dumpPyJson(value)
  } catch {
    exact = false
  }
  return exact ? { [key]: plain } : { [`${key}_json`]: dumpPyJson(value) }
}

function asSeconds(value: PyValue | undefined): number | null {
  const n = value instanceof PyNumber ? value.valueOf() : typeof value === 'number' ? value : null
  return n !== null && Number.isFinite(n) && n > 0 && n < 253402300800 ? n : null
}

function describe(error: unknown): string {
  if (error instanceof MarsysLoadError) return error.message
  return error instanceof Error ? error.message : String(error)
}
