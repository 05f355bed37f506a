/**
 * The one reading of a hand-off between agents, used by the message detail, the insights analysis and the
 * conversation digest. MARSYS records a hand-off as an `invoke_agent` tool call whose arguments are
 * `{"invocations": [{"agent_name": …, "request": …}, …]}` (several invocations = parallel execution); older
 * messages carry `agent_calls: [{"agent_name": …, "request": …}]` (which MARSYS itself never writes to a file).
 */

/** The tool MARSYS's coordination layer names a hand-off. */
export const HANDOFF_TOOL = 'invoke_agent'

export interface HandoffInvocation {
  /** The agent handed to. */
  agent: string
  /** The request as text: a string as it is, any other value as compact JSON, '' when absent or null. */
  request: string
}

export interface ParsedHandoffs {
  /** The invocations that name an agent, in order. */
  invocations: HandoffInvocation[]
  /** Why MARSYS would refuse the call (then nothing was handed off), or null. */
  problem: string | null
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const requestText = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value === undefined || value === null
      ? ''
      : (JSON.stringify(value) ?? String(value))

/** Reads a list of `{agent_name, request}` entries; `where` names the list in problems (`invocations`). */
function readEntries(list: readonly unknown[], where: string): ParsedHandoffs {
  const invocations: HandoffInvocation[] = []
  let problem: string | null = null
  list.forEach((entry, i) => {
    if (!isObject(entry)) {
      problem ??= `${where}[${i}] is not an object`
      return
    }
    const agent = entry.agent_name
    if (typeof agent !== 'string' || agent === '') {
      problem ??= `${where}[${i}] has no agent_name`
      return
    }
    invocations.push({ agent, request: requestText(entry.request) })
  })
  return { invocations, problem }
}

/** The hand-offs of an `invoke_agent` call, from its arguments text. */
export function parseInvokeAgentArguments(args: string): ParsedHandoffs {
  let parsed: unknown
  try {
    parsed = JSON.parse(args)
  } catch {
    return { invocations: [], problem: 'invoke_agent arguments are not JSON' }
  }
  const list = isObject(parsed) ? parsed.invocations : undefined
  if (!Array.isArray(list) || list.length === 0)
    return { invocations: [], problem: 'invoke_agent arguments have no "invocations" list' }
  return readEntries(list, 'invocations')
}

/** The hand-offs a tool call makes: null when it is not an `invoke_agent` call. */
export function handoffsOfToolCall(name: string, args: string): ParsedHandoffs | null {
  return name === HANDOFF_TOOL ? parseInvokeAgentArguments(args) : null
}

/** The hand-offs of a message's `agent_calls` field: null when it has none (absent or null). */
export function parseAgentCalls(value: unknown): ParsedHandoffs | null {
  if (value === undefined || value === null) return null
  if (!Array.isArray(value)) return { invocations: [], problem: 'agent_calls is not a list' }
  return readEntries(value, 'agent_calls')
}
