import { useState } from 'react'
import type { MessageTextTarget } from '../../../../shared/model/document'
import { CopyButton } from '../../components/CopyButton'
import { useDocuments, useStores } from '../../stores/StoresContext'
import { fetchTextRange, MoreText, type CutText } from './MoreText'

type Version = 'edited' | 'saved'

interface Props {
  docId: string
  index: number
  messageId: number
  raw: string
  rawLength?: number
  /** The message as saved when it was edited since (null: not in the saved file); absent: as saved. */
  rawSaved?: string | null
  rawSavedLength?: number
}

/** One text with its copy button and, when main cut it, Show more / Copy all. */
function RawText({
  cut,
  text: start,
  copyLabel,
  label,
}: {
  cut: CutText | undefined
  text: string
  copyLabel: string
  label: string
}) {
  const { client } = useStores()
  const [more, setMore] = useState({ start, text: '' })
  const text = more.start === start ? start + more.text : start
  return (
    <>
      <div className="part-header">
        <span className="chip">{label}</span>
        <CopyButton
          text={cut ? () => fetchTextRange(client, cut, 0, cut.totalLength) : start}
          label={copyLabel}
        />
      </div>
      <pre>{text}</pre>
      {cut ? (
        <MoreText
          cut={cut}
          loaded={text.length}
          onMore={(next) => setMore({ start, text: text.slice(start.length) + next })}
        />
      ) : null}
    </>
  )
}

/**
 * The message's JSON, labelled by what it is: for a file, "as saved" (its bytes on disk at the last open or save)
 * and, once edited, "as edited" (what a save would write) next to it; for a store session the one version the store
 * holds (its edits are written at once).
 */
export function RawJson({ docId, index, messageId, raw, rawLength, rawSaved, rawSavedLength }: Props) {
  const isSession = useDocuments((state) => state.summaries[docId]?.source === 'session')
  const [version, setVersion] = useState<Version>('edited')
  const cutOf = (target: MessageTextTarget, totalLength: number | undefined): CutText | undefined =>
    totalLength === undefined ? undefined : { docId, index, messageId, target, totalLength }
  const region = `Raw JSON of message ${index}`
  // An unedited message (or a session's) has one version; an edited file message has two.
  const versions = rawSaved !== undefined
  const shown: {
    target: MessageTextTarget
    text: string
    length: number | undefined
    copyLabel: string
    label: string
  } | null =
    !versions || version === 'edited'
      ? {
          target: { kind: 'raw' },
          text: raw,
          length: rawLength,
          copyLabel: versions ? 'Copy raw JSON as edited' : 'Copy raw JSON',
          label: versions
            ? 'raw JSON as edited (unsaved: a save writes this)'
            : isSession
              ? 'raw JSON as stored (edits are written to the store at once)'
              : 'raw JSON as saved, exactly as in the file (no unsaved edits)',
        }
      : rawSaved === null
        ? null
        : {
            target: { kind: 'rawSaved' },
            text: rawSaved,
            length: rawSavedLength,
            copyLabel: 'Copy raw JSON as saved',
            label: 'raw JSON as saved, exactly as in the file',
          }
  return (
    <section className="raw-json" aria-label={region}>
      {versions ? (
        <div className="segmented" role="group" aria-label="Which version">
          <button type="button" aria-pressed={version === 'edited'} onClick={() => setVersion('edited')}>
            As edited
          </button>
          <button type="button" aria-pressed={version === 'saved'} onClick={() => setVersion('saved')}>
            As saved
          </button>
        </div>
      ) : null}
      {shown ? (
        <RawText
          key={shown.target.kind}
          cut={cutOf(shown.target, shown.length)}
          text={shown.text}
          copyLabel={shown.copyLabel}
          label={shown.label}
        />
      ) : (
        <p className="muted">Not in the saved file: this message was added since the last save.</p>
      )}
    </section>
  )
}
