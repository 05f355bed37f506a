import { MIGRATION_CHANNELS } from '../../shared/domains/migration/channels'
import type { Handlers } from './dispatch'
import type { Services } from './services'

type MigrationHandlers = Pick<Handlers, (typeof MIGRATION_CHANNELS)[number]>

/** The migration channels (see src/shared/domains/migration). */
export function createMigrationHandlers(_services: Services): MigrationHandlers {
  return {}
}
