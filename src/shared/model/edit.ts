import type { SessionMetadataPatch } from './langswarm/sessionMetadata'

/**
 * Edits are commands the renderer sends and main applies: main records their inverse for undo/redo, bumps the
 * document's revision and emits `document.changed`. JSON values travel as text so main parses them losslessly
 * (number text such as `5.0`, NaN, key order) and can point at syntax errors by line and column.
 */
export type MessageField = 'role' | 'name' | 'tool_call_id'

export type EditCommand =
  /** Set a string field; null removes an optional one (`name`, `tool_call_id`). */
  | { op: 'setField'; index: number; field: MessageField; value: string | null }
  /** Content as a plain string. */
  | { op: 'setContentText'; index: number; text: string }
  /** Content as any JSON value (a typed array, null, a number…), given as JSON text. */
  | { op: 'setContentJson'; index: number; json: string }
  /** The whole message, as JSON text. */
  | { op: 'setMessageJson'; index: number; json: string }
  | { op: 'setToolCall'; index: number; callIndex: number; id?: string; name?: string; arguments?: string }
  | { op: 'addToolCall'; index: number; id: string; name: string; arguments: string }
  | { op: 'removeToolCall'; index: number; callIndex: number }
  /** Insert before position `index` (the count appends); a message as JSON text, or a role and text. */
  | { op: 'insert'; index: number; json?: string; role?: string; text?: string }
  | { op: 'duplicate'; indices: number[] }
  | { op: 'delete'; indices: number[] }
  /** Move the selected messages one place up or down, together. */
  | { op: 'move'; indices: number[]; direction: 'up' | 'down' }
  /** Quick fix: a placeholder tool result after `index` for each of its calls that has none. */
  | { op: 'addPlaceholderResults'; index: number }
  /** `additional_state` as JSON text; null removes it (MARSYS files). */
  | { op: 'setAdditionalState'; json: string | null }
  /** Metadata fields of a store session (its session_id and updated_at are the store's). */
  | { op: 'setSessionMetadata'; patch: SessionMetadataPatch & { expires_at?: string | null } }

export type DiskStatus = 'same' | 'changed' | 'missing'

export interface DocumentState {
  id: string
  revision: number
  dirty: boolean
  canUndo: boolean
  canRedo: boolean
  /** The label of the edit the next undo/redo would revert/reapply. */
  undoLabel: string | null
  redoLabel: string | null
  /** Whether the file on disk still has the bytes we opened or last saved. */
  disk: DiskStatus
  path: string
}

/** What an edit answers: the new state, and the ids of the messages it added (inserted, duplicated, fixed). */
export interface EditResult extends DocumentState {
  insertedIds: number[]
}

export interface SaveOptions {
  /** Save even though MARSYS's loader would refuse the result. */
  allowUnloadable?: boolean
  /** Write even though the file changed on disk since it was opened or saved. */
  overwrite?: boolean
}

export interface SaveResult {
  state: DocumentState
  path: string
  bytes: number
  backupPath: string | null
  /** Messages edited, added or removed compared with the file as it was opened or last reloaded (moves not counted). */
  changedMessages: number
}
