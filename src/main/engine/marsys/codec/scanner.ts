import { JsonSyntaxError, parsePyJson } from '../../../../shared/pyjson'
import {
  EXPECTED_ARRAY_NEXT,
  EXPECTED_KEY,
  EXPECTED_OBJECT_NEXT,
  EXPECTED_VALUE,
  SyntaxFailure,
  newByteStats,
  skipString,
  skipValue,
  skipWhitespace,
  type ByteStats,
} from './byteSyntax'
import { byteSyntaxError } from './bytePosition'
import { MessageShapeList, skipMessage } from './messageShapes'
import { SpanList } from './spanList'

/** One member of the top-level object, by byte offsets into the file. */
export interface TopLevelEntry {
  key: string
  /** Offset of the key's opening quote. */
  keyStart: number
  valueStart: number
  /** Exclusive; -1 while the value is still being scanned. */
  valueEnd: number
}

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'literal'

export function kindOfByte(c: number): JsonKind {
  if (c === 0x7b) return 'object'
  if (c === 0x5b) return 'array'
  if (c === 0x22) return 'string'
  if (c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x4e || c === 0x49) return 'number'
  return 'literal'
}

const enum Phase {
  Start,
  TopFirstKey,
  TopKey,
  TopAfterValue,
  MessagesFirst,
  MessagesElement,
  MessagesAfterElement,
  End,
  Done,
  Failed,
}

const UTF8_BOM = [0xef, 0xbb, 0xbf]
export const MESSAGES_KEY = 'messages'

/**
 * Finds the structure of a MARSYS save file in its bytes: the top-level members and the byte span of every
 * `messages` element, validating the JSON as it goes. It can stop at any element boundary and resume, so the first
 * rows of a huge file are available after scanning only the bytes before them.
 */
export class MarsysScanner {
  readonly hasBom: boolean
  /** Where the JSON text starts (after a BOM). */
  readonly textStart: number
  readonly entries: TopLevelEntry[] = []
  readonly messageSpans = new SpanList()
  /** Per message, the lengths MARSYS's token counter reads, found during the same byte scan. */
  readonly messageShapes = new MessageShapeList()
  readonly stats: ByteStats = newByteStats()
  topLevelKind: JsonKind | undefined
  /** Index in `entries` of the `messages` member whose elements are in messageSpans (the last one wins). */
  messagesEntry = -1
  /** Offsets of the `[` and `]` of that list (close is -1 until reached). */
  messagesOpen = -1
  messagesClose = -1
  /** Offsets of the top-level object's `{` and `}` (-1 until found). */
  objectOpen = -1
  objectClose = -1
  error: JsonSyntaxError | undefined

  private phase = Phase.Start
  private p: number

  constructor(readonly buf: Buffer) {
    this.hasBom = buf.length >= 3 && UTF8_BOM.every((byte, i) => buf[i] === byte)
    this.textStart = this.hasBom ? 3 : 0
    this.p = this.textStart
  }

  get done(): boolean {
    return this.phase === Phase.Done
  }

  get failed(): boolean {
    return this.phase === Phase.Failed
  }

  /** Bytes examined so far. */
  get position(): number {
    return this.p
  }

  /**
   * Scans about `budget` more bytes (always finishing the value in hand), stopping early once `untilMessages`
   * elements are known. Returns true when the whole file has been scanned. Throws the file's JsonSyntaxError.
   */
  step(budget: number, untilMessages = Infinity): boolean {
    if (this.phase === Phase.Failed) throw this.error
    const stopAt = this.p + budget
    try {
      while (this.phase !== Phase.Done) {
        if (this.p >= stopAt || this.messageSpans.length >= untilMessages) return false
        this.advance()
      }
      return true
    } catch (e) {
      if (!(e instanceof SyntaxFailure)) throw e
      this.phase = Phase.Failed
      this.error = byteSyntaxError(this.buf, e.offset, e.expected, this.textStart)
      throw this.error
    }
  }

