/**
 * The MARSYS memory file (spec §2, §3): writing it byte for byte as `MemoryManager.save_to_file` does, and
 * reading it with `load_from_file`'s acceptance rules — but without its losses (tool_call_id and
 * reasoning_details are kept) and with errors that say where the problem is.
 */
import {
  JsonSyntaxError,
  PyNumber,
  PyObject,
  type PyValue,
  dumpPyJson,
  isTruthy,
  parsePyJson,
  pyFloatRepr,
} from '../../../../shared/pyjson'
import { MarsysLoadError, MessageError } from './marsysErrors'
import { type JsonValue, pyTypeName } from './jsonValue'
import type { LlmDict } from './llmDict'
import { Message } from './message'

export interface MemoryWarning {
  code:
    | 'file_missing'
    | 'memory_type_mismatch'
    | 'messages_not_list'
    | 'entry_skipped'
    | 'keys_ignored'
    | 'field_dropped'
    | 'system_prompt_kept'
  message: string
  /** JSONPath in the file, when the warning is about part of it. */
  jsonPath?: string
}

/** The keys MARSYS reads from a message, plus the two it drops and we keep. */
const MESSAGE_KEYS = new Set([
  'role',
  'content',
  'name',
  'tool_calls',
  'agent_calls',
  'images',
  'tool_call_id',
  'reasoning_details',
])
const TOP_LEVEL_KEYS = new Set(['memory_type', 'messages', 'timestamp', 'additional_state'])

/**
 * The file text: keys memory_type, messages, timestamp (Python float repr of seconds), then additional_state
 * only when truthy; `json.dump(indent=2)` with ASCII escapes and no trailing newline.
 */
export function serializeMemoryFile(
  memoryType: string,
  messages: readonly LlmDict[],
  timestampSeconds: number,
  additionalState?: unknown,
): string {
  const data: Record<string, unknown> = {
    memory_type: memoryType,
    messages,
    // time.time() is always a float, even when it happens to be integral.
    timestamp: new PyNumber(pyFloatRepr(timestampSeconds)),
  }
  if (isTruthy(additionalState)) data.additional_state = additionalState
  return dumpPyJson(data, { indent: 2 })
}

export interface ParsedMemoryFile {
  /** `memory_type` as found (undefined when missing). */
  memoryType: PyValue | undefined
  messages: Message[]
  /** JSONPath of each message's entry in the file. */
  messagePaths: string[]
  additionalState: PyValue | null
  warnings: MemoryWarning[]
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Decodes file bytes as Python's text-mode `open()` under a UTF-8 locale does. */
export function decodeMemoryFile(bytes: Uint8Array, filePath: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new MarsysLoadError('Unexpected UTF-8 BOM (decode using utf-8-sig)', {
      filePath,
      jsonPath: '$',
      line: 1,
      column: 1,
    })
  }
  try {
    return UTF8.decode(bytes)
  } catch (error) {
    throw new MarsysLoadError('the file is not valid UTF-8', { filePath, jsonPath: '$' }, { cause: error })
  }
}

class FileReader {
  readonly warnings: MemoryWarning[] = []

  constructor(private readonly filePath: string) {}

  fail(reason: string, jsonPath: string, cause?: unknown): never {
    throw new MarsysLoadError(
      reason,
      { filePath: this.filePath, jsonPath },
      cause === undefined ? undefined : { cause },
    )
  }

  document(text: string): PyObject {
    let data: PyValue
    try {
      data = parsePyJson(text)
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error
      throw new MarsysLoadError(
        `invalid JSON: expected ${error.expected} but found ${error.found}`,
        { filePath: this.filePath, jsonPath: '$', line: error.line, column: error.column },
        { cause: error },
      )
    }
    if (!(data instanceof PyObject)) this.fail(`the top level is a ${pyTypeName(data)}, not an object`, '$')
    const unknown = data.keys().filter((k) => !TOP_LEVEL_KEYS.has(k))
    if (unknown.length > 0) this.warn('keys_ignored', `ignored top-level keys: ${unknown.join(', ')}`, '$')
    return data
  }

