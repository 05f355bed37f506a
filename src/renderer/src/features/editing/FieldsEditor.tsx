import { useEffect, useRef } from 'react'
import { LazyJsonEditor as JsonEditor } from './LazyJsonEditor'
import { STANDARD_ROLES, type ContentMode, type MessageDraft } from './messageDraft'
import { ToolCallsEditor } from './ToolCallsEditor'

interface Props {
  index: number
  draft: MessageDraft
  onChange(draft: MessageDraft): void
  /** Whether the message had a tool_call_id when the editor opened (then the field stays visible). */
  hadToolCallId: boolean
  /** The content is a dict saved as a JSON string: its text is edited as JSON, and saved as a string. */
  jsonString: boolean
}

const OTHER = '__other__'

function RoleField({ role, onChange }: { role: string; onChange(role: string): void }) {
  const standard = (STANDARD_ROLES as readonly string[]).includes(role)
  return (
    <>
      <label>
        <span>Role</span>
        <select
          value={standard ? role : OTHER}
          onChange={(event) => onChange(event.target.value === OTHER ? '' : event.target.value)}
        >
          {STANDARD_ROLES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
          <option value={OTHER}>other…</option>
        </select>
      </label>
      {standard ? null : (
        <label>
          <span>Custom role</span>
          <input
            type="text"
            value={role}
            spellCheck={false}
            placeholder="role"
            onChange={(event) => onChange(event.target.value)}
          />
        </label>
      )}
    </>
  )
}

function rowsFor(text: string): number {
  return Math.min(24, Math.max(3, text.split('\n').length + 1))
}

/** The message's fields: role, name, content (text, or JSON for anything else), tool calls, tool_call_id. */
export function FieldsEditor({ index, draft, onChange, hadToolCallId, jsonString }: Props) {
  const textArea = useRef<HTMLTextAreaElement>(null)
  const set = (change: Partial<MessageDraft>): void => onChange({ ...draft, ...change })
  const setMode = (contentMode: ContentMode): void => set({ contentMode })

  useEffect(() => {
    textArea.current?.focus()
  }, [])

  return (
    <div className="fields-editor">
      <div className="field-row">
        <RoleField role={draft.role} onChange={(role) => set({ role })} />
        <label>
          <span>Name</span>
          <input
            type="text"
            value={draft.name}
            spellCheck={false}
            placeholder="(none)"
            onChange={(event) => set({ name: event.target.value })}
          />
        </label>
        {draft.role === 'tool' || hadToolCallId ? (
          <label>
            <span>Answers tool_call_id</span>
            <input
              type="text"
              value={draft.toolCallId}
              spellCheck={false}
              placeholder="(none)"
              onChange={(event) => set({ toolCallId: event.target.value })}
            />
          </label>
        ) : null}
      </div>
      <div className="field-block">
        <div className="part-header">
          <span>Content</span>
          <div className="segmented" role="group" aria-label="Content type">
            <button type="button" aria-pressed={draft.contentMode === 'text'} onClick={() => setMode('text')}>
              Text
            </button>
            <button type="button" aria-pressed={draft.contentMode === 'json'} onClick={() => setMode('json')}>
              JSON
            </button>
          </div>
        </div>
        {draft.contentMode === 'text' && jsonString ? (
          <JsonEditor
            key={`content-text-${index}`}
            label="Content text (a JSON string)"
            initial={draft.text}
            onChange={(text) => set({ text })}
            lenient
            autoFocus
          />
        ) : draft.contentMode === 'text' ? (
          <textarea
            ref={textArea}
            aria-label="Content text"
            value={draft.text}
            rows={rowsFor(draft.text)}
            onChange={(event) => set({ text: event.target.value })}
          />
        ) : (
          <JsonEditor
            key={`content-${index}`}
            label="Content JSON"
            initial={draft.json}
            onChange={(json) => set({ json })}
            autoFocus
          />
        )}
      </div>
      {draft.role === 'assistant' || draft.toolCalls.length > 0 ? (
        <section className="field-block" aria-label="Tool calls">
          <span>Tool calls</span>
          <ToolCallsEditor calls={draft.toolCalls} onChange={(toolCalls) => set({ toolCalls })} />
        </section>
      ) : null}
    </div>
  )
}
