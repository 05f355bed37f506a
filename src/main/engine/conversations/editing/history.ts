import type { MessageItem } from './messageItem'

/**
 * One reversible change to a conversation: a splice of the message list, or a new value of one of the
 * conversation's own fields (a MARSYS file's `additional_state`, a session's metadata).
 */
export type Change =
  | { kind: 'splice'; start: number; removed: MessageItem[]; inserted: MessageItem[] }
  | { kind: 'field'; field: string; before: FieldSlot; after: FieldSlot }

/** undefined: as in the source; `{ value: undefined }`: removed; `{ value }`: replaced. */
export type FieldSlot = { value: unknown } | undefined

export interface Batch {
  id: number
  label: string
  changes: Change[]
}

/**
 * Undo and redo of whole batches (a bulk delete is one step). The saved point is remembered by batch id, so
 * undoing back to it makes the conversation clean again.
 */
export class History {
  private readonly undoStack: Batch[] = []
  private redoStack: Batch[] = []
  private nextId = 1
  /** The batch on top of the undo stack when last saved (0: none), or -1 when that state can't come back. */
  private savedTop = 0

  push(label: string, changes: Change[]): Batch {
    const batch = { id: this.nextId++, label, changes }
    this.undoStack.push(batch)
    if (this.redoStack.some((redo) => redo.id === this.savedTop)) this.savedTop = -1
    this.redoStack = []
    return batch
  }

  popUndo(): Batch | undefined {
    const batch = this.undoStack.pop()
    if (batch) this.redoStack.push(batch)
    return batch
  }

  popRedo(): Batch | undefined {
    const batch = this.redoStack.pop()
    if (batch) this.undoStack.push(batch)
    return batch
  }

  /** Drops the last pushed batch without a redo step (it could not be persisted). */
  dropLast(): Batch | undefined {
    return this.undoStack.pop()
  }

  markSaved(): void {
    this.savedTop = this.top()
  }

  clear(): void {
    this.undoStack.length = 0
    this.redoStack = []
    this.savedTop = 0
  }

  get dirty(): boolean {
    return this.top() !== this.savedTop
  }

  get undoLabel(): string | null {
    return this.undoStack.at(-1)?.label ?? null
  }

  get redoLabel(): string | null {
    return this.redoStack.at(-1)?.label ?? null
  }

  private top(): number {
    return this.undoStack.at(-1)?.id ?? 0
  }
}