  /** `data.get("messages", [])`, iterated as Python would: a string or an object yields no message dicts. */
  entries(data: PyObject): PyValue[] {
    const messages = data.get('messages')
    if (messages === undefined) return []
    if (Array.isArray(messages)) return messages
    if (typeof messages === 'string' || messages instanceof PyObject) {
      this.warn(
        'messages_not_list',
        `messages is a ${pyTypeName(messages)}, not a list: no message loaded`,
        '$.messages',
      )
      return []
    }
    return this.fail(`messages is not iterable ('${pyTypeName(messages)}')`, '$.messages')
  }

  message(entry: PyObject, path: string): Message {
    const role = entry.get('role')
    if (role === undefined || role === null) this.fail('the message has no role', `${path}.role`)
    if (typeof role !== 'string') this.fail(`role must be a string, got ${pyTypeName(role)}`, `${path}.role`)
    const name = entry.get('name')
    if (name !== undefined && name !== null && typeof name !== 'string')
      this.fail(`name must be a string, got ${pyTypeName(name)}`, `${path}.name`)
    const unknown = entry.keys().filter((k) => !MESSAGE_KEYS.has(k))
    if (unknown.length > 0) this.warn('keys_ignored', `ignored keys: ${unknown.join(', ')}`, path)
    try {
      return new Message({
        role,
        content: (entry.get('content') ?? null) as JsonValue,
        name: name ?? null,
        toolCalls: entry.get('tool_calls') as JsonValue[] | null | undefined,
        agentCalls: entry.get('agent_calls') as JsonValue[] | null | undefined,
        images: entry.get('images') as string[] | null | undefined,
        toolCallId: this.optionalString(entry, 'tool_call_id', path),
        reasoningDetails: this.optionalList(entry, 'reasoning_details', path),
      })
    } catch (error) {
      if (!(error instanceof MessageError)) throw error
      return this.fail(error.message, error.details.path ? `${path}.${error.details.path}` : path, error)
    }
  }

  warn(code: MemoryWarning['code'], message: string, jsonPath?: string): void {
    this.warnings.push(jsonPath === undefined ? { code, message } : { code, message, jsonPath })
  }

  // MARSYS drops these two fields on load; we keep them when they have the type MARSYS writes.
  private optionalString(entry: PyObject, key: string, path: string): string | null {
    const value = entry.get(key)
    if (value === undefined || value === null) return null
    if (typeof value === 'string') return value
    this.warn('field_dropped', `${key} dropped: a ${pyTypeName(value)}, not a string`, `${path}.${key}`)
    return null
  }

  private optionalList(entry: PyObject, key: string, path: string): JsonValue[] | null {
    const value = entry.get(key)
    if (value === undefined || value === null) return null
    if (Array.isArray(value)) return value
    this.warn('field_dropped', `${key} dropped: a ${pyTypeName(value)}, not a list`, `${path}.${key}`)
    return null
  }
}

/**
 * Parses and validates a whole file before anything is loaded, so a bad file leaves the memory untouched
 * (MARSYS resets first and may stop half-way). Non-object entries are skipped, as in MARSYS, with a warning.
 * @throws MarsysLoadError with the file and the JSONPath of the problem.
 */
export function parseMemoryFile(text: string, filePath: string): ParsedMemoryFile {
  const reader = new FileReader(filePath)
  const data = reader.document(text)
  const messages: Message[] = []
  const messagePaths: string[] = []
  reader.entries(data).forEach((entry, i) => {
    const path = `$.messages[${i}]`
    if (!(entry instanceof PyObject)) {
      reader.warn('entry_skipped', `skipped: a ${pyTypeName(entry)}, not a message object`, path)
      return
    }
    messages.push(reader.message(entry, path))
    messagePaths.push(path)
  })
  return {
    memoryType: data.get('memory_type'),
    messages,
    messagePaths,
    additionalState: data.get('additional_state') ?? null,
    warnings: reader.warnings,
  }
}
