import type { TokenUsage } from '../../../shared/domains/tokens/contract'
import type { ManagedMemoryConfig } from '../../engine/marsys/api/managedConfig'
import { REPLY_PRIMING_TOKENS } from '../../engine/tokens/chatTokenRule'
import { contextBudget } from '../../engine/tokens/contextBudget'
import { isToolResultRole } from '../../engine/tokens/messageParts'
import type { MessageTokens } from '../../engine/tokens/messageTokens'
import type { ModelInfo } from '../../engine/tokens/modelTable'
import type { TokenTotals } from '../../engine/tokens/tokenService'
import {
  breakdownByKind,
  breakdownByRole,
  conversationCost,
  crossingIndex,
  cumulativeSeries,
  messageCost,
  messageTotal,
} from '../../engine/tokens/usageAnalysis'

export interface CountedConversation {
  revision: number
  ids: number[]
  messages: readonly MessageTokens[]
  totals: TokenTotals
}

/** What the tokens panel shows, from a document's per-message counts, for one model. */
export function usageView(
  counted: CountedConversation,
  model: ModelInfo,
  config: ManagedMemoryConfig,
  recounted: number,
): TokenUsage {
  const { messages } = counted
  const costs = messages.map((tokens) => messageCost(tokens, model))
  const bpeTotals = counted.totals[model.encoding]
  if (!bpeTotals) throw new Error(`${model.encoding} was not counted`)
  return {
    revision: counted.revision,
    model,
    messages: {
      ids: counted.ids,
      roles: messages.map((tokens) => tokens.role),
      marsys: messages.map((tokens) => messageTotal(tokens, 'marsys')),
      bpe: messages.map((tokens) => messageTotal(tokens, model.encoding)),
      toolResult: messages.map((tokens) => isToolResultRole(tokens.role)),
      costInput: costs.map((cost) => cost.input),
      costOutput: costs.map((cost) => cost.output),
    },
    totals: { marsys: counted.totals.marsys, langswarm: counted.totals.langswarm, bpe: bpeTotals },
    byRole: breakdownByRole(messages, model.encoding),
    byKind: breakdownByKind(messages, model.encoding),
    thresholdCrossing: crossingIndex(cumulativeSeries(messages, 'marsys'), config.thresholdTokens),
    budget: contextBudget(messages, model, { managedConfig: config }),
    cost: conversationCost(messages, model, REPLY_PRIMING_TOKENS),
    counted: recounted,
  }
}
