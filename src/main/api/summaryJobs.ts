import { AppError } from '../engine/appError'

/** Long summary and compaction calls in flight, by the renderer's job id, so `summary.cancel` can stop them. */
export class SummaryJobs {
  private readonly running = new Map<string, AbortController>()

  /** Runs `work` with a signal that `cancel(jobId)` aborts; a job id already running is refused. */
  async run<T>(jobId: string | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (jobId === undefined) return work(new AbortController().signal)
    if (this.running.has(jobId)) throw new AppError('CONFLICT', `Job ${jobId} is already running`)
    const controller = new AbortController()
    this.running.set(jobId, controller)
    try {
      return await work(controller.signal)
    } finally {
      this.running.delete(jobId)
    }
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId)
    controller?.abort(new Error('cancelled'))
    return controller !== undefined
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort(new Error('cancelled'))
  }
}
