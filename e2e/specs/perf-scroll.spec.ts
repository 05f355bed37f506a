import { mkdirSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GENERATED_TIMESTAMP, writeGeneratedMarsysFile } from '../../src/main/bench/generateMarsysFile'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../support/app'

// One generated file for the whole spec: 100,000 messages (~100 MB), written before the app starts.
const folder = join(realpathSync(tmpdir()), `mi-e2e-perf-${process.pid}`)
const file = join(folder, 'memory-100k.json')
const MESSAGES = 100_000

/** Rows scrolled per animation frame: a fast fling, ~1,000 frames from top to bottom. */
const ROWS_PER_FRAME = 100
/** Frames in a row that may show rows still waiting for their data. */
const MAX_BLANK_FRAMES = 2
/** Mouse-wheel steps over the timeline, and how far each one scrolls. */
const WHEEL_STEPS = 40
const WHEEL_DELTA = 600

/**
 * Starts counting, in the page, component renders (`countRender` in the app) and the item elements added under
 * `container` (each one is a card or row mounted: a new message in view, or a row whose key became its id).
 */
async function countRenders(container: Locator, itemSelector: string): Promise<void> {
  await container.evaluate((element, selector) => {
    const w = window as unknown as { __renderCounts: Record<string, number>; __mounted: number }
    w.__renderCounts = {}
    w.__mounted = 0
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes)
          if (node instanceof Element && node.matches(selector)) w.__mounted++
    }).observe(element, { childList: true, subtree: true })
  }, itemSelector)
}

async function readCounts(page: Page, component: string): Promise<{ renders: number; mounted: number }> {
  return page.evaluate((name) => {
    const w = window as unknown as { __renderCounts: Record<string, number>; __mounted: number }
    return { renders: w.__renderCounts[name] ?? 0, mounted: w.__mounted }
  }, component)
}

test.describe('a 100,000-message file (not timed)', () => {
  test.describe.configure({ timeout: 300_000 })
  test.beforeAll(() => {
    mkdirSync(folder, { recursive: true })
    writeGeneratedMarsysFile(file, MESSAGES, GENERATED_TIMESTAMP)
  })
  test.afterAll(() => rmSync(folder, { recursive: true, force: true }))
  test.use({ appArgs: [file] })

  test('the header shows the final token total once known, and no late answer replaces it', async ({
    appPage,
  }) => {
    const main = appPage.getByRole('main', { name: 'memory-100k.json' })
    await expect(main.getByTestId('message-count')).toHaveText('100,000 messages', { timeout: 120_000 })
    const tokens = main.getByText(/MARSYS tokens/)
    // While counting the total ends with "…". It is final when the scan ends, before the index does: the index's
    // own total, once complete, is the same, and no late answer replaces it.
    await expect(tokens).toHaveText(/^[\d,]+ MARSYS tokens$/, { timeout: 120_000 })
    const shownFinal = await tokens.textContent()
    await expect(appPage.locator('.progress-area')).toHaveCount(0, { timeout: 120_000 })
    await appPage.waitForTimeout(1000)
    await expect(tokens).toHaveText(shownFinal!)
    expect(Number(shownFinal!.replace(/\D/g, ''))).toBeGreaterThan(MESSAGES * 100)
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
  test('wheel-scrolling the timeline renders only the cards that come into view', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: 'memory-100k.json' })
    // Once indexed, so the message count (every card's set size) stays put while scrolling.
    await expect(main.getByText(/^[\d,]+ MARSYS tokens$/)).toBeVisible({ timeout: 120_000 })
    const timeline = main.getByRole('feed', { name: 'Timeline, 100,000 messages' })
    await expect(timeline.getByRole('article', { name: /^Message 0,/ })).toHaveAttribute('aria-busy', 'false')

    await countRenders(timeline, '.timeline-item')
    await timeline.hover()
    for (let step = 0; step < WHEEL_STEPS; step++) {
      await appPage.mouse.wheel(0, WHEEL_DELTA)
      await appPage.waitForTimeout(50)
    }
    await expect(timeline.locator('article[aria-busy=true]')).toHaveCount(0, { timeout: 30_000 })
    expect(await timeline.evaluate((element) => element.scrollTop)).toBeGreaterThan(WHEEL_STEPS * 100)
    const { renders, mounted } = await readCounts(appPage, 'MessageCard')
    test
      .info()
      .annotations.push({ type: 'MessageCard renders', description: `${renders} for ${mounted} mounted` })
    // A card renders when it mounts and when its detail arrives; the cards already in view do not render again
    // on each scroll step, size measurement or arriving window (they did: ~10 cards on every scroll event).
    expect(mounted, 'cards mounted while scrolling').toBeGreaterThan(WHEEL_STEPS / 2)
    expect(renders, `card renders for ${mounted} cards mounted`).toBeLessThanOrEqual(3 * mounted + 10)
  })

  test('scrolling the table renders only the rows that come into view', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: 'memory-100k.json' })
    await expect(main.getByText(/^[\d,]+ MARSYS tokens$/)).toBeVisible({ timeout: 120_000 })
    await main.getByRole('button', { name: 'Table', exact: true }).click()
    const table = main.getByRole('table', { name: 'Messages' })
    await expect(table.locator('[role=row][aria-rowindex="2"]').getByRole('cell').first()).toHaveText('0')

    await countRenders(table, '.body-row')
    // More than a screen of rows a step, through 14 windows of rows, each step waiting for its rows.
    const rowsPerStep = 70
    const rowHeight = await table.evaluate(
      (element) => element.querySelector('.body-row')!.getBoundingClientRect().height,
    )
    for (let step = 1; step <= WHEEL_STEPS; step++) {
      const position = step * rowsPerStep
      await table.evaluate((element, top) => (element.scrollTop = top), position * rowHeight)
      const row = table.locator(`[role=row][aria-rowindex="${position + 2}"]`)
      await expect(row.getByRole('cell').first()).toHaveText(String(position))
    }
    const { renders, mounted } = await readCounts(appPage, 'TableBodyRow')
    test
      .info()
      .annotations.push({ type: 'TableBodyRow renders', description: `${renders} for ${mounted} mounted` })
    // A row renders when it mounts (its key becomes the message id when its window arrives, which mounts it
    // anew); the rows already in view do not render again on each scroll step or arriving window.
    expect(mounted, 'rows mounted while scrolling').toBeGreaterThan(WHEEL_STEPS * 10)
    expect(renders, `row renders for ${mounted} rows mounted`).toBeLessThanOrEqual(mounted + 20)
  })
})
