import { CopyButton } from '../../components/CopyButton'
import { useStores } from '../../stores/StoresContext'
import { fetchTextRange, MoreText, type CutText } from './MoreText'
import { useState } from 'react'

/** The message's bytes exactly as they are in the file (the start of them when main cut a huge message). */
export function RawJson({
  docId,
  index,
  messageId,
  raw,
  rawLength,
}: {
  docId: string
  index: number
  messageId: number
  raw: string
  rawLength?: number
}) {
  const { client } = useStores()
  const [more, setMore] = useState({ raw, text: '' })
  const text = more.raw === raw ? raw + more.text : raw
  const cut: CutText | undefined =
    rawLength === undefined
      ? undefined
      : { docId, index, messageId, target: { kind: 'raw' }, totalLength: rawLength }
  return (
    <section className="raw-json" aria-label={`Raw JSON of message ${index}`}>
      <div className="part-header">
        <span className="chip">raw JSON, exactly as in the file</span>
        <CopyButton
          text={cut ? () => fetchTextRange(client, cut, 0, cut.totalLength) : raw}
          label="Copy raw JSON"
        />
      </div>
      <pre>{text}</pre>
      {cut ? (
        <MoreText
          cut={cut}
          loaded={text.length}
          onMore={(next) => setMore({ raw, text: text.slice(raw.length) + next })}
        />
      ) : null}
    </section>
  )
}
