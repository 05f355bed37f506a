import { expect, test as base } from '../support/app'
import { copiedPaths } from '../support/editing'

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

test.describe('unsaved edits', () => {
  test.use({ copies: ['01_plain_conversation.json'] })

  test('the browser asks before a reload or closing the tab, and not while nothing is unsaved', async ({
    appPage,
  }) => {
    const dialogs: string[] = []
    appPage.on('dialog', (dialog) => {
      dialogs.push(dialog.type())
      void dialog.accept()
    })
    const main = appPage.getByRole('main', { name: '01_plain_conversation.json' })
    const first = main.getByRole('article', { name: /^Message 0,/ })

    // Clean: a reload does not ask.
    await first.click()
    await appPage.reload()
    expect(dialogs).toEqual([])

    await first.getByRole('button', { name: 'Edit', exact: true }).click()
    await first.getByLabel('Content text').fill('Changed, not saved.')
    await first.getByRole('button', { name: 'Apply' }).click()
    await expect(first.locator('.text-raw')).toHaveText('Changed, not saved.')
    await appPage.reload()
    expect(dialogs).toEqual(['beforeunload'])

    // Still unsaved after the reload (main keeps the edits): closing the tab asks too.
    await expect(first.locator('.text-raw')).toHaveText('Changed, not saved.')
    await first.click() // the browser only asks pages the user has interacted with
    await appPage.close({ runBeforeUnload: true })
    await expect.poll(() => dialogs).toEqual(['beforeunload', 'beforeunload'])
  })

  test('closing a tab with unsaved edits asks first', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: '01_plain_conversation.json' })
    await main.getByRole('article', { name: /^Message 2,/ }).click()
    await appPage.keyboard.press('Delete')
    await expect(main.getByTestId('message-count')).toHaveText('3 messages')
    const tabs = appPage.getByRole('navigation', { name: 'Pages and open documents' })
    await tabs.getByRole('button', { name: 'Close 01_plain_conversation.json' }).click()
    const dialog = appPage.getByRole('dialog', { name: 'Unsaved edits' })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('button', { name: 'Keep it open' }).click()
    await expect(main).toBeVisible()
    await tabs.getByRole('button', { name: 'Close 01_plain_conversation.json' }).click()
    await appPage
      .getByRole('dialog', { name: 'Unsaved edits' })
      .getByRole('button', { name: 'Discard edits and close' })
      .click()
    await expect(main).toHaveCount(0)
  })
})
