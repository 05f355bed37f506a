/**
 * What the inspector needs to know about one message, read from its plain JSON form (the file shape MARSYS
 * writes, `Message.to_llm_dict`). Pure; the document index calls it once per message.
 */

export interface ToolCallFacts {
  id: string
  type: string
  name: string
  arguments: string
}

export interface MessageFacts {
  isObject: boolean
  role: string
  name: string | null
  toolCalls: ToolCallFacts[]
  toolCallId: string | null
  /** No content to speak of and no tool calls. */
  empty: boolean
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const asString = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)

export function toolCallsOf(message: Record<string, unknown>): ToolCallFacts[] {
  const calls = message.tool_calls
  if (!Array.isArray(calls)) return []
  return calls.map((call) => {
    const record = isRecord(call) ? call : {}
    const fn = isRecord(record.function) ? record.function : {}
    const args = fn.arguments
    return {
      id: asString(record.id),
      type: asString(record.type) || 'function',
      name: asString(fn.name),
      arguments: typeof args === 'string' ? args : args === undefined ? '' : JSON.stringify(args),
    }
  })
}

export function isEmptyContent(content: unknown): boolean {
  if (content === null || content === undefined) return true
  if (typeof content === 'string') return content.trim() === ''
  if (Array.isArray(content)) return content.length === 0
  return false
}

export function messageFacts(message: unknown): MessageFacts {
  if (!isRecord(message)) {
    return {
      isObject: false,
      role: '(not an object)',
      name: null,
      toolCalls: [],
      toolCallId: null,
      empty: true,
    }
  }
  const toolCalls = toolCallsOf(message)
  const toolCallId =
    typeof message.tool_call_id === 'string' && message.tool_call_id !== '' ? message.tool_call_id : null
  return {
    isObject: true,
    role:
      typeof message.role === 'string'
        ? message.role
        : message.role === undefined
          ? '(no role)'
          : String(message.role),
    name: typeof message.name === 'string' && message.name !== '' ? message.name : null,
    toolCalls,
    toolCallId,
    empty: isEmptyContent(message.content) && toolCalls.length === 0,
  }
}

/**
 * The readable text of a content value: strings as they are, text parts of typed arrays, images as a marker. With
 * `limit`, a list stops being joined once the text is that long (previews read only what they show).
 */
export function contentText(content: unknown, limit = Infinity): string {
  if (typeof content === 'string') return content
  if (content === null || content === undefined) return ''
  if (Array.isArray(content)) {
    let text = ''
    for (let i = 0; i < content.length && text.length < limit; i++)
      text += (i > 0 ? ' ' : '') + partText(content[i])
    return text
  }
  if (typeof content === 'object') return JSON.stringify(content)
  return String(content)
}

function partText(part: unknown): string {
  if (typeof part === 'string') return part
  if (isRecord(part)) {
    if (typeof part.text === 'string') return part.text
    if (part.type === 'image_url') return '[image]'
    return JSON.stringify(part)
  }
  return String(part)
}

/** How many characters of text a message carries (content and tool-call arguments), without copying any. */
export function messageTextLength(message: unknown): number {
  if (!isRecord(message)) return 0
  const { content } = message
  let length = typeof content === 'string' ? content.length : 0
  if (Array.isArray(content))
    for (const part of content)
      length += isRecord(part) && typeof part.text === 'string' ? part.text.length : 0
  for (const call of toolCallsOf(message)) length += call.arguments.length
  return length
}

const PREVIEW_LENGTH = 200
/** Previews read text in slices this long, only until they have enough (never all of a 100 MB content). */
const PREVIEW_SLICE = 4_096

/** The start of `text` on one line (runs of whitespace as one space), cut at PREVIEW_LENGTH. */
function previewLine(text: string): string {
  let line = ''
  for (let from = 0; from < text.length && line.length <= PREVIEW_LENGTH; from += PREVIEW_SLICE)
    line = (line + text.slice(from, from + PREVIEW_SLICE)).replace(/\s+/g, ' ').trimStart()
  line = line.trimEnd()
  return line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH - 1)}…` : line
}

/** One line for tables: the content's text, else the tool calls it makes. */
export function previewOf(message: unknown): string {
  if (!isRecord(message)) return previewLine(JSON.stringify(message) ?? String(message))
  const line = previewLine(contentText(message.content, PREVIEW_SLICE))
  if (line !== '') return line
  const calls = toolCallsOf(message)
  return previewLine(
    calls.map((call) => `→ ${call.name}(${call.arguments.slice(0, PREVIEW_SLICE)})`).join('  '),
  )
}
