import type { Page } from '@playwright/test'

/** Frame times over one stretch of scrolling (or of doing nothing: the machine's own floor). */
export interface Frames {
  frames: number
  /** Gaps between animation frames longer than 50 ms. */
  over50: number
  longest: number
  /** Frames with a blank row in view (the table only). */
  blankFrames: number
  /** Long tasks (over 50 ms): how many, and the longest. */
  longTasks: number
  longestTask: number
}

export interface ScrollFrames {
  /** The same page doing nothing for as long as the wheel steps take: what the machine alone costs. */
  idle: Frames
  wheel: Frames
  fling: Frames
}

export const WHEEL_STEPS = 40
const WHEEL_DELTA = 600
const WHEEL_PAUSE_MS = 100
const FLING_ROWS_PER_FRAME = 100

interface Recorder {
  times: number[]
  long: number[]
  /** Frames with a blank row in view, counted by the table fling. */
  blank: number
  on: boolean
  observer: { disconnect(): void }
}

/** The page's globals these scripts use (this module is type-checked without the DOM library). */
interface PageGlobals {
  __frames: Recorder
  requestAnimationFrame(callback: (time: number) => void): number
  PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => {
    observe(options: { type: string }): void
    disconnect(): void
  }
}

/** Records every frame's start (rAF) and every long task in the page, from now until `stopRecording`. */
const startRecording = (page: Page): Promise<void> =>
  page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals
    const observer = new w.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__frames.long.push(entry.duration)
    })
    w.__frames = { times: [], long: [], blank: 0, on: true, observer }
    observer.observe({ type: 'longtask' })
    const tick = (t: number): void => {
      if (!w.__frames.on) return
      w.__frames.times.push(t)
      w.requestAnimationFrame(tick)
    }
    w.requestAnimationFrame(tick)
  })

const stopRecording = (page: Page): Promise<Frames> =>
  page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals
    w.__frames.on = false
    w.__frames.observer.disconnect()
    const gaps = w.__frames.times.slice(1).map((t, i) => t - w.__frames.times[i])
    return {
      frames: gaps.length,
      over50: gaps.filter((gap) => gap > 50).length,
      longest: Math.round(Math.max(0, ...gaps)),
      blankFrames: w.__frames.blank,
      longTasks: w.__frames.long.length,
      longestTask: Math.round(Math.max(0, ...w.__frames.long)),
    }
  })

/**
 * Measures (asserts nothing) a page showing a large file in its timeline: the machine's floor (the page idle for
 * as long as the wheel steps take), 40 mouse-wheel steps over the timeline, then, in the Table view, a fling from
 * the first row to the last at 100 rows per animation frame, counting frames with a blank row in view. `main` is
 * the document's region; the page must show the timeline with its first cards.
 */
export async function measureScrolling(page: Page, mainName: string): Promise<ScrollFrames> {
  const main = page.getByRole('main', { name: mainName })
  const timeline = main.getByRole('feed', { name: /^Timeline/ })
  await timeline.getByRole('article').first().waitFor()

  await startRecording(page)
  await page.waitForTimeout(WHEEL_STEPS * WHEEL_PAUSE_MS + 500)
  const idle = await stopRecording(page)

  await timeline.hover()
  await startRecording(page)
  for (let step = 0; step < WHEEL_STEPS; step++) {
    await page.mouse.wheel(0, WHEEL_DELTA)
    await page.waitForTimeout(WHEEL_PAUSE_MS)
  }
  await page.waitForTimeout(500)
  const wheel = await stopRecording(page)

  await main.getByRole('button', { name: 'Table', exact: true }).click()
  const table = main.getByRole('table', { name: 'Messages' })
  await table.locator('[role=row][aria-rowindex="2"]').getByRole('cell').first().getByText('0').waitFor()
  await startRecording(page)
  await table.evaluate(
    (element, rowsPerFrame) =>
      new Promise<void>((resolve) => {
        const w = globalThis as unknown as PageGlobals
        const rowHeight = element.querySelector('.body-row')?.getBoundingClientRect().height || 28
        const frame = (): void => {
          const view = element.getBoundingClientRect()
          for (const row of element.querySelectorAll('.body-row')) {
            const box = row.getBoundingClientRect()
            if (box.bottom <= view.top || box.top >= view.bottom) continue
            if (!row.querySelector('[role=cell]')?.textContent?.trim()) {
              w.__frames.blank++
              break
            }
          }
          if (element.scrollTop + element.clientHeight >= element.scrollHeight - 1) return resolve()
          element.scrollTop += rowHeight * rowsPerFrame
          w.requestAnimationFrame(frame)
        }
        w.requestAnimationFrame(frame)
      }),
    FLING_ROWS_PER_FRAME,
  )
  const fling = await stopRecording(page)
  return { idle, wheel, fling }
}
