import type { ToolResultLink } from '../../../../shared/model/document'

/** What pairing needs to know of one message. */
export interface PairingInfo {
  role: string
  callIds: string[]
  toolCallId: string | null
}

/**
 * Tool results that lost their `tool_call_id` (MARSYS drops it when it loads and resaves a file), each paired with
 * the next call before it that no result answers by id — in order, as the model answered them. A result with an
 * id (known or not) is never relinked; a call answered later by id is never used.
 */
export function planToolResultLinks(count: number, infoAt: (index: number) => PairingInfo): ToolResultLink[] {
  const resultsById = new Map<string, number>()
  for (let index = 0; index < count; index++) {
    const { role, toolCallId } = infoAt(index)
    if (role === 'tool' && toolCallId) resultsById.set(toolCallId, index)
  }
  const pending: { callIndex: number; callId: string }[] = []
  let next = 0
  const links: ToolResultLink[] = []
  for (let index = 0; index < count; index++) {
    const { role, callIds, toolCallId } = infoAt(index)
    for (const callId of callIds) {
      const answeredAt = callId ? resultsById.get(callId) : undefined
      if (callId && (answeredAt === undefined || answeredAt < index))
        pending.push({ callIndex: index, callId })
    }
    if (role === 'tool' && !toolCallId && next < pending.length) {
      links.push({ resultIndex: index, ...pending[next] })
      next++
    }
  }
  return links
}
