import { basename } from 'node:path'
import type { Diagnostic, DocumentErrorView } from '../../../../shared/model/document'
import type { DiskStatus } from '../../../../shared/model/edit'
import { dumpPyJson, JsonSyntaxError, type PyValue } from '../../../../shared/pyjson'
import { MarsysFile } from '../../marsys/codec/marsysFile'
import { checkMessage } from '../../marsys/codec/messageRules'
import { formatJsonPath } from '../../marsys/codec/locatePath'
import { describeNotAMemory } from '../../marsys/codec/notAMemory'
import type { MessageProblemView } from '../index/messageAnalysis'
import type { BytesSpan, ConversationSource, SourceDescription } from '../source'
import { contentHash, hashChunks } from './contentHash'

export interface FileDiagnostics {
  marsysLoadable: boolean
  errors: Diagnostic[]
  warnings: Diagnostic[]
}

export type Diagnose = (file: MarsysFile, syntaxError: JsonSyntaxError | undefined) => FileDiagnostics

/** How much of a file to scan before answering an open; the rest is scanned later (`scanMore`, `finishLoad`). */
export interface ScanAhead {
  /** Messages the first rows need. */
  messages: number
  /** Bytes scanned in any case: smaller files are read whole at once. */
  minBytes: number
}

/** The verdicts of a file still being scanned: not known yet (the summary says `loading`). */
const PENDING_DIAGNOSTICS: FileDiagnostics = { marsysLoadable: true, errors: [], warnings: [] }

export interface LoadedBytes {
  bytes: Buffer
  mtimeMs: number
  /** The file's disk stamp when these bytes were read (see `diskStamp.ts`); absent: compare by hash only. */
  stamp?: string
}

const CONTEXT_LINES = 3
/** `messages` elements sit two levels deep in a MARSYS file: raw text of an edited message is dumped there. */
const MESSAGE_LEVEL = 2
export const ADDITIONAL_STATE = 'additional_state'

/**
 * A MARSYS memory file as a conversation source. The file's bytes stay the base: originals are decoded from them
 * on demand and written back byte for byte; the codec writes edited ones as MARSYS would.
 */
export class MarsysFileSource implements ConversationSource {
  readonly kind = 'file'
  readonly fields = [ADDITIONAL_STATE]
  file!: MarsysFile
  diagnostics!: FileDiagnostics
  syntaxError: JsonSyntaxError | undefined
  /** What the file is when it is valid JSON but no MARSYS memory (see `describeNotAMemory`), else null. */
  notAMemory: string | null = null
  mtimeMs = 0
  disk: DiskStatus = 'same'
  /** The disk stamp of the bytes we last read or wrote: equal on disk means unchanged, with no need to hash. */
  stamp: string | null = null
  private knownHash: string | null = null
  /** The bytes last saved, hashed only if the hash is ever asked for (a save itself never needs it). */
  private written: readonly Uint8Array[] | null = null
  /**
   * True while only the start of the file is scanned: the messages are those found so far, and the verdicts, the
   * syntax check and the message count are not known yet. `finishLoad` (or `scanMore` until it returns true) ends it.
   */
  loading = false
  /** Which `messages` member the messages found while loading belong to (a later duplicate replaces them). */
  private loadingEntry = -1
  /** The `memory_type` the messages found while loading were read with (MARSYS writes it before them). */
  private loadingMemoryType: string | undefined
  /** The file's `memory_type` once loaded (every message's check asks for it: decoded once). */
  private loadedMemoryType: string | undefined
  /** MARSYS's token total of the messages scanned so far (null: one cannot be counted without the index). */
  private counted: { file: MarsysFile; entry: number; upTo: number; total: number | null } | null = null

  constructor(
    public path: string,
    loaded: LoadedBytes | { file: MarsysFile; mtimeMs: number },
    private readonly diagnose: Diagnose,
    private readonly scanAhead?: ScanAhead,
  ) {
    if ('file' in loaded) this.adopt(loaded.file, loaded.mtimeMs)
    else this.load(loaded)
  }

  get displayName(): string {
    return basename(this.path)
  }

