/** The messages MARSYS writes in place of a summarised prefix. */
import { pyStr } from '../../../shared/tokens/pyRepr'
import type { WireMessage } from './types'

export const USER_REQUESTS_HEADER = '[User Requests Summary]'
export const COMPACTED_SUMMARY_HEADER = '[Compacted Context Summary]'
export const HARD_FALLBACK_TEXT =
  '[Context was compacted. Previous conversation history is no longer available.]'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Python truthiness of a JSON value. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false
  if (Array.isArray(value)) return value.length > 0
  if (isRecord(value)) return Object.keys(value).length > 0
  return true
}

/** `dict.get(key, default)` on the parsed reply. */
export function replyField(reply: Record<string, unknown>, key: string, fallback: unknown): unknown {
  return key in reply ? reply[key] : fallback
}

// Python iterates a list by items and a string by characters; f"- {f}" formats each with str().
function bulletItems(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => pyStr(item))
  if (typeof value === 'string') return [...value]
  return []
}

/** `user "[User Requests Summary]\n<text>"`. */
export function userRequestsMessage(text: unknown): WireMessage {
  return { role: 'user', content: `${USER_REQUESTS_HEADER}\n${pyStr(text)}` }
}

/**
 * `assistant "[Compacted Context Summary]\n<summary>"` + `\n\n[Key Facts]\n- …` + `\n\n[Open Threads]\n- …` (each
 * section only when non-empty), named `compaction_<model name>`.
 */
export function compactedSummaryMessage(reply: Record<string, unknown>, modelName: string): WireMessage {
  const parts = [`${COMPACTED_SUMMARY_HEADER}\n${pyStr(replyField(reply, 'summary', ''))}`]
  const facts = replyField(reply, 'salient_facts', [])
  const threads = replyField(reply, 'open_threads', [])
  if (truthy(facts))
    parts.push(
      '\n[Key Facts]\n' +
        bulletItems(facts)
          .map((f) => `- ${f}`)
          .join('\n'),
    )
  if (truthy(threads))
    parts.push(
      '\n[Open Threads]\n' +
        bulletItems(threads)
          .map((t) => `- ${t}`)
          .join('\n'),
    )
  return { role: 'assistant', content: parts.join('\n'), name: `compaction_${modelName}` }
}

/** `user [text "[Retained image <id>]: <context>", image_url]`. */
export function retainedImageMessage(id: string, context: unknown, url: string): WireMessage {
  return {
    role: 'user',
    content: [
      { type: 'text', text: `[Retained image ${id}]: ${pyStr(context)}` },
      { type: 'image_url', image_url: { url } },
    ],
  }
}
