import { STORE_CHANNELS } from '../../shared/domains/store/channels'
import type { Handlers } from './dispatch'
import type { Services } from './services'

type StoreHandlers = Pick<Handlers, (typeof STORE_CHANNELS)[number]>

/** The store channels (see src/shared/domains/store). */
export function createStoreHandlers(_services: Services): StoreHandlers {
  return {}
}
