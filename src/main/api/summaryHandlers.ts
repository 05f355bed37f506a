import { SUMMARY_CHANNELS } from '../../shared/domains/summaries/channels'
import type { LlmSettingsView, SummaryResult } from '../../shared/domains/summaries/contract'
import { AppError } from '../engine/appError'
import { CompactionInputError } from '../engine/compaction/simulate'
import { CompactionModelError } from '../engine/compaction/modelCall'
import { ConfigInputError } from '../engine/compaction/configInput'
import type { WireMessage } from '../engine/compaction/types'
import type { Conversation } from '../engine/conversations/conversation'
import { isFileSource } from '../engine/conversations/files/marsysFileSource'
import { isSessionSource } from '../engine/conversations/sessions/storeSessionSource'
import { chatCompletion, type ChatProgress } from '../engine/llm/chatCompletion'
import { LlmError } from '../engine/llm/llmError'
import { normalizeBaseUrl } from '../engine/llm/llmSettings'
import { readLlmSettingsFile, writeLlmSettingsFile } from '../engine/llm/llmSettingsFile'
import { sessionMessagesForSummary } from '../engine/summaries/sessionSummaries'
import { type SummarizerId, summarizeConversation } from '../engine/summaries/summarizer'
import type { SummaryTask, TaskLlm, TaskProgress } from '../engine/summaries/summaryTask'
import { runSummaryTaskOffThread } from '../engine/summaries/summaryWorkerRunner'
import { compactionConfigInput, defaultCompactionSettings, simulationView } from './compactionView'
import { appLlmEndpoint, llmAppError } from './llmEndpoint'
import type { Handlers } from './dispatch'
import type { Services } from './services'
import { SummaryJobs } from './summaryJobs'

type SummaryHandlers = Pick<Handlers, (typeof SUMMARY_CHANNELS)[number]>

/**
 * The simulation runs in a worker, but main still copies the messages to it: documents are bounded. MARSYS
 * memories this long are far past any threshold and are better compacted from the command line.
 */
export const MAX_SIMULATED_MESSAGES = 100_000

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** An LlmError wherever it sits (a compaction model error carries it as its cause). */
function asLlmError(error: unknown): LlmError | null {
  if (error instanceof LlmError) return error
  if (error instanceof CompactionModelError && error.cause instanceof LlmError) return error.cause
  return null
}

/** The document's messages MARSYS would load (objects), with their document positions. */
function documentMessages(conversation: Conversation): { messages: WireMessage[]; positions: number[] } {
  const messages: WireMessage[] = []
  const positions: number[] = []
  for (let i = 0; i < conversation.items.length; i++) {
    const message = conversation.plainAt(i)
    if (!isRecord(message)) continue
    messages.push(message as WireMessage)
    positions.push(i)
  }
  return { messages, positions }
}

/** A file's save time (MARSYS files have no per-message times). */
function fileTime(conversation: Conversation): Date | undefined {
  if (!isFileSource(conversation.source)) return undefined
  const timestamp = conversation.source.file.timestamp
  return typeof timestamp === 'number' ? new Date(timestamp * 1000) : undefined
}

