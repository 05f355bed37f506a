import type { SearchHit } from '../../../shared/model/document'

type SearchField = SearchHit['field']
import { ALL_FIELDS } from '../conversations/views/conversationSearch'
import { wordsOf, type Fragment } from './queryPlan'

/** A message's texts by search field, in `ALL_FIELDS` order (see `messageTexts`). */
export type MessageTexts = readonly (readonly string[])[]

/** One bit per search field in a posting's mask. */
export const fieldMask = (fields: readonly SearchField[]): number =>
  fields.reduce((mask, field) => mask | (1 << ALL_FIELDS.indexOf(field)), 0)

/** Words longer than this are not indexed: their message is checked by every query instead (see `unindexed`). */
export const MAX_WORD_LENGTH = 200
const MASK_BITS = 5
const MASK = (1 << MASK_BITS) - 1
/** Refs are packed with their field mask into an int32. */
const MAX_REFS = 2 ** (31 - MASK_BITS)
/** Compact once dead refs outnumber live ones (and are this many). */
const COMPACT_AFTER = 100_000

/** A word's postings: `ref << 5 | fieldMask`, refs ascending (refs are only ever appended). */
class Postings {
  items = new Int32Array(2)
  length = 0

  push(packed: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2)
      grown.set(this.items)
      this.items = grown
    }
    this.items[this.length++] = packed
  }
}

interface IndexedSession {
  slot: number
  firstRef: number
  count: number
}

/** The messages a query may match, ascending by ref, and whether each is certain to match. */
export interface Candidates {
  refs: Int32Array
  /** Refs in `refs` that the index is sure of (an exact plan): they need no text check to be counted. */
  certain: Uint8Array
}

/** Adds one session's messages; `commit` makes them searchable in place of the session's old ones. */
export interface SessionWriter {
  add(texts: MessageTexts): void
  commit(): void
  abandon(): void
}

/**
 * An inverted index of the store's messages: folded words → (message ref, fields it is in). Each indexed message
 * has a ref; a session's refs are contiguous, so re-indexing a session appends new refs and marks the old ones
 * dead (skipped by queries, dropped by the next compaction).
 */
export class StoreSearchIndex {
  private readonly postings = new Map<string, Postings>()
  /** Every word with postings, for fragments that match inside words (scanned, not looked up). */
  private words: string[] = []
  /** Messages with a word too long to index: candidates of every query. */
  private unindexed = new Postings()
  private refSlot = new Int32Array(1024)
  private refIndex = new Int32Array(1024)
  private nextRef = 0
  private deadRefs = 0
  private readonly sessions = new Map<string, IndexedSession>()
  private readonly slotIds: (string | null)[] = []
  private readonly freeSlots: number[] = []
  private writing = false
  private renumberings = 0

  get sessionCount(): number {
    return this.sessions.size
  }

  get messageCount(): number {
    return this.nextRef - this.deadRefs
  }

  /** Changes when refs are renumbered (a compaction or a clear): refs taken before then mean nothing. */
  get epoch(): number {
    return this.renumberings
  }

  get wordCount(): number {
    return this.postings.size
  }

  has(sessionId: string): boolean {
    return this.sessions.has(sessionId)
  }

  sessionIds(): string[] {
    return [...this.sessions.keys()]
  }

  /** Where a ref's message is: its session and its index there. */
  locate(ref: number): { sessionId: string; index: number } | null {
    const slot = ref < this.nextRef ? this.refSlot[ref] : -1
    const sessionId = slot >= 0 ? this.slotIds[slot] : null
    return sessionId == null ? null : { sessionId, index: this.refIndex[ref] }
  }

  /** Replaces a session's messages in one go. */
  setSession(sessionId: string, messages: readonly MessageTexts[]): void {
    const writer = this.writeSession(sessionId)
    for (const texts of messages) writer.add(texts)
    writer.commit()
  }

  /**
   * Indexes a session's messages a few at a time (the indexer yields between calls to `add`); queries keep
   * seeing its old messages until `commit`. One writer at a time.
   */
  writeSession(sessionId: string): SessionWriter {
    if (this.writing) throw new Error('StoreSearchIndex: one session is written at a time')
    this.writing = true
    const firstRef = this.nextRef
    let done = false
    const finish = (): void => {
      if (done) throw new Error('StoreSearchIndex: this session writer is finished')
      done = true
      this.writing = false
    }
    return {
      add: (texts) => {
        if (done) throw new Error('StoreSearchIndex: this session writer is finished')
        this.addMessage(texts, this.nextRef - firstRef)
      },
      commit: () => {
        finish()
        const old = this.sessions.get(sessionId)
        if (old) this.kill(old)
        const slot = old?.slot ?? this.takeSlot(sessionId)
        this.refSlot.fill(slot, firstRef, this.nextRef)
        this.sessions.set(sessionId, { slot, firstRef, count: this.nextRef - firstRef })
        this.compactIfWorthIt()
      },
      abandon: () => {
        if (done) return
        finish()
        this.deadRefs += this.nextRef - firstRef
      },
    }
  }

  removeSession(sessionId: string): boolean {
    const session = this.sessions.get(sessionId)
    if (!session) return false
    this.kill(session)
    this.sessions.delete(sessionId)
    this.slotIds[session.slot] = null
    this.freeSlots.push(session.slot)
    this.compactIfWorthIt()
    return true
  }

