import type { TextMatcher } from '../../../../shared/search/textMatcher'
import { useState } from 'react'
import { HighlightedText } from '../../components/HighlightedText'
import { formatCount } from '../../lib/format'
import { LazyMarkdown } from '../../lib/LazyMarkdown'

/** Texts longer than this show their start and a button, so one huge message cannot freeze the timeline. */
export const TEXT_LIMIT = 20_000

interface Props {
  text: string
  markdown: boolean
  pattern: TextMatcher | null
}

export function TextContent({ text, markdown, pattern }: Props) {
  const [full, setFull] = useState(false)
  const shown = full || text.length <= TEXT_LIMIT ? text : text.slice(0, TEXT_LIMIT)
  if (text === '') return <p className="muted empty-text">(empty string)</p>
  return (
    <div className={markdown ? 'text-md' : 'text-raw'}>
      {markdown ? (
        <LazyMarkdown source={shown} fallback={<HighlightedText text={shown} pattern={pattern} />} />
      ) : (
        <HighlightedText text={shown} pattern={pattern} />
      )}
      {shown.length < text.length ? (
        <button type="button" className="link" onClick={() => setFull(true)}>
          Show all {formatCount(text.length)} characters
        </button>
      ) : null}
    </div>
  )
}
