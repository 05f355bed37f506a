import type { Database, SqlValue } from 'sql.js'
import {
  ConversationSummary,
  Message,
  parseMessageRole,
  parseSessionStatus,
  SessionMetadata,
  type UtcDateTime,
} from '../../../../shared/model/langswarm'
import { eachRow, preparedQuery, scalar, type PreparedQuery } from '../sqlite/openSqlite'
import { databaseSessionKey, legacyDatabaseSessionKey } from '../identity'
import { TimeNotes } from '../timestamps'
import type { MigrationSource, ReadOptions, SourceItem, SourceSession } from '../types'
import { jsonListCell, jsonObjectCell, optionalInteger, optionalText, textCell, jsonCell } from './sqliteRows'

/** Required columns of the langswarm-memory V2 SQLite backend's tables (spec §8.3). */
export const V2_SCHEMA = {
  sessions: ['session_id', 'status', 'created_at', 'updated_at'],
  messages: ['message_id', 'session_id', 'role', 'content', 'timestamp'],
}

type Row = Record<string, SqlValue>

/**
 * langswarm-memory's SQLite backend file (`sessions`, `messages`, `summaries`). Sessions keep their ids and every
 * field; messages are read in the backend's order (timestamp, then insertion); every summary row is kept, the
 * newest being the current one. Messages whose session has no row are reported, not invented into a session.
 */
export class LangswarmV2SqliteSource implements MigrationSource {
  readonly kind = 'langswarm_v2_sqlite' as const
  private readonly hasSummaries: boolean
  private messageQuery: PreparedQuery | null = null

  constructor(
    readonly path: string,
    private readonly db: Database,
    tables: Map<string, Set<string>>,
    private readonly options: ReadOptions,
  ) {
    this.hasSummaries = tables.has('summaries')
  }

  async count(): Promise<{ sessions: number; messages: number }> {
    return {
      sessions: Number(scalar(this.db, 'SELECT COUNT(*) FROM sessions')),
      messages: Number(scalar(this.db, 'SELECT COUNT(*) FROM messages')),
    }
  }

  async *items(): AsyncIterable<SourceItem> {
    const rows: Row[] = []
    eachRow(this.db, 'SELECT rowid AS _rowid, * FROM sessions ORDER BY rowid', [], (row) => rows.push(row))
    this.messageQuery = preparedQuery(
      this.db,
      'SELECT rowid AS _rowid, * FROM messages WHERE session_id = ? ORDER BY timestamp, rowid',
    )
    for (const row of rows) {
      const location = `sessions row ${String(row._rowid)}`
      let session: SourceSession
      let naive: TimeNotes
      try {
        ;({ session, naive } = this.readSession(row))
      } catch (error) {
        yield this.issue(location, error, typeof row.session_id === 'string' ? row.session_id : undefined)
        continue
      }
      const problems: SourceItem[] = []
      this.readMessages(session, naive, problems)
      if (this.hasSummaries) this.readSummaries(session, naive, problems)
      yield* problems
      yield { type: 'session', session }
    }
    const orphans: Row[] = []
    eachRow(
      this.db,
      'SELECT session_id, COUNT(*) AS n FROM messages WHERE session_id NOT IN (SELECT session_id FROM sessions) GROUP BY session_id',
      [],
      (row) => orphans.push(row),
    )
    for (const row of orphans) {
      const id = String(row.session_id)
      yield {
        type: 'error',
        issue: {
          source: this.path,
          location: `messages of session ${JSON.stringify(id)}`,
          session_id: id,
          error: `${String(row.n)} message(s) belong to a session that has no row in sessions; not migrated`,
        },
        lost: { session_id: id, field: 'messages', count: Number(row.n), reason: 'no sessions row for them' },
      }
    }
  }

  close(): void {
    this.messageQuery?.free()
    this.messageQuery = null
    this.db.close()
  }

