import { useMemo, useState } from 'react'
import type { TokenUsage } from '../../../../shared/domains/tokens/contract'
import type { EditCommand } from '../../../../shared/model/edit'
import { errorText } from '../../api/describeError'
import { formatCount, roleClass } from '../../lib/format'
import { useStores } from '../../stores/StoresContext'
import { formatUsd, largestFirst, type Counter } from './usageFigures'

const TOP = 10

/** The largest messages, with a jump and quick fixes as undoable edits (truncate a tool result, delete). */
export function TopMessages({
  docId,
  usage,
  counter,
}: {
  docId: string
  usage: TokenUsage
  counter: Counter
}) {
  const stores = useStores()
  const [problem, setProblem] = useState<string | null>(null)
  const { messages } = usage
  const top = useMemo(() => largestFirst(messages[counter], TOP), [messages, counter])

  const apply = async (make: () => Promise<EditCommand[] | null>) => {
    setProblem(null)
    try {
      const commands = await make()
      if (!commands) return
      const outcome = await stores.edit.getState().edit(docId, commands)
      if (!outcome.ok) setProblem(outcome.message)
    } catch (error) {
      setProblem(errorText(error))
    }
  }
  const truncate = (index: number) =>
    apply(async () => {
      const cut = await stores.client.call('tokens.truncateToolResult', { id: docId, index })
      if (!cut.changed) {
        setProblem(`Message ${index} is already within ${formatCount(cut.maxTokens)} tokens: nothing to cut.`)
        return null
      }
      return [{ op: 'setContentText', index, text: cut.text }]
    })
  const remove = (index: number) => apply(async () => [{ op: 'delete', indices: [index] }])

  return (
    <section aria-labelledby="top-title">
      <h3 id="top-title">Biggest messages</h3>
      {problem && <p role="alert">{problem}</p>}
      <ol className="top-messages">
        {top.map((index) => (
          <li key={messages.ids[index]}>
            <button
              type="button"
              className="top-jump"
              onClick={() => stores.view.getState().jumpTo(docId, index)}
              aria-label={`Message ${index}, ${messages.roles[index] || 'no role'}: ${formatCount(messages[counter][index])} tokens`}
            >
              <span className={`role-badge ${roleClass(messages.roles[index])}`}>
                {messages.roles[index] || '—'}
              </span>
              <span>#{index}</span>
              <span className="top-tokens">{formatCount(messages[counter][index])}</span>
              <span className="muted">
                {formatUsd(messages.costInput[index] + messages.costOutput[index])}
              </span>
            </button>
            {messages.toolResult[index] && (
              <button
                type="button"
                onClick={() => void truncate(index)}
                aria-label={`Truncate tool result ${index}`}
              >
                Truncate
              </button>
            )}
            <button type="button" onClick={() => void remove(index)} aria-label={`Delete message ${index}`}>
              Delete
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
