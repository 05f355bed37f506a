import type { EditCommand } from '../../../../shared/model/edit'
import { PyObject, type PyValue } from '../../../../shared/pyjson'
import { AppError } from '../../appError'
import type { Change, FieldSlot } from './history'
import { clonePy, parseEditorJson, requireObject, setInMarsysOrder } from './pyEdit'
import { originOf, type MessageItem } from './messageItem'
import { planToolResultLinks } from '../index/toolResultLinks'

/** What commands edit: a conversation's message list and its own fields, with ways to read them. */
export interface EditTarget {
  items: MessageItem[]
  /** A new message id, never used before in this conversation. */
  newId(): number
  /** Where the conversation's messages come from, for messages that name it. */
  what: string
  field(name: string): FieldSlot
  setField(name: string, slot: FieldSlot): void
  /** The fields this conversation has (`additional_state` for MARSYS files, `metadata` for store sessions). */
  fields: readonly string[]
  /** A session's metadata after a patch, checked (throws INVALID_INPUT); only store sessions have it. */
  patchMetadata?(current: FieldSlot, patch: Record<string, unknown>): unknown
  /** A fresh, mutable copy of the message at position `index`. */
  messageValue(index: number): PyValue
  /** Role, tool-call ids and answered id of the message at `index`, from the document's (cached) analysis. */
  messageInfo(index: number): { role: string; callIds: string[]; toolCallId: string | null }
}

export const PLACEHOLDER_RESULT = '[no result was recorded for this call]'

export function applyChange(target: EditTarget, change: Change): void {
  if (change.kind === 'splice') target.items.splice(change.start, change.removed.length, ...change.inserted)
  else target.setField(change.field, change.after)
}

export function invertChange(change: Change): Change {
  return change.kind === 'splice'
    ? { kind: 'splice', start: change.start, removed: change.inserted, inserted: change.removed }
    : { kind: 'field', field: change.field, before: change.after, after: change.before }
}

function setField(target: EditTarget, field: string, after: FieldSlot): Change {
  const change: Change = { kind: 'field', field, before: target.field(field), after }
  applyChange(target, change)
  return change
}

function requireField(target: EditTarget, field: string): void {
  if (!target.fields.includes(field)) throw new AppError('INVALID_INPUT', `${target.what} has no ${field}`)
}

function checkIndex(target: EditTarget, index: number, allowEnd = false): void {
  const limit = allowEnd ? target.items.length : target.items.length - 1
  if (!Number.isInteger(index) || index < 0 || index > limit) {
    throw new AppError(
      'INVALID_INPUT',
      `There is no message ${index} (${target.what} has ${target.items.length})`,
      { messageIndex: index },
    )
  }
}

function uniqueSorted(target: EditTarget, indices: number[]): number[] {
  const sorted = [...new Set(indices)].sort((a, b) => a - b)
  if (sorted.length === 0) throw new AppError('INVALID_INPUT', 'No messages selected')
  for (const index of sorted) checkIndex(target, index)
  return sorted
}

/** Applies one splice to the target and returns it, so the caller can record it. */
function splice(target: EditTarget, start: number, removeCount: number, inserted: MessageItem[]): Change {
  const change: Change = {
    kind: 'splice',
    start,
    removed: target.items.slice(start, start + removeCount),
    inserted,
  }
  applyChange(target, change)
  return change
}

/** The edited message keeps its id: to the user it is the same message, changed. */
const replaceMessage = (target: EditTarget, index: number, value: PyValue): Change => {
  const item = target.items[index]
  return splice(target, index, 1, [{ id: item.id, value, replaces: originOf(item) }])
}

function editObject(target: EditTarget, index: number, edit: (message: PyObject) => void): Change {
  checkIndex(target, index)
  const message = requireObject(target.messageValue(index), `Message ${index}`)
  edit(message)
  return replaceMessage(target, index, message)
}

function toolCallAt(message: PyObject, index: number, callIndex: number): PyObject {
  const calls = message.get('tool_calls')
  const call = Array.isArray(calls) ? calls[callIndex] : undefined
  if (!(call instanceof PyObject))
    throw new AppError('INVALID_INPUT', `Message ${index} has no tool call ${callIndex}`, {
      messageIndex: index,
    })
  return call
}

function newToolCall(id: string, name: string, args: string): PyObject {
  return new PyObject([
    ['id', id],
    ['type', 'function'],
    [
      'function',
      new PyObject([
        ['name', name],
        ['arguments', args],
      ]),
    ],
  ])
}

