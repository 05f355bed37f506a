import type { MessageShape } from '../../../../shared/tokens/marsysTokenCounter'
import {
  EXPECTED_ARRAY_NEXT,
  EXPECTED_KEY,
  EXPECTED_OBJECT_NEXT,
  SyntaxFailure,
  skipString,
  skipValue,
  skipWhitespace,
  type ByteStats,
} from './byteSyntax'

/** What the scan learnt about one message for MARSYS's token counter. */
export const ShapeKind = {
  /** Its lengths are known: the counter needs no decode. */
  Known: 0,
  /** Something the lengths cannot express (list content, a non-string name, invalid UTF-8…): decode it. */
  NeedsDecode: 1,
  /** Not an object: MARSYS skips it. */
  NotAnObject: 2,
} as const
export type ShapeKind = (typeof ShapeKind)[keyof typeof ShapeKind]

const FIELDS = 4

/** Per message, the lengths MARSYS's counter reads, in typed arrays (no objects per message). */
export class MessageShapeList {
  private kinds = new Uint8Array(1024)
  private data = new Float64Array(1024 * FIELDS)
  private count = 0
  /** The parts of list content, by message (only messages whose content is a list have one). */
  private lists = new Map<number, { texts: readonly number[]; images: number }>()

  get length(): number {
    return this.count
  }

  push(kind: ShapeKind, shape?: MessageShape): void {
    if (this.count === this.kinds.length) {
      const kinds = new Uint8Array(this.kinds.length * 2)
      kinds.set(this.kinds)
      this.kinds = kinds
      const data = new Float64Array(this.data.length * 2)
      data.set(this.data)
      this.data = data
    }
    this.kinds[this.count] = kind
    if (shape) {
      const at = this.count * FIELDS
      this.data[at] = shape.contentChars
      this.data[at + 1] = shape.nameChars
      this.data[at + 2] = shape.toolCalls
      // The sign carries hasToolCallId; -0 would lose it, so store chars + 1.
      this.data[at + 3] = shape.hasToolCallId ? -(shape.toolCallChars + 1) : shape.toolCallChars + 1
      if (shape.contentTexts) {
        // -1 content characters: the parts are in `lists`.
        this.data[at] = -1
        this.lists.set(this.count, { texts: shape.contentTexts, images: shape.contentImages ?? 0 })
      }
    }
    this.count++
  }

  kind(i: number): ShapeKind {
    return this.kinds[i] as ShapeKind
  }

  /** The lengths of message i, when its kind is Known. */
  shape(i: number): MessageShape | undefined {
    if (this.kinds[i] !== ShapeKind.Known) return undefined
    const at = i * FIELDS
    const calls = this.data[at + 3]
    const shape: MessageShape = {
      contentChars: this.data[at],
      nameChars: this.data[at + 1],
      toolCalls: this.data[at + 2],
      toolCallChars: Math.abs(calls) - 1,
      hasToolCallId: calls < 0,
    }
    if (shape.contentChars < 0) {
      const list = this.lists.get(i)!
      shape.contentChars = 0
      shape.contentTexts = list.texts
      shape.contentImages = list.images
    }
    return shape
  }

  clear(): void {
    this.count = 0
    this.lists.clear()
  }
}

const QUOTE = 0x22
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const LETTER_N = 0x6e
const BACKSLASH = 0x5c

const enum Key {
  Other,
  Content,
  Name,
  ToolCalls,
  ToolCallId,
  Function,
  Arguments,
  Type,
  Text,
  /** A key written with escapes: it might spell any of the above. */
  Escaped,
}

const KEYS: readonly [Key, Uint8Array][] = [
  [Key.Content, Buffer.from('content')],
  [Key.Name, Buffer.from('name')],
  [Key.ToolCalls, Buffer.from('tool_calls')],
  [Key.ToolCallId, Buffer.from('tool_call_id')],
  [Key.Function, Buffer.from('function')],
  [Key.Arguments, Buffer.from('arguments')],
  [Key.Type, Buffer.from('type')],
  [Key.Text, Buffer.from('text')],
]

/**
 * Values skipped on their own inside a message sit at most this deep in it (message, tool_calls, a call, its
 * function): the depth hint counts them from there, so it stays an upper bound of the message's nesting.
 */
const INSIDE_MESSAGE = 4

/** The known keys by their length in bytes, so a key is compared only with those as long as it. */
const KEYS_BY_LENGTH = Array.from(
  { length: 1 + Math.max(...KEYS.map(([, word]) => word.length)) },
  (_, length) => KEYS.filter(([, word]) => word.length === length),
)

/** Which known key the string between the quotes at `start` and `end - 1` is. */
function keyAt(b: Uint8Array, start: number, end: number): Key {
  const length = end - start - 2
  const candidates = length < KEYS_BY_LENGTH.length ? KEYS_BY_LENGTH[length] : undefined
  if (candidates !== undefined)
    outer: for (let i = 0; i < candidates.length; i++) {
      const word = candidates[i][1]
      for (let k = 0; k < length; k++) if (b[start + 1 + k] !== word[k]) continue outer
      return candidates[i][0]
    }
  for (let i = start + 1; i < end - 1; i++) if (b[i] === BACKSLASH) return Key.Escaped
  return Key.Other
}

