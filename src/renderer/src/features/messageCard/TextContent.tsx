import type { TextMatcher } from '../../../../shared/search/textMatcher'
import { useState } from 'react'
import { HighlightedText } from '../../components/HighlightedText'
import { formatCount } from '../../lib/format'
import { LazyMarkdown } from '../../lib/LazyMarkdown'
import { MoreText, type CutText } from './MoreText'

/** Texts longer than this show their start and a button, so one huge message cannot freeze the timeline. */
export const TEXT_LIMIT = 20_000

interface Props {
  text: string
  markdown: boolean
  pattern: TextMatcher | null
  /** Set when main sent only the start of the text: the rest is fetched on demand. */
  cut?: CutText
}

export function TextContent({ text: start, markdown, pattern, cut }: Props) {
  const [full, setFull] = useState(false)
  // What "Show more" fetched, kept with the text it continues (a new detail starts again from main's part).
  const [more, setMore] = useState({ start, text: '' })
  const text = more.start === start ? start + more.text : start
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
      ) : cut ? (
        <MoreText
          cut={cut}
          loaded={text.length}
          onMore={(next) => setMore({ start, text: text.slice(start.length) + next })}
        />
      ) : null}
    </div>
  )
}
