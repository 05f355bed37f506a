import {
  dumpPyJson,
  isTruthy,
  pyFloatRepr,
  PyNumber,
  PyObject,
  type PyValue,
} from '../../../../shared/pyjson'
import type { MarsysFile } from './marsysFile'
import { MESSAGES_KEY, type TopLevelEntry } from './scanner'

/** One row of the saved message list: an original message copied verbatim, or a new/edited value. */
export type MessageSource = { readonly original: number } | { readonly value: unknown }

export const keepMessage = (index: number): MessageSource => ({ original: index })
export const newMessage = (value: unknown): MessageSource => ({ value })

export interface MarsysChanges {
  /** The new ordered message list; undefined keeps the messages as they are. */
  messages?: readonly MessageSource[]
  /** A replacement `additional_state`; a falsy value removes it, as MARSYS omits falsy state. */
  additionalState?: { readonly value: unknown }
  /** A replacement `memory_type`. */
  memoryType?: string
  /** Drop a UTF-8 BOM (MARSYS refuses files that have one). */
  stripBom?: boolean
  /** Save time in seconds since the epoch, written as `timestamp` (default: now). */
  timestamp?: number
}

/** MARSYS's top-level key order (spec §2.1); missing keys are inserted at their place in it. */
const KEY_ORDER = ['memory_type', MESSAGES_KEY, 'timestamp', 'additional_state']
const INDENT = '  '
const MEMBER_SEPARATOR = ',\n' + INDENT
const ELEMENT_SEPARATOR = ',\n' + INDENT + INDENT
/** `messages` elements sit two levels deep in a MARSYS file. */
const MESSAGE_LEVEL = 2

/** `time.time()`: seconds since the epoch with sub-millisecond digits. */
export function pythonTimeNow(): number {
  return (performance.timeOrigin + performance.now()) / 1000
}

/**
 * The bytes of `file` after applying `changes`, as MARSYS's `json.dump(indent=2)` would have written the changed
 * parts: untouched messages and members are copied byte for byte, new or edited values are serialised with
 * dumpPyJson, and `timestamp` becomes the save time. Without any change the original buffer itself is returned
 * (timestamp untouched).
 */
export function saveMarsysFile(file: MarsysFile, changes: MarsysChanges = {}): Buffer {
  const chunks = saveMarsysFileChunks(file, changes)
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)
}

/** Like saveMarsysFile, as a list of chunks (mostly views into the original buffer) for a gathered write. */
export function saveMarsysFileChunks(file: MarsysFile, changes: MarsysChanges = {}): Buffer[] {
  if (!hasChanges(file, changes)) return [file.buffer]
  const object = file.objectSpan
  if (!object) throw new TypeError(`cannot save: the document is a JSON ${file.topLevelKind}, not an object`)
  return new SaveWriter(file, changes, object.start, object.end - 1).render()
}

/** The bytes of a new MARSYS file (key order memory_type, messages, timestamp, then truthy additional_state). */
export function createMarsysFile(init: {
  memoryType: string
  messages: readonly unknown[]
  timestamp?: number
  additionalState?: unknown
}): Buffer {
  const data = new PyObject([
    ['memory_type', init.memoryType],
    ['messages', init.messages as PyValue[]],
    ['timestamp', new PyNumber(pyFloatRepr(init.timestamp ?? pythonTimeNow()))],
  ])
  if (isTruthy(init.additionalState)) data.set('additional_state', init.additionalState as PyValue)
  return Buffer.from(dumpPyJson(data, { indent: 2 }), 'utf8')
}

function hasChanges(file: MarsysFile, changes: MarsysChanges): boolean {
  if (changes.additionalState !== undefined || changes.memoryType !== undefined) return true
  if (changes.stripBom && file.hasBom) return true
  const messages = changes.messages
  if (messages === undefined) return false
  if (file.messagesKind !== 'list') return true
  if (messages.length !== file.messageCount) return true
  return !messages.every((m, i) => 'original' in m && m.original === i)
}

type Member =
  | { kind: 'original'; index: number; entry: TopLevelEntry; value?: Buffer[] }
  | { kind: 'new'; key: string; value: Buffer[] }

class SaveWriter {
  private readonly buf: Buffer
  private readonly out: Buffer[] = []

  constructor(
    private readonly file: MarsysFile,
    private readonly changes: MarsysChanges,
    private readonly objectOpen: number,
    private readonly objectClose: number,
  ) {
    this.buf = file.buffer
  }

  render(): Buffer[] {
    const { buf, file } = this
    const start = this.changes.stripBom && file.hasBom ? file.textStart : 0
    this.copy(start, this.objectOpen + 1)
    this.members(this.plan())
    this.copy(this.objectClose, buf.length)
    return this.out
  }

