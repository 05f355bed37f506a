import type { WireMessage } from './types'

/**
 * Where MARSYS's protected tail starts (`_compute_protected_tail_start`): at the n-th most recent assistant message
 * (n at least 1). With fewer assistant messages than n the boundary is the end of the list — nothing is protected,
 * whatever MARSYS's docstring says.
 */
export function protectedTailStart(messages: readonly WireMessage[], graceRecentMessages: number): number {
  const n = Math.max(graceRecentMessages, 1)
  let assistants = 0
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role !== 'assistant') continue
    assistants++
    if (assistants >= n) return i
  }
  return messages.length
}
