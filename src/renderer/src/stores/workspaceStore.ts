import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AppInfo, RecentEntry, WorkspaceRoots } from '../../../shared/contract'
import { errorText } from '../api/describeError'
import type { ApiClient } from '../api/client'

export interface WorkspaceState {
  /** What `app.info` says: version, platform, which door this window uses. */
  info: AppInfo | null
  /** Why `app.info` could not be read (the app is unreachable). */
  infoError: string | null
  roots: WorkspaceRoots | null
  recent: RecentEntry[]
  /** Bumped to ask the "Open path" field to take focus (Ctrl/Cmd+O in web mode). */
  openPathFocus: number
  /** Reads `app.info`, the allowed folders and the recent files. */
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
    info: null,
    infoError: null,
    roots: null,
    recent: [],
    openPathFocus: 0,
    async load() {
      try {
        set({ info: await client.call('app.info', {}), infoError: null })
      } catch (error) {
        set({ infoError: errorText(error) })
      }
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