/** The message being scanned (module state, so the walk allocates nothing per message). */
const m: {
  known: boolean
  contentChars: number
  contentTexts: number[] | undefined
  contentImages: number
  nameChars: number
  toolCalls: number
  toolCallChars: number
  hasToolCallId: boolean
} = {
  known: true,
  contentChars: 0,
  contentTexts: undefined,
  contentImages: 0,
  nameChars: 0,
  toolCalls: 0,
  toolCallChars: 0,
  hasToolCallId: false,
}

/**
 * Skips one `messages` element at `p` exactly as `skipValue` would (same validation, same errors), recording the
 * lengths MARSYS's token counter reads from it into `shapes`. Duplicate keys keep the last value, as Python does.
 */
export function skipMessage(b: Uint8Array, p: number, stats: ByteStats, shapes: MessageShapeList): number {
  p = skipWhitespace(b, p)
  if (b[p] !== OPEN_BRACE) {
    const end = skipValue(b, p, stats)
    shapes.push(ShapeKind.NotAnObject)
    return end
  }
  const invalidBefore = stats.invalidUtf8At
  m.known = true
  m.contentChars = m.nameChars = m.toolCalls = m.toolCallChars = m.contentImages = 0
  m.contentTexts = undefined
  m.hasToolCallId = false
  const end = skipObject(b, p, stats, messageMember)
  if (stats.invalidUtf8At !== invalidBefore) m.known = false
  if (m.known) shapes.push(ShapeKind.Known, m)
  else shapes.push(ShapeKind.NeedsDecode)
  return end
}

type MemberVisitor = (b: Uint8Array, key: Key, p: number, stats: ByteStats) => number

/** Walks the object at `p` (its `{`), handing each value's offset to `visit`, which returns the value's end. */
function skipObject(b: Uint8Array, p: number, stats: ByteStats, visit: MemberVisitor): number {
  p = skipWhitespace(b, p + 1)
  if (b[p] === CLOSE_BRACE) return p + 1
  for (;;) {
    if (b[p] !== QUOTE) throw new SyntaxFailure(p, EXPECTED_KEY)
    const keyEnd = skipString(b, p, stats)
    const key = keyAt(b, p, keyEnd)
    p = skipWhitespace(b, keyEnd)
    if (b[p] !== COLON) throw new SyntaxFailure(p, "':'")
    p = skipWhitespace(b, visit(b, key, skipWhitespace(b, p + 1), stats))
    if (b[p] === COMMA) p = skipWhitespace(b, p + 1)
    else if (b[p] === CLOSE_BRACE) return p + 1
    else throw new SyntaxFailure(p, EXPECTED_OBJECT_NEXT)
  }
}

/** A string's code points, or -1 (with the value skipped) when the value is not a string. */
let lastStringChars = 0

function skipMaybeString(b: Uint8Array, p: number, stats: ByteStats): number {
  if (b[p] !== QUOTE) {
    lastStringChars = -1
    return skipValue(b, p, stats, INSIDE_MESSAGE)
  }
  const end = skipString(b, p, stats)
  lastStringChars = stats.stringCodePoints
  return end
}

const isContainer = (c: number): boolean => c === OPEN_BRACE || c === OPEN_BRACKET

function messageMember(b: Uint8Array, key: Key, p: number, stats: ByteStats): number {
  const c = b[p]
  switch (key) {
    case Key.Content: {
      m.contentTexts = undefined
      m.contentImages = 0
      if (c === OPEN_BRACKET) {
        m.contentChars = 0
        return skipContentList(b, p, stats)
      }
      // Numbers and literals count 0 (MARSYS counts only str, list and dict content).
      if (isContainer(c)) m.known = false
      const end = skipMaybeString(b, p, stats)
      m.contentChars = Math.max(lastStringChars, 0)
      return end
    }
    case Key.Name: {
      const end = skipMaybeString(b, p, stats)
      if (lastStringChars < 0 && c !== LETTER_N) m.known = false
      m.nameChars = Math.max(lastStringChars, 0)
      return end
    }
    case Key.ToolCallId: {
      const end = skipMaybeString(b, p, stats)
      if (lastStringChars < 0 && c !== LETTER_N) m.known = false
      m.hasToolCallId = lastStringChars > 0
      return end
    }
    case Key.ToolCalls:
      m.toolCalls = m.toolCallChars = 0
      if (c === OPEN_BRACKET) return skipToolCalls(b, p, stats)
      if (c !== LETTER_N) m.known = false
      return skipValue(b, p, stats, INSIDE_MESSAGE)
    case Key.Escaped:
      m.known = false
      return skipValue(b, p, stats, INSIDE_MESSAGE)
    default:
      return skipValue(b, p, stats, INSIDE_MESSAGE)
  }
}

