import type { BenchRow } from './types'

/** The rows as an aligned text table with PASS/MISS against each target. */
export function formatBenchTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((r) => [
    r.name,
    `${formatValue(r.value)} ${r.unit}`,
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'PASS' : 'MISS',
  ])
  const header = ['benchmark', 'value', 'target', 'result']
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c: string[]): string =>
    c
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n'
}

const formatValue = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 })
