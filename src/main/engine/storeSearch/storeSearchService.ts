import type { SearchHit } from '../../../shared/model/document'

type SearchField = SearchHit['field']
import type { Message } from '../../../shared/model/langswarm'
import type {
  StoreSearchHit,
  StoreSearchQuery,
  StoreSearchResult,
} from '../../../shared/domains/store/storeSearchSchemas'
import type { TextMatcher } from '../../../shared/search/textMatcher'
import { ALL_FIELDS, compileMatcher, snippetAround } from '../conversations/views/conversationSearch'
import { yieldToEventLoop } from '../eventLoop'
import type { StoreChange } from '../langswarm'
import { messageTexts } from './messageTexts'
import { planQuery } from './queryPlan'
import { fieldMask, StoreSearchIndex } from './storeSearchIndex'

/** What the service needs of a session store. */
export interface SearchableStore {
  /** Every session in the store (waits for the store to be open). */
  sessionIds(): Promise<string[]>
  /** Null when the session is gone. */
  readMessages(sessionId: string): Promise<readonly Message[] | null>
  onChange(listener: (change: StoreChange) => void): () => void
}

export interface StoreSearchBudget {
  /** Main works this long at a stretch (indexing, checking candidates) before it lets other calls run. */
  sliceMs: number
  /** A query stops checking candidates after this long and says its total is not complete. */
  queryMs: number
}

export const DEFAULT_STORE_SEARCH_BUDGET: StoreSearchBudget = { sliceMs: 20, queryMs: 500 }
const DEFAULT_PAGE = 100
/** Session files read ahead while the one before is indexed (reading waits on the disk, indexing on the CPU). */
const READ_AHEAD = 8

type Pending = { kind: 'read' } | { kind: 'messages'; messages: readonly Message[] } | { kind: 'remove' }

/**
 * Searches every session of a store. The index is built on first use, session by session in time slices, and kept
 * up to date from the store's change events (creates, appends, edits, deletes, whoever makes them); a query takes
 * its candidates from the index and checks them against the messages with the shared matcher.
 */
export class StoreSearchService {
  readonly index = new StoreSearchIndex()
  private readonly pending = new Map<string, Pending>()
  private readonly readsAhead = new Map<string, Promise<readonly Message[] | null | undefined>>()
  private draining: Promise<void> | null = null
  private started = false
  private resetWanted = false
  private disposed = false
  private writingSession: string | null = null
  /** Reading the store's session list (every session is still to index). */
  private listing = false
  private readonly unsubscribe: () => void

  constructor(
    private readonly store: SearchableStore,
    private readonly budget: StoreSearchBudget = DEFAULT_STORE_SEARCH_BUDGET,
  ) {
    this.unsubscribe = store.onChange((change) => this.onChange(change))
  }

  /** Starts indexing the store (once); later changes arrive as events. */
  start(): void {
    if (this.started || this.disposed) return
    this.started = true
    this.resetWanted = true // the first round reads every session
    this.drain()
  }

  /** Resolves when everything known so far is indexed (tests, the bench). */
  async idle(): Promise<void> {
    this.start()
    while (this.draining) await this.draining
  }

  /** Sessions still to (re)index, and the store's session count. */
  async progress(): Promise<{ pending: number; of: number }> {
    const of = (await this.store.sessionIds()).length
    const listing = this.resetWanted || this.listing ? of : 0
    return { pending: Math.max(listing, this.pending.size + (this.writingSession === null ? 0 : 1)), of }
  }

  dispose(): void {
    this.disposed = true
    this.unsubscribe()
    this.pending.clear()
    this.readsAhead.clear()
  }

