import { isPlainObject } from '../../../../shared/model/langswarm/jsonFields'
import { basename } from 'node:path'
import type { Database } from 'sql.js'
import {
  Message,
  MessageRole,
  SessionMetadata,
  UtcDateTime,
  type JsonObject,
} from '../../../../shared/model/langswarm'
import {
  databaseSessionKey,
  fileSessionId,
  legacyDatabaseSessionKey,
  sha256Hex,
  stableUuid,
} from '../identity'
import { parsePyLiteral, PyLiteralError } from '../pyLiteral'
import { eachRow, scalar } from '../sqlite/openSqlite'
import type { MigrationSource, ReadOptions, SourceItem, SourceSession } from '../types'
import { TimeNotes } from '../timestamps'
import { textCell } from './sqliteRows'

/** V1's `SQLiteAdapter` table (spec §11.3 A). */
export const V1_ADAPTER_SCHEMA = { memory: ['key', 'value', 'metadata'] }

/** The group of documents that name no session. */
const FILE_GROUP = '\u0000file'

interface Group {
  sessionId: string
  sourceKey: string
  legacySourceKey: string
  messages: { message: Message; order: number }[]
  naive: TimeNotes
  untimed: number
  bad: number
}

/**
 * V1 RAG memory (`memory(key, value, metadata)`, metadata a Python `repr`, parsed as a literal — never
 * evaluated). Documents are grouped into sessions by `metadata.session_id` (or the turn's own `session_id`),
 * the rest into one session per file. A V1 conversation turn (`value` is JSON with `user_input` /
 * `agent_response`) becomes a user and an assistant message; any other document one message (role
 * `documentRole`). The key and the whole metadata dict stay in each message's `metadata`.
 */
export class V1AdapterSqliteSource implements MigrationSource {
  readonly kind = 'v1_adapter_sqlite' as const

  constructor(
    readonly path: string,
    private readonly db: Database,
    private readonly options: ReadOptions,
  ) {}

  async count(): Promise<{ sessions: number; messages: number }> {
    return { sessions: 0, messages: Number(scalar(this.db, 'SELECT COUNT(*) FROM memory')) }
  }

  async *items(): AsyncIterable<SourceItem> {
    const groups = new Map<string, Group>()
    const problems: SourceItem[] = []
    const now = (this.options.now ?? UtcDateTime.now)()
    eachRow(this.db, 'SELECT rowid AS _rowid, key, value, metadata FROM memory ORDER BY rowid', [], (row) => {
      const rowid = Number(row._rowid)
      const key = typeof row.key === 'string' ? row.key : String(row.key)
      let group: Group | undefined
      try {
        const value = textCell(row, 'value')
        const metadata = readMetadata(row.metadata)
        const turn = asTurn(value)
        const sessionId =
          stringField(metadata, 'session_id') ?? (turn && stringField(turn, 'session_id')) ?? null
        group = groups.get(sessionId ?? FILE_GROUP)
        if (group === undefined) {
          group = this.newGroup(sessionId, `first document ${key}\n${value}`)
          groups.set(sessionId ?? FILE_GROUP, group)
        }
        const current = group
        const timeText = (turn && stringField(turn, 'timestamp')) ?? stringField(metadata, 'timestamp')
        let timestamp = now
        if (timeText === null) current.untimed += turn ? 2 : 1
        else timestamp = current.naive.read(timeText, 'timestamp', this.options)
        const base: JsonObject = { v1_key: key, v1_metadata: metadata }
        const add = (role: MessageRole, content: string, part: number, extra: JsonObject = {}): void => {
          current.messages.push({
            order: rowid * 2 + part,
            message: new Message({
              role,
              content,
              timestamp: timestamp.plusMilliseconds(part / 1000),
              message_id: stableUuid(`${this.path}#${key}#${part}`),
              metadata: { ...base, ...extra },
            }),
          })
        }
        if (turn) {
          const agent = stringField(turn, 'agent_name')
          const extra: JsonObject = agent === null ? {} : { agent_name: agent }
          add(MessageRole.USER, String(turn.user_input ?? ''), 0, { ...extra, v1_turn: 'user_input' })
          add(MessageRole.ASSISTANT, String(turn.agent_response ?? ''), 1, {
            ...extra,
            v1_turn: 'agent_response',
          })
        } else add(this.options.documentRole ?? MessageRole.USER, value, 0)
      } catch (error) {
        if (group !== undefined) group.bad++
        problems.push({
          type: 'error',
          issue: {
            source: this.path,
            location: `memory row ${rowid} (key ${JSON.stringify(key)})`,
            error: describe(error),
          },
          lost: {
            session_id: group?.sessionId ?? groups.get(FILE_GROUP)?.sessionId ?? basename(this.path),
            field: 'messages',
            count: 1,
            reason: `memory row ${rowid} could not be read`,
          },
        })
      }
    })
    yield* problems
    for (const group of groups.values()) yield { type: 'session', session: this.toSession(group) }
  }

