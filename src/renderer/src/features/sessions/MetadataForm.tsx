import { useState, type FormEvent, type ReactNode } from 'react'
import type { SessionMetadataDict } from '../../../../shared/model/langswarm/sessionMetadata'
import { FormActions, FormError } from '../../components/formParts'
import { Options } from '../../components/inputs'
import { draftOf, patchOf, sameDraft, type MetadataDraft } from './metadataDraft'
import { useSessions, useStores } from '../../stores/StoresContext'
import { isStatus, SESSION_STATUSES } from './statuses'

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="session-field">
      <span>{label}</span>
      {children}
    </label>
  )
}

/** The session's metadata as a form; Apply sends the changed fields as one undoable edit of its document. */
export function MetadataForm({ docId, sessionId }: { docId: string; sessionId: string }) {
  const metadata = useSessions((state) => state.info[sessionId]?.detail?.metadata ?? null)
  if (!metadata) return null
  return <Form docId={docId} metadata={metadata} />
}

function Form({ docId, metadata }: { docId: string; metadata: SessionMetadataDict }) {
  const { edit } = useStores()
  const [base, setBase] = useState(metadata)
  const [draft, setDraft] = useState<MetadataDraft>(() => draftOf(metadata))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const dirty = !sameDraft(draft, draftOf(base))

  // The session changed (an edit, an undo, another window): follow it unless the user is typing changes.
  if (metadata !== base) {
    setBase(metadata)
    if (!dirty) setDraft(draftOf(metadata))
  }

  const set = <K extends keyof MetadataDraft>(key: K, value: MetadataDraft[K]): void =>
    setDraft({ ...draft, [key]: value })

  const apply = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    let patch
    try {
      patch = patchOf(metadata, draft)
    } catch (invalid) {
      setError((invalid as Error).message)
      return
    }
    setError(null)
    if (Object.keys(patch).length === 0) {
      setDraft(draftOf(metadata))
      return
    }
    setBusy(true)
    const outcome = await edit.getState().edit(docId, [{ op: 'setSessionMetadata', patch }])
    setBusy(false)
    if (outcome.ok) {
      // Until main's answer arrives, the form shows what was applied as the session's state.
      const applied: SessionMetadataDict = { ...metadata, ...(patch as Partial<SessionMetadataDict>) }
      setBase(applied)
      setDraft(draftOf(applied))
    } else setError(outcome.message)
  }

  const text = (key: 'user_id' | 'agent_id' | 'workflow_id', label: string) => (
    <Field label={label}>
      <input type="text" value={draft[key]} onChange={(event) => set(key, event.target.value)} />
    </Field>
  )

  const count = (key: 'max_messages' | 'summary_threshold', label: string) => (
    <Field label={label}>
      <input
        type="number"
        min={1}
        step={1}
        value={draft[key]}
        onChange={(event) => set(key, event.target.value)}
      />
    </Field>
  )

  return (
    <section className="session-panel" aria-labelledby="session-metadata-title">
      <h3 id="session-metadata-title">Metadata</h3>
      <form className="session-form" aria-label="Session metadata" onSubmit={(event) => void apply(event)}>
        {text('user_id', 'User id')}
        {text('agent_id', 'Agent id')}
        {text('workflow_id', 'Workflow id')}
        <Field label="Status">
          <select
            value={draft.status}
            onChange={(event) => {
              if (isStatus(event.target.value)) set('status', event.target.value)
            }}
          >
            <Options values={SESSION_STATUSES} />
          </select>
        </Field>
        <Field label="Tags (comma separated)">
          <input type="text" value={draft.tags} onChange={(event) => set('tags', event.target.value)} />
        </Field>
        <div className="session-form-row">
          {count('max_messages', 'Max messages')}
          {count('summary_threshold', 'Summary threshold')}
        </div>
        <label className="session-check">
          <input
            type="checkbox"
            checked={draft.auto_summarize}
            onChange={(event) => set('auto_summarize', event.target.checked)}
          />
          <span>Auto-summarize</span>
        </label>
        <Field label="Expires at (local time)">
          <input
            type="datetime-local"
            value={draft.expires_at}
            onChange={(event) => set('expires_at', event.target.value)}
          />
        </Field>
        <FormError error={error} />
        <FormActions
          submitLabel="Apply metadata"
          submitDisabled={!dirty || busy}
          cancelLabel="Reset"
          cancelDisabled={!dirty || busy}
          onCancel={() => {
            setDraft(draftOf(metadata))
            setError(null)
          }}
          small
        />
      </form>
    </section>
  )
}