  get location(): string {
    return this.path
  }

  /**
   * (Re)reads the bytes: a structural scan (bytes only, fast) of the whole file, or with `scanAhead` of its start
   * only (then `loading` until the rest is scanned). Messages are decoded when first needed.
   */
  load({ bytes, mtimeMs, stamp }: LoadedBytes): void {
    this.adopt(MarsysFile.openProgressive(bytes), mtimeMs, stamp)
  }

  /** Takes a file already open (the command line reads it itself), scanning what is left of it. */
  private adopt(file: MarsysFile, mtimeMs: number, stamp?: LoadedBytes['stamp']): void {
    this.file = file
    this.knownHash = null
    this.written = null
    this.mtimeMs = mtimeMs
    this.stamp = stamp ?? null
    this.disk = 'same'
    this.syntaxError = undefined
    this.notAMemory = null
    if (this.scanAhead && !file.scanAhead(this.scanAhead.messages, this.scanAhead.minBytes)) {
      this.loading = true
      this.loadingEntry = file.messagesEntryScanned
      this.loadingMemoryType = file.memoryTypeScanned
      this.diagnostics = PENDING_DIAGNOSTICS
      return
    }
    this.loading = true
    this.finishLoad()
  }

  /** Scans about `maxBytes` more of a file still loading; true once nothing is left to scan (then `finishLoad`). */
  scanMore(maxBytes: number): boolean {
    if (!this.loading) return true
    try {
      const done = this.file.scanMore(maxBytes)
      this.countScanned()
      return done
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error
      return true
    }
  }

  /**
   * Scans the rest of the file now and takes its verdicts. Returns whether the messages found while loading are
   * still the file's first ones (else the file turned out broken, no memory, or its messages were replaced by a
   * later duplicate member, and a conversation must start again from `originalCount`).
   */
  finishLoad(): boolean {
    if (!this.loading) return true
    this.loading = false
    try {
      this.file.scanToEnd()
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error
      this.syntaxError = error
    }
    this.diagnostics = this.diagnose(this.file, this.syntaxError)
    this.notAMemory = this.syntaxError ? null : describeNotAMemory(this.file)
    this.loadedMemoryType = this.syntaxError ? undefined : this.file.memoryType
    return (
      !this.syntaxError &&
      !this.notAMemory &&
      this.file.messagesEntryIndex === this.loadingEntry &&
      this.loadedMemoryType === this.loadingMemoryType
    )
  }

  /** The file's `memory_type`; while loading, the one found before its messages (never scanning further). */
  private get memoryType(): string | undefined {
    return this.loading ? this.loadingMemoryType : this.loadedMemoryType
  }

  /** The start of the file's text (at most `maxBytes`, cut at a character), for showing a file that is no memory. */
  fileText(maxBytes: number): { text: string; totalBytes: number; shownBytes: number } {
    const { buffer } = this.file
    let end = Math.min(buffer.length, maxBytes)
    // Not in the middle of a UTF-8 sequence: back up over continuation bytes.
    while (end < buffer.length && end > 0 && (buffer[end] & 0xc0) === 0x80) end--
    return { text: buffer.toString('utf8', 0, end), totalBytes: buffer.length, shownBytes: end }
  }

  /** A `kg` memory holds facts with roles, not turns: tool-call pairing and turn order do not apply to it. */
  get conversationRules(): boolean {
    return this.syntaxError !== undefined || this.memoryType !== 'kg'
  }

  /** Hash of the bytes on disk as we last read or wrote them (computed when first needed, not on open or save). */
  get hash(): string {
    if (this.knownHash === null) {
      this.knownHash = this.written ? hashChunks(this.written) : contentHash(this.file.buffer)
      this.written = null
    }
    return this.knownHash
  }

  /** Records what a save is writing (before its rename: the watcher may see the new file at once). */
  recordWritten(chunks: readonly Uint8Array[]): { undo: () => void } {
    const { knownHash, written } = this
    this.knownHash = null
    this.written = chunks
    return {
      undo: () => {
        this.knownHash = knownHash
        this.written = written
      },
    }
  }