  clear(): void {
    if (this.writing) throw new Error('StoreSearchIndex: a session is being written')
    this.postings.clear()
    this.words = []
    this.unindexed = new Postings()
    this.nextRef = 0
    this.deadRefs = 0
    this.sessions.clear()
    this.slotIds.length = 0
    this.freeSlots.length = 0
    this.renumberings++
  }

  /**
   * The live messages that contain every fragment in one of `mask`'s fields, plus the unindexed ones. With
   * `exact`, the indexed candidates are certain matches.
   */
  candidates(fragments: readonly Fragment[], mask: number, exact: boolean): Candidates {
    const count = this.nextRef
    const satisfied = new Uint8Array(count)
    for (let f = 0; f < fragments.length; f++) {
      const seen = new Uint8Array(count)
      for (const word of this.wordsMatching(fragments[f])) {
        const postings = this.postings.get(word)!
        for (let i = 0; i < postings.length; i++) {
          const packed = postings.items[i]
          seen[packed >>> MASK_BITS] |= packed & MASK
        }
      }
      for (let ref = 0; ref < count; ref++) if (seen[ref] & mask && satisfied[ref] === f) satisfied[ref]++
    }
    const unindexed = new Uint8Array(count)
    for (let i = 0; i < this.unindexed.length; i++) unindexed[this.unindexed.items[i]] = 1
    const refs: number[] = []
    const certain: number[] = []
    for (let ref = 0; ref < count; ref++) {
      if (this.refSlot[ref] < 0) continue
      const indexed = satisfied[ref] === fragments.length
      if (!indexed && !unindexed[ref]) continue
      refs.push(ref)
      certain.push(exact && indexed ? 1 : 0)
    }
    return { refs: Int32Array.from(refs), certain: Uint8Array.from(certain) }
  }

  /** Every live ref, in order (what a scan without the index goes through). */
  liveRefs(): Int32Array {
    const refs: number[] = []
    for (let ref = 0; ref < this.nextRef; ref++) if (this.refSlot[ref] >= 0) refs.push(ref)
    return Int32Array.from(refs)
  }

  private *wordsMatching(fragment: Fragment): Iterable<string> {
    const { text, start, end } = fragment
    if (start && end) {
      if (this.postings.has(text)) yield text
      return
    }
    for (const word of this.words) {
      if (start ? word.startsWith(text) : end ? word.endsWith(text) : word.includes(text)) yield word
    }
  }

  private addMessage(texts: MessageTexts, index: number): void {
    if (this.nextRef >= MAX_REFS) this.compact()
    if (this.nextRef >= MAX_REFS) throw new Error(`the search index holds at most ${MAX_REFS} messages`)
    const ref = this.nextRef++
    this.ensureRefCapacity(ref + 1)
    this.refSlot[ref] = -1
    this.refIndex[ref] = index
    const masks = new Map<string, number>()
    let tooLong = false
    texts.forEach((fieldTexts, field) => {
      for (const text of fieldTexts) {
        for (const word of wordsOf(text)) {
          if (word.length > MAX_WORD_LENGTH) tooLong = true
          else masks.set(word, (masks.get(word) ?? 0) | (1 << field))
        }
      }
    })
    for (const [word, mask] of masks) {
      let postings = this.postings.get(word)
      if (!postings) {
        postings = new Postings()
        this.postings.set(word, postings)
        this.words.push(word)
      }
      postings.push((ref << MASK_BITS) | mask)
    }
    if (tooLong) this.unindexed.push(ref)
  }

  private kill(session: IndexedSession): void {
    this.refSlot.fill(-1, session.firstRef, session.firstRef + session.count)
    this.deadRefs += session.count
  }

  private takeSlot(sessionId: string): number {
    const slot = this.freeSlots.pop() ?? this.slotIds.length
    this.slotIds[slot] = sessionId
    return slot
  }

  private ensureRefCapacity(size: number): void {
    if (size <= this.refSlot.length) return
    const capacity = Math.max(size, this.refSlot.length * 2)
    const slot = new Int32Array(capacity)
    slot.set(this.refSlot)
    const index = new Int32Array(capacity)
    index.set(this.refIndex)
    this.refSlot = slot
    this.refIndex = index
  }

  private compactIfWorthIt(): void {
    if (this.deadRefs >= COMPACT_AFTER && this.deadRefs > this.messageCount) this.compact()
  }

  /** Renumbers the live refs densely and drops dead postings and words left without any. */
  compact(): void {
    if (this.writing) return
    const renumbered = new Int32Array(this.nextRef).fill(-1)
    let live = 0
    for (let ref = 0; ref < this.nextRef; ref++) {
      if (this.refSlot[ref] < 0) continue
      this.refSlot[live] = this.refSlot[ref]
      this.refIndex[live] = this.refIndex[ref]
      renumbered[ref] = live++
    }
    const remap = (postings: Postings, packedMasks: boolean): void => {
      let kept = 0
      for (let i = 0; i < postings.length; i++) {
        const packed = postings.items[i]
        const ref = packedMasks ? packed >>> MASK_BITS : packed
        const next = renumbered[ref]
        if (next < 0) continue
        postings.items[kept++] = packedMasks ? (next << MASK_BITS) | (packed & MASK) : next
      }
      postings.length = kept
    }
    for (const [word, postings] of this.postings) {
      remap(postings, true)
      if (postings.length === 0) this.postings.delete(word)
    }
    remap(this.unindexed, false)
    this.words = [...this.postings.keys()]
    for (const session of this.sessions.values())
      session.firstRef = session.count === 0 ? 0 : renumbered[session.firstRef]
    this.nextRef = live
    this.deadRefs = 0
    this.renumberings++
  }
}
