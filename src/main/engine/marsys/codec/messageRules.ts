import { PyNumber, isTruthy, type PlainJson } from '../../../../shared/pyjson'
import type { PathSegment } from './locatePath'

/** A problem found inside one message, relative to it. */
export interface MessageProblem {
  severity: 'error' | 'warning'
  message: string
  path: PathSegment[]
}

/** Keys MARSYS writes or its loader reads; anything else in a message is silently dropped on load. */
const MESSAGE_KEYS = new Set([
  'role',
  'content',
  'name',
  'tool_calls',
  'tool_call_id',
  'reasoning_details',
  'agent_calls',
  'images',
])

type Dict = { [key: string]: PlainJson }

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Python's type name for a JSON value (plain or PyValue), as MARSYS's error messages show it. */
export function pyTypeName(v: unknown): string {
  if (v === null) return 'NoneType'
  if (Array.isArray(v)) return 'list'
  if (v instanceof PyNumber) return v.isFloat ? 'float' : 'int'
  switch (typeof v) {
    case 'string':
      return 'str'
    case 'boolean':
      return 'bool'
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float'
    default:
      return 'dict'
  }
}

/**
 * What MARSYS's `load_from_file` does with one `messages` element that is a dict (spec §3, `Message.__post_init__`,
 * `ToolCallMsg` / `AgentCallMsg` validation): errors make the whole load fail, warnings are silent losses.
 *
 * `memoryType` is the file's: a `kg` memory's `KGMemory.add(role=…, content=…, …)` builds no `Message`, so it
 * only needs a role and never looks at `tool_calls`, `agent_calls` or `images` (spec §7).
 */
export function checkMessage(m: Dict, memoryType?: string): MessageProblem[] {
  const problems: MessageProblem[] = []
  const error = (message: string, ...path: PathSegment[]): void =>
    void problems.push({ severity: 'error', message, path })

  if (!('role' in m)) error("message has no 'role' (MARSYS requires one)")
  else if (m.role === null) error("'role' is null (MARSYS requires a role)", 'role')

  if (memoryType !== 'kg') checkMessageFields(m, error)

  for (const key of Object.keys(m)) {
    if (!MESSAGE_KEYS.has(key)) {
      problems.push({
        severity: 'warning',
        message: `key '${key}' is ignored by MARSYS's loader (lost on load)`,
        path: [key],
      })
    }
  }
  return problems
}

/** `Message.__post_init__`'s checks of tool calls, agent calls and image paths. */
function checkMessageFields(m: Dict, error: Report): void {
  checkToolCalls(m.tool_calls, error)
  checkAgentCalls(m.agent_calls, error)

  const images = m.images
  if (images !== undefined && images !== null) {
    if (!Array.isArray(images)) error(`images must be a list, got ${pyTypeName(images)}`, 'images')
    else
      images.forEach((img, i) => {
        if (typeof img !== 'string')
          error(`images[${i}] must be a string (path/URL), got ${pyTypeName(img)}`, 'images', i)
      })
  }
}

/** The key as a path step when present, so a diagnostic points at the value rather than its parent. */
const presentKey = (d: Dict, key: string): string[] => (key in d ? [key] : [])

type Report = (message: string, ...path: PathSegment[]) => void

function checkToolCalls(toolCalls: PlainJson | undefined, error: Report): void {
  if (toolCalls === undefined || toolCalls === null) return
  if (!Array.isArray(toolCalls))
    return error(`tool_calls must be a list, got ${pyTypeName(toolCalls)}`, 'tool_calls')
  toolCalls.forEach((tc, i) => {
    const at = (...rest: PathSegment[]): PathSegment[] => ['tool_calls', i, ...rest]
    if (!isDict(tc)) return error(`tool_calls[${i}] must be a dict, got ${pyTypeName(tc)}`, ...at())
    // ToolCallMsg.from_dict: id (and call_id = id), type defaulting to "function", function.name, function.arguments.
    if (!isTruthy(tc.id))
      error(`tool_calls[${i}]: tool call id cannot be empty`, ...at(...presentKey(tc, 'id')))
    if ('type' in tc && !isTruthy(tc.type))
      error(`tool_calls[${i}]: tool call type cannot be empty`, ...at('type'))
    const fn = 'function' in tc ? tc.function : {}
    if (!isDict(fn))
      return error(`tool_calls[${i}].function must be a dict, got ${pyTypeName(fn)}`, ...at('function'))
    if (!isTruthy(fn.name)) {
      const path = 'function' in tc ? ['function', ...presentKey(fn, 'name')] : []
      error(`tool_calls[${i}]: function name cannot be empty`, ...at(...path))
    }
    if ('arguments' in fn && typeof fn.arguments !== 'string') {
      error(
        `tool_calls[${i}]: function arguments must be a string, got ${pyTypeName(fn.arguments)}`,
        ...at('function', 'arguments'),
      )
    }
  })
}

function checkAgentCalls(agentCalls: PlainJson | undefined, error: Report): void {
  if (agentCalls === undefined || agentCalls === null) return
  if (!Array.isArray(agentCalls))
    return error(`agent_calls must be a list, got ${pyTypeName(agentCalls)}`, 'agent_calls')
  agentCalls.forEach((ac, i) => {
    if (!isDict(ac)) return error(`agent_calls[${i}] must be a dict, got ${pyTypeName(ac)}`, 'agent_calls', i)
    if (!isTruthy(ac.agent_name)) error(`agent_calls[${i}]: agent_name cannot be empty`, 'agent_calls', i)
    else if (typeof ac.agent_name !== 'string') {
      error(`agent_calls[${i}]: agent_name must be a string`, 'agent_calls', i, 'agent_name')
    }
    if (ac.request === undefined || ac.request === null)
      error(`agent_calls[${i}]: request cannot be None`, 'agent_calls', i)
  })
}
