import {
  JsonNestingError,
  JsonSyntaxError,
  PY_JSON_MAX_DEPTH,
  PY_JSON_MAX_DEPTH_ANY_PYTHON,
  PyNumber,
  asNumber,
  findDeepNestingInText,
  parsePyJson,
  toPlain,
  type PathSegment,
  type PlainJson,
  type PyValue,
} from '../../../../shared/pyjson'
import { DefaultTokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
import { ByteLineCounter, type LineColumn } from './bytePosition'
import { ShapeKind } from './messageShapes'
import { MESSAGES_KEY, MarsysScanner, kindOfByte, type JsonKind, type TopLevelEntry } from './scanner'
import { yieldToEventLoop } from '../../eventLoop'

export interface ByteSpan {
  start: number
  /** Exclusive. */
  end: number
}

export interface ScanProgress {
  bytesScanned: number
  totalBytes: number
  messagesFound: number
}

export interface BackgroundScanOptions {
  /** Bytes per slice between yields to the event loop (default 8 MiB). */
  chunkBytes?: number
  onProgress?: (progress: ScanProgress) => void
  signal?: AbortSignal
}

/** What the `messages` member is: a list, absent, or some other value (then there are no messages). */
export type MessagesKind = 'list' | 'missing' | 'other'

const DEFAULT_STEP_BYTES = 8 * 1024 * 1024

/**
 * A MARSYS save file held as its original bytes plus a structural index. Messages are decoded only when asked
 * for; everything not edited is later written back byte for byte (see writer.ts).
 *
 * Open with `MarsysFile.open` (scans everything now; throws JsonSyntaxError) or `MarsysFile.openProgressive`
 * (scans on demand: `ensureMessages(100)` gives the first rows quickly, `scanInBackground()` finishes the index).
 * Accessors that need the whole index (messageCount, timestamp, ...) finish the scan synchronously.
 */
export class MarsysFile {
  private readonly scanner: MarsysScanner
  private additionalStateCache: { value: PyValue | undefined } | undefined
  private deepNestingCache: { found: DeepNesting | undefined } | undefined

  private constructor(readonly buffer: Buffer) {
    this.scanner = new MarsysScanner(buffer)
  }

  static open(buffer: Buffer): MarsysFile {
    return new MarsysFile(buffer).scanToEnd()
  }

  static openProgressive(buffer: Buffer): MarsysFile {
    return new MarsysFile(buffer)
  }

  get byteLength(): number {
    return this.buffer.length
  }

  /** The file starts with a UTF-8 BOM. We read it; MARSYS refuses such files. */
  get hasBom(): boolean {
    return this.scanner.hasBom
  }

  get textStart(): number {
    return this.scanner.textStart
  }

  get isComplete(): boolean {
    return this.scanner.done
  }

  /** The syntax error met so far, if any (messages before it stay readable). */
  get syntaxError(): JsonSyntaxError | undefined {
    return this.scanner.error
  }

  get progress(): ScanProgress {
    return {
      bytesScanned: this.scanner.position,
      totalBytes: this.buffer.length,
      messagesFound: this.scanner.messageSpans.length,
    }
  }

  /** Messages indexed so far, without scanning further. */
  get messagesScanned(): number {
    return this.scanner.messageSpans.length
  }

  /** Scans up to about `maxBytes` more. Returns true once complete. Throws the file's JsonSyntaxError. */
  scanMore(maxBytes = DEFAULT_STEP_BYTES): boolean {
    return this.scanner.done || this.scanner.step(maxBytes)
  }

  /**
   * Scans until at least `count` messages are indexed or the file ends; returns how many are indexed. Does not
   * throw on a syntax error: the messages before it stay available and the error is in `syntaxError`.
   */
  ensureMessages(count: number): number {
    const scanner = this.scanner
    try {
      while (!scanner.done && !scanner.failed && scanner.messageSpans.length < count)
        scanner.step(Infinity, count)
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e
    }
    return scanner.messageSpans.length
  }

  /**
   * Scans at least `minBytes` (or to the end) and on until `messages` messages are indexed: what an open needs
   * before answering. Does not throw on a syntax error (see `syntaxError`). Returns true once the scan is over.
   */
  scanAhead(messages: number, minBytes: number): boolean {
    try {
      if (!this.scanner.done && !this.scanner.failed) this.scanner.step(minBytes)
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e
    }
    this.ensureMessages(messages)
    return this.scanner.done || this.scanner.failed
  }

  /**
   * Index in `entries` of the `messages` member whose elements are indexed so far (-1: none yet), without scanning
   * further: a later duplicate member replaces them, as Python keeps the last one.
   */
  get messagesEntryScanned(): number {
    return this.scanner.messagesEntry
  }

  scanToEnd(): this {
    while (!this.scanner.done) this.scanner.step(Infinity)
    return this
  }

  /** Finishes the index in slices, yielding to the event loop between them. Rejects with the syntax error. */
  async scanInBackground(opts: BackgroundScanOptions = {}): Promise<void> {
    const chunk = opts.chunkBytes ?? DEFAULT_STEP_BYTES
    while (!this.scanMore(chunk)) {
      opts.onProgress?.(this.progress)
      await yieldToEventLoop()
      opts.signal?.throwIfAborted()
    }
    opts.onProgress?.(this.progress)
  }

  /** The JSON type of the whole document (MARSYS needs an object); undefined when the file holds no value at all. */
  get topLevelKind(): JsonKind | undefined {
    if (this.scanner.topLevelKind === undefined && !this.scanner.failed) {
      try {
        this.scanner.step(1)
      } catch (e) {
        if (!(e instanceof JsonSyntaxError)) throw e
      }
    }
    return this.scanner.topLevelKind
  }

  /** Top-level members in file order (complete index). */
  get entries(): readonly TopLevelEntry[] {
    this.scanToEnd()
    return this.scanner.entries
  }

  /** The member Python's json would keep for `key` (the last duplicate). */
  entry(key: string): TopLevelEntry | undefined {
    const entries = this.entries
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i].key === key) return entries[i]
    return undefined
  }

  /** Decodes a top-level member's value (undefined when absent). */
  decodeEntry(key: string): PyValue | undefined {
    const entry = this.entry(key)
    return entry && this.parseSpan(entry.valueStart, entry.valueEnd, [key])
  }

  /**
   * Where the document first nests deeper than MARSYS's `json.load` can read on every supported Python
   * (PY_JSON_MAX_DEPTH; it raises RecursionError), or undefined. Completes the scan; the exact search runs only
   * when the scan saw deep nesting.
   */
  get deepNesting(): DeepNesting | undefined {
    this.scanToEnd()
    // The scanner's hint counts below each skipped value: members sit 1 deep, messages 2, and an empty innermost
    // container is not counted.
    if (this.scanner.stats.maxDepth + 3 <= PY_JSON_MAX_DEPTH) return undefined
    if (!this.deepNestingCache) {
      const text = this.buffer.toString('utf8')
      const found = findDeepNestingInText(text, PY_JSON_MAX_DEPTH)
      this.deepNestingCache = {
        found: found && {
          offset: Buffer.byteLength(text.slice(0, found.offset)),
          segments: found.segments,
          beyondEveryPython: findDeepNestingInText(text, PY_JSON_MAX_DEPTH_ANY_PYTHON) !== undefined,
        },
      }
    }
    return this.deepNestingCache.found
  }

  /**
   * parsePyJson of the value at `pathPrefix` (a member or a message): nesting counts from the document's root, as
   * MARSYS's json.load counts it, and a nesting error is reported at its place in the whole file.
   */
  private parseSpan(start: number, end: number, pathPrefix: readonly PathSegment[]): PyValue {
    const text = this.buffer.toString('utf8', start, end)
    try {
      return parsePyJson(text, { maxDepth: PY_JSON_MAX_DEPTH - pathPrefix.length })
    } catch (e) {
      if (!(e instanceof JsonNestingError)) throw e
      const whole = this.buffer.toString('utf8')
      const before = this.buffer.toString('utf8', 0, start).length
      throw new JsonNestingError(whole, before + e.offset, PY_JSON_MAX_DEPTH, [...pathPrefix, ...e.segments])
    }
  }

  /** `memory_type` when it is a string. Found without scanning the messages when it comes first, as MARSYS writes it. */
  get memoryType(): string | undefined {
    let value: PyValue | undefined
    try {
      value = this.memoryTypeValue
    } catch (e) {
      // A value nested too deep to decode is not a string either.
      if (e instanceof JsonNestingError) return undefined
      throw e
    }
    return typeof value === 'string' ? value : undefined
  }

  /** While a progressive scan runs, the value found so far (MARSYS writes `memory_type` before `messages`). */
  get memoryTypeValue(): PyValue | undefined {
    if (!this.scanner.done && !this.scanner.failed) {
      const found = this.scanner.entries.findLast((e) => e.key === 'memory_type' && e.valueEnd >= 0)
      if (found) return this.parseSpan(found.valueStart, found.valueEnd, ['memory_type'])
    }
    return this.decodeEntry('memory_type')
  }

  /** `memory_type` as found so far when it is a string, without scanning further. */
  get memoryTypeScanned(): string | undefined {
    const found = this.scanner.entries.findLast((e) => e.key === 'memory_type' && e.valueEnd >= 0)
    if (!found) return undefined
    try {
      const value = this.parseSpan(found.valueStart, found.valueEnd, ['memory_type'])
      return typeof value === 'string' ? value : undefined
    } catch (e) {
      if (e instanceof JsonNestingError) return undefined
      throw e
    }
  }

  get messagesKind(): MessagesKind {
    this.scanToEnd()
    if (this.scanner.messagesEntry < 0) return 'missing'
    return this.scanner.messagesOpen >= 0 ? 'list' : 'other'
  }

  /** Number of messages (elements of the `messages` list; 0 if it is not a list). Completes the scan. */
  get messageCount(): number {
    this.scanToEnd()
    return this.scanner.messageSpans.length
  }

  /** Offsets of the top-level object's braces (`end` is past the `}`), when the document is an object. */
  get objectSpan(): ByteSpan | undefined {
    this.scanToEnd()
    const { objectOpen, objectClose } = this.scanner
    return objectOpen >= 0 ? { start: objectOpen, end: objectClose + 1 } : undefined
  }

  /** Index in `entries` of the `messages` member in effect (the last duplicate), or -1. */
  get messagesEntryIndex(): number {
    this.scanToEnd()
    return this.scanner.messagesEntry
  }

  /** Offsets of the `[` and `]` of the messages list, when it is one. */
  get messagesListSpan(): ByteSpan | undefined {
    this.scanToEnd()
    const { messagesOpen, messagesClose } = this.scanner
    return messagesOpen >= 0 ? { start: messagesOpen, end: messagesClose + 1 } : undefined
  }

  messageSpan(i: number): ByteSpan {
    this.checkIndex(i)
    const spans = this.scanner.messageSpans
    return { start: spans.start(i), end: spans.end(i) }
  }

  messageStart(i: number): number {
    this.checkIndex(i)
    return this.scanner.messageSpans.start(i)
  }

  messageEnd(i: number): number {
    this.checkIndex(i)
    return this.scanner.messageSpans.end(i)
  }

  /** The message's exact bytes (a view into the file buffer, not a copy). */
  messageBytes(i: number): Buffer {
    const { start, end } = this.messageSpan(i)
    return this.buffer.subarray(start, end)
  }

  messageText(i: number): string {
    const { start, end } = this.messageSpan(i)
    return this.buffer.toString('utf8', start, end)
  }

  /** The JSON type of message i, from its first byte (MARSYS skips everything that is not an object). */
  messageKind(i: number): JsonKind {
    return kindOfByte(this.buffer[this.messageStart(i)])
  }

  /** Lossless decode, for editing. */
  decodeMessage(i: number): PyValue {
    const { start, end } = this.messageSpan(i)
    return this.parseSpan(start, end, [MESSAGES_KEY, i])
  }

  /** Plain JS decode for read-only views and token counting (fast native path unless NaN/Infinity occur). */
  decodeMessagePlain(i: number): PlainJson {
    const text = this.messageText(i)
    try {
      return JSON.parse(text) as PlainJson
    } catch {
      return toPlain(this.decodeMessage(i))
    }
  }

  /**
   * MARSYS's default `DefaultTokenCounter` count of message i, null for an entry MARSYS skips (not an object).
   * Comes from lengths counted during the byte scan; only messages the scan cannot express (list or dict content,
   * odd types) are decoded.
   */
  marsysTokens(i: number): number | null {
    this.checkIndex(i)
    const shapes = this.scanner.messageShapes
    const kind = shapes.kind(i)
    if (kind === ShapeKind.NotAnObject) return null
    const shape = shapes.shape(i)
    return shape
      ? DEFAULT_COUNTER.countShape(shape)
      : // The lossless decode: `5.0` stays a float, as MARSYS counts it (a plain JS number would not).
        DEFAULT_COUNTER.countMessage(this.decodeMessage(i))
  }

  /** MARSYS's default token total over the messages it would load (completes the scan). */
  get marsysTokenTotal(): number {
    let total = 0
    for (let i = 0, count = this.messageCount; i < count; i++) total += this.marsysTokens(i) ?? 0
    return total
  }

  /** The raw text of `timestamp` (e.g. `1795317862.4397397`). */
  get timestampText(): string | undefined {
    const entry = this.entry('timestamp')
    return entry && this.buffer.toString('utf8', entry.valueStart, entry.valueEnd)
  }

  /** `timestamp` in seconds since the epoch, when it is a number. */
  get timestamp(): number | undefined {
    const entry = this.entry('timestamp')
    if (!entry) return undefined
    const value = this.decodeEntry('timestamp')
    return value instanceof PyNumber || typeof value === 'number' ? asNumber(value) : undefined
  }

  get hasAdditionalState(): boolean {
    return this.entry('additional_state') !== undefined
  }

  /** `additional_state`, decoded on first use (the bytes stay as they are unless replaced on save). */
  get additionalState(): PyValue | undefined {
    this.additionalStateCache ??= { value: this.decodeEntry('additional_state') }
    return this.additionalStateCache.value
  }

  /** Top-level keys MARSYS neither writes nor reads. */
  get unknownKeys(): string[] {
    return this.entries.map((e) => e.key).filter((k) => !KNOWN_KEYS.has(k))
  }

  /** Raw non-ASCII text occurs in some string (MARSYS files are pure ASCII). Complete after the scan. */
  get hasRawNonAscii(): boolean {
    return this.scanner.stats.rawNonAscii
  }

  /** Offset of the first invalid UTF-8 sequence, or -1. Complete after the scan. */
  get invalidUtf8Offset(): number {
    return this.scanner.stats.invalidUtf8At
  }

  /** A line counter for this file's offsets (reuse one for many increasing offsets). */
  lineCounter(): { at(offset: number): LineColumn } {
    return new ByteLineCounter(this.buffer, this.textStart)
  }

  private checkIndex(i: number): void {
    if (!Number.isInteger(i) || i < 0) throw new RangeError(`message index ${i} out of range`)
    if (i >= this.ensureMessages(i + 1))
      throw new RangeError(`message index ${i} out of range (${this.messagesScanned} messages)`)
  }
}

const DEFAULT_COUNTER = new DefaultTokenCounter()

/** A place nested too deep for MARSYS: the byte offset of the opening bracket and the path of that container. */
export interface DeepNesting {
  offset: number
  segments: PathSegment[]
  /** Also deeper than the most any supported Python reads (PY_JSON_MAX_DEPTH_ANY_PYTHON). */
  beyondEveryPython: boolean
}

const KNOWN_KEYS = new Set(['memory_type', MESSAGES_KEY, 'timestamp', 'additional_state'])
