/**
 * Entity extraction by the LLM endpoint the summarizer uses (settings and key resolved by the caller). A reply that
 * cannot be read becomes an LlmError `malformed`, so every failure of the call is one kind of error.
 */
import { chatCompletion } from '../llm/chatCompletion'
import { LlmError } from '../llm/llmError'
import type { TaskLlm } from '../summaries/summaryTask'
import type { EntityExtraction } from './entities'
import { extractEntitiesWithLlm, LlmEntityError, mergeEntities } from './llmEntities'

/** The offline entities merged with the endpoint's; throws LlmError (the key is never in its message). */
export async function withLlmEntities(
  messages: readonly unknown[],
  offline: EntityExtraction,
  endpoint: Pick<TaskLlm, 'settings'> & { timeoutMs?: number },
  signal?: AbortSignal,
): Promise<EntityExtraction> {
  try {
    const found = await extractEntitiesWithLlm(messages, (request) =>
      chatCompletion(endpoint.settings, request, { signal, timeoutMs: endpoint.timeoutMs }),
    )
    return mergeEntities(offline, found)
  } catch (error) {
    if (error instanceof LlmEntityError) throw new LlmError('malformed', error.message)
    throw error
  }
}
