import { basename } from 'node:path'
import type { Diagnostic, DocumentErrorView, DocumentSummary } from '../../../shared/model/document'
import type { DiskStatus, DocumentState, EditCommand } from '../../../shared/model/edit'
import { dumpPyJson, JsonSyntaxError, toPlain, type PyValue } from '../../../shared/pyjson'
import { MarsysFile } from '../marsys/codec/marsysFile'
import { checkMessage } from '../marsys/codec/messageRules'
import { formatJsonPath } from '../marsys/codec/locatePath'
import { AppError } from '../errors'
import { contentHash } from './files/contentHash'
import { DocumentIndex } from './index/conversationIndex'
import { applyChange, applyCommand, invertChange, labelOf, type EditTarget } from './editing/applyCommand'
import { History, type AdditionalStateSlot, type Change } from './editing/history'
import { clonePy } from './editing/pyEdit'
import { originOf, type SavedMessage } from './editing/messageItem'
import { analyzeMessage, type CountTokens, type MessageAnalysis } from './index/messageAnalysis'
import type { MessageSource } from './messageSource'

export interface FileDiagnostics {
  marsysLoadable: boolean
  errors: Diagnostic[]
  warnings: Diagnostic[]
}

export type Diagnose = (file: MarsysFile, syntaxError: JsonSyntaxError | undefined) => FileDiagnostics

export interface LoadedBytes {
  bytes: Buffer
  mtimeMs: number
}

const CONTEXT_LINES = 3
/** `messages` elements sit two levels deep in a MARSYS file: raw text of an edited message is dumped there. */
const MESSAGE_LEVEL = 2

/**
 * One open MARSYS file. The file's bytes stay the base; the document is the list of its messages, each either
 * an original message (by index, written back byte for byte) or an edited value. Edits are commands recorded
 * with their inverses for undo/redo; per-message analysis is cached per list entry, so re-indexing after an edit
 * re-reads only what changed.
 */
export class MarsysDocument {
  file!: MarsysFile
  index!: DocumentIndex
  diagnostics!: FileDiagnostics
  private knownHash: string | null = null
  mtimeMs = 0
  revision = 0
  disk: DiskStatus = 'same'
  syntaxError: JsonSyntaxError | undefined
  items: SavedMessage[] = []
  additionalState: AdditionalStateSlot = undefined
  readonly history = new History()
  private analyses = new WeakMap<SavedMessage, MessageAnalysis>()

  constructor(
    readonly id: string,
    public path: string,
    loaded: LoadedBytes,
    private readonly countTokens: CountTokens,
    private readonly diagnose: Diagnose,
  ) {
    this.load(loaded)
  }

  get displayName(): string {
    return basename(this.path)
  }

  /** (Re)reads the bytes: a full structural scan (bytes only, fast), then an index filled in chunks. */
  load({ bytes, mtimeMs }: LoadedBytes): void {
    this.file = MarsysFile.openProgressive(bytes)
    try {
      this.file.scanToEnd()
      this.syntaxError = undefined
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error
      this.syntaxError = error
    }
    this.knownHash = null
    this.mtimeMs = mtimeMs
    this.disk = 'same'
    this.diagnostics = this.diagnose(this.file, this.syntaxError)
    const count = this.syntaxError || this.file.messagesKind !== 'list' ? 0 : this.file.messageCount
    this.items = Array.from({ length: count }, (_, original) => ({ original }))
    this.additionalState = undefined
    this.analyses = new WeakMap()
    this.history.clear()
    this.index = this.newIndex()
    if (this.syntaxError) this.index.buildAll()
  }

  /** Hash of the bytes on disk as we last read or wrote them (computed when first needed, not on open). */
  get hash(): string {
    this.knownHash ??= contentHash(this.file.buffer)
    return this.knownHash
  }

  set hash(value: string) {
    this.knownHash = value
  }

  get status(): DocumentSummary['status'] {
    return this.syntaxError ? 'error' : 'ok'
  }

  /** Unsaved edits since the last open, reload or save. */
  get dirty(): boolean {
    return this.history.dirty
  }

  /** Messages edited, added or removed compared with the file (moves alone are not counted). */
  changedMessageCount(): number {
    const accounted = new Set<number>()
    let editedOrAdded = 0
    for (const item of this.items) {
      const origin = originOf(item)
      if (origin !== undefined) accounted.add(origin)
      if (!('original' in item)) editedOrAdded++
    }
    const originals = this.syntaxError || this.file.messagesKind !== 'list' ? 0 : this.file.messageCount
    return editedOrAdded + (originals - accounted.size)
  }

  /** Whether the message list or additional_state differ from the file's bytes (edits undone count as none). */
  hasEdits(): boolean {
    if (this.additionalState !== undefined) return true
    if (this.syntaxError) return false
    if (this.items.length !== (this.file.messagesKind === 'list' ? this.file.messageCount : 0)) return true
    return this.items.some((item, position) => !('original' in item) || item.original !== position)
  }

  plainAt(position: number): unknown {
    const item = this.items[position]
    return 'original' in item ? this.file.decodeMessagePlain(item.original) : toPlain(item.value as PyValue)
  }

  rawAt(position: number): string {
    const item = this.items[position]
    return 'original' in item
      ? this.file.messageText(item.original)
      : dumpPyJson(item.value as PyValue, { indent: 2, level: MESSAGE_LEVEL })
  }

