import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RecentEntry, WorkspaceRoots } from '../../../shared/contract'
import type { ApiClient } from '../api/client'

export interface WorkspaceState {
  roots: WorkspaceRoots | null
  recent: RecentEntry[]
  /** Bumped to ask the "Open path" field to take focus (Ctrl/Cmd+O in web mode). */
  openPathFocus: number
  load(): Promise<void>
  refreshRecent(): Promise<void>
  /** The native dialog (Electron); [] when cancelled. */
  openDialog(folders: boolean): Promise<string[]>
  focusOpenPath(): void
}

export type WorkspaceStore = StoreApi<WorkspaceState>

export function createWorkspaceStore(
  client: ApiClient,
  reportError: (error: unknown, doing: string) => void,
): WorkspaceStore {
  return createStore<WorkspaceState>((set, get) => ({
    roots: null,
    recent: [],
    openPathFocus: 0,
    async load() {
      try {
        set({ roots: await client.call('workspace.roots', {}) })
      } catch (error) {
        reportError(error, 'Could not read the allowed folders')
      }
      await get().refreshRecent()
    },
    async refreshRecent() {
      try {
        set({ recent: await client.call('workspace.recent', {}) })
      } catch (error) {
        reportError(error, 'Could not read recent files')
      }
    },
    async openDialog(folders) {
      try {
        return (await client.call('workspace.openDialog', { folders })).paths
      } catch (error) {
        reportError(error, 'Could not show the open dialog')
        return []
      }
    },
    focusOpenPath() {
      set({ openPathFocus: get().openPathFocus + 1 })
    },
  }))
}
