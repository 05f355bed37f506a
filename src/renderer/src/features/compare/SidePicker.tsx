import { useId } from 'react'
import type { CompareSide } from '../../../../shared/domains/compare/model'
import type { SessionInfo } from '../../../../shared/model/session'
import { useDocuments } from '../../stores/StoresContext'

/** A store session not open yet: it is opened (as a tab) when the comparison starts. */
export type Pick = CompareSide | { kind: 'session'; sessionId: string }

export const pickValue = (pick: Pick | null): string =>
  pick === null ? '' : pick.kind === 'session' ? `session:${pick.sessionId}` : `${pick.kind}:${pick.id}`

function parsePick(value: string): Pick | null {
  const at = value.indexOf(':')
  if (at < 0) return null
  const kind = value.slice(0, at)
  const rest = value.slice(at + 1)
  if (kind === 'session') return { kind, sessionId: rest }
  if (kind === 'document' || kind === 'saved') return { kind, id: rest }
  return null
}

/** Chooses one side: an open document as it is now, a file's saved version, or a session of the store. */
export function SidePicker({
  label,
  value,
  sessions,
  onChange,
}: {
  label: string
  value: Pick | null
  sessions: SessionInfo[]
  onChange(pick: Pick | null): void
}) {
  const id = useId()
  const order = useDocuments((state) => state.order)
  const summaries = useDocuments((state) => state.summaries)
  const openSessions = new Set(order.map((docId) => summaries[docId]?.sessionId).filter(Boolean))
  const files = order.filter((docId) => summaries[docId]?.source === 'file')
  return (
    <div className="side-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={pickValue(value)} onChange={(event) => onChange(parsePick(event.target.value))}>
        <option value="">Choose…</option>
        <optgroup label="Open documents">
          {order.map((docId) => (
            <option key={docId} value={`document:${docId}`}>
              {summaries[docId]?.name ?? docId}
              {summaries[docId]?.dirty ? ' (edited)' : ''}
            </option>
          ))}
        </optgroup>
        {files.length > 0 ? (
          <optgroup label="Saved versions">
            {files.map((docId) => (
              <option key={docId} value={`saved:${docId}`}>
                {summaries[docId]?.name ?? docId} (saved)
              </option>
            ))}
          </optgroup>
        ) : null}
        {sessions.length > 0 ? (
          <optgroup label="Store sessions">
            {sessions
              .filter((session) => !openSessions.has(session.metadata.session_id))
              .map((session) => (
                <option key={session.metadata.session_id} value={`session:${session.metadata.session_id}`}>
                  session {session.metadata.session_id} ({session.messageCount} messages)
                </option>
              ))}
          </optgroup>
        ) : null}
      </select>
    </div>
  )
}
