import {
  countLintIssues,
  type DocumentSummary,
  type LintCounts,
  type LintIssue,
} from '../../../shared/model/document'
import type { DocumentState, EditCommand } from '../../../shared/model/edit'
import { toPlain, type PyValue } from '../../../shared/pyjson'
import { AppError } from '../appError'
import { applyChange, applyCommand, invertChange, labelOf, type EditTarget } from './editing/applyCommand'
import { History, type Batch, type Change, type FieldSlot } from './editing/history'
import { originOf, type MessageItem } from './editing/messageItem'
import { clonePy } from './editing/pyEdit'
import { ConversationIndex, mergeSplices, sameStructure, type Splice } from './index/conversationIndex'
import { AnalysisTable } from './index/analysisTable'
import { analyzeMessage, type CountTokens, type MessageAnalysis } from './index/messageAnalysis'
import { planToolResultLinks } from './index/toolResultLinks'
import type { MessageSource } from './messageSource'
import type { BytesSpan, ConversationSource } from './source'
import { countLint, lintDocument } from './views/lint'

const NO_DIAGNOSTICS = { errors: [], warnings: [] }

interface LintCache {
  index: ConversationIndex
  built: number
  diagnostics: unknown
  issues?: LintIssue[]
  counts?: LintCounts
}

/** More messages replaced at once than this are re-indexed whole (a rebuild is as quick by then). */
const MAX_PATCHED_MESSAGES = 1000
/** More messages inserted at once than this: analysing them all costs about what a rebuild does. */
const MAX_SPLICED_MESSAGES = 10_000
/** More splices in one change than this, once neighbours are joined: each moves every position once. */
const MAX_SPLICES = 32

/**
 * One open conversation, whatever its source: the ordered list of its messages (each an original of the source or
 * an edited value, with an id that lives as long as the conversation is open), its own fields, the edit history and
 * a revision bumped by every change. Edits are commands recorded with their inverses for undo/redo; per-message
 * analysis is cached per item, so re-indexing after an edit re-reads only what changed.
 */
export class Conversation<S extends ConversationSource = ConversationSource> {
  revision = 0
  items: MessageItem[] = []
  index!: ConversationIndex
  readonly history = new History()
  private fieldSlots = new Map<string, FieldSlot>()
  /**
   * Analyses by original message (every item that stands for it shares one), in columns by position, and by edited
   * item. Not one WeakMap of objects for all: at 100,000 messages the map's table took 4 MB and the objects 11 MB.
   */
  private originalAnalyses = new AnalysisTable()
  private editedAnalyses = new WeakMap<MessageItem, MessageAnalysis>()
  private nextId = 1
  /** The messages as they were at the last open, reload or save: what "as saved" shows. */
  private savedItems: MessageItem[] = []
  private savedById: Map<number, MessageItem> | null = null
  private lintCache: LintCache | null = null

  constructor(
    readonly id: string,
    readonly source: S,
    private readonly countTokens: CountTokens,
  ) {
    this.reset()
  }

  get displayName(): string {
    return this.source.displayName
  }

  /** Starts again from the source as it is now (after opening, reloading or reverting): no edits, no history. */
  reset(): void {
    const count = this.source.originalCount()
    this.items = Array.from({ length: count }, (_, original) => ({ id: this.nextId++, original }))
    this.fieldSlots = new Map()
    this.originalAnalyses = new AnalysisTable()
    this.editedAnalyses = new WeakMap()
    this.history.clear()
    this.index = this.newIndex()
    this.rememberSaved()
  }

  /**
   * The source found more of its originals after they were first counted (a file scanned in the background): they
   * are appended, the ids of those already shown kept, and the index starts again (analyses already made are
   * reused). Only before any edit: edits wait for the source to be complete.
   */
  appendOriginals(): void {
    if (this.hasHistory || this.fieldSlots.size > 0)
      throw new Error('originals can only be appended before any edit')
    const count = this.source.originalCount()
    for (let original = this.items.length; original < count; original++)
      this.items.push({ id: this.nextId++, original })
    this.index = this.newIndex()
    this.rememberSaved()
  }

  /** After a save: what is on disk now is what the messages are now. */
  markSaved(): void {
    this.history.markSaved()
    this.rememberSaved()
  }

  private rememberSaved(): void {
    this.savedItems = this.items.slice()
    this.savedById = null
  }

