import type { TextMatcher } from '../../../../shared/search/textMatcher'
import { useState } from 'react'
import type { MessageDetail, ToolCallView } from '../../../../shared/model/document'
import { prettyJson } from '../../lib/format'
import { HighlightedText } from '../../components/HighlightedText'
import { HandoffList } from './Handoffs'
import { useMessageDetail } from './useMessageDetail'

const RESULT_PREVIEW = 4000

/** The result message's content, fetched only when the inline result is opened. */
function ResultPreview({ docId, index }: { docId: string; index: number }) {
  const entry = useMessageDetail(docId, { index })
  if (!entry?.detail) return <p className="muted">{entry?.error ?? 'loading…'}</p>
  const text = entry.detail.parts
    .map((part) =>
      part.kind === 'text' ? part.text : part.kind === 'json' ? prettyJson(part.value) : `[${part.kind}]`,
    )
    .join('\n')
  const pretty = entry.detail.parsedContent !== undefined ? prettyJson(entry.detail.parsedContent) : text
  return (
    <pre className="result-preview">{pretty === '' ? '(empty string)' : pretty.slice(0, RESULT_PREVIEW)}</pre>
  )
}

function ToolCallItem({
  docId,
  call,
  onJump,
  pattern,
}: {
  docId: string
  call: ToolCallView
  onJump(index: number): void
  pattern: TextMatcher | null
}) {
  const [showResult, setShowResult] = useState(false)
  const args = call.parsedArguments !== undefined ? prettyJson(call.parsedArguments) : call.arguments
  return (
    <li
      className={`tool-call ${call.resultIndex === null ? 'unanswered' : ''}`}
      aria-label={`Tool call ${call.name}`}
    >
      <div className="tool-call-head">
        <span className="tool-name">ƒ {call.name || '(no name)'}</span>
        <code className="muted">{call.id || '(no id)'}</code>
        {call.resultIndex !== null ? (
          <button
            type="button"
            className="link"
            onClick={(event) => {
              event.stopPropagation()
              onJump(call.resultIndex as number)
            }}
          >
            → result #{call.resultIndex}
          </button>
        ) : (
          <span className="chip severity-warning">no result: unanswered call</span>
        )}
      </div>
      {call.handoffs ? <HandoffList handoffs={call.handoffs} label="Hand-offs" pattern={pattern} /> : null}
      <pre
        className={`tool-args ${call.parsedArguments === undefined ? 'unparsed' : ''}`}
        aria-label={`Arguments of ${call.name}`}
      >
        <HighlightedText text={args === '' ? '(no arguments)' : args} pattern={pattern} />
      </pre>
      {call.parsedArguments === undefined && call.arguments !== '' ? (
        <p className="muted">arguments are not valid JSON; shown as they are</p>
      ) : null}
      {call.resultIndex !== null ? (
        <details className="inline-result" onToggle={(event) => setShowResult(event.currentTarget.open)}>
          <summary>Result #{call.resultIndex} inline</summary>
          {showResult ? <ResultPreview docId={docId} index={call.resultIndex} /> : null}
        </details>
      ) : null}
    </li>
  )
}

export function ToolCallList({
  docId,
  detail,
  onJump,
  pattern,
}: {
  docId: string
  detail: MessageDetail
  onJump(index: number): void
  pattern: TextMatcher | null
}) {
  if (detail.toolCalls.length === 0) return null
  return (
    <ul className="tool-calls" aria-label="Tool calls">
      {detail.toolCalls.map((call, i) => (
        <ToolCallItem key={`${call.id}-${i}`} docId={docId} call={call} onJump={onJump} pattern={pattern} />
      ))}
    </ul>
  )
}

/** On a tool message: the call it answers, or a flag when it answers none. */
export function ToolResultLink({ detail, onJump }: { detail: MessageDetail; onJump(index: number): void }) {
  if (detail.role !== 'tool' && detail.toolCallId === null) return null
  if (detail.answersIndex !== null) {
    return (
      <div className="tool-result-link">
        answers <code>{detail.toolCallId}</code>{' '}
        <button
          type="button"
          className="link"
          onClick={(event) => {
            event.stopPropagation()
            onJump(detail.answersIndex as number)
          }}
        >
          ← call in #{detail.answersIndex}
        </button>
      </div>
    )
  }
  return (
    <div className="tool-result-link orphan">
      <span className="chip severity-warning">orphan result</span>{' '}
      {detail.toolCallId ? (
        <>
          no earlier tool call has id <code>{detail.toolCallId}</code>
        </>
      ) : (
        'no tool_call_id: it answers no call'
      )}
    </div>
  )
}
