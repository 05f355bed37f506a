import { SUMMARY_CHANNELS } from '../../shared/domains/summaries/channels'
import type { LlmSettingsView, SummaryResult } from '../../shared/domains/summaries/contract'
import { AppError } from '../engine/errors'
import { CompactionInputError, simulateCompaction } from '../engine/compaction/simulate'
import { CompactionModelError } from '../engine/compaction/modelCall'
import { ConfigInputError } from '../engine/compaction/configInput'
import type { CompactionModel, WireMessage } from '../engine/compaction/types'
import type { Conversation } from '../engine/conversations/conversation'
import { isFileSource } from '../engine/conversations/files/marsysFileSource'
import { isSessionSource } from '../engine/conversations/sessions/storeSessionSource'
import { chatCompletion, type ChatProgress } from '../engine/llm/chatCompletion'
import { LlmError } from '../engine/llm/llmError'
import { normalizeBaseUrl, resolveLlmSettings } from '../engine/llm/llmSettings'
import { readLlmSettingsFile, writeLlmSettingsFile } from '../engine/llm/llmSettingsFile'
import { createSummarizer } from '../engine/summaries/createSummarizer'
import { sessionMessagesForSummary } from '../engine/summaries/sessionSummaries'
import {
  type ConversationSummarizer,
  type SummarizerId,
  summarizeConversation,
} from '../engine/summaries/summarizer'
import { compactionConfigFrom, defaultCompactionSettings, simulationView } from './compactionView'
import type { Handlers } from './dispatch'
import type { Services } from './services'
import { SummaryJobs } from './summaryJobs'

type SummaryHandlers = Pick<Handlers, (typeof SUMMARY_CHANNELS)[number]>

/**
 * The simulation runs on main's thread between its awaits (only the LLM call is asynchronous), so documents are
 * bounded: MARSYS memories this long are far past any threshold and should be compacted from the command line.
 */
export const MAX_SIMULATED_MESSAGES = 20_000

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** One clear message for an LLM failure; the key is never part of it (chatCompletion blanks echoes). */
function llmAppError(error: LlmError, what: string): AppError {
  const code =
    error.kind === 'unauthorized' ? 'UNAUTHORIZED' : error.kind === 'config' ? 'INVALID_INPUT' : 'IO_ERROR'
  return new AppError(code, `${what}: ${error.message}`, { reason: error.kind })
}

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

  const progress = (jobId: string | undefined) => (p: ChatProgress) => {
    if (jobId !== undefined)
      bus.emit('summary.progress', { jobId, phase: p.phase, ...('bytes' in p ? { bytes: p.bytes } : {}) })
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

  /** The saved endpoint (or MEMORY_INSPECTOR_LLM_* when nothing is saved) and the key. */
  const llm = async () => {
    const saved = await readLlmSettingsFile(context.dataDir)
    try {
      const settings = await resolveLlmSettings({ baseUrl: saved.baseUrl, model: saved.model }, secrets)
      return { settings, timeoutMs: saved.timeoutSeconds * 1000 }
    } catch (error) {
      if (error instanceof LlmError)
        throw new AppError(
          'INVALID_INPUT',
          `${error.message.replace(/give --llm-[a-z-]+ or /, 'save it in Settings or ')}`,
        )
      throw error
    }
  }

  const summarizerFor = async (id: SummarizerId): Promise<ConversationSummarizer> =>
    id === 'llm' ? createSummarizer('llm', await llm()) : createSummarizer(id)

  const declined = (conversation: Conversation, id: string, count: number): AppError =>
    new AppError(
      'UNSUPPORTED',
      `${conversation.displayName}: the ${id} summarizer needs at least 5 messages, with a user and an assistant one (this has ${count})`,
    )

  return {
    'summary.summarize': async ({ id, summarizer: summarizerId, jobId }): Promise<SummaryResult> => {
      const conversation = documents.get(id)
      const summarizer = await summarizerFor(summarizerId)
      return jobs.run(jobId, async (signal) => {
        const options = { signal, onProgress: progress(jobId) }
        try {
          const source = conversation.source
          if (isSessionSource(source)) {
            const session = source.session
            const messages = sessionMessagesForSummary(await session.getMessages())
            const draft = await summarizer.summarize(messages, options)
            if (draft === null) throw declined(conversation, summarizerId, messages.length)
            const stored = await session.createSummary(true, () => draft)
            if (stored === null) throw declined(conversation, summarizerId, messages.length)
            bus.emit('session.changed', { id: source.sessionId })
            return { summary: stored.toDict(), summarizer: summarizerId, stored: true }
          }
          const { messages } = documentMessages(conversation)
          const time = fileTime(conversation)
          const summary = await summarizeConversation(
            summarizer,
            messages,
            { startTime: time, endTime: time },
            options,
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

    'summary.simulate': async ({ id, jobId, settings, summarizer: summarizerId, force }) => {
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
      let config
      try {
        config = compactionConfigFrom(settings)
      } catch (error) {
        if (error instanceof ConfigInputError)
          throw new AppError('INVALID_INPUT', `Compaction settings: ${error.message}`)
        throw error
      }
      const revision = conversation.revision
      const { messages, positions } = documentMessages(conversation)
      const model: CompactionModel | null =
        summarizerId === 'none'
          ? null
          : (await summarizerFor(summarizerId)).compactionModel!({ onProgress: progress(jobId) })
      return jobs.run(jobId, async (signal) => {
        try {
          const simulation = await simulateCompaction(messages, config, {
            model,
            force: force ?? false,
            signal,
            onStage: (stage) => bus.emit('summary.progress', { jobId, phase: 'stage', stage }),
          })
          return simulationView(simulation, messages, positions, revision)
        } catch (error) {
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