  /**
   * Message `position` as it was at the last open, reload or save (for a file: its bytes on disk then), or
   * undefined when it has not changed since, or null when it was not there (inserted or duplicated since).
   */
  savedRawAt(position: number): string | null | undefined {
    const item = this.items[position]
    this.savedById ??= new Map(this.savedItems.map((saved) => [saved.id, saved]))
    const saved = this.savedById.get(item.id)
    if (saved === item) return undefined
    if (!saved) return null
    const raw =
      'original' in saved
        ? this.source.rawOriginal(saved.original)
        : this.source.rawValue(saved.value as PyValue)
    return raw === this.rawAt(position) ? undefined : raw
  }

  /** Unsaved edits since the last open, reload or save. */
  /** Some edit was made since the last open or reload (undone or not). */
  private get hasHistory(): boolean {
    return this.history.undoLabel !== null || this.history.redoLabel !== null
  }

  get dirty(): boolean {
    return this.history.dirty
  }

  /** Messages edited, added or removed compared with the source (moves alone are not counted). */
  changedMessageCount(): number {
    const originalCount = this.source.originalCount()
    // A byte per original message, not a Set: a save of a 100,000-message file counts them all.
    const accounted = new Uint8Array(originalCount)
    let accountedCount = 0
    let editedOrAdded = 0
    for (const item of this.items) {
      const origin = originOf(item)
      if (origin !== undefined && origin < originalCount && accounted[origin] === 0) {
        accounted[origin] = 1
        accountedCount++
      }
      if (!('original' in item)) editedOrAdded++
    }
    return editedOrAdded + (originalCount - accountedCount)
  }

  /** Whether the messages or fields differ from the source (edits undone count as none). */
  hasEdits(): boolean {
    if ([...this.fieldSlots.values()].some((slot) => slot !== undefined)) return true
    if (this.items.length !== this.source.originalCount()) return true
    return this.items.some((item, position) => !('original' in item) || item.original !== position)
  }

  /** The edited value of a field, undefined when it is as in the source. */
  fieldSlot(field: string): FieldSlot {
    return this.fieldSlots.get(field)
  }

  /** A field as it would be saved: edited, removed, or as in the source. */
  currentField(field: string): { present: boolean; value: unknown } {
    const slot = this.fieldSlots.get(field)
    if (slot) return { present: slot.value !== undefined, value: slot.value }
    return this.source.fieldValue(field)
  }

  plainAt(position: number): unknown {
    const item = this.items[position]
    return 'original' in item ? this.source.plainOriginal(item.original) : toPlain(item.value as PyValue)
  }

  /** Message `position`'s bytes as the source holds them, when it is an untouched original and the source keeps them. */
  originalBytesAt(position: number): BytesSpan | undefined {
    const item = this.items[position]
    return 'original' in item ? this.source.originalBytes?.(item.original) : undefined
  }

  rawAt(position: number): string {
    const item = this.items[position]
    return 'original' in item
      ? this.source.rawOriginal(item.original)
      : this.source.rawValue(item.value as PyValue)
  }

  /** The message ids in list order. */
  idAt(position: number): number {
    return this.items[position].id
  }

  messageSource(): MessageSource {
    return { count: this.items.length, plain: (i) => this.plainAt(i), raw: (i) => this.rawAt(i) }
  }

  analysisAt(position: number): MessageAnalysis {
    const item = this.items[position]
    let analysis = this.cachedAnalysis(item)
    if (!analysis) {
      const plain = this.plainAt(position)
      analysis = analyzeMessage(plain, () => this.tokensOf(item, plain), this.source.checkMessage(plain))
      this.cacheAnalysis(item, analysis)
    }
    return analysis
  }

  private cachedAnalysis(item: MessageItem): MessageAnalysis | undefined {
    return 'original' in item ? this.originalAnalyses.get(item.original) : this.editedAnalyses.get(item)
  }

  private cacheAnalysis(item: MessageItem, analysis: MessageAnalysis): void {
    if ('original' in item) this.originalAnalyses.set(item.original, analysis)
    else this.editedAnalyses.set(item, analysis)
  }

  /** MARSYS's count: from the source when it knows it, else counted from the lossless value (`5.0` is a float). */
  private tokensOf(item: MessageItem, plain: unknown): number {
    if ('original' in item)
      return this.source.originalTokens
        ? (this.source.originalTokens(item.original) ?? 0)
        : this.countTokens(plain)
    return this.countTokens(item.value)
  }

  private newIndex(): ConversationIndex {
    return new ConversationIndex(this.items.length, (position) => this.analysisAt(position), undefined, {
      conversationRules: this.source.conversationRules ?? true,
    })
  }

  // ---- editing --------------------------------------------------------------------------------------------

