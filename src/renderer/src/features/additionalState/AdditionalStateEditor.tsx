import { useState, type FormEvent } from 'react'
import { FormActions, FormError } from '../../components/formParts'
import { useStores } from '../../stores/StoresContext'
import { LazyJsonEditor as JsonEditor } from '../editing/LazyJsonEditor'
import { editableJson, jsonProblem } from '../editing/jsonText'

interface Props {
  docId: string
  present: boolean
  value: unknown
  /** The exact JSON text from main (keeps 5.0, NaN, key order); preferred over re-printing `value`. */
  raw: string | null
  onDone(): void
}

/** `additional_state` as JSON in CodeMirror; Apply replaces it (one undo step), Remove deletes the key. */
export function AdditionalStateEditor({ docId, present, value, raw, onDone }: Props) {
  const stores = useStores()
  const [initial] = useState(() => (present ? (raw ?? editableJson(value)) : '{}'))
  const [text, setText] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const send = async (json: string | null): Promise<void> => {
    setBusy(true)
    const outcome = await stores.edit.getState().edit(docId, [{ op: 'setAdditionalState', json }])
    setBusy(false)
    if (outcome.ok) onDone()
    else setError(outcome.message)
  }

  const apply = (event: FormEvent): void => {
    event.preventDefault()
    const problem = jsonProblem(text)
    if (problem) setError(`additional_state is not valid JSON: ${problem.message}`)
    else if (present && text === initial) onDone()
    else void send(text)
  }

  return (
    <form className="state-editor" data-editor="" aria-label="Edit additional_state" onSubmit={apply}>
      <JsonEditor label="additional_state JSON" initial={initial} onChange={setText} autoFocus />
      <FormError error={error} prefix="Not applied: " className="severity-error" />
      <FormActions submitLabel="Apply" submitDisabled={busy} cancelDisabled={busy} onCancel={onDone}>
        {present ? (
          <button type="button" className="danger" disabled={busy} onClick={() => void send(null)}>
            Remove additional_state
          </button>
        ) : null}
      </FormActions>
    </form>
  )
}