/** The content part being scanned (`type` and `text`, the last of duplicates). */
const part = { type: 0, textChars: 0, textKnown: true }
const PART_OTHER = 0
const PART_TEXT = 1
const PART_IMAGE = 2
const TEXT_VALUE = Buffer.from('"text"')
const IMAGE_VALUE = Buffer.from('"image_url"')

/** List content: per part, what MARSYS counts (a text's length, an image's estimate); anything else is decoded. */
function skipContentList(b: Uint8Array, p: number, stats: ByteStats): number {
  const texts: number[] = []
  let images = 0
  p = skipWhitespace(b, p + 1)
  if (b[p] === CLOSE_BRACKET) p++
  else
    for (;;) {
      if (b[p] === OPEN_BRACE) {
        part.type = PART_OTHER
        part.textChars = 0
        part.textKnown = true
        p = skipObject(b, p, stats, partMember)
        if (part.type === PART_IMAGE) images++
        else if (part.type === PART_TEXT && part.textKnown) texts.push(part.textChars)
        else m.known = false
      } else if (b[p] === QUOTE) {
        // `str(item)` of a string item is the string itself.
        p = skipString(b, p, stats)
        texts.push(stats.stringCodePoints)
      } else {
        m.known = false
        p = skipValue(b, p, stats, INSIDE_MESSAGE)
      }
      p = skipWhitespace(b, p)
      if (b[p] === COMMA) p = skipWhitespace(b, p + 1)
      else if (b[p] === CLOSE_BRACKET) {
        p++
        break
      } else throw new SyntaxFailure(p, EXPECTED_ARRAY_NEXT)
    }
  m.contentTexts = texts
  m.contentImages = images
  return p
}

const startsWith = (b: Uint8Array, p: number, word: Uint8Array): boolean => {
  for (let k = 0; k < word.length; k++) if (b[p + k] !== word[k]) return false
  return true
}

function partMember(b: Uint8Array, key: Key, p: number, stats: ByteStats): number {
  if (key === Key.Escaped) m.known = false
  if (key === Key.Type) {
    // Only the exact strings: an escaped spelling or another value leaves the part to the decoder.
    const end = skipValue(b, p, stats, INSIDE_MESSAGE)
    const length = end - p
    part.type =
      length === TEXT_VALUE.length && startsWith(b, p, TEXT_VALUE)
        ? PART_TEXT
        : length === IMAGE_VALUE.length && startsWith(b, p, IMAGE_VALUE)
          ? PART_IMAGE
          : PART_OTHER
    return end
  }
  if (key !== Key.Text) return skipValue(b, p, stats, INSIDE_MESSAGE)
  const end = skipMaybeString(b, p, stats)
  part.textKnown = lastStringChars >= 0
  part.textChars = Math.max(lastStringChars, 0)
  return end
}

function skipToolCalls(b: Uint8Array, p: number, stats: ByteStats): number {
  p = skipWhitespace(b, p + 1)
  if (b[p] === CLOSE_BRACKET) return p + 1
  for (;;) {
    if (b[p] === OPEN_BRACE) {
      m.toolCalls++
      // `tc.get("function", {})`: without a function the default "{}" arguments still count.
      call.chars = 2
      p = skipObject(b, p, stats, callMember)
      m.toolCallChars += call.chars
    } else {
      m.known = false
      p = skipValue(b, p, stats, INSIDE_MESSAGE)
    }
    p = skipWhitespace(b, p)
    if (b[p] === COMMA) p = skipWhitespace(b, p + 1)
    else if (b[p] === CLOSE_BRACKET) return p + 1
    else throw new SyntaxFailure(p, EXPECTED_ARRAY_NEXT)
  }
}

/** The tool call being scanned: its function's name plus arguments. */
const call = { chars: 0, nameChars: 0, argumentChars: 0 }

function callMember(b: Uint8Array, key: Key, p: number, stats: ByteStats): number {
  if (key === Key.Escaped) m.known = false
  if (key !== Key.Function) return skipValue(b, p, stats, INSIDE_MESSAGE)
  if (b[p] !== OPEN_BRACE) {
    // A function that is not a dict adds only the call's overhead.
    call.chars = 0
    return skipValue(b, p, stats, INSIDE_MESSAGE)
  }
  call.nameChars = 0
  call.argumentChars = 2
  const end = skipObject(b, p, stats, functionMember)
  call.chars = call.nameChars + call.argumentChars
  return end
}

function functionMember(b: Uint8Array, key: Key, p: number, stats: ByteStats): number {
  if (key === Key.Escaped) m.known = false
  if (key !== Key.Name && key !== Key.Arguments) return skipValue(b, p, stats, INSIDE_MESSAGE)
  const c = b[p]
  const end = skipMaybeString(b, p, stats)
  if (key === Key.Name) {
    // A null name counts 0; any other non-string would need Python's len() of it.
    if (lastStringChars < 0 && c !== LETTER_N) m.known = false
    call.nameChars = Math.max(lastStringChars, 0)
  } else {
    if (lastStringChars < 0) m.known = false
    call.argumentChars = lastStringChars
  }
  return end
}