  /** The top-level members to write, in order, with the values to replace. */
  private plan(): Member[] {
    const { file, changes } = this
    const entries = file.entries
    const last = (key: string): number => entries.findLastIndex((e) => e.key === key)
    const replacements = new Map<number, Buffer[] | null>()

    const timestamp = text(pyFloatRepr(changes.timestamp ?? pythonTimeNow()))
    const wanted = new Map<string, Buffer[]>([['timestamp', timestamp]])
    if (changes.memoryType !== undefined) wanted.set('memory_type', text(dumpPyJson(changes.memoryType)))
    if (changes.messages !== undefined) wanted.set(MESSAGES_KEY, this.messageList(changes.messages))
    if (changes.additionalState !== undefined) {
      const state = changes.additionalState.value
      if (isTruthy(state)) wanted.set('additional_state', text(dumpPyJson(state, { indent: 2, level: 1 })))
      else if (last('additional_state') >= 0) replacements.set(last('additional_state'), null)
    }

    const missing: [string, Buffer[]][] = []
    for (const [key, value] of wanted) {
      const index = key === MESSAGES_KEY ? file.messagesEntryIndex : last(key)
      if (index >= 0) replacements.set(index, value)
      else missing.push([key, value])
    }
    const members: Member[] = []
    entries.forEach((entry, index) => {
      const value = replacements.get(index)
      if (value !== null) members.push({ kind: 'original', index, entry, value })
    })
    for (const [key, value] of missing)
      members.splice(insertionPoint(members, key), 0, { kind: 'new', key, value })
    return members
  }

  private members(members: Member[]): void {
    const entries = this.file.entries
    if (members.length === 0) return
    const hadMembers = entries.length > 0
    if (hadMembers) this.copy(this.objectOpen + 1, entries[0].keyStart)
    else this.push('\n' + INDENT)
    members.forEach((member, i) => {
      if (i > 0) {
        const previous = members[i - 1]
        if (
          member.kind === 'original' &&
          previous.kind === 'original' &&
          previous.index + 1 === member.index
        ) {
          this.copy(previous.entry.valueEnd, member.entry.keyStart)
        } else this.push(MEMBER_SEPARATOR)
      }
      if (member.kind === 'original') {
        const { keyStart, valueStart, valueEnd } = member.entry
        if (member.value) {
          this.copy(keyStart, valueStart)
          this.pushAll(member.value)
        } else this.copy(keyStart, valueEnd)
      } else {
        this.push(dumpPyJson(member.key) + ': ')
        this.pushAll(member.value)
      }
    })
    if (hadMembers) this.copy(entries[entries.length - 1].valueEnd, this.objectClose)
    else this.push('\n')
  }

  /**
   * The new `messages` value: original gaps kept between messages that stay neighbours. Runs of untouched
   * neighbours become one view of the file's buffer, so a save after one edit is a handful of chunks.
   */
  private messageList(items: readonly MessageSource[]): Buffer[] {
    if (items.length === 0) return [Buffer.from('[]')]
    const { file } = this
    const list = file.messagesListSpan
    const originalCount = file.messageCount
    const chunks: Buffer[] = [Buffer.from('[')]
    let runFrom = -1
    let runTo = -1
    const flush = (): void => {
      if (runTo > runFrom) chunks.push(this.buf.subarray(runFrom, runTo))
      runFrom = runTo = -1
    }
    const view = (from: number, to: number): void => {
      if (from === runTo) runTo = to
      else {
        flush()
        runFrom = from
        runTo = to
      }
    }
    const add = (chunk: Buffer): void => {
      flush()
      chunks.push(chunk)
    }
    const hadMessages = list !== undefined && originalCount > 0
    if (hadMessages) view(list.start + 1, file.messageStart(0))
    else add(text('\n' + INDENT + INDENT)[0])
    let previous = -1
    items.forEach((item, i) => {
      const original = 'original' in item ? item.original : -1
      if (original >= originalCount || (original < 0 && !('value' in item)) || !Number.isInteger(original)) {
        throw new RangeError(`message source ${i} refers to original message ${original} of ${originalCount}`)
      }
      if (i > 0) {
        if (original >= 0 && previous >= 0 && original === previous + 1)
          view(file.messageEnd(previous), file.messageStart(original))
        else add(text(ELEMENT_SEPARATOR)[0])
      }
      if (original >= 0) view(file.messageStart(original), file.messageEnd(original))
      else add(text(dumpPyJson((item as { value: unknown }).value, { indent: 2, level: MESSAGE_LEVEL }))[0])
      previous = original
    })
    if (hadMessages) view(file.messageEnd(originalCount - 1), list.end - 1)
    else add(text('\n' + INDENT)[0])
    add(Buffer.from(']'))
    return chunks
  }

  private copy(from: number, to: number): void {
    if (to > from) this.out.push(this.buf.subarray(from, to))
  }

  // Not push(...chunks): a 100k-message list has too many chunks for a spread call.
  private pushAll(chunks: Buffer[]): void {
    for (const chunk of chunks) this.out.push(chunk)
  }

  private push(s: string): void {
    this.out.push(Buffer.from(s, 'utf8'))
  }
}

const text = (s: string): Buffer[] => [Buffer.from(s, 'utf8')]

/** Where a missing key goes: after the last member whose key comes before it in MARSYS's order. */
function insertionPoint(members: Member[], key: string): number {
  const rank = KEY_ORDER.indexOf(key)
  const earlier = new Set(KEY_ORDER.slice(0, rank))
  for (let i = members.length - 1; i >= 0; i--) {
    const m = members[i]
    if (earlier.has(m.kind === 'original' ? m.entry.key : m.key)) return i + 1
  }
  return 0
}
