import { INSIGHT_CHANNELS } from '../../shared/domains/insights/channels'
import type { InsightPhase } from '../../shared/domains/insights/model'
import type { OutputOf } from '../../shared/contract'
import { AppError } from '../engine/appError'
import { DEFAULT_STORE_LIMIT, storeSources } from '../engine/insights/storeSources'
import { InsightRunner, type ConversationSource, type SourceRequest } from '../engine/insights/insightRunner'
import type { Conversation } from '../engine/conversations/conversation'
import { LlmError } from '../engine/llm/llmError'
import { appLlmEndpoint, llmAppError } from './llmEndpoint'
import type { Handlers } from './dispatch'
import type { Services } from './services'

type InsightHandlers = Pick<Handlers, (typeof INSIGHT_CHANNELS)[number]>

/**
 * The insights channels (see src/shared/domains/insights). The work runs in a worker thread per job (see
 * InsightRunner); main only gathers the messages' JSON text, in slices. A job with a `jobId` reports progress
 * (`insights.progress`) and can be cancelled (`insights.cancel`).
 */
export function createInsightHandlers(
  { documents, sessions, bus, context, secrets }: Services,
  runner: InsightRunner = new InsightRunner(),
): InsightHandlers {
  const jobs = new Map<string, AbortController>()

  async function track<T>(
    jobId: string | undefined,
    work: (
      signal: AbortSignal,
      progress: (phase: InsightPhase, done: number, total: number) => void,
    ) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController()
    if (jobId !== undefined) {
      if (jobs.has(jobId)) throw new AppError('CONFLICT', `An insights job "${jobId}" is already running.`)
      jobs.set(jobId, controller)
    }
    const progress = (phase: InsightPhase, done: number, total: number): void => {
      if (jobId !== undefined) bus.emit('insights.progress', { jobId, phase, done, total })
    }
    try {
      return await work(controller.signal, progress)
    } finally {
      if (jobId !== undefined) jobs.delete(jobId)
    }
  }

  /** The conversation read lazily by the job; a change while it is read fails the job (indices would mix). */
  function sourceOf(conversation: Conversation, thresholdTokens?: number): ConversationSource {
    const revision = conversation.revision
    return {
      id: conversation.id,
      revision,
      memoryType: conversation.source.describe().memoryType,
      thresholdTokens,
      count: conversation.items.length,
      raw: (i) => conversation.rawAt(i),
      checkUnchanged: () => {
        if (conversation.revision !== revision)
          throw new AppError('CONFLICT', 'The document changed while its insights were read; ask again.', {
            reason: 'changed',
          })
      },
    }
  }

  const documentJob = (
    kind: 'document' | 'handoffs',
    id: string,
    jobId: string | undefined,
    thresholdTokens?: number,
  ) =>
    track(jobId, async (signal, progress) => {
      const request: SourceRequest = { kind, conversation: sourceOf(documents.get(id), thresholdTokens) }
      return runner.run(request, { signal, progress })
    })

  const graphJob = async (id: string, jobId: string | undefined, useLlm: boolean) => {
    const conversation = documents.get(id)
    const llm = useLlm ? await appLlmEndpoint(context.dataDir, secrets) : undefined
    return track(jobId, async (signal, progress) => {
      try {
        return await runner.run(
          { kind: 'graph', conversation: sourceOf(conversation), llm },
          { signal, progress },
        )
      } catch (error) {
        if (error instanceof LlmError)
          throw llmAppError(error, `${conversation.displayName}: the LLM found no entities`)
        throw error
      }
    })
  }

  return {
    'insights.document': async ({ id, jobId, thresholdTokens }) => {
      const report = (await documentJob('document', id, jobId, thresholdTokens)) as Omit<
        OutputOf<'insights.document'>,
        'messageIds'
      >
      const conversation = documents.get(id)
      // Ids are only meaningful at the report's revision; after an edit the renderer asks again anyway.
      const messageIds =
        conversation.revision === report.revision ? conversation.items.map((item) => item.id) : []
      return { ...report, messageIds }
    },
    'insights.graph': async ({ id, jobId, entities }) =>
      (await graphJob(id, jobId, entities === 'llm')) as OutputOf<'insights.graph'>,
    'insights.handoffs': async ({ id, jobId }) =>
      (await documentJob('handoffs', id, jobId)) as OutputOf<'insights.handoffs'>,
    'insights.cancel': ({ jobId }) => {
      const controller = jobs.get(jobId)
      controller?.abort()
      return { cancelled: controller !== undefined }
    },
    'insights.store': ({ limit, jobId, thresholdTokens }) =>
      track(jobId, async (signal, progress) => {
        const manager = await sessions.get()
        const { conversations, sessionsTotal } = await storeSources(
          manager.backend,
          limit ?? DEFAULT_STORE_LIMIT,
          { signal, progress },
        )
        const request: SourceRequest = {
          kind: 'store',
          conversations: conversations.map((source) => ({ ...source, thresholdTokens })),
          sessionsTotal,
        }
        return (await runner.run(request, { signal, progress })) as OutputOf<'insights.store'>
      }),
  }
}
