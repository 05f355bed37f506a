import { progressText, type JobProgress } from './useJob'

/** A running job's Cancel button. */
export function CancelJobButton({ job }: { job: { running: boolean; cancel(): void } }) {
  if (!job.running) return null
  return (
    <button type="button" className="small" onClick={job.cancel}>
      Cancel
    </button>
  )
}

/** A job's progress while it runs, then its error or what it did. */
export function JobStatus({
  job,
  error,
  done,
}: {
  job: { running: boolean; progress: JobProgress | null }
  error: string | null
  done?: string | null
}) {
  return (
    <>
      {job.running ? (
        <p role="status" className="muted">
          {progressText(job.progress)}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="severity-error">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="muted">
          {done}
        </p>
      ) : null}
    </>
  )
}
