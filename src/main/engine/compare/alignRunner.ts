import { Worker } from 'node:worker_threads'
import type { ComparePhase } from '../../../shared/domains/compare/model'
import { AppError } from '../appError'
import { yieldToEventLoop } from '../eventLoop'
import { builtWorkerPath } from '../workerFile'
import { AlignJob } from './alignJob'
import type { AlignedRows, AlignOptions } from './alignRows'

export const ALIGN_WORKER_FILE = 'alignWorker.js'

export type AlignWorkerRequest =
  | { type: 'begin'; counts: [number, number]; options: AlignOptions }
  | { type: 'raws'; side: 0 | 1; raws: string[] }
  | { type: 'run' }

export type AlignWorkerResponse = { type: 'result'; rows: AlignedRows } | { type: 'error'; message: string }

/** A side as the alignment reads it: its messages' JSON text, one at a time. */
export interface AlignSource {
  /** Which format the messages are in: fields only one format has are not compared across formats. */
  format: 'file' | 'session'
  count: number
  raw(position: number): string
  /** Called once every message is read: throws when the side changed meanwhile (positions would mix). */
  checkUnchanged(): void
}

export interface AlignRunOptions {
  signal?: AbortSignal
  progress?: (phase: ComparePhase, done: number, total: number) => void
}

/** How long main reads messages at one go before letting other work in. */
const SLICE_MS = 8
/** Characters of message text sent to the worker in one message (cloning is linear in it). */
const CHUNK_CHARS = 256 * 1024

export const compareCancelledError = (): AppError =>
  new AppError('CONFLICT', 'The comparison was cancelled.', { reason: 'cancelled' })

/** Where the message texts go: a worker, or a job in this thread. */
interface JobPort {
  post(request: AlignWorkerRequest): void
  result: Promise<AlignedRows>
  end(): void
}

function inlinePort(): JobPort {
  let job: AlignJob | null = null
  let settle: { resolve(rows: AlignedRows): void; reject(error: Error): void } = {
    resolve: () => undefined,
    reject: () => undefined,
  }
  const result = new Promise<AlignedRows>((resolve, reject) => (settle = { resolve, reject }))
  return {
    result,
    post: (request) => {
      try {
        if (request.type === 'begin') job = new AlignJob(request.counts, request.options)
        else if (request.type === 'raws') job?.add(request.side, request.raws)
        else if (job) settle.resolve(job.run())
      } catch (error) {
        settle.reject(error instanceof Error ? error : new Error(String(error)))
      }
    },
    end: () => undefined,
  }
}

function workerPort(path: string): JobPort {
  const worker = new Worker(path)
  const result = new Promise<AlignedRows>((resolve, reject) => {
    worker.on('message', (response: AlignWorkerResponse) => {
      if (response.type === 'result') resolve(response.rows)
      else reject(new AppError('INTERNAL', `The comparison failed: ${response.message}`))
    })
    worker.on('error', (error) => reject(new AppError('INTERNAL', `The comparison failed: ${error.message}`)))
    worker.on('exit', (code) =>
      reject(new AppError('INTERNAL', `The comparison worker stopped (exit code ${code}).`)),
    )
  })
  return { result, post: (request) => worker.postMessage(request), end: () => void worker.terminate() }
}

/**
 * Aligns two sides off the main thread: main only reads each message's JSON text, in time slices, and streams it
 * in chunks to a worker of its own, which parses, fingerprints and matches (cancelling ends it at once). From the
 * TypeScript sources there is no built worker, and the same job runs in-process.
 */
export class AlignRunner {
  /** `inline`: in this thread (tests from source). */
  constructor(
    readonly workerPath: string | 'inline' = builtWorkerPath(ALIGN_WORKER_FILE, import.meta.url) ?? 'inline',
    private readonly options: AlignOptions = {},
  ) {}

  async align(left: AlignSource, right: AlignSource, run: AlignRunOptions = {}): Promise<AlignedRows> {
    const { signal, progress = () => undefined } = run
    if (signal?.aborted) throw compareCancelledError()
    const port = this.workerPath === 'inline' ? inlinePort() : workerPort(this.workerPath)
    // A failure before `run` (the worker could not start) is reported once, by the await below.
    port.result.catch(() => undefined)
    try {
      const options = { wholeMessages: left.format === right.format, ...this.options }
      port.post({ type: 'begin', counts: [left.count, right.count], options })
      const total = left.count + right.count
      let done = 0
      let sliceStart = performance.now()
      for (const [side, source] of [left, right].entries()) {
        let chunk: string[] = []
        let chars = 0
        for (let i = 0; i < source.count; i++) {
          const raw = source.raw(i)
          chunk.push(raw)
          chars += raw.length
          done++
          if (chars >= CHUNK_CHARS) {
            port.post({ type: 'raws', side: side as 0 | 1, raws: chunk })
            chunk = []
            chars = 0
          }
          if ((i & 15) === 15 && performance.now() - sliceStart > SLICE_MS) {
            progress('reading', done, total)
            await yieldToEventLoop()
            if (signal?.aborted) throw compareCancelledError()
            sliceStart = performance.now()
          }
        }
        if (chunk.length > 0) port.post({ type: 'raws', side: side as 0 | 1, raws: chunk })
      }
      left.checkUnchanged()
      right.checkUnchanged()
      progress('matching', 0, 1)
      port.post({ type: 'run' })
      const rows = await Promise.race([
        port.result,
        new Promise<never>((_, reject) => {
          if (signal?.aborted) reject(compareCancelledError())
          signal?.addEventListener('abort', () => reject(compareCancelledError()), { once: true })
        }),
      ])
      progress('matching', 1, 1)
      return rows
    } finally {
      port.end()
    }
  }
}
