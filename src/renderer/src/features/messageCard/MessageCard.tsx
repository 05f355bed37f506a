import type { TextMatcher } from '../../../../shared/search/textMatcher'
import './messageCard.css'
import { memo } from 'react'
import type { MessageDetail, MessageRow } from '../../../../shared/model/document'
import { JsonTree } from '../../components/JsonTree'
import { formatCount, roleClass } from '../../lib/format'
import { countRender } from '../../lib/renderCounts'
import { useStores, useView } from '../../stores/StoresContext'
import { viewOf } from '../../stores/viewStore'
import { MessageActions } from '../editing/MessageActions'
import { MessageEditor } from '../editing/MessageEditor'
import { isInsideEditor } from '../shared/keys'
import { ContentView } from './ContentView'
import { FlagChips } from './flags'
import { AgentCalls } from './Handoffs'
import { RawJson } from './RawJson'
import { ToolCallList, ToolResultLink } from './ToolCalls'
import { useMessageDetail } from './useMessageDetail'

/** How a click selects: alone, added to/taken from the selection (Ctrl/Cmd), or as a range (Shift). */
export type SelectHow = 'only' | 'toggle' | 'range'

export interface MessageCardProps {
  docId: string
  /** Where the message is (as last seen: the detail says where it is now). */
  index: number
  /** The message's id; null while its row has not arrived (the card then shows a placeholder). */
  messageId: number | null
  /** What the row list already knows, shown until the detail arrives. */
  row?: MessageRow
  selected: boolean
  /** Part of a multi-selection (Ctrl/Cmd+click, Shift+click). */
  inSelection?: boolean
  expanded: boolean
  markdown: boolean
  pattern: TextMatcher | null
  onSelect(messageId: number, how?: SelectHow): void
  onToggleExpanded(messageId: number): void
  onJump(index: number): void
  setSize?: number
}

function Body({
  docId,
  detail,
  markdown,
  pattern,
  onJump,
}: {
  docId: string
  detail: MessageDetail
  markdown: boolean
  pattern: TextMatcher | null
  onJump(index: number): void
}) {
  const otherKeys = Object.keys(detail.otherKeys)
  return (
    <>
      <ToolResultLink detail={detail} onJump={onJump} />
      <ContentView docId={docId} detail={detail} markdown={markdown} pattern={pattern} />
      <ToolCallList docId={docId} detail={detail} onJump={onJump} pattern={pattern} />
      <AgentCalls detail={detail} pattern={pattern} />
      {detail.reasoningDetails ? (
        <details className="reasoning">
          <summary>Reasoning details ({detail.reasoningDetails.length})</summary>
          <JsonTree value={detail.reasoningDetails} label="Reasoning details" openDepth={2} />
        </details>
      ) : null}
      {otherKeys.length > 0 ? (
        <div className="other-keys">
          <span className="muted">other keys: </span>
          <JsonTree value={detail.otherKeys} label="Other keys" openDepth={0} />
        </div>
      ) : null}
      {detail.diagnostics.length > 0 ? (
        <ul className="diagnostics" aria-label="Problems">
          {detail.diagnostics.map((diagnostic, i) => (
            <li key={i} className="severity-error">
              {diagnostic.message} <code className="muted">{diagnostic.path}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  )
}

/**
 * One message: role, name, content by shape, tool calls paired with their results, and its raw JSON on demand.
 * Memoised: a list re-renders on every scroll step, and a card whose props did not change must not.
 */
export const MessageCard = memo(function MessageCard(props: MessageCardProps) {
  countRender('MessageCard')
  const {
    docId,
    messageId,
    row,
    selected,
    inSelection = false,
    expanded,
    markdown,
    pattern,
    onSelect,
    onToggleExpanded,
    onJump,
    setSize,
  } = props
  const { view } = useStores()
  const editing = useView((state) =>
    messageId === null ? undefined : viewOf(state, docId).editing[messageId],
  )
  const entry = useMessageDetail(docId, messageId === null ? null : { index: props.index, messageId })
  const detail = entry?.detail ?? null
  const index = detail?.index ?? row?.index ?? props.index
  const role = detail?.role ?? row?.role ?? null
  const name = detail?.name ?? row?.name ?? null
  const flags = detail?.flags ?? row?.flags ?? []
  const label = [`Message ${index}`, role, name].filter((part) => part !== null && part !== '').join(', ')
  return (
    <article
      className={`card ${role ? roleClass(role) : ''} ${selected ? 'selected' : ''} ${inSelection ? 'in-selection' : ''} ${flags.length > 0 ? 'flagged' : ''} ${editing ? 'editing' : ''}`}
      aria-label={label}
      aria-current={selected ? 'true' : undefined}
      aria-posinset={setSize !== undefined ? index + 1 : undefined}
      aria-setsize={setSize}
      aria-busy={!detail && !entry?.error}
      data-index={index}
      onMouseDown={(event) => {
        // Shift+click selects a range of messages, not a range of text (except inside an editor).
        if (event.shiftKey && !isInsideEditor(event.target)) event.preventDefault()
      }}
      onClick={(event) => {
        if (messageId === null) return
        onSelect(messageId, event.ctrlKey || event.metaKey ? 'toggle' : event.shiftKey ? 'range' : 'only')
      }}
    >
      <header className="card-header">
        <span className="card-index">#{index}</span>
        <span className={`role-badge ${role ? roleClass(role) : ''}`}>{role ?? '…'}</span>
        {name ? <span className="card-name">{name}</span> : null}
        <FlagChips flags={flags} />
        {inSelection ? <span className="chip selection-chip">✓ selected</span> : null}
        <span className="spacer" />
        <span className="muted tokens" title="MARSYS token estimate">
          {formatCount(detail?.tokens ?? row?.tokens ?? 0)} tok
        </span>
        <button
          type="button"
          className="small"
          aria-expanded={expanded}
          disabled={messageId === null}
          onClick={(event) => {
            event.stopPropagation()
            if (messageId !== null) onToggleExpanded(messageId)
          }}
        >
          Raw JSON
        </button>
        {editing ? (
          <span className="chip editing-chip">editing</span>
        ) : (
          <button
            type="button"
            className="small"
            disabled={!detail}
            onClick={() => detail && view.getState().openEditor(docId, detail.id, 'fields')}
          >
            Edit
          </button>
        )}
      </header>
      {selected && !editing && detail ? <MessageActions docId={docId} detail={detail} /> : null}
      <div className="card-body">
        {detail && editing ? (
          <MessageEditor docId={docId} detail={detail} mode={editing} />
        ) : detail ? (
          <Body docId={docId} detail={detail} markdown={markdown} pattern={pattern} onJump={onJump} />
        ) : entry?.error ? (
          <p role="alert" className="severity-error">
            Could not load message {index}: {entry.error}
          </p>
        ) : (
          <p className="muted preview">{row?.preview ?? 'loading…'}</p>
        )}
        {expanded && detail ? (
          <RawJson
            docId={docId}
            index={index}
            messageId={detail.id}
            raw={detail.raw}
            rawLength={detail.rawLength}
            rawSaved={detail.rawSaved}
            rawSavedLength={detail.rawSavedLength}
          />
        ) : null}
      </div>
    </article>
  )
})
