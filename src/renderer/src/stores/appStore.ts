import { create } from 'zustand'
import type { AppInfo } from '../../../shared/contract'
import { api } from '../api/client'

interface AppState {
  info: AppInfo | null
  error: string | null
  loadInfo(): Promise<void>
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  error: null,
  async loadInfo() {
    try {
      set({ info: await api.call('app.info', {}), error: null })
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) })
    }
  },
}))
