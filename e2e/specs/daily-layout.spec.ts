import type { Locator, Page } from '@playwright/test'
import { expect, test as base } from '../support/app'
import { drawnColours } from '../support/colors'
import { copiedPaths } from '../support/editing'
import { callApi, sessionDocument } from '../support/sessionApi'
import { openSessionFromList } from '../support/sessionsUi'

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

const tabs = (page: Page): Locator => page.getByRole('navigation', { name: 'Pages and open documents' })

/** The element's box lies inside the window, left to right. */
async function expectWithinWidth(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox()
  const width = page.viewportSize()?.width ?? 0
  expect(box, 'laid out').not.toBeNull()
  expect(box!.x, 'left edge in the window').toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width, 'right edge in the window').toBeLessThanOrEqual(width)
}

test.describe('the documents table', () => {
  test.use({
    copies: [
      '03_tool_calls.json',
      '07_dict_and_list_content.json',
      '08_unicode_emoji_rtl.json',
      '16_resaved_03_after_load.json',
      'invalid/truncated_by_failed_save.json',
    ],
  })

  test('shows name, status, messages, tokens and modified at 1,440 and 1,024 px; Roles stays on one line', async ({
    appPage,
  }) => {
    await appPage.setViewportSize({ width: 1440, height: 900 })
    await tabs(appPage)
      .getByRole('button', { name: /^Files/ })
      .click()
    const table = appPage.getByRole('table', { name: 'Documents' })
    await expect(table.getByRole('row')).toHaveCount(6)
    const important = ['Name', 'Status', 'Messages', 'MARSYS tokens', 'Modified']
    for (const width of [1440, 1024]) {
      await appPage.setViewportSize({ width, height: 900 })
      for (const name of important)
        await expectWithinWidth(appPage, table.getByRole('columnheader', { name, exact: true }))
    }

    await appPage.setViewportSize({ width: 1440, height: 900 })
    const roles = table.locator('td.col-roles .truncate')
    for (const cell of await roles.all()) {
      const { lines, title, text } = await cell.evaluate((element) => ({
        lines: element.getClientRects().length,
        title: element.getAttribute('title'),
        text: element.textContent,
      }))
      expect(lines).toBeLessThanOrEqual(1)
      expect(title).toBe(text)
    }
    const tools = table.getByRole('row', { name: /03_tool_calls\.json/ })
    await expect(tools.locator('td.col-roles')).toHaveText('assistant 4 · tool 4 · user 2 · system 1')
    // Every row is one line high (a chip is a little taller than text).
    for (const row of await table.locator('tbody tr').all())
      expect((await row.boundingBox())!.height).toBeLessThan(32)
  })
})

test.describe('the document toolbar', () => {
  test.use({ copies: ['03_tool_calls.json'] })

  test('keeps to one line at 1,440 px with a side panel open, its toggles named', async ({ appPage }) => {
    await appPage.setViewportSize({ width: 1440, height: 900 })
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    await main.getByRole('button', { name: 'Tokens', exact: true }).click()
    await expect(appPage.getByRole('complementary', { name: 'Tokens' })).toBeVisible()
    const toolbar = main.locator('.doc-toolbar')
    const buttons = toolbar.getByRole('button')
    const tops = await buttons.evaluateAll((all) => all.map((button) => button.getBoundingClientRect().top))
    expect(Math.max(...tops) - Math.min(...tops), 'every button on one row').toBeLessThan(4)
    for (const button of await buttons.all()) await expectWithinWidth(appPage, button)
    const { scrollWidth, clientWidth } = await toolbar.evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
    }))
    expect(scrollWidth, 'nothing scrolled out of the toolbar').toBeLessThanOrEqual(clientWidth)
    await expect(main.getByRole('button', { name: /^Lint \(/ })).toBeVisible()
    for (const name of [
      'Agent state',
      'Tokens',
      'Summary',
      'Insights',
      'Hand-offs',
      'Search',
      'Compare with…',
    ])
      await expect(main.getByRole('button', { name, exact: true })).toBeVisible()
    // The document's name keeps room to be read whole: the toggles gave up their labels first.
    const name = await main
      .locator('.doc-name')
      .evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }))
    expect(name.scroll, 'the name is shown whole, not cut with "…"').toBeLessThanOrEqual(name.client)
  })
})

