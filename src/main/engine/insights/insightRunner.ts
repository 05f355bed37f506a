/**
 * Runs insights jobs off the main thread: each job gets a worker thread of its own (the built `insightWorker.js`).
 * Main reads the messages' JSON text and streams it to the worker in small chunks, yielding to the event loop
 * every few milliseconds, so it never holds a whole large conversation's text at once nor blocks for long;
 * cancelling ends the worker at once (and with it an LLM call a graph job makes). A failed LLM call arrives as the
 * LlmError it was. From the TypeScript sources (unit tests) there is no built worker, and jobs
 * run in-process instead.
 */
import { Worker } from 'node:worker_threads'
import { builtWorkerPath } from '../workerFile'
import type { InsightPhase } from '../../../shared/domains/insights/model'
import { AppError } from '../appError'
import { runJob, type JobConversation, type JobRequest, type Progress } from './insightJob'
import { yieldToEventLoop } from '../eventLoop'
import { LlmError, type LlmErrorKind } from '../llm/llmError'
import type { TaskLlm } from '../summaries/summaryTask'

export const INSIGHT_WORKER_FILE = 'insightWorker.js'

export type InsightWorkerRequest =
  | { type: 'begin'; request: JobRequest }
  | { type: 'raws'; conversation: number; raws: string[] }
  | { type: 'run' }

export type InsightWorkerResponse =
  | { type: 'progress'; phase: InsightPhase; done: number; total: number }
  | { type: 'result'; result: unknown }
  | { type: 'error'; message: string; llmError?: LlmErrorKind }

/** The built worker next to this module (an entry in out/main or a chunk in out/main/chunks), if there is one. */
export function builtInsightWorkerPath(moduleUrl: string = import.meta.url): string | undefined {
  return builtWorkerPath(INSIGHT_WORKER_FILE, moduleUrl)
}

/** How long main works on a job at one go before letting other work in. */
const SLICE_MS = 8
/** Characters of message text sent to the worker in one message (cloning is linear in it). */
const CHUNK_CHARS = 256 * 1024

export const cancelledError = (): AppError =>
  new AppError('CONFLICT', 'The insights job was cancelled.', { reason: 'cancelled' })

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelledError()
}

/** A conversation as the job reads it: its fields, and its messages' JSON text read one by one. */
export interface ConversationSource extends Omit<JobConversation, 'raws'> {
  count: number
  raw(index: number): string
  /** Called after the last message is read: throws when the conversation changed meanwhile. */
  checkUnchanged?(): void
}

export type SourceRequest =
  | { kind: 'document' | 'handoffs'; conversation: ConversationSource }
  | { kind: 'graph'; conversation: ConversationSource; llm?: TaskLlm }
  | { kind: 'store'; conversations: ConversationSource[]; sessionsTotal: number }

export interface RunOptions {
  signal?: AbortSignal
  progress?: Progress
}

/**
 * Reads `source`'s messages in chunks of about CHUNK_CHARS, handing each to `take`; yields to the event loop
 * whenever a slice has run SLICE_MS.
 */
async function readInChunks(
  source: ConversationSource,
  take: (raws: string[]) => void,
  signal: AbortSignal | undefined,
  progress: Progress,
): Promise<void> {
  let chunk: string[] = []
  let chars = 0
  let sliceStart = performance.now()
  for (let i = 0; i < source.count; i++) {
    const raw = source.raw(i)
    chunk.push(raw)
    chars += raw.length
    if (chars >= CHUNK_CHARS) {
      take(chunk)
      chunk = []
      chars = 0
    }
    if ((i & 15) === 15 && performance.now() - sliceStart > SLICE_MS) {
      progress('reading', i + 1, source.count)
      await yieldToEventLoop()
      throwIfAborted(signal)
      sliceStart = performance.now()
    }
  }
  if (chunk.length > 0) take(chunk)
  source.checkUnchanged?.()
}

const fieldsOf = ({ count: _count, raw: _raw, checkUnchanged: _check, ...fields }: ConversationSource) =>
  fields

export class InsightRunner {
  /** `inline`: in this thread (for tests from source; blocks while the job runs). */
  constructor(readonly workerPath: string | 'inline' = builtInsightWorkerPath() ?? 'inline') {}

  async run(request: SourceRequest, options: RunOptions = {}): Promise<unknown> {
    throwIfAborted(options.signal)
    const progress: Progress = options.progress ?? (() => undefined)
    if (this.workerPath === 'inline')
      return runJob(await readAll(request, options.signal, progress), progress)
    return this.inWorker(this.workerPath, request, progress, options.signal)
  }

  private async inWorker(
    path: string,
    request: SourceRequest,
    progress: Progress,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const sources = request.kind === 'store' ? request.conversations : [request.conversation]
    const worker = new Worker(path)
    let settle: { resolve(value: unknown): void; reject(error: Error): void } | null = null
    const done = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }))
    const finish = (error: Error | null, value?: unknown): void => {
      const s = settle
      settle = null
      signal?.removeEventListener('abort', onAbort)
      void worker.terminate()
      if (!s) return
      if (error) s.reject(error)
      else s.resolve(value)
    }
    const onAbort = (): void => finish(cancelledError())
    signal?.addEventListener('abort', onAbort, { once: true })
    worker.on('message', (response: InsightWorkerResponse) => {
      if (response.type === 'progress') progress(response.phase, response.done, response.total)
      else if (response.type === 'result') finish(null, response.result)
      else if (response.llmError) finish(new LlmError(response.llmError, response.message))
      else finish(new AppError('INTERNAL', `Insights failed: ${response.message}`))
    })
    worker.on('error', (error) => finish(new AppError('INTERNAL', `Insights failed: ${error.message}`)))
    worker.on('exit', (code) =>
      finish(new AppError('INTERNAL', `The insights worker stopped (exit code ${code}).`)),
    )
    const post = (message: InsightWorkerRequest): void => worker.postMessage(message)
    try {
      post({ type: 'begin', request: shellOf(request) })
      for (const [index, source] of sources.entries()) {
        await readInChunks(
          source,
          (raws) => post({ type: 'raws', conversation: index, raws }),
          signal,
          progress,
        )
        if (settle === null) return done
      }
      post({ type: 'run' })
    } catch (error) {
      finish(error instanceof Error ? error : new Error(String(error)))
    }
    return done
  }
}

/** The request with no message text yet: the worker receives it in chunks. */
function shellOf(request: SourceRequest): JobRequest {
  const empty = (source: ConversationSource): JobConversation => ({ ...fieldsOf(source), raws: [] })
  return request.kind === 'store'
    ? { ...request, conversations: request.conversations.map(empty) }
    : request.kind === 'graph'
      ? { kind: 'graph', conversation: empty(request.conversation), llm: request.llm }
      : { kind: request.kind, conversation: empty(request.conversation) }
}

async function readAll(request: SourceRequest, signal: AbortSignal | undefined, progress: Progress) {
  const job = shellOf(request)
  const targets = job.kind === 'store' ? job.conversations : [job.conversation]
  const sources = request.kind === 'store' ? request.conversations : [request.conversation]
  for (const [i, source] of sources.entries())
    await readInChunks(source, (raws) => targets[i].raws.push(...raws), signal, progress)
  return job
}
