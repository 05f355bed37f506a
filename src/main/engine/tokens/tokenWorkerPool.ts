import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { MessageTokens } from './messageTokens'
import type { TokenWorkerRequest, TokenWorkerResponse } from './workerProtocol'

export const TOKEN_WORKER_FILE = 'tokenWorker.js'

/**
 * The built worker next to this module: `out/main/tokenWorker.js`, whether this code was bundled into an entry
 * (`out/main/*.js`) or a shared chunk (`out/main/chunks/*.js`). Undefined when running from source.
 */
export function builtTokenWorkerPath(moduleUrl: string = import.meta.url): string | undefined {
  const here = dirname(fileURLToPath(moduleUrl))
  return [join(here, TOKEN_WORKER_FILE), join(here, '..', TOKEN_WORKER_FILE)].find((path) => existsSync(path))
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
}

interface Job {
  request: TokenWorkerRequest
  resolve(counts: MessageTokens[]): void
  reject(error: Error): void
}

/**
 * Worker threads counting batches of messages. Workers start on first use, each keeps its tokenizers loaded, and
 * an idle pool does not keep the process alive.
 */
export class TokenWorkerPool {
  readonly size: number
  readonly workerPath: string
  private readonly idle: Worker[] = []
  private readonly busy = new Map<Worker, Job>()
  private readonly queue: Job[] = []
  private nextId = 1
  private closed = false

  constructor(opts: TokenWorkerPoolOptions = {}) {
    const path = opts.workerPath ?? builtTokenWorkerPath()
    if (!path)
      throw new Error(`the token worker (${TOKEN_WORKER_FILE}) is not built: run \`npm run build\` first`)
    this.workerPath = path
    this.size = Math.max(1, Math.floor(opts.size ?? availableParallelism()))
  }

  get workerCount(): number {
    return this.idle.length + this.busy.size
  }

  /** Counts one batch. An abort takes the batch out of the queue if no worker has started it. */
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
    // Jobs queued together while no worker is idle each get a worker of their own.
    await Promise.all(Array.from({ length: this.size }, () => this.run({ encodings, texts: [] })))
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) job.reject(new Error('the token worker pool is closed'))
    const workers = [...this.idle.splice(0), ...this.busy.keys()]
    for (const [, job] of this.busy) job.reject(new Error('the token worker pool is closed'))
    this.busy.clear()
    await Promise.all(workers.map((worker) => worker.terminate()))
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.workerCount < this.size ? this.spawn() : undefined)
      if (!worker) return
      const job = this.queue.shift() as Job
      this.busy.set(worker, job)
      worker.ref()
      worker.postMessage(job.request)
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.workerPath)
    worker.on('message', (response: TokenWorkerResponse) => this.finish(worker, response))
    worker.on('error', (error) => this.fail(worker, error))
    worker.on('exit', (code) => this.fail(worker, new Error(`a token worker stopped (exit code ${code})`)))
    return worker
  }

  private finish(worker: Worker, response: TokenWorkerResponse): void {
    const job = this.busy.get(worker)
    this.busy.delete(worker)
    worker.unref()
    this.idle.push(worker)
    if (job) {
      if ('error' in response) job.reject(new TokenWorkerError(response.error, response.index))
      else job.resolve(response.counts)
    }
    this.dispatch()
  }

  /** A worker crashed or exited: its job fails, the worker is dropped and the queue goes on with a new one. */
  private fail(worker: Worker, error: Error): void {
    const job = this.busy.get(worker)
    this.busy.delete(worker)
    const at = this.idle.indexOf(worker)
    if (at >= 0) this.idle.splice(at, 1)
    job?.reject(new TokenWorkerError(`token worker failed: ${error.message}`))
    if (!this.closed) this.dispatch()
  }
}
