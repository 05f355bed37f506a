import { expect, test } from '../support/app'
import { fixture } from '../support/marsysFixtures'

test.describe('a 20,001-message file', () => {
  test.use({ appArgs: [fixture('12_large_20000.json')] })

  test('scrolls the timeline to the end, in order, and back', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: '12_large_20000.json' })
    await expect(main.getByTestId('message-count')).toHaveText('20,001 messages')
    const timeline = main.getByRole('feed', { name: 'Timeline, 20,001 messages' })
    await expect(timeline.getByRole('article', { name: /^Message 0, system/ })).toBeVisible()
    await timeline.focus()
    await appPage.keyboard.press('End')
    const last = timeline.getByRole('article', { name: /^Message 20000, / })
    await expect(last).toBeVisible()
    await expect(last).toHaveAttribute('aria-current', 'true')
    await expect(last).toHaveAttribute('aria-setsize', '20001')
    // Virtualised: only a handful of cards exist, consecutive and in file order.
    const indices = await timeline
      .getByRole('article')
      .evaluateAll((cards) => cards.map((card) => Number(card.getAttribute('data-index'))))
    expect(indices.length).toBeLessThan(60)
    expect(indices).toEqual(indices.map((_, i) => indices[0] + i))
    expect(indices[indices.length - 1]).toBe(20000)

    await appPage.keyboard.press('ArrowUp')
    await expect(timeline.getByRole('article', { name: /^Message 19999, / })).toHaveAttribute(
      'aria-current',
      'true',
    )
    await appPage.keyboard.press('Home')
    await expect(timeline.getByRole('article', { name: /^Message 0, system/ })).toBeVisible()
  })

  test('scrolls the table by windows of rows to the last one', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: '12_large_20000.json' })
    await main.getByRole('button', { name: 'Table', exact: true }).click()
    const table = main.getByRole('table', { name: 'Messages' })
    await expect(table).toHaveAttribute('aria-rowcount', '20002')
    await table.getByRole('row').nth(1).click()
    await appPage.keyboard.press('End')
    const last = table.locator('[role=row][aria-rowindex="20002"]')
    await expect(last.getByRole('cell').first()).toHaveText('20000')
    await expect(last).toHaveAttribute('aria-selected', 'true')
    await expect(main.getByRole('region', { name: 'Selected message' }).getByRole('article')).toHaveAttribute(
      'aria-label',
      /^Message 20000, /,
    )

    // Scrolled to the middle by hand (a press on the scrollbar, which ends End's follow of the last row, then a
    // drag), the rows there arrive too.
    await table.evaluate((element) => {
      element.dispatchEvent(new PointerEvent('pointerdown'))
      element.scrollTop = element.scrollHeight / 2
    })
    await expect(table.locator('[role=row][aria-rowindex="10002"]').getByRole('cell').first()).toHaveText(
      '10000',
    )

    await main.getByLabel('Role filter').selectOption('tool')
    await expect(main.getByRole('status').filter({ hasText: 'of 20,001 messages' })).toBeVisible()
    await expect(table.getByRole('row').nth(1)).toContainText('tool')
  })
})
