import { expect, test as base } from '../support/app'
import { copiedPaths } from '../support/editing'
import { docsScreenshot, MAKING_SCREENSHOTS } from '../support/docsScreenshot'

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

const NAME = '03_tool_calls.json'

test.describe('command palette', () => {
  test.use({ copies: [NAME] })

  test('lists actions with their keys, filters, runs one with Enter, and gives the focus back', async ({
    appPage,
  }) => {
    const main = appPage.getByRole('main', { name: NAME })
    const feed = main.getByRole('feed')
    await main.getByRole('article', { name: /^Message 1, user/ }).click()
    await expect(feed).toBeFocused()

    await appPage.keyboard.press('Control+Shift+P')
    const palette = appPage.getByRole('dialog', { name: 'Commands' })
    const filter = palette.getByRole('combobox', { name: 'Command' })
    await expect(filter).toBeFocused()
    const options = palette.getByRole('listbox', { name: 'Commands' }).getByRole('option')
    await expect(options.filter({ hasText: /^Save\b/ }).first()).toContainText('Ctrl/Cmd+S')
    await expect(options.filter({ hasText: 'Go to the Usage page' })).toHaveCount(1)

    // Escape closes it and the focus is where it was.
    await appPage.keyboard.press('Escape')
    await expect(palette).toHaveCount(0)
    await expect(feed).toBeFocused()

    // Words in any order; ↓ and Enter run the second match.
    await appPage.keyboard.press('Control+Shift+P')
    await filter.fill('timeline table')
    await expect(options).toHaveCount(1)
    await expect(options.first()).toHaveAttribute('aria-selected', 'true')
    await appPage.keyboard.press('Enter')
    await expect(palette).toHaveCount(0)
    await expect(main.getByRole('table', { name: 'Messages' })).toBeVisible()

    await appPage.keyboard.press('Control+Shift+P')
    await filter.fill('page')
    await expect(options.first()).toHaveText(/Go to the Files page/)
    await appPage.keyboard.press('ArrowDown')
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
    await appPage.keyboard.press('Enter')
    await expect(appPage.getByRole('main', { name: 'Session store' })).toBeVisible()
  })

  test('shows what cannot run now with the reason, and does not run it', async ({ appPage }) => {
    await expect(appPage.getByRole('main', { name: NAME })).toBeVisible()
    await appPage.keyboard.press('Control+Shift+P')
    const palette = appPage.getByRole('dialog', { name: 'Commands' })
    await palette.getByRole('combobox', { name: 'Command' }).fill('copy path')
    const copy = palette.getByRole('option', { name: /Copy the selected message’s JSON path/ })
    await expect(copy).toHaveAttribute('aria-disabled', 'true')
    await expect(copy).toContainText('Select a message first')
    await appPage.keyboard.press('Enter')
    await expect(palette).toBeVisible()
    await palette.getByRole('combobox', { name: 'Command' }).fill('facts')
    await expect(palette.getByRole('option', { name: /Facts panel/ })).toContainText(
      'Only kg memories have facts',
    )
  })

  test('copies a message’s JSON path from the palette and from the message’s toolbar', async ({
    appPage,
  }) => {
    const main = appPage.getByRole('main', { name: NAME })
    const notices = appPage.getByRole('region', { name: 'Notifications' })
    const assistant = main.getByRole('article', { name: /^Message 2, assistant/ })
    await assistant.click()

    await appPage.keyboard.press('Control+Shift+P')
    await appPage.getByRole('dialog', { name: 'Commands' }).getByRole('combobox').fill('copy json path')
    await appPage.keyboard.press('Enter')
    await expect(notices).toContainText('Copied $.messages[2]')

    const toolbar = main.getByRole('toolbar', { name: 'Message 2 actions' })
    await toolbar.getByText('Copy JSON path').click()
    await toolbar
      .getByRole('group', { name: 'JSON paths of message 2' })
      .getByRole('button', { name: 'arguments of get_weather' })
      .first()
      .click()
    await expect(notices).toContainText('Copied $.messages[2].tool_calls[0].function.arguments')
    const clipboard = await appPage.evaluate(async () => {
      try {
        return await navigator.clipboard.readText()
      } catch {
        return null // reading needs a permission this browser may not give; the notice says what was copied
      }
    })
    if (clipboard !== null) expect(clipboard).toBe('$.messages[2].tool_calls[0].function.arguments')

    // Moved and not saved: the path is in the edited version, and says so.
    await appPage.keyboard.press('Alt+ArrowUp')
    const moved = main.getByRole('article', { name: /^Message 1, assistant/ })
    await expect(moved).toHaveAttribute('aria-current', 'true')
    await main.getByRole('toolbar', { name: 'Message 1 actions' }).getByText('Copy JSON path').click()
    await main
      .getByRole('group', { name: 'JSON paths of message 1' })
      .getByRole('button', { name: 'the message' })
      .click()
    await expect(notices).toContainText(
      'Copied $.messages[1] (the path in the edited version, not saved yet)',
    )
  })
})

test.describe('docs picture', () => {
  test.use({ copies: [NAME] })
  test.skip(!MAKING_SCREENSHOTS, 'made only when MI_SCREENSHOTS is set')

  test('the command palette', async ({ appPage }) => {
    await appPage.emulateMedia({ colorScheme: 'light' })
    await appPage.setViewportSize({ width: 1200, height: 720 })
    const main = appPage.getByRole('main', { name: NAME })
    await main.getByRole('article', { name: /^Message 2, assistant/ }).click()
    await appPage.keyboard.press('Control+Shift+P')
    await appPage.getByRole('dialog', { name: 'Commands' }).getByRole('combobox').fill('message')
    await docsScreenshot(appPage, 'palette')
  })
})
