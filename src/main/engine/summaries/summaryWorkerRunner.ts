import { Worker } from 'node:worker_threads'
import { builtWorkerPath } from '../workerFile'
import { decodeWire, encodeWire } from '../../../shared/wire'
import { LlmError } from '../llm/llmError'
import { runSummaryTask, type SummaryTask, type TaskProgress, type TaskResult } from './summaryTask'
import { rebuildTaskError, type WorkerReply } from './summaryWorkerProtocol'

export const SUMMARY_WORKER_FILE = 'summaryWorker.js'

/** The built worker next to this module (`out/main/summaryWorker.js`, from an entry or a shared chunk). */
export function builtSummaryWorkerPath(moduleUrl: string = import.meta.url): string | undefined {
  return builtWorkerPath(SUMMARY_WORKER_FILE, moduleUrl)
}

export interface TaskRunOptions {
  signal?: AbortSignal
  onProgress?: (progress: TaskProgress) => void
  /** The worker script; default the built one. Without one (running from the sources) the task runs in place. */
  workerPath?: string | null
}

const cancelled = () => new LlmError('cancelled', 'cancelled')

/**
 * Runs a task in a worker thread of its own (one per task: they are rare and long), so summarising or simulating a
 * large memory never blocks main. Cancelling terminates the worker at once, whatever it was doing.
 */
export function runSummaryTaskOffThread(
  task: SummaryTask,
  options: TaskRunOptions = {},
): Promise<TaskResult> {
  const path = options.workerPath === undefined ? builtSummaryWorkerPath() : options.workerPath
  const progress = options.onProgress ?? (() => undefined)
  if (!path) return runSummaryTask(task, progress, options.signal)
  if (options.signal?.aborted) return Promise.reject(cancelled())
  return new Promise((resolve, reject) => {
    const worker = new Worker(path)
    let settled = false
    const finish = (done: () => void) => {
      if (settled) return
      settled = true
      options.signal?.removeEventListener('abort', onAbort)
      void worker.terminate()
      done()
    }
    const onAbort = () => finish(() => reject(cancelled()))
    options.signal?.addEventListener('abort', onAbort, { once: true })
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'progress') progress(reply.progress)
      else if (reply.type === 'result') finish(() => resolve(decodeWire(reply.result) as TaskResult))
      else finish(() => reject(rebuildTaskError(reply.error)))
    })
    worker.on('error', (error) =>
      finish(() => reject(new Error(`the summary worker failed: ${error.message}`))),
    )
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`the summary worker stopped (exit code ${code})`))),
    )
    // Messages read from a file keep its key order in objects a structured clone cannot copy: send the wire form.
    worker.postMessage(encodeWire(task))
  })
}
