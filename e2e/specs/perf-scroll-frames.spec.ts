import { mkdirSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeGeneratedMarsysFile } from '../../src/main/bench/generateMarsysFile'
import { expect, test } from '../support/app'

/**
 * Measures (does not check) frame times while scrolling a 100,000-message file: the figures in
 * docs/performance.md under "Scrolling". Timings depend on the machine, so this runs only when asked:
 * MI_SCROLL_FRAMES=1 npx playwright test -c e2e/playwright.config.ts --project web --workers 1 perf-scroll-frames
 */
const folder = join(realpathSync(tmpdir()), `mi-e2e-frames-${process.pid}`)
const file = join(folder, 'memory-100k.json')
const MESSAGES = 100_000
const WHEEL_STEPS = 40
const WHEEL_DELTA = 600

interface Frames {
  frames: number
  over50: number
  longest: number
  blankFrames: number
  /** Long tasks (over 50 ms): how many, and the longest. */
  longTasks: number
  longestTask: number
}

test.describe('scroll frame times on a 100,000-message file (measurement)', () => {
  test.skip(!process.env.MI_SCROLL_FRAMES, 'a measurement: set MI_SCROLL_FRAMES=1 to run it')
  test.describe.configure({ timeout: 600_000 })
  test.beforeAll(() => {
    mkdirSync(folder, { recursive: true })
    writeGeneratedMarsysFile(file, MESSAGES, 1795317863.5)
  })
  test.afterAll(() => rmSync(folder, { recursive: true, force: true }))
  test.use({ appArgs: [file] })

  test('frames while scrolling the table and wheel-scrolling the timeline', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: 'memory-100k.json' })
    await expect(main.getByTestId('message-count')).toHaveText('100,000 messages', { timeout: 180_000 })
    await expect(main.getByText(/^[\d,]+ MARSYS tokens$/)).toBeVisible({ timeout: 180_000 })

    // Every frame's length (rAF to rAF) and every long task, from now until `stop()`.
    const startRecording = (): Promise<void> =>
      appPage.evaluate(() => {
        const w = window as unknown as { __frames: { times: number[]; long: number[]; on: boolean } }
        w.__frames = { times: [], long: [], on: true }
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (w.__frames.on) w.__frames.long.push(entry.duration)
        }).observe({ type: 'longtask' })
        const tick = (t: number): void => {
          if (!w.__frames.on) return
          w.__frames.times.push(t)
          requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      })
    const stopRecording = (): Promise<Frames> =>
      appPage.evaluate(() => {
        const w = window as unknown as { __frames: { times: number[]; long: number[]; on: boolean } }
        w.__frames.on = false
        const gaps = w.__frames.times.slice(1).map((t, i) => t - w.__frames.times[i])
        return {
          frames: gaps.length,
          over50: gaps.filter((gap) => gap > 50).length,
          longest: Math.round(Math.max(0, ...gaps)),
          blankFrames: 0,
          longTasks: w.__frames.long.length,
          longestTask: Math.round(Math.max(0, ...w.__frames.long)),
        }
      })

    // Timeline: 40 mouse-wheel steps, one every 100 ms.
    const timeline = main.getByRole('feed', { name: /^Timeline/ })
    await expect(timeline.getByRole('article').first()).toBeVisible()
    await timeline.hover()
    await startRecording()
    for (let step = 0; step < WHEEL_STEPS; step++) {
      await appPage.mouse.wheel(0, WHEEL_DELTA)
      await appPage.waitForTimeout(100)
    }
    await appPage.waitForTimeout(500)
    const wheel = await stopRecording()
    console.log(`[frames] timeline, ${WHEEL_STEPS} wheel steps: ${JSON.stringify(wheel)}`)

    // Table: 100 rows per animation frame from the first row to the last.
    await main.getByRole('button', { name: 'Table', exact: true }).click()
    const table = main.getByRole('table', { name: 'Messages' })
    await expect(table.locator('[role=row][aria-rowindex="2"]').getByRole('cell').first()).toHaveText('0')
    const fling = await table.evaluate(
      (element) =>
        new Promise<Frames>((resolve) => {
          const rowHeight = element.querySelector('.body-row')?.getBoundingClientRect().height || 28
          const times: number[] = []
          const long: number[] = []
          let blankFrames = 0
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) long.push(Math.round(entry.duration))
          })
          observer.observe({ type: 'longtask' })
          const frame = (t: number): void => {
            times.push(t)
            const view = element.getBoundingClientRect()
            for (const row of element.querySelectorAll('.body-row')) {
              const box = row.getBoundingClientRect()
              if (box.bottom <= view.top || box.top >= view.bottom) continue
              if (!row.querySelector('[role=cell]')?.textContent?.trim()) {
                blankFrames++
                break
              }
            }
            if (element.scrollTop + element.clientHeight >= element.scrollHeight - 1) {
              observer.disconnect()
              const gaps = times.slice(1).map((time, i) => time - times[i])
              return resolve({
                frames: gaps.length,
                over50: gaps.filter((gap) => gap > 50).length,
                longest: Math.round(Math.max(0, ...gaps)),
                blankFrames,
                longTasks: long.length,
                longestTask: Math.max(0, ...long),
              })
            }
            element.scrollTop += rowHeight * 100
            requestAnimationFrame(frame)
          }
          requestAnimationFrame(frame)
        }),
    )
    console.log(`[frames] table fling: ${JSON.stringify(fling)}`)
  })
})
