/**
 * Runs insights jobs off the main thread: each job gets a worker thread of its own (the built `insightWorker.js`),
 * fed its messages' JSON text in slices so that neither collecting nor sending them holds the main thread for
 * long; cancelling ends the worker at once. From the TypeScript sources (unit tests) there is no built worker, and
 * jobs run in-process instead.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { InsightPhase } from '../../../shared/domains/insights/model'
import { AppError } from '../errors'
import { runJob, type JobConversation, type JobRequest, type Progress } from './insightJob'

export const INSIGHT_WORKER_FILE = 'insightWorker.js'

export type InsightWorkerRequest =
  | { type: 'begin'; request: JobRequest }
  | { type: 'raws'; conversation: number; raws: string[] }
  | { type: 'run' }

export type InsightWorkerResponse =
  | { type: 'progress'; phase: InsightPhase; done: number; total: number }
  | { type: 'result'; result: unknown }
  | { type: 'error'; message: string }

/** The built worker next to this module (an entry in out/main or a chunk in out/main/chunks), if there is one. */
export function builtInsightWorkerPath(moduleUrl: string = import.meta.url): string | undefined {
  const here = dirname(fileURLToPath(moduleUrl))
  return [join(here, INSIGHT_WORKER_FILE), join(here, '..', INSIGHT_WORKER_FILE)].find((path) =>
    existsSync(path),
  )
}

/** How long main works on a job at one go before letting other work in. */
const SLICE_MS = 15
/** Characters of message text sent to the worker in one message (cloning is linear in it). */
const CHUNK_CHARS = 1_000_000

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export const cancelledError = (): AppError =>
  new AppError('CONFLICT', 'The insights job was cancelled.', { reason: 'cancelled' })

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelledError()
}

/** `raw(i)` for every i below `count`, in slices of at most SLICE_MS. */
export async function collectRaws(
  count: number,
  raw: (index: number) => string,
  signal?: AbortSignal,
  progress?: Progress,
): Promise<string[]> {
  const out = new Array<string>(count)
  let sliceStart = performance.now()
  for (let i = 0; i < count; i++) {
    out[i] = raw(i)
    if ((i & 255) === 255 && performance.now() - sliceStart > SLICE_MS) {
      progress?.('reading', i + 1, count)
      await yieldToEventLoop()
      throwIfAborted(signal)
      sliceStart = performance.now()
    }
  }
  return out
}

export interface RunOptions {
  signal?: AbortSignal
  progress?: Progress
}

export class InsightRunner {
  /** `inline`: in this thread (for tests from source; blocks while it runs). */
  constructor(readonly workerPath: string | 'inline' = builtInsightWorkerPath() ?? 'inline') {}

  get inline(): boolean {
    return this.workerPath === 'inline'
  }

  async run(request: JobRequest, options: RunOptions = {}): Promise<unknown> {
    throwIfAborted(options.signal)
    const progress: Progress = options.progress ?? (() => undefined)
    if (this.workerPath === 'inline') return runJob(request, progress)
    return this.inWorker(this.workerPath, request, progress, options.signal)
  }

  private async inWorker(
    path: string,
    request: JobRequest,
    progress: Progress,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const conversations = request.kind === 'store' ? request.conversations : [request.conversation]
    const empty = (c: JobConversation): JobConversation => ({ ...c, raws: [] })
    const shell: JobRequest =
      request.kind === 'store'
        ? { ...request, conversations: request.conversations.map(empty) }
        : { ...request, conversation: empty(request.conversation) }
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
      else finish(new AppError('INTERNAL', `Insights failed: ${response.message}`))
    })
    worker.on('error', (error) => finish(new AppError('INTERNAL', `Insights failed: ${error.message}`)))
    worker.on('exit', (code) =>
      finish(new AppError('INTERNAL', `The insights worker stopped (exit code ${code}).`)),
    )
    worker.postMessage({ type: 'begin', request: shell } satisfies InsightWorkerRequest)
    try {
      for (const [index, conversation] of conversations.entries()) {
        let start = 0
        while (start < conversation.raws.length) {
          let end = start
          let chars = 0
          while (end < conversation.raws.length && (end === start || chars < CHUNK_CHARS))
            chars += conversation.raws[end++].length
          worker.postMessage({
            type: 'raws',
            conversation: index,
            raws: conversation.raws.slice(start, end),
          } satisfies InsightWorkerRequest)
          start = end
          await yieldToEventLoop()
          if (settle === null) return done
        }
      }
      worker.postMessage({ type: 'run' } satisfies InsightWorkerRequest)
    } catch (error) {
      finish(error instanceof Error ? error : new Error(String(error)))
    }
    return done
  }
}
