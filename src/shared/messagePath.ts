import { formatJsonPath, type PathSegment } from './pyjson/jsonPath'

/** Where a message is: its position in a MARSYS file's `messages`, or in a store session. */
export interface MessageLocation {
  source: 'file' | 'session'
  /** The store's session id (sessions only). */
  sessionId: string | null
  index: number
}

/**
 * The store keeps a tool result's `tool_call_id` and a function's `name` in the message's `metadata`; the app shows
 * them at the top level (as MARSYS and OpenAI do), so a path into a session message puts them back.
 */
const SESSION_METADATA_KEYS = new Set(['tool_call_id', 'name'])

/**
 * A JSON path a user can paste: `$.messages[12]` or `$.messages[12].tool_calls[0].function.arguments` for a MARSYS
 * file (its messages live under the top-level `messages` key), `session <id>: $.messages[3]` for a store session.
 * `part` is the path inside the message, e.g. `['tool_calls', 0, 'function', 'arguments']`.
 */
export function messageJsonPath(location: MessageLocation, part: readonly PathSegment[] = []): string {
  if (location.source === 'file') return formatJsonPath(['messages', location.index, ...part])
  const [head, ...rest] = part
  const inStore =
    typeof head === 'string' && SESSION_METADATA_KEYS.has(head) ? ['metadata', head, ...rest] : part
  return `session ${location.sessionId ?? '?'}: ${formatJsonPath(['messages', location.index, ...inStore])}`
}
