import './jsonPath.css'
import type { MessageDetail } from '../../../../shared/model/document'
import type { PathSegment } from '../../../../shared/pyjson/jsonPath'
import { useStores } from '../../stores/StoresContext'
import { copyMessagePath } from './copyMessagePath'

/** The parts of a message worth a path of their own. */
function partsOf(detail: MessageDetail): { label: string; part: PathSegment[] }[] {
  const parts: { label: string; part: PathSegment[] }[] = [{ label: 'the message', part: [] }]
  if (detail.contentShape !== 'null') parts.push({ label: 'its content', part: ['content'] })
  detail.toolCalls.forEach((call, i) =>
    parts.push({
      label: `arguments of ${call.name || `tool call ${i}`}`,
      part: ['tool_calls', i, 'function', 'arguments'],
    }),
  )
  if (detail.toolCallId !== null) parts.push({ label: 'its tool_call_id', part: ['tool_call_id'] })
  return parts
}

/** "Copy JSON path": the message's path in the file (or session), or one of its parts' when it has some. */
export function CopyPathMenu({ docId, detail }: { docId: string; detail: MessageDetail }) {
  const stores = useStores()
  const parts = partsOf(detail)
  const copy = (part: PathSegment[]) => (event: { stopPropagation(): void }) => {
    event.stopPropagation()
    void copyMessagePath(stores, docId, detail.index, part)
  }
  if (parts.length === 1)
    return (
      <button type="button" className="small" onClick={copy([])}>
        Copy JSON path
      </button>
    )
  return (
    <details className="copy-path" onClick={(event) => event.stopPropagation()}>
      <summary className="small">Copy JSON path</summary>
      <div className="copy-path-menu" role="group" aria-label={`JSON paths of message ${detail.index}`}>
        {parts.map(({ label, part }) => (
          <button key={label} type="button" className="small" onClick={copy(part)}>
            {label}
          </button>
        ))}
      </div>
    </details>
  )
}
