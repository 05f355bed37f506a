import type { ContentPart, Diagnostic, MessageDetail, ToolCallView } from '../../../../shared/model/document'
import { describeDataUrl } from './dataUrl'
import type { ConversationIndex } from '../index/conversationIndex'
import { flagsFromBits } from '../index/flags'
import { isRecord, toolCallsOf } from '../index/messageFacts'

const KNOWN_KEYS = new Set(['role', 'content', 'name', 'tool_calls', 'tool_call_id', 'reasoning_details'])

/** The `invoke_agent` convention: MARSYS records a hand-off as a tool call whose arguments name the agent. */
function handoffTarget(name: string, parsed: unknown): string | undefined {
  if (name !== 'invoke_agent' || !isRecord(parsed)) return undefined
  for (const key of ['agent_name', 'agent', 'target_agent', 'name']) {
    if (typeof parsed[key] === 'string') return parsed[key]
  }
  return undefined
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

function partsOf(content: unknown): {
  shape: MessageDetail['contentShape']
  parts: ContentPart[]
  parsed?: unknown
} {
  if (content === null || content === undefined) return { shape: 'null', parts: [] }
  if (typeof content === 'string') {
    const trimmed = content.trimStart()
    // A dict content is saved by MARSYS as a compact JSON string: show it parsed, keep the raw text too.
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      const parsed = parseJson(content)
      if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) {
        return {
          shape: 'json-string',
          parts: [{ kind: 'text', text: content, partIndex: null }],
          parsed: parsed.value,
        }
      }
    }
    return { shape: 'string', parts: [{ kind: 'text', text: content, partIndex: null }] }
  }
  if (Array.isArray(content)) {
    const parts = content.map((part, partIndex): ContentPart => {
      if (isRecord(part) && part.type === 'text' && typeof part.text === 'string')
        return { kind: 'text', text: part.text, partIndex }
      if (isRecord(part) && part.type === 'image_url') {
        const url =
          isRecord(part.image_url) && typeof part.image_url.url === 'string' ? part.image_url.url : ''
        const info = describeDataUrl(url)
        if (info) return { kind: 'image', partIndex, mime: info.mime, bytes: info.bytes, isDataUrl: true }
        return { kind: 'image', partIndex, mime: 'unknown', bytes: 0, isDataUrl: false, url }
      }
      if (typeof part === 'string') return { kind: 'text', text: part, partIndex }
      return { kind: 'json', value: part, partIndex }
    })
    return { shape: 'array', parts }
  }
  return { shape: 'other', parts: [{ kind: 'json', value: content, partIndex: null }] }
}

export function buildMessageDetail(
  id: number,
  index: number,
  plain: unknown,
  raw: string,
  documentIndex: ConversationIndex,
  diagnostics: Diagnostic[],
): MessageDetail {
  const flags = flagsFromBits(documentIndex.flagBits[index])
  const base = {
    id,
    index,
    role: documentIndex.roleOf(index),
    tokens: documentIndex.tokens[index],
    flags,
    raw,
    diagnostics: diagnostics.filter((diagnostic) => diagnostic.messageIndex === index),
  }
  if (!isRecord(plain)) {
    return {
      ...base,
      name: null,
      contentShape: 'other',
      parts: [{ kind: 'json', value: plain, partIndex: null }],
      toolCalls: [],
      toolCallId: null,
      answersIndex: null,
      reasoningDetails: null,
      otherKeys: {},
    }
  }
  const { shape, parts, parsed } = partsOf(plain.content)
  const toolCalls: ToolCallView[] = toolCallsOf(plain).map((call) => {
    const parsedArguments = parseJson(call.arguments)
    const view: ToolCallView = {
      ...call,
      resultIndex: call.id ? documentIndex.resultFor(index, call.id) : null,
    }
    if (parsedArguments.ok) {
      view.parsedArguments = parsedArguments.value
      const target = handoffTarget(call.name, parsedArguments.value)
      if (target) view.handoffTo = target
    }
    return view
  })
  const otherKeys: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(plain)) if (!KNOWN_KEYS.has(key)) otherKeys[key] = value
  return {
    ...base,
    name: typeof plain.name === 'string' && plain.name !== '' ? plain.name : null,
    contentShape: shape,
    parts,
    ...(parsed !== undefined ? { parsedContent: parsed } : {}),
    toolCalls,
    toolCallId: typeof plain.tool_call_id === 'string' ? plain.tool_call_id : null,
    answersIndex: documentIndex.answeredCall(index),
    reasoningDetails: Array.isArray(plain.reasoning_details) ? plain.reasoning_details : null,
    otherKeys,
  }
}

/** The data URL of image part `partIndex` of a message, fetched on demand (thumbnails load lazily). */
export function imageDataUrl(plain: unknown, partIndex: number): string | null {
  if (!isRecord(plain) || !Array.isArray(plain.content)) return null
  const part = plain.content[partIndex]
  if (!isRecord(part) || part.type !== 'image_url' || !isRecord(part.image_url)) return null
  const url = part.image_url.url
  return typeof url === 'string' && url.startsWith('data:') ? url : null
}
