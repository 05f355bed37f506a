import { expect, test as base } from '../support/app'
import { copiedPaths } from '../support/editing'

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

test.describe('lint quick fixes', () => {
  test.use({ copies: ['16_resaved_03_after_load.json'] })

  test('Add placeholder result answers an unanswered call; Delete drops an orphan result; undo brings them back', async ({
    appPage,
  }) => {
    const main = appPage.getByRole('main', { name: '16_resaved_03_after_load.json' })
    await expect(main.getByTestId('message-count')).toHaveText('11 messages')
    await main.getByRole('button', { name: /^Lint/ }).click()
    const problems = appPage
      .getByRole('complementary', { name: 'Lint' })
      .getByRole('list', { name: 'Problems' })
    await expect(problems.getByRole('button', { name: 'Add placeholder result for #2' })).toBeVisible()

    await problems.getByRole('button', { name: 'Add placeholder result for #2' }).click()
    await expect(main.getByTestId('message-count')).toHaveText('13 messages')
    const placeholder = main.getByRole('article', { name: /^Message 5, tool/ })
    await expect(placeholder).toContainText('[no result was recorded for this call]')
    await expect(placeholder).toContainText('answers call_wx_paris')
    await expect(problems.getByRole('button', { name: 'Add placeholder result for #2' })).toHaveCount(0)

    const undo = main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Undo' })
    await expect(undo).toHaveAttribute('title', /Add placeholder results for #2/)
    await undo.click()
    await expect(main.getByTestId('message-count')).toHaveText('11 messages')
    await expect(problems.getByRole('button', { name: 'Add placeholder result for #2' })).toBeVisible()

    await problems.getByRole('button', { name: 'Delete tool result #3 and its content' }).click()
    await expect(main.getByTestId('message-count')).toHaveText('10 messages')
    await appPage.keyboard.press('Control+z')
    await expect(main.getByTestId('message-count')).toHaveText('11 messages')
    await expect(main.getByRole('toolbar', { name: 'Editing' })).toContainText('No unsaved edits')
  })
})
