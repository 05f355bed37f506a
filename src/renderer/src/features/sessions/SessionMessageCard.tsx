import { memo } from 'react'
import type { MessageDict } from '../../../../shared/model/langswarm/message'
import { MoveButtons } from '../../components/MoveButtons'
import { formatCount, roleClass } from '../../lib/format'
import { TextContent } from '../messageCard/TextContent'
import { Collapsed } from './Collapsed'
import { formatIso } from './format'
import { MessageEditor } from './MessageEditor'

export interface CardActions {
  toggleSelected(messageId: string): void
  edit(messageId: string): void
  cancelEdit(): void
  applyEdit(messageId: string, role: string, content: string): Promise<string | null>
  insertAt(index: number): void
  remove(index: number): void
  move(index: number, direction: 'up' | 'down'): void
}

interface Props {
  index: number
  /** Undefined while its window is on its way. */
  message: MessageDict | undefined
  total: number
  selected: boolean
  editing: boolean
  actions: CardActions
}

function Actions({ index, message, total, actions }: Omit<Props, 'selected' | 'editing'>) {
  const ready = message !== undefined
  return (
    <div className="session-card-actions" role="toolbar" aria-label={`Message ${index} actions`}>
      <button
        type="button"
        className="small"
        disabled={!ready}
        onClick={() => message && actions.edit(message.message_id)}
      >
        Edit
      </button>
      <button type="button" className="small" onClick={() => actions.insertAt(index)}>
        Insert above
      </button>
      <button type="button" className="small" onClick={() => actions.insertAt(index + 1)}>
        Insert below
      </button>
      <MoveButtons
        canMove={(direction) => (direction === 'up' ? index !== 0 : index < total - 1)}
        onMove={(direction) => actions.move(index, direction)}
      />
      <button type="button" className="small danger" disabled={!ready} onClick={() => actions.remove(index)}>
        Delete
      </button>
    </div>
  )
}

/** One stored message: role, time, tokens, content, and its tool calls and metadata folded away. */
export const SessionMessageCard = memo(function SessionMessageCard(props: Props) {
  const { index, message, total, selected, editing, actions } = props
  const role = message?.role ?? null
  const metadataKeys = message?.metadata ? Object.keys(message.metadata).length : 0
  return (
    <article
      className={`card session-card ${role ? roleClass(role) : ''} ${selected ? 'in-selection' : ''} ${editing ? 'editing' : ''}`}
      aria-label={role ? `Message ${index}, ${role}` : `Message ${index}`}
      aria-posinset={index + 1}
      aria-setsize={total}
      aria-busy={!message}
      data-index={index}
    >
      <header className="card-header">
        <input
          type="checkbox"
          aria-label={`Select message ${index}`}
          checked={selected}
          disabled={!message}
          onChange={() => message && actions.toggleSelected(message.message_id)}
        />
        <span className="card-index">#{index}</span>
        <span className={`role-badge ${role ? roleClass(role) : ''}`}>{role ?? '…'}</span>
        {message ? (
          <time className="muted session-time" dateTime={message.timestamp} title={message.timestamp}>
            {formatIso(message.timestamp)}
          </time>
        ) : null}
        {message?.token_count != null ? (
          <span className="muted tokens" title="Stored token count">
            {formatCount(message.token_count)} tok
          </span>
        ) : null}
        <span className="spacer" />
        {editing ? (
          <span className="chip editing-chip">editing</span>
        ) : (
          <Actions index={index} message={message} total={total} actions={actions} />
        )}
      </header>
      <div className="card-body">
        {!message ? (
          <p className="muted">loading…</p>
        ) : editing ? (
          <MessageEditor
            role={message.role}
            content={message.content}
            label={`Edit message ${index}`}
            applyLabel="Apply"
            onApply={(nextRole, content) => actions.applyEdit(message.message_id, nextRole, content)}
            onCancel={actions.cancelEdit}
          />
        ) : (
          <TextContent text={message.content} markdown={false} pattern={null} />
        )}
        {message?.function_call ? <Collapsed title="Function call" value={message.function_call} /> : null}
        {message?.tool_calls && message.tool_calls.length > 0 ? (
          <Collapsed
            title={`Tool calls (${message.tool_calls.length})`}
            value={message.tool_calls}
            openDepth={2}
          />
        ) : null}
        {metadataKeys > 0 ? (
          <Collapsed
            title={`Metadata (${metadataKeys} key${metadataKeys === 1 ? '' : 's'})`}
            value={message?.metadata}
          />
        ) : null}
      </div>
    </article>
  )
})
