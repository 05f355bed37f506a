import { Message, parseMessageRole, type UtcDateTime } from '../../../shared/model/langswarm'
import type { SessionEditCommand } from '../../../shared/model/session'
import { AppError } from '../errors'
import type { ListDraft, ListPatch, ListSplice } from './listPatch'

export type MessageCommand = Exclude<SessionEditCommand, { op: 'setMetadata' }>

/** Applies one message command to the draft and returns the patch it made (empty when nothing changed). */
export function applyMessageCommand(
  draft: ListDraft<Message>,
  command: MessageCommand,
  now: () => UtcDateTime,
): ListPatch<Message> {
  const patch = patchFor(draft, command, now)
  draft.apply(patch)
  return patch
}

function patchFor(
  draft: ListDraft<Message>,
  command: MessageCommand,
  now: () => UtcDateTime,
): ListPatch<Message> {
  switch (command.op) {
    case 'setMessage':
      return setMessage(draft, command.index, command.role, command.content)
    case 'insertMessage': {
      checkIndex(draft, command.index, true)
      const message = new Message({
        role: parseMessageRole(command.role),
        content: command.content,
        timestamp: now(),
      })
      return [{ start: command.index, removed: [], inserted: [message] }]
    }
    case 'deleteMessages':
      return runsOf(selection(draft, command.indices)).map(([first, last]) => ({
        start: first,
        removed: draft.slice(first, last + 1),
        inserted: [],
      }))
    case 'moveMessages':
      return moveRuns(draft, selection(draft, command.indices), command.direction)
  }
}

function setMessage(
  draft: ListDraft<Message>,
  index: number,
  role: string | undefined,
  content: string | undefined,
): ListPatch<Message> {
  checkIndex(draft, index)
  const current = draft.at(index)
  const nextRole = role === undefined ? current.role : parseMessageRole(role)
  const nextContent = content ?? current.content
  if (nextRole === current.role && nextContent === current.content) return []
  // A stored token_count counts the old content; dropped, the cost is estimated from the new one.
  const edited = current.with({
    role: nextRole,
    content: nextContent,
    ...(nextContent === current.content ? {} : { token_count: null }),
  })
  return [{ start: index, removed: [current], inserted: [edited] }]
}

/**
 * Each selected message swaps with its unselected neighbour in `direction`, as for MARSYS files: a block of
 * selected messages moves as one, and a block already at the edge stays.
 */
function moveRuns(
  draft: ListDraft<Message>,
  indices: number[],
  direction: 'up' | 'down',
): ListSplice<Message>[] {
  const splices: ListSplice<Message>[] = []
  for (const [first, last] of runsOf(indices)) {
    if (direction === 'up' && first > 0) {
      const block = draft.slice(first - 1, last + 1)
      splices.push({ start: first - 1, removed: block, inserted: [...block.slice(1), block[0]] })
    } else if (direction === 'down' && last < draft.length - 1) {
      const block = draft.slice(first, last + 2)
      splices.push({
        start: first,
        removed: block,
        inserted: [block[block.length - 1], ...block.slice(0, -1)],
      })
    }
  }
  return splices
}

function checkIndex(draft: ListDraft<Message>, index: number, allowEnd = false): void {
  const limit = allowEnd ? draft.length : draft.length - 1
  if (!Number.isInteger(index) || index < 0 || index > limit) {
    throw new AppError('INVALID_INPUT', `There is no message ${index} (the session has ${draft.length})`, {
      messageIndex: index,
    })
  }
}

function selection(draft: ListDraft<Message>, indices: readonly number[]): number[] {
  const sorted = [...new Set(indices)].sort((a, b) => a - b)
  if (sorted.length === 0) throw new AppError('INVALID_INPUT', 'No messages selected')
  for (const index of sorted) checkIndex(draft, index)
  return sorted
}

/** Sorted distinct indices as runs of consecutive ones: [1, 2, 3, 7] → [[1, 3], [7, 7]]. */
function runsOf(sorted: readonly number[]): [number, number][] {
  const runs: [number, number][] = []
  for (const index of sorted) {
    const last = runs.at(-1)
    if (last !== undefined && last[1] === index - 1) last[1] = index
    else runs.push([index, index])
  }
  return runs
}

/** A short name for the undo/redo menu. */
export function messageCommandLabel(command: MessageCommand): string {
  switch (command.op) {
    case 'setMessage':
      if (command.content === undefined) return `Edit role of #${command.index}`
      return command.role === undefined
        ? `Edit content of #${command.index}`
        : `Edit message #${command.index}`
    case 'insertMessage':
      return `Insert message at #${command.index}`
    case 'deleteMessages':
      return command.indices.length === 1
        ? `Delete #${command.indices[0]}`
        : `Delete ${command.indices.length} messages`
    case 'moveMessages':
      return `Move ${command.indices.length === 1 ? `#${command.indices[0]}` : `${command.indices.length} messages`} ${command.direction}`
  }
}
