import 'uplot/dist/uPlot.min.css'
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react'
import uPlot from 'uplot'
import { formatCount } from '../../lib/format'
import { runningTotals } from './usageFigures'

export interface ChartMarker {
  label: string
  /** On the cumulative scale. */
  value: number
  color: string
}

export interface UsageChartProps {
  /** Tokens per message, in list order. */
  values: readonly number[]
  markers: ChartMarker[]
  /** A message's description for the hover line. */
  describe: (index: number) => string
  onPick: (index: number) => void
  label: string
  describedBy: string
}

export interface UsageChartHandle {
  /** The chart as a PNG data URL. */
  png(): string | null
}

const cssVar = (name: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888'

const HEIGHT = 220
/** The markers set the running-total scale once the total reaches this share of the lowest one. */
const MARKER_SCALE_SHARE = 0.25
/** A press that moves less than this is a click (a longer one is a zoom drag). */
const CLICK_SLOP = 4

/**
 * Tokens per message as bars and the running total as a line (right axis), on canvas with uPlot so 100,000
 * messages paint at once. Markers (MARSYS's threshold and compaction target) are lines on the running-total
 * scale. Hover names the message, a click picks it, a drag zooms (double-click resets).
 */
export const UsageChart = forwardRef<UsageChartHandle, UsageChartProps>(function UsageChart(
  { values, markers, describe, onPick, label, describedBy },
  ref,
) {
  const host = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const [hover, setHover] = useState<number | null>(null)
  const callbacks = useRef({ describe, onPick })
  callbacks.current = { describe, onPick }

  useImperativeHandle(ref, () => ({ png: () => plot.current?.ctx.canvas.toDataURL('image/png') ?? null }))

  useEffect(() => {
    const element = host.current
    if (!element) return
    const n = values.length
    const xs = Float64Array.from({ length: n }, (_, i) => i)
    const cumulative = runningTotals(values)
    const accent = cssVar('--accent')
    const line = cssVar('--role-tool')
    const fg = cssVar('--fg-muted')
    const grid = cssVar('--border')
    const axis = (scale: string, side: 1 | 3): uPlot.Axis => ({
      scale,
      side,
      stroke: fg,
      grid: { stroke: grid, width: 1, show: side === 3 },
      ticks: { stroke: grid },
      values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? formatCount(tick) : '')),
      size: 72,
    })
    const total = cumulative[n - 1] ?? 0
    // Far below MARSYS's threshold, scaling to it would flatten the running total: the markers then show as
    // labels at the top instead of lines.
    const lowest = Math.min(...markers.map((m) => m.value))
    const cumMax =
      Math.max(total, total >= lowest * MARKER_SCALE_SHARE ? Math.max(...markers.map((m) => m.value)) : 0) *
        1.05 || 1
    const started = performance.now()
    delete element.dataset.paintMs
    const opts: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: true }, points: { show: false } },
      scales: {
        x: { time: false, range: (_u, min, max) => [Math.min(min, -0.5), Math.max(max, n - 0.5)] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.05] },
        cum: { range: () => [0, cumMax] },
      },
      axes: [
        {
          stroke: fg,
          grid: { show: false },
          ticks: { stroke: grid },
          values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? formatCount(tick) : '')),
        },
        axis('y', 3),
        axis('cum', 1),
      ],
      series: [
        {},
        {
          label: 'tokens',
          scale: 'y',
          fill: accent,
          stroke: accent,
          paths: uPlot.paths.bars!({ size: [0.9, Infinity], align: 0 }),
          points: { show: false },
        },
        { label: 'running total', scale: 'cum', stroke: line, width: 2, points: { show: false } },
      ],
      hooks: {
        setCursor: [(u) => setHover(u.cursor.idx ?? null)],
        draw: [
          () => {
            // From building the chart to the end of its first paint (uPlot paints in a microtask).
            if (!element.dataset.paintMs) element.dataset.paintMs = (performance.now() - started).toFixed(1)
          },
          (u) => {
            const { ctx, bbox } = u
            ctx.save()
            ctx.setLineDash([6, 4])
            ctx.lineWidth = devicePixelRatio
            ctx.font = `${11 * devicePixelRatio}px sans-serif`
            let above = 0
            for (const marker of markers) {
              const y = u.valToPos(marker.value, 'cum', true)
              ctx.strokeStyle = ctx.fillStyle = marker.color
              if (y < bbox.top) {
                above += 1
                const label = `${marker.label} ↑`
                const x = bbox.left + bbox.width - ctx.measureText(label).width - 4 * devicePixelRatio
                ctx.fillText(label, x, bbox.top + 12 * above * devicePixelRatio)
                continue
              }
              ctx.beginPath()
              ctx.moveTo(bbox.left, y)
              ctx.lineTo(bbox.left + bbox.width, y)
              ctx.stroke()
              ctx.fillText(marker.label, bbox.left + 4 * devicePixelRatio, y - 3 * devicePixelRatio)
            }
            ctx.restore()
          },
        ],
      },
    }
    const chart = new uPlot(
      opts,
      [xs, Float64Array.from(values), cumulative] as unknown as uPlot.AlignedData,
      element,
    )
    plot.current = chart
    let down: { x: number; y: number } | null = null
    const onDown = (event: MouseEvent): void => void (down = { x: event.clientX, y: event.clientY })
    const onUp = (event: MouseEvent): void => {
      const start = down
      down = null
      if (!start || Math.hypot(event.clientX - start.x, event.clientY - start.y) > CLICK_SLOP) return
      const index = chart.cursor.idx
      if (index !== null && index !== undefined) callbacks.current.onPick(index)
    }
    chart.over.addEventListener('mousedown', onDown)
    chart.over.addEventListener('mouseup', onUp)
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT }),
    )
    resize.observe(element)
    return () => {
      resize.disconnect()
      chart.destroy()
      plot.current = null
    }
  }, [values, markers])

  return (
    <figure className="usage-chart">
      <div
        ref={host}
        role="img"
        aria-label={label}
        aria-describedby={describedBy}
        data-count={values.length}
      />
      <figcaption className="muted chart-hover" data-testid="chart-hover">
        {hover !== null && hover < values.length
          ? callbacks.current.describe(hover)
          : 'Hover a bar to see its message; click to select it, drag to zoom, double-click to reset.'}
      </figcaption>
    </figure>
  )
})
