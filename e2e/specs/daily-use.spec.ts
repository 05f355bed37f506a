import { expect, test as base } from '../support/app'
import { copiedPaths } from '../support/editing'

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

const NAME = '03_tool_calls.json'

test.describe('daily use', () => {
  test.use({ copies: [NAME] })

  test('errors stay until dismissed, three at most show, Escape dismisses', async ({ appPage }) => {
    await expect(appPage.getByRole('main', { name: NAME })).toBeVisible()
    const openPath = appPage.getByLabel('Open path', { exact: true })
    const notices = appPage.getByRole('region', { name: 'Notifications' })
    const errors = notices.getByRole('alert')
    for (let i = 1; i <= 5; i++) {
      await openPath.fill(`/etc/not-here-${i}.json`)
      await openPath.press('Enter')
      await expect(notices).toContainText(`not-here-${i}`)
    }
    // The newest three show; the other two wait behind "2 more".
    await expect(errors).toHaveCount(3)
    await expect(errors.last()).toContainText('not-here-5')
    const more = notices.getByRole('button', { name: '2 more' })
    await more.click()
    await expect(errors).toHaveCount(5)
    await notices.getByRole('button', { name: 'Show fewer' }).click()
    await expect(errors).toHaveCount(3)

    // A dismissed one lets an older one forward; Escape in the area dismisses the one with the focus.
    await errors.last().getByRole('button', { name: 'Dismiss' }).click()
    await expect(errors.last()).toContainText('not-here-4')
    await expect(notices.getByRole('button', { name: '1 more' })).toBeVisible()
    await errors.last().getByRole('button', { name: 'Dismiss' }).focus()
    await appPage.keyboard.press('Escape')
    await expect(notices).not.toContainText('not-here-4')
    await expect(errors).toHaveCount(3)
    await expect(notices.getByRole('button', { name: /more$/ })).toHaveCount(0)

    // Errors do not time out.
    await appPage.waitForTimeout(11_000)
    await expect(errors).toHaveCount(3)
    await errors.first().getByRole('button', { name: 'Dismiss' }).click()
    await expect(errors).toHaveCount(2)
  })

  test('the table shows an undo and a redo of an edit as soon as main has answered', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: NAME })
    await main.getByRole('button', { name: 'Table', exact: true }).click()
    const table = main.getByRole('table', { name: 'Messages' })
    const row = table.getByRole('row').nth(2)
    await expect(row).toContainText('Weather in Paris')
    await row.click()
    const pane = main.getByRole('region', { name: 'Selected message' })
    await pane.getByRole('button', { name: 'Edit', exact: true }).click()
    await pane.getByLabel('Content text').fill('Changed text')
    await pane.getByRole('button', { name: 'Apply' }).click()
    await expect(row).toContainText('Changed text')

    await table.focus()
    for (const [key, shown] of [
      ['Control+z', 'Weather in Paris'],
      ['Control+Shift+z', 'Changed text'],
      ['Control+z', 'Weather in Paris'],
    ]) {
      await appPage.keyboard.press(key)
      await expect(row).toContainText(shown)
      await expect(pane).toContainText(shown)
    }
    await expect(main.getByRole('toolbar', { name: 'Editing' })).toContainText('No unsaved edits')
  })
})
