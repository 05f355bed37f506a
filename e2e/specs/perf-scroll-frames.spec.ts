import { mkdirSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GENERATED_TIMESTAMP, writeGeneratedMarsysFile } from '../../src/main/bench/generateMarsysFile'
import { measureScrolling, WHEEL_STEPS } from '../../src/main/bench/scrollFrames'
import { expect, test } from '../support/app'

/**
 * Measures (does not check) frame times while scrolling a 100,000-message file, as `npm run bench` does: the
 * figures in docs/performance.md under "Scrolling". Timings depend on the machine, so this runs only when asked:
 * MI_SCROLL_FRAMES=1 npx playwright test -c e2e/playwright.config.ts --project web --workers 1 perf-scroll-frames
 */
const folder = join(realpathSync(tmpdir()), `mi-e2e-frames-${process.pid}`)
const file = join(folder, 'memory-100k.json')
const MESSAGES = 100_000

test.describe('scroll frame times on a 100,000-message file (measurement)', () => {
  test.skip(!process.env.MI_SCROLL_FRAMES, 'a measurement: set MI_SCROLL_FRAMES=1 to run it')
  test.describe.configure({ timeout: 600_000 })
  test.beforeAll(() => {
    mkdirSync(folder, { recursive: true })
    writeGeneratedMarsysFile(file, MESSAGES, GENERATED_TIMESTAMP)
  })
  test.afterAll(() => rmSync(folder, { recursive: true, force: true }))
  test.use({ appArgs: [file] })

  test('frames while scrolling the table and wheel-scrolling the timeline', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: 'memory-100k.json' })
    await expect(main.getByTestId('message-count')).toHaveText('100,000 messages', { timeout: 180_000 })
    await expect(main.getByText(/^[\d,]+ MARSYS tokens$/)).toBeVisible({ timeout: 180_000 })

    const frames = await measureScrolling(appPage, 'memory-100k.json')
    console.log(`[frames] page idle: ${JSON.stringify(frames.idle)}`)
    console.log(`[frames] timeline, ${WHEEL_STEPS} wheel steps: ${JSON.stringify(frames.wheel)}`)
    console.log(`[frames] table fling: ${JSON.stringify(frames.fling)}`)
  })
})
