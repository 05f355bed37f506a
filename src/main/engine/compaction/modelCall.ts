import { COMPACTION_OUTPUT_SCHEMA } from './compactionPrompt'
import { parseCompactionReply } from './compactionPayload'
import type { CompactionContext, CompactionModel, WireMessage } from './types'

/**
 * The compaction model failed to answer (refused key, timeout, cancelled, unreachable). MARSYS would log it and
 * carry on as if the reply were unparsable; a simulation stops instead and says why, so a missing key is not
 * mistaken for MARSYS's behaviour.
 */
export class CompactionModelError extends Error {
  override name = 'CompactionModelError'
}

/** `_run_compaction_model`: one call with MARSYS's kwargs; the parsed reply, or undefined when unparsable. */
export async function runCompactionModel(
  model: CompactionModel,
  payload: WireMessage[],
  prefix: readonly WireMessage[],
  ctx: CompactionContext,
): Promise<unknown> {
  let text: string
  try {
    text = await model.complete(
      {
        payload,
        prefix,
        maxTokens: ctx.config.activeContext.summarization.outputMaxTokens,
        temperature: 0.1,
        jsonMode: true,
        responseSchema: COMPACTION_OUTPUT_SCHEMA,
      },
      ctx.signal,
    )
  } catch (error) {
    throw new CompactionModelError(error instanceof Error ? error.message : String(error), { cause: error })
  }
  return parseCompactionReply(text)
}
