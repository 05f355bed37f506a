/** One measured figure of a benchmark, printed as a table row and as JSON. */
export interface BenchRow {
  name: string
  value: number
  unit: string
  /** Human-readable target, e.g. "≤ 1.5× floor". */
  target?: string
  /** Whether the target was met (absent when there is no target). */
  ok?: boolean
}