function moveBlock(target: EditTarget, indices: number[], direction: 'up' | 'down'): Change[] {
  const selected = new Set(uniqueSorted(target, indices))
  const order = target.items.slice()
  const sequence = direction === 'up' ? [...selected] : [...selected].reverse()
  const step = direction === 'up' ? -1 : 1
  let low = Infinity
  let high = -Infinity
  for (const index of sequence) {
    const other = index + step
    if (other < 0 || other >= order.length || selected.has(other)) continue
    ;[order[index], order[other]] = [order[other], order[index]]
    selected.delete(index)
    selected.add(other)
    low = Math.min(low, index, other)
    high = Math.max(high, index, other)
  }
  if (low > high) return []
  return [splice(target, low, high - low + 1, order.slice(low, high + 1))]
}

function placeholderResults(target: EditTarget, index: number): Change[] {
  checkIndex(target, index)
  const message = requireObject(target.messageValue(index), `Message ${index}`)
  const calls = message.get('tool_calls')
  const answered = new Set<string>()
  for (let later = index + 1; later < target.items.length; later++) {
    const info = target.messageInfo(later)
    if (info.role === 'tool' && info.toolCallId) answered.add(info.toolCallId)
  }
  let insertAt = index + 1
  while (insertAt < target.items.length && target.messageInfo(insertAt).role === 'tool') insertAt++
  const results: MessageItem[] = []
  for (const call of Array.isArray(calls) ? calls : []) {
    if (!(call instanceof PyObject)) continue
    const id = call.get('id')
    if (typeof id !== 'string' || id === '' || answered.has(id)) continue
    const fn = call.get('function')
    const name =
      fn instanceof PyObject && typeof fn.get('name') === 'string' ? (fn.get('name') as string) : ''
    const result = new PyObject([
      ['role', 'tool'],
      ['content', PLACEHOLDER_RESULT],
      ['tool_call_id', id],
    ])
    if (name) result.set('name', name)
    results.push({ id: target.newId(), value: result })
  }
  if (results.length === 0)
    throw new AppError('INVALID_INPUT', `Every tool call of message ${index} already has a result`, {
      messageIndex: index,
    })
  return [splice(target, insertAt, 0, results)]
}

/** Each chosen tool result without `tool_call_id` gets the id of the unanswered call it follows, in order. */
function linkToolResults(target: EditTarget, indices: number[] | undefined): Change[] {
  const plan = planToolResultLinks(target.items.length, (index) => target.messageInfo(index))
  const byResult = new Map(plan.map((link) => [link.resultIndex, link]))
  const chosen = indices === undefined ? [...byResult.keys()] : uniqueSorted(target, indices)
  if (chosen.length === 0)
    throw new AppError('INVALID_INPUT', `${target.what} has no tool result without tool_call_id to link`)
  return chosen.map((index) => {
    const link = byResult.get(index)
    if (!link)
      throw new AppError(
        'INVALID_INPUT',
        `Message ${index} is not a tool result without tool_call_id that follows an unanswered call`,
        { messageIndex: index },
      )
    return editObject(target, index, (message) => setInMarsysOrder(message, 'tool_call_id', link.callId))
  })
}

/**
 * The list anew: kept messages stay the same items (bytes and ids; a message kept twice is a copy the second
 * time), the others are parsed from their JSON text. One splice, so undo gives the old list back whole.
 */
function rebuild(target: EditTarget, entries: readonly ({ keep: number } | { json: string })[]): Change {
  const used = new Set<number>()
  const items = entries.map((entry, position): MessageItem => {
    if ('json' in entry)
      return { id: target.newId(), value: parseEditorJson(entry.json, `New message ${position}`) }
    checkIndex(target, entry.keep)
    if (!used.has(entry.keep)) {
      used.add(entry.keep)
      return target.items[entry.keep]
    }
    return { id: target.newId(), value: clonePy(target.messageValue(entry.keep)) }
  })
  return splice(target, 0, target.items.length, items)
}