  async search(query: StoreSearchQuery): Promise<StoreSearchResult> {
    const started = performance.now()
    const matcher = compileMatcher(query)
    this.start()
    const fields = query.fields && query.fields.length > 0 ? query.fields : ALL_FIELDS
    const page = { offset: query.offset ?? 0, limit: query.limit ?? DEFAULT_PAGE }
    const progress = await this.progress()
    const base = {
      offset: page.offset,
      sessions: progress.of,
      ...(progress.pending > 0 ? { indexing: progress } : {}),
    }
    const plan = planQuery(query)
    const checker = new Checker(this.store, matcher, fields, started, this.budget)
    if (plan === null) {
      const scan = await checker.scan(await this.store.sessionIds(), page)
      return { ...base, ...scan, elapsedMs: performance.now() - started }
    }
    const { refs, certain } = this.index.candidates(plan.fragments, fieldMask(fields), plan.exact)
    const epoch = this.index.epoch
    let certainLeft = certain.reduce((sum, value) => sum + value, 0)
    let found = 0
    let complete = true
    const wanted = page.offset + page.limit
    for (let i = 0; i < refs.length; i++) {
      if (certain[i] && found >= wanted) continue // counted without reading its text
      if (!(await checker.inBudget()) || this.index.epoch !== epoch) {
        complete = false
        break
      }
      const where = this.index.locate(refs[i])
      if (certain[i]) certainLeft--
      if (where === null) continue // re-indexed or deleted meanwhile
      const hit = await checker.check(where.sessionId, where.index)
      if (hit === null) continue
      if (found >= page.offset && found < wanted) checker.hits.push(hit)
      found++
    }
    return {
      ...base,
      hits: checker.hits,
      total: found + (complete ? certainLeft : 0),
      complete,
      candidates: refs.length,
      elapsedMs: performance.now() - started,
    }
  }

  private onChange(change: StoreChange): void {
    if (!this.started || this.disposed) return // the first search reads the store as it is then
    if (change.kind === 'reset') {
      this.pending.clear()
      this.readsAhead.clear()
      this.resetWanted = true
    } else {
      this.pending.delete(change.sessionId) // newest last
      this.readsAhead.delete(change.sessionId)
      this.pending.set(
        change.sessionId,
        change.kind === 'removed' ? { kind: 'remove' } : { kind: 'messages', messages: change.messages },
      )
    }
    this.drain()
  }

  private async queueEverySession(): Promise<void> {
    this.listing = true
    try {
      for (const id of await this.store.sessionIds().catch(() => []))
        if (!this.pending.has(id)) this.pending.set(id, { kind: 'read' })
    } finally {
      this.listing = false
    }
  }

  private drain(): void {
    if (this.draining || this.disposed) return
    // A session that cannot be indexed is left out (until it changes again); the others go on.
    this.draining = this.work()
      .catch(() => undefined)
      .finally(() => {
        this.draining = null
        if (this.pending.size > 0 || this.resetWanted) this.drain()
      })
  }

  private async work(): Promise<void> {
    let sliceStarted = performance.now()
    const pause = async (): Promise<void> => {
      if (performance.now() - sliceStarted < this.budget.sliceMs) return
      await yieldToEventLoop()
      sliceStarted = performance.now()
    }
    while (!this.disposed) {
      if (this.resetWanted) {
        this.resetWanted = false
        this.index.clear()
        await this.queueEverySession()
      }
      const next = this.pending.entries().next()
      if (next.done) return
      const [sessionId, item] = next.value
      this.pending.delete(sessionId)
      if (item.kind === 'remove') {
        this.index.removeSession(sessionId)
        continue
      }
      const messages = item.kind === 'messages' ? item.messages : await this.read(sessionId)
      if (messages === undefined || this.stale(sessionId)) continue
      if (messages === null) {
        this.index.removeSession(sessionId)
        continue
      }
      await this.write(sessionId, messages, pause)
      await pause()
    }
  }

  /** Indexes one session's messages a slice at a time; gives up when a newer version of it is queued. */
  private async write(
    sessionId: string,
    messages: readonly Message[],
    pause: () => Promise<void>,
  ): Promise<void> {
    this.writingSession = sessionId
    const writer = this.index.writeSession(sessionId)
    try {
      for (let i = 0; i < messages.length; i++) {
        writer.add(messageTexts(messages[i]))
        if ((i & 31) !== 31) continue
        await pause()
        if (this.stale(sessionId)) {
          writer.abandon()
          return
        }
      }
      writer.commit()
    } catch (error) {
      writer.abandon() // the index stays usable; this session is left out until it changes again
      throw error
    } finally {
      this.writingSession = null
    }
  }

