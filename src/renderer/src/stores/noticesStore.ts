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
  dismissAll(): void
  /** Drops the notices about `topic` of one document (its disk warning, once the conflict is resolved). */
  dismissTopic(documentId: string, topic: NonNullable<Notice['topic']>): void
}

export type NoticesStore = StoreApi<NoticesState>

/** Kept at most; past it the oldest go, information first, errors last. */
export const MAX_KEPT_NOTICES = 50

function trim(notices: NoticeItem[]): NoticeItem[] {
  const out = [...notices]
  for (const level of ['info', 'warning', 'error'] as const) {
    while (out.length > MAX_KEPT_NOTICES) {
      const oldest = out.findIndex((notice) => notice.level === level)
      if (oldest < 0) break
      out.splice(oldest, 1)
    }
  }
  return out
}

export function createNoticesStore(): NoticesStore {
  let nextId = 1
  return createStore<NoticesState>((set, get) => ({
    notices: [],
    push(notice) {
      const id = nextId++
      set({ notices: trim([...get().notices, { ...notice, id }]) })
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
    dismissAll() {
      set({ notices: [] })
    },
    dismissTopic(documentId, topic) {
      const notices = get().notices
      const rest = notices.filter((notice) => notice.documentId !== documentId || notice.topic !== topic)
      if (rest.length !== notices.length) set({ notices: rest })
    },
  }))
}
