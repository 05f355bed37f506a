import type { ConversationSummaryDict } from '../../../../shared/model/langswarm/conversationSummary'
import { formatCount } from '../../lib/format'
import { formatIso } from '../sessions/sessionFormat'

/** A ConversationSummary as people read it: the text, the key topics, the counts and times. */
export function SummaryDetails({
  summary,
  textClassName,
  note,
}: {
  summary: ConversationSummaryDict
  textClassName: string
  /** Appended to the counts line. */
  note?: string
}) {
  return (
    <>
      <p className={textClassName}>{summary.summary}</p>
      {summary.key_topics.length > 0 ? (
        <p>
          <span className="muted">Key topics: </span>
          {summary.key_topics.map((topic) => (
            <span key={topic} className="chip">
              {topic}
            </span>
          ))}
        </p>
      ) : null}
      <p className="muted">
        {formatCount(summary.message_count)} messages, {formatIso(summary.start_time)} –{' '}
        {formatIso(summary.end_time)}; made {formatIso(summary.created_at)}
        {note ?? ''}
      </p>
    </>
  )
}
