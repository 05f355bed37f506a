/**
 * One way to read a plain message of any source the inspector opens: OpenAI/MARSYS-shaped dicts (`role`,
 * `content` as a string, typed-array parts or JSON, `name`, `tool_calls`, `tool_call_id`) and langswarm's
 * (`timestamp`, `metadata`, `token_count`, with `tool_call_id`/`name`/`is_error` kept in `metadata`). Pure.
 */

export type Plain = Record<string, unknown>

export const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export interface ToolCallView {
  /** '' when the stored call has none. */
  id: string
  name: string
  /** As stored: OpenAI keeps a JSON string; an object is shown as compact JSON. */
  arguments: string
  /** Position in the message's `tool_calls`. */
  position: number
}

export interface MessageView {
  index: number
  isObject: boolean
  /** '(not an object)' / '(no role)' when there is none. */
  role: string
  name: string | null
  /** Readable text: strings as they are, text parts joined, other JSON compact. */
  text: string
  toolCalls: ToolCallView[]
  toolCallId: string | null
  /** Milliseconds since the epoch, or null (no timestamp, or one that does not parse). */
  timeMs: number | null
  /** langswarm's `metadata.is_error` (the V1 migration mapping keeps provider error flags there). */
  flaggedError: boolean
}

const str = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value)

const nonEmpty = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

export function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (content === null || content === undefined) return ''
  if (Array.isArray(content)) {
    const parts: string[] = []
    for (const part of content) {
      if (typeof part === 'string') parts.push(part)
      else if (isPlain(part) && typeof part.text === 'string') parts.push(part.text)
      else if (isPlain(part) && part.type === 'image_url') parts.push('[image]')
      else parts.push(str(part))
    }
    return parts.join('\n')
  }
  return str(content)
}

export function toolCallsOf(message: Plain): ToolCallView[] {
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : []
  return calls.map((call, position) => {
    const record = isPlain(call) ? call : {}
    const fn = isPlain(record.function) ? record.function : record
    const args = fn.arguments
    return {
      id: str(record.id),
      name: str(fn.name),
      arguments: typeof args === 'string' ? args : str(args),
      position,
    }
  })
}

/** Seconds (Python `time.time()`) or milliseconds since the epoch, or an ISO-8601 string. */
export function timeOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value
  if (typeof value !== 'string' || value === '') return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

export function viewMessage(message: unknown, index: number): MessageView {
  if (!isPlain(message)) {
    return {
      index,
      isObject: false,
      role: '(not an object)',
      name: null,
      text: '',
      toolCalls: [],
      toolCallId: null,
      timeMs: null,
      flaggedError: false,
    }
  }
  const metadata = isPlain(message.metadata) ? message.metadata : {}
  return {
    index,
    isObject: true,
    role: typeof message.role === 'string' ? message.role : '(no role)',
    name: nonEmpty(message.name) ?? nonEmpty(metadata.name),
    text: contentText(message.content),
    toolCalls: toolCallsOf(message),
    toolCallId: nonEmpty(message.tool_call_id) ?? nonEmpty(metadata.tool_call_id),
    timeMs: timeOf(message.timestamp),
    flaggedError: metadata.is_error === true || message.is_error === true,
  }
}

export const viewMessages = (messages: readonly unknown[]): MessageView[] => messages.map(viewMessage)