  /** A session's messages from the store (undefined: unreadable, which `store-repair` names), reading ahead. */
  private read(sessionId: string): Promise<readonly Message[] | null | undefined> {
    const read = this.readsAhead.get(sessionId) ?? this.readNow(sessionId)
    this.readsAhead.delete(sessionId)
    for (const [id, item] of this.pending) {
      if (this.readsAhead.size >= READ_AHEAD) break
      if (item.kind === 'read' && !this.readsAhead.has(id)) this.readsAhead.set(id, this.readNow(id))
    }
    return read
  }

  private readNow(sessionId: string): Promise<readonly Message[] | null | undefined> {
    return this.store.readMessages(sessionId).catch(() => undefined)
  }

  /** A newer change to the session (or a reset) came in while it was being read or indexed. */
  private stale(sessionId: string): boolean {
    return this.disposed || this.resetWanted || this.pending.has(sessionId)
  }
}

/** Checks candidates against their messages, within the query's time budget. */
class Checker {
  readonly hits: StoreSearchHit[] = []
  private loaded: { sessionId: string; messages: readonly Message[] | null } | null = null
  private sliceStarted: number
  private readonly fieldIndexes: number[]

  constructor(
    private readonly store: SearchableStore,
    private readonly matcher: TextMatcher,
    fields: readonly SearchField[],
    private readonly started: number,
    private readonly budget: StoreSearchBudget,
  ) {
    this.sliceStarted = started
    this.fieldIndexes = fields.map((field) => ALL_FIELDS.indexOf(field)).sort((a, b) => a - b)
  }

  /** False once the query's time is up; lets other calls run between slices. */
  async inBudget(): Promise<boolean> {
    const now = performance.now()
    if (now - this.started >= this.budget.queryMs) return false
    if (now - this.sliceStarted >= this.budget.sliceMs) {
      await yieldToEventLoop()
      this.sliceStarted = performance.now()
    }
    return true
  }

  /** The message's first match, field by field; null when it does not match (or is gone). */
  async check(sessionId: string, index: number): Promise<StoreSearchHit | null> {
    if (this.loaded?.sessionId !== sessionId) {
      const messages = await this.store.readMessages(sessionId).catch(() => null)
      this.loaded = { sessionId, messages }
    }
    const message = this.loaded.messages?.[index]
    return message === undefined ? null : this.match(sessionId, index, message)
  }

  private match(sessionId: string, index: number, message: Message): StoreSearchHit | null {
    const texts = messageTexts(message)
    for (const field of this.fieldIndexes) {
      for (const text of texts[field]) {
        const match = this.matcher.first(text)
        if (match === null) continue
        return {
          sessionId,
          index,
          messageId: message.message_id,
          field: ALL_FIELDS[field],
          ...snippetAround(text, match.start, match.end),
        }
      }
    }
    return null
  }

  /** Without a word to look up: every message of session after session, until the budget is spent. */
  async scan(
    sessionIds: string[],
    page: { offset: number; limit: number },
  ): Promise<Pick<StoreSearchResult, 'hits' | 'total' | 'complete' | 'candidates' | 'scanned'>> {
    let found = 0
    let scanned = 0
    let messages = 0
    scan: for (const sessionId of sessionIds) {
      const list = await this.store.readMessages(sessionId).catch(() => null)
      for (let index = 0; list && index < list.length; index++) {
        if (!(await this.inBudget())) break scan
        messages++
        const hit = this.match(sessionId, index, list[index])
        if (hit === null) continue
        if (found >= page.offset && found < page.offset + page.limit) this.hits.push(hit)
        found++
      }
      scanned++
    }
    return {
      hits: this.hits,
      total: found,
      complete: scanned === sessionIds.length,
      candidates: messages,
      scanned: { sessions: scanned, of: sessionIds.length },
    }
  }
}
