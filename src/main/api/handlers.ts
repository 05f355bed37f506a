import type { AppInfo } from '../../shared/contract'
import type { Handlers } from './dispatch'
import { createDocumentHandlers } from './documentHandlers'
import type { Services } from './services'
import { createSessionHandlers } from './sessionHandlers'
import { createWorkspaceHandlers } from './workspaceHandlers'
import { createTokenHandlers } from './tokenHandlers'
import { createSummaryHandlers } from './summaryHandlers'
import { createMigrationHandlers } from './migrationHandlers'
import { createInsightHandlers } from './insightHandlers'
import { createStoreHandlers } from './storeHandlers'
import { createCompareHandlers } from './compareHandlers'

/** One function per contract channel, grouped by domain; a missing one is a compile error. */
export function createHandlers(services: Services): Handlers {
  const { context } = services
  return {
    'app.info': (): AppInfo => ({
      name: context.name,
      version: context.version,
      platform: context.platform,
      runtime: context.runtime,
      dataDir: context.dataDir,
      door: context.door,
    }),
    ...createWorkspaceHandlers(services),
    ...createDocumentHandlers(services),
    ...createSessionHandlers(services),
    ...createTokenHandlers(services),
    ...createSummaryHandlers(services),
    ...createMigrationHandlers(services),
    ...createInsightHandlers(services),
    ...createStoreHandlers(services),
    ...createCompareHandlers(services),
  }
}
