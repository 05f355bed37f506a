import type { IMemoryBackend } from '../../../shared/model/langswarm'
import { SessionStoreBackend } from '../langswarm'
import { MIGRATED_FROM, withMigratedFrom, type MigratedFrom } from './identity'
import type { SourceSession } from './types'

/**
 * Writes one session to a store. The inspector's own backends take the whole session in one write
 * (`importSession`), so it exists whole or not at all and keeps its `updated_at`. Any other `IMemoryBackend` only
 * offers create-then-fill: the session is created marked incomplete, filled in one `replaceMessages`, then
 * marked complete (which stamps `updated_at`); a failure deletes it again, and a session left incomplete by a
 * crash is redone by the next run.
 */
export async function writeSession(
  backend: IMemoryBackend,
  session: SourceSession,
  record: MigratedFrom | null,
): Promise<void> {
  const metadata = session.metadata.clone()
  if (record !== null) metadata.properties = withMigratedFrom(metadata.properties, record)
  if (backend instanceof SessionStoreBackend) {
    await backend.importSession({
      metadata,
      messages: session.messages,
      summaries: session.summaries,
      currentSummaryId: session.currentSummaryId,
    })
    return
  }
  if (record !== null)
    metadata.properties = withMigratedFrom(metadata.properties, { ...record, complete: false })
  const created = await backend.createSession(metadata)
  try {
    await created.replaceMessages(() => session.messages)
    if (record !== null)
      await created.updateMetadata({ properties: withMigratedFrom(metadata.properties, record) })
  } catch (error) {
    await backend.deleteSession(metadata.session_id).catch(() => undefined)
    throw error
  }
}

/** True for a session a generic backend was still filling when the process stopped. */
export function isIncompleteMigration(properties: Record<string, unknown>): boolean {
  const value = properties[MIGRATED_FROM] as { complete?: unknown } | undefined
  return value?.complete === false
}
