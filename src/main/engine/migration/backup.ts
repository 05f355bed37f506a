import { isPlainObject } from '../../../shared/model/langswarm/jsonFields'
import type { FileHandle } from 'node:fs/promises'
import {
  ConversationSummary,
  Message,
  SessionMetadata,
  UtcDateTime,
  type ConversationSummaryDict,
  type IMemoryBackend,
  type IMemorySession,
  type MessageDict,
  type SessionMetadataDict,
} from '../../../shared/model/langswarm'
import { atomicWriteFile } from '../fs/atomicWrite'

/** The backup document (spec §11.4's proposal, plus the summary history this port keeps). */
export const BACKUP_FORMAT = 'memory-inspector-session-backup'
export const BACKUP_FORMAT_VERSION = 1

export interface BackupSessionDict {
  metadata: SessionMetadataDict
  messages: MessageDict[]
  /** The current summary (spec §11.4), or null. */
  summary: ConversationSummaryDict | null
  /** Every summary, oldest first. */
  summaries: ConversationSummaryDict[]
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  format_version: number
  created_at: string
  backend_type: string
  session_count: number
  message_count: number
}

export interface BackupResult {
  path: string
  sessions: number
  messages: number
}

const PAGE = 200

/**
 * Writes every session of `backend` to one JSON document at `path`, atomically (a temp file renamed over the
 * target, the previous file kept as `.bak`). Sessions are streamed one at a time, so memory holds one session.
 */
export async function writeBackup(
  backend: IMemoryBackend,
  path: string,
  options: {
    onProgress?: (current: number, total: number, status: string) => void
    now?: () => UtcDateTime
  } = {},
): Promise<BackupResult> {
  const first = await backend.listSessionsPage({ limit: 0 })
  const total = first.total
  const ids: string[] = []
  for (let offset = 0; offset < total; offset += PAGE) {
    const page = await backend.listSessionsPage({ limit: PAGE, offset })
    ids.push(...page.sessions.map((metadata) => metadata.session_id))
  }
  let messageTotal = 0
  for (const id of ids) messageTotal += (await backend.getMessageCount(id)) ?? 0
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    format_version: BACKUP_FORMAT_VERSION,
    created_at: (options.now ?? UtcDateTime.now)().toIsoString(),
    backend_type: backend.backendType,
    session_count: ids.length,
    message_count: messageTotal,
  }
  const headerText = JSON.stringify(header, null, 1)
  let written = 0
  let messages = 0
  const write = async (handle: FileHandle): Promise<void> => {
    await handle.write(`${headerText.slice(0, -2)},\n "sessions": [`)
    for (const [index, id] of ids.entries()) {
      const session = await backend.getSession(id)
      if (session === null) continue // deleted meanwhile
      const dict = await sessionDict(session)
      await handle.write(`${written === 0 ? '\n' : ',\n'}${JSON.stringify(dict)}`)
      written++
      messages += dict.messages.length
      options.onProgress?.(index + 1, ids.length, `backed up ${id}`)
    }
    await handle.write('\n ]\n}\n')
  }
  await atomicWriteFile(path, [], { backup: true, write: (handle) => write(handle) })
  return { path, sessions: written, messages }
}

async function sessionDict(session: IMemorySession): Promise<BackupSessionDict> {
  const summary = await session.getSummary()
  return {
    metadata: session.metadata.toDict(),
    messages: (await session.getMessages()).map((message) => message.toDict()),
    summary: summary === null ? null : summary.toDict(),
    summaries: (await session.getSummaryHistory()).map((item) => item.toDict()),
  }
}

export interface ParsedBackupSession {
  metadata: SessionMetadata
  messages: Message[]
  summaries: ConversationSummary[]
  currentSummaryId: string | null
}

/** True when `data` is a backup document's top level (the check `detect` uses). */
export const isBackupDocument = (data: unknown): boolean =>
  isPlainObject(data) && data.format === BACKUP_FORMAT && Array.isArray(data.sessions)

export function checkBackupVersion(data: Record<string, unknown>): void {
  const version = data.format_version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new Error('format_version is missing or not a positive integer')
  if (version > BACKUP_FORMAT_VERSION)
    throw new Error(`format_version ${version} is newer than this program reads (${BACKUP_FORMAT_VERSION})`)
}

/** One `sessions[i]` entry; throws a ValidationError naming the JSON path. */
export function parseBackupSession(value: unknown, path: string): ParsedBackupSession {
  if (!isPlainObject(value)) throw new Error(`${path} is not an object`)
  const metadata = SessionMetadata.fromDict(value.metadata, `${path}.metadata`)
  if (!Array.isArray(value.messages)) throw new Error(`${path}.messages is not a list`)
  const messages = value.messages.map((message, i) => Message.fromDict(message, `${path}.messages[${i}]`))
  const history = Array.isArray(value.summaries) ? value.summaries : []
  const summaries = history.map((summary, i) =>
    ConversationSummary.fromDict(summary, `${path}.summaries[${i}]`),
  )
  const current =
    value.summary == null ? null : ConversationSummary.fromDict(value.summary, `${path}.summary`)
  if (current !== null && !summaries.some((summary) => summary.summary_id === current.summary_id))
    summaries.push(current)
  return { metadata, messages, summaries, currentSummaryId: current?.summary_id ?? null }
}