  private editTarget(): EditTarget {
    return {
      items: this.items,
      what: this.displayName,
      newId: () => this.nextId++,
      fields: this.source.fields,
      field: (name) => this.fieldSlots.get(name),
      setField: (name, slot) => {
        this.fieldSlots.set(name, slot)
      },
      patchMetadata: this.source.patchMetadata?.bind(this.source),
      messageValue: (position) => {
        const item = this.items[position]
        return 'original' in item ? this.source.decodeOriginal(item.original) : clonePy(item.value as PyValue)
      },
      messageInfo: (position) => this.analysisAt(position),
    }
  }

  private checkEditable(revision: number | undefined): void {
    const reason = this.source.notEditable()
    if (reason) throw new AppError('UNSUPPORTED', reason, { file: this.source.location })
    if (revision !== undefined && revision !== this.revision) {
      throw new AppError(
        'CONFLICT',
        `${this.displayName} is at revision ${this.revision}, not ${revision}: reload it and try again`,
        { file: this.source.location, reason: 'stale-revision', revision: this.revision },
      )
    }
  }

  /** Re-indexes after `changes` (as applied, in order): patched when they allow it, else rebuilt. */
  private afterChange(changes: readonly Change[]): void {
    this.revision++
    const patched = this.patchedIndex(changes) ?? this.splicedIndex(changes)
    if (patched) {
      this.index = patched
      return
    }
    this.index = this.newIndex()
    this.index.buildAll()
  }

  /**
   * The index after inserts, deletes, moves and duplicates: the messages that stayed keep their facts, only the
   * inserted ones are analysed (null while the index is still being built, or for changes too big to be worth it).
   */
  private splicedIndex(changes: readonly Change[]): ConversationIndex | null {
    if (!this.index.complete) return null
    const splices: Splice[] = []
    let inserted = 0
    for (const change of changes) {
      if (change.kind !== 'splice') continue
      splices.push({ start: change.start, removed: change.removed.length, inserted: change.inserted.length })
      inserted += change.inserted.length
    }
    const merged = mergeSplices(splices)
    if (merged.length === 0 || merged.length > MAX_SPLICES || inserted > MAX_SPLICED_MESSAGES) return null
    return this.index.withSplices(merged, this.items.length, (position) => this.analysisAt(position))
  }

  /**
   * The index after changes that only replace messages in place with ones of the same structure (an edited text,
   * name or image), without re-reading the others; null when the index must be rebuilt (inserts, deletes, moves,
   * a changed role or tool call, or an index still being built).
   */
  private patchedIndex(changes: readonly Change[]): ConversationIndex | null {
    if (!this.index.complete) return null
    const before = new Map<number, MessageItem>()
    for (const change of changes) {
      if (change.kind === 'field') continue
      if (change.removed.length !== change.inserted.length) return null
      change.removed.forEach((item, k) => {
        if (!before.has(change.start + k)) before.set(change.start + k, item)
      })
    }
    if (before.size > MAX_PATCHED_MESSAGES) return null
    const replaced = new Map<number, MessageAnalysis>()
    for (const [position, item] of before) {
      const was = this.cachedAnalysis(item)
      if (!was || !sameStructure(was, this.analysisAt(position))) return null
      replaced.set(position, was)
    }
    return this.index.withReplaced(replaced, (position) => this.analysisAt(position))
  }

  /** Applies changes in order; returns them. */
  private apply(changes: readonly Change[]): readonly Change[] {
    const target = this.editTarget()
    for (const change of changes) applyChange(target, change)
    return changes
  }

  private applyInverse(changes: readonly Change[]): readonly Change[] {
    return this.apply([...changes].reverse().map(invertChange))
  }

  /** Applies a batch of commands as one undo step, all or nothing; returns the batch (null: nothing changed). */
  edit(revision: number, commands: EditCommand[]): Batch | null {
    this.checkEditable(revision)
    if (commands.length === 0) return null
    const target = this.editTarget()
    const changes: Change[] = []
    try {
      for (const command of commands) changes.push(...applyCommand(target, command))
    } catch (error) {
      this.applyInverse(changes)
      throw error
    }
    if (changes.length === 0) return null
    const label =
      commands.length === 1 ? labelOf(commands[0]) : `${labelOf(commands[0])} and ${commands.length - 1} more`
    const batch = this.history.push(label, changes)
    this.afterChange(changes)
    return batch
  }

  /** The ids of the messages a batch added (inserted, duplicated, placeholder results), not those it edited. */
  static insertedIds(batch: Batch): number[] {
    const removed = new Set<number>()
    const inserted: number[] = []
    for (const change of batch.changes) {
      if (change.kind !== 'splice') continue
      for (const item of change.removed) removed.add(item.id)
      for (const item of change.inserted) inserted.push(item.id)
    }
    return [...new Set(inserted)].filter((id) => !removed.has(id))
  }