/** A short name for the undo/redo menu. */
export function labelOf(command: EditCommand): string {
  switch (command.op) {
    case 'setField':
      return `Edit ${command.field} of #${command.index}`
    case 'setContentText':
    case 'setContentJson':
      return `Edit content of #${command.index}`
    case 'setMessageJson':
      return `Edit message #${command.index}`
    case 'setToolCall':
      return `Edit tool call of #${command.index}`
    case 'addToolCall':
      return `Add tool call to #${command.index}`
    case 'removeToolCall':
      return `Remove tool call from #${command.index}`
    case 'insert':
      return `Insert message at #${command.index}`
    case 'duplicate':
      return command.indices.length === 1
        ? `Duplicate #${command.indices[0]}`
        : `Duplicate ${command.indices.length} messages`
    case 'delete':
      return command.indices.length === 1
        ? `Delete #${command.indices[0]}`
        : `Delete ${command.indices.length} messages`
    case 'move':
      return `Move ${command.indices.length === 1 ? `#${command.indices[0]}` : `${command.indices.length} messages`} ${command.direction}`
    case 'addPlaceholderResults':
      return `Add placeholder results for #${command.index}`
    case 'linkToolResults':
      return command.indices?.length === 1
        ? `Link tool result #${command.indices[0]} to its call`
        : 'Link tool results to their calls'
    case 'rebuild':
      return `Replace the messages (${command.messages.length})`
    case 'setAdditionalState':
      return command.json === null ? 'Remove additional_state' : 'Edit additional_state'
    case 'setSessionMetadata': {
      const keys = Object.keys(command.patch)
      return keys.length === 1 ? `Edit ${keys[0]}` : 'Edit metadata'
    }
  }
}

/** Applies one command to the target and returns the changes it made, in order. */
export function applyCommand(target: EditTarget, command: EditCommand): Change[] {
  switch (command.op) {
    case 'setField':
      return [
        editObject(target, command.index, (message) => {
          if (command.value === null) {
            if (command.field === 'role')
              throw new AppError(
                'INVALID_INPUT',
                'A message must keep its role (MARSYS refuses messages without one)',
              )
            message.delete(command.field)
          } else setInMarsysOrder(message, command.field, command.value)
        }),
      ]
    case 'setContentText':
      return [
        editObject(target, command.index, (message) => setInMarsysOrder(message, 'content', command.text)),
      ]
    case 'setContentJson': {
      const content = parseEditorJson(command.json, `The content of message ${command.index}`)
      return [editObject(target, command.index, (message) => setInMarsysOrder(message, 'content', content))]
    }
    case 'setMessageJson': {
      checkIndex(target, command.index)
      return [
        replaceMessage(target, command.index, parseEditorJson(command.json, `Message ${command.index}`)),
      ]
    }
    case 'setToolCall':
      return [
        editObject(target, command.index, (message) => {
          const call = toolCallAt(message, command.index, command.callIndex)
          if (command.id !== undefined) call.set('id', command.id)
          const fn =
            call.get('function') instanceof PyObject ? (call.get('function') as PyObject) : new PyObject()
          if (command.name !== undefined) fn.set('name', command.name)
          if (command.arguments !== undefined) fn.set('arguments', command.arguments)
          call.set('function', fn)
        }),
      ]
    case 'addToolCall':
      return [
        editObject(target, command.index, (message) => {
          const calls = message.get('tool_calls')
          const list = Array.isArray(calls) ? calls : []
          list.push(newToolCall(command.id, command.name, command.arguments))
          setInMarsysOrder(message, 'tool_calls', list)
        }),
      ]
    case 'removeToolCall':
      return [
        editObject(target, command.index, (message) => {
          toolCallAt(message, command.index, command.callIndex)
          const calls = message.get('tool_calls') as PyValue[]
          calls.splice(command.callIndex, 1)
          // MARSYS writes tool_calls only when the list is non-empty.
          if (calls.length === 0) message.delete('tool_calls')
        }),
      ]
    case 'insert': {
      checkIndex(target, command.index, true)
      const value =
        command.json !== undefined
          ? parseEditorJson(command.json, 'The new message')
          : new PyObject([
              ['role', command.role ?? 'user'],
              ['content', command.text ?? ''],
            ])
      return [splice(target, command.index, 0, [{ id: target.newId(), value }])]
    }
    case 'duplicate':
      return uniqueSorted(target, command.indices)
        .reverse()
        .map((index) =>
          splice(target, index + 1, 0, [{ id: target.newId(), value: clonePy(target.messageValue(index)) }]),
        )
    case 'delete':
      return uniqueSorted(target, command.indices)
        .reverse()
        .map((index) => splice(target, index, 1, []))
    case 'move':
      return moveBlock(target, command.indices, command.direction)
    case 'addPlaceholderResults':
      return placeholderResults(target, command.index)
    case 'linkToolResults':
      return linkToolResults(target, command.indices)
    case 'rebuild':
      return [rebuild(target, command.messages)]
    case 'setAdditionalState':
      requireField(target, 'additional_state')
      return [
        setField(target, 'additional_state', {
          value: command.json === null ? undefined : parseEditorJson(command.json, 'additional_state'),
        }),
      ]
    case 'setSessionMetadata': {
      requireField(target, 'metadata')
      const current = target.field('metadata')
      return [setField(target, 'metadata', { value: target.patchMetadata!(current, command.patch) })]
    }
  }
}
