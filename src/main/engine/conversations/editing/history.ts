import type { SavedMessage } from './messageItem'

/** One reversible change to a document: a splice of the message list, or a new `additional_state`. */
export type Change =
  | { kind: 'splice'; start: number; removed: SavedMessage[]; inserted: SavedMessage[] }
  | { kind: 'additionalState'; before: AdditionalStateSlot; after: AdditionalStateSlot }

/** undefined: as in the file; `{ value: undefined }`: removed; `{ value }`: replaced. */
export type AdditionalStateSlot = { value: unknown } | undefined

export interface Batch<C = Change> {
  id: number
  label: string
  changes: C[]
}

/**
 * Undo and redo of whole batches (a bulk delete is one step). The saved point is remembered by batch id, so
 * undoing back to it makes the document clean again. Generic over the change type: stored sessions keep their own
 * kind of change in it too.
 */
export class History<C = Change> {
  private readonly undoStack: Batch<C>[] = []
  private redoStack: Batch<C>[] = []
  private nextId = 1
  /** The batch on top of the undo stack when last saved (0: none), or -1 when that state can't come back. */
  private savedTop = 0

  push(label: string, changes: C[]): Batch<C> {
    const batch = { id: this.nextId++, label, changes }
    this.undoStack.push(batch)
    if (this.redoStack.some((redo) => redo.id === this.savedTop)) this.savedTop = -1
    this.redoStack = []
    return batch
  }

  popUndo(): Batch<C> | undefined {
    const batch = this.undoStack.pop()
    if (batch) this.redoStack.push(batch)
    return batch
  }

  popRedo(): Batch<C> | undefined {
    const batch = this.redoStack.pop()
    if (batch) this.undoStack.push(batch)
    return batch
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
