import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Notice } from '../../../shared/contract'
import type { SaveOptions, SaveResult } from '../../../shared/model/edit'
import type { ApiClient } from '../api/client'
import { ApiError } from '../api/apiError'
import { errorText } from '../api/describeError'
import type { EditStore } from './editStore'

export interface LoaderProblem {
  message: string
  path: string
}

/** Where a save writes: the document's own file (null) or a new path (Save As). */
type Target = string | null

/**
 * The save dialogs as a state machine. Main guards every save; each refusal becomes a step that asks the user,
 * and the answer retries with the option that lifts that guard (the options gathered so far are kept).
 */
export type SaveStep =
  | { kind: 'idle' }
  | { kind: 'saving'; docId: string; target: Target }
  | {
      kind: 'unloadable'
      docId: string
      target: Target
      options: SaveOptions
      message: string
      problems: LoaderProblem[]
    }
  | {
      kind: 'conflict'
      docId: string
      target: Target
      options: SaveOptions
      reason: 'changed-on-disk' | 'missing-on-disk'
      message: string
    }
  | { kind: 'targetExists'; docId: string; path: string; options: SaveOptions; message: string }
  /** Web mode's Save As: no native dialog, so the path is typed in. */
  | { kind: 'askPath'; docId: string; defaultPath: string; options: SaveOptions; error: string | null }
  | { kind: 'confirmRevert'; docId: string }

export interface SaveFlowState {
  step: SaveStep
  save(docId: string): Promise<void>
  saveAs(docId: string, options?: SaveOptions): Promise<void>
  submitPath(path: string): Promise<void>
  saveAnyway(): Promise<void>
  overwrite(): Promise<void>
  /** From the on-disk conflict: drop the edits and read the file as it is now. */
  reload(): Promise<void>
  /** From the on-disk conflict: keep the file as it is and write the edits elsewhere. */
  saveAsInstead(): Promise<void>
  revert(docId: string): Promise<void>
  confirmRevert(): Promise<void>
  cancel(): void
}

export type SaveFlowStore = StoreApi<SaveFlowState>

export interface SaveFlowDeps {
  edit: EditStore
  notify(notice: Notice & { where?: string }): void
  reportError(error: unknown, doing: string): void
  pathOf(docId: string): string | null
  isDirty(docId: string): boolean
  /** Messages of the document whose editor is open: their drafts are not part of a save. */
  openEditors(docId: string): number[]
}

export function savedMessage(result: SaveResult): string {
  const n = result.changedMessages
  const name = result.path.slice(Math.max(result.path.lastIndexOf('/'), result.path.lastIndexOf('\\')) + 1)
  // Main counts messages written anew; a save that only removed messages or changed additional_state has none.
  const what = n > 0 ? `Saved ${n} changed message${n === 1 ? '' : 's'} to ${name}` : `Saved ${name}`
  return `${what}${result.backupPath ? ` · backup at ${result.backupPath}` : ''}`
}

const reasonOf = (error: unknown): string | null =>
  error instanceof ApiError && error.code === 'CONFLICT' && typeof error.details?.reason === 'string'
    ? error.details.reason
    : null

function problemsOf(error: ApiError): LoaderProblem[] {
  const problems = error.details?.problems
  if (!Array.isArray(problems)) return []
  return problems.map((problem: { message?: unknown; path?: unknown }) => ({
    message: String(problem?.message ?? ''),
    path: String(problem?.path ?? ''),
  }))
}

