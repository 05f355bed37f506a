import { randomUUID } from 'node:crypto'
import type { MigrationJob, MigrationReport } from '../../shared/domains/migration/contract'
import type { EventBus } from './events'

interface Job {
  controller: AbortController
  state: MigrationJob
  ended: Promise<void>
}

/** Finished jobs kept for `migration.job` (the newest); older ones are forgotten. */
const KEPT_FINISHED = 20

/**
 * Migration runs in progress and recently ended, by id. A run reports progress as `migration.progress` (at most
 * every `progressMs`, and always its last step) and its end as `migration.finished`; its report stays readable.
 */
export class MigrationJobs {
  private readonly jobs = new Map<string, Job>()

  constructor(
    private readonly bus: EventBus,
    private readonly progressMs = 100,
  ) {}

  start(
    run: (
      signal: AbortSignal,
      onProgress: (current: number, total: number, status: string) => void,
    ) => Promise<MigrationReport>,
  ): string {
    const jobId = randomUUID()
    const job: Job = {
      controller: new AbortController(),
      state: {
        jobId,
        running: true,
        progress: { current: 0, total: 0, status: 'starting' },
        report: null,
        error: null,
      },
      ended: Promise.resolve(),
    }
    this.jobs.set(jobId, job)
    let lastSent = 0
    const onProgress = (current: number, total: number, status: string): void => {
      job.state.progress = { current, total, status }
      const now = Date.now()
      if (now - lastSent < this.progressMs && current < total) return
      lastSent = now
      this.bus.emit('migration.progress', { jobId, current, total, status })
    }
    job.ended = run(job.controller.signal, onProgress)
      .then(
        (report) => {
          job.state.report = report
        },
        (error: unknown) => {
          job.state.error = error instanceof Error ? error.message : String(error)
        },
      )
      .finally(() => {
        job.state.running = false
        this.forgetOld()
        this.bus.emit('migration.finished', { jobId })
      })
    return jobId
  }

  get(jobId: string): MigrationJob | undefined {
    const job = this.jobs.get(jobId)
    return job && structuredClone(job.state)
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId)
    if (!job?.state.running || job.controller.signal.aborted) return false
    job.controller.abort()
    return true
  }

  /** Stops every run and waits for them (the app is closing): each ends between sessions, its store valid. */
  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((job) => job.state.running)
    for (const job of running) job.controller.abort()
    await Promise.all(running.map((job) => job.ended))
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((job) => !job.state.running)
    for (const job of finished.slice(0, Math.max(0, finished.length - KEPT_FINISHED)))
      this.jobs.delete(job.state.jobId)
  }
}
