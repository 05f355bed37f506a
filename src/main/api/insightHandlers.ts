import { INSIGHT_CHANNELS } from '../../shared/domains/insights/channels'
import type { Handlers } from './dispatch'
import type { Services } from './services'

type InsightHandlers = Pick<Handlers, (typeof INSIGHT_CHANNELS)[number]>

/** The insights channels (see src/shared/domains/insights). */
export function createInsightHandlers(_services: Services): InsightHandlers {
  return {}
}
