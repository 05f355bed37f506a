import type { TextMatcher } from '../../../../shared/search/textMatcher'
import { useMemo, useState } from 'react'
import type { ContentPart, MessageDetail } from '../../../../shared/model/document'
import { HighlightedText } from '../../components/HighlightedText'
import { prettyJson } from '../../lib/format'
import { ImageThumb } from './ImageThumb'
import type { CutText } from './MoreText'
import { TextContent } from './TextContent'

interface Props {
  docId: string
  detail: MessageDetail
  markdown: boolean
  pattern: TextMatcher | null
}

function JsonBlock({
  value,
  pattern,
  label,
}: {
  value: unknown
  pattern: TextMatcher | null
  label?: string
}) {
  const text = useMemo(() => prettyJson(value), [value])
  return (
    <pre className="json-block" aria-label={label}>
      <HighlightedText text={text} pattern={pattern} />
    </pre>
  )
}

/** A dict saved as a JSON string: pretty-printed, with a toggle back to the exact string. */
function JsonStringContent({ detail, pattern }: { detail: MessageDetail; pattern: TextMatcher | null }) {
  const [raw, setRaw] = useState(false)
  const text = detail.parts[0]?.kind === 'text' ? detail.parts[0].text : ''
  return (
    <div className="json-string-content">
      <div className="part-header">
        <span className="chip">JSON string</span>
        <button type="button" className="small" aria-pressed={raw} onClick={() => setRaw(!raw)}>
          Raw
        </button>
      </div>
      {raw ? (
        <div className="text-raw">
          <HighlightedText text={text} pattern={pattern} />
        </div>
      ) : (
        <JsonBlock value={detail.parsedContent} pattern={pattern} />
      )}
    </div>
  )
}

/** Where the rest of a text part lives when main sent only its start. */
function cutPart(docId: string, index: number, messageId: number, part: ContentPart): CutText | undefined {
  if (part.kind !== 'text' || part.totalLength === undefined) return undefined
  const target = { kind: 'part' as const, partIndex: part.partIndex }
  return { docId, index, messageId, target, totalLength: part.totalLength }
}

function PartView({
  docId,
  index,
  messageId,
  part,
  ordinal,
  markdown,
  pattern,
}: {
  docId: string
  index: number
  messageId: number
  part: ContentPart
  ordinal: number
  markdown: boolean
  pattern: TextMatcher | null
}) {
  switch (part.kind) {
    case 'text':
      return (
        <TextContent
          text={part.text}
          markdown={markdown}
          pattern={pattern}
          cut={cutPart(docId, index, messageId, part)}
        />
      )
    case 'image':
      return <ImageThumb docId={docId} index={index} messageId={messageId} part={part} ordinal={ordinal} />
    case 'json':
      return <JsonBlock value={part.value} pattern={pattern} />
  }
}

/** The content as it is shaped in the file: a string, a JSON string, a typed array part by part, or anything else. */
export function ContentView({ docId, detail, markdown, pattern }: Props) {
  switch (detail.contentShape) {
    case 'null':
      return <p className="muted content-null">content: null</p>
    case 'json-string':
      return <JsonStringContent detail={detail} pattern={pattern} />
    case 'string':
      return (
        <TextContent
          text={detail.parts[0]?.kind === 'text' ? detail.parts[0].text : ''}
          markdown={markdown}
          pattern={pattern}
          cut={detail.parts[0] ? cutPart(docId, detail.index, detail.id, detail.parts[0]) : undefined}
        />
      )
    case 'array': {
      if (detail.parts.length === 0) return <p className="muted">content: [] (empty list)</p>
      let images = 0
      return (
        <ol className="parts" aria-label="Content parts">
          {detail.parts.map((part, i) => {
            if (part.kind === 'image') images++
            return (
              <li key={i} className={`part part-${part.kind}`}>
                <div className="part-header">
                  <code>content[{part.partIndex ?? i}]</code> <span className="chip">{part.kind}</span>
                </div>
                <PartView
                  docId={docId}
                  index={detail.index}
                  messageId={detail.id}
                  part={part}
                  ordinal={images}
                  markdown={markdown}
                  pattern={pattern}
                />
              </li>
            )
          })}
        </ol>
      )
    }
    case 'other':
      return (
        <div>
          <span className="chip">non-standard content</span>
          {detail.parts.map((part, i) => (
            <PartView
              key={i}
              docId={docId}
              index={detail.index}
              messageId={detail.id}
              part={part}
              ordinal={0}
              markdown={markdown}
              pattern={pattern}
            />
          ))}
        </div>
      )
  }
}
