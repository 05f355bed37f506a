import { useMemo } from 'react'
import { jsonProblem } from './jsonText'
import { newCallId, type ToolCallDraft } from './messageDraft'

interface Props {
  calls: ToolCallDraft[]
  onChange(calls: ToolCallDraft[]): void
}

/** Arguments are a string in the file; agents parse them as JSON, so say when they would not parse. */
function ArgumentsWarning({ text }: { text: string }) {
  const problem = useMemo(() => (text === '' ? null : jsonProblem(text)), [text])
  if (!problem) return null
  return (
    <p className="severity-warning field-note" role="status">
      ⚠ Arguments are not valid JSON ({problem.message}). They will be saved as this string, as typed.
    </p>
  )
}

function lineCount(text: string): number {
  return Math.min(12, Math.max(2, text.split('\n').length))
}

/** The message's tool calls: edit id, function name and arguments; add and remove calls. */
export function ToolCallsEditor({ calls, onChange }: Props) {
  const update = (key: string, change: Partial<ToolCallDraft>): void =>
    onChange(calls.map((call) => (call.key === key ? { ...call, ...change } : call)))
  return (
    <div className="tool-calls-editor">
      {calls.map((call, i) => (
        <fieldset key={call.key} className="tool-call-editor">
          <legend>Tool call {i + 1}</legend>
          <div className="field-row">
            <label>
              <span>Tool call id</span>
              <input
                type="text"
                value={call.id}
                spellCheck={false}
                onChange={(event) => update(call.key, { id: event.target.value })}
              />
            </label>
            <label>
              <span>Function name</span>
              <input
                type="text"
                value={call.name}
                spellCheck={false}
                onChange={(event) => update(call.key, { name: event.target.value })}
              />
            </label>
            <button
              type="button"
              className="danger small"
              aria-label={`Remove tool call ${i + 1}`}
              onClick={() => onChange(calls.filter((other) => other.key !== call.key))}
            >
              Remove
            </button>
          </div>
          <label className="field-block">
            <span>Arguments</span>
            <textarea
              className="mono"
              value={call.arguments}
              rows={lineCount(call.arguments)}
              spellCheck={false}
              onChange={(event) => update(call.key, { arguments: event.target.value })}
            />
          </label>
          <ArgumentsWarning text={call.arguments} />
        </fieldset>
      ))}
      <button
        type="button"
        className="small"
        onClick={() =>
          onChange([
            ...calls,
            { key: `new-${newCallId()}`, callIndex: null, id: newCallId(), name: '', arguments: '{}' },
          ])
        }
      >
        Add tool call
      </button>
    </div>
  )
}