  private readSession(row: Row): { session: SourceSession; naive: TimeNotes } {
    const notes = new TimeNotes()
    const sessionId = textCell(row, 'session_id')
    const time = (column: string): UtcDateTime => notes.read(textCell(row, column), column, this.options)
    const expires = optionalText(row, 'expires_at')
    const tags = jsonCell(row, 'tags', [])
    const properties = jsonObjectCell(row, 'properties') ?? {}
    const metadata = new SessionMetadata({
      session_id: sessionId,
      user_id: optionalText(row, 'user_id') ?? this.options.defaultUserId ?? null,
      agent_id: optionalText(row, 'agent_id'),
      workflow_id: optionalText(row, 'workflow_id'),
      status: parseSessionStatus(row.status ?? 'active', 'status'),
      max_messages: optionalInteger(row, 'max_messages') ?? undefined,
      max_tokens: optionalInteger(row, 'max_tokens'),
      auto_summarize: row.auto_summarize == null ? undefined : Boolean(Number(row.auto_summarize)),
      summary_threshold: optionalInteger(row, 'summary_threshold') ?? undefined,
      created_at: time('created_at'),
      updated_at: time('updated_at'),
      expires_at: expires === null ? null : notes.read(expires, 'expires_at', this.options),
      tags: Array.isArray(tags) ? tags.map(String) : [],
      properties,
    })
    const session: SourceSession = {
      sourceKey: databaseSessionKey(this.kind, sessionId, textCell(row, 'created_at')),
      legacySourceKey: legacyDatabaseSessionKey(this.kind, sessionId),
      location: `${this.path}#${sessionId}`,
      metadata,
      messages: [],
      summaries: [],
      currentSummaryId: null,
      losses: [],
      notes: notes.entries,
    }
    return { session, naive: notes }
  }

  private readMessages(session: SourceSession, naive: TimeNotes, problems: SourceItem[]): void {
    const seen = new Set<string>()
    let bad = 0
    this.messageQuery!.each([session.metadata.session_id], (row) => {
      try {
        const message = new Message({
          role: parseMessageRole(row.role, 'role'),
          content: textCell(row, 'content'),
          timestamp: naive.read(textCell(row, 'timestamp'), 'timestamp', this.options),
          message_id: textCell(row, 'message_id'),
          metadata: jsonObjectCell(row, 'metadata') ?? undefined,
          token_count: optionalInteger(row, 'token_count'),
          function_call: jsonObjectCell(row, 'function_call'),
          tool_calls: jsonListCell(row, 'tool_calls'),
        })
        if (seen.has(message.message_id)) throw new Error(`duplicate message_id ${message.message_id}`)
        seen.add(message.message_id)
        session.messages.push(message)
      } catch (error) {
        bad++
        problems.push(this.issue(`messages row ${String(row._rowid)}`, error, session.metadata.session_id))
      }
    })
    if (bad > 0)
      session.losses.push({
        field: 'messages',
        count: bad,
        reason: 'rows that could not be read (see errors)',
      })
    session.metadata.max_messages = Math.max(session.metadata.max_messages, session.messages.length)
  }

  private readSummaries(session: SourceSession, naive: TimeNotes, problems: SourceItem[]): void {
    let bad = 0
    eachRow(
      this.db,
      'SELECT rowid AS _rowid, * FROM summaries WHERE session_id = ? ORDER BY created_at, rowid',
      [session.metadata.session_id],
      (row) => {
        try {
          const topics = jsonCell(row, 'key_topics', [])
          session.summaries.push(
            new ConversationSummary({
              summary: textCell(row, 'summary'),
              message_count: optionalInteger(row, 'message_count') ?? 0,
              start_time: naive.read(textCell(row, 'start_time'), 'start_time', this.options),
              end_time: naive.read(textCell(row, 'end_time'), 'end_time', this.options),
              key_topics: Array.isArray(topics) ? topics.map(String) : [],
              summary_id: textCell(row, 'summary_id'),
              created_at: naive.read(textCell(row, 'created_at'), 'created_at', this.options),
            }),
          )
        } catch (error) {
          bad++
          problems.push(this.issue(`summaries row ${String(row._rowid)}`, error, session.metadata.session_id))
        }
      },
    )
    if (bad > 0)
      session.losses.push({
        field: 'summaries',
        count: bad,
        reason: 'rows that could not be read (see errors)',
      })
    session.currentSummaryId = session.summaries.at(-1)?.summary_id ?? null
  }

  private issue(location: string, error: unknown, sessionId?: string): SourceItem {
    return {
      type: 'error',
      issue: {
        source: this.path,
        location,
        ...(sessionId === undefined ? {} : { session_id: sessionId }),
        error: error instanceof Error ? error.message : String(error),
      },
    }
  }
}
