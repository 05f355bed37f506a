import { TOKEN_CHANNELS } from '../../shared/domains/tokens/channels'
import type { Handlers } from './dispatch'
import type { Services } from './services'

type TokenHandlers = Pick<Handlers, (typeof TOKEN_CHANNELS)[number]>

/** The tokens channels (see src/shared/domains/tokens). */
export function createTokenHandlers(_services: Services): TokenHandlers {
  return {}
}
