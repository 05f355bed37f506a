import { STORE_CHANNELS } from '../../shared/domains/store/channels'
import type { Handlers } from './dispatch'
import type { Services } from './services'

type StoreHandlers = Pick<Handlers, (typeof STORE_CHANNELS)[number]>

/** The session store's maintenance (see src/shared/domains/store). */
export function createStoreHandlers({ sessions, documents, bus }: Services): StoreHandlers {
  return {
    'store.repair': async ({ dryRun }) => {
      const report = await sessions.repair({ dryRun: dryRun ?? false })
      if (!report.dry_run) {
        // Sessions open in tabs were read from the store before its repair: read them again (or close the gone).
        const touched = new Set(report.actions.flatMap((action) => action.session_id ?? []))
        for (const sessionId of touched) await documents.sessionChanged(sessionId)
        for (const sessionId of touched) bus.emit('session.changed', { id: sessionId })
      }
      return report
    },
  }
}
