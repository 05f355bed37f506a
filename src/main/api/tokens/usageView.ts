import type { TokenUsage } from '../../../shared/domains/tokens/contract'
import type { ManagedMemoryConfig } from '../../engine/marsys/memory/managedConfig'
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
  const bpeTotals = counted.totals[model.encoding]
  if (!bpeTotals) throw new Error(`${model.encoding} was not counted`)
  const n = messages.length
  const columns: TokenUsage['messages'] = {
    ids: counted.ids,
    roles: new Array<string>(n),
    marsys: new Array<number>(n),
    bpe: new Array<number>(n),
    toolResult: new Array<boolean>(n),
    costInput: new Array<number>(n),
    costOutput: new Array<number>(n),
  }
  // One pass filling every column: this runs on main's thread for conversations of 100,000 messages.
  for (let i = 0; i < n; i++) {
    const tokens = messages[i]
    const cost = messageCost(tokens, model)
    columns.roles[i] = tokens.role
    columns.marsys[i] = messageTotal(tokens, 'marsys')
    columns.bpe[i] = messageTotal(tokens, model.encoding)
    columns.toolResult[i] = isToolResultRole(tokens.role)
    columns.costInput[i] = cost.input
    columns.costOutput[i] = cost.output
  }
  return {
    revision: counted.revision,
    model,
    messages: columns,
    totals: { marsys: counted.totals.marsys, langswarm: counted.totals.langswarm, bpe: bpeTotals },
    byRole: breakdownByRole(messages, model.encoding),
    byKind: breakdownByKind(messages, model.encoding),
    thresholdCrossing: crossingIndex(cumulativeSeries(messages, 'marsys'), config.thresholdTokens),
    budget: contextBudget(messages, model, { managedConfig: config }),
    cost: conversationCost(messages, model, REPLY_PRIMING_TOKENS),
    counted: recounted,
  }
}
