import { SUMMARY_CHANNELS } from '../../shared/domains/summaries/channels'
import type { Handlers } from './dispatch'
import type { Services } from './services'

type SummaryHandlers = Pick<Handlers, (typeof SUMMARY_CHANNELS)[number]>

/** The summaries channels (see src/shared/domains/summaries). */
export function createSummaryHandlers(_services: Services): SummaryHandlers {
  return {}
}
