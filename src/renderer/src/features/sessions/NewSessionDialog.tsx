import { useState, type FormEvent } from 'react'
import { Dialog } from '../../components/Dialog'
import { FormActions, FormError } from '../../components/formParts'
import { optionalText, parseTags } from './sessionFormat'
import { useStores } from '../../stores/StoresContext'

const EMPTY = { sessionId: '', userId: '', agentId: '', tags: '' }

/** "New session": an id (or one made up by the store), user, agent and tags. */
export function NewSessionDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { sessions: store, documents } = useStores()
  const [draft, setDraft] = useState(EMPTY)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const close = (): void => {
    setDraft(EMPTY)
    setError(null)
    onClose()
  }

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    const sessionId = optionalText(draft.sessionId)
    const tags = parseTags(draft.tags)
    const outcome = await store.getState().create({
      ...(sessionId ? { session_id: sessionId } : {}),
      user_id: optionalText(draft.userId),
      agent_id: optionalText(draft.agentId),
      ...(tags.length > 0 ? { tags } : {}),
    })
    setBusy(false)
    if (!outcome.ok) {
      setError(outcome.message)
      return
    }
    close()
    // A new session is made to be filled: open it in a tab.
    void documents.getState().openSession(outcome.detail.metadata.session_id)
  }

  const field = (key: keyof typeof EMPTY, label: string, placeholder = '') => (
    <label>
      <span>{label}</span>
      <input
        type="text"
        value={draft[key]}
        placeholder={placeholder}
        onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
      />
    </label>
  )

  return (
    <Dialog title="New session" open={open} onClose={close} className="new-session-dialog">
      <form className="session-form" onSubmit={(event) => void submit(event)}>
        {field('sessionId', 'Session id (optional)', 'made up when empty')}
        {field('userId', 'User id')}
        {field('agentId', 'Agent id')}
        {field('tags', 'Tags', 'comma, separated')}
        <FormError error={error} />
        <FormActions submitLabel="Create session" submitDisabled={busy} onCancel={close} />
      </form>
    </Dialog>
  )
}