  close(): void {
    this.db.close()
  }

  /**
   * A session's group, identified by its first document (which stays first as the table grows): documents
   * without a session id form one session per database, named after the file and keyed by that document, so
   * another database at the same path is not taken for this one, nor a copy elsewhere for a new one.
   */
  private newGroup(sessionId: string | null, firstDocument: string): Group {
    const base = { messages: [], naive: new TimeNotes(), untimed: 0, bad: 0 }
    if (sessionId !== null)
      return {
        ...base,
        sessionId,
        sourceKey: databaseSessionKey(this.kind, sessionId, firstDocument),
        legacySourceKey: legacyDatabaseSessionKey(this.kind, sessionId),
      }
    const hash = sha256Hex(firstDocument)
    return {
      ...base,
      sessionId: fileSessionId('v1-memory', basename(this.path), hash),
      sourceKey: `${this.kind}:file:${hash.slice(0, 16)}`,
      legacySourceKey: `${this.kind}:file:${sha256Hex(this.path)}`,
    }
  }

  private toSession(group: Group): SourceSession {
    const messages = group.messages
      .sort((a, b) => a.message.timestamp.compare(b.message.timestamp) || a.order - b.order)
      .map((entry) => entry.message)
    const first = messages[0]?.timestamp
    const last = messages.at(-1)?.timestamp
    const notes = [...group.naive.entries]
    if (group.untimed > 0)
      notes.push({
        field: 'timestamp',
        count: group.untimed,
        reason: 'the document has no time: set to the migration time',
      })
    return {
      sourceKey: group.sourceKey,
      legacySourceKey: group.legacySourceKey,
      location: `${this.path}#${group.sessionId}`,
      metadata: new SessionMetadata({
        session_id: group.sessionId,
        user_id: this.options.defaultUserId ?? null,
        created_at: first,
        updated_at: last,
        max_messages: Math.max(100, messages.length),
        properties: { v1: { adapter: 'sqlite', file: basename(this.path) } },
      }),
      messages,
      summaries: [],
      currentSummaryId: null,
      losses: [],
      notes,
    }
  }
}

/** `metadata` as V1 stored it: a Python repr of a dict (or JSON, which the archived V1 wrote). */
function readMetadata(value: unknown): JsonObject {
  if (value === null || value === undefined || value === '') return {}
  if (typeof value !== 'string') throw new Error('metadata is not text')
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    try {
      parsed = parsePyLiteral(value)
    } catch (error) {
      if (error instanceof PyLiteralError) throw new Error(`metadata is ${error.message}`)
      throw error
    }
  }
  if (!isPlainObject(parsed)) throw new Error('metadata is a literal but not a dict')
  return parsed
}

/** A V1 agent's conversation turn, stored as the JSON text of the document. */
function asTurn(value: string): JsonObject | null {
  if (!value.trimStart().startsWith('{')) return null
  try {
    const parsed: unknown = JSON.parse(value)
    return isPlainObject(parsed) && ('user_input' in parsed || 'agent_response' in parsed) ? parsed : null
  } catch {
    return null
  }
}

function stringField(data: JsonObject, key: string): string | null {
  const value = data[key]
  return typeof value === 'string' && value !== '' ? value : null
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error))