/** The summaries channels (see src/shared/domains/summaries). */
export function createSummaryHandlers(services: Services): SummaryHandlers {
  const { documents, bus, secrets, context } = services
  const jobs = new SummaryJobs()
  services.disposers.push(() => jobs.cancelAll())

  const progress = (jobId: string | undefined) => (p: ChatProgress | TaskProgress) => {
    if (jobId !== undefined) bus.emit('summary.progress', { jobId, ...p })
  }

  const llmView = async (): Promise<LlmSettingsView> => {
    const saved = await readLlmSettingsFile(context.dataDir)
    const writable = secrets.setApiKey !== undefined
    return {
      baseUrl: saved.baseUrl,
      model: saved.model,
      timeoutSeconds: saved.timeoutSeconds,
      keySet: (await secrets.getApiKey()) !== null,
      keySource: writable ? 'safeStorage' : 'environment',
      keyWritable: writable,
    }
  }

  const llm = (): Promise<TaskLlm> => appLlmEndpoint(context.dataDir, secrets)

  /** The endpoint, for tasks that use the LLM. */
  const llmFor = async (id: SummarizerId | 'none'): Promise<{ llm?: TaskLlm }> =>
    id === 'llm' ? { llm: await llm() } : {}

  /** Runs a task off main's thread, under the job's signal, reporting its progress. */
  const runTask = (task: SummaryTask, jobId: string | undefined, signal: AbortSignal) =>
    runSummaryTaskOffThread(task, { signal, onProgress: progress(jobId) })

  const declined = (conversation: Conversation, id: string, count: number): AppError =>
    new AppError(
      'UNSUPPORTED',
      `${conversation.displayName}: the ${id} summarizer needs at least 5 messages, with a user and an assistant one (this has ${count})`,
    )

  return {
    'summary.summarize': async ({ id, summarizer: summarizerId, jobId }): Promise<SummaryResult> => {
      const conversation = documents.get(id)
      const endpoint = await llmFor(summarizerId)
      return jobs.run(jobId, async (signal) => {
        const draftOf = async (messages: WireMessage[]) => {
          const task = { kind: 'summarize' as const, summarizer: summarizerId, messages, ...endpoint }
          const result = await runTask(task, jobId, signal)
          return result.kind === 'summarize' ? result.draft : null
        }
        try {
          const source = conversation.source
          if (isSessionSource(source)) {
            const session = source.session
            const messages = sessionMessagesForSummary(await session.getMessages())
            const draft = await draftOf(messages)
            if (draft === null) throw declined(conversation, summarizerId, messages.length)
            const stored = await session.createSummary(true, () => draft)
            if (stored === null) throw declined(conversation, summarizerId, messages.length)
            bus.emit('session.changed', { id: source.sessionId })
            return { summary: stored.toDict(), summarizer: summarizerId, stored: true }
          }
          const { messages } = documentMessages(conversation)
          const draft = await draftOf(messages)
          const time = fileTime(conversation)
          // The draft made off-thread, given the count and time range as every summary gets them.
          const summary = await summarizeConversation(
            { id: summarizerId, summarize: async () => draft },
            messages,
            { startTime: time, endTime: time },
          )
          if (summary === null) throw declined(conversation, summarizerId, messages.length)
          return { summary: summary.toDict(), summarizer: summarizerId, stored: false }
        } catch (error) {
          const llmError = asLlmError(error)
          if (llmError) throw llmAppError(llmError, `${conversation.displayName}: the summary was not made`)
          throw error
        } finally {
          if (jobId !== undefined) bus.emit('summary.progress', { jobId, phase: 'done' })
        }
      })
    },

    'summary.compactionDefaults': () => defaultCompactionSettings(),

    'summary.simulate': async ({
      id,
      jobId,
      settings,
      summarizer: summarizerId,
      force,
      agentInstruction,
      provider,
    }) => {
      const conversation = documents.get(id)
      if (isFileSource(conversation.source) && conversation.source.file.memoryType === 'kg')
        throw new AppError(
          'UNSUPPORTED',
          `${conversation.displayName}: a kg memory holds facts, not a conversation: MARSYS does not compact it`,
        )
      if (conversation.items.length > MAX_SIMULATED_MESSAGES)
        throw new AppError(
          'UNSUPPORTED',
          `${conversation.displayName} has ${conversation.items.length} messages; the app simulates at most ${MAX_SIMULATED_MESSAGES} (use \`memory-inspector compact\`)`,
        )
      const revision = conversation.revision
      const { messages, positions } = documentMessages(conversation)
      const task: SummaryTask = {
        kind: 'simulate',
        config: compactionConfigInput(settings),
        summarizer: summarizerId,
        messages,
        force: force ?? false,
        agentInstruction: agentInstruction ?? null,
        provider: provider ?? null,
        ...(await llmFor(summarizerId)),
      }
      return jobs.run(jobId, async (signal) => {
        try {
          const result = await runTask(task, jobId, signal)
          if (result.kind !== 'simulate') throw new Error('the summary worker answered another task')
          return simulationView(result.simulation, messages, positions, revision)
        } catch (error) {
          if (error instanceof ConfigInputError)
            throw new AppError('INVALID_INPUT', `Compaction settings: ${error.message}`)
          const llmError = asLlmError(error)
          if (llmError) throw llmAppError(llmError, `${conversation.displayName}: the simulation stopped`)
          if (error instanceof CompactionModelError || error instanceof CompactionInputError)
            throw new AppError('INVALID_INPUT', `${conversation.displayName}: ${error.message}`)
          throw error
        } finally {
          bus.emit('summary.progress', { jobId, phase: 'done' })
        }
      })
    },

    'summary.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),

    'summary.llmSettings': () => llmView(),

    'summary.setLlmSettings': async ({ baseUrl, model, timeoutSeconds, apiKey, clearApiKey }) => {
      const trimmed = baseUrl.trim()
      let normalized = ''
      try {
        normalized = trimmed === '' ? '' : normalizeBaseUrl(trimmed)
      } catch (error) {
        if (error instanceof LlmError) throw new AppError('INVALID_INPUT', error.message)
        throw error
      }
      if ((apiKey !== undefined || clearApiKey) && !secrets.setApiKey)
        throw new AppError(
          'UNSUPPORTED',
          'In web mode the API key comes from MEMORY_INSPECTOR_LLM_API_KEY when the server starts; it cannot be set here',
        )
      await writeLlmSettingsFile(context.dataDir, {
        baseUrl: normalized,
        model: model.trim(),
        timeoutSeconds,
      })
      if (clearApiKey) await secrets.clearApiKey?.()
      else if (apiKey !== undefined) {
        try {
          await secrets.setApiKey!(apiKey)
        } catch (error) {
          throw new AppError('IO_ERROR', error instanceof Error ? error.message : 'the API key was not saved')
        }
      }
      return llmView()
    },

    'summary.testLlm': async ({ jobId }) => {
      const { settings, timeoutMs } = await llm()
      return jobs.run(jobId, async (signal) => {
        try {
          const reply = await chatCompletion(
            settings,
            {
              messages: [{ role: 'user', content: 'Reply with the single word OK.' }],
              maxTokens: 5,
              temperature: 0,
            },
            { signal, timeoutMs, onProgress: progress(jobId) },
          )
          return { model: settings.model, reply: reply.trim().slice(0, 200) }
        } catch (error) {
          if (error instanceof LlmError) throw llmAppError(error, `${settings.baseUrl}`)
          throw error
        }
      })
    },
  }
}
