/**
 * Render counters for end-to-end checks: a page that defines `window.__renderCounts` (an empty object, before the
 * app loads) gets, under each name, how many times that component rendered. Without it this does nothing.
 */
export function countRender(what: string): void {
  const counts = (globalThis as { __renderCounts?: Record<string, number> }).__renderCounts
  if (counts) counts[what] = (counts[what] ?? 0) + 1
}
