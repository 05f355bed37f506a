import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Notice } from '../../../shared/contract'
import { describeError } from '../api/describeError'

export interface NoticeItem extends Notice {
  id: number
  where?: string
}

export interface NoticesState {
  notices: NoticeItem[]
  push(notice: Notice & { where?: string }): number
  /** Shows a failed call readably: what was being done, the error, and where main said it is. */
  pushError(error: unknown, doing?: string): number
  dismiss(id: number): void
}

export type NoticesStore = StoreApi<NoticesState>

const MAX_NOTICES = 6

export function createNoticesStore(): NoticesStore {
  let nextId = 1
  return createStore<NoticesState>((set, get) => ({
    notices: [],
    push(notice) {
      const id = nextId++
      set({ notices: [...get().notices, { ...notice, id }].slice(-MAX_NOTICES) })
      return id
    },
    pushError(error, doing) {
      const { message, where } = describeError(error)
      return get().push({
        level: 'error',
        message: doing ? `${doing}: ${message}` : message,
        ...(where ? { where } : {}),
      })
    },
    dismiss(id) {
      set({ notices: get().notices.filter((notice) => notice.id !== id) })
    },
  }))
}
