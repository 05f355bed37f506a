import { createStore, type StoreApi } from 'zustand/vanilla'
import type {
  MigrationJob,
  MigrationProgress,
  MigrationReport,
} from '../../../shared/domains/migration/contract'
import type { ApiClient } from '../api/client'
import { errorText } from '../api/describeError'

/** Where the Import wizard is: choosing sources, checking them (dry run), importing, or showing the result. */
export type ImportPhase = 'pick' | 'checking' | 'checked' | 'running' | 'done'

export interface ImportState {
  paths: string[]
  renameConflicts: boolean
  phase: ImportPhase
  /** The dry run of the current paths (cleared when they change). */
  check: MigrationReport | null
  jobId: string | null
  progress: MigrationProgress | null
  cancelling: boolean
  /** The run's report (cancelled runs too). */
  result: MigrationReport | null
  error: string | null

  addPaths(paths: string[]): void
  removePath(path: string): void
  setRenameConflicts(rename: boolean): void
  /** The dry run: what importing the paths would do. */
  validate(): Promise<void>
  /** Runs the import as a job; progress and the end arrive as events. */
  run(): Promise<void>
  cancel(): Promise<void>
  /** Back to choosing sources, keeping none. */
  reset(): void
}

export type ImportStore = StoreApi<ImportState>

const START: Pick<ImportState, 'phase' | 'check' | 'jobId' | 'progress' | 'cancelling' | 'result' | 'error'> =
  {
    phase: 'pick',
    check: null,
    jobId: null,
    progress: null,
    cancelling: false,
    result: null,
    error: null,
  }

/** The Import wizard's state; it lives with the app, so a run goes on while other tabs are shown. */
export function createImportStore(client: ApiClient): ImportStore {
  return createStore<ImportState>((set, get) => {
    /** Sources changed: the dry run no longer describes them. */
    const changedSources = (paths: string[]): void => {
      if (get().phase === 'running') return
      set({ ...START, paths })
    }

    const finish = (job: MigrationJob): void => {
      if (job.jobId !== get().jobId || job.running) return
      set({
        phase: 'done',
        progress: job.progress,
        result: job.report,
        error: job.error,
        cancelling: false,
      })
    }

    return {
      paths: [],
      renameConflicts: false,
      ...START,

      addPaths(paths) {
        const fresh = paths.map((path) => path.trim()).filter((path) => path !== '')
        const all = [...new Set([...get().paths, ...fresh])]
        if (all.length !== get().paths.length) changedSources(all)
      },
      removePath(path) {
        changedSources(get().paths.filter((p) => p !== path))
      },
      setRenameConflicts(renameConflicts) {
        if (get().phase === 'running') return
        set({ ...START, paths: get().paths, renameConflicts })
      },

      async validate() {
        const { paths, renameConflicts } = get()
        if (paths.length === 0 || get().phase === 'running') return
        set({ phase: 'checking', error: null, check: null })
        try {
          const check = await client.call('migration.validate', { paths, renameConflicts })
          if (get().paths === paths) set({ phase: 'checked', check })
        } catch (error) {
          if (get().paths === paths) set({ phase: 'pick', error: errorText(error) })
        }
      },

      async run() {
        const { paths, renameConflicts } = get()
        if (paths.length === 0 || get().phase === 'running') return
        set({ phase: 'running', error: null, result: null, progress: null, jobId: null })
        // Events may arrive before `start` answers: keep them until the job id is known.
        const early: { progress: MigrationProgress | null; finished: boolean } = {
          progress: null,
          finished: false,
        }
        let jobId: string | null = null
        const offProgress = client.on('migration.progress', ({ jobId: id, ...progress }) => {
          if (jobId === null) early.progress = progress
          else if (id === jobId) set({ progress })
        })
        const fetchJob = async (id: string): Promise<void> => {
          try {
            finish(await client.call('migration.job', { jobId: id }))
          } catch (error) {
            set({ phase: 'done', error: errorText(error), cancelling: false })
          }
        }
        const offFinished = client.on('migration.finished', ({ jobId: id }) => {
          if (jobId === null) early.finished = true
          else if (id === jobId) void fetchJob(id).finally(stop)
        })
        const stop = (): void => {
          offProgress()
          offFinished()
        }
        try {
          jobId = (await client.call('migration.start', { paths, renameConflicts })).jobId
        } catch (error) {
          stop()
          set({ phase: 'checked', error: errorText(error) })
          return
        }
        set({ jobId, progress: early.progress })
        // It may have ended before we knew its id (or another job's end was seen): ask once.
        if (early.finished) await fetchJob(jobId).finally(() => get().phase === 'done' && stop())
      },

      async cancel() {
        const { jobId, phase } = get()
        if (jobId === null || phase !== 'running') return
        set({ cancelling: true })
        try {
          await client.call('migration.cancel', { jobId })
        } catch (error) {
          set({ cancelling: false, error: errorText(error) })
        }
      },

      reset() {
        if (get().phase === 'running') return
        set({ ...START, paths: [] })
      },
    }
  })
}
