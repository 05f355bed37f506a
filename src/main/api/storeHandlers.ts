import { STORE_CHANNELS } from '../../shared/domains/store/channels'
import { AppError } from '../engine/appError'
import { SessionStoreBackend } from '../engine/langswarm'
import { searchableStore } from '../engine/storeSearch/searchableStore'
import { StoreSearchService } from '../engine/storeSearch/storeSearchService'
import type { Handlers } from './dispatch'
import type { Services } from './services'

type StoreHandlers = Pick<Handlers, (typeof STORE_CHANNELS)[number]>

/** The session store's maintenance and its search (see src/shared/domains/store). */
export function createStoreHandlers(services: Services): StoreHandlers {
  const { sessions, documents, bus } = services
  const storeSearch = storeSearchFor(services)
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
    'store.search': async (query) => (await storeSearch()).search(query),
  }
}

/**
 * The search service of the store as it is open now: a repair reopens the store as a new backend, whose sessions
 * are indexed afresh. Built on first use; released with the services.
 */
function storeSearchFor({ sessions, disposers }: Services): () => Promise<StoreSearchService> {
  let current: { backend: SessionStoreBackend; service: StoreSearchService } | null = null
  disposers.push(() => current?.service.dispose())
  return async () => {
    const backend = (await sessions.get()).backend
    if (!(backend instanceof SessionStoreBackend))
      throw new AppError('INTERNAL', 'This session store cannot be searched as a whole')
    if (current?.backend !== backend) {
      current?.service.dispose()
      current = { backend, service: new StoreSearchService(searchableStore(backend)) }
    }
    return current.service
  }
}
