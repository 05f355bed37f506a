import { readFile } from 'node:fs/promises'
import { checkBackupVersion, isBackupDocument, parseBackupSession } from '../backup'
import { migratedFrom } from '../identity'
import { SourceError, type MigrationSource, type SourceItem } from '../types'

/**
 * A backup written by `backupData`. Sessions come back exactly as saved (ids, metadata, timestamps, summaries).
 * A session's identity is the one it was migrated under, if any, else its id — so restoring into the store it
 * came from, or migrating its original source again afterwards, adds nothing.
 */
export class BackupSource implements MigrationSource {
  readonly kind = 'backup' as const
  private sessions: unknown[] | null = null

  constructor(readonly path: string) {}

  private async load(): Promise<unknown[]> {
    if (this.sessions !== null) return this.sessions
    let data: unknown
    try {
      data = JSON.parse(await readFile(this.path, 'utf8'))
    } catch (error) {
      throw new SourceError(
        this.path,
        `not a readable backup: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
    if (!isBackupDocument(data)) throw new SourceError(this.path, 'not a Memory Inspector backup document')
    try {
      checkBackupVersion(data as Record<string, unknown>)
    } catch (error) {
      throw new SourceError(this.path, error instanceof Error ? error.message : String(error))
    }
    this.sessions = (data as { sessions: unknown[] }).sessions
    return this.sessions
  }

  async count(): Promise<{ sessions: number; messages: number }> {
    const sessions = await this.load()
    let messages = 0
    for (const session of sessions) {
      const list = (session as { messages?: unknown } | null)?.messages
      if (Array.isArray(list)) messages += list.length
    }
    return { sessions: sessions.length, messages }
  }

  async *items(): AsyncIterable<SourceItem> {
    const sessions = await this.load()
    for (const [index, value] of sessions.entries()) {
      const path = `$.sessions[${index}]`
      try {
        const parsed = parseBackupSession(value, path)
        const id = parsed.metadata.session_id
        yield {
          type: 'session',
          session: {
            ...parsed,
            sourceKey: migratedFrom(parsed.metadata)?.source_key ?? `session:${id}`,
            location: `${this.path}#${id}`,
            losses: [],
            notes: [],
            keepProperties: true,
          },
        }
      } catch (error) {
        yield {
          type: 'error',
          issue: {
            source: this.path,
            location: path,
            error: error instanceof Error ? error.message : String(error),
          },
        }
      }
    }
  }

  close(): void {
    this.sessions = null
  }
}