export function createSaveFlowStore(client: ApiClient, deps: SaveFlowDeps): SaveFlowStore {
  return createStore<SaveFlowState>((set, get) => {
    const attempt = async (docId: string, target: Target, options: SaveOptions): Promise<void> => {
      set({ step: { kind: 'saving', docId, target } })
      try {
        const result = await deps.edit.getState().save(docId, options, target ?? undefined)
        set({ step: { kind: 'idle' } })
        const unchanged =
          result.changedMessages === 0 && result.backupPath === null && target === null && !options.overwrite
        deps.notify(
          unchanged
            ? { level: 'info', message: 'No unsaved edits: the file is unchanged', documentId: docId }
            : { level: 'info', message: savedMessage(result), documentId: docId, where: result.path },
        )
        const open = deps.openEditors(docId)
        if (open.length > 0) {
          const one = open.length === 1
          deps.notify({
            level: 'warning',
            message: `Message${one ? '' : 's'} #${open.join(', #')} still ${one ? 'has an open editor' : 'have open editors'}: apply, then save again to include ${one ? 'its' : 'their'} changes`,
            documentId: docId,
          })
        }
      } catch (error) {
        const reason = reasonOf(error)
        if (reason === 'marsys-unloadable' && error instanceof ApiError) {
          set({
            step: {
              kind: 'unloadable',
              docId,
              target,
              options,
              message: error.message,
              problems: problemsOf(error),
            },
          })
        } else if (reason === 'changed-on-disk' || reason === 'missing-on-disk') {
          set({
            step: { kind: 'conflict', docId, target, options, reason, message: (error as Error).message },
          })
        } else if (reason === 'target-exists' && target !== null) {
          set({
            step: { kind: 'targetExists', docId, path: target, options, message: (error as Error).message },
          })
        } else if (target !== null) {
          // A path that cannot be written (outside the allowed folders, a missing folder): let the user fix it.
          set({
            step: {
              kind: 'askPath',
              docId,
              defaultPath: target,
              options,
              error: errorText(error),
            },
          })
        } else {
          set({ step: { kind: 'idle' } })
          deps.reportError(error, 'Could not save')
        }
      }
    }

    const doRevert = async (docId: string): Promise<void> => {
      set({ step: { kind: 'idle' } })
      try {
        await deps.edit.getState().revert(docId)
      } catch (error) {
        deps.reportError(error, 'Could not reload the file')
      }
    }

    return {
      step: { kind: 'idle' },
      save: (docId) => attempt(docId, null, {}),
      async saveAs(docId, options = {}) {
        const defaultPath = deps.pathOf(docId) ?? ''
        const ask = (): void => set({ step: { kind: 'askPath', docId, defaultPath, options, error: null } })
        if (client.door !== 'electron') return ask()
        try {
          const { path } = await client.call('workspace.saveDialog', { defaultPath })
          if (path) await attempt(docId, path, options)
        } catch (error) {
          if (error instanceof ApiError && error.code === 'UNSUPPORTED') ask()
          else deps.reportError(error, 'Could not show the save dialog')
        }
      },
      async submitPath(path) {
        const step = get().step
        if (step.kind !== 'askPath') return
        const trimmed = path.trim()
        if (trimmed === '') {
          set({ step: { ...step, error: 'Type the path of the file to write' } })
          return
        }
        await attempt(step.docId, trimmed, step.options)
      },
      async saveAnyway() {
        const step = get().step
        if (step.kind !== 'unloadable') return
        await attempt(step.docId, step.target, { ...step.options, allowUnloadable: true })
      },
      async overwrite() {
        const step = get().step
        if (step.kind === 'conflict')
          await attempt(step.docId, step.target, { ...step.options, overwrite: true })
        else if (step.kind === 'targetExists')
          await attempt(step.docId, step.path, { ...step.options, overwrite: true })
      },
      async reload() {
        const step = get().step
        if (step.kind === 'conflict') await doRevert(step.docId)
      },
      async saveAsInstead() {
        const step = get().step
        if (step.kind !== 'conflict') return
        await get().saveAs(step.docId, step.options.allowUnloadable ? { allowUnloadable: true } : {})
      },
      async revert(docId) {
        if (deps.isDirty(docId)) set({ step: { kind: 'confirmRevert', docId } })
        else await doRevert(docId)
      },
      async confirmRevert() {
        const step = get().step
        if (step.kind === 'confirmRevert') await doRevert(step.docId)
      },
      cancel() {
        set({ step: { kind: 'idle' } })
      },
    }
  })
}
