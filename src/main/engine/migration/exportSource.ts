import type { IMemoryBackend } from '../../../shared/model/langswarm'
import { detectSources } from './detect'
import type { ExportableSession } from './exports'
import { SourceError, type ReadOptions } from './types'

/** A store session with everything an export needs; null when the store has no such session. */
export async function storeSession(
  backend: IMemoryBackend,
  sessionId: string,
): Promise<ExportableSession | null> {
  const session = await backend.getSession(sessionId)
  if (session === null) return null
  return {
    metadata: session.metadata,
    messages: await session.getMessages(),
    summaries: await session.getSummaryHistory(),
  }
}

/**
 * One session read straight from a source file (a MARSYS file, a database, a backup), without a store. A file
 * holding several sessions needs `sessionId`; any error reading it is thrown, since a partial export would mislead.
 */
export async function sourceFileSession(
  path: string,
  sessionId: string | null,
  options: ReadOptions = {},
): Promise<ExportableSession> {
  const { sources, issues } = await detectSources([path], options)
  if (issues.length > 0) throw new SourceError(path, issues[0].error)
  const found: ExportableSession[] = []
  const ids: string[] = []
  try {
    for (const source of sources) {
      for await (const item of source.items()) {
        if (item.type === 'error') {
          const where = item.issue.location === undefined ? '' : ` (${item.issue.location})`
          throw new SourceError(item.issue.source, `${item.issue.error}${where}`)
        }
        ids.push(item.session.metadata.session_id)
        if (sessionId === null || item.session.metadata.session_id === sessionId) found.push(item.session)
      }
    }
  } finally {
    for (const source of sources) source.close()
  }
  if (sessionId !== null && found.length === 0)
    throw new SourceError(
      path,
      `no session ${JSON.stringify(sessionId)} (it has: ${ids.join(', ') || 'none'})`,
    )
  if (found.length === 0) throw new SourceError(path, 'it holds no session')
  if (found.length > 1)
    throw new SourceError(
      path,
      `it holds ${found.length} sessions; choose one with --session (${ids.join(', ')})`,
    )
  return found[0]
}
