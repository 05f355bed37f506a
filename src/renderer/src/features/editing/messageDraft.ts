import type { MessageDetail } from '../../../../shared/model/document'
import type { EditCommand } from '../../../../shared/model/edit'
import { contentJsonOf, editableJson, jsonProblem } from './jsonText'

export interface ToolCallDraft {
  /** Stable React key. */
  key: string
  /** The call's position in the message as it is now; null for a call added in this editor. */
  callIndex: number | null
  id: string
  name: string
  /** Always a string, as MARSYS stores it (OpenAI's format): it may hold anything, valid JSON or not. */
  arguments: string
}

export type ContentMode = 'text' | 'json'

/** What the field editor holds: every editable part of one message. */
export interface MessageDraft {
  role: string
  /** '' removes the key. */
  name: string
  contentMode: ContentMode
  text: string
  json: string
  toolCalls: ToolCallDraft[]
  /** '' removes the key. */
  toolCallId: string
}

export const STANDARD_ROLES = ['system', 'user', 'assistant', 'tool'] as const

/** The draft a message starts from: strings as text, anything else (typed arrays, dicts, null) as JSON. */
export function draftFromDetail(detail: MessageDetail): MessageDraft {
  const isText = detail.contentShape === 'string' || detail.contentShape === 'json-string'
  const text = isText && detail.parts[0]?.kind === 'text' ? detail.parts[0].text : ''
  return {
    role: detail.role,
    name: detail.name ?? '',
    contentMode: isText ? 'text' : 'json',
    text,
    json: isText ? editableJson(text) : (contentJsonOf(detail.raw) ?? 'null'),
    toolCalls: detail.toolCalls.map((call, i) => ({
      key: `existing-${i}`,
      callIndex: i,
      id: call.id,
      name: call.name,
      arguments: call.arguments,
    })),
    toolCallId: detail.toolCallId ?? '',
  }
}

/** What stops Apply: a missing role, or content that is not JSON in JSON mode. */
export function draftErrors(draft: MessageDraft): string[] {
  const errors: string[] = []
  if (draft.role.trim() === '') errors.push('A message needs a role (MARSYS refuses messages without one).')
  if (draft.contentMode === 'json') {
    const problem = jsonProblem(draft.json)
    if (problem) errors.push(`Content is not valid JSON: ${problem.message}`)
  }
  return errors
}

const optional = (value: string): string | null => (value === '' ? null : value)

/**
 * The smallest batch of commands turning `original` into `draft` (one undo step). Tool calls are edited at
 * their current positions first, then removed from the end backwards, then new ones appended, so every
 * `callIndex` still points at the call it meant.
 */
export function buildCommands(index: number, original: MessageDraft, draft: MessageDraft): EditCommand[] {
  const commands: EditCommand[] = []
  if (draft.role !== original.role) commands.push({ op: 'setField', index, field: 'role', value: draft.role })
  if (draft.name !== original.name)
    commands.push({ op: 'setField', index, field: 'name', value: optional(draft.name) })
  if (draft.contentMode === 'text') {
    if (original.contentMode !== 'text' || draft.text !== original.text)
      commands.push({ op: 'setContentText', index, text: draft.text })
  } else if (draft.json !== original.json) {
    // A string switched to JSON mode and left alone is the same value: nothing to send.
    commands.push({ op: 'setContentJson', index, json: draft.json })
  }

  const kept = new Set<number>()
  for (const call of draft.toolCalls) {
    if (call.callIndex === null) continue
    kept.add(call.callIndex)
    const before = original.toolCalls.find((other) => other.callIndex === call.callIndex)
    if (!before) continue
    const change: Extract<EditCommand, { op: 'setToolCall' }> = {
      op: 'setToolCall',
      index,
      callIndex: call.callIndex,
    }
    if (call.id !== before.id) change.id = call.id
    if (call.name !== before.name) change.name = call.name
    if (call.arguments !== before.arguments) change.arguments = call.arguments
    if (Object.keys(change).length > 3) commands.push(change)
  }
  const removed = original.toolCalls
    .map((call) => call.callIndex)
    .filter((callIndex): callIndex is number => callIndex !== null && !kept.has(callIndex))
    .sort((a, b) => b - a)
  for (const callIndex of removed) commands.push({ op: 'removeToolCall', index, callIndex })
  for (const call of draft.toolCalls) {
    if (call.callIndex === null)
      commands.push({ op: 'addToolCall', index, id: call.id, name: call.name, arguments: call.arguments })
  }

  if (draft.toolCallId !== original.toolCallId)
    commands.push({ op: 'setField', index, field: 'tool_call_id', value: optional(draft.toolCallId) })
  return commands
}

/** A fresh id in OpenAI's style, for a call added by hand. */
export function newCallId(): string {
  const bytes = new Uint8Array(6)
  crypto.getRandomValues(bytes)
  return `call_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}
