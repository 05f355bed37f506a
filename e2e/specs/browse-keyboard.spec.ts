import { expect, test } from '../support/app'
import { fixture } from '../support/marsysFixtures'

test.describe('keyboard', () => {
  test.use({ appArgs: [fixture('03_tool_calls.json')] })

  test('↑/↓ select, Enter shows raw JSON, Ctrl+O and / focus fields, Escape closes dialogs', async ({
    appPage,
  }) => {
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    await main.getByRole('article', { name: /^Message 0, system/ }).click()
    await expect(main.getByRole('article', { name: /^Message 0, system/ })).toHaveAttribute(
      'aria-current',
      'true',
    )
    await appPage.keyboard.press('ArrowDown')
    await appPage.keyboard.press('ArrowDown')
    const second = main.getByRole('article', { name: /^Message 2, assistant/ })
    await expect(second).toHaveAttribute('aria-current', 'true')
    await appPage.keyboard.press('Enter')
    await expect(second.getByRole('region', { name: 'Raw JSON of message 2' })).toContainText(
      '"call_wx_paris"',
    )
    await appPage.keyboard.press('Enter')
    await expect(second.getByRole('region', { name: 'Raw JSON of message 2' })).toHaveCount(0)

    await appPage.keyboard.press('Control+o')
    await expect(appPage.getByLabel('Open path', { exact: true })).toBeFocused()
    await appPage.keyboard.press('Control+f')
    await expect(appPage.getByRole('searchbox', { name: 'Search', exact: true })).toBeFocused()

    await appPage.getByRole('button', { name: 'Help and about' }).click()
    const dialog = appPage.getByRole('dialog', { name: 'Help and about' })
    await expect(dialog.getByRole('region', { name: 'About this app' })).toBeVisible()
    await appPage.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
  })
})
