/**
 * langswarm-memory's `IMemoryProvider` (spec §12: declared, never implemented in Python), over the insights
 * engine: offline and deterministic. Results are plain records (the interface's `Record<string, unknown>`), the
 * shapes docs/insights.md describes.
 */
import type { IMemoryProvider, IMemorySession } from '../../../shared/model/langswarm/interfaces'
import type { Message } from '../../../shared/model/langswarm/message'
import { analyzeConversation, type AnalyzeOptions } from './analyzeConversation'
import { extractEntities, type Entity } from './entities'
import { conversationInsights } from './insights'
import { scanSecrets } from './redaction'
import { suggestActions } from './suggestActions'

const dicts = (messages: readonly Message[]): unknown[] => messages.map((message) => message.toDict())

export class InsightsMemoryProvider implements IMemoryProvider {
  readonly providerName = 'memory-inspector-insights'
  readonly capabilities = ['analyze_conversation', 'suggest_actions', 'extract_entities', 'get_insights']

  constructor(private readonly options: AnalyzeOptions = {}) {}

  async analyzeConversation(messages: Message[]): Promise<Record<string, unknown>> {
    return { ...analyzeConversation(dicts(messages), this.options) }
  }

  async suggestActions(session: IMemorySession): Promise<Record<string, unknown>[]> {
    const messages = dicts(await session.getMessages())
    return suggestActions(analyzeConversation(messages, this.options), scanSecrets(messages)).map(
      (action) => ({ ...action }),
    )
  }

  /** Every entity, of every kind, each with the messages it appears in. */
  async extractEntities(messages: Message[]): Promise<Record<string, unknown>[]> {
    const { nlp: _nlp, ...buckets } = extractEntities(dicts(messages))
    return (Object.values(buckets) as Entity[][]).flat().map((entity) => ({ ...entity }))
  }

  async getInsights(session: IMemorySession): Promise<Record<string, unknown>> {
    const messages = dicts(await session.getMessages())
    return { ...conversationInsights({ id: session.sessionId, messages }, this.options) }
  }
}