  /** Where messages are now, by id (null: not in the conversation). */
  locate(ids: readonly number[]): (number | null)[] {
    const wanted = new Set(ids)
    const found = new Map<number, number>()
    this.items.forEach((item, position) => {
      if (wanted.has(item.id)) found.set(item.id, position)
    })
    return ids.map((id) => found.get(id) ?? null)
  }

  /** Takes back the last edit entirely (it could not be persisted): no redo step is left for it. */
  dropLastEdit(): void {
    const batch = this.history.dropLast()
    if (!batch) return
    this.afterChange(this.applyInverse(batch.changes))
  }

  undo(): boolean {
    this.checkEditable(undefined)
    const batch = this.history.popUndo()
    if (!batch) return false
    this.afterChange(this.applyInverse(batch.changes))
    return true
  }

  redo(): boolean {
    this.checkEditable(undefined)
    const batch = this.history.popRedo()
    if (!batch) return false
    this.afterChange(this.apply(batch.changes))
    return true
  }

  state(): DocumentState {
    return {
      id: this.id,
      revision: this.revision,
      dirty: this.dirty,
      canUndo: this.history.undoLabel !== null,
      canRedo: this.history.redoLabel !== null,
      undoLabel: this.history.undoLabel,
      redoLabel: this.history.redoLabel,
      disk: this.source.diskStatus(),
      path: this.source.location,
    }
  }

  // ---- views ----------------------------------------------------------------------------------------------

  /**
   * The lint findings on the messages indexed so far (the panel's list), and their count by severity (the
   * summary's, so the Lint button and the panel can never disagree). Both cached until the index or the source's
   * diagnostics change; counting builds no issue, so a summary after each edit stays cheap.
   */
  lintIssues(): LintIssue[] {
    const cache = this.lintCacheFor()
    cache.issues ??= lintDocument(
      this.lintInput(),
      this.index.complete ? planToolResultLinks(this.index.count, (i) => this.analysisAt(i)) : [],
    )
    return cache.issues
  }

  lintCounts(): LintCounts {
    const cache = this.lintCacheFor()
    cache.counts ??= cache.issues ? countLintIssues(cache.issues) : countLint(this.lintInput())
    return cache.counts
  }

  private lintInput() {
    return {
      index: this.index,
      fileDiagnostics: this.source.diagnostics ?? NO_DIAGNOSTICS,
      problemsAt: (i: number) => this.analysisAt(i).problems,
    }
  }

  private lintCacheFor(): LintCache {
    const { index } = this
    const diagnostics = this.source.diagnostics ?? NO_DIAGNOSTICS
    const cached = this.lintCache
    if (
      cached &&
      cached.index === index &&
      cached.built === index.built &&
      cached.diagnostics === diagnostics
    )
      return cached
    this.lintCache = { index, built: index.built, diagnostics }
    return this.lintCache
  }

  /**
   * MARSYS's token total, and whether it is final: the index's once complete. Before, the messages are the source's
   * originals (an edit completes the index first), so the source's own total is final as soon as it knows it: for
   * a file, when its byte scan ends, well before every message is analysed.
   */
  private tokenTotal(sourceLoading: boolean): { total: number; final: boolean } {
    const index = this.index
    // While the source is still loading, even a complete index covers only the messages found so far.
    if (sourceLoading) return { total: index.totalTokens, final: false }
    if (index.complete || this.hasHistory) return { total: index.totalTokens, final: index.complete }
    const known = this.source.originalTokenTotal?.() ?? null
    return known === null ? { total: index.totalTokens, final: false } : { total: known, final: true }
  }

  summary(): DocumentSummary {
    const index = this.index
    const described = this.source.describe()
    const tokens = this.tokenTotal(described.loading === true)
    return {
      id: this.id,
      ...described,
      messageCount: index.count,
      indexing: !index.complete || described.loading === true,
      marsysTokens: tokens.total,
      marsysTokensFinal: tokens.final,
      roles: index.rolesMix(),
      toolCalls: index.toolCalls,
      unansweredToolCalls: index.unansweredToolCalls,
      orphanToolResults: index.orphanToolResults,
      // The source's own verdict (a file's BOM, top level, messages list) and each current message's check.
      marsysLoadable: described.marsysLoadable && index.unloadableMessages === 0,
      lint: this.lintCounts(),
      revision: this.revision,
      dirty: this.dirty,
    }
  }
}
