import { z } from 'zod'
import { searchFieldSchema, searchHitSchema } from '../../model/document'

/** The most hits one `store.search` page returns. */
export const STORE_SEARCH_PAGE_MAX = 500

/** A search of every session in the store (not only the open ones), answered from the store's search index. */
export const storeSearchQuerySchema = z.strictObject({
  text: z.string().min(1).max(10_000),
  regex: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  fields: z.array(searchFieldSchema).max(5).optional(),
  /** Hits to skip (paging); hits are in index order: session by session, messages in order. */
  offset: z.number().int().min(0).max(1_000_000).optional(),
  limit: z.number().int().min(1).max(STORE_SEARCH_PAGE_MAX).optional(),
})
export type StoreSearchQuery = z.infer<typeof storeSearchQuerySchema>

/** One matching message: where it is (open the session, go to `index`) and its first match. */
export const storeSearchHitSchema = searchHitSchema
  .pick({ index: true, field: true, snippet: true, matchStart: true, matchEnd: true })
  .extend({
    sessionId: z.string(),
    /** The store's `message_id` of the message. */
    messageId: z.string(),
  })
export type StoreSearchHit = z.infer<typeof storeSearchHitSchema>

export const storeSearchResultSchema = z.object({
  hits: z.array(storeSearchHitSchema),
  offset: z.number(),
  /** Matching messages (one hit per message): exact when `complete`, otherwise those confirmed so far. */
  total: z.number(),
  complete: z.boolean(),
  /** Messages the index could not rule out: an upper bound of the matches when not `complete`. */
  candidates: z.number(),
  /** Sessions in the store. */
  sessions: z.number(),
  /** Present while the index is still being built or updated: results cover the other sessions only. */
  indexing: z.object({ pending: z.number(), of: z.number() }).optional(),
  /** A query without a word the index can use (a regex such as `\d{4}-\d\d`) scans sessions, within a budget. */
  scanned: z.object({ sessions: z.number(), of: z.number() }).optional(),
  elapsedMs: z.number(),
})
export type StoreSearchResult = z.infer<typeof storeSearchResultSchema>
