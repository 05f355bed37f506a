import { expect, test as base } from '../support/app'
import { copiedPaths, copyPath, readMemory, readText } from '../support/editing'
import { messageTexts } from '../support/memoryFileText'

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

test.describe('structure edits', () => {
  test.use({ copies: ['01_plain_conversation.json'] })

  test('Delete removes the selected message; the saved file has one message fewer', async ({
    appPage,
    workDir,
  }) => {
    const filePath = copyPath(workDir, '01_plain_conversation.json')
    const before = messageTexts(readText(filePath))
    const main = appPage.getByRole('main', { name: '01_plain_conversation.json' })
    await expect(main.getByTestId('message-count')).toHaveText('4 messages')
    await main.getByRole('article', { name: /^Message 1,/ }).click()
    await appPage.keyboard.press('Delete')
    await expect(main.getByTestId('message-count')).toHaveText('3 messages')
    // The message that followed takes its place and stays selected.
    await expect(main.getByRole('article', { name: /^Message 1,/ })).toHaveAttribute('aria-current', 'true')

    await appPage.keyboard.press('Control+s')
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText('Saved')
    const after = messageTexts(readText(filePath))
    expect(after).toEqual([before[0], before[2], before[3]])
    expect(readMemory(filePath).messages).toHaveLength(3)
  })

  test('Shift+click selects a range in the table; bulk move and Alt+↑ move it together; undo restores', async ({
    appPage,
  }) => {
    const main = appPage.getByRole('main', { name: '01_plain_conversation.json' })
    await main.getByRole('button', { name: 'Table', exact: true }).click()
    const table = main.getByRole('table', { name: 'Messages' })
    const rows = table.getByRole('row')
    // The Preview column, row by row: what each position holds.
    const previewOf = async (): Promise<string[]> => {
      const texts: string[] = []
      for (const row of (await rows.all()).slice(1))
        texts.push(await row.getByRole('cell').nth(3).innerText())
      return texts
    }
    await expect(rows).toHaveCount(5)
    const start = await previewOf()

    await rows.nth(1).click()
    await rows.nth(2).click({ modifiers: ['Shift'] })
    const selection = main.getByRole('group', { name: 'Selected messages' })
    await expect(selection).toContainText('2 selected')
    await selection.getByRole('button', { name: 'Move down' }).click()
    await expect.poll(previewOf).toEqual([start[2], start[0], start[1], start[3]])

    await appPage.keyboard.press('Alt+ArrowUp')
    await expect.poll(previewOf).toEqual(start)
    await main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Undo' }).click()
    await expect.poll(previewOf).not.toEqual(start)
    await main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Undo' }).click()
    await expect.poll(previewOf).toEqual(start)
    await expect(main.getByRole('toolbar', { name: 'Editing' })).toContainText('No unsaved edits')
  })

  test('Ctrl+click picks messages in the timeline for a bulk delete; Insert below opens the new message', async ({
    appPage,
  }) => {
    const main = appPage.getByRole('main', { name: '01_plain_conversation.json' })
    const count = main.getByTestId('message-count')
    await main.getByRole('article', { name: /^Message 1,/ }).click()
    await main.getByRole('article', { name: /^Message 3,/ }).click({ modifiers: ['Control'] })
    const selection = main.getByRole('group', { name: 'Selected messages' })
    await expect(selection).toContainText('2 selected')
    await selection.getByRole('button', { name: 'Delete 2' }).click()
    await expect(count).toHaveText('2 messages')

    const first = main.getByRole('article', { name: /^Message 0,/ })
    await first.click()
    await first
      .getByRole('toolbar', { name: 'Message 0 actions' })
      .getByRole('button', { name: 'Insert below' })
      .click()
    await expect(count).toHaveText('3 messages')
    const inserted = main.getByRole('article', { name: /^Message 1, user/ })
    const editor = inserted.getByRole('form', { name: 'Edit message 1' })
    await expect(editor.getByLabel('Content text')).toBeFocused()
    await editor.getByLabel('Content text').fill('A question added by hand.')
    await editor.getByRole('button', { name: 'Apply' }).click()
    await expect(inserted.locator('.text-raw')).toHaveText('A question added by hand.')
    await expect(
      main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Undo' }),
    ).toHaveAttribute('title', /Edit content of #1/)
  })
})
