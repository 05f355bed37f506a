import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { builtWorkerPath } from '../workerFile'
import type { MessageTokens } from './messageTokens'
import { unpackTokens } from './packedTokens'
import type {
  TokenWorkerData,
  TokenWorkerPriority,
  TokenWorkerRequest,
  TokenWorkerResponse,
} from './workerProtocol'

export const TOKEN_WORKER_FILE = 'tokenWorker.js'

/** The built worker next to this module (an entry in out/main or a chunk in out/main/chunks); none from source. */
export function builtTokenWorkerPath(moduleUrl: string = import.meta.url): string | undefined {
  return builtWorkerPath(TOKEN_WORKER_FILE, moduleUrl)
}

/** A batch failed in a worker; `index` is the message within the batch when one message is at fault. */
export class TokenWorkerError extends Error {
  constructor(
    message: string,
    readonly index?: number,
  ) {
    super(message)
    this.name = 'TokenWorkerError'
  }
}

export interface TokenWorkerPoolOptions {
  /** The worker script (default: the built one, see builtTokenWorkerPath). */
  workerPath?: string
  /** Worker threads at most (default `os.availableParallelism()`, at least 1). */
  size?: number
  /**
   * The workers' scheduling priority on Linux (default `below-normal`: counting yields the CPU to the app's main
   * thread and to the rest of the machine; `normal` when nothing else waits, e.g. a batch job).
   */
  priority?: TokenWorkerPriority
}

interface Job {
  request: TokenWorkerRequest
  resolve(counts: MessageTokens[]): void
  reject(error: Error): void
}

/**
 * Batches posted to one worker ahead of its answers: while it counts one, the next waits in its message queue, so
 * it never idles for a round trip through the main thread (which may be busy hashing the next messages).
 */
const JOBS_PER_WORKER = 2

/**
 * Worker threads counting batches of messages. Workers start on first use, each keeps its tokenizers loaded, and
 * an idle pool does not keep the process alive.
 */
export class TokenWorkerPool {
  readonly size: number
  readonly workerPath: string
  readonly priority: TokenWorkerPriority
  /** Each worker with the jobs posted to it, oldest first (a worker answers in order). */
  private readonly workers = new Map<Worker, Job[]>()
  private readonly queue: Job[] = []
  private nextId = 1
  private closed = false

  constructor(opts: TokenWorkerPoolOptions = {}) {
    const path = opts.workerPath ?? builtTokenWorkerPath()
    if (!path)
      throw new Error(`the token worker (${TOKEN_WORKER_FILE}) is not built: run \`npm run build\` first`)
    this.workerPath = path
    this.size = Math.max(1, Math.floor(opts.size ?? availableParallelism()))
    this.priority = opts.priority ?? 'below-normal'
  }

  get workerCount(): number {
    return this.workers.size
  }

  /** Counts one batch. An abort takes the batch out of the queue if it was not posted to a worker yet. */
  run(request: Omit<TokenWorkerRequest, 'id'>, signal?: AbortSignal): Promise<MessageTokens[]> {
    if (this.closed) return Promise.reject(new Error('the token worker pool is closed'))
    if (signal?.aborted) return Promise.reject(signal.reason as Error)
    return new Promise((resolve, reject) => {
      const job: Job = { request: { ...request, id: this.nextId++ }, resolve, reject }
      const onAbort = (): void => {
        const at = this.queue.indexOf(job)
        if (at < 0) return
        this.queue.splice(at, 1)
        reject(signal?.reason as Error)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      const settle =
        <T>(done: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', onAbort)
          done(value)
        }
      job.resolve = settle(resolve)
      job.reject = settle(reject)
      this.queue.push(job)
      this.dispatch()
    })
  }

  /** Starts every worker and loads these encodings in each, so the first count runs at full speed. */
  async warmUp(encodings: TokenWorkerRequest['encodings']): Promise<void> {
    // Jobs queued together go to a worker of their own while the pool can still start one.
    await Promise.all(Array.from({ length: this.size }, () => this.run({ encodings, texts: [] })))
  }

  async close(): Promise<void> {
    this.closed = true
    const closedError = (): Error => new Error('the token worker pool is closed')
    for (const job of this.queue.splice(0)) job.reject(closedError())
    const workers = [...this.workers]
    this.workers.clear()
    for (const [, jobs] of workers) for (const job of jobs) job.reject(closedError())
    await Promise.all(workers.map(([worker]) => worker.terminate()))
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.pickWorker()
      if (!worker) return
      const job = this.queue.shift() as Job
      const jobs = this.workers.get(worker) as Job[]
      jobs.push(job)
      worker.ref()
      worker.postMessage(job.request)
    }
  }

  /** The least loaded worker with room, or a new one while every worker has a job and the pool may grow. */
  private pickWorker(): Worker | undefined {
    let best: Worker | undefined
    let bestLoad = JOBS_PER_WORKER
    for (const [worker, jobs] of this.workers)
      if (jobs.length < bestLoad) {
        best = worker
        bestLoad = jobs.length
      }
    if (bestLoad > 0 && this.workers.size < this.size) return this.spawn()
    return best
  }

  private spawn(): Worker {
    const workerData: TokenWorkerData = { priority: this.priority }
    const worker = new Worker(this.workerPath, { workerData })
    this.workers.set(worker, [])
    worker.on('message', (response: TokenWorkerResponse) => this.finish(worker, response))
    worker.on('error', (error) => this.fail(worker, error))
    worker.on('exit', (code) => this.fail(worker, new Error(`a token worker stopped (exit code ${code})`)))
    return worker
  }

  private finish(worker: Worker, response: TokenWorkerResponse): void {
    const jobs = this.workers.get(worker)
    const at = jobs?.findIndex((job) => job.request.id === response.id) ?? -1
    if (!jobs || at < 0) return
    const [job] = jobs.splice(at, 1)
    if (jobs.length === 0) worker.unref()
    if ('error' in response) job.reject(new TokenWorkerError(response.error, response.index))
    else settleWith(job, () => unpackTokens(response.counts, job.request.encodings))
    this.dispatch()
  }

  /**
   * A worker crashed or exited: the job it was counting fails, the worker is dropped, and the jobs posted behind
   * that one go back to the front of the queue for another worker.
   */
  private fail(worker: Worker, error: Error): void {
    const jobs = this.workers.get(worker)
    if (!jobs) return
    this.workers.delete(worker)
    const [current, ...waiting] = jobs
    this.queue.unshift(...waiting)
    current?.reject(new TokenWorkerError(`token worker failed: ${error.message}`))
    if (!this.closed) this.dispatch()
  }
}

function settleWith(job: Job, counts: () => MessageTokens[]): void {
  try {
    job.resolve(counts())
  } catch (error) {
    job.reject(new TokenWorkerError(`bad answer from a token worker: ${(error as Error).message}`))
  }
}
