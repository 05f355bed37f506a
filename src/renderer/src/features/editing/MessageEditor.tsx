import './editing.css'
import { useMemo, useState, type FormEvent } from 'react'
import type { MessageDetail } from '../../../../shared/model/document'
import type { EditCommand } from '../../../../shared/model/edit'
import { FormActions, FormError } from '../../components/formParts'
import { useStores } from '../../stores/StoresContext'
import { draftKey, type EditorMode } from '../../stores/viewStore'
import { actionForKey } from '../shortcuts/appActions'
import { FieldsEditor } from './FieldsEditor'
import { LazyJsonEditor as JsonEditor } from './LazyJsonEditor'
import { jsonProblem } from './jsonText'
import { buildCommands, draftErrors, draftFromDetail, type MessageDraft } from './messageDraft'

interface Props {
  docId: string
  detail: MessageDetail
  mode: EditorMode
}

/** What Apply would send, or why it cannot. */
function plan(
  mode: EditorMode,
  index: number,
  original: MessageDraft,
  fields: MessageDraft,
  raw: string,
  originalRaw: string,
): { commands: EditCommand[]; errors: string[] } {
  if (mode === 'raw') {
    const problem = jsonProblem(raw)
    if (problem) return { commands: [], errors: [`The message is not valid JSON: ${problem.message}`] }
    return { commands: raw === originalRaw ? [] : [{ op: 'setMessageJson', index, json: raw }], errors: [] }
  }
  const errors = draftErrors(fields)
  return { commands: errors.length > 0 ? [] : buildCommands(index, original, fields), errors }
}

/**
 * Edit mode of one message: its fields, or the whole message as JSON. Apply sends one `document.edit` batch
 * (one undo step); Cancel drops the draft. Drafts live in the view store, so a card scrolled away keeps them.
 */
export function MessageEditor({ docId, detail, mode }: Props) {
  const stores = useStores()
  const index = detail.index
  const messageId = detail.id
  const drafts = stores.view.getState().drafts
  const original = useMemo(() => draftFromDetail(detail), [detail])
  const [fields, setFields] = useState<MessageDraft>(
    () => (drafts.get(draftKey(docId, messageId, 'fields')) as MessageDraft | undefined) ?? original,
  )
  const [raw, setRaw] = useState<string>(
    () => (drafts.get(draftKey(docId, messageId, 'raw')) as string | undefined) ?? detail.raw,
  )
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const changeFields = (next: MessageDraft): void => {
    drafts.set(draftKey(docId, messageId, 'fields'), next)
    setFields(next)
  }
  const changeRaw = (next: string): void => {
    drafts.set(draftKey(docId, messageId, 'raw'), next)
    setRaw(next)
  }
  const close = (): void => stores.view.getState().closeEditor(docId, messageId)

  const apply = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    const { commands, errors } = plan(mode, index, original, fields, raw, detail.raw)
    if (errors.length > 0) {
      setError(errors.join(' '))
      return
    }
    if (commands.length === 0) {
      close()
      return
    }
    setBusy(true)
    const outcome = await stores.edit.getState().edit(docId, commands)
    setBusy(false)
    if (outcome.ok) close()
    else setError(outcome.message)
  }

  return (
    <form
      className="message-editor"
      data-editor=""
      aria-label={`Edit message ${index}`}
      onSubmit={(event) => void apply(event)}
      onKeyDownCapture={(event) => {
        // Before CodeMirror, whose Mod-Enter would insert a line.
        if (busy || actionForKey(event, 'editor')?.id !== 'message.apply') return
        event.preventDefault()
        event.stopPropagation()
        event.currentTarget.requestSubmit()
      }}
      onClick={(event) => event.stopPropagation()}
    >
      <div className="editor-head">
        <div className="segmented" role="group" aria-label="Edit as">
          <button
            type="button"
            aria-pressed={mode === 'fields'}
            onClick={() => stores.view.getState().openEditor(docId, messageId, 'fields')}
          >
            Fields
          </button>
          <button
            type="button"
            aria-pressed={mode === 'raw'}
            onClick={() => stores.view.getState().openEditor(docId, messageId, 'raw')}
          >
            Raw JSON
          </button>
        </div>
        <span className="muted">
          {mode === 'raw'
            ? 'The whole message as JSON; it replaces the message as written.'
            : 'Only the fields you change are written; the rest keeps its exact bytes.'}
        </span>
      </div>
      {mode === 'raw' ? (
        <JsonEditor label={`Message ${index} JSON`} initial={raw} onChange={changeRaw} autoFocus />
      ) : (
        <FieldsEditor
          index={index}
          draft={fields}
          onChange={changeFields}
          hadToolCallId={original.toolCallId !== ''}
          jsonString={detail.contentShape === 'json-string'}
        />
      )}
      <FormError error={error} prefix="Not applied: " className="severity-error" />
      <FormActions submitLabel="Apply" submitDisabled={busy} cancelDisabled={busy} onCancel={close} />
    </form>
  )
}