  source(): MessageSource {
    return { count: this.items.length, plain: (i) => this.plainAt(i), raw: (i) => this.rawAt(i) }
  }

  /** The `additional_state` as it would be saved: edited, removed, or as in the file. */
  currentAdditionalState(): { present: boolean; value: unknown } {
    if (this.additionalState)
      return { present: this.additionalState.value !== undefined, value: this.additionalState.value }
    const present = !this.syntaxError && this.file.hasAdditionalState
    return { present, value: present ? (this.file.additionalState ?? null) : null }
  }

  analysisAt(position: number): MessageAnalysis {
    const item = this.items[position]
    let analysis = this.analyses.get(item)
    if (!analysis) {
      const plain = this.plainAt(position)
      const problems =
        typeof plain === 'object' && plain !== null && !Array.isArray(plain)
          ? checkMessage(plain as never)
          : []
      const views = problems.map((problem) => ({
        severity: problem.severity,
        message: problem.message,
        subPath: formatJsonPath(problem.path).slice(1),
      }))
      analysis = analyzeMessage(plain, this.countTokens, views)
      this.analyses.set(item, analysis)
    }
    return analysis
  }

  private newIndex(): DocumentIndex {
    return new DocumentIndex(this.items.length, (position) => this.analysisAt(position))
  }

  // ---- editing --------------------------------------------------------------------------------------------

  private editTarget(): EditTarget {
    return {
      items: this.items,
      additionalState: () => this.additionalState,
      setAdditionalState: (slot) => {
        this.additionalState = slot
      },
      messageValue: (position) => {
        const item = this.items[position]
        return 'original' in item ? this.file.decodeMessage(item.original) : clonePy(item.value as PyValue)
      },
      messageInfo: (position) => this.analysisAt(position),
    }
  }

  private checkEditable(revision: number | undefined): void {
    if (this.syntaxError)
      throw new AppError(
        'UNSUPPORTED',
        `${this.displayName} could not be parsed; fix the file in a text editor first`,
        { file: this.path },
      )
    if (revision !== undefined && revision !== this.revision) {
      throw new AppError(
        'CONFLICT',
        `${this.displayName} is at revision ${this.revision}, not ${revision}: reload it and try again`,
        { file: this.path, reason: 'stale-revision', revision: this.revision },
      )
    }
  }

  private afterChange(): void {
    this.revision++
    this.index = this.newIndex()
    this.index.buildAll()
  }

  /** Applies a batch of commands as one undo step; all or nothing. */
  edit(revision: number, commands: EditCommand[]): void {
    this.checkEditable(revision)
    if (commands.length === 0) return
    const target = this.editTarget()
    const changes: Change[] = []
    try {
      for (const command of commands) changes.push(...applyCommand(target, command))
    } catch (error) {
      for (const change of changes.reverse()) applyChange(target, invertChange(change))
      throw error
    }
    if (changes.length === 0) return
    const label =
      commands.length === 1 ? labelOf(commands[0]) : `${labelOf(commands[0])} and ${commands.length - 1} more`
    this.history.push(label, changes)
    this.afterChange()
  }

  undo(): boolean {
    this.checkEditable(undefined)
    const batch = this.history.popUndo()
    if (!batch) return false
    const target = this.editTarget()
    for (const change of [...batch.changes].reverse()) applyChange(target, invertChange(change))
    this.afterChange()
    return true
  }

  redo(): boolean {
    this.checkEditable(undefined)
    const batch = this.history.popRedo()
    if (!batch) return false
    const target = this.editTarget()
    for (const change of batch.changes) applyChange(target, change)
    this.afterChange()
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
      disk: this.disk,
      path: this.path,
    }
  }

  // ---- views ----------------------------------------------------------------------------------------------

  summary(): DocumentSummary {
    const index = this.index
    return {
      id: this.id,
      path: this.path,
      name: this.displayName,
      memoryType: this.syntaxError ? null : (this.file.memoryType ?? null),
      status: this.status,
      messageCount: index.count,
      indexing: !index.complete,
      marsysTokens: index.totalTokens,
      roles: index.rolesMix(),
      toolCalls: index.toolCalls,
      unansweredToolCalls: index.unansweredToolCalls,
      orphanToolResults: index.orphanToolResults,
      bytes: this.file.byteLength,
      modifiedMs: this.mtimeMs,
      // File-level verdict (BOM, top level, messages list) and each current message's own check.
      marsysLoadable: this.diagnostics.marsysLoadable && index.unloadableMessages === 0,
      errorCount: this.diagnostics.errors.length,
      warningCount: this.diagnostics.warnings.length,
      revision: this.revision,
      dirty: this.dirty,
    }
  }

  errorView(): DocumentErrorView | null {
    const error = this.syntaxError
    if (!error) return null
    const text = this.file.buffer.toString('utf8')
    const lines = text.split('\n')
    const first = Math.max(1, error.line - CONTEXT_LINES)
    const last = Math.min(lines.length, error.line + CONTEXT_LINES)
    const context = []
    for (let line = first; line <= last; line++) context.push({ line, text: lines[line - 1].slice(0, 500) })
    return {
      id: this.id,
      path: this.path,
      message: error.message,
      line: error.line,
      column: error.column,
      expected: error.expected,
      context,
      marsysVerdict:
        'MARSYS cannot load this file: its loader fails on invalid JSON (json.load raises JSONDecodeError).',
    }
  }
}
