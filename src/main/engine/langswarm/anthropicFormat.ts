import { MessageRole } from '../../../shared/model/langswarm/enums'
import { ValidationError } from '../../../shared/model/langswarm/errors'
import type { JsonObject } from '../../../shared/model/langswarm/jsonFields'
import type { Message } from '../../../shared/model/langswarm/message'
import { argumentsAsObject, PendingToolCalls, toolCallsOf } from './toolCalls'

export interface AnthropicTextBlock {
  type: 'text'
  text: string
}
export interface AnthropicToolUseBlock {
  type: 'tool_use'
  id: string
  name: string
  input: JsonObject
}
export interface AnthropicToolResultBlock {
  type: 'tool_result'
  tool_use_id: string
  content: string
  is_error?: boolean
}
export type AnthropicContentBlock = AnthropicTextBlock | AnthropicToolUseBlock | AnthropicToolResultBlock

export interface AnthropicMessage {
  role: 'user' | 'assistant'
  content: string | AnthropicContentBlock[]
}

/** The conversation part of a Messages API request. */
export interface AnthropicConversation {
  system?: string
  messages: AnthropicMessage[]
}

export interface AnthropicRequest extends AnthropicConversation {
  model: string
  max_tokens: number
}

/**
 * One message in Anthropic's shape. Plain user and assistant text match the Python output exactly; unlike the
 * Python (which makes every non-user role "assistant"), tool calls become `tool_use` blocks and tool/function
 * results a user turn with a `tool_result` block. A system message has no per-message form in the Messages API,
 * so it is rejected here; `toAnthropicConversation` lifts it into `system`.
 */
export function toAnthropicFormat(message: Message): AnthropicMessage {
  switch (message.role) {
    case MessageRole.SYSTEM:
      throw new ValidationError(
        'A system message has no Anthropic message form; convert the conversation to lift it into `system`',
      )
    case MessageRole.USER:
      return { role: 'user', content: message.content }
    case MessageRole.ASSISTANT: {
      const calls = toolCallsOf(message)
      if (calls.length === 0) return { role: 'assistant', content: message.content }
      return { role: 'assistant', content: assistantBlocks(message, new PendingToolCalls()) }
    }
    case MessageRole.TOOL:
    case MessageRole.FUNCTION: {
      const id = message.toolCallId
      if (id === null) {
        throw new ValidationError('A tool result needs metadata.tool_call_id to be converted on its own')
      }
      return { role: 'user', content: [toolResultBlock(message, toolUseId(id))] }
    }
  }
}

/**
 * A conversation as a valid Messages API body: system messages (wherever they occur) joined into `system`,
 * tool calls as `tool_use` blocks, tool results as `tool_result` blocks in a user turn (placed before any text of
 * that turn, as the API requires), consecutive same-role turns merged, and blank text dropped.
 */
export function toAnthropicConversation(messages: readonly Message[]): AnthropicConversation {
  const system: string[] = []
  const turns: { role: 'user' | 'assistant'; content: AnthropicContentBlock[] }[] = []
  const pending = new PendingToolCalls()

  messages.forEach((message, index) => {
    let role: 'user' | 'assistant'
    let blocks: AnthropicContentBlock[]
    switch (message.role) {
      case MessageRole.SYSTEM:
        if (message.content.trim() !== '') system.push(message.content)
        return
      case MessageRole.USER:
        role = 'user'
        blocks = textBlocks(message.content)
        break
      case MessageRole.ASSISTANT:
        role = 'assistant'
        blocks = assistantBlocks(message, pending)
        break
      case MessageRole.TOOL:
      case MessageRole.FUNCTION: {
        const call = pending.answer(message.toolCallId === null ? null : toolUseId(message.toolCallId))
        if (call === null) {
          throw new ValidationError(`Message ${index}: tool result answers no tool call`, {
            messageIndex: index,
          })
        }
        role = 'user'
        blocks = [toolResultBlock(message, call.id)]
        break
      }
    }
    if (blocks.length === 0) return
    const last = turns.at(-1)
    if (last !== undefined && last.role === role) last.content.push(...blocks)
    else turns.push({ role, content: blocks })
  })

  for (const turn of turns) {
    if (turn.role === 'user') turn.content = toolResultsFirst(turn.content)
  }
  trimFinalAssistantText(turns)

  const conversation: AnthropicConversation = { messages: turns.filter((turn) => turn.content.length > 0) }
  if (system.length > 0) conversation.system = system.join('\n\n')
  return conversation
}

export function toAnthropicRequest(
  messages: readonly Message[],
  options: { model: string; max_tokens: number },
): AnthropicRequest {
  const { system, messages: turns } = toAnthropicConversation(messages)
  const request: AnthropicRequest = { model: options.model, max_tokens: options.max_tokens, messages: turns }
  if (system !== undefined) request.system = system
  return request
}

function assistantBlocks(message: Message, pending: PendingToolCalls): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = textBlocks(message.content)
  const opened: { id: string; name: string }[] = []
  toolCallsOf(message).forEach((call, index) => {
    // Anthropic ids must match ^[a-zA-Z0-9_-]+$; a legacy function_call has none, so derive a stable one.
    const id = toolUseId(call.id ?? `toolu_${message.message_id}_${index}`)
    blocks.push({ type: 'tool_use', id, name: call.name, input: argumentsAsObject(call.arguments) })
    opened.push({ id, name: call.name })
  })
  pending.open(opened)
  return blocks
}

function toolResultBlock(message: Message, id: string): AnthropicToolResultBlock {
  const block: AnthropicToolResultBlock = { type: 'tool_result', tool_use_id: id, content: message.content }
  if (message.metadata.is_error === true) block.is_error = true
  return block
}

const textBlocks = (text: string): AnthropicTextBlock[] =>
  text.trim() === '' ? [] : [{ type: 'text', text }]

const toolUseId = (id: string): string => id.replace(/[^a-zA-Z0-9_-]/g, '_')

const toolResultsFirst = (blocks: AnthropicContentBlock[]): AnthropicContentBlock[] => [
  ...blocks.filter((block) => block.type === 'tool_result'),
  ...blocks.filter((block) => block.type !== 'tool_result'),
]

/** The API rejects a final assistant turn whose text ends in whitespace (it is treated as a prefill). */
function trimFinalAssistantText(
  turns: { role: 'user' | 'assistant'; content: AnthropicContentBlock[] }[],
): void {
  const last = turns.at(-1)
  if (last?.role !== 'assistant') return
  const block = last.content.at(-1)
  if (block?.type !== 'text') return
  block.text = block.text.trimEnd()
}
