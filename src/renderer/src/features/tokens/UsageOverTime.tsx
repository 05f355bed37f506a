import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import type { UsageRow } from '../../../../shared/domains/tokens/contract'
import { formatCount } from '../../lib/format'

const cssVar = (name: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim()

/** Each session's size (model tokens) at its `updated_at`, oldest to newest, as points joined by a line. */
export function UsageOverTime({ rows, label }: { rows: UsageRow[]; label: string }) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = host.current
    const dated = rows
      .map((row) => ({ t: row.updatedAt ? Date.parse(row.updatedAt) / 1000 : NaN, tokens: row.bpe }))
      .filter((point) => Number.isFinite(point.t))
      .sort((a, b) => a.t - b.t)
    if (!element || dated.length === 0) return
    const stroke = cssVar('--accent')
    const fg = cssVar('--fg-muted')
    const grid = cssVar('--border')
    const chart = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: 180,
        legend: { show: false },
        axes: [
          { stroke: fg, grid: { stroke: grid } },
          { stroke: fg, grid: { stroke: grid }, size: 64, values: (_u, ticks) => ticks.map(formatCount) },
        ],
        series: [{}, { stroke, width: 2, points: { show: true, size: 6, fill: stroke } }],
      },
      [dated.map((p) => p.t), dated.map((p) => p.tokens)],
      element,
    )
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(200, element.clientWidth), height: 180 }),
    )
    resize.observe(element)
    return () => {
      resize.disconnect()
      chart.destroy()
    }
  }, [rows])
  return <div ref={host} role="img" aria-label={label} />
}