  private advance(): void {
    const b = this.buf
    let p = skipWhitespace(b, this.p)
    switch (this.phase) {
      case Phase.Start: {
        if (p >= b.length) throw new SyntaxFailure(p, EXPECTED_VALUE)
        this.topLevelKind = kindOfByte(b[p])
        if (b[p] === 0x7b) {
          this.objectOpen = p
          p++
          this.phase = Phase.TopFirstKey
        } else {
          p = skipValue(b, p, this.stats)
          this.phase = Phase.End
        }
        break
      }
      case Phase.TopFirstKey:
        if (b[p] === 0x7d) {
          this.objectClose = p++
          this.phase = Phase.End
        } else p = this.member(p)
        break
      case Phase.TopKey:
        p = this.member(p)
        break
      case Phase.TopAfterValue:
        if (b[p] === 0x2c) {
          p++
          this.phase = Phase.TopKey
        } else if (b[p] === 0x7d) {
          this.objectClose = p++
          this.phase = Phase.End
        } else throw new SyntaxFailure(p, EXPECTED_OBJECT_NEXT)
        break
      case Phase.MessagesFirst:
        if (b[p] === 0x5d) {
          p = this.closeMessages(p)
          break
        }
        this.phase = Phase.MessagesElement
        break
      case Phase.MessagesElement: {
        const end = skipMessage(b, p, this.stats, this.messageShapes)
        this.messageSpans.push(p, end)
        p = end
        this.phase = Phase.MessagesAfterElement
        break
      }
      case Phase.MessagesAfterElement:
        if (b[p] === 0x2c) {
          p++
          this.phase = Phase.MessagesElement
        } else if (b[p] === 0x5d) p = this.closeMessages(p)
        else throw new SyntaxFailure(p, EXPECTED_ARRAY_NEXT)
        break
      case Phase.End:
        if (p < b.length) throw new SyntaxFailure(p, 'end of input')
        this.phase = Phase.Done
        break
    }
    this.p = p
  }

  /** A top-level `"key": value`; enters the messages list instead of skipping it. */
  private member(p: number): number {
    const b = this.buf
    if (b[p] !== 0x22) throw new SyntaxFailure(p, EXPECTED_KEY)
    const keyStart = p
    const keyEnd = skipString(b, p, this.stats)
    p = skipWhitespace(b, keyEnd)
    if (b[p] !== 0x3a) throw new SyntaxFailure(p, "':'")
    const valueStart = skipWhitespace(b, p + 1)
    const entry: TopLevelEntry = { key: this.decodeKey(keyStart, keyEnd), keyStart, valueStart, valueEnd: -1 }
    this.entries.push(entry)
    if (entry.key === MESSAGES_KEY) {
      // Python keeps the last duplicate, so a later `messages` member replaces the elements found so far.
      this.messagesEntry = this.entries.length - 1
      this.messageSpans.clear()
      this.messageShapes.clear()
      this.messagesOpen = -1
      this.messagesClose = -1
      if (b[valueStart] === 0x5b) {
        this.messagesOpen = valueStart
        this.phase = Phase.MessagesFirst
        return valueStart + 1
      }
    }
    entry.valueEnd = skipValue(b, valueStart, this.stats)
    this.phase = Phase.TopAfterValue
    return entry.valueEnd
  }

  private closeMessages(p: number): number {
    this.messagesClose = p
    this.entries[this.messagesEntry].valueEnd = p + 1
    this.phase = Phase.TopAfterValue
    return p + 1
  }

  private decodeKey(start: number, end: number): string {
    const b = this.buf
    for (let i = start + 1; i < end - 1; i++) {
      if (b[i] === 0x5c || b[i] >= 0x80) return parsePyJson(b.toString('utf8', start, end)) as string
    }
    return b.toString('latin1', start + 1, end - 1)
  }
}
