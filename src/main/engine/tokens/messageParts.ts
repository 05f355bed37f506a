/**
 * The pieces of an OpenAI-shaped chat message (what MARSYS saves and langswarm stores) that a tokenizer sees:
 * role, name, text, tool calls and images. Works on plain decoded JSON.
 */

export interface ToolCallPart {
  name: string
  arguments: string
}

export interface ImagePart {
  url: string
  detail: string | undefined
}

export interface MessageParts {
  /** False for list entries that are not objects (MARSYS skips them). */
  isObject: boolean
  role: string
  name: string
  /** The content as text pieces: a string content, each text part, anything else as compact JSON. */
  texts: string[]
  toolCalls: ToolCallPart[]
  images: ImagePart[]
}

type Dict = Record<string, unknown>
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v)
const stringOr = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback)
/** Non-string values as the compact JSON an API request would carry. */
const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))

export function messageParts(message: unknown): MessageParts {
  const parts: MessageParts = { isObject: false, role: '', name: '', texts: [], toolCalls: [], images: [] }
  if (!isDict(message)) return parts
  parts.isObject = true
  parts.role = stringOr(message.role)
  parts.name = stringOr(message.name)
  addContent(parts, message.content)
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      const fn = isDict(call) && isDict(call.function) ? call.function : {}
      parts.toolCalls.push({
        name: stringOr(fn.name),
        arguments: fn.arguments === undefined ? '' : asText(fn.arguments),
      })
    }
  }
  return parts
}

function addContent(parts: MessageParts, content: unknown): void {
  if (content === undefined || content === null) return
  if (!Array.isArray(content)) {
    const text = asText(content)
    if (text !== '') parts.texts.push(text)
    return
  }
  for (const item of content) {
    if (isDict(item) && item.type === 'text') parts.texts.push(asText(item.text ?? ''))
    else if (isDict(item) && item.type === 'image_url') parts.images.push(imagePart(item.image_url))
    else parts.texts.push(asText(item))
  }
}

function imagePart(value: unknown): ImagePart {
  if (typeof value === 'string') return { url: value, detail: undefined }
  if (!isDict(value)) return { url: '', detail: undefined }
  return { url: stringOr(value.url), detail: typeof value.detail === 'string' ? value.detail : undefined }
}

/** Tool results go in their own bucket of the breakdown by kind. */
export const isToolResultRole = (role: string): boolean => role === 'tool' || role === 'function'
