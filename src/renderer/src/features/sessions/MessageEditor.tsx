import { useState, type FormEvent, type KeyboardEvent } from 'react'
import { FormActions, FormError } from '../../components/formParts'
import { Options } from '../../components/inputs'
import { MESSAGE_ROLES } from './statuses'

export interface MessageDraftProps {
  role: string
  content: string
  /** Resolves to an error to show, or null when it was applied. */
  onApply(role: string, content: string): Promise<string | null>
  onCancel(): void
  applyLabel: string
  label: string
}

/** Role and content of one message, edited in place or for a message to insert. */
export function MessageEditor({ role, content, onApply, onCancel, applyLabel, label }: MessageDraftProps) {
  const [draftRole, setDraftRole] = useState(role)
  const [draftContent, setDraftContent] = useState(content)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault()
    setBusy(true)
    const problem = await onApply(draftRole, draftContent)
    setBusy(false)
    setError(problem)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void submit()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onCancel()
    }
  }

  const rows = Math.min(20, Math.max(3, draftContent.split('\n').length + 1))
  return (
    <form
      className="message-editor session-message-editor"
      data-editor=""
      aria-label={label}
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
      onClick={(event) => event.stopPropagation()}
    >
      <label className="session-field">
        <span>Role</span>
        <select value={draftRole} onChange={(event) => setDraftRole(event.target.value)}>
          <Options values={MESSAGE_ROLES} />
        </select>
      </label>
      <label className="session-field">
        <span>Content</span>
        <textarea
          className="mono"
          rows={rows}
          value={draftContent}
          autoFocus
          onChange={(event) => setDraftContent(event.target.value)}
        />
      </label>
      <FormError error={error} />
      <FormActions
        submitLabel={applyLabel}
        submitDisabled={busy}
        submitTitle="Ctrl/Cmd+Enter"
        onCancel={onCancel}
        small
      />
    </form>
  )
}
