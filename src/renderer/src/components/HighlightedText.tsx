import type { TextMatcher } from '../../../shared/search/textMatcher'
import { useMemo } from 'react'
import { splitMatches } from '../lib/highlight'

/** Text with the search's matches wrapped in <mark>; plain text nodes only. */
export function HighlightedText({ text, pattern }: { text: string; pattern: TextMatcher | null }) {
  const segments = useMemo(() => splitMatches(text, pattern), [text, pattern])
  if (segments.length === 1 && !segments[0].match) return <>{text}</>
  return (
    <>
      {segments.map((segment, i) =>
        segment.match ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
      )}
    </>
  )
}
