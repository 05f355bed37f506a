/**
 * Building MARSYS's summarization request and reading its reply (`_build_compaction_payload`,
 * `_build_user_rollup`, `_parse_compaction_json`).
 */
import { pyStr } from '../../../shared/tokens/pyRepr'
import { COMPACTION_SYSTEM_PROMPT, FINAL_INSTRUCTION, lengthGuidance } from './compactionPrompt'
import type { WireMessage } from './types'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const CONTEXT_CHARS = 150

/** The first 150 code points of a message's text, shown next to its images in the manifest. */
function colocatedText(content: unknown): string {
  if (typeof content === 'string') return [...content].slice(0, CONTEXT_CHARS).join('')
  if (!Array.isArray(content)) return ''
  const texts = content
    .filter((item) => isRecord(item) && item.type === 'text')
    .map((item) => pyStr((item as Record<string, unknown>).text ?? ''))
  return [...texts.join(' ')].slice(0, CONTEXT_CHARS).join('')
}

function contentToBlocks(content: unknown): unknown[] {
  if (Array.isArray(content)) return [...content]
  if (typeof content === 'string') return [{ type: 'text', text: content }]
  if (content === null || content === undefined) return []
  return [{ type: 'text', text: pyStr(content) }]
}

export interface CompactionPayload {
  /** What the model is sent: system prompt, prefix (images replaced by ids), final instruction. */
  messages: WireMessage[]
  /** Image id (`img_0000`, …) → its URL, in first-seen order. */
  imageMap: Map<string, string>
}

export interface PayloadOptions {
  agentInstruction: string | null
  includeImageBytes: boolean
  outputMaxTokens: number
}

/**
 * MARSYS's `_build_compaction_payload`. Like MARSYS, when the last prefix message is a user message with string
 * (or null) content, the instruction is merged into that very message object: the prefix is changed in place,
 * which shows when summarisation then gives up (no model, unparsable reply) and keeps the prefix.
 */
export function buildCompactionPayload(
  prefix: readonly WireMessage[],
  opts: PayloadOptions,
): CompactionPayload {
  const imageMap = new Map<string, string>()
  const imageContext = new Map<string, string>()
  const conversation: WireMessage[] = []
  for (const message of prefix) {
    const content = message.content
    if (!Array.isArray(content)) {
      conversation.push(message)
      continue
    }
    const context = colocatedText(content)
    const blocks: unknown[] = []
    for (const item of content) {
      if (!isRecord(item)) continue
      if (item.type !== 'image_url') {
        blocks.push(item)
        continue
      }
      const id = `img_${String(imageMap.size).padStart(4, '0')}`
      const url = isRecord(item.image_url) && typeof item.image_url.url === 'string' ? item.image_url.url : ''
      imageMap.set(id, url)
      imageContext.set(id, context)
      blocks.push({ type: 'text', text: `[Image ID: ${id}]` })
      if (opts.includeImageBytes && url) blocks.push(item)
    }
    const copy: WireMessage = {}
    for (const [key, value] of Object.entries(message)) if (key !== 'content') copy[key] = value
    copy.content = blocks.length > 0 ? blocks : [{ type: 'text', text: '' }]
    conversation.push(copy)
  }

  const finalParts: string[] = []
  if (opts.agentInstruction) finalParts.push(`[Agent Instruction]\n${opts.agentInstruction}`)
  if (imageMap.size > 0) {
    const lines = ['[Image Manifest]']
    for (const id of imageMap.keys()) lines.push(`  ${id}: "${imageContext.get(id) ?? ''}"`)
    finalParts.push(lines.join('\n'))
  }
  finalParts.push(FINAL_INSTRUCTION)
  const finalText = finalParts.join('\n\n')

  const last = conversation[conversation.length - 1]
  if (last !== undefined && last.role === 'user') {
    const blocks = contentToBlocks(last.content)
    blocks.push({ type: 'text', text: finalText })
    last.content = blocks
  } else {
    conversation.push({ role: 'user', content: finalText })
  }
  const system = {
    role: 'system',
    content: COMPACTION_SYSTEM_PROMPT + lengthGuidance(opts.outputMaxTokens),
  }
  return { messages: [system, ...conversation], imageMap }
}

/** MARSYS's `_build_user_rollup`: every user message's text (stripped), joined by `\n---\n`. */
export function buildUserRollup(messages: readonly WireMessage[]): string {
  const parts: string[] = []
  for (const message of messages) {
    if (message.role !== 'user') continue
    const content = 'content' in message ? message.content : ''
    if (typeof content === 'string' && content.trim()) parts.push(content.trim())
    else if (Array.isArray(content)) {
      const texts = content
        .filter((item) => isRecord(item) && item.type === 'text')
        .map((item) => pyStr((item as Record<string, unknown>).text ?? ''))
      if (texts.length > 0) parts.push(texts.join(' ').trim())
    }
  }
  return parts.join('\n---\n')
}

const FENCED_JSON = /```(?:json)?\s*(\{[\s\S]*?\})\s*```/

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * `_parse_compaction_json`: the text as JSON, else the first fenced ```json block, else from the first `{` to the
 * last `}`. Undefined when none parses. The value may be any JSON (MARSYS fails on a non-empty non-object later).
 */
export function parseCompactionReply(text: string): unknown {
  if (!text) return undefined
  const candidates = [text]
  const fenced = FENCED_JSON.exec(text)
  if (fenced) candidates.push(fenced[1])
  const start = text.indexOf('{')
  const end = text.lastIndexOf('}')
  if (start !== -1 && end > start) candidates.push(text.slice(start, end + 1))
  for (const candidate of candidates) {
    const value = tryParse(candidate)
    if (value !== undefined) return value
  }
  return undefined
}
