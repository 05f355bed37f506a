import { expect, test as base } from '../support/app'
import { copiedPaths, copyPath, readMemory } from '../support/editing'

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

test.describe('a save MARSYS would refuse', () => {
  test.use({ copies: ['01_plain_conversation.json'] })

  test('lists the reasons, and Save anyway writes it', async ({ appPage, workDir }) => {
    const filePath = copyPath(workDir, '01_plain_conversation.json')
    const main = appPage.getByRole('main', { name: '01_plain_conversation.json' })
    const card = main.getByRole('article', { name: /^Message 1,/ })
    await card.click()
    await card
      .getByRole('toolbar', { name: 'Message 1 actions' })
      .getByRole('button', { name: 'Edit raw JSON' })
      .click()
    const editor = card.getByRole('form', { name: 'Edit message 1' })
    const json = editor.getByRole('textbox', { name: 'Message 1 JSON' })
    await expect(json).toContainText('"role"')

    // A syntax error is shown where it is, and Apply refuses it.
    await json.fill('{\n  "content": "no role here",\n}')
    await expect(editor).toContainText('JSON error: Line 3, column 1')
    await editor.getByRole('button', { name: 'Apply' }).click()
    await expect(editor.getByRole('alert')).toContainText('not valid JSON')

    await json.fill('{\n  "content": "no role here"\n}')
    await expect(editor).toContainText('Valid JSON')
    await editor.getByRole('button', { name: 'Apply' }).click()
    await expect(editor).toHaveCount(0)
    await expect(card).toContainText('no role here')

    await appPage.keyboard.press('Control+s')
    const dialog = appPage.getByRole('dialog', { name: 'MARSYS would refuse this file' })
    await expect(dialog.getByRole('list', { name: 'Reasons' })).toContainText('message 1')
    await expect(dialog.getByRole('list', { name: 'Reasons' })).toContainText('$.messages[1]')
    expect(readMemory(filePath).messages[1].role).toBeDefined()

    await dialog.getByRole('button', { name: 'Save anyway' }).click()
    await expect(dialog).toHaveCount(0)
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText(
      'Saved 1 changed message',
    )
    const saved = readMemory(filePath).messages[1]
    expect(saved).toEqual({ content: 'no role here' })
  })
})
