import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { CompareMessage, CompareRow, CompareSummary } from '../../../../shared/domains/compare/model'
import { roleClass } from '../../lib/format'
import { useStores } from '../../stores/StoresContext'
import { isTypingTarget } from '../shared/keys'
import { DiffLines } from './DiffLines'
import { rowLabel } from './rowLabel'
import { summaryText } from './useComparison'
import { useRowWindows } from './useRowWindows'

function MessageCell({ message, side }: { message: CompareMessage | null; side: string }) {
  if (!message)
    return (
      <div className="compare-cell compare-none">
        <span className="visually-hidden">Not in {side}</span>
      </div>
    )
  return (
    <div className="compare-cell">
      <span className="compare-index">{message.index}</span>{' '}
      <span className={`role-badge ${roleClass(message.role)}`}>{message.role}</span>{' '}
      <span className="compare-preview">{message.preview}</span>
    </div>
  )
}

function RowView({ row, current, labels }: { row: CompareRow; current: boolean; labels: [string, string] }) {
  return (
    <div
      className={`compare-row compare-${row.kind} ${current ? 'current' : ''}`}
      role="group"
      aria-label={rowLabel(row)}
      aria-current={current ? 'true' : undefined}
    >
      <div className="compare-cells">
        <MessageCell message={row.left} side={labels[0]} />
        <MessageCell message={row.right} side={labels[1]} />
      </div>
      {row.lines ? <DiffLines lines={row.lines} layout="split" /> : null}
      {row.truncated ? <p className="muted compare-cut">Very large message: the rest is not shown.</p> : null}
    </div>
  )
}

/**
 * Two conversations side by side: every aligned row (matched messages on one line, removed ones on the left,
 * added ones on the right, changed ones with their JSON diff), fetched in windows as it scrolls; F7 / Shift+F7
 * (or N / P) step through the changes.
 */
export function CompareView({ summary }: { summary: CompareSummary }) {
  const { client } = useStores()
  const scrollRef = useRef<HTMLDivElement>(null)
  const { ensure, row, error } = useRowWindows(summary.compareId)
  const [current, setCurrent] = useState<{ row: number; change: number } | null>(null)
  const [stepError, setStepError] = useState<string | null>(null)
  const virtualizer = useVirtualizer({
    count: summary.rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 34,
    overscan: 6,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0
  useEffect(() => {
    if (summary.rows > 0) ensure(first, last)
  }, [ensure, first, last, summary.rows])
  useEffect(() => setCurrent(null), [summary.compareId])

  const step = (direction: 'next' | 'previous'): void => {
    setStepError(null)
    const from = current?.row ?? (direction === 'next' ? -1 : summary.rows)
    client.call('compare.step', { compareId: summary.compareId, from, direction }).then(
      (found) => {
        if (found.row === null || found.change === null) return
        setCurrent({ row: found.row, change: found.change })
        virtualizer.scrollToIndex(found.row, { align: 'start' })
      },
      (reason: unknown) => setStepError(reason instanceof Error ? reason.message : String(reason)),
    )
  }

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (isTypingTarget(event.target)) return
    const key = event.key.toLowerCase()
    const next = event.key === 'F7' ? !event.shiftKey : key === 'n' && !event.ctrlKey && !event.metaKey
    const previous = event.key === 'F7' ? event.shiftKey : key === 'p' && !event.ctrlKey && !event.metaKey
    if (!next && !previous) return
    event.preventDefault()
    step(next ? 'next' : 'previous')
  }

  const labels: [string, string] = [summary.left.label, summary.right.label]
  return (
    <section className="compare-view" aria-label="Comparison" onKeyDown={onKeyDown}>
      <div className="compare-toolbar" role="toolbar" aria-label="Changes">
        <strong className="compare-summary">{summaryText(summary)}</strong>
        {summary.approximate ? (
          <span
            className="chip"
            title="The conversations differ too much for an exact match in reasonable time"
          >
            approximate
          </span>
        ) : null}
        <span className="spacer" />
        <span className="muted" aria-live="polite">
          {summary.changes === 0
            ? 'No changes'
            : current
              ? `Change ${current.change + 1} of ${summary.changes}`
              : `${summary.changes} changes`}
        </span>
        <button
          type="button"
          aria-keyshortcuts="Shift+F7 P"
          disabled={summary.changes === 0}
          onClick={() => step('previous')}
        >
          ↑ Previous change
        </button>
        <button
          type="button"
          aria-keyshortcuts="F7 N"
          disabled={summary.changes === 0}
          onClick={() => step('next')}
        >
          ↓ Next change
        </button>
      </div>
      {error || stepError ? <p className="severity-error">{error ?? stepError}</p> : null}
      <div className="compare-heads" aria-hidden="true">
        <div title={labels[0]}>{labels[0]}</div>
        <div title={labels[1]}>{labels[1]}</div>
      </div>
      <div
        ref={scrollRef}
        className="compare-scroll"
        tabIndex={0}
        aria-label={`${labels[0]} and ${labels[1]}`}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const data = row(item.index)
            return (
              <div
                key={item.index}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="compare-item"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {data ? (
                  <RowView row={data} current={current?.row === item.index} labels={labels} />
                ) : (
                  <div className="compare-row muted">…</div>
                )}
              </div>
            )
          })}
        </div>
      </div>
    </section>
  )
}
