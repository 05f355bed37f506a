import { mkdirSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeGeneratedMarsysFile } from '../../src/main/bench/generateMarsysFile'
import { expect, test } from '../support/app'

// One generated file for the whole spec: 100,000 messages (~100 MB), written before the app starts.
const folder = join(realpathSync(tmpdir()), `mi-e2e-perf-${process.pid}`)
const file = join(folder, 'memory-100k.json')
const MESSAGES = 100_000

/** Rows scrolled per animation frame: a fast fling, ~1,000 frames from top to bottom. */
const ROWS_PER_FRAME = 100
/** Frames in a row that may show rows still waiting for their data. */
const MAX_BLANK_FRAMES = 2

test.describe('a 100,000-message file (not timed)', () => {
  test.describe.configure({ timeout: 300_000 })
  test.beforeAll(() => {
    mkdirSync(folder, { recursive: true })
    writeGeneratedMarsysFile(file, MESSAGES, 1795317863.5)
  })
  test.afterAll(() => rmSync(folder, { recursive: true, force: true }))
  test.use({ appArgs: [file] })

  test('the header shows the final token total once indexed', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: 'memory-100k.json' })
    await expect(main.getByTestId('message-count')).toHaveText('100,000 messages', { timeout: 120_000 })
    const tokens = main.getByText(/MARSYS tokens/)
    // While indexing the total ends with "…"; once indexed it is final and no late answer replaces it.
    await expect(tokens).toHaveText(/^[\d,]+ MARSYS tokens$/, { timeout: 120_000 })
    const total = await tokens.textContent()
    await appPage.waitForTimeout(1000)
    await expect(tokens).toHaveText(total!)
    expect(Number(total!.replace(/\D/g, ''))).toBeGreaterThan(MESSAGES * 100)
  })

  test('a fast scroll through every row never shows blank rows for more than a frame or two', async ({
    appPage,
  }) => {
    const main = appPage.getByRole('main', { name: 'memory-100k.json' })
    await expect(main.getByTestId('message-count')).toHaveText('100,000 messages', { timeout: 120_000 })
    await main.getByRole('button', { name: 'Table', exact: true }).click()
    const table = main.getByRole('table', { name: 'Messages' })
    await expect(table).toHaveAttribute('aria-rowcount', String(MESSAGES + 1))
    await expect(table.locator('[role=row][aria-rowindex="2"]').getByRole('cell').first()).toHaveText('0')

    // Scroll a little every animation frame and note, per frame, how many rows in view have no data yet.
    const blanks = await table.evaluate(
      (element, { rowsPerFrame }) =>
        new Promise<number[]>((resolve) => {
          const rowHeight = element.querySelector('.body-row')?.getBoundingClientRect().height || 28
          const step = rowHeight * rowsPerFrame
          const perFrame: number[] = []
          const frame = (): void => {
            const view = element.getBoundingClientRect()
            let blank = 0
            for (const row of element.querySelectorAll('.body-row')) {
              const box = row.getBoundingClientRect()
              if (box.bottom <= view.top || box.top >= view.bottom) continue
              if (!row.querySelector('[role=cell]')?.textContent?.trim()) blank++
            }
            perFrame.push(blank)
            if (element.scrollTop + element.clientHeight >= element.scrollHeight - 1) return resolve(perFrame)
            element.scrollTop += step
            requestAnimationFrame(frame)
          }
          requestAnimationFrame(frame)
        }),
      { rowsPerFrame: ROWS_PER_FRAME },
    )
    expect(blanks.length).toBeGreaterThan(MESSAGES / ROWS_PER_FRAME / 2)
    let run = 0
    let longest = 0
    for (const blank of blanks) {
      run = blank > 0 ? run + 1 : 0
      longest = Math.max(longest, run)
    }
    expect(longest, `frames in a row with blank rows (of ${blanks.length})`).toBeLessThanOrEqual(
      MAX_BLANK_FRAMES,
    )
    await expect(
      table
        .locator(`[role=row][aria-rowindex="${MESSAGES + 1}"]`)
        .getByRole('cell')
        .first(),
    ).toHaveText(String(MESSAGES - 1))
  })
})
