import { Worker } from 'node:worker_threads'
import { AppError } from '../appError'
import { builtWorkerPath } from '../workerFile'
import { alignRows, type AlignedRows, type AlignOptions, type AlignSide } from './alignRows'

export const ALIGN_WORKER_FILE = 'alignWorker.js'

export interface AlignWorkerRequest {
  left: AlignSide
  right: AlignSide
  options: AlignOptions
}

export type AlignWorkerResponse = { type: 'result'; rows: AlignedRows } | { type: 'error'; message: string }

/** Comparisons this small are aligned in the calling thread: starting a worker would cost more. */
const INLINE_MESSAGES = 500

export const compareCancelledError = (): AppError =>
  new AppError('CONFLICT', 'The comparison was cancelled.', { reason: 'cancelled' })

/**
 * Runs the alignment in a worker thread of its own (cancelling ends it at once). From the TypeScript sources there
 * is no built worker, and it runs in-process.
 */
export class AlignRunner {
  /** `inline`: in this thread (tests from source). */
  constructor(
    readonly workerPath: string | 'inline' = builtWorkerPath(ALIGN_WORKER_FILE, import.meta.url) ?? 'inline',
    private readonly options: AlignOptions = {},
  ) {}

  async align(left: AlignSide, right: AlignSide, signal?: AbortSignal): Promise<AlignedRows> {
    if (signal?.aborted) throw compareCancelledError()
    const size = left.fingerprints.length + right.fingerprints.length
    if (this.workerPath === 'inline' || size <= INLINE_MESSAGES) return alignRows(left, right, this.options)
    const worker = new Worker(this.workerPath)
    try {
      return await new Promise<AlignedRows>((resolve, reject) => {
        const onAbort = (): void => reject(compareCancelledError())
        signal?.addEventListener('abort', onAbort, { once: true })
        worker.on('message', (response: AlignWorkerResponse) => {
          if (response.type === 'result') resolve(response.rows)
          else reject(new AppError('INTERNAL', `The comparison failed: ${response.message}`))
        })
        worker.on('error', (error) =>
          reject(new AppError('INTERNAL', `The comparison failed: ${error.message}`)),
        )
        worker.on('exit', (code) =>
          reject(new AppError('INTERNAL', `The comparison worker stopped (exit code ${code}).`)),
        )
        const request: AlignWorkerRequest = { left, right, options: this.options }
        worker.postMessage(request)
      })
    } finally {
      void worker.terminate()
    }
  }
}
