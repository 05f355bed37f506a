import { useState, type FormEvent } from 'react'
import { Dialog } from '../../components/Dialog'
import { FormActions, FormError } from '../../components/formParts'
import { useDocuments, useStores, useView } from '../../stores/StoresContext'

/** Ctrl/Cmd+G: go to a message of the current document by its number (#). */
export function GoToMessageDialog() {
  const { view, documents } = useStores()
  const open = useView((state) => state.goToOpen)
  const activeId = useDocuments((state) => state.activeId)
  const count = useDocuments((state) =>
    state.activeId ? (state.summaries[state.activeId]?.messageCount ?? 0) : 0,
  )
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const close = (): void => {
    setText('')
    setError(null)
    view.getState().setGoToOpen(false)
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    const index = Number(text.trim().replace(/^#/, ''))
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      setError(count === 0 ? 'This document has no messages.' : `Give a number from 0 to ${count - 1}.`)
      return
    }
    const docId = documents.getState().activeId
    close()
    if (docId) view.getState().jumpTo(docId, index)
  }
  if (!activeId) return null
  return (
    <Dialog title="Go to message" open={open} onClose={close}>
      <form onSubmit={submit} aria-label="Go to message">
        <label>
          <span>Message number (0–{Math.max(0, count - 1)})</span>
          <input
            type="text"
            inputMode="numeric"
            autoFocus
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <FormError error={error} />
        <FormActions submitLabel="Go" submitDisabled={false} onCancel={close} />
      </form>
    </Dialog>
  )
}
