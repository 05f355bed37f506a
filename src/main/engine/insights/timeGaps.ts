/** Time between messages, when they carry timestamps (langswarm always does; MARSYS files do not). */
import type { MessageView } from './messageView'

export interface TimeGap {
  fromIndex: number
  toIndex: number
  seconds: number
}

export interface TimeFigures {
  timestampedMessages: number
  first: { messageIndex: number; iso: string }
  last: { messageIndex: number; iso: string }
  spanSeconds: number
  medianGapSeconds: number
  /** Gaps of at least `minGapSeconds` between consecutive timestamped messages, longest first (at most 10). */
  longGaps: TimeGap[]
  /** Places where time goes backwards (negative seconds): edited or merged histories. */
  outOfOrder: TimeGap[]
}

const SHOWN = 10

export function timeFigures(views: readonly MessageView[], minGapSeconds: number): TimeFigures | null {
  const stamped = views.filter((view) => view.timeMs !== null) as (MessageView & { timeMs: number })[]
  if (stamped.length < 2) return null
  const gaps: TimeGap[] = []
  for (let i = 1; i < stamped.length; i++) {
    gaps.push({
      fromIndex: stamped[i - 1].index,
      toIndex: stamped[i].index,
      seconds: (stamped[i].timeMs - stamped[i - 1].timeMs) / 1000,
    })
  }
  const sorted = gaps.map((gap) => gap.seconds).sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  const first = stamped[0]
  const last = stamped[stamped.length - 1]
  return {
    timestampedMessages: stamped.length,
    first: { messageIndex: first.index, iso: new Date(first.timeMs).toISOString() },
    last: { messageIndex: last.index, iso: new Date(last.timeMs).toISOString() },
    spanSeconds: (last.timeMs - first.timeMs) / 1000,
    medianGapSeconds: median,
    longGaps: gaps
      .filter((gap) => gap.seconds >= minGapSeconds)
      .sort((a, b) => b.seconds - a.seconds || a.fromIndex - b.fromIndex)
      .slice(0, SHOWN),
    outOfOrder: gaps.filter((gap) => gap.seconds < 0),
  }
}
