/**
 * Which tool result answers which tool call. Written once here so it can become the one shared pairing (the
 * document index computes its own today). A result answers the latest earlier, still unanswered call with its
 * `tool_call_id`; a result whose id no earlier call has, or has already been answered, is an orphan.
 */
import type { MessageView } from './messageView'

export interface PairedCall {
  callId: string
  name: string
  arguments: string
  /** The assistant message that makes the call, and the call's position in its `tool_calls`. */
  callIndex: number
  position: number
  /** The tool message answering it, or null (unanswered). */
  resultIndex: number | null
}

export type OrphanReason = 'no-tool-call-id' | 'unknown-tool-call-id' | 'already-answered'

export interface OrphanResult {
  messageIndex: number
  toolCallId: string | null
  reason: OrphanReason
}

export interface ToolPairing {
  /** Every call, in order of appearance. */
  calls: PairedCall[]
  orphans: OrphanResult[]
  /** Tool-message index → the call it answers (an index into `calls`). */
  callOfResult: Map<number, number>
}

export function pairToolCalls(views: readonly MessageView[]): ToolPairing {
  const calls: PairedCall[] = []
  const orphans: OrphanResult[] = []
  const callOfResult = new Map<number, number>()
  // Call id → indices into `calls` not yet answered (ids can repeat; the latest open one is answered first).
  const open = new Map<string, number[]>()
  const seen = new Set<string>()
  for (const view of views) {
    for (const call of view.toolCalls) {
      const at = calls.length
      calls.push({
        callId: call.id,
        name: call.name,
        arguments: call.arguments,
        callIndex: view.index,
        position: call.position,
        resultIndex: null,
      })
      if (call.id === '') continue
      seen.add(call.id)
      const list = open.get(call.id)
      if (list) list.push(at)
      else open.set(call.id, [at])
    }
    if (view.role !== 'tool') continue
    const id = view.toolCallId
    if (id === null) {
      orphans.push({ messageIndex: view.index, toolCallId: null, reason: 'no-tool-call-id' })
      continue
    }
    const pending = open.get(id)
    const at = pending?.pop()
    if (at === undefined) {
      orphans.push({
        messageIndex: view.index,
        toolCallId: id,
        reason: seen.has(id) ? 'already-answered' : 'unknown-tool-call-id',
      })
      continue
    }
    calls[at].resultIndex = view.index
    callOfResult.set(view.index, at)
  }
  return { calls, orphans, callOfResult }
}
