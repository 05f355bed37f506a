import { createStore, type StoreApi } from 'zustand/vanilla'
import type { MessageDetail } from '../../../shared/model/document'
import type { ApiClient } from '../api/client'
import { errorText } from '../api/describeError'

export interface DetailEntry {
  detail: MessageDetail | null
  error: string | null
  /** False after the document changed: shown until the new detail arrives. */
  fresh: boolean
}

export interface ImageEntry {
  dataUrl: string | null
  mime: string
  bytes: number
  error: string | null
}

export interface MessagesState {
  details: Record<string, DetailEntry>
  images: Record<string, ImageEntry>
  /** Fetches one message's detail unless it is already here and fresh (or on its way). */
  load(docId: string, ref: MessageRef): void
  loadImage(docId: string, ref: Required<MessageRef>, partIndex: number): void
  invalidate(docId: string): void
  drop(docId: string): void
}

export type MessagesStore = StoreApi<MessagesState>

/**
 * A message to show: by id (MessageRow.id) wherever it is now — `index` is where it was last seen, tried first —
 * or, without an id, whatever is at `index` (a tool result a call points at).
 */
export interface MessageRef {
  index: number
  messageId?: number
}

export const detailKey = (docId: string, ref: MessageRef): string =>
  ref.messageId === undefined ? `${docId}#at${ref.index}` : `${docId}#id${ref.messageId}`
export const imageKey = (docId: string, messageId: number, partIndex: number): string =>
  `${docId}#id${messageId}#${partIndex}`
const docOf = (key: string): string => key.slice(0, key.indexOf('#'))

export const MAX_DETAILS = 400
export const MAX_IMAGES = 60

/** Keeps at most `max` keys, dropping the least recently touched. */
function trim<T>(record: Record<string, T>, lru: Map<string, true>, max: number): Record<string, T> {
  if (lru.size <= max) return record
  const next = { ...record }
  for (const key of lru.keys()) {
    if (lru.size <= max) break
    lru.delete(key)
    delete next[key]
  }
  return next
}

const touch = (lru: Map<string, true>, key: string): void => {
  lru.delete(key)
  lru.set(key, true)
}

/** A copy of `record` without the entries of document `docId`, which `lru` forgets too. */
function without<T>(record: Record<string, T>, docId: string, lru: Map<string, true>): Record<string, T> {
  const kept = { ...record }
  for (const key of Object.keys(kept)) {
    if (docOf(key) === docId) {
      delete kept[key]
      lru.delete(key)
    }
  }
  return kept
}

export function createMessagesStore(client: ApiClient): MessagesStore {
  const detailLru = new Map<string, true>()
  const imageLru = new Map<string, true>()
  /** Requests on their way: key → the document generation they were made in. */
  const inflight = new Map<string, number>()
  /** Per document, bumped on change so an answer to an older request is not taken as fresh. */
  const generations = new Map<string, number>()

  return createStore<MessagesState>((set, get) => ({
    details: {},
    images: {},
    load(docId, ref) {
      const key = detailKey(docId, ref)
      touch(detailLru, key)
      const entry = get().details[key]
      const generation = generations.get(docId) ?? 0
      if ((entry && entry.fresh) || inflight.get(key) === generation) return
      inflight.set(key, generation)
      client
        .call('document.message', {
          id: docId,
          index: ref.index,
          ...(ref.messageId === undefined ? {} : { messageId: ref.messageId }),
        })
        .then(
          (detail): DetailEntry => ({ detail, error: null, fresh: true }),
          (error: unknown): DetailEntry => ({
            detail: get().details[key]?.detail ?? null,
            error: errorText(error),
            fresh: true,
          }),
        )
        .then((next) => {
          if (inflight.get(key) === generation) inflight.delete(key)
          if ((generations.get(docId) ?? 0) !== generation) {
            // The document changed while this was on its way: keep it for display, fetch again when asked.
            if (!get().details[key]) set({ details: { ...get().details, [key]: { ...next, fresh: false } } })
            return
          }
          touch(detailLru, key)
          set({ details: trim({ ...get().details, [key]: next }, detailLru, MAX_DETAILS) })
        })
    },
    loadImage(docId, ref, partIndex) {
      const key = imageKey(docId, ref.messageId, partIndex)
      touch(imageLru, key)
      const generation = generations.get(docId) ?? 0
      if (get().images[key] || inflight.get(key) === generation) return
      inflight.set(key, generation)
      client
        .call('document.image', { id: docId, index: ref.index, partIndex })
        .then(
          (image): ImageEntry => ({ ...image, error: null }),
          (error: unknown): ImageEntry => ({ dataUrl: null, mime: '', bytes: 0, error: errorText(error) }),
        )
        .then((entry) => {
          if (inflight.get(key) !== generation) return
          inflight.delete(key)
          set({ images: trim({ ...get().images, [key]: entry }, imageLru, MAX_IMAGES) })
        })
    },
    invalidate(docId) {
      generations.set(docId, (generations.get(docId) ?? 0) + 1)
      const details = { ...get().details }
      for (const [key, entry] of Object.entries(details))
        if (docOf(key) === docId) details[key] = { ...entry, fresh: false }
      set({ details, images: without(get().images, docId, imageLru) })
    },
    drop(docId) {
      generations.delete(docId)
      set({
        details: without(get().details, docId, detailLru),
        images: without(get().images, docId, imageLru),
      })
    },
  }))
}
