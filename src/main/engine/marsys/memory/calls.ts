/** MARSYS's `ToolCallMsg`, `AgentCallMsg` and `MessageContent` (spec §4.4). */
import { isTruthy } from '../../../../shared/pyjson'
import { dictGet, isDict } from '../../../../shared/tokens/pythonData'
import { MarsysValueError } from './marsysErrors'
import type { JsonValue } from './jsonValue'
import type { ToolCallDict } from './llmDict'

export interface ToolCallFields {
  id: string
  callId: string
  type: string
  name: string
  arguments: string
}

// MARSYS rejects falsy values; it would accept a non-string id/type/name, which no file it writes contains and
// which we refuse so that the fields are what their types say.
function requireText(value: unknown, label: string, field: string): void {
  if (!isTruthy(value)) throw new MarsysValueError(`${label} cannot be empty`, field)
  if (typeof value !== 'string') throw new MarsysValueError(`${label} must be a string`, field)
}

export class ToolCallMsg implements ToolCallFields {
  readonly id: string
  readonly callId: string
  readonly type: string
  readonly name: string
  readonly arguments: string

  /** @throws MarsysValueError (MARSYS `ValueError`) for an empty id/call_id/type/name or non-string arguments. */
  constructor(fields: ToolCallFields) {
    requireText(fields.id, 'Tool call id', 'id')
    requireText(fields.callId, 'Tool call call_id', 'call_id')
    requireText(fields.type, 'Tool call type', 'type')
    requireText(fields.name, 'Tool call name', 'name')
    if (typeof fields.arguments !== 'string')
      throw new MarsysValueError('Tool call arguments must be a string', 'arguments')
    this.id = fields.id
    this.callId = fields.callId
    this.type = fields.type
    this.name = fields.name
    this.arguments = fields.arguments
  }

  /** OpenAI shape; `arguments` is the original string and `call_id` is not written. */
  toDict(): ToolCallDict {
    return { id: this.id, type: this.type, function: { name: this.name, arguments: this.arguments } }
  }

  /**
   * From the OpenAI shape: `type` defaults to "function", `function.arguments` to "{}", `call_id` copies `id`.
   * A MarsysValueError's `field` is the path inside the dict (`id`, `type`, `function.name`, …).
   */
  static fromDict(data: unknown): ToolCallMsg {
    if (!isDict(data)) throw new MarsysValueError('Tool call must be an object', '')
    const fn = dictGet(data, 'function')
    if (fn !== undefined && !isDict(fn))
      throw new MarsysValueError('Tool call function must be an object', 'function')
    const id = dictGet(data, 'id')
    const type = dictGet(data, 'type')
    const name = dictGet(fn, 'name')
    const args = dictGet(fn, 'arguments')
    requireText(id, 'Tool call id', 'id')
    requireText(type === undefined ? 'function' : type, 'Tool call type', 'type')
    requireText(name === undefined ? '' : name, 'Tool call name', 'function.name')
    if (args !== undefined && typeof args !== 'string') {
      throw new MarsysValueError('Tool call arguments must be a string', 'function.arguments')
    }
    return new ToolCallMsg({
      id: id as string,
      callId: id as string,
      type: type === undefined ? 'function' : (type as string),
      name: name as string,
      arguments: args === undefined ? '{}' : args,
    })
  }
}

export class AgentCallMsg {
  readonly agentName: string
  readonly request: JsonValue

  /** @throws MarsysValueError for an empty/non-string agent name or a missing (None) request. */
  constructor(fields: { agentName: string; request: JsonValue }) {
    if (!isTruthy(fields.agentName))
      throw new MarsysValueError('Agent call agent_name cannot be empty', 'agent_name')
    if (typeof fields.agentName !== 'string')
      throw new MarsysValueError('Agent call agent_name must be a string', 'agent_name')
    if (fields.request === null || fields.request === undefined) {
      throw new MarsysValueError('Agent call request cannot be None', 'request')
    }
    this.agentName = fields.agentName
    this.request = fields.request
  }

  toDict(): { agent_name: string; request: JsonValue } {
    return { agent_name: this.agentName, request: this.request }
  }

  static fromDict(data: unknown): AgentCallMsg {
    return new AgentCallMsg({
      agentName: (dictGet(data, 'agent_name') ?? '') as string,
      request: (dictGet(data, 'request') ?? null) as JsonValue,
    })
  }
}

export const NEXT_ACTIONS = ['call_tool', 'invoke_agent', 'final_response'] as const
export type NextAction = (typeof NEXT_ACTIONS)[number]

export interface MessageContentDict {
  thought?: JsonValue
  next_action?: NextAction
  action_input?: JsonValue
}

/** Structured agent-action content. A helper only: store it as content via `toDict()`. */
export class MessageContent {
  readonly thought: JsonValue | null
  readonly nextAction: NextAction | null
  readonly actionInput: JsonValue | null

  /** @throws MarsysValueError when next_action is not one of NEXT_ACTIONS. */
  constructor(
    fields: { thought?: JsonValue | null; nextAction?: string | null; actionInput?: JsonValue | null } = {},
  ) {
    const nextAction = fields.nextAction ?? null
    if (nextAction !== null && !(NEXT_ACTIONS as readonly string[]).includes(nextAction)) {
      throw new MarsysValueError(
        `next_action must be one of ${NEXT_ACTIONS.join(', ')}, got: ${String(nextAction)}`,
        'next_action',
      )
    }
    this.thought = fields.thought ?? null
    this.nextAction = nextAction as NextAction | null
    this.actionInput = fields.actionInput ?? null
  }

  /** Only the fields that are not None, in the order thought, next_action, action_input. */
  toDict(): MessageContentDict {
    const out: MessageContentDict = {}
    if (this.thought !== null) out.thought = this.thought
    if (this.nextAction !== null) out.next_action = this.nextAction
    if (this.actionInput !== null) out.action_input = this.actionInput
    return out
  }

  static fromDict(data: unknown): MessageContent {
    return new MessageContent({
      thought: (dictGet(data, 'thought') ?? null) as JsonValue | null,
      nextAction: (dictGet(data, 'next_action') ?? null) as string | null,
      actionInput: (dictGet(data, 'action_input') ?? null) as JsonValue | null,
    })
  }
}
