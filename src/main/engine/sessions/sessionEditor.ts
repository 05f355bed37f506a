import { UtcDateTime, type IMemoryManager, type IMemorySession } from '../../../shared/model/langswarm'
import { SerialQueue } from '../langswarm/serialQueue'
import type { SessionEditCommand, SessionEditState } from '../../../shared/model/session'
import { History } from '../conversations/editing/history'
import { AppError } from '../errors'
import { applyCommands, applyEdits, batchLabel, invertEdits, type SessionEdit } from './sessionEdits'

export interface SessionEditorOptions {
  /** The session store, opened on demand. */
  store: () => Promise<IMemoryManager>
  /** Called after an edit, undo or redo changed a session. */
  onChange?: (sessionId: string) => void
  /** Timestamps of inserted messages; tests pin it. */
  clock?: () => UtcDateTime
}

interface EditRecord {
  /** The live session the history was recorded against. */
  session: IMemorySession | null
  readonly history: History<SessionEdit>
  revision: number
  /** Edits, undos and redos of one session run one at a time, so revisions and history stay in step. */
  readonly queue: SerialQueue
}

/**
 * Undo/redo for stored sessions. The store is the truth: every batch is persisted before `edit` answers, and undo
 * and redo persist the inverse or the batch again. A failed write leaves the session and its history as they were.
 */
export class SessionEditor {
  private readonly records = new Map<string, EditRecord>()
  private readonly clock: () => UtcDateTime

  constructor(private readonly options: SessionEditorOptions) {
    this.clock = options.clock ?? UtcDateTime.now
  }

  /** Applies `commands` as one undo step, all or nothing; a `revision` other than the current one is a CONFLICT. */
  edit(id: string, revision: number, commands: readonly SessionEditCommand[]): Promise<SessionEditState> {
    return this.run(id, async (record, session) => {
      if (revision !== record.revision) {
        throw new AppError(
          'CONFLICT',
          `Session ${id} is at edit revision ${record.revision}, not ${revision}: reload it and try again`,
          { sessionId: id, revision: record.revision },
        )
      }
      if (commands.length === 0) return false
      const edits = await applyCommands(session, commands, this.clock)
      if (edits.length === 0) return false
      record.history.push(batchLabel(commands), edits)
      return true
    })
  }

  undo(id: string): Promise<SessionEditState> {
    return this.run(id, async (record, session) => {
      const batch = record.history.popUndo()
      if (batch === undefined) return false
      try {
        await applyEdits(session, invertEdits(batch.changes))
      } catch (error) {
        record.history.popRedo()
        throw error
      }
      return true
    })
  }

  redo(id: string): Promise<SessionEditState> {
    return this.run(id, async (record, session) => {
      const batch = record.history.popRedo()
      if (batch === undefined) return false
      try {
        await applyEdits(session, batch.changes)
      } catch (error) {
        record.history.popUndo()
        throw error
      }
      return true
    })
  }

  async state(id: string): Promise<SessionEditState> {
    if (this.records.has(id)) return this.run(id, async () => false)
    // Never edited here: answer from the index, without loading the session or keeping a record of it.
    if ((await (await this.options.store()).backend.getSessionMetadata(id)) === null) throw notFound(id)
    return stateOf(id, { revision: 0, history: new History() })
  }

  /** Drops the history of a deleted session. */
  forget(id: string): void {
    this.records.delete(id)
  }

  /**
   * Runs `action` in the session's queue with its live session; `action` tells whether it changed the session.
   * A history recorded against another incarnation of the session (deleted and re-created, or the store reopened)
   * is dropped first: its changes refer to messages that may no longer exist.
   */
  private run(
    id: string,
    action: (record: EditRecord, session: IMemorySession) => Promise<boolean>,
  ): Promise<SessionEditState> {
    const record = this.recordOf(id)
    return record.queue.run(async () => {
      const session = await (await this.options.store()).getSession(id)
      if (session === null) {
        if (this.records.get(id) === record) this.records.delete(id)
        throw notFound(id)
      }
      if (record.session !== session) {
        if (record.session !== null) {
          record.history.clear()
          record.revision += 1
        }
        record.session = session
      }
      if (await action(record, session)) {
        record.revision += 1
        this.options.onChange?.(id)
      }
      return stateOf(id, record)
    })
  }

  private recordOf(id: string): EditRecord {
    let record = this.records.get(id)
    if (record === undefined) {
      record = { session: null, history: new History(), revision: 0, queue: new SerialQueue() }
      this.records.set(id, record)
    }
    return record
  }
}

const notFound = (id: string) =>
  new AppError('NOT_FOUND', `No session ${id} in the session store`, { sessionId: id })

function stateOf(
  id: string,
  { revision, history }: Pick<EditRecord, 'revision' | 'history'>,
): SessionEditState {
  return {
    id,
    revision,
    canUndo: history.undoLabel !== null,
    canRedo: history.redoLabel !== null,
    undoLabel: history.undoLabel,
    redoLabel: history.redoLabel,
  }
}