  originalCount(): number {
    if (this.loading) return this.file.messagesScanned
    return this.syntaxError || this.file.messagesKind !== 'list' ? 0 : this.file.messageCount
  }

  plainOriginal(position: number): unknown {
    return this.file.decodeMessagePlain(position)
  }

  rawOriginal(position: number): string {
    return this.file.messageText(position)
  }

  originalBytes(position: number): BytesSpan {
    return { bytes: this.file.buffer, ...this.file.messageSpan(position) }
  }

  decodeOriginal(position: number): PyValue {
    return this.file.decodeMessage(position)
  }

  originalTokens(position: number): number | null {
    return this.file.marsysTokens(position)
  }

  originalTokenTotal(): number | null {
    if (this.loading || this.originalCount() === 0) return null
    return this.countScanned()
  }

  /**
   * Adds the messages scanned since the last call to the running token total (returned; null when one message
   * cannot be counted), so that a file scanned in the background has its total when the scan ends (a
   * 300,000-message file's count at once would hold main 50 ms).
   */
  private countScanned(): number | null {
    const { file } = this
    let running = this.counted
    if (running?.file !== file || running.entry !== file.messagesEntryScanned) {
      // Another file read, or a later `messages` member replaced the messages counted so far.
      running = this.counted = { file, entry: file.messagesEntryScanned, upTo: 0, total: 0 }
    }
    if (running.total === null) return null
    try {
      for (const scanned = file.messagesScanned; running.upTo < scanned; running.upTo++)
        running.total += file.marsysTokens(running.upTo) ?? 0
    } catch {
      // A message that cannot be decoded (nested too deep): the index reports it when it gets there.
      running.total = null
    }
    return running.total
  }

  rawValue(value: PyValue): string {
    return dumpPyJson(value, { indent: 2, level: MESSAGE_LEVEL })
  }

  checkMessage(plain: unknown): MessageProblemView[] {
    if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) return []
    // A kg memory never builds MARSYS Messages from its entries: only the role is checked there.
    return checkMessage(plain as never, this.memoryType).map((problem) => ({
      severity: problem.severity,
      message: problem.message,
      subPath: formatJsonPath(problem.path).slice(1),
    }))
  }

  fieldValue(field: string): { present: boolean; value: unknown } {
    if (field !== ADDITIONAL_STATE) return { present: false, value: null }
    const present = !this.syntaxError && this.file.hasAdditionalState
    return { present, value: present ? (this.file.additionalState ?? null) : null }
  }

  notEditable(): string | null {
    if (this.syntaxError)
      return `${this.displayName} could not be parsed; fix the file in a text editor first`
    if (this.notAMemory) return `${this.displayName}: ${this.notAMemory} It is shown read-only.`
    return null
  }

  diskStatus(): DiskStatus {
    return this.disk
  }

  describe(): SourceDescription {
    return {
      source: 'file',
      path: this.path,
      name: this.displayName,
      sessionId: null,
      memoryType: this.syntaxError ? null : (this.memoryType ?? null),
      status: this.syntaxError ? 'error' : 'ok',
      bytes: this.file.byteLength,
      modifiedMs: this.mtimeMs,
      marsysLoadable: this.diagnostics.marsysLoadable,
      errorCount: this.diagnostics.errors.length,
      warningCount: this.diagnostics.warnings.length,
      ...(this.notAMemory ? { notAMemory: this.notAMemory } : {}),
      ...(this.loading ? { loading: true } : {}),
    }
  }

  errorView(id: string): DocumentErrorView | null {
    const error = this.syntaxError
    if (!error) return null
    const text = this.file.buffer.toString('utf8')
    const lines = text.split('\n')
    const first = Math.max(1, error.line - CONTEXT_LINES)
    const last = Math.min(lines.length, error.line + CONTEXT_LINES)
    const context = []
    for (let line = first; line <= last; line++) context.push({ line, text: lines[line - 1].slice(0, 500) })
    return {
      id,
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

export const isFileSource = (source: ConversationSource): source is MarsysFileSource => source.kind === 'file'