test.describe('the Facts panel', () => {
  test.use({ copies: ['10_kg_facts.json', '03_tool_calls.json'] })

  test('wraps its cells at word boundaries, and is gone on a file without facts', async ({ appPage }) => {
    await appPage.setViewportSize({ width: 1440, height: 900 })
    await tabs(appPage).getByRole('button', { name: '10_kg_facts.json', exact: true }).click()
    const panel = appPage.getByRole('complementary', { name: 'Facts' })
    const facts = panel.getByRole('table', { name: 'Facts' })
    await expect(facts.getByRole('row')).toHaveCount(1 + 5)

    const broken = await panel.evaluate((root) =>
      [root, ...root.querySelectorAll('*')]
        .filter((element) => !element.classList.contains('long-token'))
        .filter((element) => {
          const style = getComputedStyle(element)
          return style.wordBreak === 'break-all' || style.overflowWrap === 'anywhere'
        })
        .map((element) => element.outerHTML.slice(0, 80)),
    )
    expect(broken).toEqual([])
    // Each ordinary word (no _ . / joints) lies on one line.
    const split = await facts.locator('tbody td').evaluateAll((cells) => {
      const found: string[] = []
      for (const cell of cells) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? ''
          for (const match of text.matchAll(/[^\s_./]+/g)) {
            const range = document.createRange()
            range.setStart(node, match.index)
            range.setEnd(node, match.index + match[0].length)
            const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)))
            if (lines.size > 1) found.push(match[0])
          }
        }
      }
      return found
    })
    expect(split).toEqual([])

    await tabs(appPage).getByRole('button', { name: '03_tool_calls.json', exact: true }).click()
    await expect(appPage.getByRole('main', { name: '03_tool_calls.json' })).toBeVisible()
    await expect(panel).toHaveCount(0)
    await expect(
      appPage.getByRole('main', { name: '03_tool_calls.json' }).getByRole('button', { name: 'Facts' }),
    ).toHaveCount(0)
    await tabs(appPage).getByRole('button', { name: '10_kg_facts.json', exact: true }).click()
    await expect(facts).toBeVisible()
  })
})

test('a store session: enabled buttons drawn at full opacity, disabled ones readable (4.5:1)', async ({
  appPage,
}) => {
  await callApi(appPage, 'session.create', { session_id: 'opacity-check' })
  const id = await sessionDocument(appPage, 'opacity-check')
  const { revision } = await callApi<{ revision: number }>(appPage, 'document.state', { id })
  await callApi(appPage, 'document.edit', {
    id,
    revision,
    commands: [
      { op: 'insert', index: 0, json: JSON.stringify({ role: 'user', content: 'Is the deploy done?' }) },
      { op: 'insert', index: 1, json: JSON.stringify({ role: 'assistant', content: 'Yes, d-813 is live.' }) },
    ],
  })
  await callApi(appPage, 'document.close', { id })

  const main = await openSessionFromList(appPage, 'opacity-check')
  const card = main.getByRole('article', { name: /^Message 1, assistant/ })
  await card.click()
  const enabled = card.getByRole('button').and(card.locator(':enabled'))
  expect(await enabled.count()).toBeGreaterThan(1)
  for (const button of await enabled.all()) {
    const drawn = await drawnColours(button)
    expect(drawn.opacity, await button.innerText()).toBe(1)
    expect(drawn.contrast, await button.innerText()).toBeGreaterThanOrEqual(4.5)
  }
  // Nothing edited yet: Undo is disabled, and still reads at AA.
  const undo = main.getByRole('button', { name: /Undo/ })
  await expect(undo).toBeDisabled()
  const drawn = await drawnColours(undo)
  expect(drawn.opacity).toBe(1)
  expect(drawn.contrast).toBeGreaterThanOrEqual(4.5)
})
