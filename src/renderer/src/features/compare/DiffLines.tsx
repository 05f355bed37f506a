import type { ReactNode } from 'react'
import type { DiffLine, DiffLinePair } from '../../../../shared/domains/compare/model'

const SIGN: Record<DiffLine['kind'], string> = { same: ' ', removed: '−', added: '+', gap: ' ' }
const SPOKEN: Record<DiffLine['kind'], string> = { same: '', removed: 'removed: ', added: 'added: ', gap: '' }

/** A line's text with its changed words in <mark>. */
function markedText(line: DiffLine): ReactNode {
  if (!line.marks || line.marks.length === 0) return line.text
  const parts: ReactNode[] = []
  let at = 0
  for (const [from, to] of line.marks) {
    if (from > at) parts.push(line.text.slice(at, from))
    parts.push(<mark key={from}>{line.text.slice(from, to)}</mark>)
    at = to
  }
  if (at < line.text.length) parts.push(line.text.slice(at))
  return parts
}

function Line({ line }: { line: DiffLine | null }) {
  if (!line) return <div className="diff-line diff-empty" aria-hidden="true" />
  return (
    <div className={`diff-line diff-${line.kind}`}>
      <span className="diff-sign" aria-hidden="true">
        {SIGN[line.kind]}
      </span>
      <span className="visually-hidden">{SPOKEN[line.kind]}</span>
      <span className="diff-text">{markedText(line)}</span>
    </div>
  )
}

/**
 * A message's JSON diff. `split`: two columns, lines of both sides at the same height; `unified`: one column,
 * removed lines before the added ones that replace them.
 */
export function DiffLines({ lines, layout }: { lines: DiffLinePair[]; layout: 'split' | 'unified' }) {
  if (layout === 'split')
    return (
      <div className="diff-lines diff-split">
        {lines.map((pair, k) => (
          <div className="diff-pair" key={k}>
            <Line line={pair.left} />
            <Line line={pair.right} />
          </div>
        ))}
      </div>
    )
  const unified: DiffLine[] = []
  let added: DiffLine[] = []
  for (const pair of lines) {
    if (pair.left?.kind === 'same' || pair.left?.kind === 'gap') {
      unified.push(...added, pair.left)
      added = []
      continue
    }
    if (pair.left) unified.push(pair.left)
    if (pair.right) added.push(pair.right)
  }
  unified.push(...added)
  return (
    <div className="diff-lines diff-unified">
      {unified.map((line, k) => (
        <Line key={k} line={line} />
      ))}
    </div>
  )
}
